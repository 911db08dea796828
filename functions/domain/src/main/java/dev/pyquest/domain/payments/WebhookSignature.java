package dev.pyquest.domain.payments;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The payment provider's webhook signature, Stripe's documented scheme: the header
 * {@code Stripe-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>" under the endpoint secret>}
 * (several {@code v1} while a secret rotates; other schemes ignored). A body is accepted only when one {@code v1}
 * matches (compared in constant time) and {@code t} is within {@link #TOLERANCE} of now, in the past or the future:
 * a captured delivery cannot be replayed after five minutes, and the event id's dedupe covers the five minutes.
 */
public final class WebhookSignature {
    public static final String HEADER = "Stripe-Signature";
    public static final Duration TOLERANCE = Duration.ofSeconds(300);

    /** Why a delivery was refused; {@link #getMessage()} says it for the log and the 400's body. */
    public static final class Refused extends Exception {
        public Refused(String message) {
            super(message);
        }
    }

    private WebhookSignature() {}

    /** The header the provider (the local one, or a test) sends with {@code body} at {@code at}. */
    public static String header(byte[] secret, Instant at, byte[] body) {
        long t = at.getEpochSecond();
        return "t=" + t + ",v1=" + HexFormat.of().formatHex(hmac(secret, t, body));
    }

    /** Returns the signed timestamp when the delivery is authentic and fresh; throws {@link Refused} saying why not. */
    public static Instant verify(String header, byte[] body, byte[] secret, Instant now) throws Refused {
        if (secret == null || secret.length == 0) throw new IllegalStateException("no webhook secret configured");
        if (header == null || header.isBlank()) throw new Refused("no " + HEADER + " header");
        Long t = null;
        List<byte[]> signatures = new ArrayList<>();
        for (String part : header.split(",")) {
            int eq = part.indexOf('=');
            if (eq <= 0) throw new Refused(HEADER + " is malformed");
            String k = part.substring(0, eq).trim(), v = part.substring(eq + 1).trim();
            if (k.equals("t")) {
                if (t != null) throw new Refused(HEADER + " has two timestamps");
                try {
                    t = Long.parseLong(v);
                } catch (NumberFormatException e) {
                    throw new Refused(HEADER + " has a timestamp that is not a number");
                }
            } else if (k.equals("v1")) {
                if (v.length() != 64) continue; // not an HMAC-SHA256 in hex: matches nothing
                try {
                    signatures.add(HexFormat.of().parseHex(v));
                } catch (IllegalArgumentException e) {
                    // not hex: matches nothing
                }
            }
        }
        if (t == null) throw new Refused(HEADER + " has no timestamp");
        if (signatures.isEmpty()) throw new Refused(HEADER + " has no v1 signature");
        byte[] expected = hmac(secret, t, body);
        boolean match = false;
        for (byte[] s : signatures) match |= MessageDigest.isEqual(expected, s);
        if (!match) throw new Refused("the signature does not match the body");
        Instant signed = Instant.ofEpochSecond(t);
        if (signed.isBefore(now.minus(TOLERANCE))) throw new Refused("the signature is stale (signed " + signed + ", over "
                + TOLERANCE.toSeconds() + " s ago)");
        if (signed.isAfter(now.plus(TOLERANCE))) throw new Refused("the signature is from the future (signed " + signed + ")");
        return signed;
    }

    private static byte[] hmac(byte[] secret, long t, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update((t + ".").getBytes(StandardCharsets.US_ASCII));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
