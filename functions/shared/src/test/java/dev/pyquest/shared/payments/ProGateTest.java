package dev.pyquest.shared.payments;

import dev.pyquest.domain.Json;
import dev.pyquest.domain.payments.Entitlement;
import dev.pyquest.shared.testing.RecordingDynamo;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one Pro gate: a "yes" remembered at most 60 s and never past the expiry, a "no" never remembered, forget at once. */
class ProGateTest {
    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");
    private final AtomicReference<Entitlement> stored = new AtomicReference<>(Entitlement.NONE);
    private final RecordingDynamo dynamo = new RecordingDynamo(r -> {
        try {
            return Map.of("userId", AttributeValue.fromS("u1"), "entitlement", AttributeValue.fromS(Json.MAPPER.writeValueAsString(stored.get())),
                    "entitlementVersion", AttributeValue.fromN("1"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    });
    private final AtomicReference<Instant> now = new AtomicReference<>(NOW);
    private final Clock clock = new Clock() {
        public java.time.ZoneId getZone() { return ZoneOffset.UTC; }
        public Clock withZone(java.time.ZoneId z) { return this; }
        public Instant instant() { return now.get(); }
    };
    private final ProGate gate = new ProGate(new PaymentsRepository(dynamo.client(), "Payments", "Learners", "Ledger"), clock);

    private long reads() {
        return dynamo.requests.stream().filter(r -> r instanceof GetItemRequest).count();
    }

    @Test
    void aNoIsNeverRememberedSoAPaymentOpensTheGateAtOnce() {
        assertFalse(gate.allows("u1"));
        assertFalse(gate.allows("u1"));
        assertEquals(2, reads());
        stored.set(Entitlement.NONE.paid("c-1", "pro-monthly", NOW.plusSeconds(30L * 86400), NOW));
        assertTrue(gate.allows("u1"));
    }

    @Test
    void aYesIsRememberedForAMinuteThenReadAgain() {
        stored.set(Entitlement.NONE.paid("c-1", "pro-monthly", NOW.plusSeconds(30L * 86400), NOW));
        assertTrue(gate.allows("u1"));
        long r = reads();
        stored.set(stored.get().ended("c-1", "pro-monthly", NOW));
        assertTrue(gate.allows("u1"), "remembered");
        assertEquals(r, reads(), "no read while remembered");
        now.set(NOW.plus(ProGate.REMEMBER));
        assertFalse(gate.allows("u1"), "read again after REMEMBER: the cancellation shows");
    }

    @Test
    void aYesIsNeverRememberedPastTheEntitlementsExpiry() {
        stored.set(Entitlement.NONE.paid("c-1", "pro-monthly", NOW.plusSeconds(5), NOW));
        assertTrue(gate.allows("u1"));
        now.set(NOW.plusSeconds(5));
        assertFalse(gate.allows("u1"));
    }

    @Test
    void forgetDropsWhatWasRemembered() {
        stored.set(Entitlement.NONE.paid("c-1", "pro-monthly", NOW.plusSeconds(30L * 86400), NOW));
        assertTrue(gate.allows("u1"));
        stored.set(stored.get().ended("c-1", "pro-monthly", NOW));
        gate.forget("u1");
        assertFalse(gate.allows("u1"));
    }

    @Test
    void aRecordTheCallerHasJustReadIsNotReadAgain() {
        Entitlement pro = Entitlement.NONE.paid("c-1", "pro-monthly", NOW.plusSeconds(30L * 86400), NOW);
        assertFalse(gate.allows("u1", Entitlement.NONE));
        assertTrue(gate.allows("u1", pro));
        assertEquals(0, reads(), "the gate used the record it was given");
        assertTrue(gate.allows("u1"), "and remembers the yes");
        assertEquals(0, reads());
    }
}
