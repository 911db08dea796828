package dev.pyquest.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.pyquest.domain.Json;
import dev.pyquest.shared.config.Env;
import dev.pyquest.shared.mastery.ActivityGates;
import dev.pyquest.shared.mastery.CourseMap;
import dev.pyquest.shared.mastery.CourseSkills;
import dev.pyquest.shared.store.CatalogRepository;
import dev.pyquest.shared.store.LearningRepository;
import dev.pyquest.shared.store.SubmissionRepository;
import dev.pyquest.shared.testing.RecordingDynamo;
import dev.pyquest.shared.testing.Samples;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** POST /activities/{slug}/submissions on the sample request of {@code events/}, DynamoDB recorded, the workflow faked. */
class SubmissionsFunctionTest {
    /** sum-of-evens as the catalog's slug index finds it. */
    private static final Map<String, AttributeValue> SUM_OF_EVENS = Map.of(
            "activityId", AttributeValue.fromS("ex-0001"), "slug", AttributeValue.fromS("sum-of-evens"),
            "title", AttributeValue.fromS("Sum of evens"), "kind", AttributeValue.fromS("exercise"),
            "difficulty", AttributeValue.fromS("EASY"), "function", AttributeValue.fromS("sum_of_evens"));

    private final RecordingDynamo dynamo = new RecordingDynamo(r -> null,
            q -> "CatalogTable".equals(q.tableName()) ? List.of(SUM_OF_EVENS) : List.of());
    private final List<String> started = new ArrayList<>();
    private final SubmissionsFunction function = new SubmissionsFunction(
            new CatalogRepository(dynamo.client(), "CatalogTable", "JudgeTable"),
            new SubmissionRepository(dynamo.client(), "SubmissionsTable", "ProgressTable", "OutboxTable"),
            (name, input) -> started.add(name + " " + input),
            new dev.pyquest.shared.mastery.NextSteps(CourseMap.fixed(List.of(), new CourseSkills(List.of())), null, null, null, Clock.systemUTC()),
            gates(dynamo), Clock.fixed(Instant.parse("2026-11-23T10:15:29Z"), ZoneOffset.UTC), new Env(Map.of()),
            dev.pyquest.shared.ports.SubmissionWatch.SLEEP,
            new dev.pyquest.shared.store.LearnerRepository(dynamo.client(), "LearnersTable", "LedgerTable"),
            dev.pyquest.domain.payments.PriceBook.bundled());

    private static ActivityGates gates(RecordingDynamo dynamo) {
        return new ActivityGates(CourseMap.fixed(List.of(), new CourseSkills(List.of())),
                new LearningRepository(dynamo.client(), "ProgressTable", "OutboxTable"),
                new dev.pyquest.shared.payments.ProGate(new dev.pyquest.shared.payments.PaymentsRepository(dynamo.client(),
                        "PaymentsTable", "LearnersTable", "LedgerTable"), Clock.systemUTC()));
    }

    private static APIGatewayV2HTTPEvent request() {
        return Samples.lambdaEvent("submit-request.json", APIGatewayV2HTTPEvent.class);
    }

    @Test
    void aLockedExerciseIsRefusedWith403AndItsRequirementsBeforeAnythingIsWritten() throws Exception {
        Map<String, AttributeValue> gated = new java.util.HashMap<>(SUM_OF_EVENS);
        gated.put("requires", AttributeValue.fromS("[{\"activity\":\"ls-0004\",\"skill\":null,\"minScore\":0}]"));
        RecordingDynamo reads = new RecordingDynamo(r -> null, q -> "CatalogTable".equals(q.tableName()) ? List.of(gated) : List.of());
        List<String> runs = new ArrayList<>();
        SubmissionsFunction fn = new SubmissionsFunction(new CatalogRepository(reads.client(), "CatalogTable", "JudgeTable"),
                new SubmissionRepository(reads.client(), "SubmissionsTable", "ProgressTable", "OutboxTable"), (name, input) -> runs.add(name),
                new dev.pyquest.shared.mastery.NextSteps(CourseMap.fixed(List.of(), new CourseSkills(List.of())), null, null, null, Clock.systemUTC()),
                gates(reads), Clock.systemUTC(), new Env(Map.of()), dev.pyquest.shared.ports.SubmissionWatch.SLEEP,
                new dev.pyquest.shared.store.LearnerRepository(reads.client(), "LearnersTable", "LedgerTable"),
                dev.pyquest.domain.payments.PriceBook.bundled());
        APIGatewayV2HTTPResponse r = fn.handleRequest(request(), null);
        assertEquals(403, r.getStatusCode(), r.getBody());
        JsonNode body = Json.MAPPER.readTree(r.getBody());
        assertEquals("ACTIVITY_LOCKED", body.path("code").asText());
        assertEquals(1, body.path("requires").size(), r.getBody());
        assertTrue(body.path("requires").get(0).has("reason"), r.getBody());
        assertEquals(List.of(), runs, "no workflow");
        assertEquals(0, reads.of(TransactWriteItemsRequest.class).size() + reads.of(software.amazon.awssdk.services.dynamodb.model.PutItemRequest.class).size(),
                "nothing written");
    }

