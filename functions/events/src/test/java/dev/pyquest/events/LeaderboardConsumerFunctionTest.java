package dev.pyquest.events;

import dev.pyquest.domain.leaderboard.Shards;
import dev.pyquest.domain.leaderboard.Week;
import dev.pyquest.shared.store.LeaderboardRepository;
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
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The leaderboard consumer on the sample RewardGranted of {@code events/}, its writes recorded. */
class LeaderboardConsumerFunctionTest {
    private final RecordingDynamo dynamo = new RecordingDynamo();
    private final LeaderboardConsumerFunction function = new LeaderboardConsumerFunction(new LeaderboardRepository(
            dynamo.client(), "Leaderboard", new Shards(16), Clock.fixed(Instant.parse("2026-11-24T08:00:00Z"), ZoneOffset.UTC)));

    @Test
    void aGrantsXpGoesOnTheBoardOfTheWeekItWasEarnedOnceWithItsMarker() {
        assertEquals(Map.of("outcome", "APPLIED"), function.handleRequest(Samples.event("reward-granted.json"), null));
        List<TransactWriteItem> items = dynamo.transactItems();
        assertEquals(2, items.size(), items.toString());
        assertEquals("attribute_not_exists(board)", items.get(0).put().conditionExpression(), "the marker makes a redelivery a no-op");
        assertEquals("reward#learner-1#FIRST_PASS#ex-0001", items.get(0).put().item().get("board").s().replaceFirst("^[^#]*#", ""));
        assertEquals("15", items.get(1).update().expressionAttributeValues().get(":xp").n(), "the XP, not the diamonds");
        assertTrue(items.get(1).update().key().get("board").s().contains(Week.of(Instant.parse("2026-11-23T10:15:31Z")).id()),
                items.get(1).update().key().toString());
    }

    @Test
    @SuppressWarnings("unchecked")
    void aGrantOfDiamondsOnlyChangesNoBoard() {
        Map<String, Object> event = Samples.event("reward-granted.json");
        List<Map<String, Object>> rewards = (List<Map<String, Object>>) ((Map<String, Object>) event.get("detail")).get("rewards");
        rewards.removeIf(r -> "XP".equals(r.get("kind")));
        assertEquals(Map.of("outcome", "NO_XP"), function.handleRequest(event, null));
        assertEquals(List.of(), dynamo.requests);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aNegativeAmountIsABrokenEventNotASpend() {
        Map<String, Object> event = Samples.event("reward-granted.json");
        List<Map<String, Object>> rewards = (List<Map<String, Object>>) ((Map<String, Object>) event.get("detail")).get("rewards");
        rewards.get(1).put("amount", -5);
        assertThrows(IllegalArgumentException.class, () -> function.handleRequest(event, null));
        assertEquals(List.of(), dynamo.requests);
    }

    @Test
    void anEventOfAnotherTypeIsIgnored() {
        assertEquals(Map.of("outcome", "IGNORED"), function.handleRequest(Samples.event("code-passed.json"), null));
    }
}
