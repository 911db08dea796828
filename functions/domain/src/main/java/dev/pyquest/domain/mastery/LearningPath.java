package dev.pyquest.domain.mastery;

import dev.pyquest.domain.content.Skill;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The course in its fixed order, the order a learner who follows it from the top takes it in: by skill, in the
 * order of {@code content/skills.yaml} with every skill after the ones it {@code requires} (a skill listed before a
 * prerequisite moves after it; the loader refuses cycles); an activity belongs to the <em>latest</em> of its skills (an exercise on
 * {@code [loops, conditionals]} comes with loops, once conditionals has been taught). Within a skill: its lesson,
 * its quiz, then its exercises from easy to hard; ties by slug.
 */
public final class LearningPath {
    private final List<Skill> skills;
    private final List<PathActivity> activities;
    private final Map<String, PathActivity> byId = new HashMap<>();
    private final Map<String, PathActivity> bySlug = new HashMap<>();
    private final Map<String, Integer> positions = new HashMap<>();
    private final Map<String, Skill> skillById = new HashMap<>();

    private LearningPath(List<Skill> skills, List<PathActivity> ordered) {
        this.skills = List.copyOf(skills);
        this.activities = List.copyOf(ordered);
        for (Skill s : skills) skillById.put(s.id(), s);
        for (PathActivity a : activities) {
            byId.put(a.activityId(), a);
            bySlug.put(a.slug(), a);
            positions.put(a.activityId(), positions.size());
        }
    }

    /** The path of these skills (in their file's order) and activities (any order); an activity's unknown skill is refused. */
    public static LearningPath of(List<Skill> skills, List<PathActivity> activities) {
        List<Skill> ordered0 = prerequisitesFirst(skills);
        Map<String, Integer> position = new HashMap<>();
        for (Skill s : ordered0) position.put(s.id(), position.size());
        for (PathActivity a : activities) {
            if (a.skills().isEmpty()) throw new IllegalArgumentException("activity " + a.slug() + " has no skills");
            for (String s : a.skills()) {
                if (!position.containsKey(s)) throw new IllegalArgumentException("activity " + a.slug() + " names unknown skill " + s);
            }
        }
        List<PathActivity> ordered = new ArrayList<>(activities);
        ordered.sort(Comparator.comparingInt((PathActivity a) -> a.skills().stream().mapToInt(position::get).max().orElseThrow())
                .thenComparingInt(a -> switch (a.kind()) {
                    case LESSON -> 0;
                    case QUIZ -> 1;
                    case EXERCISE -> 2;
                })
                .thenComparing(PathActivity::difficulty)
                .thenComparing(PathActivity::slug));
        return new LearningPath(ordered0, ordered);
    }

    /** The path of a course as loaded from {@code content/}. */
    public static LearningPath of(dev.pyquest.domain.content.Course course) {
        List<PathActivity> all = new ArrayList<>();
        course.lessons().forEach(l -> all.add(new PathActivity(l.id(), l.slug(), l.title(), Practice.Kind.LESSON, l.difficulty(), l.skills())));
        course.quizzes().forEach(q -> all.add(new PathActivity(q.id(), q.slug(), q.title(), Practice.Kind.QUIZ, q.difficulty(), q.skills())));
        course.exercises().forEach(e -> all.add(new PathActivity(e.id(), e.slug(), e.title(), Practice.Kind.EXERCISE, e.difficulty(), e.skills())));
        return of(course.skills(), all);
    }

    /** File order, except that a skill waits for its prerequisites (the first skill whose requires are all placed goes next). */
    private static List<Skill> prerequisitesFirst(List<Skill> skills) {
        List<Skill> left = new ArrayList<>(skills);
        List<Skill> out = new ArrayList<>();
        java.util.Set<String> placed = new java.util.HashSet<>();
        java.util.Set<String> known = new java.util.HashSet<>();
        for (Skill s : skills) known.add(s.id());
        while (!left.isEmpty()) {
            Skill next = left.stream().filter(s -> s.requires().stream().allMatch(r -> placed.contains(r) || !known.contains(r)))
                    .findFirst().orElseThrow(() -> new IllegalArgumentException("skills' prerequisites form a cycle among " + left));
            left.remove(next);
            placed.add(next.id());
            out.add(next);
        }
        return out;
    }

    /** Every skill, prerequisites first. */
    public List<Skill> skills() {
        return skills;
    }

    /** Every activity, in the course's order. */
    public List<PathActivity> activities() {
        return activities;
    }

    public Optional<PathActivity> byId(String activityId) {
        return Optional.ofNullable(byId.get(activityId));
    }

    public Optional<PathActivity> bySlug(String slug) {
        return Optional.ofNullable(bySlug.get(slug));
    }

    public Optional<Skill> skill(String id) {
        return Optional.ofNullable(skillById.get(id));
    }

    /** The position of an activity on the path (for tie-breaks: earlier first); -1 for one not on it. */
    public int position(PathActivity a) {
        return positions.getOrDefault(a.activityId(), -1);
    }
}
