package dev.pyquest.shared.store;

import dev.pyquest.domain.streak.Streak;

import java.time.Instant;

/** A learner's wallet and profile: XP and diamonds change only through the rewards service. */
public record Learner(String userId, long xp, long diamonds, String timezone, Instant timezoneChangedAt,
                      Streak streak, boolean pro) {}
