package dev.pyquest.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.databind.JsonNode;
import dev.pyquest.asl.StateMachine;
import dev.pyquest.domain.Json;
import org.junit.jupiter.api.Test;
import software.amazon.event.ruler.Machine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** template.yaml, statemachines/ and events/ agree with each other and with the code. */
class TemplateTest {
    private static final Path ROOT = LocalStack.findRoot();
    private static final Template TEMPLATE = Template.read(ROOT.resolve("template.yaml"));

    /**
     * Lambda builds a handler with its public no-argument constructor; the local stack and the tests
     * through the Micronaut context, with the one {@code @Inject} constructor that names its collaborators.
     */
    @Test
    void everyHandlerIsAFunctionClassLambdaAndTheContainerCanBothBuild(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        Map<String, JsonNode> functions = TEMPLATE.resources("AWS::Serverless::Function");
        assertTrue(functions.size() >= 8, "functions: " + functions.keySet());
        try (Engines engines = new Engines(java.time.Clock.systemUTC());
             io.micronaut.context.ApplicationContext context = dev.pyquest.shared.Container.local(
                     engines.bean(dev.pyquest.shared.config.Env.class), engines.bean(software.amazon.awssdk.services.dynamodb.DynamoDbClient.class),
                     java.time.Clock.systemUTC(), (dev.pyquest.shared.ports.WorkflowStarter) (name, input) -> { },
                     (dev.pyquest.shared.ports.EventPublisher) batch -> { }, new LocalJobStore(tmp),
                     new LocalSubmissionWatch(),
                     new dev.pyquest.local.payments.LocalPaymentProvider(tmp.resolve("payments-webhook-secret"), () -> "http://127.0.0.1:0",
                             dev.pyquest.domain.payments.PriceBook.bundled()),
                     dev.pyquest.shared.ports.CountrySource.TOKEN_CLAIM)) {
            for (Map.Entry<String, JsonNode> f : functions.entrySet()) {
                String handler = f.getValue().path("Properties").path("Handler").asText();
                Class<?> c = Class.forName(handler);
                assertTrue(RequestHandler.class.isAssignableFrom(c), handler + " is not a RequestHandler");
                c.getConstructor();
                long injected = java.util.Arrays.stream(c.getConstructors())
                        .filter(k -> k.isAnnotationPresent(jakarta.inject.Inject.class)).count();
                assertEquals(1, injected, handler + " needs exactly one @Inject constructor naming its collaborators");
                assertTrue(c.isAnnotationPresent(jakarta.inject.Singleton.class), handler + " is not a @Singleton bean");
                assertTrue(c.isInstance(context.getBean(c)), handler + ": the context cannot build it");
                String codeUri = f.getValue().path("Properties").path("CodeUri").asText();
                String module = codeUri.replaceFirst("/target/.*", "");
                assertTrue(Files.isDirectory(ROOT.resolve(module).resolve("src/main/java/" + handler.replace('.', '/')).getParent()),
                        f.getKey() + ": CodeUri " + codeUri + " is not the module holding " + handler);
            }
        }
    }

