package dev.pyquest.events;

import dev.pyquest.domain.achievements.AchievementEngine;
import dev.pyquest.domain.achievements.AchievementFact;
import dev.pyquest.domain.rewards.Economy;
import dev.pyquest.shared.achievements.AchievementEngines;
import dev.pyquest.shared.rewards.RewardsService;
import dev.pyquest.shared.store.AchievementRepository;
import dev.pyquest.shared.store.Attr;
import dev.pyquest.shared.store.LearnerRepository;
import dev.pyquest.shared.testing.RecordingDynamo;
import dev.pyquest.shared.testing.Samples;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The achievements consumer on the sample events of {@code events/}, its reads answered and its writes recorded. */
class AchievementsFunctionTest {
    private static final AchievementEngine ENGINE = AchievementEngine.load(Samples.root().resolve("content"));
    private static final Instant NOW = Instant.parse("2026-11-23T10:16:00Z");
    private static final String EVENT_ID = "reward#learner-1#FIRST_PASS#ex-0001";

    private RecordingDynamo dynamo = new RecordingDynamo();

    private AchievementsFunction function() {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        return new AchievementsFunction(new AchievementRepository(dynamo.client(), "Economy", "Outbox"),
                new LearnerRepository(dynamo.client(), "Learners", "Ledger"),
                new RewardsService(dynamo.client(), "Ledger", "Learners", "Outbox", "Submissions", "Economy", Economy.bundled(), clock),
                AchievementEngines.fixed(ENGINE), clock);
    }

    /** The achievements' own transactions (their first item is a fact's marker), in order. */
    private List<TransactWriteItemsRequest> achievementTransactions() {
        return dynamo.of(TransactWriteItemsRequest.class).stream()
                .filter(r -> r.transactItems().get(0).put() != null && "Economy".equals(r.transactItems().get(0).put().tableName())
                        && r.transactItems().get(0).put().item().get("itemId").s().startsWith("ach#e#"))
                .toList();
    }

    private static Put put(TransactWriteItemsRequest r, String itemId) {
        return r.transactItems().stream().map(TransactWriteItem::put)
                .filter(p -> p != null && "Economy".equals(p.tableName()) && itemId.equals(p.item().get("itemId").s())).findFirst()
                .orElseThrow(() -> new AssertionError("no " + itemId + " in " + r));
    }

    /** The ledger entry ids the grants wrote. */
    private Set<String> ledger() {
        Set<String> out = new TreeSet<>();
        for (TransactWriteItem i : dynamo.transactItems()) {
            if (i.put() != null && i.put().tableName().equals("Ledger")) out.add(i.put().item().get("entryId").s());
        }
        return out;
    }

