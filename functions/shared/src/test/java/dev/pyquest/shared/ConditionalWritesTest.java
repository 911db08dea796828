package dev.pyquest.shared;

import dev.pyquest.domain.content.Difficulty;
import dev.pyquest.domain.Json;
import dev.pyquest.domain.rewards.Economy;
import dev.pyquest.domain.rewards.Grant;
import dev.pyquest.domain.rewards.Reward;
import dev.pyquest.domain.rewards.RewardKind;
import dev.pyquest.domain.rewards.RewardRules;
import dev.pyquest.domain.rewards.RewardSource;
import dev.pyquest.domain.streak.Streak;
import dev.pyquest.shared.rewards.RewardsService;
import dev.pyquest.shared.store.OutboxEvent;
import dev.pyquest.shared.store.Submission;
import dev.pyquest.shared.store.SubmissionRepository;
import dev.pyquest.shared.testing.RecordingDynamo;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The condition expressions of our conditional writes are the exactly-once contract: assert the exact requests. */
class ConditionalWritesTest {
    private static final RewardRules RULES = new RewardRules(Economy.bundled());
    /** Answers every GetItem with the learner's stored zone, for the daily caps' local day; records the writes. */
    private final RecordingDynamo dynamo = new RecordingDynamo(r -> Map.of("userId", AttributeValue.fromS("u1"),
            "timezone", AttributeValue.fromS("Pacific/Kiritimati")));

    private DynamoDbClient recorder() {
        return dynamo.client();
    }

    /** The writes asked for, in order (reads left out). */
    private List<Object> writes() {
        return dynamo.requests.stream().filter(r -> !(r instanceof software.amazon.awssdk.services.dynamodb.model.GetItemRequest)).toList();
    }

    private RewardsService rewards() {
        // 23:30 UTC on the 23rd is already the 24th in Pacific/Kiritimati (UTC+14).
        return new RewardsService(recorder(), "Ledger", "Learners", "Outbox", "Submissions", "Economy", Economy.bundled(),
                Clock.fixed(Instant.parse("2026-11-23T23:30:00Z"), ZoneOffset.UTC));
    }

    @Test
    void aGrantIsOneTransactionWhoseLedgerItemsAreConditionalOnTheirKeys() {
        rewards().grant(RULES.firstPass("u1", "ex-0001", "sum-of-evens", Difficulty.MEDIUM, "judged#s-1", "s-1"));
        assertEquals(1, writes().size());
        List<TransactWriteItem> items = ((TransactWriteItemsRequest) writes().get(0)).transactItems();
        assertEquals(6, items.size(), "2 ledger puts, outbox, wallet, daily cap counter, submission");
        for (int i = 0; i < 2; i++) {
            var put = items.get(i).put();
            assertEquals("Ledger", put.tableName());
            assertEquals("attribute_not_exists(entryId)", put.conditionExpression());
            assertEquals("u1", put.item().get("userId").s());
            assertTrue(put.item().get("entryId").s().startsWith("FIRST_PASS#ex-0001|"), put.item().toString());
        }
        var outbox = items.get(2).put();
        assertEquals("Outbox", outbox.tableName());
        assertEquals("attribute_not_exists(eventId)", outbox.conditionExpression());
        assertEquals("reward#u1#FIRST_PASS#ex-0001", outbox.item().get("eventId").s());
        assertEquals("RewardGranted", outbox.item().get("detailType").s());
        var wallet = items.get(3).update();
        assertEquals("Learners", wallet.tableName());
        assertTrue(wallet.updateExpression().contains("ADD xp :xp, diamonds :d"), wallet.updateExpression());
        assertEquals("25", wallet.expressionAttributeValues().get(":xp").n());
        assertEquals("2", wallet.expressionAttributeValues().get(":d").n());
        assertNull(wallet.conditionExpression(), "a plain grant does not depend on the wallet's state");
        var cap = items.get(4).update();
        assertEquals("Economy", cap.tableName());
        assertEquals("cap#2026-11-24#exercise", cap.key().get("itemId").s(), "the learner's local day, not UTC's");
        assertEquals("attribute_not_exists(xp) OR xp <= :limit", cap.conditionExpression());
        long capXp = Economy.bundled().dailyXpCap(RewardSource.EXERCISE).orElseThrow();
        assertEquals(Long.toString(capXp - 25), cap.expressionAttributeValues().get(":limit").n());
        assertEquals("25", cap.expressionAttributeValues().get(":add").n());
        var submission = items.get(5).update();
        assertEquals("attribute_exists(submissionId)", submission.conditionExpression());
    }

