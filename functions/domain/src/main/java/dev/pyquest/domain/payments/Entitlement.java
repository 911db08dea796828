package dev.pyquest.domain.payments;

import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A learner's one entitlement record (RevenueCat's model: access decoupled from what was bought): each Pro
 * subscription's state as the provider's events left it, and an operator's grant. Written only by payment events and
 * the operator; read by the one Pro gate. Pro is active while a subscription that has not ended, or the grant, runs
 * past now: expiry is enforced by time, whether or not a cancellation ever arrives.
 *
 * <p>The provider delivers events at least once and in any order, so every transition is order-independent:
 * <ul>
 *   <li>a period end only grows ({@code max}): a renewal paid is paid, whenever its event arrives;</li>
 *   <li>{@code ENDED} (cancelled, refunded, charged back) is final: a creation or renewal event that arrives after the
 *       cancellation does not turn Pro back on (the provider starts a new subscription for a new purchase);</li>
 *   <li>between {@code ACTIVE} and {@code PAST_DUE}, the event created last wins, whatever the order of arrival.</li>
 * </ul>
 * A redelivered event is dropped before it gets here (the event id's conditional write), and applying one twice
 * changes nothing anyway.
 */
public record Entitlement(Map<String, Subscription> subscriptions, Instant grantedUntil, String grantedBy) {
    public static final Entitlement NONE = new Entitlement(Map.of(), null, null);

    public enum Status { ACTIVE, PAST_DUE, ENDED }

    /** One subscription: {@code statusAt}, the provider time of the event that set its status. */
    public record Subscription(String id, String product, Status status, Instant periodEnd, Instant statusAt, Instant endedAt) {}

    /** What the gate and {@code GET /me/entitlements} read: {@code source} "subscription" or "grant", null when none. */
    public record Pro(boolean active, String source, String product, Instant expiresAt) {}

    public Entitlement {
        subscriptions = Map.copyOf(subscriptions == null ? Map.of() : subscriptions);
    }

    /** A checkout for Pro completed (or a renewal paid): the subscription runs to at least {@code periodEnd}. */
    public Entitlement paid(String subscriptionId, String product, Instant periodEnd, Instant at) {
        Subscription s = subscriptions.get(subscriptionId);
        if (s == null) return with(new Subscription(subscriptionId, product, Status.ACTIVE, periodEnd, at, null));
        Instant end = later(s.periodEnd(), periodEnd);
        if (s.status() == Status.ENDED) return with(new Subscription(s.id(), s.product(), Status.ENDED, end, s.statusAt(), s.endedAt()));
        boolean newer = !at.isBefore(s.statusAt());
        return with(new Subscription(s.id(), s.product(), newer ? Status.ACTIVE : s.status(), end, newer ? at : s.statusAt(), null));
    }

    /** A renewal's payment failed: the learner keeps what was paid for (to the period end) while the provider retries. */
    public Entitlement paymentFailed(String subscriptionId, String product, Instant at) {
        Subscription s = subscriptions.get(subscriptionId);
        if (s == null) return with(new Subscription(subscriptionId, product, Status.PAST_DUE, null, at, null));
        if (s.status() == Status.ENDED || at.isBefore(s.statusAt())) return this;
        return with(new Subscription(s.id(), s.product(), Status.PAST_DUE, s.periodEnd(), at, null));
    }

    /** Cancelled, refunded or charged back: Pro from this subscription ends now, for good. */
    public Entitlement ended(String subscriptionId, String product, Instant at) {
        Subscription s = subscriptions.get(subscriptionId);
        if (s == null) return with(new Subscription(subscriptionId, product, Status.ENDED, null, at, at));
        if (s.status() == Status.ENDED) return this;
        return with(new Subscription(s.id(), s.product(), Status.ENDED, s.periodEnd(), at, at));
    }

    /** An operator's grant of Pro until {@code until} (replaces an earlier grant). */
    public Entitlement granted(Instant until, String by) {
        return new Entitlement(subscriptions, until, by);
    }

    public Pro pro(Instant now) {
        Optional<Subscription> best = subscriptions.values().stream()
                .filter(s -> s.status() != Status.ENDED && s.periodEnd() != null && s.periodEnd().isAfter(now))
                .max(Comparator.comparing(Subscription::periodEnd));
        boolean grant = grantedUntil != null && grantedUntil.isAfter(now);
        if (best.isPresent() && (!grant || !grantedUntil.isAfter(best.get().periodEnd()))) {
            return new Pro(true, "subscription", best.get().product(), best.get().periodEnd());
        }
        if (grant) return new Pro(true, "grant", null, grantedUntil);
        return new Pro(false, null, null, null);
    }

    private Entitlement with(Subscription s) {
        Map<String, Subscription> m = new LinkedHashMap<>(subscriptions);
        m.put(s.id(), s);
        return new Entitlement(m, grantedUntil, grantedBy);
    }

    private static Instant later(Instant a, Instant b) {
        if (a == null) return b;
        if (b == null) return a;
        return a.isAfter(b) ? a : b;
    }
}
