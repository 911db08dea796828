package dev.pyquest.domain.content;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The validated course. {@code requires}: each gated activity's requirements by its id (an activity absent from it is
 * open to every learner), checked at load to be satisfiable: every target exists, no cycle, a min score only on quizzes.
 */
public record Course(List<Skill> skills, List<Exercise> exercises, List<Lesson> lessons, List<Quiz> quizzes,
                     Map<String, List<Requirement>> requires) {
    public Course {
        requires = Map.copyOf(requires);
    }

    public Optional<Exercise> exercise(String slug) {
        return exercises.stream().filter(e -> e.slug().equals(slug)).findFirst();
    }

    public Optional<Lesson> lesson(String slug) {
        return lessons.stream().filter(l -> l.slug().equals(slug)).findFirst();
    }

    public Optional<Quiz> quiz(String slug) {
        return quizzes.stream().filter(q -> q.slug().equals(slug)).findFirst();
    }

    /** What unlocks the activity with this id; empty when it is open. */
    public List<Requirement> requires(String activityId) {
        return requires.getOrDefault(activityId, List.of());
    }
}
