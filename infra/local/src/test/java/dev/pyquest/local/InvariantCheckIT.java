package dev.pyquest.local;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pyquest.domain.Json;
import dev.pyquest.domain.achievements.AchievementEngine;
import dev.pyquest.domain.achievements.AchievementFact;
import dev.pyquest.domain.achievements.Evaluation;
import dev.pyquest.domain.achievements.Level;
import dev.pyquest.domain.content.Difficulty;
import dev.pyquest.domain.events.BusEvent;
import dev.pyquest.domain.events.DomainEvents;
import dev.pyquest.domain.rewards.Economy;
import dev.pyquest.domain.rewards.Grant;
import dev.pyquest.domain.rewards.Reward;
import dev.pyquest.domain.rewards.RewardKind;
import dev.pyquest.domain.rewards.RewardRules;
import dev.pyquest.events.AchievementsFunction;
import dev.pyquest.local.economy.InvariantCheck.Report;
import dev.pyquest.local.economy.InvariantCheck.Rule;
import dev.pyquest.local.economy.InvariantCheck;
import dev.pyquest.shared.achievements.AchievementBeans;
import dev.pyquest.shared.achievements.AchievementEngines;
import dev.pyquest.shared.config.Tables;
import dev.pyquest.shared.rewards.RewardsService;
import dev.pyquest.shared.store.AchievementRepository;
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
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The economy's invariant checker on DynamoDB Local: a state the rewards service (and the achievements
 * consumer) wrote passes, and each corruption written behind its back with raw DynamoDB calls is reported,
 * naming the learner (and only that learner) or the rarity counter.
 */
class InvariantCheckIT {
    private static final RewardRules RULES = new RewardRules(Economy.bundled());
    private static final Instant DAY_1 = Instant.parse("2026-11-25T09:00:00Z");
    private static final LocalDate DAY_2 = LocalDate.of(2026, 11, 26);
    private final MovingClock clock = new MovingClock(DAY_1);
    private Engines engines;
    private DynamoDbClient dynamo;
    private Tables tables;

    /** The engines' clock, which a test moves a day on. */
    private static final class MovingClock extends Clock {
        private volatile Instant now;

