package dev.pyquest.local;

import dev.pyquest.domain.content.Difficulty;
import dev.pyquest.domain.rewards.Economy;
import dev.pyquest.domain.rewards.Grant;
import dev.pyquest.domain.rewards.Reward;
import dev.pyquest.domain.rewards.RewardKind;
import dev.pyquest.domain.rewards.RewardRules;
import dev.pyquest.local.economy.InvariantCheck.Report;
import dev.pyquest.local.economy.InvariantCheck.Rule;
import dev.pyquest.local.economy.InvariantCheck;
import dev.pyquest.shared.config.Tables;
import dev.pyquest.shared.rewards.RewardsService;
import dev.pyquest.shared.store.Attr;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The economy's invariant checker on DynamoDB Local: a state the rewards service wrote passes, and
 * each corruption written behind its back with raw DynamoDB calls is reported, naming the learner
 * (and only that learner).
 */
class InvariantCheckIT {
    private static final RewardRules RULES = new RewardRules(Economy.bundled());
    private Engines engines;
    private DynamoDbClient dynamo;
    private Tables tables;

    @BeforeEach
    void start() {
        engines = new Engines(Clock.systemUTC());
        dynamo = engines.bean(DynamoDbClient.class);
        tables = engines.bean(Tables.class);
        RewardsService rewards = engines.bean(RewardsService.class);
        // Three learners, eight ledger items: first passes (XP + diamonds), a lesson (XP only), a daily login.
        rewards.grant(RULES.firstPass("ada", "ex-0001", "sum-of-evens", Difficulty.EASY, "judged#s-a1", null));
        rewards.grant(RULES.lessonCompleted("ada", "le-0001", "strings-basics", "completed#ada#le-0001"));
        rewards.grant(RULES.firstPass("bob", "ex-0002", "fizz", Difficulty.HARD, "judged#s-b1", null));
        rewards.grant(RULES.dailyLogin("bob", java.time.LocalDate.of(2026, 11, 23), 1));
        rewards.grant(RULES.firstPass("cyd", "ex-0001", "sum-of-evens", Difficulty.EASY, "judged#s-c1", null));
    }

    @AfterEach
    void stop() {
        engines.close();
    }

    private Report check() {
        return InvariantCheck.run(dynamo, tables, 3);
    }

    /** The report's violations of that rule, all of which must name {@code userId}. */
    private static void assertOnly(Report r, String userId, Rule rule) {
        assertTrue(r.violations().stream().anyMatch(v -> v.rule() == rule && v.userId().equals(userId)),
                "expected " + rule + " for " + userId + " in " + r.violations());
        assertTrue(r.violations().stream().allMatch(v -> v.userId().equals(userId)),
                "only " + userId + " is corrupt, yet: " + r.violations());
    }

    @Test
    void aStateWrittenByTheRewardsServicePasses() {
        Report r = check();
        assertTrue(r.clean(), r.violations().toString());
        assertEquals(3, r.learners());
        assertEquals(8, r.ledgerItems());
        assertEquals(5, r.rewardEvents());
        assertEquals("invariants: 3 learners, 8 ledger items, 0 violations", r.summary());
    }

    @Test
    void aWalletEditedBehindTheLedgersBackIsReported() {
        dynamo.updateItem(b -> b.tableName(tables.learners()).key(Map.of("userId", Attr.s("bob")))
                .updateExpression("ADD xp :x").expressionAttributeValues(Map.of(":x", Attr.n(100))));
        Report r = check();
        assertOnly(r, "bob", Rule.WALLET_NOT_LEDGER_SUM);
        assertEquals(1, r.violations().size(), r.violations().toString());
        assertTrue(r.violations().get(0).message().contains("wallet xp is 155 but the ledger's XP entries sum to 55"),
                r.violations().get(0).message());
    }

    @Test
    void aWalletWithoutAnyLedgerIsReported() {
        dynamo.putItem(b -> b.tableName(tables.learners()).item(Map.of("userId", Attr.s("eve"), "diamonds", Attr.n(500))));
        Report r = check();
        assertOnly(r, "eve", Rule.WALLET_NOT_LEDGER_SUM);
        assertEquals(4, r.learners());
    }

