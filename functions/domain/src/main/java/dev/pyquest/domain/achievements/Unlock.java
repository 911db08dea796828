package dev.pyquest.domain.achievements;

import dev.pyquest.domain.rewards.Grant;
import dev.pyquest.domain.rewards.Reward;
import dev.pyquest.domain.rewards.RewardKind;
import dev.pyquest.domain.rewards.RewardRules;
import dev.pyquest.domain.rewards.RewardSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A level of an achievement that a learner has just reached. */
public record Unlock(Achievement achievement, Level level) {
    public static final String GRANT_PREFIX = RewardRules.ACHIEVEMENT;

    public String achievementId() {
        return achievement.id();
    }

    /** Null for an untiered achievement. */
    public Tier tier() {
        return level.tier();
    }

    /** One per learner ever: {@code first-steps} or {@code problem-solver#silver}. */
    public String key() {
        return level.key();
    }

    /**
     * What the unlock pays, for the one RewardsService: {@code ACHIEVEMENT#<id>[#<tier>]}, so a redelivered
     * or concurrent unlock maps onto the same ledger lines. A BADGE line of 1 is always there (the ledger's
     * record of the unlock, and what the submission's {@code rewards} show); XP and diamonds when the level
     * has them. Source ACHIEVEMENT has no daily cap: a tier pays once ever, so there is nothing to farm.
     */
    public Grant grant(String userId, String sourceEventId, String submissionId) {
        String reason = "achievement: " + achievement.name() + (level.tier() == null ? "" : " (" + level.tier().key() + ")");
        List<Reward> rewards = new ArrayList<>(3);
        rewards.add(new Reward(RewardKind.BADGE, 1, reason));
        if (level.xp() > 0) rewards.add(new Reward(RewardKind.XP, level.xp(), reason));
        if (level.diamonds() > 0) rewards.add(new Reward(RewardKind.DIAMONDS, level.diamonds(), reason));
        Map<String, String> attributes = level.tier() == null
                ? Map.of(Grant.ATTR_ACHIEVEMENT, achievement.id())
                : Map.of(Grant.ATTR_ACHIEVEMENT, achievement.id(), Grant.ATTR_TIER, level.tier().key());
        return new Grant(userId, GRANT_PREFIX + key(), rewards, sourceEventId, submissionId, RewardSource.ACHIEVEMENT, attributes);
    }
}
