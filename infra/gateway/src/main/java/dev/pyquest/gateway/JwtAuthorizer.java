package dev.pyquest.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.Header;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;

import java.io.IOException;
import java.math.BigDecimal;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The checks API Gateway's HTTP API JWT authorizer makes, against a fixed JWKS:
 * <ol>
 * <li>{@code Authorization: Bearer <token>} (scheme case-insensitive);</li>
 * <li>a JWS in compact form; unsigned ({@code alg: none}) tokens and JWEs are refused;</li>
 * <li>header {@code alg} exactly {@code RS256} (so HS256 "signed" with the public key, ES256, PS256... are refused);</li>
 * <li>header {@code kid} names an RSA signing key of the JWKS, and the signature verifies with that key;</li>
 * <li>{@code iss} equals the issuer; {@code aud} (string or array) contains the audience, or, only when there is no
 * {@code aud}, {@code client_id} equals it (as API Gateway does);</li>
 * <li>{@code exp} present and after now; {@code nbf} and {@code iat}, when present, not after now;</li>
 * <li>{@code sub} present, a non-empty string (our addition: handlers key everything on it).</li>
 * </ol>
 * Clock skew: none. Times are NumericDates (seconds), so a token issued during the current second is valid, and
 * one whose {@code exp} is the current second is expired. Issuer and verifier share the host clock locally.
 */
public final class JwtAuthorizer {
    /** The project's one configuration: it refuses repeated keys (one token, one meaning). */
    private static final ObjectMapper JSON = dev.pyquest.domain.Json.MAPPER;

    private final Map<String, RSAPublicKey> keysById;
    private final String issuer;
    private final String audience;
    private final Clock clock;

    public JwtAuthorizer(String jwksJson, String issuer, String audience, Clock clock) {
        this.keysById = rsaSigningKeys(Objects.requireNonNull(jwksJson, "jwksJson"));
        this.issuer = requireText(issuer, "issuer");
        this.audience = requireText(audience, "audience");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public JwtAuthorizer(JwtKeys keys, String issuer, String audience, Clock clock) {
        this(Objects.requireNonNull(keys, "keys").jwksJson(), issuer, audience, clock);
    }

    /**
     * Checks the {@code Authorization} header value (may be null) and returns the token's claims with their JSON
     * types (String, Boolean, Integer/Long/BigInteger, Double, List, Map), in token order, unmodifiable.
     */
    public Map<String, Object> authorize(String authorizationHeader) throws Unauthorized {
        JWSObject jws = parse(bearerToken(authorizationHeader));

        JWSHeader header = jws.getHeader();
        if (!JWSAlgorithm.RS256.equals(header.getAlgorithm())) {
            throw new Unauthorized("token algorithm must be RS256");
        }
        String kid = header.getKeyID();
        if (kid == null) throw new Unauthorized("token has no kid");
        RSAPublicKey key = keysById.get(kid);
        if (key == null) throw new Unauthorized("token kid is not in the key set");
        if (header.getCriticalParams() != null && !header.getCriticalParams().isEmpty()) {
            throw new Unauthorized("token has critical headers we do not support");
        }
        boolean verified;
        try {
            verified = jws.verify(new RSASSAVerifier(key));
        } catch (JOSEException | RuntimeException e) {
            verified = false;
        }
        if (!verified) throw new Unauthorized("token signature is invalid");

        JsonNode claims;
        try {
            claims = JSON.readTree(jws.getPayload().toBytes());
        } catch (IOException e) {
            throw new Unauthorized("token claims are not JSON");
        }
        if (claims == null || !claims.isObject()) throw new Unauthorized("token claims are not a JSON object");

        JsonNode iss = claims.get("iss");
        if (iss == null || !iss.isTextual() || !iss.textValue().equals(issuer)) {
            throw new Unauthorized("the token does not have a valid issuer");
        }
        if (!audienceMatches(claims)) throw new Unauthorized("the token does not have a valid audience");

        Instant now = clock.instant();
        JsonNode exp = claims.get("exp");
        if (exp == null) throw new Unauthorized("token has no exp");
        if (!now.isBefore(numericDate(exp, "exp"))) throw new Unauthorized("token expired");
        JsonNode nbf = claims.get("nbf");
        if (nbf != null && numericDate(nbf, "nbf").isAfter(now)) throw new Unauthorized("token not valid yet (nbf)");
        JsonNode iat = claims.get("iat");
        if (iat != null && numericDate(iat, "iat").isAfter(now)) throw new Unauthorized("token issued in the future (iat)");

        JsonNode sub = claims.get("sub");
        if (sub == null || !sub.isTextual() || sub.textValue().isEmpty()) throw new Unauthorized("token has no sub");

        @SuppressWarnings("unchecked")
        Map<String, Object> map = JSON.convertValue(claims, LinkedHashMap.class);
        return Collections.unmodifiableMap(map);
    }

    private static String bearerToken(String authorization) throws Unauthorized {
        if (authorization == null || authorization.isBlank()) {
            throw new Unauthorized("missing Authorization header", false);
        }
        String h = authorization.strip();
        int sp = h.indexOf(' ');
        if (sp < 0 || !h.substring(0, sp).equalsIgnoreCase("Bearer")) {
            throw new Unauthorized("Authorization header is not a Bearer token");
        }
        String token = h.substring(sp + 1).strip();
        if (token.isEmpty()) throw new Unauthorized("Authorization header has an empty Bearer token");
        return token;
    }

    private static JWSObject parse(String token) throws Unauthorized {
        try {
            return JWSObject.parse(token);
        } catch (ParseException | RuntimeException e) {
            try {
                int dot = token.indexOf('.');
                if (dot > 0 && Header.parse(new Base64URL(token.substring(0, dot))) instanceof PlainHeader) {
                    throw new Unauthorized("unsigned tokens (alg none) are refused");
                }
            } catch (ParseException | RuntimeException ignored) {
                // fall through to the generic message
            }
            throw new Unauthorized("token is not a signed JWT");
        }
    }

    private boolean audienceMatches(JsonNode claims) {
        JsonNode aud = claims.get("aud");
        if (aud != null) {
            if (aud.isTextual()) return aud.textValue().equals(audience);
            if (aud.isArray()) {
                for (JsonNode a : aud) if (a.isTextual() && a.textValue().equals(audience)) return true;
            }
            return false;
        }
        JsonNode clientId = claims.get("client_id");
        return clientId != null && clientId.isTextual() && clientId.textValue().equals(audience);
    }

    private static Instant numericDate(JsonNode node, String name) throws Unauthorized {
        if (!node.isNumber()) throw new Unauthorized("token " + name + " is not a number");
        BigDecimal seconds = node.decimalValue();
        if (seconds.compareTo(BigDecimal.valueOf(Instant.MAX.getEpochSecond())) >= 0) return Instant.MAX;
        if (seconds.compareTo(BigDecimal.valueOf(Instant.MIN.getEpochSecond())) <= 0) return Instant.MIN;
        long whole = seconds.longValue();
        long nanos = seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).longValue();
        return Instant.ofEpochSecond(whole, nanos);
    }

