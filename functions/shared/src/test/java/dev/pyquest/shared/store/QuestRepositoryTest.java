package dev.pyquest.shared.store;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The exact requests of quest progress: the marker's condition is what makes an event count once. */
class QuestRepositoryTest {
    private final List<Object> requests = new ArrayList<>();

    private DynamoDbClient recorder(Function<Object, Object> answer) {
        return (DynamoDbClient) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{DynamoDbClient.class},
                (proxy, method, args) -> {
                    Object arg = args == null ? null : args[0];
                    Object request = switch (method.getName()) {
                        case "transactWriteItems" -> arg instanceof Consumer<?> c ? build(TransactWriteItemsRequest.builder(), c) : arg;
                        case "batchGetItem" -> arg instanceof Consumer<?> c ? build(BatchGetItemRequest.builder(), c) : arg;
                        case "serviceName" -> null;
                        default -> throw new UnsupportedOperationException(method.getName());
                    };
                    if (request == null) return "dynamodb";
                    requests.add(request);
                    return answer.apply(request);
                });
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object build(Object builder, Consumer c) {
        c.accept(builder);
        return ((software.amazon.awssdk.utils.builder.SdkBuilder) builder).build();
    }

    private static final Instant DAY_END = Instant.parse("2026-11-24T23:00:00Z");
    private static final Instant WEEK_END = Instant.parse("2026-11-30T00:00:00Z");

    @Test
    void anEventIsOneTransactionOfItsMarkerConditionalOnItsAbsenceAndPlainAdds() {
        QuestRepository repo = new QuestRepository(recorder(r -> TransactWriteItemsResponse.builder().build()), "Economy");
        assertEquals(QuestRepository.Applied.APPLIED, repo.apply("u1", "reward#u1#FIRST_PASS#ex-1", List.of(
                new QuestRepository.Increment(new QuestRepository.Key("2026-11-24", "pass-3"), 1, DAY_END),
                new QuestRepository.Increment(new QuestRepository.Key("2026-W48", "weekly-300-xp"), 15, WEEK_END)),
                Instant.parse("2026-11-24T10:00:00Z")));
        assertEquals(1, requests.size());
        var items = ((TransactWriteItemsRequest) requests.get(0)).transactItems();
        assertEquals(3, items.size());
        Put marker = items.get(0).put();
        assertEquals("Economy", marker.tableName());
        assertEquals("attribute_not_exists(itemId)", marker.conditionExpression());
        assertEquals(AttributeValue.fromS("u1"), marker.item().get("userId"));
        assertEquals(AttributeValue.fromS("applied#reward#u1#FIRST_PASS#ex-1"), marker.item().get("itemId"));
        // The marker lives as long as the last period it touched, plus the margin.
        assertEquals(Long.toString(WEEK_END.plus(QuestRepository.KEEP_AFTER_PERIOD).getEpochSecond()), marker.item().get("expiresAt").n());
        Update day = items.get(1).update();
        assertEquals(Map.of("userId", AttributeValue.fromS("u1"), "itemId", AttributeValue.fromS("quest#2026-11-24#pass-3")), day.key());
        assertEquals("SET expiresAt = :exp ADD progress :n", day.updateExpression());
        assertNull(day.conditionExpression(), "progress is never refused: only the marker decides");
        assertEquals("1", day.expressionAttributeValues().get(":n").n());
        assertEquals(Long.toString(DAY_END.plus(QuestRepository.KEEP_AFTER_PERIOD).getEpochSecond()),
                day.expressionAttributeValues().get(":exp").n());
        Update week = items.get(2).update();
        assertEquals(AttributeValue.fromS("quest#2026-W48#weekly-300-xp"), week.key().get("itemId"));
        assertEquals("15", week.expressionAttributeValues().get(":n").n());
    }

    @Test
    void aMarkerThatExistsMeansAlreadyApplied() {
        QuestRepository repo = new QuestRepository(recorder(r -> {
            throw TransactionCanceledException.builder().message("cancelled").cancellationReasons(
                    CancellationReason.builder().code("ConditionalCheckFailed").build(),
                    CancellationReason.builder().code("None").build()).build();
        }), "Economy");
        assertEquals(QuestRepository.Applied.ALREADY_APPLIED, repo.apply("u1", "e1",
                List.of(new QuestRepository.Increment(new QuestRepository.Key("2026-11-24", "pass-1"), 1, DAY_END)), Instant.now()));
    }

    @Test
    void nothingOrNothingPositiveIsRefused() {
        QuestRepository repo = new QuestRepository(recorder(r -> TransactWriteItemsResponse.builder().build()), "Economy");
        assertThrows(IllegalArgumentException.class, () -> repo.apply("u1", "e1", List.of(), Instant.now()));
        assertThrows(IllegalArgumentException.class,
                () -> new QuestRepository.Increment(new QuestRepository.Key("2026-11-24", "pass-1"), 0, DAY_END));
        assertTrue(requests.isEmpty());
    }

    @Test
    void progressIsAConsistentBatchReadThatFollowsUnprocessedKeys() {
        QuestRepository.Key a = new QuestRepository.Key("2026-11-24", "pass-3");
        QuestRepository.Key b = new QuestRepository.Key("2026-W48", "weekly-2-hard");
        QuestRepository.Key c = new QuestRepository.Key("2026-11-24", "quiz-1");
        QuestRepository repo = new QuestRepository(recorder(r -> {
            KeysAndAttributes asked = ((BatchGetItemRequest) r).requestItems().get("Economy");
            if (requests.size() == 1) {
                // The first answer holds one item and leaves the weekly key unprocessed.
                return BatchGetItemResponse.builder()
                        .responses(Map.of("Economy", List.of(Map.of("itemId", AttributeValue.fromS("quest#2026-11-24#pass-3"),
                                "progress", AttributeValue.fromN("7")))))
                        .unprocessedKeys(Map.of("Economy", asked.toBuilder().keys(List.of(Map.of("userId", AttributeValue.fromS("u1"),
                                "itemId", AttributeValue.fromS("quest#2026-W48#weekly-2-hard")))).build())).build();
            }
            return BatchGetItemResponse.builder().responses(Map.of("Economy", List.of(Map.of(
                    "itemId", AttributeValue.fromS("quest#2026-W48#weekly-2-hard"), "progress", AttributeValue.fromN("2"))))).build();
        }), "Economy");
        assertEquals(Map.of(a, 7L, b, 2L, c, 0L), repo.progress("u1", List.of(a, b, c)));
        assertEquals(2, requests.size());
        KeysAndAttributes first = ((BatchGetItemRequest) requests.get(0)).requestItems().get("Economy");
        assertTrue(first.consistentRead());
        assertEquals(3, first.keys().size());
        assertEquals(1, ((BatchGetItemRequest) requests.get(1)).requestItems().get("Economy").keys().size());
    }
}