    @Test
    void negativeBalancesAndTooManyFreezesAreReportedEvenWhenTheLedgerAgrees() {
        // A purchase the ledger records faithfully but which overdraws the wallet: sums agree, balance < 0.
        Map<String, AttributeValue> purchase = new HashMap<>(Map.of("userId", Attr.s("cyd"), "entryId", Attr.s("PURCHASE#p-1|DIAMONDS"),
                "kind", Attr.s("DIAMONDS"), "amount", Attr.n(-5), "reason", Attr.s("shop: hat"), "at", Attr.s("2026-11-23T10:00:00Z"),
                "sourceEventId", Attr.s("purchase#p-1")));
        dynamo.transactWriteItems(b -> b.transactItems(
                TransactWriteItem.builder().put(Put.builder().tableName(tables.ledger()).item(purchase).build()).build(),
                TransactWriteItem.builder().update(Update.builder().tableName(tables.learners()).key(Map.of("userId", Attr.s("cyd")))
                        .updateExpression("ADD diamonds :d SET #f = :f").expressionAttributeNames(Map.of("#f", "held:streak-freeze"))
                        .expressionAttributeValues(Map.of(":d", Attr.n(-5), ":f", Attr.n(3)))
                        .build()).build()));
        Report r = check();
        assertOnly(r, "cyd", Rule.BALANCE_OUT_OF_RANGE);
        assertEquals(2, r.violations().size(), r.violations().toString());
        assertTrue(r.violations().stream().anyMatch(v -> v.message().contains("diamonds is -4")), r.violations().toString());
        assertTrue(r.violations().stream().anyMatch(v -> v.message().contains("held:streak-freeze is 3, outside 0..2")), r.violations().toString());

        dynamo.updateItem(b -> b.tableName(tables.learners()).key(Map.of("userId", Attr.s("ada")))
                .updateExpression("SET #s = :s").expressionAttributeNames(Map.of("#s", "held:skip-token"))
                .expressionAttributeValues(Map.of(":s", Attr.n(-1))));
        assertTrue(check().of("ada").stream().anyMatch(v -> v.rule() == Rule.BALANCE_OUT_OF_RANGE && v.message().contains("held:skip-token is -1")));
    }

    @Test
    void freezesWithinTheirRangePass() {
        dynamo.updateItem(b -> b.tableName(tables.learners()).key(Map.of("userId", Attr.s("ada")))
                .updateExpression("SET #f = :f, #s = :s").expressionAttributeNames(Map.of("#f", "held:streak-freeze", "#s", "held:skip-token"))
                .expressionAttributeValues(Map.of(":f", Attr.n(2), ":s", Attr.n(3))));
        Report r = check();
        assertTrue(r.clean(), r.violations().toString());
    }

    @Test
    void aDuplicatedRewardGrantedGrantKeyIsReported() {
        Map<String, AttributeValue> original = dynamo.getItem(b -> b.tableName(tables.outbox())
                .key(Map.of("eventId", Attr.s("reward#ada#FIRST_PASS#ex-0001")))).item();
        assertTrue(original != null && !original.isEmpty(), "the grant wrote its RewardGranted outbox item");
        Map<String, AttributeValue> copy = new HashMap<>(original);
        copy.put("eventId", Attr.s("reward#ada#FIRST_PASS#ex-0001#again"));
        dynamo.putItem(b -> b.tableName(tables.outbox()).item(copy));
        Report r = check();
        assertOnly(r, "ada", Rule.DUPLICATE_GRANT_KEY);
        assertEquals(1, r.violations().size(), r.violations().toString());
        assertTrue(r.violations().get(0).message().contains("FIRST_PASS#ex-0001"), r.violations().get(0).message());
    }

    @Test
    void aDeletedLedgerItemIsReportedThroughTheWalletAndTheOutbox() {
        dynamo.deleteItem(b -> b.tableName(tables.ledger()).key(Map.of("userId", Attr.s("ada"), "entryId", Attr.s("FIRST_PASS#ex-0001|DIAMONDS"))));
        Report r = check();
        assertOnly(r, "ada", Rule.GRANT_WITHOUT_LEDGER_ENTRY);
        assertTrue(r.violations().stream().anyMatch(v -> v.rule() == Rule.WALLET_NOT_LEDGER_SUM
                && v.message().contains("wallet diamonds is 1 but the ledger's DIAMONDS entries sum to 0")), r.violations().toString());
        assertTrue(r.violations().stream().anyMatch(v -> v.rule() == Rule.GRANT_WITHOUT_LEDGER_ENTRY
                && v.message().contains("FIRST_PASS#ex-0001|DIAMONDS")), r.violations().toString());
        assertEquals(7, r.ledgerItems());
    }

    @Test
    void aLedgerItemDeletedAfterItsOutboxItemExpiredIsStillCaughtByTheWallet() {
        dynamo.deleteItem(b -> b.tableName(tables.outbox()).key(Map.of("eventId", Attr.s("reward#bob#FIRST_PASS#ex-0002"))));
        dynamo.deleteItem(b -> b.tableName(tables.ledger()).key(Map.of("userId", Attr.s("bob"), "entryId", Attr.s("FIRST_PASS#ex-0002|XP"))));
        Report r = check();
        assertOnly(r, "bob", Rule.WALLET_NOT_LEDGER_SUM);
        assertEquals(1, r.violations().size(), r.violations().toString());
    }

