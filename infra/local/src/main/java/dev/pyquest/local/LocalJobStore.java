package dev.pyquest.local;

import dev.pyquest.shared.ports.JobStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.regex.Pattern;

/**
 * The local stand-in for the jobs bucket: a folder the supervisor owns (the sandbox never sees it;
 * it receives the job on a pipe). URLs are {@code local-jobs:<key>}.
 */
public final class LocalJobStore implements JobStore {
    public static final String SCHEME = "local-jobs:";
    private static final Pattern KEY = Pattern.compile("(jobs|results)/[A-Za-z0-9_.-]{1,100}\\.json");
    private final Path dir;

    public LocalJobStore(Path dir) {
        this.dir = dir;
        try {
            Files.createDirectories(dir.resolve("jobs"));
            Files.createDirectories(dir.resolve("results"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path path(String key) {
        if (!KEY.matcher(key).matches() || key.contains("..")) throw new IllegalArgumentException("bad job key " + key);
        return dir.resolve(key);
    }

    @Override
    public void put(String key, byte[] data) {
        Path target = path(key);
        try {
            Path tmp = Files.createTempFile(target.getParent(), ".put", ".tmp");
            Files.write(tmp, data);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public byte[] get(String key) {
        Path p = path(key);
        try {
            return Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) ? Files.readAllBytes(p) : null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String downloadUrl(String key) {
        path(key);
        return SCHEME + key;
    }

    @Override
    public String uploadUrl(String key) {
        path(key);
        return SCHEME + key;
    }

    public static String keyOf(String url) {
        if (url == null || !url.startsWith(SCHEME)) throw new IllegalArgumentException("not a local job URL: " + url);
        return url.substring(SCHEME.length());
    }
}
