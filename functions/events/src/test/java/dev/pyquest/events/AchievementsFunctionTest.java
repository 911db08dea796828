package dev.pyquest.events;

import dev.pyquest.domain.achievements.AchievementEngine;
import dev.pyquest.domain.rewards.Economy;
import dev.pyquest.shared.rewards.RewardsService;
import dev.pyquest.shared.store.AchievementRepository;
import dev.pyquest.shared.store.Attr;
import dev.pyquest.shared.store.LearnerRepository;
import dev.pyquest.shared.testing.RecordingDynamo;
import dev.pyquest.shared.testing.Samples;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
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
        return new AchievementsFunction(new AchievementRepository(dynamo.client(), "Economy"),
                new LearnerRepository(dynamo.client(), "Learners", "Ledger"),
                new RewardsService(dynamo.client(), "Ledger", "Learners", "Outbox", "Submissions", "Economy", Economy.bundled(), clock),
                AchievementEngines.fixed(ENGINE), clock);
    }

    /** The transactions of the economy table (the achievements' own), in order. */
    private List<TransactWriteItemsRequest> achievementTransactions() {
        return dynamo.of(TransactWriteItemsRequest.class).stream()
                .filter(r -> r.transactItems().stream().allMatch(i -> i.put() != null && "Economy".equals(i.put().tableName())))
                .toList();
    }

    private static Put put(TransactWriteItemsRequest r, String itemId) {
        return r.transactItems().stream().map(TransactWriteItem::put)
                .filter(p -> itemId.equals(p.item().get("itemId").s())).findFirst()
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
    void aFirstPassUnlocksHelloWorldInOneTransactionWithItsMarkerAndPaysItThroughTheLedger() {
        Map<String, Object> out = function().handleRequest(Samples.event("reward-granted.json"), null);
        assertEquals("APPLIED", out.get("outcome"), out.toString());
        @SuppressWarnings("unchecked") List<String> unlocked = (List<String>) out.get("unlocked");
        assertTrue(unlocked.contains("hello-world"), unlocked.toString());
        assertTrue(unlocked.contains("first-try"), "the sample passed on the first try: " + unlocked);

        List<TransactWriteItemsRequest> txs = achievementTransactions();
        assertEquals(1, txs.size(), "one transaction for the fact: " + txs);
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
        assertEquals(1 + txs.get(0).transactItems().stream().filter(i -> i.put().item().get("itemId").s().startsWith("ach#p#")).count()
                + unlocked.size(), tx.transactItems().size(), "marker, progress and unlocks, nothing else");

        Set<String> ledger = ledger();
        assertTrue(ledger.containsAll(List.of("ACHIEVEMENT#hello-world|BADGE", "ACHIEVEMENT#hello-world|XP",
                "ACHIEVEMENT#hello-world|DIAMONDS")), ledger.toString());
        assertTrue(ledger.stream().allMatch(e -> e.startsWith("ACHIEVEMENT#")), "the fact's own grant is not paid again: " + ledger);
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

    private static Map<String, AttributeValue> item(String itemId, Integer value) {
        Map<String, AttributeValue> m = new HashMap<>(Map.of("userId", Attr.s("learner-1"), "itemId", Attr.s(itemId)));
        if (value != null) m.put("value", Attr.n(value));
        else m.putAll(Map.of("at", Attr.s("2026-11-20T00:00:00Z"), "eventId", Attr.s("reward#learner-1#FIRST_PASS#ex-0009")));
        return m;
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

    @Test
    void theJarCarriesTheRulesOfContent() throws Exception {
        assertEquals(Files.readString(Samples.root().resolve("content/achievements.yaml")), AchievementBeans.bundledRules());
    }
}
