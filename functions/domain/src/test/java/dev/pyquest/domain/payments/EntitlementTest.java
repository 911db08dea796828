package dev.pyquest.domain.payments;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The entitlement state machine under every order of arrival of its events, and expiry by time. */
class EntitlementTest {
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final Instant PERIOD1 = T0.plusSeconds(30L * 86400);
    private static final Instant PERIOD2 = PERIOD1.plusSeconds(30L * 86400);
    private static final String SUB = "sub_1";

    private static final UnaryOperator<Entitlement> STARTED = e -> e.paid(SUB, "pro-monthly", PERIOD1, T0);
    private static final UnaryOperator<Entitlement> RENEWED = e -> e.paid(SUB, "pro-monthly", PERIOD2, T0.plusSeconds(1000));
    private static final UnaryOperator<Entitlement> FAILED_BEFORE_RENEWAL = e -> e.paymentFailed(SUB, "pro-monthly", T0.plusSeconds(500));
    private static final UnaryOperator<Entitlement> FAILED_AFTER_RENEWAL = e -> e.paymentFailed(SUB, "pro-monthly", T0.plusSeconds(2000));
    private static final UnaryOperator<Entitlement> CANCELLED = e -> e.ended(SUB, "pro-monthly", T0.plusSeconds(3000));

    @Test
    void aCancellationInAnyOrderLeavesProOffForGood() {
        for (List<UnaryOperator<Entitlement>> order : permutations(List.of(STARTED, RENEWED, FAILED_BEFORE_RENEWAL, CANCELLED))) {
            Entitlement e = apply(order);
            assertEquals(Entitlement.Status.ENDED, e.subscriptions().get(SUB).status());
            assertFalse(e.pro(T0.plusSeconds(4000)).active(), "a cancellation before the creation must not leave Pro on");
        }
    }

    @Test
    void renewalsAndFailuresInAnyOrderEndOnTheLatestPeriodAndTheLatestStatus() {
        for (List<UnaryOperator<Entitlement>> order : permutations(List.of(STARTED, FAILED_BEFORE_RENEWAL, RENEWED))) {
            Entitlement e = apply(order);
            Entitlement.Subscription s = e.subscriptions().get(SUB);
            assertEquals(PERIOD2, s.periodEnd());
            assertEquals(Entitlement.Status.ACTIVE, s.status(), "the renewal came after the failure");
            assertEquals(new Entitlement.Pro(true, "subscription", "pro-monthly", PERIOD2), e.pro(PERIOD1.plusSeconds(1)));
        }
        for (List<UnaryOperator<Entitlement>> order : permutations(List.of(STARTED, RENEWED, FAILED_AFTER_RENEWAL))) {
            Entitlement e = apply(order);
            assertEquals(Entitlement.Status.PAST_DUE, e.subscriptions().get(SUB).status());
            assertTrue(e.pro(PERIOD2.minusSeconds(1)).active(), "what was paid for runs to its period end while the provider retries");
        }
    }

    @Test
    void everyEventAppliedTwiceChangesNothingMore() {
        for (UnaryOperator<Entitlement> ev : List.of(STARTED, RENEWED, FAILED_BEFORE_RENEWAL, FAILED_AFTER_RENEWAL, CANCELLED)) {
            Entitlement once = ev.apply(STARTED.apply(Entitlement.NONE));
            assertEquals(once, ev.apply(once));
        }
    }

    @Test
    void proExpiresByTimeWithoutAnyEvent() {
        Entitlement e = STARTED.apply(Entitlement.NONE);
        assertTrue(e.pro(PERIOD1.minusSeconds(1)).active());
        Entitlement.Pro after = e.pro(PERIOD1);
        assertFalse(after.active());
        assertNull(after.source());
        assertNull(after.expiresAt());
    }

    @Test
    void aFailedPaymentAloneGrantsNothing() {
        assertFalse(FAILED_BEFORE_RENEWAL.apply(Entitlement.NONE).pro(T0).active());
    }

    @Test
    void anOperatorGrantAndASubscriptionTheLaterExpiryWins() {
        Entitlement sub = STARTED.apply(Entitlement.NONE);
        Entitlement shortGrant = sub.granted(T0.plusSeconds(86400), "support");
        assertEquals("subscription", shortGrant.pro(T0).source());
        Entitlement longGrant = sub.granted(PERIOD2, "support");
        assertEquals(new Entitlement.Pro(true, "grant", null, PERIOD2), longGrant.pro(T0));
        assertEquals("grant", CANCELLED.apply(longGrant).pro(T0.plusSeconds(4000)).source(), "a grant is not ended by a subscription's cancellation");
    }

    @Test
    void twoSubscriptionsEachKeepTheirOwnState() {
        Entitlement e = STARTED.apply(Entitlement.NONE).paid("sub_2", "pro-yearly", PERIOD2, T0).ended(SUB, "pro-monthly", T0.plusSeconds(10));
        assertEquals(new Entitlement.Pro(true, "subscription", "pro-yearly", PERIOD2), e.pro(T0.plusSeconds(20)));
    }

    private static Entitlement apply(List<UnaryOperator<Entitlement>> events) {
        Entitlement e = Entitlement.NONE;
        for (UnaryOperator<Entitlement> ev : events) e = ev.apply(e);
        return e;
    }

    private static <T> List<List<T>> permutations(List<T> items) {
        if (items.isEmpty()) return List.of(List.of());
        List<List<T>> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            List<T> rest = new ArrayList<>(items);
            T first = rest.remove(i);
            for (List<T> p : permutations(rest)) {
                List<T> l = new ArrayList<>();
                l.add(first);
                l.addAll(p);
                out.add(l);
            }
        }
        return out;
    }
}
