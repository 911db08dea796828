package dev.pyquest.domain.achievements;

import java.util.List;

/**
 * One rule of achievements.yaml, validated. {@code event} and {@code where} are set for {@code first} and
 * {@code count} rules, {@code skill} for {@code mastery}, {@code period} for {@code periodic}; {@code levels}
 * are in increasing order of target. A hidden achievement evaluates like any other: hiding is the API's concern.
 */
public record Achievement(String id, String name, String description, boolean hidden, RuleKind kind, FactKind event,
                          Condition where, String skill, Period period, List<Level> levels) {
    public Achievement {
        levels = List.copyOf(levels);
    }

    public boolean tiered() {
        return levels.get(0).tier() != null;
    }

    /** The key of this rule's progress for {@code fact}: the rule id, or for a periodic rule the id and the fact's period. */
    String progressKey(AchievementFact fact) {
        return kind == RuleKind.PERIODIC ? id + "@" + period.of(fact) : id;
    }
}
