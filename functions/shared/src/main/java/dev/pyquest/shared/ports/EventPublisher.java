package dev.pyquest.shared.ports;

import dev.pyquest.shared.store.OutboxEvent;

import java.util.List;

/** Puts domain events on the bus; throws if any was not accepted, so the caller's delivery is retried. */
public interface EventPublisher {
    void publish(List<OutboxEvent> events);
}
