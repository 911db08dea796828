package dev.pyquest.tools.ops;

import dev.pyquest.domain.content.Difficulty;
import dev.pyquest.domain.rewards.RewardRules;
import dev.pyquest.local.LocalStack;
import dev.pyquest.local.LocalTables;
import dev.pyquest.local.Template;
import dev.pyquest.shared.rewards.RewardsService;
import dev.pyquest.shared.store.Attr;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

import java.io.File;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code ./pyquest check-invariants}: the economy's and the achievements' invariant check over tables named by the environment. */
class InvariantCheckCommandIT {
    /**
     * The command as an operator runs it: its own JVM, the classpath {@code ./pyquest} uses, table names
     * from the environment, DynamoDB reached over HTTP through AWS_ENDPOINT_URL (DynamoDB Local in
     * server mode); exit 0 when clean, 1 naming the learner (or the counter), 2 when a table name is missing.
     */
    @Test
    void theCommandReadsItsTablesFromTheEnvironmentAndExitsByTheVerdict() throws Exception {
        Path root = LocalStack.findRoot();
        Path classpath = root.resolve("infra/tools/target/classpath.txt");
        assertTrue(Files.isRegularFile(classpath), classpath + " is missing: it is written in prepare-package (run through verify)");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        DynamoDBProxyServer server = ServerRunner.createServerFromCommandLineArgs(
                new String[]{"-inMemory", "-port", Integer.toString(port), "-disableTelemetry"});
        server.start();
        try (DynamoDbClient remote = DynamoDbClient.builder().endpointOverride(URI.create("http://127.0.0.1:" + port))
                .region(Region.US_EAST_1).credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"))).build()) {
            LocalTables.create(Template.read(root.resolve("template.yaml")), remote);
            new RewardsService(remote, "LedgerTable", "LearnersTable", "OutboxTable", "SubmissionsTable", "EconomyTable",
                    dev.pyquest.domain.rewards.Economy.bundled(), Clock.systemUTC())
                    .grant(new RewardRules(dev.pyquest.domain.rewards.Economy.bundled()).firstPass("zoe", "ex-0001", "sum-of-evens", Difficulty.MEDIUM, "judged#s-z1", null));
            Map<String, String> env = Map.of("LEARNERS_TABLE", "LearnersTable", "LEDGER_TABLE", "LedgerTable", "OUTBOX_TABLE", "OutboxTable",
                    "ECONOMY_TABLE", "EconomyTable", "AWS_ENDPOINT_URL", "http://127.0.0.1:" + port, "AWS_REGION", "us-east-1",
                    "AWS_ACCESS_KEY_ID", "local", "AWS_SECRET_ACCESS_KEY", "local");

            Command clean = command(root, classpath, env);
            assertEquals(0, clean.exit(), clean.output());
            assertTrue(clean.output().contains("invariants: 1 learners, 2 ledger items, 0 unlocks, 0 violations"), clean.output());

            remote.updateItem(b -> b.tableName("LearnersTable").key(Map.of("userId", Attr.s("zoe")))
                    .updateExpression("ADD diamonds :d").expressionAttributeValues(Map.of(":d", Attr.n(-10))));
            // A rarity counter that counts a learner nobody is: the achievements' checks run over ECONOMY_TABLE.
            remote.putItem(b -> b.tableName("EconomyTable").item(Map.of("userId", Attr.s("@rarity#1"), "itemId", Attr.s("2026-11-25"),
                    "learners", Attr.n(1))));
            Command corrupt = command(root, classpath, env);
            assertEquals(1, corrupt.exit(), corrupt.output());
            assertTrue(corrupt.output().contains("invariants: 1 learners, 2 ledger items, 0 unlocks, 3 violations"), corrupt.output());
            assertTrue(corrupt.output().contains("violation RARITY_NOT_HOLDERS @rarity#1: day 2026-11-25: learners is 1 but 0 learner(s)"),
                    corrupt.output());
            assertTrue(corrupt.output().contains("violation BALANCE_OUT_OF_RANGE learner zoe: wallet diamonds is -8"), corrupt.output());
            assertTrue(corrupt.output().contains("violation WALLET_NOT_LEDGER_SUM learner zoe"), corrupt.output());

            Map<String, String> noLedger = new HashMap<>(env);
            noLedger.remove("LEDGER_TABLE");
            Command misconfigured = command(root, classpath, noLedger);
            assertEquals(2, misconfigured.exit(), misconfigured.output());
            assertTrue(misconfigured.output().contains("LEDGER_TABLE"), misconfigured.output());

            Map<String, String> noEconomy = new HashMap<>(env);
            noEconomy.remove("ECONOMY_TABLE");
            Command withoutAchievements = command(root, classpath, noEconomy);
            assertEquals(2, withoutAchievements.exit(), withoutAchievements.output());
            assertTrue(withoutAchievements.output().contains("ECONOMY_TABLE"), withoutAchievements.output());
        } finally {
            server.stop();
        }
    }

    private record Command(int exit, String output) {}

    private static Command command(Path root, Path classpath, Map<String, String> env) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        String cp = root.resolve("infra/tools/target/classes") + File.pathSeparator + Files.readString(classpath).trim();
        ProcessBuilder pb = new ProcessBuilder(java, "-XX:+UseSerialGC", "-cp", cp, InvariantCheckCommand.class.getName())
                .redirectErrorStream(true);
        pb.environment().clear();
        pb.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "check-invariants did not finish:\n" + out);
        return new Command(p.exitValue(), out);
    }
}
