package dev.pyquest.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pyquest.domain.Json;
import dev.pyquest.domain.leaderboard.Standings.Ranked;
import dev.pyquest.domain.leaderboard.Week;
import dev.pyquest.events.LeaderboardConsumerFunction;
import dev.pyquest.shared.config.Tables;
import dev.pyquest.shared.store.LeaderboardRepository.Standing;
import dev.pyquest.shared.store.LeaderboardRepository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The weekly leaderboard on DynamoDB Local, through the real consumer and repository: exactly once
 * per event id, concurrent grants summed, weeks kept apart, the top list merged across shards with
 * shared ranks for ties, and ranks counted on every shard.
 */
class LeaderboardIT {
    private static final Path EVENTS = LocalStack.findRoot().resolve("events");
    /** A Wednesday noon: the week of 2026-11-23 (2026-W48). */
    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final Week THIS_WEEK = Week.of(NOW);
    private Engines engines;
    private LeaderboardConsumerFunction consumer;

    @BeforeEach
    void start() {
        engines = new Engines(Clock.fixed(NOW, ZoneOffset.UTC));
        consumer = engines.bean(LeaderboardConsumerFunction.class);
    }

    @AfterEach
    void stop() {
        engines.close();
    }

    private LeaderboardRepository board() {
        return engines.bean(LeaderboardRepository.class);
    }

