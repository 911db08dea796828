package dev.pyquest.events;

import dev.pyquest.domain.events.ActivitySkipped;
import dev.pyquest.domain.events.BusEvent;
import dev.pyquest.domain.mastery.ActivityRecord;
import dev.pyquest.domain.mastery.Practice;
import dev.pyquest.domain.mastery.SkillProgress;
import dev.pyquest.domain.streak.LearnerClock;
import dev.pyquest.shared.Container;
import dev.pyquest.shared.LambdaFunction;
import dev.pyquest.shared.achievements.AchievementEngines;
import dev.pyquest.shared.store.LearnerRepository;
import dev.pyquest.shared.store.MasteryRepository;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Mastery consumer ({@code CodePassed}, {@code CodeFailed}, {@code QuizPassed}, {@code LessonCompleted}, and
 * {@code ActivitySkipped}, which only marks the activity's record skipped): the
 * event's {@link Practice} is applied to each skill of its activity (the catalog's skills, through the same
 * {@link AchievementEngines} the achievements consumer reads them with, refreshed once a minute): BKT
 * observations while the activity is not yet passed, an FSRS review on the event's learner-local day, an attempt
 * counted ({@link Practice} says which and why). Marker, skills and the activity's first pass are one
 * transaction ({@link MasteryRepository#apply}).
 *
 * <p>Exactly once: a concurrent event of the same learner that moved a skill between read and write fails its
 * version condition: re-read, re-apply ({@value #ATTEMPTS} tries, then throw so EventBridge retries). A
 * redelivery finds its marker ({@code ALREADY_APPLIED}) and counts nothing. Our own {@code detail.eventId} is
 * the key, never EventBridge's id. A malformed event throws, so EventBridge retries it and then parks it in the
 * rule's DLQ. An activity with no skills in the catalog (removed from the course, or a catalog not loaded yet)
 * is {@code IGNORED}: nothing to count it on.
 */
@Singleton
public class MasteryFunction extends LambdaFunction<Map<String, Object>, Map<String, Object>> {
    static final int ATTEMPTS = 5;
    private static final Logger LOG = LoggerFactory.getLogger(MasteryFunction.class);

    private final MasteryRepository mastery;
    private final LearnerRepository learners;
    private final AchievementEngines catalog;
    private final Clock clock;

    /** Lambda's entry (init phase): the collaborators from the container's context. */
    public MasteryFunction() {
        this(Container.bean(MasteryRepository.class), Container.bean(LearnerRepository.class),
                Container.bean(AchievementEngines.class), Container.bean(Clock.class));
        catalog.current(); // the catalog read in the init phase, not on the first event
    }

    @Inject
    public MasteryFunction(MasteryRepository mastery, LearnerRepository learners, AchievementEngines catalog, Clock clock) {
        super("detail.eventId");
        this.mastery = mastery;
        this.learners = learners;
        this.catalog = catalog;
        this.clock = clock;
    }

    @Override
    protected Map<String, Object> handle(Map<String, Object> input) {
        Optional<BusEvent> bus = BusEvent.read(input);
        if (bus.isPresent() && bus.get().detail() instanceof ActivitySkipped skip) return skipped(skip);
        Optional<Practice> p = bus.flatMap(e -> Practice.of(e.detail()));
        if (p.isEmpty()) return Map.of("outcome", "IGNORED");
        Practice practice = p.get();
        List<String> skills = List.copyOf(new LinkedHashSet<>(catalog.current().catalog().skillsOf(practice.activityId())));
        if (skills.isEmpty()) {
            LOG.warn("activity {} of event {} has no skills in the catalog; not counted", practice.activityId(), practice.eventId());
            return Map.of("outcome", "IGNORED");
        }
        String userId = practice.userId();
        ZoneId zone = LearnerClock.zoneOrDefault(learners.get(userId).timezone());
        LocalDate day = LocalDate.ofInstant(practice.at(), zone);

        return count(userId, practice.activityId(), practice.eventId(), skills, read -> {
            ActivityRecord record = read.activity().value();
            boolean evidence = practice.isEvidence(record.passedAttempt());
            Map<String, SkillProgress> before = new LinkedHashMap<>();
            for (String skill : skills) before.put(skill, read.skills().get(skill).value());
            Map<String, SkillProgress> after = practice.applyTo(before, evidence, day);
            Map<String, Object> levels = new LinkedHashMap<>();
            after.forEach((sk, sp) -> levels.put(sk, sp.mastery().level().name()));
            return new Change(practice.recordAfter(record), after, Map.of("outcome", "APPLIED", "evidence", evidence, "levels", levels));
        });
    }

    /** A skip token spent: the activity's record says skipped (done for the path); no skill moves, nothing is evidence. */
    private Map<String, Object> skipped(ActivitySkipped skip) {
        return count(skip.userId(), skip.activityId(), skip.eventId(), List.of(), read -> {
            ActivityRecord r = read.activity().value();
            return new Change(new ActivityRecord(r.passedAttempt(), r.attempts(), true), Map.of(),
                    Map.of("outcome", "APPLIED", "skipped", skip.activityId()));
        });
    }

    /** What one event changes, computed from a snapshot: the activity's record, the skills' progress, the answer once applied. */
    private record Change(ActivityRecord record, Map<String, SkillProgress> after, Map<String, Object> applied) {}

    /**
     * Reads the activity and {@code skills}, computes the event's change and writes it with the event's marker, in one
     * transaction; on a conflict (a concurrent event of the learner moved what was read) reads and computes again,
     * {@value #ATTEMPTS} times, then throws so EventBridge retries.
     */
    private Map<String, Object> count(String userId, String activityId, String eventId, List<String> skills,
                                      java.util.function.Function<MasteryRepository.Snapshot, Change> change) {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            MasteryRepository.Snapshot read = mastery.read(userId, activityId, skills);
            Change c = change.apply(read);
            switch (mastery.apply(userId, activityId, eventId, read, c.record(), c.after(), clock.instant())) {
                case APPLIED -> {
                    return c.applied();
                }
                case ALREADY_APPLIED -> {
                    return Map.of("outcome", "ALREADY_APPLIED");
                }
                case CONFLICT -> LOG.info("mastery of {} moved under event {} (attempt {}); re-reading", userId, eventId, attempt);
            }
        }
        throw new IllegalStateException("mastery of " + userId + " kept moving under event " + eventId
                + " for " + ATTEMPTS + " attempts; EventBridge retries it");
    }
}
