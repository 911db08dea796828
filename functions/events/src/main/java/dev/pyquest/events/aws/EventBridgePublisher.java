package dev.pyquest.events.aws;

import dev.pyquest.shared.ports.EventPublisher;
import dev.pyquest.shared.store.OutboxEvent;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;

import java.util.List;

public final class EventBridgePublisher implements EventPublisher {
    private static final int MAX_ENTRIES = 10;
    private final EventBridgeClient events;
    private final String busName;

    public EventBridgePublisher(EventBridgeClient events, String busName) {
        this.events = events;
        this.busName = busName;
    }

    @Override
    public void publish(List<OutboxEvent> batch) {
        for (int i = 0; i < batch.size(); i += MAX_ENTRIES) {
            List<PutEventsRequestEntry> entries = batch.subList(i, Math.min(batch.size(), i + MAX_ENTRIES)).stream()
                    .map(e -> PutEventsRequestEntry.builder().eventBusName(busName).source(e.source())
                            .detailType(e.detailType()).detail(e.detailJson()).time(e.at()).build())
                    .toList();
            PutEventsResponse r = events.putEvents(b -> b.entries(entries));
            if (r.failedEntryCount() != null && r.failedEntryCount() > 0) {
                // Failing the whole batch makes the stream redeliver it; consumers dedupe on detail.eventId.
                throw new IllegalStateException(r.failedEntryCount() + " of " + entries.size() + " events were not accepted by the bus");
            }
        }
    }
}
