package dev.pyquest.gateway;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.RSASSASigner;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Helpers to forge tokens with arbitrary headers and claims, and a clock tests can move. */
final class TestTokens {
    static final String ISSUER = "https://auth.pyquest.local";
    static final String AUDIENCE = "pyquest-local";
    static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    private TestTokens() {}

    static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void set(Instant now) {
            this.now = now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override public ZoneId getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(ZoneId zone) { return this; }
        @Override public Instant instant() { return now; }
    }

    /** Claims that pass every check at {@link #T0}; tests change one thing. */
    static Map<String, Object> validClaims(String sub) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("iss", ISSUER);
        c.put("aud", AUDIENCE);
        c.put("sub", sub);
        c.put("iat", T0.getEpochSecond());
        c.put("nbf", T0.getEpochSecond());
        c.put("exp", T0.getEpochSecond() + 3600);
        c.put("jti", "test");
        c.put("cognito:groups", List.of("learner"));
        return c;
    }

    static String sign(JWSSigner signer, JWSAlgorithm alg, String kid, Map<String, Object> claims) {
        JWSHeader.Builder h = new JWSHeader.Builder(alg);
        if (kid != null) h.keyID(kid);
        JWSObject jws = new JWSObject(h.build(), new Payload(Json.write(claims)));
        try {
            jws.sign(signer);
        } catch (JOSEException e) {
            throw new AssertionError(e);
        }
        return jws.serialize();
    }

    static String rs256(JwtKeys keys, Map<String, Object> claims) {
        try {
            return sign(new RSASSASigner(keys.signingKey()), JWSAlgorithm.RS256, keys.kid(), claims);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static String b64url(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
