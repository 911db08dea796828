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
        template.environment(function).forEach((name, value) -> env.put(name,
                value.isTextual() ? value.asText() : Template.target(value).orElseThrow(() -> new AssertionError(name + ": " + value))));
        env.put("AWS_ENDPOINT_URL", "http://127.0.0.1:" + port);
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_ACCESS_KEY_ID", "local");
        env.put("AWS_SECRET_ACCESS_KEY", "local");
        env.put("POWERTOOLS_LOG_LEVEL", "WARN");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the handler did not finish");
        String result = out.lines().filter(l -> l.startsWith("RESULT ")).findFirst()
                .orElseThrow(() -> new AssertionError("no result from " + handler + ":\n" + out));
        return Json.MAPPER.readTree(result.substring("RESULT ".length()));
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
        String consumer = "dev.pyquest.events.LeaderboardFunction";
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
