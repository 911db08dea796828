package dev.pyquest.shared.store;

import dev.pyquest.domain.achievements.Achievements;
import dev.pyquest.domain.achievements.Backfill;
import dev.pyquest.domain.achievements.Evaluation;
import dev.pyquest.domain.achievements.LearnerAchievements;
import dev.pyquest.domain.achievements.Unlock;
import dev.pyquest.shared.testing.RecordingDynamo;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The backfill's transaction as sent: what it writes and on which conditions (the conditions are the contract). */
class AchievementRepositoryTest {
    private static final Instant NOW = Instant.parse("2026-12-10T12:00:00Z");
    private static final Instant LAST_FACT = Instant.parse("2026-12-08T09:00:00Z");

    private static Achievements rules(int n) {
        StringBuilder y = new StringBuilder("achievements:\n");
        for (int i = 0; i < n; i++) {
            y.append("  - id: rule-").append(i).append("\n    name: \"R").append(i).append("\"\n    description: \"d\"\n")
                    .append("    kind: count\n    event: EXERCISE_FIRST_PASS\n    tiers: [{ target: 3, xp: 5, diamonds: 1 }]\n");
        }
        return Achievements.parse(y.toString(), null);
    }

    private static AchievementRepository.Snapshot read() {
        return new AchievementRepository.Snapshot(new LearnerAchievements(Map.of("rule-0", 2L), Set.of("hello")),
                Map.of("hello", new AchievementRepository.Unlocked("hello", NOW, "reward#u-1#FIRST_PASS#ex-1")),
                new AchievementRepository.Activity(LocalDate.parse("2026-12-09"), 1, 1));
    }

    @Test
    void aBackfillIsOneTransactionOfMarkersChangesUnlocksAndRarityEachConditionalOnWhatWasRead() {
        RecordingDynamo dynamo = new RecordingDynamo();
        AchievementRepository repo = new AchievementRepository(dynamo.client(), "Economy", "Outbox");
        Unlock u = rules(1).unlock("rule-0").orElseThrow();
        Backfill.Plan plan = new Backfill.Plan(List.of(new Evaluation.Change("rule-0", 2, 3)), List.of(u),
                List.of("reward#u-1#FIRST_PASS#ex-3"), LAST_FACT);

        assertEquals(AchievementRepository.Applied.APPLIED, repo.backfill("u-1", plan, read(), "backfill#2026-12-10", NOW));

        List<TransactWriteItemsRequest> sent = dynamo.of(TransactWriteItemsRequest.class);
        assertEquals(1, sent.size(), "one transaction");
        List<TransactWriteItem> items = sent.getFirst().transactItems();
        Put marker = items.get(0).put();
        assertEquals("ach#e#reward#u-1#FIRST_PASS#ex-3", marker.item().get("itemId").s(), "the pending fact's marker, first");
        assertEquals("attribute_not_exists(itemId)", marker.conditionExpression());
        assertEquals(NOW.plus(AchievementRepository.KEEP_MARKER).getEpochSecond(), Long.parseLong(marker.item().get("expiresAt").n()));
        Put change = items.get(1).put();
        assertEquals("ach#p#rule-0", change.item().get("itemId").s());
        assertEquals("3", change.item().get("value").n());
        assertEquals("#v = :before", change.conditionExpression(), "written only over the value the plan was computed from");
        assertEquals("2", change.expressionAttributeValues().get(":before").n());
        Put unlock = items.get(2).put();
        assertEquals("ach#u#rule-0", unlock.item().get("itemId").s());
        assertEquals("backfill#2026-12-10", unlock.item().get("eventId").s());
        assertEquals("attribute_not_exists(itemId)", unlock.conditionExpression());
        Put event = items.get(3).put();
        assertEquals("Outbox", event.tableName());
        assertEquals("achievement#u-1#rule-0", event.item().get("eventId").s());
        assertTrue(event.item().get("detail").s().contains("\"sourceEventId\":\"backfill#2026-12-10\""), event.item().toString());
        // The learner's last day (2026-12-09) is after the plan's last fact: the unlock joins that day's holders.
        assertEquals("ADD levels :n", items.get(4).update().updateExpression());
        assertEquals("#day = :day", items.get(4).update().conditionExpression());
        assertEquals("2026-12-09", items.get(4).update().expressionAttributeValues().get(":day").s());
        assertEquals("@rarity#1", items.get(5).update().key().get("userId").s());
        assertEquals(6, items.size());
    }

    @Test
    void aBackfillTooLargeForOneTransactionNamesTheLearnerAndSendsNothing() {
        RecordingDynamo dynamo = new RecordingDynamo();
        AchievementRepository repo = new AchievementRepository(dynamo.client(), "Economy", "Outbox");
        Achievements rules = rules(50);
        List<Unlock> unlocks = new ArrayList<>();
        for (int i = 0; i < 50; i++) unlocks.add(rules.unlock("rule-" + i).orElseThrow());
        Backfill.Plan plan = new Backfill.Plan(List.of(), unlocks, List.of(), LAST_FACT);
        AchievementRepository.TooLarge e = assertThrows(AchievementRepository.TooLarge.class,
                () -> repo.backfill("u-1", plan, read(), "backfill#2026-12-10", NOW));
        assertTrue(e.getMessage().contains("u-1") && e.getMessage().contains("102 writes"), e.getMessage());
        assertEquals(List.of(), dynamo.requests);
        assertThrows(IllegalArgumentException.class, () -> repo.backfill("u-1",
                new Backfill.Plan(List.of(), List.of(), List.of(), LAST_FACT), read(), "backfill#x", NOW));
    }
}