        MovingClock(Instant now) {
            this.now = now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @BeforeEach
    void start() {
        engines = new Engines(clock);
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
        assertEquals("invariants: 3 learners, 8 ledger items, 0 unlocks, 0 violations", r.summary());
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

    // ------------------------------------------------------------------ achievements

    /**
     * Every RewardGranted of the outbox so far (redelivered when already delivered), oldest first, through the
     * real achievements consumer: it unlocks, pays each unlock through the rewards service and moves the rarity
     * counters, as on the stack.
     */
    private void deliverGrantsToAchievements() {
        List<Map<String, AttributeValue>> grants = dynamo.scan(b -> b.tableName(tables.outbox()).consistentRead(true)).items().stream()
                .filter(i -> DomainEvents.REWARD_GRANTED.equals(Attr.str(i, "detailType")))
                .sorted(Comparator.comparing((Map<String, AttributeValue> i) -> Attr.str(i, "at")).thenComparing(i -> Attr.str(i, "eventId")))
                .toList();
        for (Map<String, AttributeValue> g : grants) {
            Map<String, Object> out = engines.bean(AchievementsFunction.class).handleRequest(event(g), null);
            assertTrue(Set.of("APPLIED", "ALREADY_APPLIED", "IGNORED").contains(String.valueOf(out.get("outcome"))), out.toString());
        }
    }

    /** An outbox item as the bus delivers it to a consumer. */
    private static Map<String, Object> event(Map<String, AttributeValue> outboxItem) {
        try {
            ObjectNode detail = (ObjectNode) Json.MAPPER.readTree(Attr.str(outboxItem, "detail"));
            return QuestsIT.envelope(detail, Instant.parse(Attr.str(outboxItem, "at")));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * The setup's grants through the achievements consumer on day 1 (ada, bob and cyd unlock hello-world, bob
     * first-hard too), then a day later bob's next login (his rarity count moves to day 2 with every level he
     * holds) and every grant redelivered (the consumer re-pays; the ledger refuses).
     */
    private void achieve() {
        deliverGrantsToAchievements();
        clock.advance(Duration.ofDays(1));
        engines.bean(RewardsService.class).grant(RULES.dailyLogin("bob", DAY_2, 2));
        deliverGrantsToAchievements();
    }

    private AchievementRepository achievements() {
        return engines.bean(AchievementRepository.class);
    }

    private Set<String> unlocked(String userId) {
        return achievements().state(userId).unlocked();
    }

    /** A learner's {@code ach#seen}, as the consumer wrote it. */
    private Map<String, AttributeValue> seen(String userId) {
        Map<String, AttributeValue> i = dynamo.getItem(b -> b.tableName(tables.economy()).consistentRead(true)
                .key(Map.of("userId", Attr.s(userId), "itemId", Attr.s("ach#seen")))).item();
        assertTrue(i != null && !i.isEmpty(), "the consumer wrote " + userId + "'s ach#seen");
        return i;
    }

    private Map<String, AttributeValue> counterKey(String partition, String day) {
        return Map.of("userId", Attr.s(partition), "itemId", Attr.s(day));
    }

    private long counter(String partition, String day, String name) {
        Map<String, AttributeValue> i = dynamo.getItem(b -> b.tableName(tables.economy()).consistentRead(true)
                .key(counterKey(partition, day))).item();
        return i == null ? 0 : Attr.num(i, name, 0);
    }

    private void addToCounter(String partition, String day, String name, long n) {
        dynamo.updateItem(b -> b.tableName(tables.economy()).key(counterKey(partition, day))
                .updateExpression("ADD #n :n").expressionAttributeNames(Map.of("#n", name))
                .expressionAttributeValues(Map.of(":n", Attr.n(n))));
    }

    /** The report's violations, all of rule {@code rule} and naming {@code who}, and one of them saying {@code says}. */
    private static void assertReported(Report r, String who, Rule rule, String says) {
        assertTrue(r.violations().stream().anyMatch(v -> v.rule() == rule && v.userId().equals(who) && v.message().contains(says)),
                "expected " + rule + " for " + who + " saying \"" + says + "\" in " + r.violations());
    }

    private static Level level(String key) {
        return AchievementBeans.bundled().all().stream().flatMap(a -> a.levels().stream()).filter(l -> l.key().equals(key))
                .findFirst().orElseThrow();
    }

    @Test
    void unlocksPaidByTheRealConsumerAndTheirRarityCountersPass() {
        achieve();
        Report r = check();
        assertTrue(r.clean(), r.violations().toString());
        assertTrue(unlocked("ada").contains("hello-world") && unlocked("cyd").contains("hello-world"), unlocked("ada") + " " + unlocked("cyd"));
        assertTrue(unlocked("bob").containsAll(List.of("hello-world", "first-hard")), unlocked("bob").toString());
        long unlocks = unlocked("ada").size() + unlocked("bob").size() + unlocked("cyd").size();
        assertEquals(unlocks, r.unlocks(), "the check saw every unlock");
        long awardLines = 0;
        for (String u : List.of("ada", "bob", "cyd")) {
            for (String key : unlocked(u)) awardLines += 1 + (level(key).xp() > 0 ? 1 : 0) + (level(key).diamonds() > 0 ? 1 : 0);
        }
        assertEquals(9 + awardLines, r.ledgerItems(), "the setup's 8 lines, bob's second login, and a BADGE line per unlock with its XP and diamonds");
        // What the checker held the counters to is what rarity reads: 3 learners active, 3 of them with hello-world.
        AchievementRepository.Rarity rarity = achievements().rarity(DAY_2);
        assertEquals(3, rarity.activeLearners());
        assertEquals(3L, rarity.holders().get("hello-world"));
        assertEquals(DAY_2.toString(), Attr.str(seen("bob"), "day"), "bob's count moved to day 2");
        assertEquals(DAY_1.atZone(ZoneOffset.UTC).toLocalDate().toString(), Attr.str(seen("ada"), "day"));
    }

    /** The window between the consumer's transaction and its grants: on a quiet system, an unpaid unlock is a violation. */
    @Test
    void anUnlockTheConsumerCommittedButNeverPaidIsReportedUntilItsRedeliveryPaysIt() {
        achieve();
        engines.bean(RewardsService.class).grant(RULES.firstPass("dee", "ex-0003", "loops", Difficulty.EASY, "judged#s-d1", null));
        Map<String, AttributeValue> grant = dynamo.getItem(b -> b.tableName(tables.outbox()).consistentRead(true)
                .key(Map.of("eventId", Attr.s("reward#dee#FIRST_PASS#ex-0003")))).item();
        Map<String, Object> event = event(grant);
        // The first delivery commits its transaction, then its Lambda dies before a single grant.
        AchievementEngine engine = engines.bean(AchievementEngines.class).current();
        BusEvent e = BusEvent.read(event).orElseThrow();
        AchievementFact fact = AchievementFact.of(e.detail(), e.time(), ZoneOffset.UTC, engine.catalog()).orElseThrow();
        AchievementRepository.Snapshot read = achievements().read("dee");
        Evaluation ev = engine.evaluate(fact, read.state());
        assertEquals(AchievementRepository.Applied.APPLIED, achievements().apply("dee", fact.eventId(), ev, read, fact.at(), clock.instant()));
        assertTrue(unlocked("dee").contains("hello-world"));

        Report r = check();
        assertOnly(r, "dee", Rule.UNLOCK_WITHOUT_AWARD);
        Level hello = level("hello-world");
        assertReported(r, "dee", Rule.UNLOCK_WITHOUT_AWARD, "unlock ach#u#hello-world has no award: the ledger holds no ACHIEVEMENT#hello-world"
                + " line (the rules pay XP " + hello.xp() + ", DIAMONDS " + hello.diamonds() + ", BADGE 1)");
        assertEquals(unlocked("dee").size(), r.violations().size(), "one per unpaid unlock: " + r.violations());

        engines.bean(AchievementsFunction.class).handleRequest(QuestsIT.redelivered(event), null);
        Report repaired = check();
        assertTrue(repaired.clean(), repaired.violations().toString());
    }

    @Test
    void anAwardPaidOtherThanTheRulesSayIsReported() {
        achieve();
        Level hello = level("hello-world");
        assertTrue(hello.xp() > 0 && hello.diamonds() > 0, "hello-world pays XP and diamonds: " + hello);
        // Five diamonds for hello-world, wallet along: the sums agree, the award does not.
        dynamo.transactWriteItems(b -> b.transactItems(
                TransactWriteItem.builder().update(Update.builder().tableName(tables.ledger())
                        .key(Map.of("userId", Attr.s("ada"), "entryId", Attr.s("ACHIEVEMENT#hello-world|DIAMONDS")))
                        .updateExpression("SET amount = :a").expressionAttributeValues(Map.of(":a", Attr.n(hello.diamonds() + 4))).build()).build(),
                TransactWriteItem.builder().update(Update.builder().tableName(tables.learners()).key(Map.of("userId", Attr.s("ada")))
                        .updateExpression("ADD diamonds :d").expressionAttributeValues(Map.of(":d", Attr.n(4))).build()).build()));
        Report r = check();
        assertOnly(r, "ada", Rule.UNLOCK_WITHOUT_AWARD);
        assertReported(r, "ada", Rule.UNLOCK_WITHOUT_AWARD, "unlock ach#u#hello-world is paid XP " + hello.xp() + ", DIAMONDS "
                + (hello.diamonds() + 4) + ", BADGE 1 but the rules pay XP " + hello.xp() + ", DIAMONDS " + hello.diamonds() + ", BADGE 1");
    }

    @Test
    void aSecondAwardAndAnAwardWithoutAnUnlockAreReported() {
        achieve();
        assertTrue(!unlocked("cyd").contains("first-hard"), unlocked("cyd").toString());
        // A badge for a level cyd never unlocked, wallet along.
        Map<String, AttributeValue> badge = Map.of("userId", Attr.s("cyd"), "entryId", Attr.s("ACHIEVEMENT#first-hard|BADGE"),
                "kind", Attr.s("BADGE"), "amount", Attr.n(1), "reason", Attr.s("achievement: Up for a challenge"),
                "at", Attr.s(clock.instant().toString()), "sourceEventId", Attr.s("forged"), "source", Attr.s("achievement"));
        // hello-world's XP paid a second time, under a key of its own, wallet along.
        Map<String, AttributeValue> again = Map.of("userId", Attr.s("cyd"), "entryId", Attr.s("BONUS#hello-world|XP"),
                "kind", Attr.s("XP"), "amount", Attr.n(10), "reason", Attr.s("achievement: Hello, world"),
                "at", Attr.s(clock.instant().toString()), "sourceEventId", Attr.s("forged"), "source", Attr.s("achievement"));
        dynamo.transactWriteItems(b -> b.transactItems(
                TransactWriteItem.builder().put(Put.builder().tableName(tables.ledger()).item(badge).build()).build(),
                TransactWriteItem.builder().put(Put.builder().tableName(tables.ledger()).item(again).build()).build(),
                TransactWriteItem.builder().update(Update.builder().tableName(tables.learners()).key(Map.of("userId", Attr.s("cyd")))
                        .updateExpression("ADD badges :b, xp :x").expressionAttributeValues(Map.of(":b", Attr.n(1), ":x", Attr.n(10)))
                        .build()).build()));
        Report r = check();
        assertOnly(r, "cyd", Rule.AWARD_WITHOUT_UNLOCK);
        assertEquals(2, r.violations().size(), r.violations().toString());
        assertReported(r, "cyd", Rule.AWARD_WITHOUT_UNLOCK,
                "the ledger pays ACHIEVEMENT#first-hard (BADGE 1) but the learner has no unlock ach#u#first-hard");
        assertReported(r, "cyd", Rule.AWARD_WITHOUT_UNLOCK, "ledger entry BONUS#hello-world|XP is an achievement award (source achievement)"
                + " off the key ACHIEVEMENT#<level>|XP");
    }

    @Test
    void anUnlockDeletedBehindItsAwardsBackIsReportedByTheLedgerAndTheCounters() {
        achieve();
        dynamo.deleteItem(b -> b.tableName(tables.economy()).key(Map.of("userId", Attr.s("ada"), "itemId", Attr.s("ach#u#hello-world"))));
        Report r = check();
        Level hello = level("hello-world");
        assertReported(r, "ada", Rule.AWARD_WITHOUT_UNLOCK, "the ledger pays ACHIEVEMENT#hello-world (XP " + hello.xp()
                + ", DIAMONDS " + hello.diamonds() + ", BADGE 1) but the learner has no unlock ach#u#hello-world");
        assertReported(r, "ada", Rule.RARITY_NOT_HOLDERS, "ach#seen.levels is " + (unlocked("ada").size() + 1) + " but the learner holds "
                + unlocked("ada").size() + " unlocks");
        String adaShard = "@rarity#" + Attr.num(seen("ada"), "shard", -1);
        assertReported(r, adaShard, Rule.RARITY_NOT_HOLDERS, "h:hello-world is");
    }

    @Test
    void aRarityCounterOffByOneIsReportedAndSoIsOneBelowZero() {
        achieve();
        String shard = "@rarity#" + Attr.num(seen("bob"), "shard", -1);
        long learners = counter(shard, DAY_2.toString(), "learners");
        assertEquals(1, learners, "bob alone counts on day 2");
        addToCounter(shard, DAY_2.toString(), "learners", 1);
        Report r = check();
        assertOnly(r, shard, Rule.RARITY_NOT_HOLDERS);
        assertEquals(1, r.violations().size(), r.violations().toString());
        assertReported(r, shard, Rule.RARITY_NOT_HOLDERS, "day 2026-11-26: learners is 2 but 1 learner(s) have this shard and day on"
                + " their ach#seen [bob]");

        addToCounter(shard, DAY_2.toString(), "learners", -1);
        addToCounter("@rarity#3", "2026-10-01", "learners", -1);
        Report below = check();
        assertOnly(below, "@rarity#3", Rule.RARITY_NOT_HOLDERS);
        assertReported(below, "@rarity#3", Rule.RARITY_NOT_HOLDERS, "day 2026-10-01: learners is -1 (below 0) but 0 learner(s)");
    }

    @Test
    void aHoldersCountOffByOneIsReportedOnTheDayTheLearnerCountsOnAndOnTheDayHeLeft() {
        achieve();
        String shard = "@rarity#" + Attr.num(seen("bob"), "shard", -1);
        String day1 = DAY_1.atZone(ZoneOffset.UTC).toLocalDate().toString();
        assertEquals(1, counter(shard, DAY_2.toString(), "h:first-hard"));
        assertEquals(0, counter(shard, day1, "h:first-hard"), "bob's move took first-hard out of day 1");
        addToCounter(shard, DAY_2.toString(), "h:hello-world", -1);
        addToCounter(shard, day1, "h:first-hard", 1);
        Report r = check();
        assertOnly(r, shard, Rule.RARITY_NOT_HOLDERS);
        assertEquals(2, r.violations().size(), r.violations().toString());
        assertReported(r, shard, Rule.RARITY_NOT_HOLDERS, "day 2026-11-26: h:hello-world is 0 but 1 of the day's learners hold hello-world [bob]");
        assertReported(r, shard, Rule.RARITY_NOT_HOLDERS, "day " + day1 + ": h:first-hard is 1 but 0 of the day's learners hold first-hard");
    }

    @Test
    void aLearnersSeenLevelsOffTheirUnlocksIsReported() {
        achieve();
        long held = unlocked("bob").size();
        assertEquals(held, Attr.num(seen("bob"), "levels", -1));
        dynamo.updateItem(b -> b.tableName(tables.economy()).key(Map.of("userId", Attr.s("bob"), "itemId", Attr.s("ach#seen")))
                .updateExpression("ADD levels :n").expressionAttributeValues(Map.of(":n", Attr.n(1))));
        Report r = check();
        assertOnly(r, "bob", Rule.RARITY_NOT_HOLDERS);
        assertEquals(1, r.violations().size(), r.violations().toString());
        assertReported(r, "bob", Rule.RARITY_NOT_HOLDERS, "ach#seen.levels is " + (held + 1) + " but the learner holds " + held + " unlocks "
                + unlocked("bob").stream().sorted().collect(Collectors.toList()));
    }

    @Test
    void aWalletsBadgesOffItsBadgeLinesAreReported() {
        achieve();
        long held = unlocked("cyd").size();
        dynamo.updateItem(b -> b.tableName(tables.learners()).key(Map.of("userId", Attr.s("cyd")))
                .updateExpression("ADD badges :b").expressionAttributeValues(Map.of(":b", Attr.n(1))));
        Report r = check();
        assertOnly(r, "cyd", Rule.WALLET_NOT_LEDGER_SUM);
        assertEquals(1, r.violations().size(), r.violations().toString());
        assertReported(r, "cyd", Rule.WALLET_NOT_LEDGER_SUM, "wallet badges is " + (held + 1) + " but the ledger's BADGE entries sum to " + held);
    }
}