    @Test
    void everyLedgerLineKeepsTheGrantsSourceAndAttributesSoTheLedgerAloneCanRebuildItsEvent() {
        rewards().grant(RULES.firstPass("u1", "ex-0001", "sum-of-evens", Difficulty.HARD, true, false, "judged#s-1", "s-1"));
        List<TransactWriteItem> items = ((TransactWriteItemsRequest) writes().get(0)).transactItems();
        for (int i = 0; i < 2; i++) {
            var line = items.get(i).put().item();
            assertEquals("exercise", line.get("source").s());
            assertEquals(Map.of("difficulty", AttributeValue.fromS("HARD"), "firstTry", AttributeValue.fromS("true"),
                    "hintBought", AttributeValue.fromS("false")), line.get("attributes").m());
        }
    }

    private static Grant badge(String level, String submissionId) {
        return new Grant("u1", "ACHIEVEMENT#" + level, List.of(new Reward(RewardKind.BADGE, 1, "achievement: " + level),
                new Reward(RewardKind.XP, 10, "achievement: " + level)), "reward#u1#FIRST_PASS#ex-0001", submissionId,
                RewardSource.ACHIEVEMENT, Map.of(Grant.ATTR_ACHIEVEMENT, level));
    }

    @Test
    void theItemsOfGrantsForACallersTransactionAreTheWritesOfTheGrantItselfWithOneUpdatePerSubmission() {
        List<Grant> two = List.of(badge("hello-world", "s-1"), badge("first-try", "s-1"));
        List<TransactWriteItem> along = rewards().grantItems(two).orElseThrow();
        assertEquals(List.of(), writes(), "built, not written");
        rewards().grantAll(two, null);
        assertEquals(((TransactWriteItemsRequest) writes().get(0)).transactItems(), along, "what grantAll writes, from the same code");
        // 2 x (2 ledger lines, RewardGranted), the wallet once, the submission once (an item is touched once per transaction).
        assertEquals(8, along.size(), along.toString());
        var submissions = along.stream().map(TransactWriteItem::update).filter(u -> u != null && u.tableName().equals("Submissions")).toList();
        assertEquals(1, submissions.size(), submissions.toString());
        assertEquals(4, submissions.get(0).expressionAttributeValues().get(":new").l().size(), "both grants' lines");
        assertTrue(along.stream().map(TransactWriteItem::put).filter(p -> p != null && p.tableName().equals("Ledger"))
                .allMatch(p -> "attribute_not_exists(entryId)".equals(p.conditionExpression())), "each line once ever");
    }

    @Test
    void aGrantUnderADailyCapHasNoItemsForACallersTransaction() {
        assertTrue(rewards().grantItems(List.of(RULES.firstPass("u1", "ex-0001", "sum-of-evens", Difficulty.MEDIUM, "judged#s-1", "s-1")))
                .isEmpty(), "capping reads and retries against the day's counter: grantAll's alone");
        assertEquals(List.of(), writes());
    }

