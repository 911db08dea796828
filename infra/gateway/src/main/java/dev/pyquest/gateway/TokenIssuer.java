package dev.pyquest.gateway;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Issues RS256 tokens shaped like a Cognito user pool's ID token: header {@code kid}, claims {@code iss},
 * {@code aud}, {@code sub}, {@code iat}, {@code nbf}, {@code exp}, {@code jti} and {@code cognito:groups}.
 * Local stack only; never deployed.
 */
public final class TokenIssuer {
    /** The claim Cognito puts a user's groups in. */
    public static final String GROUPS_CLAIM = "cognito:groups";

    private final JwtKeys keys;
    private final String issuer;
    private final String audience;
    private final Clock clock;

    public TokenIssuer(JwtKeys keys, String issuer, String audience, Clock clock) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.issuer = requireText(issuer, "issuer");
        this.audience = requireText(audience, "audience");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * A signed token for {@code sub}, valid from now (whole seconds) for {@code ttl}. {@code groups} may be null
     * or empty: the {@code cognito:groups} claim is then left out, as Cognito does for users in no group.
     */
    public String issue(String sub, List<String> groups, Duration ttl) {
        return issue(sub, groups, null, ttl);
    }

    /**
     * As {@link #issue(String, List, Duration)}, with a {@code country} claim when {@code country} is given: the local
     * stack's trusted source of the learner's country (prices), standing in for the edge's viewer-country header.
     */
    public String issue(String sub, List<String> groups, String country, Duration ttl) {
        requireText(sub, "sub");
        Objects.requireNonNull(ttl, "ttl");
        if (ttl.isNegative() || ttl.isZero()) throw new IllegalArgumentException("ttl must be positive");
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .audience(audience)
                .subject(sub)
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(ttl)))
                .jwtID(UUID.randomUUID().toString());
        if (groups != null && !groups.isEmpty()) {
            groups.forEach(g -> Objects.requireNonNull(g, "group"));
            claims.claim(GROUPS_CLAIM, List.copyOf(groups));
        }
        if (country != null) claims.claim("country", country);
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(keys.kid()).type(JOSEObjectType.JWT).build(),
                claims.build());
        try {
            jwt.sign(new RSASSASigner(keys.signingKey()));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a token", e);
        }
        return jwt.serialize();
    }

    JwtKeys keys() {
        return keys;
    }

    public String issuer() {
        return issuer;
    }

    public String audience() {
        return audience;
    }

    private static String requireText(String s, String what) {
        if (s == null || s.isBlank()) throw new IllegalArgumentException(what + " must not be blank");
        return s;
    }
}
