package dev.pyquest.events;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import dev.pyquest.shared.Container;
import dev.pyquest.shared.LambdaFunction;
import dev.pyquest.shared.ports.EventPublisher;
import dev.pyquest.shared.store.OutboxEvent;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Publishes outbox items (from the outbox table's stream) to the bus. A failure throws, so the
 * stream redelivers the batch; every consumer dedupes on {@code detail.eventId}, so a crash between
 * commit and publish, or a publish repeated after one, still has one effect downstream.
 */
@Singleton
public class OutboxRelayFunction extends LambdaFunction<DynamodbEvent, Void> {
    private final EventPublisher publisher;

    /** Lambda's entry (init phase): the collaborators from the container's context. */
    public OutboxRelayFunction() {
        this(Container.bean(EventPublisher.class));
    }

    @Inject
    public OutboxRelayFunction(EventPublisher publisher) {
        super(null);
        this.publisher = publisher;
    }

    @Override
    protected Void handle(DynamodbEvent event) {
        List<OutboxEvent> batch = new ArrayList<>();
        for (DynamodbEvent.DynamodbStreamRecord r : event.getRecords()) {
            if (!"INSERT".equals(r.getEventName()) || r.getDynamodb() == null || r.getDynamodb().getNewImage() == null) continue;
            Map<String, AttributeValue> img = r.getDynamodb().getNewImage();
            batch.add(new OutboxEvent(s(img, "eventId"), s(img, "source"), s(img, "detailType"), s(img, "detail"),
                    Instant.parse(s(img, "at"))));
        }
        if (!batch.isEmpty()) publisher.publish(batch);
        return null;
    }

    private static String s(Map<String, AttributeValue> img, String name) {
        AttributeValue v = img.get(name);
        if (v == null || v.getS() == null) throw new IllegalArgumentException("outbox item lacks " + name);
        return v.getS();
    }
}
