package dev.pyquest.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pyquest.api.QuestsFunction;
import dev.pyquest.domain.Hashing;
import dev.pyquest.domain.Json;
import dev.pyquest.domain.content.Difficulty;
import dev.pyquest.domain.events.EventSchemas;
import dev.pyquest.domain.events.RewardGranted;
import dev.pyquest.domain.quests.QuestBoard;
import dev.pyquest.domain.quests.QuestPeriod;
import dev.pyquest.domain.quests.QuestRef;
import dev.pyquest.domain.quests.RewardGrantedFact;
import dev.pyquest.domain.rewards.Economy.QuestDef;
import dev.pyquest.domain.rewards.Economy;
import dev.pyquest.events.QuestProgressFunction;
import dev.pyquest.shared.config.Tables;
import dev.pyquest.shared.store.Attr;
import dev.pyquest.shared.store.LearnerRepository;
import dev.pyquest.shared.store.QuestRepository;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Daily quests and the weekly challenge: progress through the real consumer on DynamoDB Local
 * (exactly once per event id, concurrent events summed, the learner's local day), claims through the
 * real API function (once under races, only in period, only when complete), and the whole path
 * through the local stack's HTTP API (a passed exercise moves a quest, the claim lands in /me).
 */
class QuestsIT {
    private static final Path ROOT = LocalStack.findRoot();
    private static final Economy ECONOMY = Economy.bundled();
    /** A Wednesday of ISO week 2026-W48 (Monday 2026-11-23 to Monday 2026-11-30, UTC). */
    private static final Instant WEDNESDAY = Instant.parse("2026-11-25T12:00:00Z");
    private static final LocalDate TODAY = LocalDate.parse("2026-11-25");
    private static final QuestPeriod W48 = QuestPeriod.parseWeek("2026-W48").orElseThrow();

    private final MutableClock clock = new MutableClock(WEDNESDAY);
    private Engines engines;

    /** Created on first use (the HTTP test needs none); synchronized: the first use may be a race's. */
    private synchronized Engines engines() {
        if (engines == null) engines = new Engines(clock);
        return engines;
    }

    @AfterEach
    void stopEngines() {
        if (engines != null) engines.close();
    }

    // ------------------------------------------------------------------ helpers

    /** A clock the test moves; every zone view of it reads the same instant. */
    static final class MutableClock extends Clock {
        private final AtomicReference<Instant> now;
        private final ZoneId zone;

        MutableClock(Instant start) {
            this(new AtomicReference<>(start), ZoneOffset.UTC);
        }

        private MutableClock(AtomicReference<Instant> now, ZoneId zone) {
            this.now = now;
            this.zone = zone;
        }

        void set(Instant t) { now.set(t); }
        @Override public ZoneId getZone() { return zone; }
        @Override public Clock withZone(ZoneId z) { return new MutableClock(now, z); }
        @Override public Instant instant() { return now.get(); }
    }

    private static Set<String> ids(List<QuestDef> qs) {
        return qs.stream().map(QuestDef::id).collect(Collectors.toSet());
    }

    /** The first learner {@code prefix-<n>} whose daily quests on {@code day} include all of {@code questIds}. */
    static String learnerWith(String prefix, LocalDate day, String... questIds) {
        for (int i = 0; i < 10_000; i++) {
            String u = prefix + "-" + i;
            if (ids(QuestBoard.daily(ECONOMY, u, day)).containsAll(List.of(questIds))) return u;
        }
        throw new AssertionError("no learner has " + List.of(questIds) + " on " + day);
    }

    /** A RewardGranted bus event for the first pass of exercise {@code n}, as RewardsService writes it (checked against its schema). */
    static Map<String, Object> passed(String userId, int n, Difficulty d, boolean firstTry, Instant at, long xp) {
        String submissionId = "s-" + Hashing.sha256Hex(userId + n).substring(0, 32);
        ObjectNode detail = Json.MAPPER.createObjectNode()
                .put("eventId", "reward#" + userId + "#FIRST_PASS#ex-" + n).put("userId", userId)
                .put("grantKey", "FIRST_PASS#ex-" + n).put("sourceEventId", "judged#" + submissionId)
                .put("submissionId", submissionId).put("source", "exercise").put("at", at.toString());
        detail.putObject("attributes").put("difficulty", d.name()).put("firstTry", Boolean.toString(firstTry));
        detail.putArray("rewards").addObject().put("kind", "XP").put("amount", xp).put("reason", "first pass: ex-" + n);
        detail.withArray("rewards").addObject().put("kind", "DIAMONDS").put("amount", 1).put("reason", "first pass: ex-" + n);
        return envelope(detail, at);
    }

    /** What quests take from a RewardGranted detail of {@link #passed}. */
    static RewardGrantedFact fact(Object detail) {
        return RewardGrantedFact.of(RewardGranted.fromDetail(Json.MAPPER.valueToTree(detail)), null);
    }

    static Map<String, Object> envelope(ObjectNode detail, Instant at) {
        EventSchemas.assertValid("RewardGranted", detail);
        ObjectNode env;
        try {
            env = (ObjectNode) Json.MAPPER.readTree(Files.readString(ROOT.resolve("events/reward-granted.json")));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        env.put("id", UUID.randomUUID().toString()).put("time", at.toString()).set("detail", detail);
        @SuppressWarnings("unchecked") Map<String, Object> m = Json.MAPPER.convertValue(env, Map.class);
        return m;
    }

    /** The same event as EventBridge redelivers it: a new envelope id, the same detail. */
    static Map<String, Object> redelivered(Map<String, Object> event) {
        Map<String, Object> copy = new HashMap<>(event);
        copy.put("id", UUID.randomUUID().toString());
        return copy;
    }

    private String deliver(Map<String, Object> event) {
        return String.valueOf(engines().bean(QuestProgressFunction.class).handleRequest(event, null).get("outcome"));
    }

    private long progress(String userId, String periodId, String questId) {
        QuestRepository.Key k = new QuestRepository.Key(periodId, questId);
        return engines().bean(QuestRepository.class).progress(userId, List.of(k)).get(k);
    }

    private APIGatewayV2HTTPResponse call(String routeKey, String userId, String questId, String key) {
        APIGatewayV2HTTPEvent ev;
        try {
            ev = Json.MAPPER.readValue(Files.readString(ROOT.resolve("events/submit-request.json")), APIGatewayV2HTTPEvent.class);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        ev.setRouteKey(routeKey);
        ev.setBody(null);
        Map<String, String> headers = new HashMap<>();
        if (key != null) headers.put("idempotency-key", key);
        ev.setHeaders(headers);
        ev.setPathParameters(questId == null ? null : Map.of("id", questId));
        ev.getRequestContext().getAuthorizer().getJwt().setClaims(new HashMap<>(Map.of("sub", userId)));
        return engines().bean(QuestsFunction.class).handleRequest(ev, null);
    }

    private JsonNode board(String userId) throws Exception {
        APIGatewayV2HTTPResponse r = call("GET /quests", userId, null, null);
        assertEquals(200, r.getStatusCode(), r.getBody());
        return Json.MAPPER.readTree(r.getBody());
    }

    private APIGatewayV2HTTPResponse claim(String userId, String questId, String key) {
        return call("POST /quests/{id}/claim", userId, questId, key);
    }

    private static String code(APIGatewayV2HTTPResponse r) throws Exception {
        return Json.MAPPER.readTree(r.getBody()).path("code").asText(null);
    }

    private static JsonNode quest(JsonNode board, String id) {
        for (JsonNode q : board.path("daily")) if (q.path("id").asText().equals(id)) return q;
        if (board.path("weekly").path("id").asText().equals(id)) return board.path("weekly");
        throw new AssertionError("no quest " + id + " in " + board);
    }

    private List<Map<String, AttributeValue>> ledger(String userId) {
        return engines().bean(DynamoDbClient.class).query(b -> b.tableName(engines().bean(Tables.class).ledger()).consistentRead(true)
                .keyConditionExpression("userId = :u").expressionAttributeValues(Map.of(":u", Attr.s(userId)))).items();
    }

    /** The learner's items of the economy table whose id starts with {@code prefix}. */
    private List<String> economyItems(String userId, String prefix) {
        return engines().bean(DynamoDbClient.class).query(b -> b.tableName(engines().bean(Tables.class).economy()).consistentRead(true)
                        .keyConditionExpression("userId = :u").expressionAttributeValues(Map.of(":u", Attr.s(userId)))).items()
                .stream().map(i -> Attr.str(i, "itemId")).filter(id -> id.startsWith(prefix)).toList();
    }

    /**
     * Stores the learner's zone as PUT /me/timezone does. Written directly: on this branch
     * LearnerRepository.setTimezone names the reserved word timezone unescaped (fixed on main).
     */
    private void setZone(String userId, String zone) {
        engines().bean(DynamoDbClient.class).updateItem(b -> b.tableName(engines().bean(Tables.class).learners())
                .key(Map.of("userId", Attr.s(userId))).updateExpression("SET #tz = :tz")
                .expressionAttributeNames(Map.of("#tz", "timezone")).expressionAttributeValues(Map.of(":tz", Attr.s(zone))));
        assertEquals(zone, engines().bean(LearnerRepository.class).get(userId).timezone());
    }

    /** Ledger sums = wallet, as RewardsIT holds it. */
    private void assertWalletMatchesLedger(String userId) {
        long xp = 0, diamonds = 0;
        for (Map<String, AttributeValue> i : ledger(userId)) {
            if ("XP".equals(Attr.str(i, "kind"))) xp += Attr.num(i, "amount", 0);
            if ("DIAMONDS".equals(Attr.str(i, "kind"))) diamonds += Attr.num(i, "amount", 0);
        }
        var l = engines().bean(LearnerRepository.class).get(userId);
        assertEquals(xp, l.xp(), "ledger XP = wallet XP");
        assertEquals(diamonds, l.diamonds(), "ledger diamonds = wallet diamonds");
    }

    private static <T> List<T> race(int n, Callable<T> task) throws Exception {
        return Race.run(n, task);
    }

    // ------------------------------------------------------------------ progress on DynamoDB Local

    @Test
    void aRedeliveredEventAddsOnce() {
        String u = learnerWith("redeliver", TODAY, "pass-3");
        Map<String, Object> e = passed(u, 1, Difficulty.EASY, false, WEDNESDAY, 10);
        assertEquals("APPLIED", deliver(e));
        assertEquals("ALREADY_APPLIED", deliver(redelivered(e)));
        assertEquals("ALREADY_APPLIED", deliver(e));
        assertEquals(1, progress(u, TODAY.toString(), "pass-3"));
        QuestDef weekly = QuestBoard.weekly(ECONOMY, W48);
        long inc = fact(e.get("detail")).increment(weekly.metric());
        assertEquals(inc, progress(u, W48.id(), weekly.id()), "the weekly challenge moved once too");
        assertEquals(List.of("applied#reward#" + u + "#FIRST_PASS#ex-1"), economyItems(u, "applied#"));
        // Quests the event does not count for stay untouched.
        for (QuestDef q : QuestBoard.daily(ECONOMY, u, TODAY)) {
            if (fact(e.get("detail")).increment(q.metric()) == 0) {
                assertEquals(0, progress(u, TODAY.toString(), q.id()), q.id());
            }
        }
    }

    @Test
    void twentyConcurrentDistinctEventsSumAndTheirRedeliveriesAddNothing() throws Exception {
        String u = learnerWith("concurrent", TODAY, "pass-3", "earn-50-xp");
        List<Map<String, Object>> events = new ArrayList<>();
        for (int i = 0; i < 20; i++) events.add(passed(u, i, Difficulty.MEDIUM, i % 2 == 0, WEDNESDAY.plusSeconds(i), 25 + i));
        AtomicInteger next = new AtomicInteger();
        List<String> outcomes = race(20, () -> deliver(events.get(next.getAndIncrement())));
        assertEquals(List.of("APPLIED"), outcomes.stream().distinct().toList(), outcomes.toString());
        long xp = 20 * 25 + 190; // 25 + 26 + ... + 44
        assertEquals(20, progress(u, TODAY.toString(), "pass-3"), "stored uncapped");
        assertEquals(xp, progress(u, TODAY.toString(), "earn-50-xp"));
        AtomicInteger again = new AtomicInteger();
        List<String> replays = race(20, () -> deliver(redelivered(events.get(again.getAndIncrement()))));
        assertEquals(List.of("ALREADY_APPLIED"), replays.stream().distinct().toList());
        assertEquals(20, progress(u, TODAY.toString(), "pass-3"));
        assertEquals(xp, progress(u, TODAY.toString(), "earn-50-xp"));
        assertEquals(20, economyItems(u, "applied#").size());
        // The API shows progress capped at the target.
        JsonNode board = board(u);
        assertEquals(3, quest(board, "daily:" + TODAY + ":pass-3").path("progress").asLong());
        assertEquals(50, quest(board, "daily:" + TODAY + ":earn-50-xp").path("progress").asLong());
        assertTrue(quest(board, "daily:" + TODAY + ":pass-3").path("claimable").asBoolean());
    }

    @Test
    void anEventCountsForTheLearnersLocalDayItHappenedOn() throws Exception {
        // 00:30 UTC on the 25th is 01:30 in Paris: "today" is the 25th there.
        clock.set(Instant.parse("2026-11-25T00:30:00Z"));
        LocalDate yesterday = TODAY.minusDays(1);
        String u = null;
        for (int i = 0; u == null && i < 10_000; i++) {
            String c = "paris-" + i;
            if (ids(QuestBoard.daily(ECONOMY, c, yesterday)).contains("pass-1") && ids(QuestBoard.daily(ECONOMY, c, TODAY)).contains("pass-1")) u = c;
        }
        assertTrue(u != null);
        setZone(u, "Europe/Paris");
        // 22:30 UTC on the 24th is 23:30 in Paris: yesterday's quest, delivered today.
        assertEquals("APPLIED", deliver(passed(u, 1, Difficulty.EASY, false, Instant.parse("2026-11-24T22:30:00Z"), 10)));
        assertEquals(1, progress(u, yesterday.toString(), "pass-1"));
        assertEquals(0, progress(u, TODAY.toString(), "pass-1"));
        JsonNode board = board(u);
        assertEquals(TODAY.toString(), board.path("localDate").asText());
        assertEquals(0, quest(board, "daily:" + TODAY + ":pass-1").path("progress").asLong());
        assertEquals(Instant.parse("2026-11-25T23:00:00Z").toString(), quest(board, "daily:" + TODAY + ":pass-1").path("expiresAt").asText(),
                "the day ends at midnight in Paris");
        // Yesterday's quest is complete, but its day is over.
        APIGatewayV2HTTPResponse late = claim(u, "daily:" + yesterday + ":pass-1", "late");
        assertEquals(409, late.getStatusCode(), late.getBody());
        assertEquals("QUEST_EXPIRED", code(late));
        // 23:30 UTC on the 24th is already the 25th in Paris (and still the 24th in UTC).
        assertEquals("APPLIED", deliver(passed(u, 2, Difficulty.EASY, false, Instant.parse("2026-11-24T23:30:00Z"), 10)));
        assertEquals(1, progress(u, yesterday.toString(), "pass-1"));
        assertEquals(1, progress(u, TODAY.toString(), "pass-1"));
        assertTrue(quest(board(u), "daily:" + TODAY + ":pass-1").path("claimable").asBoolean());
        assertTrue(ledger(u).isEmpty());
    }

    @Test
    void poisonEventsThrowAndCountNothing() {
        String u = learnerWith("poison", TODAY, "pass-1");
        Map<String, Object> ok = passed(u, 1, Difficulty.EASY, false, WEDNESDAY, 10);
        for (String broken : List.of("userId", "eventId", "amount")) {
            @SuppressWarnings("unchecked") Map<String, Object> bad = Json.MAPPER.convertValue(Json.MAPPER.valueToTree(ok), Map.class);
            ObjectNode d = Json.MAPPER.valueToTree(bad.get("detail"));
            if (broken.equals("amount")) ((ObjectNode) d.withArray("rewards").get(0)).put("amount", -10);
            else d.remove(broken);
            bad.put("detail", Json.MAPPER.convertValue(d, Map.class));
            assertThrows(IllegalArgumentException.class, () -> deliver(bad), broken);
        }
        assertEquals(0, progress(u, TODAY.toString(), "pass-1"));
        assertTrue(economyItems(u, "").isEmpty());
        // Other detail-types never reach quests (the rule matches RewardGranted only; the function checks too).
        Map<String, Object> other = new HashMap<>(ok);
        other.put("detail-type", "CodePassed");
        assertEquals("IGNORED", deliver(other));
    }

    // ------------------------------------------------------------------ claims on DynamoDB Local

    @Test
    void aClaimBelowTargetIs409AndGrantsNothing() throws Exception {
        String u = learnerWith("below", TODAY, "pass-3");
        String id = "daily:" + TODAY + ":pass-3";
        deliver(passed(u, 1, Difficulty.EASY, false, WEDNESDAY, 10));
        deliver(passed(u, 2, Difficulty.EASY, false, WEDNESDAY, 10));
        APIGatewayV2HTTPResponse r = claim(u, id, "k1");
        assertEquals(409, r.getStatusCode(), r.getBody());
        assertEquals("QUEST_INCOMPLETE", code(r));
        assertTrue(Json.MAPPER.readTree(r.getBody()).path("message").asText().contains("2 of 3"), r.getBody());
        assertTrue(ledger(u).isEmpty());
        JsonNode q = quest(board(u), id);
        assertEquals(2, q.path("progress").asLong());
        assertFalse(q.path("claimable").asBoolean());
        // The third pass completes it; the same key replays its 409, a new key claims.
        deliver(passed(u, 3, Difficulty.EASY, false, WEDNESDAY, 10));
        assertEquals(409, claim(u, id, "k1").getStatusCode());
        assertEquals(200, claim(u, id, "k2").getStatusCode());
        assertEquals(2, ledger(u).size());
        assertWalletMatchesLedger(u);
    }

    @Test
    void aCompletedQuestPaysOnceUnderTwentyConcurrentClaims() throws Exception {
        String u = learnerWith("claim", TODAY, "pass-1");
        String id = "daily:" + TODAY + ":pass-1";
        QuestDef def = ECONOMY.quest("pass-1").orElseThrow();
        deliver(passed(u, 1, Difficulty.EASY, false, WEDNESDAY, 10));
        JsonNode before = quest(board(u), id);
        assertTrue(before.path("claimable").asBoolean());
        assertFalse(before.path("claimed").asBoolean());

        AtomicInteger n = new AtomicInteger();
        List<JsonNode> replies = race(20, () -> {
            APIGatewayV2HTTPResponse r = claim(u, id, "race-" + n.getAndIncrement());
            assertEquals(200, r.getStatusCode(), r.getBody());
            return Json.MAPPER.readTree(r.getBody());
        });
        List<JsonNode> paid = replies.stream().filter(r -> !r.path("alreadyClaimed").asBoolean()).toList();
        assertEquals(1, paid.size(), replies.toString());
        assertEquals(List.of("XP", "DIAMONDS"), paid.get(0).path("rewards").findValuesAsText("kind"));
        assertEquals(def.xp(), paid.get(0).path("rewards").get(0).path("amount").asLong());
        for (JsonNode r : replies) {
            assertTrue(r.path("claimed").asBoolean());
            assertEquals(id, r.path("id").asText());
            if (r.path("alreadyClaimed").asBoolean()) assertEquals(0, r.path("rewards").size());
        }
        List<String> grants = ledger(u).stream().map(i -> Attr.str(i, "entryId"))
                .filter(e -> e.startsWith("QUEST#")).map(e -> e.substring(0, e.indexOf('|'))).distinct().toList();
        assertEquals(List.of("QUEST#" + TODAY + "#pass-1"), grants);
        assertEquals(2, ledger(u).size(), "one XP and one DIAMONDS line");
        assertWalletMatchesLedger(u);
        assertEquals(def.diamonds(), engines().bean(LearnerRepository.class).get(u).diamonds());
        assertEquals(def.xp(), engines().bean(LearnerRepository.class).get(u).xp());
        JsonNode after = quest(board(u), id);
        assertTrue(after.path("claimed").asBoolean());
        assertFalse(after.path("claimable").asBoolean());

        // The claim's own RewardGranted (in the outbox) reaches the consumer too, and moves no quest.
        var outbox = engines().bean(DynamoDbClient.class).scan(b -> b.tableName(engines().bean(Tables.class).outbox())).items().stream()
                .filter(i -> Attr.str(i, "eventId").equals("reward#" + u + "#QUEST#" + TODAY + "#pass-1")).toList();
        assertEquals(1, outbox.size());
        ObjectNode detail = (ObjectNode) Json.MAPPER.readTree(Attr.str(outbox.get(0), "detail"));
        assertEquals("NO_QUEST_PROGRESS", deliver(envelope(detail, clock.instant())));
    }

    @Test
    void claimsNameAQuestOfTheLearnersPeriod() throws Exception {
        String u = learnerWith("errors", TODAY, "pass-1");
        deliver(passed(u, 1, Difficulty.EASY, false, WEDNESDAY, 10));
        String notMine = ECONOMY.dailyQuests().stream().map(QuestDef::id)
                .filter(q -> !ids(QuestBoard.daily(ECONOMY, u, TODAY)).contains(q)).findFirst().orElseThrow();
        QuestDef otherWeekly = ECONOMY.weeklyQuests().stream().filter(q -> !q.equals(QuestBoard.weekly(ECONOMY, W48))).findFirst().orElseThrow();
        Map<String, Integer> expected = new java.util.LinkedHashMap<>();
        expected.put("daily:" + TODAY + ":" + notMine, 404);
        expected.put("daily:" + TODAY + ":no-such-quest", 404);
        expected.put("daily:" + TODAY.plusDays(1) + ":pass-1", 404);            // not started: not handed out yet
        expected.put("daily:2026-02-30:pass-1", 404);                          // not a date
        expected.put("weekly:" + W48.id() + ":" + otherWeekly.id(), 404);
        expected.put("weekly:2025-W53:" + otherWeekly.id(), 404);             // 2025 has 52 weeks
        expected.put("daily:" + TODAY + ":pass-1:extra", 400);
        expected.put("pass-1", 400);
        for (Map.Entry<String, Integer> e : expected.entrySet()) {
            APIGatewayV2HTTPResponse r = claim(u, e.getKey(), "k-" + UUID.randomUUID());
            assertEquals(e.getValue(), r.getStatusCode(), e.getKey() + " -> " + r.getBody());
            assertEquals(e.getValue() == 404 ? "NOT_FOUND" : "VALIDATION", code(r), e.getKey());
        }
        APIGatewayV2HTTPResponse noKey = claim(u, "daily:" + TODAY + ":pass-1", null);
        assertEquals(400, noKey.getStatusCode());
        assertEquals("IDEMPOTENCY_KEY_REQUIRED", code(noKey));
        assertTrue(ledger(u).isEmpty(), "nothing granted by any of them");
        // Same key, another quest: the key is taken.
        assertEquals(200, claim(u, "daily:" + TODAY + ":pass-1", "one-key").getStatusCode());
        APIGatewayV2HTTPResponse reused = claim(u, "weekly:" + W48.id() + ":" + QuestBoard.weekly(ECONOMY, W48).id(), "one-key");
        assertEquals(422, reused.getStatusCode());
        assertEquals("IDEMPOTENCY_KEY_REUSED", code(reused));
    }

    @Test
    void theWeeklyChallengeCountsEveryDayOfItsWeekAndIsClaimedWithinIt() throws Exception {
        QuestDef challenge = QuestBoard.weekly(ECONOMY, W48);
        QuestPeriod w49 = QuestPeriod.weekOf(W48.end());
        String weeklyId = QuestRef.of(W48, challenge.id()).toString();
        // A hard first-try pass counts for every weekly metric (a pass, a hard pass, XP).
        long inc = fact(passed("x", 0, Difficulty.HARD, true, WEDNESDAY, 55).get("detail"))
                .increment(challenge.metric());
        int needed = (int) ((challenge.target() + inc - 1) / inc);
        List<Instant> days = List.of(W48.start(), Instant.parse("2026-11-24T09:00:00Z"), Instant.parse("2026-11-25T09:00:00Z"),
                Instant.parse("2026-11-26T09:00:00Z"), Instant.parse("2026-11-27T09:00:00Z"), Instant.parse("2026-11-28T09:00:00Z"),
                W48.end().minusSeconds(1));
        for (String u : List.of("weekly-a", "weekly-b")) {
            for (int i = 0; i < needed - 1; i++) assertEquals("APPLIED", deliver(passed(u, i, Difficulty.HARD, true, days.get(i % days.size()), 55)));
            // Just outside the week on both sides: other weeks.
            deliver(passed(u, 100, Difficulty.HARD, true, W48.start().minusSeconds(1), 55));
            deliver(passed(u, 101, Difficulty.HARD, true, W48.end(), 55));
            assertEquals((needed - 1) * inc, progress(u, W48.id(), challenge.id()));
        }
        clock.set(W48.end().minusSeconds(3600)); // Sunday 23:00 UTC
        APIGatewayV2HTTPResponse early = claim("weekly-a", weeklyId, "w1");
        assertEquals(409, early.getStatusCode(), early.getBody());
        assertEquals("QUEST_INCOMPLETE", code(early));
        for (String u : List.of("weekly-a", "weekly-b")) deliver(passed(u, needed - 1, Difficulty.HARD, true, W48.end().minusSeconds(1), 55));
        assertEquals(needed * inc, progress("weekly-a", W48.id(), challenge.id()));
        JsonNode w = board("weekly-a").path("weekly");
        assertEquals(weeklyId, w.path("id").asText());
        assertEquals(W48.start().toString(), w.path("weekStart").asText());
        assertEquals(W48.end().toString(), w.path("weekEnd").asText());
        assertEquals(W48.end().toString(), w.path("expiresAt").asText());
        assertEquals(challenge.target(), w.path("progress").asLong());
        assertTrue(w.path("claimable").asBoolean());
        APIGatewayV2HTTPResponse won = claim("weekly-a", weeklyId, "w2");
        assertEquals(200, won.getStatusCode(), won.getBody());
        assertFalse(Json.MAPPER.readTree(won.getBody()).path("alreadyClaimed").asBoolean());
        assertEquals(challenge.diamonds(), engines().bean(LearnerRepository.class).get("weekly-a").diamonds());
        assertWalletMatchesLedger("weekly-a");

        // Monday 00:00 UTC: a new week, a new challenge; last week's is over.
        clock.set(W48.end());
        APIGatewayV2HTTPResponse again = claim("weekly-a", weeklyId, "w3");
        assertEquals(200, again.getStatusCode(), again.getBody());
        assertTrue(Json.MAPPER.readTree(again.getBody()).path("alreadyClaimed").asBoolean(), "claimed in its week, said so after");
        APIGatewayV2HTTPResponse expired = claim("weekly-b", weeklyId, "w4");
        assertEquals(409, expired.getStatusCode(), expired.getBody());
        assertEquals("QUEST_EXPIRED", code(expired));
        assertTrue(ledger("weekly-b").isEmpty());
        JsonNode next = board("weekly-b").path("weekly");
        assertEquals(QuestRef.of(w49, QuestBoard.weekly(ECONOMY, w49).id()).toString(), next.path("id").asText());
        assertEquals(w49.start().toString(), next.path("weekStart").asText());
        long inc49 = fact(passed("x", 0, Difficulty.HARD, true, WEDNESDAY, 55).get("detail"))
                .increment(QuestBoard.weekly(ECONOMY, w49).metric());
        assertEquals(Math.min(inc49, QuestBoard.weekly(ECONOMY, w49).target()), next.path("progress").asLong(),
                "the Monday 00:00 pass counted for the new week");
    }

    // ------------------------------------------------------------------ through the local stack's HTTP API

    @TempDir
    static Path data;
    private static LocalStack stack;

    @AfterAll
    static void stopStack() {
        if (stack != null) stack.close();
    }

    @Test
    void aPassedExerciseMovesAQuestThatIsClaimedOverHttp() {
        // Wednesday noon of 2026-W48, still ticking: "today" is fixed for the test, the stack's timers run.
        Instant wednesday = WEDNESDAY;
        Clock ticking = Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), wednesday));
        stack = LocalStack.start(LocalStack.Config.fromEnvironment().withoutFunctions(Stacks.ACHIEVEMENTS).withDataDir(data).withPort(0).withClock(ticking));
        Api api = new Api(stack.port());
        String u = learnerWith("http", TODAY, "pass-1", "earn-50-xp");
        String t = api.token(u);
        String pass1 = "daily:" + TODAY + ":pass-1";

        Api.Response board = api.get("/quests", t);
        assertEquals(200, board.status(), String.valueOf(board.body()));
        assertEquals(TODAY.toString(), board.body().path("localDate").asText());
        assertEquals(ECONOMY.dailyQuestCount(), board.body().path("daily").size());
        assertEquals(0, quest(board.body(), pass1).path("progress").asLong());
        assertEquals(W48.start().toString(), board.body().path("weekly").path("weekStart").asText());

        Api.Response early = api.post("/quests/" + pass1 + "/claim", t, Map.of("Idempotency-Key", "early"), "");
        assertEquals(409, early.status());
        assertEquals("QUEST_INCOMPLETE", early.code());
        Api.Response noKey = api.post("/quests/" + pass1 + "/claim", t, Map.of(), "");
        assertEquals(400, noKey.status());
        assertEquals("IDEMPOTENCY_KEY_REQUIRED", noKey.code());
        assertEquals("VALIDATION", api.post("/quests/pass-1/claim", t, Map.of("Idempotency-Key", "bad"), "").code());
        assertEquals(404, api.post("/quests/daily:" + TODAY + ":no-such-quest/claim", t, Map.of("Idempotency-Key", "nf"), "").status());
        assertEquals(401, api.get("/quests", null).status());

        Api.Response sub = api.submit("sum-of-evens", t, "pass", CoreLoopIT.SUM_OF_EVENS);
        assertEquals(202, sub.status(), String.valueOf(sub.body()));
        JsonNode verdict = api.awaitVerdict(sub.body().path("submissionId").asText(), t, true, Duration.ofSeconds(60));
        assertEquals("PASSED", verdict.path("status").asText(), verdict.toString());
        long exerciseXp = ECONOMY.exerciseXp().get(Difficulty.EASY) + ECONOMY.firstTryBonusXp();

        // RewardGranted goes outbox -> relay -> bus -> QuestProgressFunction.
        JsonNode moved = null;
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < end) {
            moved = api.get("/quests", t).body();
            if (quest(moved, pass1).path("progress").asLong() == 1) break;
            Api.sleep(20);
        }
        assertEquals(1, quest(moved, pass1).path("progress").asLong(), String.valueOf(moved));
        assertTrue(quest(moved, pass1).path("claimable").asBoolean());
        assertEquals(exerciseXp, quest(moved, "daily:" + TODAY + ":earn-50-xp").path("progress").asLong());

        // ':' travels in the path as it is, and percent-encoded too.
        Api.Response claimed = api.post("/quests/" + pass1.replace(":", "%3A") + "/claim", t, Map.of("Idempotency-Key", "claim-1"), "");
        assertEquals(200, claimed.status(), String.valueOf(claimed.body()));
        assertEquals(pass1, claimed.body().path("id").asText());
        assertFalse(claimed.body().path("alreadyClaimed").asBoolean());
        QuestDef def = ECONOMY.quest("pass-1").orElseThrow();
        assertEquals(List.of("XP", "DIAMONDS"), claimed.body().path("rewards").findValuesAsText("kind"));
        Api.Response replay = api.post("/quests/" + pass1 + "/claim", t, Map.of("Idempotency-Key", "claim-1"), "");
        assertEquals(claimed.body(), replay.body());
        assertEquals("true", replay.raw().headers().firstValue("idempotent-replay").orElse(""));
        Api.Response second = api.post("/quests/" + pass1 + "/claim", t, Map.of("Idempotency-Key", "claim-2"), "");
        assertEquals(200, second.status());
        assertTrue(second.body().path("alreadyClaimed").asBoolean());
        assertEquals(0, second.body().path("rewards").size());

        JsonNode me = api.get("/me", t).body();
        assertEquals(ECONOMY.exerciseDiamonds().get(Difficulty.EASY) + def.diamonds(), me.path("diamonds").asLong(), me.toString());
        assertEquals(exerciseXp + def.xp(), me.path("xp").asLong());
        // The claim's own XP reaches the consumer too, and counts for no quest.
        Api.sleep(500);
        JsonNode after = api.get("/quests", t).body();
        assertTrue(quest(after, pass1).path("claimed").asBoolean());
        assertFalse(quest(after, pass1).path("claimable").asBoolean());
        assertEquals(exerciseXp, quest(after, "daily:" + TODAY + ":earn-50-xp").path("progress").asLong());
        assertTrue(stack.bus().deadLetters("QuestProgressDlq").isEmpty());
    }
}
