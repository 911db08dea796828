package dev.pyquest.domain.rewards;

import java.util.List;

/**
 * Rewards granted together, at most once ever per ({@code userId}, {@code grantKey}). The grant key
 * is deterministic: it names the rule and what earned it (e.g. {@code FIRST_PASS#ex-0001}), so
 * every redelivery and every later pass of the same exercise maps onto the same key.
 */
public record Grant(String userId, String grantKey, List<Reward> rewards, String sourceEventId, String submissionId) {
    public Grant {
        if (rewards.isEmpty()) throw new IllegalArgumentException("a grant needs at least one reward");
        if (grantKey.contains("|")) throw new IllegalArgumentException("grant key must not contain '|'");
    }
}
