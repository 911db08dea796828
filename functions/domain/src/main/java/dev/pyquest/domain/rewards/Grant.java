package dev.pyquest.domain.rewards;

import java.util.List;
import java.util.Map;

/**
 * Rewards granted together, at most once ever per ({@code userId}, {@code grantKey}). The grant key
 * is deterministic: it names the rule and what earned it (e.g. {@code FIRST_PASS#ex-0001}), so
 * every redelivery and every later pass of the same exercise maps onto the same key.
 * {@code source} decides which daily XP cap applies (null: none). {@code attributes}: facts about
 * what earned it that consumers of {@code RewardGranted} use (an exercise's {@code difficulty},
 * {@code firstTry}).
 */
public record Grant(String userId, String grantKey, List<Reward> rewards, String sourceEventId, String submissionId,
                    RewardSource source, Map<String, String> attributes) {
    /** Attribute of an achievement's grant: the achievement's id (what the BADGE line names). */
    public static final String ATTR_ACHIEVEMENT = "achievement";
    /** Attribute of a tiered achievement's grant: {@code bronze}, {@code silver} or {@code gold}. */
    public static final String ATTR_TIER = "tier";
    /** Attribute of a first pass: "true" when the learner bought a hint of the exercise before passing. */
    public static final String ATTR_HINT_BOUGHT = "hintBought";
    /** Attribute of a daily-login grant: the streak length (days) that login made. */
    public static final String ATTR_STREAK_DAYS = "streakDays";

    public Grant {
        rewards = List.copyOf(rewards);
        attributes = Map.copyOf(attributes);
        if (rewards.isEmpty()) throw new IllegalArgumentException("a grant needs at least one reward");
        if (grantKey.contains("|")) throw new IllegalArgumentException("grant key must not contain '|'");
        if (rewards.stream().map(Reward::kind).distinct().count() != rewards.size()) {
            throw new IllegalArgumentException("a grant has at most one reward of each kind (the ledger key is grantKey|kind)");
        }
        if (rewards.stream().anyMatch(r -> r.amount() < 0)) throw new IllegalArgumentException("a grant never takes away");
    }

    public Grant(String userId, String grantKey, List<Reward> rewards, String sourceEventId, String submissionId,
                 RewardSource source) {
        this(userId, grantKey, rewards, sourceEventId, submissionId, source, Map.of());
    }

    /** A grant under no daily cap. */
    public Grant(String userId, String grantKey, List<Reward> rewards, String sourceEventId, String submissionId) {
        this(userId, grantKey, rewards, sourceEventId, submissionId, null, Map.of());
    }

    public long amount(RewardKind kind) {
        return rewards.stream().filter(r -> r.kind() == kind).mapToLong(Reward::amount).sum();
    }

    /** The same grant with {@code kind}'s amount replaced (a daily cap cut it), and the reason saying so. */
    public Grant withAmount(RewardKind kind, long amount, String note) {
        return new Grant(userId, grantKey, rewards.stream()
                .map(r -> r.kind() == kind ? new Reward(kind, amount, r.reason() + " " + note) : r).toList(),
                sourceEventId, submissionId, source, attributes);
    }
}
