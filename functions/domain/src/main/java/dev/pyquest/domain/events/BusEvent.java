package dev.pyquest.domain.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import dev.pyquest.domain.Json;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * An EventBridge event as delivered to a target, its {@code detail} typed. {@code id} is EventBridge's
 * and changes per put: never dedupe on it (dedupe on {@code detail().eventId()}). {@code time} is when
 * the relay says the event happened (the outbox item's {@code at}).
 */
public record BusEvent(String id, String source, String detailType, Instant time, DomainEvent detail) {
    public BusEvent {
        if (detail == null) throw new IllegalArgumentException("a bus event needs a detail");
        if (!detail.busSource().equals(source) || !detail.detailType().equals(detailType)) {
            throw new IllegalArgumentException(detail.detailType() + " travels as " + detail.busSource() + "/" + detail.detailType()
                    + ", not " + source + "/" + detailType);
        }
        if (time == null) throw new IllegalArgumentException(detailType + " event has no time");
    }

    /** The envelope's wire shape: {@code detail-type} has a hyphen, so it is mapped by name. */
    record Wire(String id, String source, @JsonProperty("detail-type") String detailType, String time, JsonNode detail) {}

    /**
     * Reads an event as a Lambda target receives it. Empty when its {@code source} and {@code detail-type}
     * are not a pair of ours: the consumer ignores it, and nothing else of it is read. Throws
     * {@link IllegalArgumentException} when it is ours but malformed (its detail, or a missing or
     * unparseable {@code time}), so EventBridge retries it and then parks it in the rule's DLQ.
     */
    public static Optional<BusEvent> read(Map<String, Object> input) {
        if (input == null) throw new IllegalArgumentException("no event");
        return read(Json.MAPPER.convertValue(input, Wire.class));
    }

    /** {@link #read(Map)} of an event held as a tree (a test's, a file's). */
    public static Optional<BusEvent> read(JsonNode event) {
        if (event == null || !event.isObject()) throw new IllegalArgumentException("an event must be a JSON object: " + event);
        return read(Json.MAPPER.convertValue(event, Wire.class));
    }

    private static Optional<BusEvent> read(Wire w) {
        return DomainEvent.fromDetail(w.source(), w.detailType(), w.detail()).map(d -> new BusEvent(w.id(), w.source(), w.detailType(),
                w.time() == null || w.time().isBlank() ? null : Detail.instant(w.detailType() + " event", "time", w.time()), d));
    }
}
