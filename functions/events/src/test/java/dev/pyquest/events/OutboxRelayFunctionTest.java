package dev.pyquest.events;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import dev.pyquest.shared.store.OutboxEvent;
import dev.pyquest.shared.testing.Samples;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The outbox relay on the sample stream batch of {@code events/}, read as the Lambda runtime reads it. */
class OutboxRelayFunctionTest {
    private final List<List<OutboxEvent>> published = new ArrayList<>();
    private final OutboxRelayFunction function = new OutboxRelayFunction(batch -> published.add(List.copyOf(batch)));

    private static DynamodbEvent sample() {
        return Samples.lambdaEvent("outbox-insert.json", DynamodbEvent.class);
    }

    @Test
    void everyInsertedOutboxItemIsPublishedInOneBatchWithItsOwnTime() throws Exception {
        DynamodbEvent event = sample();
        function.handleRequest(event, null);
        assertEquals(1, published.size());
        assertEquals(1, published.get(0).size());
        OutboxEvent e = published.get(0).get(0);
        assertEquals("judged#s-0f1e2d3c4b5a69788796a5b4c3d2e1f0", e.eventId());
        assertEquals("pyquest.judge", e.source());
        assertEquals("CodePassed", e.detailType());
        assertEquals(java.time.Instant.parse("2026-11-23T10:15:30Z"), e.at(), "the commit time, which decides a leaderboard week");
        assertFalse(e.detailJson().isBlank());
    }

    @Test
    void aPublishThatFailsFailsTheBatchSoTheStreamRedeliversIt() throws Exception {
        OutboxRelayFunction failing = new OutboxRelayFunction(batch -> { throw new IllegalStateException("bus down"); });
        assertThrows(IllegalStateException.class, () -> failing.handleRequest(sample(), null));
    }
}
