package dev.pyquest.domain.rewards;

/** One line of a grant, as the API shows it: {@code {"kind","amount","reason"}}. */
public record Reward(RewardKind kind, long amount, String reason) {}