    /** The sample RewardGranted, as EventBridge delivers it (a fresh EventBridge id each time), edited by {@code change}. */
    private static Map<String, Object> event(String eventId, String userId, long xp, String time, Consumer<ObjectNode> change) {
        try {
            ObjectNode e = (ObjectNode) Json.MAPPER.readTree(Files.readString(EVENTS.resolve("reward-granted.json")));
            e.put("id", UUID.randomUUID().toString());
            e.put("time", time);
            ObjectNode d = (ObjectNode) e.path("detail");
            d.put("eventId", eventId).put("userId", userId);
            ((ObjectNode) d.path("rewards").get(0)).put("amount", xp);
            change.accept(e);
            @SuppressWarnings("unchecked") Map<String, Object> map = Json.MAPPER.convertValue(e, Map.class);
            return map;
        } catch (java.io.IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
    }

    private static Map<String, Object> event(String eventId, String userId, long xp, String time) {
        return event(eventId, userId, xp, time, e -> {});
    }

    private String apply(Map<String, Object> event) {
        return (String) consumer.handleRequest(event, null).get("outcome");
    }

    private static <T> List<T> race(int n, Callable<T> task) throws Exception {
        return Race.run(n, task);
    }

    private long itemsInTable() {
        return engines.bean(DynamoDbClient.class).scan(b -> b.tableName(engines.bean(Tables.class).leaderboard())).count();
    }

    @Test
    void aRedeliveredEventAddsOnceEvenWhenTheCopiesRace() throws Exception {
        assertEquals("APPLIED", apply(event("reward#u1#FIRST_PASS#ex-1", "u1", 10, "2026-11-24T08:00:00Z")));
        // EventBridge redelivers with an id of its own: the marker of our detail.eventId is there.
        assertEquals("ALREADY_APPLIED", apply(event("reward#u1#FIRST_PASS#ex-1", "u1", 10, "2026-11-24T08:00:00Z")));
        assertEquals(new Standing(1L, 10), board().standing(THIS_WEEK, "u1"));

        List<String> outcomes = race(20, () -> apply(event("reward#u1#QUIZ_PASSED#qz-1", "u1", 25, "2026-11-24T09:00:00Z")));
        assertEquals(1, outcomes.stream().filter("APPLIED"::equals).count(), outcomes.toString());
        assertEquals(19, outcomes.stream().filter("ALREADY_APPLIED"::equals).count(), outcomes.toString());
        assertEquals(35, board().xp(THIS_WEEK, "u1"));
    }

    @Test
    void twentyConcurrentDistinctEventsForOneLearnerAllAddUp() throws Exception {
        AtomicInteger next = new AtomicInteger();
        List<String> outcomes = race(20, () -> {
            int i = next.incrementAndGet();
            return apply(event("reward#racer#TEST#" + i, "racer", i, "2026-11-25T10:00:00Z"));
        });
        assertTrue(outcomes.stream().allMatch("APPLIED"::equals), outcomes.toString());
        assertEquals(210, board().xp(THIS_WEEK, "racer")); // 1 + 2 + ... + 20
        assertEquals(List.of(new Ranked(1, "racer", 210)), board().top(THIS_WEEK, 10));
    }

    @Test
    void xpCountsInTheWeekOfTheEventTimeOnly() {
        assertEquals("APPLIED", apply(event("reward#w#A", "w", 7, "2026-11-22T23:59:59Z")));   // last week's Sunday
        assertEquals("APPLIED", apply(event("reward#w#B", "w", 11, "2026-11-23T00:00:00Z")));  // this week's first second
        assertEquals("APPLIED", apply(event("reward#w#C", "w", 100, "2026-11-30T00:00:00Z"))); // next week
        assertEquals(new Standing(1L, 11), board().standing(THIS_WEEK, "w"));
        assertEquals(new Standing(1L, 7), board().standing(THIS_WEEK.previous(), "w"));
        assertEquals(List.of(new Ranked(1, "w", 11)), board().top(THIS_WEEK, 10));
        // A learner whose only XP is last week's has none this week.
        assertEquals("APPLIED", apply(event("reward#old#A", "old", 50, "2026-11-20T10:00:00Z")));
        assertEquals(new Standing(null, 0), board().standing(THIS_WEEK, "old"));
        assertEquals(1, board().top(THIS_WEEK, 10).size());

        // Older than the boards are kept: not applied, nothing written (its marker could have expired).
        long before = itemsInTable();
        assertEquals("EXPIRED", apply(event("reward#old#B", "old", 5, "2026-10-18T10:00:00Z")));
        assertEquals(before, itemsInTable());
    }

    /** 60 learners with XP 5, 10, ... and deliberate ties, in two events each. */
    private Map<String, Long> sixtyLearners() {
        Map<String, Long> xp = new HashMap<>();
        for (int i = 0; i < 60; i++) {
            String user = "learner-" + i;
            long total = 5L * (i % 23 + 1);          // 23 distinct values: most learners share theirs with others
            if (i == 7 || i == 31) total = 1000;     // a tie at the very top
            xp.put(user, total);
            long first = total / 2;
            apply(event("reward#" + user + "#one", user, first, "2026-11-23T07:00:00Z"));
            apply(event("reward#" + user + "#two", user, total - first, "2026-11-24T07:00:00Z"));
        }
        return xp;
    }

    private static long expectedRank(Map<String, Long> xp, String user) {
        long mine = xp.get(user);
        return 1 + xp.values().stream().filter(v -> v > mine).count();
    }

    @Test
    void theTopListMergesEveryShardInXpOrderWithSharedRanksForTies() {
        Map<String, Long> xp = sixtyLearners();
        Set<Integer> shards = new HashSet<>();
        xp.keySet().forEach(u -> shards.add(board().shards().of(u)));
        assertTrue(shards.size() >= 3, "the data must span several shards: " + shards);

        List<Ranked> all = board().top(THIS_WEEK, 100);
        assertEquals(60, all.size());
        List<Map.Entry<String, Long>> expected = new ArrayList<>(xp.entrySet());
        expected.sort(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()));
        for (int i = 0; i < 60; i++) {
            Ranked r = all.get(i);
            assertEquals(expected.get(i).getKey(), r.userId(), "place " + i);
            assertEquals(expected.get(i).getValue(), r.xp(), "place " + i);
            assertEquals(expectedRank(xp, r.userId()), r.rank(), "rank of " + r.userId());
        }
        assertEquals(List.of(new Ranked(1, "learner-31", 1000), new Ranked(1, "learner-7", 1000)), board().top(THIS_WEEK, 2));
        // The top 10 cut falls between two XP values, so which learners make it is fixed.
        List<Ranked> ten = board().top(THIS_WEEK, 10);
        assertEquals(all.subList(0, 10), ten);
        assertTrue(ten.get(9).xp() > all.get(10).xp(), "the fixture keeps the cut-off between values: " + all.subList(8, 12));
        // Ties below the top are spread across shards and still share one rank.
        Set<Integer> tiedShards = new HashSet<>();
        all.stream().filter(r -> r.xp() == 5).forEach(r -> tiedShards.add(board().shards().of(r.userId())));
        assertTrue(tiedShards.size() >= 2, "a tie across shards: " + tiedShards);
        assertTrue(all.stream().filter(r -> r.xp() == 5).allMatch(r -> r.rank() == all.stream().filter(x -> x.xp() == 5).findFirst().get().rank()));
    }

