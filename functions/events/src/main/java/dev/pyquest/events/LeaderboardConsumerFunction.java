package dev.pyquest.events;

import dev.pyquest.domain.events.BusEvent;
import dev.pyquest.domain.events.RewardGranted;
import dev.pyquest.domain.rewards.RewardKind;
import dev.pyquest.shared.Container;
import dev.pyquest.shared.LambdaFunction;
import dev.pyquest.shared.store.LeaderboardRepository;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.Map;
import java.util.Optional;

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
        Optional<BusEvent> e = BusEvent.read(input);
        if (e.isEmpty() || !(e.get().detail() instanceof RewardGranted g)) return Map.of("outcome", "IGNORED");
        long xp = g.amount(RewardKind.XP);
        if (xp == 0) return Map.of("outcome", "NO_XP");
        return Map.of("outcome", leaderboard.add(g.eventId(), g.userId(), xp, e.get().time()).name());
    }
}
