package dev.pyquest.shared.config;

/** Table names, from the environment. */
public record Tables(String submissions, String learners, String ledger, String outbox,
                     String catalog, String judge, String progress, String idempotency,
                     String economy, String leaderboard, String mastery) {
    public static Tables from(Env env) {
        return new Tables(env.required(Env.SUBMISSIONS_TABLE), env.required(Env.LEARNERS_TABLE),
                env.required(Env.LEDGER_TABLE), env.required(Env.OUTBOX_TABLE), env.required(Env.CATALOG_TABLE),
                env.required(Env.JUDGE_TABLE), env.required(Env.PROGRESS_TABLE),
                env.required(Env.IDEMPOTENCY_TABLE), env.required(Env.ECONOMY_TABLE),
                env.required(Env.LEADERBOARD_TABLE), env.required(Env.MASTERY_TABLE));
    }
}
