package dev.pyquest.events;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pyquest.domain.Json;
import dev.pyquest.domain.events.DomainEvents;
import dev.pyquest.domain.rewards.RewardKind;
import dev.pyquest.shared.Container;
import dev.pyquest.shared.LambdaFunction;
import dev.pyquest.shared.store.LeaderboardRepository;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * Leaderboard consumer: the XP of each {@code RewardGranted} goes on the weekly board of the week the
 * event's {@code time} falls in. That time is when the grant committed: the relay publishes the
 * outbox item's {@code at} as the event time (EventBridge's {@code Time}, the local bus's
 * {@code time}), so a late or redelivered event still lands in the week it was earned.
 *
 * <p>Idempotent on our {@code detail.eventId} (never EventBridge's id): the marker and the ADD are one
 * transaction. A malformed event (missing fields, a negative or fractional amount, no time) throws,
 * so EventBridge retries it and then parks it in the rule's DLQ; a grant with no positive XP
 * (diamonds only) changes nothing.
 */
@Singleton
public class LeaderboardConsumerFunction extends LambdaFunction<Map<String, Object>, Map<String, Object>> {
    private final LeaderboardRepository leaderboard;

    /** Lambda's entry (init phase): the collaborators from the container's context. */
    public LeaderboardConsumerFunction() {
        this(Container.bean(LeaderboardRepository.class));
    }

    @Inject
    public LeaderboardConsumerFunction(LeaderboardRepository leaderboard) {
        super("detail.eventId");
        this.leaderboard = leaderboard;
    }

    @Override
    protected Map<String, Object> handle(Map<String, Object> input) {
        BusEvent e = Json.MAPPER.convertValue(input, BusEvent.class);
        if (!DomainEvents.REWARD_GRANTED.equals(e.detailType()) || !DomainEvents.SOURCE_REWARDS.equals(e.source())) {
            return Map.of("outcome", "IGNORED");
        }
        JsonNode d = e.detail();
        if (d == null || !d.isObject()) throw new IllegalArgumentException("RewardGranted without detail");
        String eventId = text(d, "eventId");
        String userId = text(d, "userId");
        Instant at = time(e.time());
        JsonNode rewards = d.get("rewards");
        if (rewards == null || !rewards.isArray() || rewards.isEmpty()) {
            throw new IllegalArgumentException("RewardGranted detail lacks rewards");
        }
        long xp = 0;
        for (JsonNode r : rewards) {
            String kind = text(r, "kind");
            JsonNode amount = r.get("amount");
            if (amount == null || !amount.isIntegralNumber() || !amount.canConvertToLong()) {
                throw new IllegalArgumentException("RewardGranted reward lacks a whole amount: " + r);
            }
            // A grant grants: a negative amount of any kind is a broken event, not a spend to net out.
            if (amount.asLong() < 0) throw new IllegalArgumentException("RewardGranted reward has a negative amount: " + r);
            if (RewardKind.XP.name().equals(kind)) xp = Math.addExact(xp, amount.asLong());
        }
        if (xp == 0) return Map.of("outcome", "NO_XP");
        return Map.of("outcome", leaderboard.add(eventId, userId, xp, at).name());
    }

    private static Instant time(String time) {
        if (time == null || time.isBlank()) throw new IllegalArgumentException("RewardGranted event has no time");
        try {
            return Instant.parse(time);
        } catch (DateTimeParseException ex) {
            throw new IllegalArgumentException("RewardGranted event time is not an ISO-8601 instant: " + time, ex);
        }
    }

    private static String text(JsonNode d, String field) {
        JsonNode v = d.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw new IllegalArgumentException("RewardGranted detail lacks " + field);
        }
        return v.asText();
    }
}
