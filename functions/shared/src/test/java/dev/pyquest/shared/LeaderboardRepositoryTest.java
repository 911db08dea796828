package dev.pyquest.shared;

import dev.pyquest.domain.leaderboard.Shards;
import dev.pyquest.domain.leaderboard.Week;
import dev.pyquest.shared.store.Attr;
import dev.pyquest.shared.store.LeaderboardRepository;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;

import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The leaderboard's requests are its contract: the exactly-once transaction, and COUNTs that follow every page. */
class LeaderboardRepositoryTest {
    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private final List<Object> requests = new CopyOnWriteArrayList<>();

    /**
     * Records requests and answers like a board where the learner has 40 XP and every shard's COUNT
     * of learners above takes two pages: 3, then 2.
     */
    private DynamoDbClient recorder() {
        return (DynamoDbClient) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{DynamoDbClient.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "transactWriteItems" -> {
                        requests.add(build(TransactWriteItemsRequest.builder(), (Consumer<?>) args[0]));
                        yield TransactWriteItemsResponse.builder().build();
                    }
                    case "query" -> {
                        QueryRequest q = (QueryRequest) build(QueryRequest.builder(), (Consumer<?>) args[0]);
                        requests.add(q);
                        if (q.indexName() == null) {
                            yield QueryResponse.builder().items(List.of(Map.of("board", q.expressionAttributeValues().get(":b"),
                                    "userId", Attr.s("u1"), "xp", Attr.n(40)))).count(1).build();
                        }
                        yield q.hasExclusiveStartKey()
                                ? QueryResponse.builder().count(2).build()
                                : QueryResponse.builder().count(3).lastEvaluatedKey(Map.of("board", q.expressionAttributeValues().get(":b"),
                                        "xp", Attr.n(90), "userId", Attr.s("someone"))).build();
                    }
                    case "serviceName" -> "dynamodb";
                    case "close" -> null;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object build(Object builder, Consumer c) {
        c.accept(builder);
        return ((software.amazon.awssdk.utils.builder.SdkBuilder) builder).build();
    }

    private LeaderboardRepository repository(int shards) {
        return new LeaderboardRepository(recorder(), "Boards", new Shards(shards), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void addingXpIsOneTransactionOfAConditionalMarkerAndAnAddOnTheLearnersShard() {
        assertEquals(LeaderboardRepository.Outcome.APPLIED,
                repository(16).add("reward#learner-1#FIRST_PASS#ex-1", "learner-1", 10, Instant.parse("2026-11-29T23:59:59Z")));
        assertEquals(1, requests.size());
        List<TransactWriteItem> items = ((TransactWriteItemsRequest) requests.get(0)).transactItems();
        assertEquals(2, items.size());
        long expires = Instant.parse("2026-11-30T00:00:00Z").plus(LeaderboardRepository.KEEP).getEpochSecond();

        var marker = items.get(0).put();
        assertEquals("Boards", marker.tableName());
        assertEquals("attribute_not_exists(board)", marker.conditionExpression());
        assertEquals("applied#reward#learner-1#FIRST_PASS#ex-1", marker.item().get("board").s());
        assertEquals("learner-1", marker.item().get("userId").s());
        assertFalse(marker.item().containsKey("xp"), "a marker must stay out of the byXp index");
        assertEquals(Long.toString(expires), marker.item().get("expiresAt").n());

        var add = items.get(1).update();
        assertEquals("Boards", add.tableName());
        assertEquals(Map.of("board", Attr.s("week#2026-W48#7"), "userId", Attr.s("learner-1")), add.key(), "learner-1 is on shard 7 of 16");
        assertEquals("ADD xp :xp SET expiresAt = :exp", add.updateExpression());
        assertEquals("10", add.expressionAttributeValues().get(":xp").n());
        assertEquals(Long.toString(expires), add.expressionAttributeValues().get(":exp").n());
        assertNull(add.conditionExpression());
    }

    @Test
    void nothingIsWrittenForAnExpiredWeekOrForXpThatIsNotPositive() {
        LeaderboardRepository r = repository(16);
        Instant lastKept = Week.of(NOW).start().minus(LeaderboardRepository.KEEP).minusSeconds(1);
        assertEquals(LeaderboardRepository.Outcome.EXPIRED, r.add("e1", "u1", 5, lastKept));
        assertThrows(IllegalArgumentException.class, () -> r.add("e2", "u1", 0, NOW));
        assertThrows(IllegalArgumentException.class, () -> r.add("e3", "u1", -5, NOW));
        assertTrue(requests.isEmpty(), requests.toString());
        assertEquals(LeaderboardRepository.Outcome.APPLIED, r.add("e4", "u1", 5, lastKept.plusSeconds(1)));
    }

    @Test
    void aRankCountsEveryPageOfEveryShard() {
        assertEquals(new LeaderboardRepository.Standing(1 + 3 * (3 + 2L), 40), repository(3).standing(Week.of(NOW), "u1"));
        List<QueryRequest> counts = requests.stream().map(QueryRequest.class::cast).filter(q -> q.select() == Select.COUNT).toList();
        assertEquals(6, counts.size(), "two pages on each of 3 shards");
        for (QueryRequest q : counts) {
            assertEquals(LeaderboardRepository.BY_XP, q.indexName());
            assertEquals("board = :b AND xp > :x", q.keyConditionExpression());
            assertEquals("40", q.expressionAttributeValues().get(":x").n());
        }
        assertEquals(3, counts.stream().filter(QueryRequest::hasExclusiveStartKey).count(), "each second page starts where the first stopped");
        assertEquals(List.of("week#2026-W48#0", "week#2026-W48#1", "week#2026-W48#2"),
                counts.stream().map(q -> q.expressionAttributeValues().get(":b").s()).distinct().sorted().toList());
        QueryRequest own = requests.stream().map(QueryRequest.class::cast).filter(q -> q.indexName() == null).findFirst().orElseThrow();
        assertTrue(own.consistentRead(), "the learner's own XP is read consistently");
    }
}
