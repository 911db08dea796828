package dev.pyquest.domain.content;

/**
 * What unlocks an activity, as its YAML's {@code requires} lists it: another activity done, or a skill shown on a quiz.
 * <ul>
 *   <li>{@code activity}: the required activity's stable id (the YAML names its slug; the loader resolves it, so a
 *       rename keeps the gate). Done = a lesson completed, a quiz passed, an exercise passed or skipped.</li>
 *   <li>{@code skill}: a skill id; met by a quiz on that skill (any quiz whose skills include it).</li>
 *   <li>{@code minScore}: 0 = done is enough; 1-100 = the learner's best attempt at the quiz (or at a quiz on the
 *       skill) scored at least this percent.</li>
 * </ul>
 * Exactly one of {@code activity} and {@code skill} is set.
 */
public record Requirement(String activity, String skill, int minScore) {
    public Requirement {
        if ((activity == null) == (skill == null)) throw new IllegalArgumentException("a requirement names an activity or a skill");
        if (minScore < 0 || minScore > 100) throw new IllegalArgumentException("minScore must be in [0, 100]");
    }

    public static Requirement activity(String activityId, int minScore) {
        return new Requirement(activityId, null, minScore);
    }

    public static Requirement skill(String skillId, int minScore) {
        return new Requirement(null, skillId, minScore);
    }
}
