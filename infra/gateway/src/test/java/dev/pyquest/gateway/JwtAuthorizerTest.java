package dev.pyquest.gateway;

import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.pyquest.gateway.TestTokens.*;
import static org.junit.jupiter.api.Assertions.*;

class JwtAuthorizerTest {
    static JwtKeys keys;
    static List<HostileTokens.Case> hostile;

    @BeforeAll
    static void keys() throws Exception {
        keys = JwtKeys.generate();
        hostile = HostileTokens.cases(keys);
    }

    static List<HostileTokens.Case> hostile() {
        return hostile;
    }

    private static JwtAuthorizer authorizer(MutableClock clock) {
        return new JwtAuthorizer(keys, ISSUER, AUDIENCE, clock);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostile")
    void refuses(HostileTokens.Case c) {
        Unauthorized u = assertThrows(Unauthorized.class, () -> authorizer(new MutableClock(T0)).authorize(c.authorization()));
        assertEquals(c.reason(), u.getMessage());
    }

    @Test
    void acceptsIssuedTokenAndReturnsTypedClaims() throws Exception {
        MutableClock clock = new MutableClock(T0.plusMillis(750));
        TokenIssuer issuer = new TokenIssuer(keys, ISSUER, AUDIENCE, clock);
        String token = issuer.issue("learner-1", List.of("learner", "admin"), Duration.ofHours(1));

        SignedJWT jwt = SignedJWT.parse(token);
        assertEquals("RS256", jwt.getHeader().getAlgorithm().getName());
        assertEquals(keys.kid(), jwt.getHeader().getKeyID());
        assertNotNull(jwt.getJWTClaimsSet().getJWTID());

        Map<String, Object> claims = authorizer(clock).authorize("Bearer " + token);
        assertEquals("learner-1", claims.get("sub"));
        assertEquals(ISSUER, claims.get("iss"));
        assertEquals(List.of("learner", "admin"), claims.get("cognito:groups"));
        assertEquals(T0.getEpochSecond(), ((Number) claims.get("iat")).longValue());
        assertEquals(T0.getEpochSecond(), ((Number) claims.get("nbf")).longValue());
        assertEquals(T0.getEpochSecond() + 3600, ((Number) claims.get("exp")).longValue());
        assertThrows(UnsupportedOperationException.class, () -> claims.put("sub", "x"));

        // lower-case scheme and extra spaces are fine
        assertEquals("learner-1", authorizer(clock).authorize("  bearer   " + token + " ").get("sub"));
    }

    @Test
    void noClockSkew() throws Exception {
        MutableClock clock = new MutableClock(T0);
        String token = new TokenIssuer(keys, ISSUER, AUDIENCE, clock).issue("learner-1", null, Duration.ofSeconds(60));
        JwtAuthorizer authorizer = authorizer(clock);
        authorizer.authorize("Bearer " + token); // issued this second: valid at once
        clock.set(T0.plusSeconds(59).plusMillis(999));
        authorizer.authorize("Bearer " + token);
        clock.set(T0.plusSeconds(60));
        assertEquals("token expired", assertThrows(Unauthorized.class, () -> authorizer.authorize("Bearer " + token)).getMessage());
        clock.set(T0.minusMillis(1)); // one millisecond before nbf/iat
        assertEquals("token not valid yet (nbf)",
                assertThrows(Unauthorized.class, () -> authorizer.authorize("Bearer " + token)).getMessage());
    }

    @Test
    void audienceRules() throws Exception {
        JwtAuthorizer authorizer = authorizer(new MutableClock(T0));
        Map<String, Object> c = validClaims("u");
        c.put("aud", List.of("other", AUDIENCE));
        assertEquals("u", authorizer.authorize("Bearer " + rs256(keys, c)).get("sub"));
        c.remove("aud");
        c.put("client_id", AUDIENCE); // Cognito access tokens: client_id, no aud
        assertEquals("u", authorizer.authorize("Bearer " + rs256(keys, c)).get("sub"));
    }

    @Test
    void refusesDuplicateClaimNames() throws Exception {
        String header = b64url("{\"alg\":\"RS256\",\"kid\":\"" + keys.kid() + "\"}");
        String payload = b64url(Json.write(validClaims("learner-1")).replaceFirst("\\{", "{\"sub\":\"admin\","));
        // correctly signed with our key: only the duplicate "sub" is wrong
        java.security.Signature s = java.security.Signature.getInstance("SHA256withRSA");
        s.initSign(keys.signingKey().toRSAPrivateKey());
        s.update((header + "." + payload).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        String token = header + "." + payload + "." + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(s.sign());
        assertEquals("token claims are not JSON",
                assertThrows(Unauthorized.class, () -> authorizer(new MutableClock(T0)).authorize("Bearer " + token)).getMessage());
    }

    @Test
    void jwksHoldsOnlyThePublicKey() {
        String jwks = keys.jwksJson();
        assertTrue(jwks.contains("\"kid\":\"" + keys.kid() + "\""), jwks);
        assertTrue(jwks.contains("\"n\""));
        for (String privateParam : List.of("\"d\"", "\"p\"", "\"q\"", "\"dp\"", "\"dq\"", "\"qi\"")) {
            assertFalse(jwks.contains(privateParam), jwks);
        }
    }

    @Test
    void acceptsAJwksStringToo() throws Exception {
        MutableClock clock = new MutableClock(T0);
        JwtAuthorizer fromJson = new JwtAuthorizer(keys.jwksJson(), ISSUER, AUDIENCE, clock);
        assertEquals("learner-1", fromJson.authorize("Bearer " + rs256(keys, validClaims("learner-1"))).get("sub"));
        assertThrows(IllegalArgumentException.class, () -> new JwtAuthorizer("{\"keys\":[]}", ISSUER, AUDIENCE, clock));
        assertThrows(IllegalArgumentException.class, () -> new JwtAuthorizer("nope", ISSUER, AUDIENCE, clock));
    }

    @Test
    void claimsRenderedLikeApiGateway() {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", "learner-1");
        claims.put("cognito:groups", List.of("learner", "admin"));
        claims.put("exp", 1612061676);
        claims.put("big", 12345678901234L);
        claims.put("ratio", 1.5);
        claims.put("verified", true);
        claims.put("address", new LinkedHashMap<>(Map.of("zip", "98101", "city", "Seattle")));
        claims.put("nothing", null);
        claims.put("scope", "read:me  write:me");
        Map<String, String> rendered = JwtAuthorizer.eventClaims(claims);
        assertEquals("learner-1", rendered.get("sub"));
        assertEquals("[learner admin]", rendered.get("cognito:groups"));
        assertEquals("1612061676", rendered.get("exp"));
        assertEquals("12345678901234", rendered.get("big"));
        assertEquals("1.5", rendered.get("ratio"));
        assertEquals("true", rendered.get("verified"));
        assertEquals("map[city:Seattle zip:98101]", rendered.get("address"));
        assertEquals("<nil>", rendered.get("nothing"));
        assertEquals(List.of("read:me", "write:me"), JwtAuthorizer.scopes(claims));
        assertNull(JwtAuthorizer.scopes(Map.of("sub", "x")));
        assertEquals(List.of("a", "b"), JwtAuthorizer.scopes(Map.of("scp", List.of("a", "b"))));
    }
}
