package dev.pyquest.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pyquest.domain.Json;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The local stack wires what AWS would wire: template.yaml as AWS SAM's own translator expands it
 * ({@code infra/tools/sam/translate.py}, the samtranslator that cfn-lint ships) against what the local
 * stack reads from it: each EventBridge rule's pattern, target, retries and dead-letter queues (the rule's and
 * its consumer's on-failure destination), the
 * queues themselves, the HTTP routes and each function's environment. A key SAM ignores, read by the
 * local stack alone, shows up here as a difference. Needs python3 with samtranslator: a failure under
 * {@code CI=true} when it is missing, elsewhere an abort that says so (never a pass).
 */
class SamTranslationTest {
    private static final Path ROOT = LocalStack.findRoot();
    private static final Template TEMPLATE = Template.read(ROOT.resolve("template.yaml"));
    private static JsonNode translated;

    @BeforeAll
    static void translate() throws Exception {
        translated = translate(ROOT.resolve("template.yaml"));
    }

    /** The template at {@code file} as SAM translates it, or the test's abort/failure when the translator is missing. */
    private static JsonNode translate(Path file) throws Exception {
        Path out = Files.createTempFile("sam-translated", ".json");
        Path err = Files.createTempFile("sam-translated", ".err");
        try {
            Process p = new ProcessBuilder("python3", ROOT.resolve("infra/tools/sam/translate.py").toString(), file.toString())
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("SAM's translator did not finish within 120 s");
            }
            String errors = Files.readString(err, StandardCharsets.UTF_8);
            if (p.exitValue() == 3) {
                if ("true".equals(System.getenv("CI"))) fail("CI=true and " + errors.strip());
                Assumptions.abort(errors.strip());
            }
            assertEquals(0, p.exitValue(), "SAM's translator refused " + file + ": " + errors);
            return Json.MAPPER.readTree(out.toFile());
        } catch (IOException noPython) {
            if ("true".equals(System.getenv("CI"))) throw noPython;
            Assumptions.abort("python3 not found: " + noPython.getMessage());
            return null;
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private static Map<String, JsonNode> resources(JsonNode template, String type) {
        Map<String, JsonNode> out = new TreeMap<>();
        template.path("Resources").fields().forEachRemaining(e -> {
            if (e.getValue().path("Type").asText().equals(type)) out.put(e.getKey(), e.getValue());
        });
        return out;
    }

    @Test
    void everyRulesPatternTargetRetriesAndDeadLetterQueueAreTheLocalStacks() throws Exception {
        Map<String, JsonNode> aws = resources(translated, "AWS::Events::Rule");
        List<LocalBus.Rule> local = LocalStack.rules(TEMPLATE);
        assertEquals(aws.size(), local.size(), "rules in AWS " + aws.keySet() + ", locally " + local.stream().map(LocalBus.Rule::name).toList());
        for (LocalBus.Rule r : local) {
            JsonNode rule = aws.get(r.name().replace(".", ""));
            assertTrue(rule != null, "SAM makes no rule " + r.name().replace(".", "") + " (it has " + aws.keySet() + ")");
            JsonNode props = rule.path("Properties");
            assertEquals(Json.MAPPER.readTree(r.pattern()), props.path("EventPattern"), r.name() + ": pattern");
            JsonNode targets = props.path("Targets");
            assertEquals(1, targets.size(), r.name() + ": targets " + targets);
            JsonNode target = targets.get(0);
            assertEquals(r.target(), Template.target(target.path("Arn")).orElse(""), r.name() + ": target");
            assertTrue(target.path("RetryPolicy").path("MaximumRetryAttempts").asInt(0) > 0, r.name() + ": EventBridge's retries of a failed hand-over");
            assertEquals(r.deadLetterQueue(), Template.target(target.path("DeadLetterConfig").path("Arn")).orElse("(none)"),
                    r.name() + ": the queue of events EventBridge could not hand over");
            // A consumer that throws: Lambda's asynchronous retries, then its OnFailure destination.
            JsonNode invoke = invokeConfigOf(r.target());
            assertEquals(r.maxRetries(), invoke.path("MaximumRetryAttempts").asInt(2), r.name() + ": Lambda's retries of a throwing consumer");
            assertEquals(r.deadLetterQueue(), Template.target(invoke.path("DestinationConfig").path("OnFailure").path("Destination")).orElse("(none)"),
                    r.name() + ": where AWS puts an event the consumer failed on");
        }
    }

    private static JsonNode invokeConfigOf(String function) {
        return resources(translated, "AWS::Lambda::EventInvokeConfig").values().stream()
                .map(c -> c.path("Properties"))
                .filter(p -> function.equals(Template.target(p.path("FunctionName")).orElse("")))
                .findFirst().orElseThrow(() -> new AssertionError(function + " has no EventInvokeConfig in AWS: an event it fails on is dropped"));
    }

    @Test
    void everyQueueIsOneTheTemplateDeclaresAndWatches() {
        Set<String> declared = resources(TEMPLATE.root(), "AWS::SQS::Queue").keySet();
        Set<String> made = resources(translated, "AWS::SQS::Queue").keySet();
        assertEquals(declared, made, "SAM made queues of its own, which no alarm watches");
        Set<String> watched = new TreeSet<>();
        resources(translated, "AWS::CloudWatch::Alarm").values().forEach(a -> a.path("Properties").path("Dimensions")
                .forEach(d -> Template.target(d.path("Value")).ifPresent(watched::add)));
        for (String q : made) assertTrue(watched.contains(q), q + " has no alarm on it (alarms watch " + watched + ")");
    }

    @Test
    void theRoutesAreTheLocalStacks() {
        Set<String> aws = new TreeSet<>();
        resources(translated, "AWS::ApiGatewayV2::Api").values().forEach(api -> api.path("Properties").path("Body").path("paths")
                .fields().forEachRemaining(p -> p.getValue().fields().forEachRemaining(m -> {
                    String uri = m.getValue().path("x-amazon-apigateway-integration").path("uri").path("Fn::Sub").asText();
                    String fn = uri.replaceAll(".*\\$\\{(\\w+)\\.Arn}.*", "$1");
                    aws.add(m.getKey().toUpperCase(java.util.Locale.ROOT) + " " + p.getKey() + " -> " + fn);
                })));
        Set<String> local = new TreeSet<>();
        LocalStack.routeSpecs(TEMPLATE).forEach(r -> local.add(r.method() + " " + r.path() + " -> " + r.function()));
        assertFalse(aws.isEmpty());
        assertEquals(aws, local);
    }

    @Test
    void everyFunctionsEnvironmentIsTheOneItGetsLocally() {
        Map<String, String> local = LocalStack.environment(TEMPLATE);
        Map<String, JsonNode> functions = resources(translated, "AWS::Lambda::Function");
        assertFalse(functions.isEmpty());
        List<String> differences = new ArrayList<>();
        functions.forEach((id, f) -> f.path("Properties").path("Environment").path("Variables").fields().forEachRemaining(v -> {
            String value = LocalStack.resolve(TEMPLATE, v.getValue());
            if (!value.equals(local.get(v.getKey()))) differences.add(id + ": " + v.getKey() + " = " + value + " in AWS, " + local.get(v.getKey()) + " locally");
        }));
        assertEquals(List.of(), differences);
    }

    // ------------------------------------------------------------------ what an on-call engineer and an auditor check

    @Test
    void everyAlarmPagesTheAlarmTopicAndTheOutboxStreamsAgeIsWatched() {
        Map<String, JsonNode> alarms = resources(translated, "AWS::CloudWatch::Alarm");
        assertFalse(alarms.isEmpty());
        alarms.forEach((id, a) -> {
            List<String> actions = new ArrayList<>();
            a.path("Properties").path("AlarmActions").forEach(x -> actions.add(Template.target(x).orElse(x.asText())));
            assertTrue(actions.contains("AlarmTopic"), id + " pages nobody: " + actions);
        });
        assertTrue(alarms.values().stream().map(a -> a.path("Properties")).anyMatch(p -> p.path("MetricName").asText().equals("IteratorAge")
                        && Template.target(p.path("Dimensions").path(0).path("Value")).orElse("").equals("OutboxRelayFunction")),
                "no alarm on how far the relay is behind the outbox stream (its records expire after 24 h)");
        assertEquals(1, resources(translated, "AWS::SNS::Topic").size());
    }

    @Test
    void whatHoldsLearnersDataFailedEventsAndLogsOutlivesTheStackAndAReplacingChange() {
        Map<String, JsonNode> stateful = new TreeMap<>(resources(translated, "AWS::DynamoDB::Table"));
        stateful.putAll(resources(translated, "AWS::Cognito::UserPool"));
        stateful.putAll(resources(translated, "AWS::SQS::Queue"));        // failed events waiting for a redrive
        stateful.putAll(resources(translated, "AWS::Logs::LogGroup"));    // an auditor's evidence, expiring on its own
        assertTrue(stateful.size() >= 10, stateful.keySet().toString());
        stateful.forEach((id, r) -> {
            assertEquals("Retain", r.path("DeletionPolicy").asText(), id + ": deleted with the stack");
            assertEquals("Retain", r.path("UpdateReplacePolicy").asText(), id + ": deleted by a replacing update");
        });
    }

    @Test
    void theJobsBucketRefusesPlainHttp() {
        JsonNode policy = resources(translated, "AWS::S3::BucketPolicy").values().stream().map(p -> p.path("Properties"))
                .filter(p -> Template.target(p.path("Bucket")).orElse("").equals("JobsBucket")).findFirst()
                .orElseThrow(() -> new AssertionError("the jobs bucket has no policy"));
        boolean denies = false;
        for (JsonNode st : policy.path("PolicyDocument").path("Statement")) {
            denies |= st.path("Effect").asText().equals("Deny")
                    && st.path("Condition").path("Bool").path("aws:SecureTransport").asText().equals("false");
        }
        assertTrue(denies, "no Deny on aws:SecureTransport = false: " + policy);
    }

    @Test
    void logsAreKeptForALimitedTimeAndTheWorkflowLogsErrorsButNoExecutionData() {
        Map<String, JsonNode> groups = resources(translated, "AWS::Logs::LogGroup");
        groups.forEach((id, g) -> assertTrue(g.path("Properties").path("RetentionInDays").asInt(0) > 0, id + " keeps its logs forever"));
        resources(translated, "AWS::Lambda::Function").forEach((id, f) -> {
            String group = Template.target(f.path("Properties").path("LoggingConfig").path("LogGroup")).orElse("(its own, kept forever)");
            assertTrue(groups.containsKey(group), id + " logs to " + group);
        });
        JsonNode sm = resources(translated, "AWS::StepFunctions::StateMachine").values().iterator().next().path("Properties");
        assertFalse(sm.path("LoggingConfiguration").path("Level").asText("OFF").equals("OFF"), "the workflow logs nothing");
        assertFalse(sm.path("LoggingConfiguration").path("IncludeExecutionData").asBoolean(true),
                "execution data holds the presigned job and result URLs: never logged");
        assertTrue(sm.path("TracingConfiguration").path("Enabled").asBoolean(false), "the workflow is not traced");
    }

    @Test
    void theApiLogsEveryRequestAndTheRouteThatStartsJudgingHasItsOwnLowerLimit() {
        JsonNode stage = resources(translated, "AWS::ApiGatewayV2::Stage").values().iterator().next().path("Properties");
        assertTrue(groupsOf(stage.path("AccessLogSettings").path("DestinationArn")), "no access logs: " + stage.path("AccessLogSettings"));
        JsonNode submit = stage.path("RouteSettings").path("POST /activities/{slug}/submissions");
        assertTrue(submit.path("ThrottlingRateLimit").asDouble(Double.MAX_VALUE) < stage.path("DefaultRouteSettings").path("ThrottlingRateLimit").asDouble(0),
                "the submit route's throttle: " + stage.path("RouteSettings"));
        Set<String> routes = new TreeSet<>();
        LocalStack.routeSpecs(TEMPLATE).forEach(r -> routes.add(r.method() + " " + r.path()));
        stage.path("RouteSettings").fieldNames().forEachRemaining(k -> assertTrue(routes.contains(k), "RouteSettings names no route: " + k));
    }

    // ------------------------------------------------------------------ the sandbox's network: nothing out but ours

    @Test
    void theSandboxsS3EndpointReachesItsOwnJobResultAndImageOnly() {
        JsonNode s3 = resources(translated, "AWS::EC2::VPCEndpoint").values().stream().map(e -> e.path("Properties"))
                .filter(p -> p.path("VpcEndpointType").asText().equals("Gateway")).findFirst().orElseThrow();
        JsonNode statements = s3.path("PolicyDocument").path("Statement");
        assertTrue(statements.size() > 0, "an S3 endpoint without a policy lets learner code write to any bucket");
        for (JsonNode st : statements) {
            assertEquals("Allow", st.path("Effect").asText());
            String action = st.path("Action").asText();
            assertTrue(action.equals("s3:GetObject") || action.equals("s3:PutObject"), "endpoint allows " + st.path("Action"));
            String resource = st.path("Resource").toString();
            assertFalse(resource.equals("\"*\""), "endpoint allows every bucket: " + st);
            if (action.equals("s3:PutObject")) assertTrue(resource.contains("JobsBucket.Arn}/results/"), "writes only results: " + st);
        }
    }

    @Test
    void theSandboxsInterfaceEndpointsLetTheTaskStartAndAdmitOurAccountOnly() {
        Map<String, JsonNode> endpoints = new HashMap<>();
        resources(translated, "AWS::EC2::VPCEndpoint").values().stream().map(e -> e.path("Properties"))
                .filter(p -> p.path("VpcEndpointType").asText().equals("Interface"))
                .forEach(p -> endpoints.put(p.path("ServiceName").path("Fn::Sub").asText().replaceAll(".*\\}\\.", ""), p));
        assertEquals(Set.of("ecr.api", "ecr.dkr", "logs"), endpoints.keySet(), "Fargate pulls and logs through the task's network");
        endpoints.forEach((service, p) -> {
            assertTrue(p.path("PolicyDocument").path("Statement").size() > 0, service + " endpoint has no policy");
            assertTrue(p.path("PrivateDnsEnabled").asBoolean(false), service + ": the task resolves the public name");
            assertEquals(2, p.path("SubnetIds").size(), service + ": one zone only");
        });
    }

    @Test
    void theSandboxsDnsAnswersAwsNamesOnlyAndItRunsInTwoZones() {
        JsonNode association = resources(translated, "AWS::Route53Resolver::FirewallRuleGroupAssociation").values().stream()
                .map(a -> a.path("Properties")).filter(p -> Template.target(p.path("VpcId")).orElse("").equals("SandboxVpc"))
                .findFirst().orElseThrow(() -> new AssertionError("no DNS firewall on the sandbox's VPC: DNS queries leave it"));
        JsonNode group = translated.path("Resources").path(Template.target(association.path("FirewallRuleGroupId")).orElseThrow()).path("Properties");
        List<JsonNode> rules = new ArrayList<>();
        group.path("FirewallRules").forEach(rules::add);
        rules.sort(java.util.Comparator.comparingInt(r -> r.path("Priority").asInt()));
        JsonNode last = rules.get(rules.size() - 1);
        assertEquals("BLOCK", last.path("Action").asText(), "the last rule must refuse everything else");
        assertEquals(List.of("*"), domains(last));
        for (JsonNode r : rules.subList(0, rules.size() - 1)) {
            assertEquals("ALLOW", r.path("Action").asText());
            for (String d : domains(r)) assertTrue(d.equals("amazonaws.com.") || d.endsWith(".amazonaws.com."), "allowed: " + d);
        }
        Set<String> zones = new TreeSet<>();
        resources(translated, "AWS::EC2::Subnet").values().forEach(sub -> zones.add(sub.path("Properties").path("AvailabilityZone").toString()));
        assertEquals(2, zones.size(), "the sandbox subnets' zones: " + zones);
        String sandboxState = translated.path("Resources").path("SubmissionStateMachine").path("Properties").toString();
        assertTrue(sandboxState.contains("SandboxSubnetB"), "the workflow runs tasks in one zone only");
    }

    private static List<String> domains(JsonNode rule) {
        List<String> out = new ArrayList<>();
        translated.path("Resources").path(Template.target(rule.path("FirewallDomainListId")).orElseThrow())
                .path("Properties").path("Domains").forEach(d -> out.add(d.asText()));
        return out;
    }

    // ------------------------------------------------------------------ least privilege, limits, replay

    /** Actions AWS documents with no resource narrower than "*" (vended log delivery, X-Ray, ECR's token). */
    private static final Set<String> STAR_ONLY = Set.of("logs:CreateLogDelivery", "logs:GetLogDelivery", "logs:UpdateLogDelivery",
            "logs:DeleteLogDelivery", "logs:ListLogDeliveries", "logs:PutResourcePolicy", "logs:DescribeResourcePolicies",
            "logs:DescribeLogGroups", "xray:PutTraceSegments", "xray:PutTelemetryRecords", "xray:GetSamplingRules",
            "xray:GetSamplingTargets", "ecr:GetAuthorizationToken");

    @Test
    void noRoleOfOursGrantsAnActionOnEveryResourceThatTakesANarrowerOne() {
        List<String> wide = new ArrayList<>();
        resources(translated, "AWS::IAM::Role").forEach((id, role) -> role.path("Properties").path("Policies").forEach(p ->
                p.path("PolicyDocument").path("Statement").forEach(st -> {
                    if (!st.path("Effect").asText().equals("Allow") || !st.path("Resource").toString().equals("\"*\"")) return;
                    List<String> actions = new ArrayList<>();
                    if (st.path("Action").isArray()) st.path("Action").forEach(a -> actions.add(a.asText()));
                    else actions.add(st.path("Action").asText());
                    for (String a : actions) if (!STAR_ONLY.contains(a)) wide.add(id + ": " + a);
                })));
        assertEquals(List.of(), wide);
    }

    @Test
    void apiFunctionsEndBeforeTheGatewayAndConsumersHaveReservedConcurrencyAndTheBusAnArchive() {
        Set<String> api = new TreeSet<>();
        LocalStack.routeSpecs(TEMPLATE).forEach(r -> api.add(r.function()));
        Map<String, JsonNode> functions = resources(translated, "AWS::Lambda::Function");
        for (String f : api) {
            int timeout = functions.get(f).path("Properties").path("Timeout").asInt(3);
            assertTrue(timeout < 30, f + " may run " + timeout + " s, past the HTTP API's 30 s");
            assertTrue(timeout > dev.pyquest.api.SubmissionsFunction.MAX_WAIT_SECONDS + 5, f + ": " + timeout + " s leaves the long poll no margin");
        }
        for (LocalBus.Rule r : LocalStack.rules(TEMPLATE)) {
            assertTrue(functions.get(r.target()).path("Properties").path("ReservedConcurrentExecutions").asInt(0) > 0,
                    r.target() + " has no reserved concurrency");
        }
        JsonNode archive = resources(translated, "AWS::Events::Archive").values().stream().findFirst()
                .orElseThrow(() -> new AssertionError("no archive of the bus: nothing to replay a fixed consumer from")).path("Properties");
        assertEquals("EventBus", Template.target(archive.path("SourceArn")).orElse(""));
        assertTrue(archive.path("RetentionDays").asInt(0) > 0);
    }

    private static boolean groupsOf(JsonNode arn) {
        return resources(translated, "AWS::Logs::LogGroup").containsKey(Template.target(arn).orElse(""));
    }

    /** Hostile: the key this test was written for. A DLQ named with a key SAM ignores is refused locally, and SAM would make its own queue. */
    @Test
    void aDeadLetterQueueNamedWithAKeySamIgnoresIsRefusedLocallyAndWouldGoAstrayInAws(@TempDir Path dir) throws Exception {
        String yaml = Files.readString(ROOT.resolve("template.yaml"));
        String wrong = yaml.replaceFirst("DeadLetterConfig:\\n(\\s+)Arn: !GetAtt RewardsDlq.Arn",
                "DeadLetterConfig:\n$1Type: SQS\n$1Destination: !GetAtt RewardsDlq.Arn");
        assertFalse(wrong.equals(yaml), "the template has no rule naming RewardsDlq to mangle");
        Path file = dir.resolve("template.yaml");
        Files.writeString(file, wrong);
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> LocalStack.rules(Template.read(file)));
        assertTrue(refused.getMessage().contains("Destination"), refused.getMessage());
        Set<String> queues = resources(translate(file), "AWS::SQS::Queue").keySet();
        assertTrue(queues.size() > resources(translated, "AWS::SQS::Queue").size(), "SAM makes a queue of its own for it: " + queues);
    }
}
