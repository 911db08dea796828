package dev.pyquest.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pyquest.domain.Json;
import dev.pyquest.shared.store.CatalogRepository;
import dev.pyquest.shared.store.SubmissionRepository;
import dev.pyquest.shared.testing.RecordingDynamo;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The workflow's Record task: verdict, attempt and the domain event in one transaction; a failure records no event. */
class RecordFunctionTest {
    private static final String ID = "s-0f1e2d3c4b5a69788796a5b4c3d2e1f0";
    private final RecordingDynamo dynamo = new RecordingDynamo(r -> "CatalogTable".equals(r.tableName()) ? Map.of(
            "activityId", AttributeValue.fromS("ex-0001"), "slug", AttributeValue.fromS("sum-of-evens"),
            "title", AttributeValue.fromS("Sum of evens"), "kind", AttributeValue.fromS("exercise"),
            "difficulty", AttributeValue.fromS("EASY")) : null);
    private final RecordFunction function = new RecordFunction(new CatalogRepository(dynamo.client(), "CatalogTable", "JudgeTable"),
            new SubmissionRepository(dynamo.client(), "SubmissionsTable", "ProgressTable", "OutboxTable"),
            Clock.fixed(Instant.parse("2026-11-23T10:15:30Z"), ZoneOffset.UTC));

    private static Map<String, Object> scored(String status) {
        return Map.of("submissionId", ID, "userId", "learner-1", "activityId", "ex-0001",
                "scored", Map.of("status", status, "verdict", Map.of("passed", 13, "total", 13, "tests", List.of())));
    }

    private List<Put> outbox() {
        return dynamo.transactItems().stream().map(TransactWriteItem::put)
                .filter(p -> p != null && p.tableName().equals("OutboxTable")).toList();
    }

    @Test
    void aPassIsRecordedWithItsCodePassedEventForTheFirstAttemptInOneTransaction() throws Exception {
        assertEquals(Map.of("status", "PASSED", "recorded", true), function.handleRequest(scored("PASSED"), null));
        List<Put> outbox = outbox();
        assertEquals(1, outbox.size(), dynamo.transactItems().toString());
        assertEquals("CodePassed", outbox.get(0).item().get("detailType").s());
        JsonNode detail = Json.MAPPER.readTree(outbox.get(0).item().get("detail").s());
        assertEquals("judged#" + ID, detail.path("eventId").asText());
        assertEquals("sum-of-evens", detail.path("activitySlug").asText());
        assertEquals("EASY", detail.path("difficulty").asText());
        assertEquals(1, detail.path("attempt").asInt(), "no earlier attempt in the progress table");
    }

    @Test
    void aJudgeFailureEndsTheSubmissionInErrorWithoutAnEvent() {
        Map<String, Object> in = Map.of("submissionId", ID, "failure", Map.of("Error", "States.TaskFailed", "Cause", "{}"));
        assertEquals(Map.of("status", "ERROR"), function.handleRequest(in, null));
        assertEquals(List.of(), outbox());
    }

    @Test
    void aStatusOtherThanPassedOrFailedIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> function.handleRequest(scored("RUNNING"), null));
        assertEquals(List.of(), dynamo.transactItems());
    }
}
