package dev.pyquest.shared.mastery;

import dev.pyquest.domain.mastery.ActivityRecord;
import dev.pyquest.domain.mastery.LearningPath;
import dev.pyquest.domain.mastery.PathActivity;
import dev.pyquest.domain.mastery.Practice;
import dev.pyquest.domain.mastery.next.LearnerView;
import dev.pyquest.domain.mastery.next.NextStep;
import dev.pyquest.domain.mastery.next.NextStepPolicy;
import dev.pyquest.domain.streak.LearnerClock;
import dev.pyquest.shared.store.CatalogRepository;
import dev.pyquest.shared.store.LearnerRepository;
import dev.pyquest.shared.store.MasteryRepository;
import dev.pyquest.shared.store.Refreshing;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The next best activity of a learner ({@code GET /me/next}, and {@code "next"} on a final submission): the
 * {@link NextStepPolicy} over the course's {@link LearningPath} (the catalog's activities with the bundled skills,
 * rebuilt every {@link Refreshing#REFRESH}) and the learner's state on the mastery table, on their local today.
 * Reads: the learner (zone), their skills and their activity records (two queries).
 */
public final class NextSteps {
    private final Refreshing<LearningPath> path;
    private final MasteryRepository mastery;
    private final LearnerRepository learners;
    private final Clock clock;

    public NextSteps(Refreshing<LearningPath> path, MasteryRepository mastery, LearnerRepository learners, Clock clock) {
        this.path = path;
        this.mastery = mastery;
        this.learners = learners;
        this.clock = clock;
    }

    /** The path of the catalog's activities, rebuilt every {@link Refreshing#REFRESH}. */
    public static Refreshing<LearningPath> pathOf(CatalogRepository catalog, CourseSkills skills, Clock clock) {
        return Refreshing.every(() -> path(catalog.list(), skills), clock);
    }

    static LearningPath path(List<CatalogRepository.Activity> activities, CourseSkills skills) {
        List<PathActivity> out = new ArrayList<>();
        for (CatalogRepository.Activity a : activities) {
            if (a.skills() == null || a.skills().isEmpty()) continue;
            out.add(new PathActivity(a.activityId(), a.slug(), a.title(), Practice.Kind.valueOf(a.kind().toUpperCase(Locale.ROOT)),
                    a.difficulty(), a.skills()));
        }
        return LearningPath.of(skills.all(), out);
    }

    /** What the policy reads of a learner: their activity records, skills and local today. */
    public record Inputs(Map<String, ActivityRecord> records, Map<String, dev.pyquest.domain.mastery.SkillProgress> skills,
                         java.time.LocalDate today) {}

    /** The learner's state as stored (their zone, two queries). */
    public Inputs read(String userId) {
        return new Inputs(mastery.activities(userId), mastery.skills(userId), LearnerClock.today(clock, learners.get(userId).timezone()));
    }

    /** {@link #of(Inputs, String)} of the learner's state as stored now. */
    public Optional<NextStep> of(String userId, String justPassed) {
        return of(read(userId), justPassed);
    }

    /**
     * The next step from {@code in}; empty while the catalog holds no activity to suggest (before the course is loaded).
     * {@code justPassed}: an activity the learner has just passed that the mastery consumer may not have counted yet
     * (a verdict is read before its event is consumed): it counts as done, so it is never the suggestion right after
     * its own pass. So the state may be read before the verdict is in: it is the same state (a long poll reads it
     * while the judge runs).
     */
    public Optional<NextStep> of(Inputs in, String justPassed) {
        LearningPath p = path.current();
        if (p.activities().isEmpty()) return Optional.empty();
        Map<String, ActivityRecord> records = new HashMap<>(in.records());
        if (justPassed != null) {
            records.compute(justPassed, (id, r) -> r == null ? new ActivityRecord(Practice.UNNUMBERED, 1, false)
                    : r.passed() ? r : new ActivityRecord(Practice.UNNUMBERED, Math.max(1, r.attempts()), r.skipped()));
        }
        LearnerView view = new LearnerView(p, in.skills(), records, in.today(),
                a -> true); // no gates yet: every activity is open (issue 14's prerequisites will lock some)
        return Optional.of(NextStepPolicy.DEFAULT.next(view));
    }
}