    @Test
    void anAchievementsBadgeCountsOnTheWalletAndItsSubmissionLineNamesTheBadgeAndTier() throws Exception {
        Grant tiered = new Grant("u1", "ACHIEVEMENT#problem-solver#silver",
                List.of(new Reward(RewardKind.BADGE, 1, "achievement: Problem solver (silver)"),
                        new Reward(RewardKind.XP, 50, "achievement: Problem solver (silver)")),
                "reward#u1#FIRST_PASS#ex-0009", "s-9", RewardSource.ACHIEVEMENT,
                Map.of(Grant.ATTR_ACHIEVEMENT, "problem-solver", Grant.ATTR_TIER, "silver"));
        rewards().grant(tiered);
        List<TransactWriteItem> items = ((TransactWriteItemsRequest) writes().get(0)).transactItems();
        var wallet = items.stream().filter(i -> i.update() != null && i.update().tableName().equals("Learners")).findFirst()
                .orElseThrow().update();
        assertTrue(wallet.updateExpression().endsWith("ADD xp :xp, diamonds :d, badges :b"), wallet.updateExpression());
        assertEquals("1", wallet.expressionAttributeValues().get(":b").n());
        var submission = items.stream().filter(i -> i.update() != null && i.update().tableName().equals("Submissions"))
                .findFirst().orElseThrow().update();
        List<AttributeValue> lines = submission.expressionAttributeValues().get(":new").l();
        var badge = Json.MAPPER.readTree(lines.get(0).s());
        assertEquals("BADGE", badge.get("kind").asText());
        assertEquals("problem-solver", badge.get("badge").asText());
        assertEquals("silver", badge.get("tier").asText());
        var xp = Json.MAPPER.readTree(lines.get(1).s());
        assertEquals("XP", xp.get("kind").asText());
        assertTrue(xp.get("badge") == null, "only the BADGE line names the badge: " + xp);

        dynamo.requests.clear();
        rewards().grant(new Grant("u1", "ACHIEVEMENT#hello-world", List.of(new Reward(RewardKind.BADGE, 1, "achievement: Hello, world")),
                "e", "s-1", RewardSource.ACHIEVEMENT, Map.of(Grant.ATTR_ACHIEVEMENT, "hello-world")));
        var untiered = ((TransactWriteItemsRequest) writes().get(0)).transactItems().stream()
                .filter(i -> i.update() != null && i.update().tableName().equals("Submissions")).findFirst().orElseThrow().update();
        var line = Json.MAPPER.readTree(untiered.expressionAttributeValues().get(":new").l().get(0).s());
        assertEquals("hello-world", line.get("badge").asText());
        assertTrue(line.has("tier") && line.get("tier").isNull(), "an untiered badge says tier null: " + line);
    }

    @Test
    void aStreakMoveIsConditionalOnTheStreakWeReadAndUsesFreezesRelatively() {
        Streak before = new Streak(3, 5, LocalDate.parse("2026-11-22"));
        rewards().grantAll(List.of(RULES.dailyLogin("u1", LocalDate.parse("2026-11-23"), 1)),
                new RewardsService.StreakMove(before, before.on(LocalDate.parse("2026-11-23")), 0));
        var wallet = ((TransactWriteItemsRequest) writes().get(0)).transactItems().get(2).update();
        assertEquals("streakLast = :prev", wallet.conditionExpression());
        assertEquals("2026-11-22", wallet.expressionAttributeValues().get(":prev").s());
        assertEquals("4", wallet.expressionAttributeValues().get(":sc").n());
        dynamo.requests.clear();
        rewards().grantAll(List.of(RULES.dailyLogin("u2", LocalDate.parse("2026-11-23"), 1)),
                new RewardsService.StreakMove(Streak.NONE, Streak.NONE.on(LocalDate.parse("2026-11-23")), 0));
        var first = ((TransactWriteItemsRequest) writes().get(0)).transactItems().get(2).update();
        assertEquals("attribute_not_exists(streakLast)", first.conditionExpression());
        dynamo.requests.clear();
        rewards().grantAll(List.of(RULES.dailyLogin("u1", LocalDate.parse("2026-11-25"), 1)),
                new RewardsService.StreakMove(before, new Streak(4, 5, LocalDate.parse("2026-11-25")), 2));
        var frozen = ((TransactWriteItemsRequest) writes().get(0)).transactItems().get(2).update();
        assertEquals("streakLast = :prev AND #fz >= :used", frozen.conditionExpression());
        assertTrue(frozen.updateExpression().contains("#fz = #fz - :used"), frozen.updateExpression());
        assertEquals("held:streak-freeze", frozen.expressionAttributeNames().get("#fz"));
        assertEquals("2", frozen.expressionAttributeValues().get(":used").n());
    }

    @Test
    void aPurchaseDebitsOnlyWhatTheWalletHoldsAndOnlyUpToTheHeldLimit() {
        Economy.ShopItem freeze = Economy.bundled().shopItem("streak-freeze").orElseThrow();
        rewards().spend("u1", "p-1", freeze, "bought: streak freeze", null);
        List<TransactWriteItem> items = ((TransactWriteItemsRequest) writes().get(0)).transactItems();
        assertEquals(2, items.size());
        var debit = items.get(0).put();
        assertEquals("PURCHASE#p-1|DIAMONDS", debit.item().get("entryId").s());
        assertEquals(Long.toString(-freeze.price()), debit.item().get("amount").n());
        assertEquals("attribute_not_exists(entryId)", debit.conditionExpression());
        var wallet = items.get(1).update();
        assertEquals("diamonds >= :price AND (attribute_not_exists(#held) OR #held < :max)", wallet.conditionExpression());
        assertEquals("SET diamonds = diamonds - :price, updatedAt = :now ADD #held :one", wallet.updateExpression());
        assertEquals(Integer.toString(freeze.maxHeld()), wallet.expressionAttributeValues().get(":max").n());
    }

