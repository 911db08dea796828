package dev.pyquest.domain.achievements;

/**
 * One level of an achievement: a tier of a tiered one (bronze, silver, gold), or the only level of an
 * untiered one ({@code tier} null). {@code target}: what the progress must reach; 0 for a mastery rule,
 * whose target is its skill's exercise count in the course. {@code key}: the unlock's identity, one per
 * learner ever ({@code first-steps} or {@code problem-solver#silver}); the grant key ends with it.
 */
public record Level(Tier tier, long target, long xp, long diamonds, String key) {}
