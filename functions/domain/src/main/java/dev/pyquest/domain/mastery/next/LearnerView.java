package dev.pyquest.domain.mastery.next;

import dev.pyquest.domain.learning.Gates;
import dev.pyquest.domain.mastery.ActivityRecord;
import dev.pyquest.domain.mastery.LearningPath;
import dev.pyquest.domain.mastery.PathActivity;
import dev.pyquest.domain.mastery.SkillProgress;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * What the next-step rules read of one learner: the course's path, the learner's progress per skill (absent: not
 * started) and record per activity id (absent: never tried), their learner-local today, which activities are open to
 * them (locked ones are never suggested), and, for a locked one, what it still requires ({@link Gates.Unmet}).
 */
public record LearnerView(LearningPath path, Map<String, SkillProgress> skills, Map<String, ActivityRecord> records,
                          LocalDate today, Predicate<PathActivity> unlocked, Function<PathActivity, List<Gates.Unmet>> unmet) {
    public LearnerView {
        skills = Map.copyOf(skills);
        records = Map.copyOf(records);
    }

    /** A course without gates, or one whose locks the rules need not explain. */
    public LearnerView(LearningPath path, Map<String, SkillProgress> skills, Map<String, ActivityRecord> records,
                       LocalDate today, Predicate<PathActivity> unlocked) {
        this(path, skills, records, today, unlocked, a -> List.of());
    }

    public SkillProgress skill(String id) {
        return skills.getOrDefault(id, SkillProgress.NOT_STARTED);
    }

    public ActivityRecord record(PathActivity a) {
        return records.getOrDefault(a.activityId(), ActivityRecord.NONE);
    }

    /** Open activities not done yet, in the course's order. */
    public Stream<PathActivity> todo() {
        return path.activities().stream().filter(a -> unlocked.test(a) && !record(a).done());
    }

    /** Open, not done, graded (an exercise or a quiz: evidence) activities of {@code skill}, in the course's order. */
    public Stream<PathActivity> todoGraded(String skill) {
        return todo().filter(a -> a.graded() && a.skills().contains(skill));
    }

    /** The one closest to {@link ItemModel#TARGET} success for this learner; the earlier on the path on a tie. */
    public Optional<PathActivity> atTarget(Stream<PathActivity> candidates) {
        List<PathActivity> list = candidates.toList();
        return list.stream().min(Comparator.comparingDouble((PathActivity a) -> Math.abs(ItemModel.pCorrect(a, this) - ItemModel.TARGET))
                .thenComparingInt(path::position));
    }

    /** An open activity that meets a requirement of a locked one, and that requirement in words. */
    public record Unlock(PathActivity activity, String reason) {}

    /**
     * What opens {@code locked}: the open activity meeting its first unmet requirement that an open activity can meet
     * (done or not: a quiz passed below the score a gate wants is taken again), looking through locked targets a few
     * levels deep; empty when {@code locked} is open or nothing open leads to it.
     */
    public Optional<Unlock> unlocker(PathActivity locked) {
        return unlocker(locked, 4);
    }

    private Optional<Unlock> unlocker(PathActivity locked, int depth) {
        if (depth == 0 || unlocked.test(locked)) return Optional.empty();
        for (Gates.Unmet u : unmet.apply(locked)) {
            PathActivity via = u.target() == null ? null : path.byId(u.target()).orElse(null);
            if (via == null) continue;
            if (unlocked.test(via)) return Optional.of(new Unlock(via, u.reason()));
            Optional<Unlock> deeper = unlocker(via, depth - 1);
            if (deeper.isPresent()) return deeper;
        }
        return Optional.empty();
    }

    /** A skill's title, for the words of a reason. */
    public String title(String skill) {
        return path.skill(skill).map(dev.pyquest.domain.content.Skill::title).orElse(skill);
    }
}