    @Test
    void aFirstPassUnlocksHelloWorldAndPaysItThroughTheLedgerInOneTransactionWithItsMarker() {
        Map<String, Object> out = function().handleRequest(Samples.event("reward-granted.json"), null);
        assertEquals("APPLIED", out.get("outcome"), out.toString());
        @SuppressWarnings("unchecked") List<String> unlocked = (List<String>) out.get("unlocked");
        assertTrue(unlocked.contains("hello-world"), unlocked.toString());
        assertTrue(unlocked.contains("first-try"), "the sample passed on the first try: " + unlocked);

        List<TransactWriteItemsRequest> txs = achievementTransactions();
        assertEquals(1, txs.size(), "one transaction for the fact: " + txs);
        assertEquals(txs, dynamo.of(TransactWriteItemsRequest.class), "its payments in it, none after it");
        TransactWriteItemsRequest tx = txs.get(0);
        Put marker = tx.transactItems().get(0).put();
        assertEquals("ach#e#" + EVENT_ID, marker.item().get("itemId").s(), "the marker first: its failure means already applied");
        assertEquals("attribute_not_exists(itemId)", marker.conditionExpression());
        assertNotNull(marker.item().get("expiresAt"), "markers expire like the quests'");

        Put count = put(tx, "ach#p#problem-solver");
        assertEquals("1", count.item().get("value").n());
        assertEquals("attribute_not_exists(itemId) OR #v = :before", count.conditionExpression());
        assertEquals("0", count.expressionAttributeValues().get(":before").n());

        Put unlock = put(tx, "ach#u#hello-world");
        assertEquals("attribute_not_exists(itemId)", unlock.conditionExpression());
        assertEquals(EVENT_ID, unlock.item().get("eventId").s(), "the unlock names its fact, for a redelivery to pay it again");
        assertEquals(NOW.toString(), unlock.item().get("at").s());
        long progress = tx.transactItems().stream()
                .filter(i -> i.put() != null && i.put().item().get("itemId") != null && i.put().item().get("itemId").s().matches("ach#[po]#.*")).count();
        List<Put> events = tx.transactItems().stream().map(TransactWriteItem::put)
                .filter(p -> p != null && "Outbox".equals(p.tableName()) && "AchievementUnlocked".equals(p.item().get("detailType").s())).toList();
        assertEquals(unlocked.size(), events.size(), "one AchievementUnlocked per unlock");
        Put helloWorld = events.stream().filter(e -> e.item().get("eventId").s().equals("achievement#learner-1#hello-world"))
                .findFirst().orElseThrow(() -> new AssertionError(events.toString()));
        assertEquals("AchievementUnlocked", helloWorld.item().get("detailType").s());
        assertEquals("pyquest.achievements", helloWorld.item().get("source").s());
        assertEquals("attribute_not_exists(eventId)", helloWorld.conditionExpression());

        // The learner's first fact: they become active on its UTC day, with the levels it unlocks counted there.
        Put seen = put(tx, "ach#seen");
        assertEquals("attribute_not_exists(itemId)", seen.conditionExpression());
        assertEquals("2026-11-23", seen.item().get("day").s());
        assertEquals(Integer.toString(unlocked.size()), seen.item().get("levels").n());
        var counter = counters();
        assertEquals(1, counter.size(), counter.toString());
        assertEquals("2026-11-23", counter.get(0).key().get("itemId").s());
        assertTrue(counter.get(0).key().get("userId").s().startsWith("@rarity#"), counter.toString());
        assertTrue(counter.get(0).updateExpression().startsWith("ADD learners :l"), counter.get(0).updateExpression());
        assertEquals("1", counter.get(0).expressionAttributeValues().get(":l").n());
        assertEquals(unlocked.stream().map(k -> "h:" + k).collect(java.util.stream.Collectors.toSet()),
                Set.copyOf(counter.get(0).expressionAttributeNames().values()));
        int own = 1 + (int) progress + 2 * unlocked.size() + 2;
        assertTrue(tx.transactItems().subList(0, own).stream().allMatch(i -> i.put() != null
                ? List.of("Economy", "Outbox").contains(i.put().tableName()) : "Economy".equals(i.update().tableName())),
                "first the marker, progress, unlocks and their events, the activity and its counter: " + tx);

        // Then the payments, as RewardsService writes a grant: per unlock its ledger lines (each once ever) and its
        // RewardGranted; one update of the submission's reward lines and one of the wallet for all.
        List<TransactWriteItem> payments = tx.transactItems().subList(own, tx.transactItems().size());
        Set<String> ledger = ledger();
        assertTrue(ledger.containsAll(List.of("ACHIEVEMENT#hello-world|BADGE", "ACHIEVEMENT#hello-world|XP",
                "ACHIEVEMENT#hello-world|DIAMONDS")), ledger.toString());
        assertTrue(ledger.stream().allMatch(e -> e.startsWith("ACHIEVEMENT#")), "the fact's own grant is not paid again: " + ledger);
        assertTrue(payments.stream().filter(i -> i.put() != null && "Ledger".equals(i.put().tableName()))
                .allMatch(i -> "attribute_not_exists(entryId)".equals(i.put().conditionExpression())), payments.toString());
        assertEquals(unlocked.size(), payments.stream().filter(i -> i.put() != null && "Outbox".equals(i.put().tableName())
                && "RewardGranted".equals(i.put().item().get("detailType").s())).count(), payments.toString());
        assertEquals(1, payments.stream().filter(i -> i.update() != null && "Learners".equals(i.update().tableName())).count(),
                "one wallet update for every unlock of the fact: " + payments);
        var submission = payments.stream().map(TransactWriteItem::update)
                .filter(u -> u != null && "Submissions".equals(u.tableName())).toList();
        assertEquals(1, submission.size(), "a transaction touches an item once: one update of the submission for every badge");
        assertEquals(ledger.size(), submission.get(0).expressionAttributeValues().get(":new").l().size(), "a line per ledger line");
        assertEquals(ledger.size() + unlocked.size() + 2L, payments.size(),
                "ledger lines and a RewardGranted per unlock, the submission's lines, the wallet; nothing else: " + payments);
    }

