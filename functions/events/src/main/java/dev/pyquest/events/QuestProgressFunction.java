package dev.pyquest.events;

import dev.pyquest.domain.events.BusEvent;
import dev.pyquest.domain.events.RewardGranted;
import dev.pyquest.domain.quests.QuestBoard;
import dev.pyquest.domain.quests.RewardGrantedFact;
import dev.pyquest.domain.rewards.Economy;
import dev.pyquest.domain.streak.LearnerClock;
import dev.pyquest.shared.Container;
import dev.pyquest.shared.LambdaFunction;
import dev.pyquest.shared.store.LearnerRepository;
import dev.pyquest.shared.store.QuestRepository;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Quest progress consumer ({@code RewardGranted}): the grant moves the learner's daily quests of the
 * local day its {@code at} falls on (in the learner's stored zone: an event of yesterday evening
 * counts for yesterday, even when delivered today) and the weekly challenge of its week, by the
 * metric each counts ({@link RewardGrantedFact#increment}).
 * Idempotent on our own {@code detail.eventId}, never EventBridge's id: the increments and an
 * {@code applied#<eventId>} marker are one conditional transaction, so a redelivery adds nothing.
 * A malformed event throws, so EventBridge retries it and then parks it in the rule's DLQ.
 */
@Singleton
public class QuestProgressFunction extends LambdaFunction<Map<String, Object>, Map<String, Object>> {
    private final LearnerRepository learners;
    private final QuestRepository quests;
    private final Economy economy;
    private final Clock clock;

    /** Lambda's entry (init phase): the collaborators from the container's context. */
    public QuestProgressFunction() {
        this(Container.bean(LearnerRepository.class), Container.bean(QuestRepository.class),
                Container.bean(Economy.class), Container.bean(Clock.class));
    }

    @Inject
    public QuestProgressFunction(LearnerRepository learners, QuestRepository quests, Economy economy, Clock clock) {
        super("detail.eventId");
        this.learners = learners;
        this.quests = quests;
        this.economy = economy;
        this.clock = clock;
    }

    @Override
    protected Map<String, Object> handle(Map<String, Object> input) {
        Optional<BusEvent> e = BusEvent.read(input);
        if (e.isEmpty() || !(e.get().detail() instanceof RewardGranted granted)) return Map.of("outcome", "IGNORED");
        RewardGrantedFact fact = RewardGrantedFact.of(granted, e.get().time());
        ZoneId zone = LearnerClock.zoneOrDefault(learners.get(fact.userId()).timezone());
        List<QuestRepository.Increment> increments = QuestBoard.steps(economy, fact, zone).stream()
                .map(s -> new QuestRepository.Increment(new QuestRepository.Key(s.period().id(), s.quest().id()),
                        s.amount(), s.period().end()))
                .toList();
        if (increments.isEmpty()) return Map.of("outcome", "NO_QUEST_PROGRESS");
        QuestRepository.Applied applied = quests.apply(fact.userId(), fact.eventId(), increments,
                clock.instant());
        return Map.of("outcome", applied.name(), "quests", increments.size());
    }
}
