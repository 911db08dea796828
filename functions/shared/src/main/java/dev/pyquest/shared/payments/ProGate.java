package dev.pyquest.shared.payments;

import dev.pyquest.domain.payments.Entitlement;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one Pro gate: every Pro feature (walkthroughs, premium activities, and what comes next) asks {@link #allows};
 * {@code GET /me} and {@code GET /me/entitlements} answer from the same record and rule ({@link #pro}, always read).
 *
 * <p>{@link #allows} remembers a "yes" for at most {@link #REMEMBER} (never past the entitlement's own expiry), so a
 * Pro learner's gated requests cost no read; a "no" is never remembered, so a learner who has just paid is let in at
 * once. The price: a cancellation or a refund closes Pro features within {@link #REMEMBER} in AWS (each container
 * remembers on its own); the webhook's own container, and the local stack (one process), forget at once
 * ({@link #forget}).
 */
public final class ProGate {
    public static final Duration REMEMBER = Duration.ofSeconds(60);
    private static final int MAX_REMEMBERED = 50_000;

    private final PaymentsRepository repo;
    private final Clock clock;
    private final ConcurrentHashMap<String, Instant> yesUntil = new ConcurrentHashMap<>();

    public ProGate(PaymentsRepository repo, Clock clock) {
        this.repo = repo;
        this.clock = clock;
    }

    /** The learner's Pro as the record says now (a read each time). */
    public Entitlement.Pro pro(String userId) {
        return repo.entitlement(userId).entitlement().pro(clock.instant());
    }

    /** Whether the learner may use a Pro feature. */
    public boolean allows(String userId) {
        return allows(userId, null);
    }

    /**
     * As {@link #allows(String)}, for a caller that has just read the learner's item: {@code read} is its entitlement
     * record, so the gate reads nothing more (null: the gate reads it itself).
     */
    public boolean allows(String userId, Entitlement read) {
        Instant now = clock.instant();
        Instant until = yesUntil.get(userId);
        if (until != null && now.isBefore(until)) return true;
        Entitlement.Pro p = read != null ? read.pro(now) : pro(userId);
        if (!p.active()) {
            yesUntil.remove(userId);
            return false;
        }
        if (yesUntil.size() >= MAX_REMEMBERED) yesUntil.values().removeIf(t -> !now.isBefore(t));
        if (yesUntil.size() < MAX_REMEMBERED) {
            Instant remember = now.plus(REMEMBER);
            yesUntil.put(userId, p.expiresAt().isBefore(remember) ? p.expiresAt() : remember);
        }
        return true;
    }

    /** Drops what this process remembers of {@code userId} (their entitlement has just changed). */
    public void forget(String userId) {
        if (userId != null) yesUntil.remove(userId);
    }
}
