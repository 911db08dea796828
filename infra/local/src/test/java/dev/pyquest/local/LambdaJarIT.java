package dev.pyquest.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pyquest.domain.Json;
import dev.pyquest.shared.store.CatalogRepository;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The deployable artifact, as Lambda runs it: a shaded jar from functions/*, in its own JVM, its
 * handler built by the no-argument constructor (Micronaut context, Platform from environment
 * variables only), talking over HTTP to DynamoDB through AWS_ENDPOINT_URL, here DynamoDB Local in
 * server mode. The same holds for LocalStack where Docker exists.
 */
class LambdaJarIT {
    private static final Path ROOT = LocalStack.findRoot();
    private static DynamoDBProxyServer server;
    private static int port;
    private static DynamoDbClient dynamo;

    @BeforeAll
    static void start() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        server = ServerRunner.createServerFromCommandLineArgs(new String[]{"-inMemory", "-port", Integer.toString(port), "-disableTelemetry"});
        server.start();
        dynamo = DynamoDbClient.builder().endpointOverride(URI.create("http://127.0.0.1:" + port)).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"))).build();
        Template template = Template.read(ROOT.resolve("template.yaml"));
        LocalTables.create(template, dynamo);
        dev.pyquest.local.content.LoadContent.load(ROOT.resolve("content"), new CatalogRepository(dynamo, "CatalogTable", "JudgeTable"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (dynamo != null) dynamo.close();
        if (server != null) server.stop();
    }

    private JsonNode invoke(String jar, String handler, Path event) throws Exception {
        String out = run(jar, handler, event);
        String result = out.lines().filter(l -> l.startsWith("RESULT ")).findFirst()
                .orElseThrow(() -> new AssertionError("no result from " + handler + ":\n" + out));
        return Json.MAPPER.readTree(result.substring("RESULT ".length()));
    }

    /** The invoker's whole output: INIT_MS, then RESULT or THREW. */
    private String run(String jar, String handler, Path event) throws Exception {
        Path jarPath = ROOT.resolve(jar);
        assertTrue(Files.isRegularFile(jarPath), jar + " is missing: run the whole build (./pyquest test) so functions/* are packaged first");
        String javaBin = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(javaBin, "-cp",
                jarPath + java.io.File.pathSeparator + Path.of(LambdaInvoker.class.getProtectionDomain().getCodeSource().getLocation().toURI()),
                LambdaInvoker.class.getName(), handler, event.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.clear();
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        // The function's environment as the template declares it (Globals + its own); a !Ref is the
        // logical id, which is the table's name in DynamoDB Local (LocalTables names them so).
        Template template = Template.read(ROOT.resolve("template.yaml"));
        JsonNode function = template.resources("AWS::Serverless::Function").values().stream()
                .filter(f -> f.path("Properties").path("Handler").asText().equals(handler)).findFirst()
                .orElseThrow(() -> new AssertionError("no function with Handler " + handler + " in template.yaml"));
        template.environment(function).forEach((name, value) -> env.put(name, LocalStack.resolve(template, value)));
        env.put("AWS_ENDPOINT_URL", "http://127.0.0.1:" + port);
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_ACCESS_KEY_ID", "local");
        env.put("AWS_SECRET_ACCESS_KEY", "local");
        env.put("POWERTOOLS_LOG_LEVEL", "WARN");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the handler did not finish");
        assertEquals(0, p.exitValue(), handler + " failed in its own jar:\n" + out);
        return out;
    }

    /** Each Lambda jar's budget: a smaller package downloads and loads faster at a cold start (it was ~33 MB). */
    static final long JAR_BUDGET_BYTES = 20_000_000;

    /**
     * Every jar the template deploys fits the budget, and every function of it inits from it alone as
     * Lambda builds it (no-argument constructor, environment from the template) and handles a probe
     * through Powertools' logging with a Lambda context: a class the slimming left out fails here, not
     * in AWS. Prints each jar's size and each function's init time (one cold JVM each).
     */
    @Test
    void everyJarFitsTheBudgetAndEveryFunctionInitsAndHandlesAProbeFromItsJarAlone(@TempDir Path tmp) throws Exception {
        Template template = Template.read(ROOT.resolve("template.yaml"));
        Map<String, Long> sizes = new java.util.TreeMap<>();
        Path anyRoute = tmp.resolve("route-probe.json");
        ObjectNode request = (ObjectNode) Json.MAPPER.readTree(ROOT.resolve("events/submit-request.json").toFile());
        request.put("routeKey", "GET /no-such-route");
        request.remove("body");
        request.remove("pathParameters");
        Files.writeString(anyRoute, request.toString());
        Path busProbe = tmp.resolve("bus-probe.json");
        Files.writeString(busProbe, "{\"source\":\"probe\",\"detail-type\":\"Probe\",\"time\":\"2026-11-23T10:15:30Z\",\"detail\":{}}");
        Path streamProbe = tmp.resolve("stream-probe.json");
        // The invoker binds with a plain mapper (bean property "records"); Lambda's own serializer maps "Records".
        Files.writeString(streamProbe, "{\"records\":[]}");
        Path taskProbe = tmp.resolve("task-probe.json");
        Files.writeString(taskProbe, "{}");
        for (Map.Entry<String, JsonNode> f : template.resources("AWS::Serverless::Function").entrySet()) {
            String codeUri = f.getValue().path("Properties").path("CodeUri").asText();
            String handler = f.getValue().path("Properties").path("Handler").asText();
            sizes.computeIfAbsent(codeUri, c -> ROOT.resolve(c).toFile().length());
            boolean http = !Template.events(f.getValue(), "HttpApi").isEmpty();
            boolean bus = !Template.events(f.getValue(), "EventBridgeRule").isEmpty();
            Path probe = http ? anyRoute : bus ? busProbe : handler.endsWith("OutboxRelayFunction") ? streamProbe : taskProbe;
            String out = run(codeUri, handler, probe);
            String init = out.lines().filter(l -> l.startsWith("INIT_MS ")).findFirst()
                    .orElseThrow(() -> new AssertionError(handler + " printed no init time:\n" + out));
            System.out.printf("lambda init %-44s %8s ms (in-JVM: classes, context, clients)%n", handler, init.substring(8));
            if (http) {
                assertTrue(out.contains("RESULT {\"statusCode\":404"), handler + " answers an unknown route with 404:\n" + out);
            } else if (bus) {
                assertTrue(out.contains("RESULT {\"outcome\":\"IGNORED\"}"), handler + " ignores an event not of ours:\n" + out);
            } else if (probe == streamProbe) {
                assertTrue(out.contains("RESULT null"), out);
            } else {
                assertTrue(out.contains("THREW java.lang.IllegalArgumentException task input lacks submissionId"),
                        handler + " refuses a task without a submission:\n" + out);
            }
        }
        sizes.forEach((jar, bytes) -> System.out.printf("lambda jar %-44s %6.2f MB (budget %.0f MB)%n", jar, bytes / 1e6, JAR_BUDGET_BYTES / 1e6));
        assertEquals(3, sizes.size(), sizes.toString());
        sizes.forEach((jar, bytes) -> assertTrue(bytes > 1_000_000 && bytes <= JAR_BUDGET_BYTES,
                jar + " is " + bytes + " bytes; the budget is " + JAR_BUDGET_BYTES));
    }

    @Test
    void theCatalogJarServesAnActivityFromDynamoDbOverHttp(@TempDir Path tmp) throws Exception {
        ObjectNode event = (ObjectNode) Json.MAPPER.readTree(ROOT.resolve("events/submit-request.json").toFile());
        event.put("routeKey", "GET /activities/{slug}");
        event.remove("body");
        Path file = tmp.resolve("event.json");
        Files.writeString(file, event.toString());
        JsonNode response = invoke("functions/api/target/api-lambda.jar", "dev.pyquest.api.CatalogFunction", file);
        assertEquals(200, response.path("statusCode").asInt(), response.toString());
        JsonNode body = Json.MAPPER.readTree(response.path("body").asText());
        assertEquals("sum-of-evens", body.path("slug").asText());
        assertEquals("sum_of_evens", body.path("function").asText());
    }

    @Test
    void theRewardsJarIgnoresWhatItsRuleDoesNotGrant() throws Exception {
        JsonNode response = invoke("functions/events/target/events-lambda.jar", "dev.pyquest.events.RewardsFunction",
                ROOT.resolve("events/code-failed.json"));
        assertEquals("IGNORED", response.path("outcome").asText(), response.toString());
    }

    /** Both leaderboard jars: the consumer applies a RewardGranted once; the API's parallel shard queries read it back. */
    @Test
    void theLeaderboardJarsWriteOnceAndReadTheBoardOverHttp(@TempDir Path tmp) throws Exception {
        ObjectNode granted = (ObjectNode) Json.MAPPER.readTree(ROOT.resolve("events/reward-granted.json").toFile());
        granted.put("time", java.time.Instant.now().toString());
        ((ObjectNode) granted.path("detail")).put("userId", "jar-learner").put("eventId", "reward#jar-learner#FIRST_PASS#ex-0001");
        Path eventFile = tmp.resolve("granted.json");
        Files.writeString(eventFile, granted.toString());
        String consumer = "dev.pyquest.events.LeaderboardConsumerFunction";
        assertEquals("APPLIED", invoke("functions/events/target/events-lambda.jar", consumer, eventFile).path("outcome").asText());
        assertEquals("ALREADY_APPLIED", invoke("functions/events/target/events-lambda.jar", consumer, eventFile).path("outcome").asText());

        ObjectNode request = (ObjectNode) Json.MAPPER.readTree(ROOT.resolve("events/submit-request.json").toFile());
        request.put("routeKey", "GET /leaderboard");
        request.remove("body");
        request.remove("pathParameters"); // GET /leaderboard has none
        request.putObject("queryStringParameters").put("period", "week");
        ((ObjectNode) request.path("requestContext").path("authorizer").path("jwt").path("claims")).put("sub", "jar-learner");
        Path requestFile = tmp.resolve("request.json");
        Files.writeString(requestFile, request.toString());
        JsonNode response = invoke("functions/api/target/api-lambda.jar", "dev.pyquest.api.LeaderboardFunction", requestFile);
        assertEquals(200, response.path("statusCode").asInt(), response.toString());
        JsonNode body = Json.MAPPER.readTree(response.path("body").asText());
        long sampleXp = 0;
        for (JsonNode r : granted.path("detail").path("rewards")) if ("XP".equals(r.path("kind").asText())) sampleXp += r.path("amount").asLong();
        assertTrue(sampleXp > 0, "the sample grants XP");
        assertEquals(Json.MAPPER.readTree("{\"rank\":1,\"xp\":" + sampleXp + "}"), body.path("me"), body.toString());
        assertEquals("jar-learner", body.path("top").get(0).path("userId").asText());
    }
}
