package dev.pyquest.domain.payments;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Stripe's scheme: t + "." + body under HMAC-SHA256; 300 s either way; every way a forger or a replayer tries. */
class WebhookSignatureTest {
    private static final byte[] SECRET = "whsec_test_secret".getBytes(StandardCharsets.UTF_8);
    private static final byte[] BODY = "{\"id\":\"evt_1\",\"type\":\"checkout.session.completed\"}".getBytes(StandardCharsets.UTF_8);
    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");

    @Test
    void aFreshSignatureOfTheExactBodyIsAccepted() throws Exception {
        String h = WebhookSignature.header(SECRET, NOW.minusSeconds(10), BODY);
        assertEquals(NOW.minusSeconds(10), WebhookSignature.verify(h, BODY, SECRET, NOW));
    }

    @Test
    void aSignatureComputedOutsideJavaVerifies() throws Exception {
        // Computed independently with: printf '%s' "1700000000.{}" | openssl dgst -sha256 -hmac whsec_test_secret
        String h = "t=1700000000,v1=ceb8863f7208fa249a6cd8f951e993c7563412aca65866f6272283debe143ab3";
        WebhookSignature.verify(h, "{}".getBytes(StandardCharsets.UTF_8), SECRET, Instant.ofEpochSecond(1700000100));
    }

    @Test
    void aTamperedBodyIsRefused() {
        String h = WebhookSignature.header(SECRET, NOW, BODY);
        byte[] tampered = new String(BODY, StandardCharsets.UTF_8).replace("evt_1", "evt_2").getBytes(StandardCharsets.UTF_8);
        refused(h, tampered, SECRET, "does not match");
        byte[] longer = (new String(BODY, StandardCharsets.UTF_8) + " ").getBytes(StandardCharsets.UTF_8);
        refused(h, longer, SECRET, "does not match");
    }

    @Test
    void anotherSecretIsRefused() {
        String h = WebhookSignature.header("whsec_other".getBytes(StandardCharsets.UTF_8), NOW, BODY);
        refused(h, BODY, SECRET, "does not match");
    }

    @Test
    void aStaleOrFutureSignatureIsRefusedEvenWhenAuthentic() throws Exception {
        refused(WebhookSignature.header(SECRET, NOW.minusSeconds(301), BODY), BODY, SECRET, "stale");
        refused(WebhookSignature.header(SECRET, NOW.plusSeconds(301), BODY), BODY, SECRET, "future");
        WebhookSignature.verify(WebhookSignature.header(SECRET, NOW.minusSeconds(300), BODY), BODY, SECRET, NOW);
        WebhookSignature.verify(WebhookSignature.header(SECRET, NOW.plusSeconds(300), BODY), BODY, SECRET, NOW);
    }

    @Test
    void aReplayedTimestampWithTheOldSignatureDoesNotMatch() {
        // Moving t forward to dodge the tolerance breaks the HMAC, which covers t.
        String old = WebhookSignature.header(SECRET, NOW.minusSeconds(3600), BODY);
        String moved = old.replace("t=" + NOW.minusSeconds(3600).getEpochSecond(), "t=" + NOW.getEpochSecond());
        refused(moved, BODY, SECRET, "does not match");
    }

    @Test
    void malformedHeadersAreRefused() {
        String good = WebhookSignature.header(SECRET, NOW, BODY);
        String v1 = good.substring(good.indexOf("v1="));
        refused(null, BODY, SECRET, "no Stripe-Signature");
        refused("", BODY, SECRET, "no Stripe-Signature");
        refused(v1, BODY, SECRET, "no timestamp");
        refused("t=" + NOW.getEpochSecond(), BODY, SECRET, "no v1");
        refused("t=abc," + v1, BODY, SECRET, "not a number");
        refused("t=1,t=2," + v1, BODY, SECRET, "two timestamps");
        refused("garbage", BODY, SECRET, "malformed");
        refused("t=" + NOW.getEpochSecond() + ",v0=" + v1.substring(3), BODY, SECRET, "no v1");   // only the v1 scheme counts
        refused("t=" + NOW.getEpochSecond() + ",v1=zz", BODY, SECRET, "no v1");
    }

    @Test
    void oneMatchingSignatureAmongSeveralIsEnoughWhileASecretRotates() throws Exception {
        String other = WebhookSignature.header("whsec_old".getBytes(StandardCharsets.UTF_8), NOW, BODY);
        String good = WebhookSignature.header(SECRET, NOW, BODY);
        WebhookSignature.verify(other + "," + good.substring(good.indexOf("v1=")), BODY, SECRET, NOW);
    }

    private static void refused(String header, byte[] body, byte[] secret, String why) {
        WebhookSignature.Refused e = assertThrows(WebhookSignature.Refused.class, () -> WebhookSignature.verify(header, body, secret, NOW));
        assertTrue(e.getMessage().contains(why), e.getMessage());
    }
}