    @Test
    void everyRuleMatchesItsSampleEventsAndNotTheOthers() throws Exception {
        Map<String, Path> samples = Map.of("CodePassed", ROOT.resolve("events/code-passed.json"),
                "CodeFailed", ROOT.resolve("events/code-failed.json"),
                "QuizPassed", ROOT.resolve("events/quiz-passed.json"),
                "LessonCompleted", ROOT.resolve("events/lesson-completed.json"),
                "ActivitySkipped", ROOT.resolve("events/activity-skipped.json"),
                "RewardGranted", ROOT.resolve("events/reward-granted.json"));
        int rules = 0;
        for (JsonNode f : TEMPLATE.resources("AWS::Serverless::Function").values()) {
            for (Map.Entry<String, JsonNode> e : Template.events(f, "EventBridgeRule").entrySet()) {
                rules++;
                Machine m = new Machine();
                m.addRule(e.getKey(), e.getValue().path("Pattern").toString());
                java.util.Set<String> own = new java.util.HashSet<>();
                e.getValue().path("Pattern").path("detail-type").forEach(t -> own.add(t.asText()));
                for (String type : own) {
                    Path sample = samples.get(type);
                    if (sample == null) fail("no sample event in events/ for rule " + e.getKey() + " (" + type + ")");
                    assertEquals(List.of(e.getKey()), m.rulesForJSONEvent(Files.readString(sample)), e.getKey() + " vs " + sample);
                }
                for (Map.Entry<String, Path> other : samples.entrySet()) {
                    if (!own.contains(other.getKey())) {
                        assertTrue(m.rulesForJSONEvent(Files.readString(other.getValue())).isEmpty(),
                                e.getKey() + " must not match " + other.getValue());
                    }
                }
                assertTrue(e.getValue().path("DeadLetterConfig").has("Arn"), e.getKey() + " has no DLQ");
                assertTrue(e.getValue().path("RetryPolicy").has("MaximumRetryAttempts"), e.getKey() + " has no retry policy");
            }
        }
        assertTrue(rules >= 2);
    }

    @Test
    void theStateMachineNamesOnlyResourcesTheTemplateDefines() throws Exception {
        Map<String, JsonNode> machines = TEMPLATE.resources("AWS::Serverless::StateMachine");
        assertFalse(machines.isEmpty());
        Pattern placeholder = Pattern.compile("\\$\\{([A-Za-z0-9]+)}");
        for (Map.Entry<String, JsonNode> sm : machines.entrySet()) {
            JsonNode props = sm.getValue().path("Properties");
            String definition = Files.readString(ROOT.resolve(props.path("DefinitionUri").asText()));
            Map<String, String> subs = new HashMap<>();
            props.path("DefinitionSubstitutions").fields().forEachRemaining(e -> {
                String target = Template.target(e.getValue()).orElseThrow(() -> new AssertionError(e.getKey() + " is not a !Ref/!GetAtt"));
                assertTrue(TEMPLATE.resource(target).isPresent(), e.getKey() + " names " + target + ", which the template does not define");
                if (e.getKey().endsWith("FunctionArn")) {
                    assertEquals("AWS::Serverless::Function", TEMPLATE.resource(target).get().path("Type").asText(), e.getKey());
                }
                subs.put(e.getKey(), "arn:aws:local:" + target);
            });
            Matcher m = placeholder.matcher(definition);
            while (m.find()) assertTrue(subs.containsKey(m.group(1)), "ASL uses ${" + m.group(1) + "} which the template does not substitute");
            StateMachine parsed = StateMachine.parse(definition, subs);
            assertTrue(parsed.stateNames().containsAll(List.of("Prepare", "Sandbox", "Score", "Record", "RecordError")));
        }
    }

    @Test
    void tablesAreOnDemandWithPointInTimeRecoveryAndTheOutboxHasAStream() {
        Map<String, JsonNode> tables = TEMPLATE.resources("AWS::DynamoDB::Table");
        assertTrue(tables.keySet().containsAll(List.of("SubmissionsTable", "LearnersTable", "LedgerTable", "OutboxTable",
                "CatalogTable", "JudgeTable", "ProgressTable", "IdempotencyTable")), tables.keySet().toString());
        for (Map.Entry<String, JsonNode> t : tables.entrySet()) {
            JsonNode p = t.getValue().path("Properties");
            assertEquals("PAY_PER_REQUEST", p.path("BillingMode").asText(), t.getKey());
            assertTrue(p.path("PointInTimeRecoverySpecification").path("PointInTimeRecoveryEnabled").asBoolean(), t.getKey());
            assertFalse(p.has("TimeToLiveSpecification") && t.getKey().equals("LedgerTable"), "the ledger must be permanent");
        }
        assertEquals("NEW_IMAGE", tables.get("OutboxTable").path("Properties").path("StreamSpecification").path("StreamViewType").asText());
    }

