package dev.pyquest.domain.achievements;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * How an achievement's progress moves; each is a small pure function in {@link AchievementEngine}.
 * <ul>
 *   <li>{@code first}: one matching fact unlocks it (one level, target 1);</li>
 *   <li>{@code count}: matching facts are counted; each tier's target is a count;</li>
 *   <li>{@code mastery}: every exercise of one skill passed (the target is the skill's exercise count in the course);</li>
 *   <li>{@code skills-mastered}: how many skills are mastered;</li>
 *   <li>{@code streak}: the longest login streak reached (a broken streak keeps its best, never sums);</li>
 *   <li>{@code periodic}: XP earned within one local day or one ISO week of the learner's zone.</li>
 * </ul>
 */
public enum RuleKind {
    FIRST("first"), COUNT("count"), MASTERY("mastery"), SKILLS_MASTERED("skills-mastered"), STREAK("streak"),
    PERIODIC("periodic");

    private final String configName;

    RuleKind(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }

    public static Optional<RuleKind> fromConfig(String name) {
        return Arrays.stream(values()).filter(k -> k.configName.equals(name)).findFirst();
    }

    public static List<String> configNames() {
        return Arrays.stream(values()).map(RuleKind::configName).toList();
    }
}
