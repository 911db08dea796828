package dev.pyquest.gateway;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static dev.pyquest.gateway.TestTokens.*;

/** Authorization header values the authorizer must refuse, each with the reason it must give. */
final class HostileTokens {
    record Case(String name, String authorization, String reason) {
        @Override public String toString() { return name; }
    }

    private HostileTokens() {}

    static List<Case> cases(JwtKeys keys) throws Exception {
        List<Case> out = new ArrayList<>();
        String good = rs256(keys, validClaims("learner-1"));
        String[] parts = good.split("\\.");

        out.add(new Case("no header", null, "missing Authorization header"));
        out.add(new Case("empty header", "", "missing Authorization header"));
        out.add(new Case("Bearer garbage", "Bearer garbage", "token is not a signed JWT"));
        out.add(new Case("Bearer three garbage parts", "Bearer a.b.c", "token is not a signed JWT"));
        out.add(new Case("Basic credentials", "Basic dXNlcjpwYXNzd29yZA==", "Authorization header is not a Bearer token"));
        out.add(new Case("valid token without Bearer", good, "Authorization header is not a Bearer token"));
        out.add(new Case("Bearer without token", "Bearer ", "Authorization header is not a Bearer token"));

        // alg none: unsigned, with and without a trailing signature part
        String noneHeader = b64url("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        out.add(new Case("alg none", "Bearer " + noneHeader + "." + parts[1] + ".", "unsigned tokens (alg none) are refused"));
        out.add(new Case("alg none with the real signature", "Bearer " + noneHeader + "." + parts[1] + "." + parts[2],
                "unsigned tokens (alg none) are refused"));

        // payload changed after signing: sub swapped, original signature kept
        Map<String, Object> admin = validClaims("admin-1");
        out.add(new Case("payload swapped after signing",
                "Bearer " + parts[0] + "." + b64url(Json.write(admin)) + "." + parts[2], "token signature is invalid"));
        out.add(new Case("signature stripped", "Bearer " + parts[0] + "." + parts[1] + ".", "token is not a signed JWT"));

        // HMAC "signed" with the RSA public key as the secret (the classic alg confusion), in three encodings
        RSAKey pub = keys.signingKey().toPublicJWK();
        byte[] der = pub.toRSAPublicKey().getEncoded();
        String pem = "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END PUBLIC KEY-----\n";
        out.add(new Case("HS256 with the public key DER as secret",
                "Bearer " + sign(new MACSigner(der), JWSAlgorithm.HS256, keys.kid(), validClaims("learner-1")),
                "token algorithm must be RS256"));
        out.add(new Case("HS256 with the public key PEM as secret",
                "Bearer " + sign(new MACSigner(pem.getBytes(StandardCharsets.US_ASCII)), JWSAlgorithm.HS256, keys.kid(),
                        validClaims("learner-1")), "token algorithm must be RS256"));
        out.add(new Case("HS256 with the JWKS JSON as secret",
                "Bearer " + sign(new MACSigner(keys.jwksJson().getBytes(StandardCharsets.UTF_8)), JWSAlgorithm.HS256,
                        keys.kid(), validClaims("learner-1")), "token algorithm must be RS256"));

        // other asymmetric algorithms, even with our own key
        out.add(new Case("PS256 with the right key",
                "Bearer " + sign(new RSASSASigner(keys.signingKey()), JWSAlgorithm.PS256, keys.kid(), validClaims("learner-1")),
                "token algorithm must be RS256"));
        out.add(new Case("RS512 with the right key",
                "Bearer " + sign(new RSASSASigner(keys.signingKey()), JWSAlgorithm.RS512, keys.kid(), validClaims("learner-1")),
                "token algorithm must be RS256"));
        ECKey ec = new ECKeyGenerator(Curve.P_256).keyID(keys.kid()).generate();
        out.add(new Case("ES256 with the same kid",
                "Bearer " + sign(new ECDSASigner(ec), JWSAlgorithm.ES256, keys.kid(), validClaims("learner-1")),
                "token algorithm must be RS256"));

        // another RSA key that claims our kid
        RSAKey other = new RSAKeyGenerator(2048).keyID(keys.kid()).generate();
        out.add(new Case("RS256 by another key with the same kid",
                "Bearer " + sign(new RSASSASigner(other), JWSAlgorithm.RS256, keys.kid(), validClaims("learner-1")),
                "token signature is invalid"));
        out.add(new Case("RS256 with an unknown kid",
                "Bearer " + sign(new RSASSASigner(keys.signingKey()), JWSAlgorithm.RS256, "not-our-kid", validClaims("learner-1")),
                "token kid is not in the key set"));
        out.add(new Case("RS256 without kid",
                "Bearer " + sign(new RSASSASigner(keys.signingKey()), JWSAlgorithm.RS256, null, validClaims("learner-1")),
                "token has no kid"));

        // a critical header we do not implement
        JWSObject crit = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(keys.kid())
                .criticalParams(java.util.Set.of("exp-policy")).customParam("exp-policy", "x").build(),
                new Payload(Json.write(validClaims("learner-1"))));
        crit.sign(new RSASSASigner(keys.signingKey()));
        out.add(new Case("unknown crit header", "Bearer " + crit.serialize(), "token has critical headers we do not support"));

        // claims
        out.add(claims(keys, "expired", c -> c.put("exp", T0.getEpochSecond() - 1), "token expired"));
        out.add(claims(keys, "expiring this very second", c -> c.put("exp", T0.getEpochSecond()), "token expired"));
        out.add(claims(keys, "no exp", c -> c.remove("exp"), "token has no exp"));
        out.add(claims(keys, "exp as a string", c -> c.put("exp", String.valueOf(T0.getEpochSecond() + 3600)),
                "token exp is not a number"));
        out.add(claims(keys, "nbf in the future", c -> c.put("nbf", T0.getEpochSecond() + 1), "token not valid yet (nbf)"));
        out.add(claims(keys, "iat in the future", c -> c.put("iat", T0.plus(Duration.ofMinutes(5)).getEpochSecond()),
                "token issued in the future (iat)"));
        out.add(claims(keys, "wrong iss", c -> c.put("iss", "https://evil.example"), "the token does not have a valid issuer"));
        out.add(claims(keys, "iss with a trailing slash", c -> c.put("iss", ISSUER + "/"), "the token does not have a valid issuer"));
        out.add(claims(keys, "no iss", c -> c.remove("iss"), "the token does not have a valid issuer"));
        out.add(claims(keys, "wrong aud", c -> c.put("aud", "other-app"), "the token does not have a valid audience"));
        out.add(claims(keys, "aud array without ours", c -> c.put("aud", List.of("a", "b")), "the token does not have a valid audience"));
        out.add(claims(keys, "no aud and no client_id", c -> c.remove("aud"), "the token does not have a valid audience"));
        out.add(claims(keys, "wrong aud but matching client_id", c -> {
            c.put("aud", "other-app");
            c.put("client_id", AUDIENCE);
        }, "the token does not have a valid audience"));
        out.add(claims(keys, "missing sub", c -> c.remove("sub"), "token has no sub"));
        out.add(claims(keys, "empty sub", c -> c.put("sub", ""), "token has no sub"));
        out.add(claims(keys, "numeric sub", c -> c.put("sub", 42), "token has no sub"));
        return out;
    }

    private static Case claims(JwtKeys keys, String name, java.util.function.Consumer<Map<String, Object>> change, String reason) {
        Map<String, Object> c = validClaims("learner-1");
        change.accept(c);
        return new Case(name, "Bearer " + rs256(keys, c), reason);
    }
}
