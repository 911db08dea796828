package dev.pyquest.shared.store;

import dev.pyquest.domain.events.DomainEvent;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.Map;

/**
 * A domain event written in the same transaction as the state change it reports; the relay
 * publishes it. {@code eventId} is ours, deterministic, and is what every consumer dedupes on.
 */
public record OutboxEvent(String eventId, String source, String detailType, String detailJson, Instant at) {
    /** {@code event}, written at {@code at}: its id, source, detail-type and detail come from the typed record. */
    public static OutboxEvent of(DomainEvent event, Instant at) {
        return new OutboxEvent(event.eventId(), event.busSource(), event.detailType(), event.toDetailJson(), at);
    }

    public Map<String, AttributeValue> item() {
        return Map.of("eventId", Attr.s(eventId), "source", Attr.s(source), "detailType", Attr.s(detailType),
                "detail", Attr.s(detailJson), "at", Attr.s(at.toString()));
    }
}