    private static Map<String, RSAPublicKey> rsaSigningKeys(String jwksJson) {
        JWKSet set;
        try {
            set = JWKSet.parse(jwksJson);
        } catch (ParseException e) {
            throw new IllegalArgumentException("not a JWKS document", e);
        }
        Map<String, RSAPublicKey> keys = new HashMap<>();
        for (JWK jwk : set.getKeys()) {
            if (!(jwk instanceof RSAKey rsa) || jwk.getKeyID() == null) continue;
            if (jwk.getKeyUse() != null && !KeyUse.SIGNATURE.equals(jwk.getKeyUse())) continue;
            if (jwk.getAlgorithm() != null && !JWSAlgorithm.RS256.equals(jwk.getAlgorithm())) continue;
            try {
                keys.putIfAbsent(jwk.getKeyID(), rsa.toRSAPublicKey());
            } catch (JOSEException e) {
                throw new IllegalArgumentException("bad RSA key " + jwk.getKeyID(), e);
            }
        }
        if (keys.isEmpty()) throw new IllegalArgumentException("the JWKS has no RSA signing key with a kid");
        return Map.copyOf(keys);
    }

    private static String requireText(String s, String what) {
        if (s == null || s.isBlank()) throw new IllegalArgumentException(what + " must not be blank");
        return s;
    }

    // ---- how API Gateway hands the claims to the integration ----

    /**
     * The claims as an HTTP API JWT authorizer puts them in {@code requestContext.authorizer.jwt.claims}: every
     * top-level claim as a string. Strings as they are; numbers in plain decimal ({@code "1612061676"});
     * booleans {@code "true"}/{@code "false"}; arrays Go-style, elements space-separated in brackets
     * ({@code ["learner","admin"]} → {@code "[learner admin]"}); objects as Go maps with sorted keys
     * ({@code "map[city:Seattle]"}); null as {@code "<nil>"}. The array rendering is what AWS is observed to
     * send (it is not documented); the object and null renderings follow the same Go formatting.
     */
    public static Map<String, String> eventClaims(Map<String, Object> claims) {
        Map<String, String> out = new LinkedHashMap<>();
        claims.forEach((k, v) -> out.put(k, render(v)));
        return out;
    }

    /**
     * {@code requestContext.authorizer.jwt.scopes}: the {@code scope} claim split on spaces, else the {@code scp}
     * claim (array or space-separated string), else null (as AWS sends when the token has no scopes).
     */
    public static List<String> scopes(Map<String, Object> claims) {
        Object scope = claims.containsKey("scope") ? claims.get("scope") : claims.get("scp");
        List<String> out = new ArrayList<>();
        if (scope instanceof String s) {
            for (String p : s.trim().split("\\s+")) if (!p.isEmpty()) out.add(p);
        } else if (scope instanceof List<?> l) {
            for (Object o : l) if (o instanceof String s && !s.isEmpty()) out.add(s);
        } else {
            return null;
        }
        return out.isEmpty() ? null : out;
    }

    private static String render(Object v) {
        if (v == null) return "<nil>";
        if (v instanceof String s) return s;
        if (v instanceof BigDecimal d) return d.stripTrailingZeros().toPlainString();
        if (v instanceof Double d) {
            return d == Math.rint(d) && !d.isInfinite() && Math.abs(d) < 1e15
                    ? Long.toString(d.longValue()) : BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
        }
        if (v instanceof List<?> l) {
            StringBuilder b = new StringBuilder("[");
            for (Iterator<?> it = l.iterator(); it.hasNext(); ) {
                b.append(render(it.next()));
                if (it.hasNext()) b.append(' ');
            }
            return b.append(']').toString();
        }
        if (v instanceof Map<?, ?> m) {
            StringBuilder b = new StringBuilder("map[");
            Map<String, Object> sorted = new TreeMap<>();
            m.forEach((k, x) -> sorted.put(String.valueOf(k), x));
            for (Iterator<Map.Entry<String, Object>> it = sorted.entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<String, Object> e = it.next();
                b.append(e.getKey()).append(':').append(render(e.getValue()));
                if (it.hasNext()) b.append(' ');
            }
            return b.append(']').toString();
        }
        return String.valueOf(v); // Integer, Long, BigInteger, Boolean
    }
}
