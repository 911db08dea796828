package dev.pyquest.tools.ops;

import dev.pyquest.domain.achievements.AchievementEngine;
import dev.pyquest.domain.achievements.Achievements;
import dev.pyquest.domain.rewards.Economy;
import dev.pyquest.shared.achievements.AchievementBeans;
import dev.pyquest.shared.achievements.AchievementEngines;
import dev.pyquest.shared.achievements.AchievementsBackfill;
import dev.pyquest.shared.config.AwsClients;
import dev.pyquest.shared.config.Env;
import dev.pyquest.shared.config.Tables;
import dev.pyquest.shared.rewards.RewardsService;
import dev.pyquest.shared.store.AchievementRepository;
import dev.pyquest.shared.store.CatalogRepository;
import dev.pyquest.shared.store.LearnerRepository;
import dev.pyquest.shared.store.LearningRepository;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.PrintStream;
import java.time.Clock;
import java.util.List;

/**
 * {@link AchievementsBackfill} over every learner, or one, as an operator runs it after deploying new rules:
 * <pre>LEARNERS_TABLE=… LEDGER_TABLE=… OUTBOX_TABLE=… ECONOMY_TABLE=… PROGRESS_TABLE=… CATALOG_TABLE=… SUBMISSIONS_TABLE=…
 *   ./pyquest achievements-backfill [--user ID] [--dry-run]</pre>
 * with AWS credentials (or {@code AWS_ENDPOINT_URL}). The rules are the ones bundled in this build (the consumer's,
 * once deployed from the same commit), the skills those of the catalog table. Every learner is one scan of the
 * learners table, then one learner at a time. Prints each learner it changes (or, with {@code --dry-run}, would
 * change: nothing is written, nothing paid), learners done / total every {@value #PROGRESS_EVERY} learners and at the
 * end, and a summary.
 * Exit 0: done; 1: some learners failed (each printed; the others are done, and a re-run is safe); 2: cannot run.
 */
public final class AchievementsBackfillCommand {
    static final int PROGRESS_EVERY = 100;
    private static final String NAME = "achievements-backfill";

    private AchievementsBackfillCommand() {}

    public static void main(String[] args) {
        System.exit(execute(Env.system(), AchievementBeans.bundled(), Clock.systemUTC(), args, System.out, System.err));
    }

    /** What a run did, summed over its learners. */
    record Summary(int learners, int changed, int unlocks, int progressValues, int markers, int repaid, int grantsPaid, int failed) {
        String line(boolean dryRun) {
            return dryRun
                    ? String.format("%s (dry run, nothing written): %d learners, %d would change, %d unlocks, %d progress values, "
                    + "%d markers, %d unlocks to pay again, %d failed", NAME, learners, changed, unlocks, progressValues, markers, repaid, failed)
                    : String.format("%s: %d learners, %d changed, %d unlocks, %d progress values, %d markers, %d grants paid "
                    + "(%d unlocks paid again), %d failed", NAME, learners, changed, unlocks, progressValues, markers, grantsPaid, repaid, failed);
        }
    }

    /** The command: 0 when every learner is done, 1 when any failed, 2 when it cannot run. */
    static int execute(Env env, Achievements rules, Clock clock, String[] args, PrintStream out, PrintStream err) {
        String user = null;
        boolean dryRun = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--dry-run" -> dryRun = true;
                case "--user" -> {
                    if (i + 1 >= args.length || args[i + 1].isBlank()) return usage(err, "--user needs a learner id");
                    user = args[++i];
                }
                default -> {
                    return usage(err, "unknown argument " + args[i]);
                }
            }
        }
        Tables tables;
        try {
            tables = tables(env);
        } catch (IllegalStateException e) {
            err.println(NAME + ": " + e.getMessage());
            return 2;
        }
        try (DynamoDbClient dynamo = AwsClients.dynamo(env)) {
            CatalogRepository catalog = new CatalogRepository(dynamo, tables.catalog(), tables.judge());
            if (catalog.list().isEmpty()) {
                err.println(NAME + ": the catalog table " + tables.catalog() + " is empty: load the course first (./pyquest load-content);"
                        + " without its skills no mastery could be recomputed");
                return 2;
            }
            AchievementEngine engine = AchievementEngines.fromCatalog(rules, catalog, clock).current();
            LearnerRepository learners = new LearnerRepository(dynamo, tables.learners(), tables.ledger());
            RewardsService rewards = new RewardsService(dynamo, tables.ledger(), tables.learners(), tables.outbox(), tables.submissions(),
                    tables.economy(), Economy.bundled(), clock);
            AchievementsBackfill backfill = new AchievementsBackfill(new AchievementRepository(dynamo, tables.economy(), tables.outbox()),
                    learners, new LearningRepository(dynamo, tables.progress(), tables.outbox()), rewards, engine,
                    AchievementsBackfill.difficulties(catalog), AchievementsBackfill.sourceEventId(clock.instant()), clock);
            List<String> ids = user != null ? List.of(user) : learners.allIds().stream().sorted().toList();
            Summary s = run(backfill, ids, dryRun, out, err);
            out.println(s.line(dryRun));
            return s.failed() == 0 ? 0 : 1;
        } catch (SdkException e) {
            err.println(NAME + ": cannot reach the tables: " + e.getMessage());
            return 2;
        }
    }

    static Summary run(AchievementsBackfill backfill, List<String> ids, boolean dryRun, PrintStream out, PrintStream err) {
        int changed = 0, unlocks = 0, values = 0, markers = 0, repaid = 0, paid = 0, failed = 0, done = 0;
        out.printf("%s: %d learners%s%n", NAME, ids.size(), dryRun ? " (dry run)" : "");
        for (String id : ids) {
            try {
                AchievementsBackfill.Result r = backfill.run(id, dryRun);
                if (dryRun ? r.due() : r.changed()) {
                    changed++;
                    out.printf("learner %s: %s %s, %d progress values, %d markers, pay again %s%s%n", id,
                            dryRun ? "would unlock" : "unlocked", r.unlocked(), r.progressValues(), r.markers(), r.repaid(),
                            dryRun ? "" : ", " + r.grantsPaid() + " grants paid");
                }
                unlocks += r.unlocked().size();
                values += r.progressValues();
                markers += r.markers();
                repaid += r.repaid().size();
                paid += r.grantsPaid();
            } catch (RuntimeException e) {
                // One learner's bad data or one transaction too large stops that learner, not the run.
                failed++;
                err.println(NAME + ": learner " + id + " failed (a re-run is safe): " + e.getMessage());
            }
            done++;
            if (done % PROGRESS_EVERY == 0 || done == ids.size()) out.printf("%s: %d/%d learners%n", NAME, done, ids.size());
        }
        return new Summary(ids.size(), changed, unlocks, values, markers, repaid, paid, failed);
    }

    private static int usage(PrintStream err, String problem) {
        err.println(NAME + ": " + problem);
        err.println("usage: ./pyquest " + NAME + " [--user ID] [--dry-run]");
        return 2;
    }

    /** The tables the backfill reads and writes are required; the others are not needed here. */
    static Tables tables(Env env) {
        return Tables.from(env, java.util.Set.of(Env.SUBMISSIONS_TABLE, Env.LEARNERS_TABLE, Env.LEDGER_TABLE, Env.OUTBOX_TABLE,
                Env.CATALOG_TABLE, Env.PROGRESS_TABLE, Env.ECONOMY_TABLE));
    }
}