    /**
     * Hidden tests and answer keys live in JudgeTable: the judge's functions may read it, the quiz
     * function only under a leading-key condition that admits quiz ids (qz-*) and nothing else.
     */
    @Test
    void onlyTheJudgeFunctionsMayReadHiddenTests() {
        for (Map.Entry<String, JsonNode> f : TEMPLATE.resources("AWS::Serverless::Function").entrySet()) {
            List<JsonNode> judgeStatements = new java.util.ArrayList<>();
            for (JsonNode policy : f.getValue().path("Properties").path("Policies")) {
                for (JsonNode st : policy.path("Statement")) {
                    if (st.path("Resource").toString().contains("\"JudgeTable\"")) judgeStatements.add(st);
                }
            }
            switch (f.getKey()) {
                case "PrepareFunction", "ScoreFunction" -> assertFalse(judgeStatements.isEmpty(), f.getKey() + " must read JudgeTable");
                case "LearningFunction" -> {
                    assertEquals(1, judgeStatements.size(), f.getKey());
                    JsonNode st = judgeStatements.get(0);
                    assertEquals("[\"dynamodb:GetItem\"]", st.path("Action").toString());
                    assertEquals("[\"qz-*\"]", st.path("Condition").path("ForAllValues:StringLike").path("dynamodb:LeadingKeys").toString(),
                            "LearningFunction may read quiz answer keys only");
                }
                default -> assertTrue(judgeStatements.isEmpty(), f.getKey() + " must not touch JudgeTable");
            }
            if (!f.getKey().equals("LearningFunction")) {
                assertFalse(f.getValue().path("Properties").path("Policies").toString().contains("\"JudgeTable\"")
                        && !List.of("PrepareFunction", "ScoreFunction").contains(f.getKey()), f.getKey() + " access to JudgeTable");
            }
        }
    }

    /**
     * The leaderboard's keys (write-sharded boards, an index on (board, xp), TTL for old weeks and
     * markers), and its two functions' least privilege: the API only queries, the consumer only writes.
     */
    @Test
    void theLeaderboardTableIsShardedByBoardWithAnXpIndexAndTheFunctionsHaveLeastPrivilege() {
        JsonNode p = TEMPLATE.resource("LeaderboardTable").orElseThrow().path("Properties");
        assertEquals("[{\"AttributeName\":\"board\",\"KeyType\":\"HASH\"},{\"AttributeName\":\"userId\",\"KeyType\":\"RANGE\"}]",
                p.path("KeySchema").toString());
        JsonNode index = p.path("GlobalSecondaryIndexes").get(0);
        assertEquals(dev.pyquest.shared.store.LeaderboardRepository.BY_XP, index.path("IndexName").asText());
        assertEquals("[{\"AttributeName\":\"board\",\"KeyType\":\"HASH\"},{\"AttributeName\":\"xp\",\"KeyType\":\"RANGE\"}]",
                index.path("KeySchema").toString());
        assertTrue(p.path("TimeToLiveSpecification").path("Enabled").asBoolean());
        assertEquals("expiresAt", p.path("TimeToLiveSpecification").path("AttributeName").asText());
        assertTrue(TEMPLATE.root().path("Globals").path("Function").path("Environment").path("Variables").has("LEADERBOARD_TABLE"));

        Map<String, String> actions = new HashMap<>();
        for (Map.Entry<String, JsonNode> f : TEMPLATE.resources("AWS::Serverless::Function").entrySet()) {
            for (JsonNode policy : f.getValue().path("Properties").path("Policies")) {
                for (JsonNode st : policy.path("Statement")) {
                    if (st.path("Resource").toString().contains("LeaderboardTable")) actions.merge(f.getKey(), st.path("Action").toString(), String::concat);
                }
            }
        }
        assertEquals(Map.of("LeaderboardFunction", "[\"dynamodb:Query\"]",
                "LeaderboardConsumerFunction", "[\"dynamodb:PutItem\",\"dynamodb:UpdateItem\"]"), actions);
    }