    @Test
    void aPeriodsProgressIsItemSortedByThePeriodsFirstDaySoTheFactReadsNoPastPeriod() {
        // 2026-11-23, a Monday: the fact's day and week both start on it.
        function().handleRequest(Samples.event("reward-granted.json"), null);
        TransactWriteItemsRequest tx = achievementTransactions().get(0);
        assertEquals("15", put(tx, "ach#o#2026-11-23#busy-day@2026-11-23").item().get("value").n());
        assertEquals("15", put(tx, "ach#o#2026-11-23#big-week@" + AchievementFact.isoWeek(LocalDate.parse("2026-11-23"))).item().get("value").n());
        QueryRequest q = dynamo.of(QueryRequest.class).get(0);
        assertEquals("ach#o#2026-11-23", q.expressionAttributeValues().get(":lo").s(), "from the fact's week on: " + q);
        assertEquals("ach#u$", q.expressionAttributeValues().get(":hi").s());
    }

    @Test
    void aPeriodsProgressStoredTheOldWayIsCountedOnWhereItIs() {
        dynamo = new RecordingDynamo(r -> null, q -> List.of(item("ach#p#busy-day@2026-11-23", 40)));
        function().handleRequest(Samples.event("reward-granted.json"), null);
        Put day = put(achievementTransactions().get(0), "ach#p#busy-day@2026-11-23");
        assertEquals("55", day.item().get("value").n());
        assertEquals("#v = :before", day.conditionExpression());
        assertEquals("40", day.expressionAttributeValues().get(":before").n());
    }

    @Test
    void theFifthPassCountsFromTheStoredFourAndUnlocksBronzeConditionallyOnIt() {
        Function<QueryRequest, List<Map<String, AttributeValue>>> stored = q -> List.of(
                item("ach#p#problem-solver", 4), item("ach#u#hello-world", null));
        dynamo = new RecordingDynamo(r -> null, stored);
        Map<String, Object> out = function().handleRequest(Samples.event("reward-granted.json"), null);
        @SuppressWarnings("unchecked") List<String> unlocked = (List<String>) out.get("unlocked");
        assertTrue(unlocked.contains("problem-solver#bronze"), unlocked.toString());
        assertTrue(!unlocked.contains("hello-world"), "unlocked before: " + unlocked);
        Put count = put(achievementTransactions().get(0), "ach#p#problem-solver");
        assertEquals("5", count.item().get("value").n());
        assertEquals("#v = :before", count.conditionExpression());
        assertEquals("4", count.expressionAttributeValues().get(":before").n());
        assertTrue(ledger().contains("ACHIEVEMENT#problem-solver#bronze|BADGE"), ledger().toString());
        QueryRequest q = dynamo.of(QueryRequest.class).get(0);
        assertTrue(q.consistentRead(), "a stale read would count from an old value and only ever conflict");
    }

