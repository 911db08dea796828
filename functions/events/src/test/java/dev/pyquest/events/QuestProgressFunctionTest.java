package dev.pyquest.events;

import dev.pyquest.domain.rewards.Economy;
import dev.pyquest.shared.store.LearnerRepository;
import dev.pyquest.shared.store.QuestRepository;
import dev.pyquest.shared.testing.RecordingDynamo;
import dev.pyquest.shared.testing.Samples;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The quest consumer on the sample RewardGranted of {@code events/}, its writes recorded. */
class QuestProgressFunctionTest {
    private final RecordingDynamo dynamo = new RecordingDynamo();
    private final QuestProgressFunction function = new QuestProgressFunction(
            new LearnerRepository(dynamo.client(), "Learners", "Ledger"), new QuestRepository(dynamo.client(), "Economy"),
            Economy.bundled(), Clock.fixed(Instant.parse("2026-11-23T10:16:00Z"), ZoneOffset.UTC));

    @Test
    void aFirstPassMovesTheQuestsOfItsDayAndWeekInOneTransactionWithItsMarker() {
        Map<String, Object> out = function.handleRequest(Samples.event("reward-granted.json"), null);
        assertEquals("APPLIED", out.get("outcome"), out.toString());
        List<TransactWriteItem> items = dynamo.transactItems();
        int quests = ((Number) out.get("quests")).intValue();
        assertTrue(quests >= 1, out.toString());
        assertEquals(quests + 1, items.size(), "the increments and the applied# marker, together: " + items);
        assertTrue(items.stream().anyMatch(i -> i.put() != null && i.put().item().values().stream()
                .anyMatch(v -> "applied#reward#learner-1#FIRST_PASS#ex-0001".equals(v.s()))), items.toString());
    }

    @Test
    void anEventOfAnotherTypeIsIgnoredWithoutAReadOrAWrite() {
        assertEquals(Map.of("outcome", "IGNORED"), function.handleRequest(Samples.event("lesson-completed.json"), null));
        assertEquals(List.of(), dynamo.requests);
    }
}
