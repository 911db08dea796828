package dev.pyquest.gateway;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The learner app's built files ({@code web/dist}), served for the GET and HEAD requests no API route takes:
 * the gateway asks here only after routing found nothing, so an API route always wins over a file.
 *
 * <p>What may be served is decided from the decoded path segments before the file system is asked: a segment
 * that is empty (inside the path), {@code .}, {@code ..}, hidden ({@code .git}), or holds a slash, a backslash,
 * a colon or a control character (an encoded {@code %2F}, {@code %5C}, {@code %00} arrives decoded here) is
 * refused. What passes is resolved under the root, and the file's real path (symbolic links followed) must
 * still lie under the root's real path: a link out of the root is not followed out.
 *
 * <p>Caching: {@code build.mjs} puts only content-hashed files under {@code assets/} and the Pyodide runtime
 * under {@code pyodide/<version>/}, so both are {@code immutable} for a year; {@code index.html} (which names
 * the hashed files) and anything else is {@code no-cache}. A GET without a file, asking for HTML and with no
 * file extension in its last segment, is a route of the app: it gets {@code index.html} (the SPA fallback).
 * With no build at all, the page says how to make one instead of failing.
 */
public final class StaticFiles {
    static final String NOT_BUILT = "web app not built: run ./pyquest run or cd web && npm ci && node build.mjs\n";
    static final String IMMUTABLE = "public, max-age=31536000, immutable";
    /** The page may load and connect to our own origin only (Pyodide compiles WebAssembly: wasm-unsafe-eval). */
    static final String CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; connect-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'none'; "
            + "form-action 'self'; frame-ancestors 'none'";

    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"),
            Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("mjs", "text/javascript; charset=utf-8"),
            Map.entry("css", "text/css; charset=utf-8"),
            Map.entry("wasm", "application/wasm"),
            Map.entry("json", "application/json"),
            Map.entry("map", "application/json"),
            Map.entry("zip", "application/zip"),
            Map.entry("svg", "image/svg+xml"),
            Map.entry("png", "image/png"),
            Map.entry("ico", "image/x-icon"),
            Map.entry("webp", "image/webp"),
            Map.entry("woff2", "font/woff2"),
            Map.entry("txt", "text/plain; charset=utf-8"));

    /** One answer: status, headers (Content-Type first) and body. */
    record Served(int status, List<Map.Entry<String, String>> headers, byte[] body) {}

    private final Path root;

    private StaticFiles(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** The built app in {@code root}; the folder may not exist yet (then {@code /} says how to build it). */
    public static StaticFiles at(Path root) {
        return new StaticFiles(root);
    }

    public Path root() {
        return root;
    }

    /**
     * The answer to a GET or HEAD of {@code segments} (decoded, as {@link PathTemplate#decodeSegments} gives them), or
     * null when there is nothing to serve: the gateway then answers its usual 404.
     */
    Served serve(List<String> segments, String accept) throws IOException {
        boolean index = segments.size() == 1 && segments.get(0).isEmpty();
        if (!index && !segments.stream().allMatch(StaticFiles::allowed)) return null;
        boolean wantsPage = index || (accepts(accept, "text/html") && !segments.get(segments.size() - 1).contains("."));
        Path realRoot;
        try {
            realRoot = root.toRealPath();
        } catch (NoSuchFileException absent) {
            realRoot = null;
        }
        if (realRoot == null || !Files.isDirectory(realRoot)) {
            if (!wantsPage) return null;
            return new Served(503, List.of(Map.entry("Content-Type", "text/plain; charset=utf-8"),
                    Map.entry("Cache-Control", "no-store")), NOT_BUILT.getBytes(StandardCharsets.UTF_8));
        }
        if (!index) {
            Path file = realRoot.resolve(String.join("/", segments)).normalize();
            if (!file.startsWith(realRoot)) return null;
            Path real;
            try {
                real = file.toRealPath();
            } catch (NoSuchFileException missing) {
                real = null;
            }
            if (real != null && real.startsWith(realRoot) && Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS)) {
                String first = segments.get(0);
                return file(real, first.equals("assets") || first.equals("pyodide") ? IMMUTABLE : "no-cache");
            }
            if (real != null && !real.startsWith(realRoot)) return null;
            if (!wantsPage) return null;
        }
        Path page = realRoot.resolve("index.html");
        if (!Files.isRegularFile(page, LinkOption.NOFOLLOW_LINKS)) {
            return new Served(503, List.of(Map.entry("Content-Type", "text/plain; charset=utf-8"),
                    Map.entry("Cache-Control", "no-store")), NOT_BUILT.getBytes(StandardCharsets.UTF_8));
        }
        return file(page, "no-cache");
    }

    private static Served file(Path real, String cacheControl) throws IOException {
        String name = real.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String type = dot < 0 ? null : TYPES.get(name.substring(dot + 1).toLowerCase(Locale.ROOT));
        List<Map.Entry<String, String>> headers = new java.util.ArrayList<>();
        headers.add(Map.entry("Content-Type", type == null ? "application/octet-stream" : type));
        headers.add(Map.entry("Cache-Control", cacheControl));
        headers.add(Map.entry("X-Content-Type-Options", "nosniff"));
        if (name.endsWith(".html")) {
            headers.add(Map.entry("Content-Security-Policy", CSP));
            headers.add(Map.entry("Referrer-Policy", "no-referrer"));
        }
        return new Served(200, headers, Files.readAllBytes(real));
    }

    /** A segment that names a file or folder of the build, and nothing else. */
    static boolean allowed(String segment) {
        if (segment.isEmpty() || segment.startsWith(".") || segment.length() > 255) return false;
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c == '/' || c == '\\' || c == ':' || c < 0x20 || c == 0x7f) return false;
        }
        return true;
    }

    private static boolean accepts(String accept, String type) {
        if (accept == null) return false;
        for (String part : accept.split(",")) {
            String t = part.strip();
            int semi = t.indexOf(';');
            if ((semi < 0 ? t : t.substring(0, semi)).strip().equalsIgnoreCase(type)) return true;
        }
        return false;
    }
}