    @Test
    void aSubmissionIsCreatedOnlyIfItsIdIsNewAndTakesOneOfTheLearnersSlotsInTheSameTransaction() {
        new SubmissionRepository(recorder(), "Submissions", "Progress", "Outbox").createOrGet(new Submission(
                "s-1", "u1", "ex-0001", "sum-of-evens", "code", "hash", Submission.Status.QUEUED, null, null, null,
                Instant.ofEpochSecond(1000)), 2);
        List<TransactWriteItem> items = ((TransactWriteItemsRequest) writes().get(0)).transactItems();
        assertEquals(2, items.size());
        var put = items.get(0).put();
        assertEquals("attribute_not_exists(submissionId)", put.conditionExpression());
        assertEquals("QUEUED", put.item().get("status").s());
        var slot = items.get(1).update();
        assertEquals("slots#u1", slot.key().get("submissionId").s());
        // Parenthesised since the daily allowance may follow it with " AND (…)" (SubmissionRepository).
        assertEquals("attribute_not_exists(#held) OR size(#held) < :max", slot.conditionExpression());
        assertEquals("ADD #held :id SET #acquired = :now", slot.updateExpression());
        assertEquals(Map.of("#held", "held", "#acquired", "acquiredAt:s-1"), slot.expressionAttributeNames());
        assertEquals(List.of("s-1"), slot.expressionAttributeValues().get(":id").ss());
        assertEquals("2", slot.expressionAttributeValues().get(":max").n());
        assertEquals("1000", slot.expressionAttributeValues().get(":now").n());
    }

    @Test
    void aPlansDailyAllowanceIsCountedOnTheSlotInTheSameCondition() {
        new SubmissionRepository(recorder(), "Submissions", "Progress", "Outbox").createOrGet(new Submission(
                "s-1", "u1", "ex-0001", "sum-of-evens", "code", "hash", Submission.Status.QUEUED, null, null, null,
                Instant.ofEpochSecond(1000)), 2, new SubmissionRepository.DailyAllowance(java.time.LocalDate.parse("2026-12-08"), 50));
        var slot = ((TransactWriteItemsRequest) writes().get(0)).transactItems().get(1).update();
        assertEquals("(attribute_not_exists(#held) OR size(#held) < :max) AND (attribute_not_exists(#runs) OR #runs < :cap)",
                slot.conditionExpression());
        assertEquals("ADD #held :id, #runs :one SET #acquired = :now REMOVE #old1, #old2", slot.updateExpression());
        assertEquals("runs:2026-12-08", slot.expressionAttributeNames().get("#runs"));
        assertEquals("runs:2026-12-07", slot.expressionAttributeNames().get("#old1"));
        assertEquals("50", slot.expressionAttributeValues().get(":cap").n());
    }

    @Test
    void aVerdictIsRecordedOnlyOnceWithItsEventInTheSameTransaction() {
        new SubmissionRepository(recorder(), "Submissions", "Progress", "Outbox").recordVerdict("s-1", "u1", "ex-0001",
                Submission.Status.PASSED, "{}",
                attempt -> new OutboxEvent("judged#s-1", "pyquest.judge", "CodePassed", "{\"attempt\":" + attempt + "}", Instant.EPOCH),
                Instant.EPOCH);
        List<TransactWriteItem> items = ((TransactWriteItemsRequest) writes().get(0)).transactItems();
        assertEquals("#s IN (:queued, :running)", items.get(0).update().conditionExpression());
        assertTrue(items.get(1).update().updateExpression().contains("ADD attempts :one, passes :one"));
        assertEquals("attribute_not_exists(attempts)", items.get(1).update().conditionExpression(),
                "the attempt number is the count we read: none yet, so this is attempt 1");
        assertEquals("{\"attempt\":1}", items.get(2).put().item().get("detail").s());
        assertEquals("attribute_not_exists(eventId)", items.get(2).put().conditionExpression());
        var release = items.get(3).update();
        assertEquals("slots#u1", release.key().get("submissionId").s());
        assertEquals("DELETE #held :id REMOVE #acquired", release.updateExpression());
        assertNull(release.conditionExpression(), "giving the slot back must never cancel recording the verdict");
        assertEquals(List.of("s-1"), release.expressionAttributeValues().get(":id").ss());
    }
}
