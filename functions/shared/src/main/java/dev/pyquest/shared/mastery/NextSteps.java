package dev.pyquest.shared.mastery;

import dev.pyquest.domain.learning.LearnerProgress;
import dev.pyquest.domain.mastery.ActivityRecord;
import dev.pyquest.domain.mastery.LearningPath;
import dev.pyquest.domain.mastery.Practice;
import dev.pyquest.domain.mastery.next.LearnerView;
import dev.pyquest.domain.mastery.next.NextStep;
import dev.pyquest.domain.mastery.next.NextStepPolicy;
import dev.pyquest.domain.streak.LearnerClock;
import dev.pyquest.shared.store.LearnerRepository;
import dev.pyquest.shared.store.LearningRepository;
import dev.pyquest.shared.store.MasteryRepository;

import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The next best activity of a learner ({@code GET /me/next}, and {@code "next"} on a final submission): the
 * {@link NextStepPolicy} over the course's {@link LearningPath} ({@link CourseMap}) and the learner's state on the
 * mastery table, on their local today, among the activities their progress has unlocked (the course's gates).
 * Reads: the learner (zone), their skills, their activity records and their progress rows (three queries), at once.
 */
public final class NextSteps {
    private final CourseMap course;
    private final MasteryRepository mastery;
    private final LearningRepository learning;
    private final LearnerRepository learners;
    private final Clock clock;

    public NextSteps(CourseMap course, MasteryRepository mastery, LearningRepository learning, LearnerRepository learners, Clock clock) {
        this.course = course;
        this.mastery = mastery;
        this.learning = learning;
        this.learners = learners;
        this.clock = clock;
    }

    /** What the policy reads of a learner: their activity records, skills, progress (for the gates) and local today. */
    public record Inputs(Map<String, ActivityRecord> records, Map<String, dev.pyquest.domain.mastery.SkillProgress> skills,
                         LearnerProgress progress, java.time.LocalDate today) {}

    /**
     * Where {@link #read} runs three of its four reads while the caller runs the fourth: platform daemon threads (not
     * virtual: DynamoDB Local's SQLite blocks in JNI and pins carriers, NoVirtualThreadsTest), idle ones gone after 30 s;
     * when all 24 are busy a read runs in the caller, one after the other, so nothing waits on a queue.
     */
    private static final ExecutorService READS = new ThreadPoolExecutor(0, 24, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
        Thread t = new Thread(r, "next-step-read");
        t.setDaemon(true);
        return t;
    }, new ThreadPoolExecutor.CallerRunsPolicy());

    /** The learner's state as stored: their zone, skills, activity records and progress rows, read at once. */
    public Inputs read(String userId) {
        CompletableFuture<Map<String, dev.pyquest.domain.mastery.SkillProgress>> skills = CompletableFuture.supplyAsync(() -> mastery.skills(userId), READS);
        CompletableFuture<LearnerProgress> progress = CompletableFuture.supplyAsync(() -> learning.progress(userId), READS);
        CompletableFuture<java.time.LocalDate> today = CompletableFuture.supplyAsync(
                () -> LearnerClock.today(clock, learners.get(userId).timezone()), READS);
        Map<String, ActivityRecord> records = mastery.activities(userId);
        return new Inputs(records, join(skills), join(progress), join(today));
    }

    /** The value, or the read's own exception (a throttled read stays a throttled read). */
    private static <T> T join(CompletableFuture<T> f) {
        try {
            return f.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error err) throw err;
            throw e;
        }
    }

    /** {@link #of(Inputs, String)} of the learner's state as stored now. */
    public Optional<NextStep> of(String userId, String justPassed) {
        return of(read(userId), justPassed);
    }

    /**
     * The next step from {@code in}; empty while the catalog holds no activity to suggest (before the course is loaded).
     * {@code justPassed}: an activity the learner has just passed that the mastery consumer may not have counted yet
     * (a verdict is read before its event is consumed): it counts as done, so it is never the suggestion right after
     * its own pass, and what it unlocks may be suggested. So the state may be read before the verdict is in: it is
     * the same state (a long poll reads it while the judge runs).
     */
    public Optional<NextStep> of(Inputs in, String justPassed) {
        CourseMap.Snapshot map = course.current();
        LearningPath p = map.path();
        if (p.activities().isEmpty()) return Optional.empty();
        Map<String, ActivityRecord> records = new HashMap<>(in.records());
        LearnerProgress progress = in.progress();
        if (justPassed != null) {
            records.compute(justPassed, (id, r) -> r == null ? new ActivityRecord(Practice.UNNUMBERED, 1, false)
                    : r.passed() ? r : new ActivityRecord(Practice.UNNUMBERED, Math.max(1, r.attempts()), r.skipped()));
            Set<String> done = new HashSet<>(progress.done());
            done.add(justPassed);
            progress = new LearnerProgress(done, progress.skipped(), progress.bestPercent());
        }
        // The gates once per activity, not once per question a rule asks.
        LearnerProgress unlocked = progress;
        Set<String> locked = new HashSet<>();
        for (var a : p.activities()) if (map.gates().locked(a.activityId(), unlocked)) locked.add(a.activityId());
        LearnerView view = new LearnerView(p, in.skills(), records, in.today(), a -> !locked.contains(a.activityId()),
                a -> locked.contains(a.activityId()) ? map.gates().unmet(a.activityId(), unlocked) : List.of());
        return Optional.of(NextStepPolicy.DEFAULT.next(view));
    }
}
