package dev.pyquest.domain.achievements;

import java.util.Map;
import java.util.Set;

/**
 * What the engine knows of one learner: progress values by key and the levels already unlocked (their
 * {@link Level#key()}s). Progress keys: an achievement's id (a count, a best streak), {@code <id>@<period>}
 * for a periodic one ({@code busy-day@2026-12-07}, {@code big-week@2026-W50}), {@code skill:<skill>} for
 * first passes per skill and {@link AchievementEngine#SKILLS_MASTERED} for mastered skills (both shared by
 * every rule that reads them). Ids cannot hold {@code :} or {@code @}, so no key is ambiguous. An absent key is 0.
 */
public record LearnerAchievements(Map<String, Long> progress, Set<String> unlocked) {
    public static final LearnerAchievements EMPTY = new LearnerAchievements(Map.of(), Set.of());

    public LearnerAchievements {
        progress = Map.copyOf(progress);
        unlocked = Set.copyOf(unlocked);
    }

    public long value(String key) {
        Long v = progress.get(key);
        return v == null ? 0 : v;
    }

    public boolean isUnlocked(String levelKey) {
        return unlocked.contains(levelKey);
    }
}