    @Test
    void theSampleSubmissionIsQueuedAndItsWorkflowStartedUnderItsOwnId() throws Exception {
        APIGatewayV2HTTPResponse r = function.handleRequest(request(), null);
        assertEquals(202, r.getStatusCode(), r.getBody());
        JsonNode body = Json.MAPPER.readTree(r.getBody());
        assertEquals("QUEUED", body.path("status").asText());
        String id = body.path("submissionId").asText();
        assertTrue(id.matches("s-[0-9a-f]{32}"), id);
        assertEquals(List.of(id + " {\"submissionId\":\"" + id + "\",\"userId\":\"learner-1\"}"), started,
                "one execution, named by the submission, naming its learner");
        assertEquals(1, dynamo.of(TransactWriteItemsRequest.class).size(), "the submission and its in-flight slot in one transaction");
    }

    @Test
    void withoutAnIdempotencyKeyNothingIsReadOrWrittenOrStarted() throws Exception {
        APIGatewayV2HTTPEvent e = request();
        Map<String, String> headers = new HashMap<>(e.getHeaders());
        headers.remove("idempotency-key");
        e.setHeaders(headers);
        APIGatewayV2HTTPResponse r = function.handleRequest(e, null);
        assertEquals(400, r.getStatusCode());
        assertEquals("IDEMPOTENCY_KEY_REQUIRED", Json.MAPPER.readTree(r.getBody()).path("code").asText());
        assertEquals(List.of(), dynamo.requests);
        assertEquals(List.of(), started);
    }

    @Test
    void aBodyWithACodeThatIsNotTextIsA400() throws Exception {
        APIGatewayV2HTTPEvent e = request();
        e.setBody("{\"code\": 42}");
        APIGatewayV2HTTPResponse r = function.handleRequest(e, null);
        assertEquals(400, r.getStatusCode());
        assertEquals("VALIDATION", Json.MAPPER.readTree(r.getBody()).path("code").asText());
        assertEquals(List.of(), started);
    }

    @Test
    void withoutAVerifiedIdentityTheAnswerIs401() {
        APIGatewayV2HTTPEvent e = request();
        e.getRequestContext().setAuthorizer(null);
        assertEquals(401, function.handleRequest(e, null).getStatusCode());
        assertEquals(List.of(), dynamo.requests);
    }

    @Test
    void aVerdictIsReadEvenWhenItsNextStepCannotBeAndThenCarriesANullNext() throws Exception {
        Map<String, AttributeValue> passed = Map.of("submissionId", AttributeValue.fromS("s-0123456789abcdef0123456789abcdef"),
                "userId", AttributeValue.fromS("learner-1"), "activityId", AttributeValue.fromS("ex-0001"),
                "activitySlug", AttributeValue.fromS("sum-of-evens"), "status", AttributeValue.fromS("PASSED"),
                "verdict", AttributeValue.fromS("{\"passed\":1,\"total\":1,\"tests\":[]}"), "createdAt", AttributeValue.fromS("2026-11-23T10:15:29Z"));
        RecordingDynamo reads = new RecordingDynamo(r -> "SubmissionsTable".equals(r.tableName()) ? passed : null, q -> {
            if ("MasteryTable".equals(q.tableName())) {
                throw software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException.builder().message("throttled").build();
            }
            return List.of();
        });
        // A course to suggest from, but a mastery table that fails: the suggestion is lost, never the verdict.
        var path = CourseMap.fixed(List.of(new CatalogRepository.Activity("ex-0001", "sum-of-evens", "Sum of evens", "exercise",
                        dev.pyquest.domain.content.Difficulty.EASY, List.of("loops"), "", "", "[]", List.of(), "sum_of_evens", null, 0, List.of())),
                new CourseSkills(List.of(new dev.pyquest.domain.content.Skill("loops", "Loops", List.of()))));
        var throttled = new dev.pyquest.shared.store.MasteryRepository(reads.client(), "MasteryTable");
        SubmissionsFunction fn = new SubmissionsFunction(new CatalogRepository(reads.client(), "CatalogTable", "JudgeTable"),
                new SubmissionRepository(reads.client(), "SubmissionsTable", "ProgressTable", "OutboxTable"), (name, input) -> { },
                new dev.pyquest.shared.mastery.NextSteps(path, throttled, null, null, Clock.systemUTC()),
                gates(reads), Clock.systemUTC(), new Env(Map.of()), dev.pyquest.shared.ports.SubmissionWatch.SLEEP,
                new dev.pyquest.shared.store.LearnerRepository(reads.client(), "LearnersTable", "LedgerTable"),
                dev.pyquest.domain.payments.PriceBook.bundled());
        APIGatewayV2HTTPEvent e = request();
        e.setRouteKey("GET /submissions/{id}");
        e.getRequestContext().setRouteKey("GET /submissions/{id}");
        e.setPathParameters(Map.of("id", "s-0123456789abcdef0123456789abcdef"));
        e.setBody(null);
        APIGatewayV2HTTPResponse r = fn.handleRequest(e, null);
        assertEquals(200, r.getStatusCode(), r.getBody());
        JsonNode body = Json.MAPPER.readTree(r.getBody());
        assertEquals("PASSED", body.path("status").asText());
        assertTrue(body.has("next") && body.path("next").isNull(), r.getBody());
    }
}
