package dev.pyquest.gateway;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;

import static dev.pyquest.gateway.TestTokens.*;
import static org.junit.jupiter.api.Assertions.*;

class JwtKeysTest {
    @TempDir
    Path dir;

    @Test
    void persistsTheKeySoTokensSurviveARestart() throws Exception {
        Path file = dir.resolve("state/jwt-key.json");
        JwtKeys before = JwtKeys.loadOrCreate(file);
        assertTrue(Files.exists(file));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        MutableClock clock = new MutableClock(T0);
        String token = new TokenIssuer(before, ISSUER, AUDIENCE, clock).issue("learner-1", List.of("learner"), Duration.ofHours(1));

        JwtKeys after = JwtKeys.loadOrCreate(file); // "restart"
        assertEquals(before.kid(), after.kid());
        assertEquals(before.jwksJson(), after.jwksJson());
        assertEquals("learner-1", new JwtAuthorizer(after, ISSUER, AUDIENCE, clock).authorize("Bearer " + token).get("sub"));
        assertNotEquals(before.kid(), JwtKeys.generate().kid());
        try (var files = Files.list(file.getParent())) {
            assertEquals(List.of(file), files.toList(), "no temp files left behind");
        }
    }

    @Test
    void tightensLoosePermissions() throws Exception {
        Path file = dir.resolve("k.json");
        JwtKeys.loadOrCreate(file);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        JwtKeys.loadOrCreate(file);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    @Test
    void refusesACorruptOrPublicKeyFile() throws Exception {
        Path corrupt = dir.resolve("corrupt.json");
        Files.writeString(corrupt, "{not json");
        assertThrows(IllegalStateException.class, () -> JwtKeys.loadOrCreate(corrupt));
        Path pub = dir.resolve("public.json");
        String jwks = JwtKeys.generate().jwksJson();
        Files.writeString(pub, jwks.substring(jwks.indexOf('[') + 1, jwks.lastIndexOf(']')));
        assertThrows(IllegalStateException.class, () -> JwtKeys.loadOrCreate(pub));
    }
}