    private static Map<String, AttributeValue> seen(String day, int levels) {
        return new HashMap<>(Map.of("userId", Attr.s("learner-1"), "itemId", Attr.s("ach#seen"), "day", Attr.s(day),
                "shard", Attr.n(2), "levels", Attr.n(levels)));
    }

    private List<software.amazon.awssdk.services.dynamodb.model.Update> counters() {
        return achievementTransactions().get(0).transactItems().stream().map(TransactWriteItem::update)
                .filter(u -> u != null && "Economy".equals(u.tableName()) && u.key().get("userId").s().startsWith("@rarity#")).toList();
    }

    @Test
    void aLearnerActiveOnALaterDayTakesEveryLevelTheyHoldFromTheOldDaysCounterToTheNewOnes() {
        dynamo = new RecordingDynamo(r -> null, q -> List.of(item("ach#p#problem-solver", 4), item("ach#u#hello-world", null),
                seen("2026-11-20", 1)));
        function().handleRequest(Samples.event("reward-granted.json"), null);
        Put moved = put(achievementTransactions().get(0), "ach#seen");
        assertEquals("#day = :day AND levels = :levels", moved.conditionExpression(), "an unlock cannot slip between read and move");
        assertEquals("2026-11-20", moved.expressionAttributeValues().get(":day").s());
        assertEquals("1", moved.expressionAttributeValues().get(":levels").n());
        assertEquals("2026-11-23", moved.item().get("day").s());
        assertEquals("2", moved.item().get("shard").n(), "a learner keeps their shard");
        var counters = counters();
        assertEquals(2, counters.size(), counters.toString());
        var old = counters.get(0);
        assertEquals("@rarity#2", old.key().get("userId").s());
        assertEquals("2026-11-20", old.key().get("itemId").s());
        assertEquals("-1", old.expressionAttributeValues().get(":l").n());
        assertEquals("-1", old.expressionAttributeValues().get(":h").n());
        assertEquals(Set.of("h:hello-world"), Set.copyOf(old.expressionAttributeNames().values()));
        var now = counters.get(1);
        assertEquals("2026-11-23", now.key().get("itemId").s());
        assertEquals("1", now.expressionAttributeValues().get(":l").n());
        assertTrue(now.expressionAttributeNames().values().containsAll(List.of("h:hello-world", "h:problem-solver#bronze")),
                now.toString());
        assertEquals(Long.toString(now.expressionAttributeNames().size()), moved.item().get("levels").n());
    }

    @Test
    void anUnlockOnTheLearnersCurrentDayAddsOnlyItsLevelThere() {
        dynamo = new RecordingDynamo(r -> null, q -> List.of(item("ach#p#problem-solver", 4), item("ach#u#hello-world", null),
                item("ach#u#first-try", null), seen("2026-11-23", 2)));
        Map<String, Object> out = function().handleRequest(Samples.event("reward-granted.json"), null);
        assertEquals(List.of("problem-solver#bronze"), out.get("unlocked"));
        var seen = achievementTransactions().get(0).transactItems().stream().map(TransactWriteItem::update)
                .filter(u -> u != null && "Economy".equals(u.tableName()) && u.key().get("itemId").s().equals("ach#seen")).findFirst().orElseThrow();
        assertEquals("ADD levels :n", seen.updateExpression());
        assertEquals("#day = :day", seen.conditionExpression());
        assertEquals("1", seen.expressionAttributeValues().get(":n").n());
        var counters = counters();
        assertEquals(1, counters.size());
        assertEquals("ADD #h0 :h", counters.get(0).updateExpression(), "no learner added: they were active that day already");
        assertEquals("h:problem-solver#bronze", counters.get(0).expressionAttributeNames().get("#h0"));
    }