    @Test
    void aLedgerItemOffItsGrantKeyOrWithAnotherAmountThanAnnouncedIsReported() {
        // Same amount in wallet and ledger, but keyed so a second write of the grant would not collide.
        dynamo.transactWriteItems(b -> b.transactItems(
                TransactWriteItem.builder().put(Put.builder().tableName(tables.ledger()).item(Map.of("userId", Attr.s("cyd"),
                        "entryId", Attr.s("random-uuid-1"), "kind", Attr.s("XP"), "amount", Attr.n(3), "at", Attr.s("2026-11-23T10:00:00Z")))
                        .build()).build(),
                TransactWriteItem.builder().update(Update.builder().tableName(tables.learners()).key(Map.of("userId", Attr.s("cyd")))
                        .updateExpression("ADD xp :x").expressionAttributeValues(Map.of(":x", Attr.n(3))).build()).build()));
        Report r = check();
        assertOnly(r, "cyd", Rule.MALFORMED_ITEM);
        assertEquals(1, r.violations().size(), r.violations().toString());

        // An amount changed in place (and the wallet with it): the outbox still says what was granted.
        dynamo.transactWriteItems(b -> b.transactItems(
                TransactWriteItem.builder().update(Update.builder().tableName(tables.ledger())
                        .key(Map.of("userId", Attr.s("ada"), "entryId", Attr.s("FIRST_PASS#ex-0001|XP")))
                        .updateExpression("SET amount = :a").expressionAttributeValues(Map.of(":a", Attr.n(1000))).build()).build(),
                TransactWriteItem.builder().update(Update.builder().tableName(tables.learners()).key(Map.of("userId", Attr.s("ada")))
                        .updateExpression("ADD xp :x").expressionAttributeValues(Map.of(":x", Attr.n(990))).build()).build()));
        assertTrue(check().of("ada").stream().anyMatch(v -> v.rule() == Rule.GRANT_WITHOUT_LEDGER_ENTRY
                && v.message().contains("announced XP 10") && v.message().contains("holds XP 1000")));
    }

    /** The checker reads the outbox as the consumers do (the typed RewardGranted): what they would refuse is malformed. */
    @Test
    void aRewardGrantedAConsumerWouldRefuseIsAMalformedItem() {
        Map<String, AttributeValue> original = dynamo.getItem(b -> b.tableName(tables.outbox())
                .key(Map.of("eventId", Attr.s("reward#ada#FIRST_PASS#ex-0001")))).item();
        Map<String, AttributeValue> broken = new HashMap<>(original);
        // The XP as text: a consumer must not guess that "10" means 10.
        broken.put("detail", Attr.s(original.get("detail").s().replaceFirst("\"amount\":(\\d+)", "\"amount\":\"$1\"")));
        org.junit.jupiter.api.Assertions.assertNotEquals(original.get("detail").s(), broken.get("detail").s());
        dynamo.putItem(b -> b.tableName(tables.outbox()).item(broken));
        Report r = check();
        assertOnly(r, "ada", Rule.MALFORMED_ITEM);
        assertTrue(r.violations().stream().anyMatch(v -> v.message().contains("cannot be read as a consumer reads it")),
                r.violations().toString());
    }

    @Test
    void aBalanceThatIsNotANumberIsReported() {
        dynamo.updateItem(b -> b.tableName(tables.learners()).key(Map.of("userId", Attr.s("bob")))
                .updateExpression("SET diamonds = :d").expressionAttributeValues(Map.of(":d", Attr.s("lots"))));
        Report r = check();
        assertOnly(r, "bob", Rule.MALFORMED_ITEM);
    }

    @Test
    void aManyLearnerStateAcrossSegmentsIsCountedOnceAndEveryCorruptLearnerIsNamed() {
        RewardsService rewards = engines.bean(RewardsService.class);
        for (int i = 0; i < 60; i++) {
            rewards.grant(new Grant("m" + i, "TEST#1", List.of(new Reward(RewardKind.XP, i, "t"), new Reward(RewardKind.DIAMONDS, 1, "t")), "e" + i, null));
        }
        for (int i : new int[]{7, 33, 59}) {
            dynamo.updateItem(b -> b.tableName(tables.learners()).key(Map.of("userId", Attr.s("m" + i)))
                    .updateExpression("ADD diamonds :d").expressionAttributeValues(Map.of(":d", Attr.n(1))));
        }
        for (int segments : new int[]{1, 4, 7}) {
            Report r = InvariantCheck.run(dynamo, tables, segments);
            assertEquals(63, r.learners(), "segments " + segments);
            assertEquals(128, r.ledgerItems(), "segments " + segments);
            assertEquals(List.of("m33", "m59", "m7"), r.violations().stream().map(InvariantCheck.Violation::userId).toList(),
                    "segments " + segments + ": " + r.violations());
        }
    }
}
