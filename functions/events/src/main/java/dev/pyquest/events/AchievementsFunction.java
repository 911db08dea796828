package dev.pyquest.events;

import dev.pyquest.domain.achievements.AchievementEngine;
import dev.pyquest.domain.achievements.AchievementFact;
import dev.pyquest.domain.achievements.Evaluation;
import dev.pyquest.domain.achievements.Period;
import dev.pyquest.domain.achievements.Unlock;
import dev.pyquest.domain.events.BusEvent;
import dev.pyquest.domain.events.RewardGranted;
import dev.pyquest.domain.streak.LearnerClock;
import dev.pyquest.shared.Container;
import dev.pyquest.shared.LambdaFunction;
import dev.pyquest.shared.achievements.AchievementEngines;
import dev.pyquest.shared.achievements.AchievementPayments;
import dev.pyquest.shared.rewards.RewardsService;
import dev.pyquest.shared.store.AchievementRepository;
import dev.pyquest.shared.store.LearnerRepository;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Achievements consumer ({@code RewardGranted}, {@code QuizPassed}, {@code LessonCompleted}): the event's
 * {@link AchievementFact}, in the learner's stored zone (read only for a fact with XP: the zone places nothing
 * else), is evaluated against the learner's stored progress and unlocks, and the evaluation is written as one
 * transaction with the fact's marker ({@link AchievementRepository#apply}) and the unlocks' payments, whose
 * writes the one {@link RewardsService} builds: its ledger key {@code ACHIEVEMENT#<id>[#<tier>]} makes the
 * payment once per learner ever, and an unlock is never stored unpaid. When that transaction is refused on a
 * payment alone (a level paid already, a submission we do not have), the fact is written alone and its unlocks
 * are paid after it through {@code RewardsService.grant}.
 *
 * <p>Exactly once, in three parts. A concurrent fact that moved the state between read and write fails a
 * condition: re-read, re-evaluate ({@value #ATTEMPTS} tries, then throw so EventBridge retries). A
 * redelivery finds its marker ({@code ALREADY_APPLIED}) and counts nothing; it pays again the unlocks
 * stored under its event id, in case they were paid after their transaction and the first delivery died
 * between the two (the ledger refuses a second payment). A fact that changes nothing still leaves its marker and moves the
 * learner's active day (the rarity counters count learners active in the last 30 days), so "applied" is
 * "marked" (what the backfill, {@code ./pyquest achievements-backfill}, relies on to tell the facts it must
 * count from those the consumer counted). Each unlock also puts an {@code AchievementUnlocked} on the outbox
 * in the same transaction. Paying is {@link AchievementPayments}, shared with the backfill.
 * Our own {@code detail.eventId} is the key, never EventBridge's id. A malformed event throws, so
 * EventBridge retries it and then parks it in the rule's DLQ.
 */
@Singleton
public class AchievementsFunction extends LambdaFunction<Map<String, Object>, Map<String, Object>> {
    static final int ATTEMPTS = 5;
    private static final Logger LOG = LoggerFactory.getLogger(AchievementsFunction.class);

    private final AchievementRepository achievements;
    private final LearnerRepository learners;
    private final RewardsService rewards;
    private final AchievementEngines engines;
    private final Clock clock;

    /** Lambda's entry (init phase): the collaborators from the container's context. */
    public AchievementsFunction() {
        this(Container.bean(AchievementRepository.class), Container.bean(LearnerRepository.class),
                Container.bean(RewardsService.class), Container.bean(AchievementEngines.class), Container.bean(Clock.class));
        engines.current(); // the rules parsed and the catalog read in the init phase, not on the first event
    }

    @Inject
    public AchievementsFunction(AchievementRepository achievements, LearnerRepository learners, RewardsService rewards,
                                AchievementEngines engines, Clock clock) {
        super("detail.eventId");
        this.achievements = achievements;
        this.learners = learners;
        this.rewards = rewards;
        this.engines = engines;
        this.clock = clock;
    }

    @Override
    protected Map<String, Object> handle(Map<String, Object> input) {
        Optional<BusEvent> e = BusEvent.read(input);
        if (e.isEmpty()) return Map.of("outcome", "IGNORED");
        BusEvent event = e.get();
        AchievementEngine engine = engines.current();
        // Whether any rule reads the event does not depend on the zone: ask first, and read no learner for nothing.
        Optional<AchievementFact> utc = AchievementFact.of(event.detail(), event.time(), ZoneOffset.UTC, engine.catalog());
        if (utc.isEmpty()) return Map.of("outcome", "IGNORED");
        String userId = event.detail().userId();
        // The zone places a fact's XP in the learner's day and week (periodic rules) and nothing else: no XP, no read.
        AchievementFact fact = utc.get().xp() == 0 ? utc.get() : AchievementFact.of(event.detail(), event.time(),
                LearnerClock.zoneOrDefault(learners.get(userId).timezone()), engine.catalog()).orElseThrow();
        String submissionId = event.detail() instanceof RewardGranted g ? g.submissionId() : null;

        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            AchievementRepository.Snapshot snapshot = achievements.read(userId, Period.earliestStart(fact));
            Evaluation ev = engine.evaluate(fact, snapshot.state());
            Instant now = clock.instant();
            List<TransactWriteItem> payments = AchievementPayments.along(rewards, userId, ev, fact.eventId(), submissionId);
            AchievementRepository.Applied applied = achievements.apply(userId, fact.eventId(), ev, snapshot, fact.at(), now, payments);
            boolean paid = applied == AchievementRepository.Applied.APPLIED && !payments.isEmpty();
            if (applied == AchievementRepository.Applied.ALONG_REFUSED) {
                // A level already paid (or a submission we do not have): nothing was written. The fact alone, then
                // the grants one by one, as a redelivery pays, where RewardsService tells the two apart.
                applied = achievements.apply(userId, fact.eventId(), ev, snapshot, fact.at(), now);
            }
            switch (applied) {
                case APPLIED -> {
                    if (!paid) AchievementPayments.pay(rewards, userId, ev.unlocks(), fact.eventId(), submissionId);
                    return Map.of("outcome", "APPLIED", "unlocked", ev.unlocks().stream().map(Unlock::key).toList());
                }
                case ALREADY_APPLIED -> {
                    // Re-read: the first delivery may have committed after our read.
                    List<String> stored = achievements.read(userId, Period.earliestStart(fact)).unlockedBy(fact.eventId());
                    AchievementPayments.payStored(rewards, engine.rules(), userId, stored, fact.eventId(), submissionId);
                    return Map.of("outcome", "ALREADY_APPLIED", "unlocked", stored);
                }
                case CONFLICT -> LOG.info("achievements of {} moved under event {} (attempt {}); re-evaluating",
                        userId, fact.eventId(), attempt);
                case ALONG_REFUSED -> throw new IllegalStateException("nothing was written along with event " + fact.eventId());
            }
        }
        throw new IllegalStateException("achievements of " + userId + " kept moving under event " + fact.eventId()
                + " for " + ATTEMPTS + " attempts; EventBridge retries it");
    }
}