    @Test
    void sampleEventsAreValidJson() throws Exception {
        try (var files = Files.list(ROOT.resolve("events"))) {
            for (Path p : files.filter(x -> x.toString().endsWith(".json")).toList()) Json.MAPPER.readTree(p.toFile());
        }
    }

    @Test
    void theOpenApiDocumentListsExactlyTheTemplatesRoutes() throws Exception {
        JsonNode openapi = Json.yaml().readTree(ROOT.resolve("functions/api/openapi.yaml").toFile());
        java.util.Set<String> documented = new java.util.TreeSet<>();
        openapi.path("paths").fields().forEachRemaining(p -> p.getValue().fieldNames()
                .forEachRemaining(m -> documented.add(m.toUpperCase(java.util.Locale.ROOT) + " " + p.getKey())));
        java.util.Set<String> routed = new java.util.TreeSet<>();
        for (JsonNode f : TEMPLATE.resources("AWS::Serverless::Function").values()) {
            Template.events(f, "HttpApi").values().forEach(e -> routed.add(e.path("Method").asText() + " " + e.path("Path").asText()));
        }
        assertEquals(routed, documented);
    }

    @Test
    void everyPathParameterOfTheTemplatesRoutesHasADeclaredShape() {
        Pattern param = Pattern.compile("\\{([A-Za-z_]+)\\+?}");
        int seen = 0;
        for (JsonNode f : TEMPLATE.resources("AWS::Serverless::Function").values()) {
            for (JsonNode e : Template.events(f, "HttpApi").values()) {
                String path = e.path("Path").asText();
                Matcher m = param.matcher(path);
                while (m.find()) {
                    seen++;
                    assertTrue(dev.pyquest.api.http.PathParameters.declared(path, m.group(1)),
                            "{" + m.group(1) + "} of " + path + " has no shape in PathParameters");
                }
            }
        }
        assertTrue(seen >= 6, "found only " + seen + " path parameters");
    }

    /** Clients are generated from the document: its path parameter patterns must accept exactly what the API accepts. */
    @Test
    void theOpenApiPathParameterShapesAreTheOnesTheApiChecks() throws Exception {
        JsonNode openapi = Json.yaml().readTree(ROOT.resolve("functions/api/openapi.yaml").toFile());
        List<String> probes = List.of("sum-of-evens", "a", "a-1-b", "s-0123456789abcdef0123456789abcdef", "daily:2026-11-24:pass-3",
                "weekly:2026-W48:weekly-10-passes", "a".repeat(100), "a".repeat(101), "s-" + "a".repeat(2100), "Sum-of-evens",
                "sum_of_evens", "-a", "a-", "a--b", "s-0123456789ABCDEF0123456789abcdef", "s-0123", "daily:2026-11-24:pass-3#x",
                "daily:2026-11-24:pass-3|x", "a/b", "\u00e9t\u00e9", "a\u0000b", "");
        int checked = 0;
        for (Map.Entry<String, JsonNode> path : (Iterable<Map.Entry<String, JsonNode>>) () -> openapi.path("paths").fields()) {
            for (JsonNode op : path.getValue()) {
                for (JsonNode p : op.path("parameters")) {
                    if (p.has("$ref")) p = openapi.at(p.get("$ref").asText().substring(1));
                    if (!p.path("in").asText().equals("path")) continue;
                    String name = p.path("name").asText();
                    JsonNode schema = p.path("schema");
                    assertTrue(schema.has("pattern"), "{" + name + "} of " + path.getKey() + " has no pattern in openapi.yaml");
                    Pattern pattern = Pattern.compile(schema.get("pattern").asText());
                    int max = schema.path("maxLength").asInt(Integer.MAX_VALUE);
                    for (String v : probes) {
                        boolean documented = v.length() <= max && pattern.matcher(v).find();
                        assertEquals(dev.pyquest.api.http.PathParameters.accepts(path.getKey(), name, v), documented,
                                "{" + name + "} of " + path.getKey() + " and '" + v + "'");
                    }
                    checked++;
                }
            }
        }
        assertTrue(checked >= 6, "checked only " + checked + " path parameters");
    }
}
