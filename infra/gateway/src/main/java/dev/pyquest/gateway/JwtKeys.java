package dev.pyquest.gateway;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.util.Set;

/**
 * The local stack's token signing key: one RSA 2048 key pair with a {@code kid} (its RFC 7638 thumbprint),
 * persisted as a private JWK in a 0600 file so tokens survive restarts.
 */
public final class JwtKeys {
    private static final System.Logger LOG = System.getLogger(JwtKeys.class.getName());
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private final RSAKey key;

    private JwtKeys(RSAKey key) {
        this.key = key;
    }

    /** Reads the key from {@code file}, or creates a new one there (parent directories too). */
    public static JwtKeys loadOrCreate(Path file) {
        try {
            if (Files.exists(file)) return load(file);
            JwtKeys created = generate();
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = posix(dir)
                    ? Files.createTempFile(dir, ".jwk-", ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY))
                    : Files.createTempFile(dir, ".jwk-", ".tmp", new FileAttribute<?>[0]);
            try {
                Files.writeString(tmp, created.key.toJSONString(), StandardCharsets.UTF_8);
                try {
                    Files.createLink(file, tmp); // atomic and never replaces a key another process just wrote
                } catch (FileAlreadyExistsException raced) {
                    return load(file);
                } catch (UnsupportedOperationException | IOException noLinks) {
                    if (Files.exists(file)) return load(file);
                    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
            LOG.log(System.Logger.Level.INFO, "created JWT signing key {0} in {1}", created.kid(), file);
            return created;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the JWT key file " + file, e);
        }
    }

    /** A fresh key kept in memory only (tests, throwaway stacks). */
    public static JwtKeys generate() {
        try {
            return new JwtKeys(new RSAKeyGenerator(2048)
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256)
                    .keyIDFromThumbprint(true)
                    .generate());
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate an RSA key", e);
        }
    }

    private static JwtKeys load(Path file) throws IOException {
        RSAKey key;
        try {
            key = RSAKey.parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (ParseException e) {
            throw new IllegalStateException("the JWT key file " + file + " is not an RSA JWK (delete it to make a new key)", e);
        }
        if (!key.isPrivate() || key.getKeyID() == null || key.size() < 2048) {
            throw new IllegalStateException("the JWT key file " + file
                    + " must hold a private RSA key of at least 2048 bits with a kid (delete it to make a new key)");
        }
        if (posix(file.toAbsolutePath().getParent())) {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            if (!OWNER_ONLY.containsAll(perms)) {
                Files.setPosixFilePermissions(file, OWNER_ONLY);
                LOG.log(System.Logger.Level.WARNING, "tightened permissions of {0} from {1} to rw-------",
                        file, PosixFilePermissions.toString(perms));
            }
        }
        return new JwtKeys(key);
    }

    private static boolean posix(Path dir) {
        return dir.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    /** The key id carried in every token header and in the JWKS. */
    public String kid() {
        return key.getKeyID();
    }

    /** The public JWKS document, {@code {"keys":[{...}]}}: no private parameters. */
    public String jwksJson() {
        return new JWKSet(key.toPublicJWK()).toString(true);
    }

    /** The private signing key (package use: the issuer and tests). */
    RSAKey signingKey() {
        return key;
    }
}
