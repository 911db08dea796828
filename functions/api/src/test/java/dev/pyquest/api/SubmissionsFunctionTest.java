package dev.pyquest.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.pyquest.domain.Json;
import dev.pyquest.shared.config.Env;
import dev.pyquest.shared.store.CatalogRepository;
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
            new dev.pyquest.shared.mastery.NextSteps(dev.pyquest.shared.store.Refreshing.fixed(
                    dev.pyquest.domain.mastery.LearningPath.of(List.of(), List.of())), null, null, Clock.systemUTC()),
            Clock.fixed(Instant.parse("2026-11-23T10:15:29Z"), ZoneOffset.UTC), new Env(Map.of()));

    private static APIGatewayV2HTTPEvent request() {
        return Samples.lambdaEvent("submit-request.json", APIGatewayV2HTTPEvent.class);
    }

    @Test
    void theSampleSubmissionIsQueuedAndItsWorkflowStartedUnderItsOwnId() throws Exception {
        APIGatewayV2HTTPResponse r = function.handleRequest(request(), null);
        assertEquals(202, r.getStatusCode(), r.getBody());
        JsonNode body = Json.MAPPER.readTree(r.getBody());
        assertEquals("QUEUED", body.path("status").asText());
        String id = body.path("submissionId").asText();
        assertTrue(id.matches("s-[0-9a-f]{32}"), id);
        assertEquals(List.of(id + " {\"submissionId\":\"" + id + "\"}"), started, "one execution, named by the submission");
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
}