    @Test
    void aRankIsOnePlusTheLearnersAheadOnEveryShard() {
        Map<String, Long> xp = sixtyLearners();
        for (String user : List.of("learner-7", "learner-31", "learner-22", "learner-11", "learner-34", "learner-0", "learner-23")) {
            assertEquals(new Standing(expectedRank(xp, user), xp.get(user)), board().standing(THIS_WEEK, user), user);
        }
        assertEquals(new Standing(1L, 1000), board().standing(THIS_WEEK, "learner-31"));
        assertEquals(new Standing(3L, 115), board().standing(THIS_WEEK, "learner-22"), "the first below the tie at the top");
        assertEquals(new Standing(58L, 5), board().standing(THIS_WEEK, "learner-0"), "the last three share the last rank");
        assertEquals(new Standing(null, 0), board().standing(THIS_WEEK, "nobody"));

        // One more grant moves a middle learner past everyone with less.
        apply(event("reward#learner-11#three", "learner-11", 55, "2026-11-25T11:00:00Z"));
        xp.merge("learner-11", 55L, Long::sum);
        assertEquals(new Standing(expectedRank(xp, "learner-11"), 115), board().standing(THIS_WEEK, "learner-11"));
        assertEquals(new Standing(3L, 115), board().standing(THIS_WEEK, "learner-22"), "now tied with learner-11");
    }

    @Test
    void theApiFunctionShowsTopAndMeForTheCurrentWeek() throws Exception {
        sixtyLearners();
        var fn = engines.bean(dev.pyquest.api.LeaderboardFunction.class);
        APIGatewayV2HTTPEvent request = Json.MAPPER.readValue(Files.readString(EVENTS.resolve("submit-request.json")), APIGatewayV2HTTPEvent.class);
        request.setRouteKey("GET /leaderboard");
        request.setQueryStringParameters(Map.of("period", "week", "limit", "3"));
        request.getRequestContext().getAuthorizer().getJwt().setClaims(new HashMap<>(Map.of("sub", "learner-22")));
        var r = fn.handleRequest(request, null);
        assertEquals(200, r.getStatusCode(), r.getBody());
        JsonNode body = Json.MAPPER.readTree(r.getBody());
        assertEquals("week", body.path("period").asText());
        assertEquals("2026-11-23T00:00:00Z", body.path("weekStart").asText());
        assertEquals("2026-11-30T00:00:00Z", body.path("weekEnd").asText());
        ArrayNode top = (ArrayNode) body.path("top");
        assertEquals(3, top.size());
        assertEquals(Json.MAPPER.readTree("{\"rank\":1,\"userId\":\"learner-31\",\"xp\":1000}"), top.get(0));
        assertEquals(Json.MAPPER.readTree("{\"rank\":3,\"userId\":\"learner-22\",\"xp\":115}"), top.get(2));
        assertEquals(Json.MAPPER.readTree("{\"rank\":3,\"xp\":115}"), body.path("me"));
    }

    @Test
    void poisonEventsThrowSoTheyReachTheDlqAndAddNothing() {
        List<Map<String, Object>> poison = List.of(
                event("reward#p#1", "p", 10, "2026-11-24T08:00:00Z", e -> ((ObjectNode) e.path("detail")).remove("userId")),
                event("reward#p#2", "p", 10, "2026-11-24T08:00:00Z", e -> ((ObjectNode) e.path("detail")).remove("eventId")),
                event("reward#p#3", "p", 10, "2026-11-24T08:00:00Z", e -> ((ObjectNode) e.path("detail")).remove("rewards")),
                event("reward#p#4", "p", -10, "2026-11-24T08:00:00Z"),
                event("reward#p#5", "p", 10, "2026-11-24T08:00:00Z",
                        e -> ((ObjectNode) e.path("detail").path("rewards").get(1)).put("amount", -1)),
                event("reward#p#6", "p", 10, "2026-11-24T08:00:00Z",
                        e -> ((ObjectNode) e.path("detail").path("rewards").get(0)).put("amount", 2.5)),
                event("reward#p#7", "p", 10, "2026-11-24T08:00:00Z",
                        e -> ((ObjectNode) e.path("detail").path("rewards").get(0)).put("amount", "10")),
                event("reward#p#8", "p", 10, "2026-11-24T08:00:00Z", e -> e.remove("time")),
                event("reward#p#9", "p", 10, "last tuesday", e -> {}),
                event("reward#p#10", "p", 10, "2026-11-24T08:00:00Z", e -> e.remove("detail")));
        for (Map<String, Object> e : poison) {
            assertThrows(IllegalArgumentException.class, () -> apply(e), e.toString());
        }
        assertEquals(0, itemsInTable());
        assertEquals(new Standing(null, 0), board().standing(THIS_WEEK, "p"));

        // Well-formed but nothing for the board: diamonds only, or another event type.
        assertEquals("NO_XP", apply(event("reward#p#11", "p", 0, "2026-11-24T08:00:00Z")));
        assertEquals("IGNORED", apply(event("reward#p#12", "p", 10, "2026-11-24T08:00:00Z", e -> e.put("detail-type", "CodePassed"))));
        assertEquals(0, itemsInTable());
    }
}
