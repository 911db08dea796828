package dev.pyquest.tools.ops;

import dev.pyquest.local.economy.InvariantCheck;
import dev.pyquest.local.economy.InvariantCheck.Report;
import dev.pyquest.shared.config.AwsClients;
import dev.pyquest.shared.config.Env;
import dev.pyquest.shared.config.Tables;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.PrintStream;

/**
 * {@link InvariantCheck} as an operator runs it, over deployed tables:
 * <pre>LEARNERS_TABLE=… LEDGER_TABLE=… OUTBOX_TABLE=… ECONOMY_TABLE=… ./pyquest check-invariants [segments]</pre>
 * with AWS credentials (or {@code AWS_ENDPOINT_URL}). Prints each violation and
 * {@code invariants: N learners, M ledger items, U unlocks, K violations}; exits 0 when there is none, 1 when
 * there is any, 2 when it cannot check (configuration, access). Run it with the achievements consumer
 * drained: an unlock is paid just after its transaction (see {@link InvariantCheck}).
 */
public final class InvariantCheckCommand {
    private InvariantCheckCommand() {}

    public static void main(String[] args) {
        System.exit(execute(Env.system(), args, System.out, System.err));
    }

    /** The command: 0 when every invariant holds, 1 on any violation, 2 when it cannot check. */
    static int execute(Env env, String[] args, PrintStream out, PrintStream err) {
        int segments;
        try {
            segments = args.length > 0 ? Integer.parseInt(args[0]) : InvariantCheck.DEFAULT_SEGMENTS;
            if (segments < 1 || segments > 64) throw new NumberFormatException();
        } catch (NumberFormatException e) {
            err.println("check-invariants: segments must be a number in 1..64, got " + args[0]);
            return 2;
        }
        Tables tables;
        try {
            tables = tables(env);
        } catch (IllegalStateException e) {
            err.println("check-invariants: " + e.getMessage());
            return 2;
        }
        try (DynamoDbClient dynamo = AwsClients.dynamo(env)) {
            Report r = InvariantCheck.run(dynamo, tables, segments);
            r.violations().forEach(out::println);
            out.println(r.summary());
            return r.clean() ? 0 : 1;
        } catch (SdkException e) {
            err.println("check-invariants: cannot read " + tables.learners() + ", " + tables.ledger() + ", " + tables.outbox()
                    + ", " + tables.economy() + ": " + e.getMessage());
            return 2;
        }
    }

    /** The four tables the check reads are required (the economy table holds the achievements); the others are not needed here. */
    static Tables tables(Env env) {
        return Tables.from(env, java.util.Set.of(Env.LEARNERS_TABLE, Env.LEDGER_TABLE, Env.OUTBOX_TABLE, Env.ECONOMY_TABLE));
    }
}
