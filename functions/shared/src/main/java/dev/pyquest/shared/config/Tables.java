package dev.pyquest.shared.config;

import java.util.Set;

/** Table names, from the environment. */
public record Tables(String submissions, String learners, String ledger, String outbox,
                     String catalog, String judge, String progress, String idempotency,
                     String economy, String leaderboard, String mastery, String payments) {
    private static final Set<String> ALL = Set.of(Env.SUBMISSIONS_TABLE, Env.LEARNERS_TABLE, Env.LEDGER_TABLE, Env.OUTBOX_TABLE,
            Env.CATALOG_TABLE, Env.JUDGE_TABLE, Env.PROGRESS_TABLE, Env.IDEMPOTENCY_TABLE, Env.ECONOMY_TABLE,
            Env.LEADERBOARD_TABLE, Env.MASTERY_TABLE, Env.PAYMENTS_TABLE);

    /** Every table, each required (a function's environment, which template.yaml declares). */
    public static Tables from(Env env) {
        return from(env, ALL);
    }

    /**
     * The tables a command needs, {@code required} (names of {@link Env}'s {@code *_TABLE} variables) failing
     * when unset; the others are null when unset.
     */
    public static Tables from(Env env, Set<String> required) {
        if (!ALL.containsAll(required)) throw new IllegalArgumentException("not table variables: " + required);
        java.util.function.Function<String, String> name = v -> required.contains(v) ? env.required(v) : env.optional(v).orElse(null);
        return new Tables(name.apply(Env.SUBMISSIONS_TABLE), name.apply(Env.LEARNERS_TABLE), name.apply(Env.LEDGER_TABLE),
                name.apply(Env.OUTBOX_TABLE), name.apply(Env.CATALOG_TABLE), name.apply(Env.JUDGE_TABLE),
                name.apply(Env.PROGRESS_TABLE), name.apply(Env.IDEMPOTENCY_TABLE), name.apply(Env.ECONOMY_TABLE),
                name.apply(Env.LEADERBOARD_TABLE), name.apply(Env.MASTERY_TABLE), name.apply(Env.PAYMENTS_TABLE));
    }
}
