package dev.pyquest.domain.learning;

import dev.pyquest.domain.content.Requirement;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The course's gates: which of an activity's {@link Requirement}s a learner has not met yet, each with the words a
 * learner reads. One evaluation for every use: the catalog's {@code locked}/{@code requires}, the 403 of every route
 * that acts on an activity, and the next-step policy's choice among open activities.
 */
public final class Gates {
    /** What a gate needs to know of an activity: to name it, and, for a quiz, the skills it shows. */
    public record Node(String id, String slug, String title, String kind, List<String> skills, List<Requirement> requires) {
        public Node {
            skills = List.copyOf(skills);
            requires = List.copyOf(requires);
        }
    }

    /**
     * A requirement not met: the activity ({@code slug}) or the skill (with a {@code quiz} on it that meets it), and why;
     * {@code target}: the id of the activity that meets it (null when the course has none).
     */
    public record Unmet(String slug, String skill, String quiz, String reason, String target) {}

    private final Map<String, Node> byId = new HashMap<>();
    private final Map<String, List<Node>> quizzesOfSkill = new HashMap<>();
    private final Map<String, String> skillTitles;

    private Gates(Collection<Node> nodes, Map<String, String> skillTitles) {
        this.skillTitles = Map.copyOf(skillTitles);
        for (Node n : nodes) {
            byId.put(n.id(), n);
            if ("quiz".equals(n.kind())) n.skills().forEach(s -> quizzesOfSkill.computeIfAbsent(s, k -> new ArrayList<>()).add(n));
        }
        quizzesOfSkill.values().forEach(l -> l.sort(java.util.Comparator.comparing(Node::slug)));
    }

    public static Gates of(Collection<Node> nodes, Map<String, String> skillTitles) {
        return new Gates(nodes, skillTitles);
    }

    /** The gates of a loaded course (the content tools and the simulation; the API builds them from the catalog). */
    public static Gates of(dev.pyquest.domain.content.Course c) {
        List<Node> nodes = new ArrayList<>();
        c.exercises().forEach(e -> nodes.add(new Node(e.id(), e.slug(), e.title(), "exercise", e.skills(), c.requires(e.id()))));
        c.lessons().forEach(l -> nodes.add(new Node(l.id(), l.slug(), l.title(), "lesson", l.skills(), c.requires(l.id()))));
        c.quizzes().forEach(q -> nodes.add(new Node(q.id(), q.slug(), q.title(), "quiz", q.skills(), c.requires(q.id()))));
        Map<String, String> titles = new HashMap<>();
        c.skills().forEach(s -> titles.put(s.id(), s.title()));
        return new Gates(nodes, titles);
    }

    /** The requirements of {@code activityId} that {@code p} does not meet, in the content's order; empty = open. */
    public List<Unmet> unmet(String activityId, LearnerProgress p) {
        Node n = byId.get(activityId);
        return n == null ? List.of() : unmet(n.requires(), p);
    }

    /** The unmet ones among {@code requires} (an activity's own list, e.g. as the catalog item holds it). */
    public List<Unmet> unmet(List<Requirement> requires, LearnerProgress p) {
        if (requires.isEmpty()) return List.of();
        List<Unmet> out = new ArrayList<>();
        for (Requirement r : requires) {
            if (!met(r, p)) out.add(explain(r));
        }
        return out;
    }

    public boolean locked(String activityId, LearnerProgress p) {
        return !unmet(activityId, p).isEmpty();
    }

    /** Met: the activity done (or its best quiz score at least {@code minScore}); for a skill, so of any quiz on it. */
    private boolean met(Requirement r, LearnerProgress p) {
        if (r.activity() != null) return metBy(r.activity(), r.minScore(), p);
        for (Node q : quizzesOfSkill.getOrDefault(r.skill(), List.of())) {
            if (metBy(q.id(), r.minScore(), p)) return true;
        }
        return false;
    }

    private static boolean metBy(String id, int minScore, LearnerProgress p) {
        return minScore > 0 ? p.best(id) >= minScore : p.done().contains(id);
    }

    private Unmet explain(Requirement r) {
        if (r.activity() != null) {
            Node a = byId.get(r.activity());
            if (a == null) return new Unmet(null, null, null, "an activity no longer in the course (" + r.activity() + ")", null);
            return new Unmet(a.slug(), null, null, doThis(a, r.minScore()), a.id());
        }
        String skill = skillTitles.getOrDefault(r.skill(), r.skill());
        List<Node> quizzes = quizzesOfSkill.getOrDefault(r.skill(), List.of());
        if (quizzes.isEmpty()) return new Unmet(null, r.skill(), null, skill + " comes first, and no quiz on it is in the course yet", null);
        Node q = quizzes.get(0);
        return new Unmet(null, r.skill(), q.slug(), skill + " comes first: " + doThis(q, r.minScore()), q.id());
    }

    private static String doThis(Node a, int minScore) {
        String title = "'" + a.title() + "'";
        return switch (a.kind()) {
            case "lesson" -> "complete the lesson " + title;
            case "quiz" -> minScore > 0 ? "score at least " + minScore + " % on " + title : "pass " + title;
            default -> "solve (or skip) " + title;
        };
    }
}
