package dev.pyquest.domain.achievements;

import dev.pyquest.domain.content.Course;
import dev.pyquest.domain.content.Exercise;
import dev.pyquest.domain.content.Lesson;
import dev.pyquest.domain.content.Quiz;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the rules need of the course: the skills of each activity (by its permanent id) and how many
 * exercises each skill has (a skill is mastered when that many of its exercises are passed). Built from the
 * course at start, so adding an exercise to a skill raises the bar of mastery without touching the rules.
 * Premium exercises ({@code premiumExercises}) are left out of mastery on both sides, the count and the passes:
 * a free learner must be able to master every skill, and a Pro learner must not master one early by passing a
 * premium exercise in place of a free one.
 */
public record SkillCatalog(Set<String> skills, Map<String, List<String>> skillsByActivity, Map<String, Integer> exercisesPerSkill,
                           Set<String> premiumExercises) {
    public SkillCatalog {
        skills = Set.copyOf(skills);
        skillsByActivity = Map.copyOf(skillsByActivity);
        exercisesPerSkill = Map.copyOf(exercisesPerSkill);
        premiumExercises = Set.copyOf(premiumExercises);
    }

    /** A catalog without premium exercises. */
    public SkillCatalog(Set<String> skills, Map<String, List<String>> skillsByActivity, Map<String, Integer> exercisesPerSkill) {
        this(skills, skillsByActivity, exercisesPerSkill, Set.of());
    }

    public static SkillCatalog of(Course course) {
        Map<String, List<String>> byActivity = new HashMap<>();
        Map<String, Integer> perSkill = new HashMap<>();
        Set<String> premium = new java.util.HashSet<>();
        for (Exercise e : course.exercises()) {
            byActivity.put(e.id(), List.copyOf(e.skills()));
            if (e.premium()) {
                premium.add(e.id());
                continue;
            }
            for (String s : Set.copyOf(e.skills())) perSkill.merge(s, 1, Integer::sum);
        }
        for (Lesson l : course.lessons()) byActivity.put(l.id(), List.copyOf(l.skills()));
        for (Quiz q : course.quizzes()) byActivity.put(q.id(), List.copyOf(q.skills()));
        return new SkillCatalog(course.skills().stream().map(s -> s.id()).collect(java.util.stream.Collectors.toSet()),
                byActivity, perSkill, premium);
    }

    /** The skills of an activity; none for an activity the course no longer has. */
    public List<String> skillsOf(String activityId) {
        return skillsByActivity.getOrDefault(activityId, List.of());
    }

    /** Whether passing {@code activityId} counts towards mastering its skills: every exercise but a premium one. */
    public boolean countsTowardsMastery(String activityId) {
        return activityId == null || !premiumExercises.contains(activityId);
    }

    /** How many free exercises practise {@code skill} (0: the skill has none, and cannot be mastered by passing). */
    public int exerciseCount(String skill) {
        return exercisesPerSkill.getOrDefault(skill, 0);
    }
}