    @Test
    void aFactThatChangesNothingStillLeavesItsMarkerAndNothingElseOnTheSameDay() {
        // Best streaks of 3 already: a login that makes a streak of 1 moves nothing.
        dynamo = new RecordingDynamo(r -> null, q -> List.of(item("ach#p#on-a-roll", 3), item("ach#p#year-of-python", 3),
                item("ach#u#hello-world", null), seen("2026-11-23", 1)));
        Map<String, Object> login = Samples.event("reward-granted.json");
        @SuppressWarnings("unchecked") Map<String, Object> detail = (Map<String, Object>) login.get("detail");
        detail.put("grantKey", "DAILY_LOGIN#2026-11-23");
        detail.put("source", "dailyLogin");
        detail.put("attributes", new HashMap<>(Map.of("streakDays", "1")));
        detail.put("eventId", "reward#learner-1#DAILY_LOGIN#2026-11-23");
        detail.put("rewards", List.of(Map.of("kind", "DIAMONDS", "amount", 1, "reason", "daily login 2026-11-23")));
        Map<String, Object> out = function().handleRequest(login, null);
        assertEquals("APPLIED", out.get("outcome"), out.toString());
        assertEquals(List.of(), out.get("unlocked"));
        var tx = achievementTransactions().get(0).transactItems();
        assertEquals(1, tx.size(), "the marker alone: " + tx);
        assertEquals("ach#e#reward#learner-1#DAILY_LOGIN#2026-11-23", tx.get(0).put().item().get("itemId").s());
    }

    private static Map<String, AttributeValue> item(String itemId, Integer value) {
        Map<String, AttributeValue> m = new HashMap<>(Map.of("userId", Attr.s("learner-1"), "itemId", Attr.s(itemId)));
        if (value != null) m.put("value", Attr.n(value));
        else m.putAll(Map.of("at", Attr.s("2026-11-20T00:00:00Z"), "eventId", Attr.s("reward#learner-1#FIRST_PASS#ex-0009")));
        return m;
    }

    @Test
    void aFactWithoutXpIsPlacedWithoutReadingTheLearnersZoneAndOneWithXpReadsIt() {
        assertEquals("APPLIED", function().handleRequest(Samples.event("quiz-passed.json"), null).get("outcome"));
        assertEquals(List.of(), dynamo.of(GetItemRequest.class), "the zone places XP in a day and week, and nothing else");
        dynamo.requests.clear();
        assertEquals("APPLIED", function().handleRequest(Samples.event("reward-granted.json"), null).get("outcome"));
        List<GetItemRequest> reads = dynamo.of(GetItemRequest.class);
        assertEquals(1, reads.size(), reads.toString());
        assertEquals("Learners", reads.get(0).tableName());
    }

    @Test
    void anEventNoRuleReadsIsIgnoredWithoutAReadOrAWrite() {
        assertEquals(Map.of("outcome", "IGNORED"), function().handleRequest(Samples.event("code-passed.json"), null));
        assertEquals(List.of(), dynamo.requests);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theGrantOfAnAchievementFeedsNoAchievement() {
        Map<String, Object> event = Samples.event("reward-granted.json");
        ((Map<String, Object>) event.get("detail")).put("source", "achievement");
        assertEquals(Map.of("outcome", "IGNORED"), function().handleRequest(event, null));
        assertEquals(List.of(), dynamo.requests);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aBrokenDetailThrowsSoTheRuleRetriesAndParksIt() {
        Map<String, Object> event = Samples.event("reward-granted.json");
        ((Map<String, Object>) event.get("detail")).remove("userId");
        assertThrows(IllegalArgumentException.class, () -> function().handleRequest(event, null));
        Map<String, Object> badAttribute = Samples.event("reward-granted.json");
        ((Map<String, Object>) ((Map<String, Object>) badAttribute.get("detail")).get("attributes")).put("firstTry", "maybe");
        assertThrows(IllegalArgumentException.class, () -> function().handleRequest(badAttribute, null));
        assertEquals(List.of(), dynamo.of(TransactWriteItemsRequest.class), "nothing half-written");
    }
}
