package dev.pyquest.shared.store;

import dev.pyquest.domain.payments.Entitlement;

import dev.pyquest.domain.streak.Streak;

import java.time.Instant;
import java.util.Map;

/**
 * A learner's wallet and profile: XP and diamonds change only through the rewards service.
 * {@code held}: shop items held, by item id (streak freezes, skip tokens). {@code badges}: achievement levels
 * unlocked, the sum of the BADGE lines the rewards service wrote (so it moves with the ledger, once per unlock).
 */
public record Learner(String userId, long xp, long diamonds, long badges, String timezone, Instant timezoneChangedAt,
                      Streak streak, Entitlement entitlement, Map<String, Long> held, Map<String, String> equipped) {
    public static final String STREAK_FREEZE = "streak-freeze";

    public Learner {
        held = Map.copyOf(held);
        equipped = Map.copyOf(equipped);
    }

    /** The learner item's attribute naming the cosmetic equipped in {@code slot} (frame, theme, title). */
    public static String equippedAttribute(String slot) {
        return "equipped:" + slot;
    }

    /** The learner item's attribute holding the count of shop item {@code itemId}. */
    public static String heldAttribute(String itemId) {
        return "held:" + itemId;
    }

    public long held(String itemId) {
        return held.getOrDefault(itemId, 0L);
    }

    public int freezes() {
        return (int) held(STREAK_FREEZE);
    }
}
