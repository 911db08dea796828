package dev.pyquest.gateway;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.pyquest.gateway.TestTokens.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static dev.pyquest.gateway.TestTokens.AUDIENCE;
import static dev.pyquest.gateway.TestTokens.ISSUER;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The learner app's files through the real gateway, on a socket: types and caching as the build needs them, the
 * SPA fallback, API routes winning over files, and hostile paths (dot segments raw and encoded, encoded slashes
 * and backslashes, NULs, absolute forms, symbolic links out of the root, hidden files) never serving a byte from
 * outside the root.
 */
class StaticFilesTest {
    static final String INDEX = "<!doctype html><title>PyQuest</title>INDEX";
    static final String SECRET = "SECRET-OUTSIDE-THE-ROOT";

    @TempDir Path tmp;
    Path root;
    LocalGateway gateway;

    @BeforeEach
    void start() throws IOException {
        root = tmp.resolve("dist");
        Files.createDirectories(root.resolve("assets"));
        Files.createDirectories(root.resolve("pyodide/1.2.3"));
        Files.createDirectories(root.resolve("activities"));
        Files.writeString(root.resolve("index.html"), INDEX);
        Files.writeString(root.resolve("assets/app-ABCD1234.js"), "console.log(1)");
        Files.writeString(root.resolve("assets/app-ABCD1234.css"), "body{}");
        Files.write(root.resolve("pyodide/1.2.3/pyodide.asm.wasm"), new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0});
        Files.writeString(root.resolve("pyodide/1.2.3/python_stdlib.zip"), "PK");
        Files.writeString(root.resolve("pyodide/1.2.3/pyodide-lock.json"), "{}");
        Files.writeString(root.resolve("activities/sum-of-evens"), "a file shadowed by an API route");
        Files.writeString(root.resolve(".hidden"), SECRET);
        // Outside the root: a sibling file, a sibling folder, and links from inside the root to both.
        Files.writeString(tmp.resolve("secret.txt"), SECRET);
        Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(tmp.resolve("outside/secret.txt"), SECRET);
        Files.createSymbolicLink(root.resolve("assets/escape.txt"), tmp.resolve("secret.txt"));
        Files.createSymbolicLink(root.resolve("linked"), tmp.resolve("outside"));
        gateway = gateway(root);
    }

    private LocalGateway gateway(Path webRoot) {
        JwtKeys keys = JwtKeys.generate();
        LocalGateway g = new LocalGateway(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), List.of(
                new Route("GET", "/activities/{slug}", true, e -> ok()),
                new Route("POST", "/dev/thing", false, e -> ok())),
                new JwtAuthorizer(keys, ISSUER, AUDIENCE, new MutableClock(Instant.now())), null, StaticFiles.at(webRoot));
        g.start();
        return g;
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    private static APIGatewayV2HTTPResponse ok() {
        APIGatewayV2HTTPResponse r = new APIGatewayV2HTTPResponse();
        r.setStatusCode(200);
        r.setHeaders(Map.of("content-type", "application/json"));
        r.setBody("{\"api\":true}");
        return r;
    }


    private Wire.Answer get(String target, String accept) throws IOException {
        return raw("GET " + target + " HTTP/1.1\r\nHost: l\r\n" + (accept == null ? "" : "Accept: " + accept + "\r\n")
                + "Connection: close\r\n\r\n");
    }

    private Wire.Answer raw(String request) throws IOException {
        return Wire.exchange(gateway.port(), request.getBytes(StandardCharsets.ISO_8859_1));
    }


    @Test
    void theRootIsTheAppsPageNeverCachedWithoutRevalidation() throws IOException {
        Wire.Answer a = get("/", null);
        assertEquals(200, a.status());
        assertEquals(INDEX, a.text());
        assertEquals("text/html; charset=utf-8", a.headers().get("content-type"));
        assertEquals("no-cache", a.headers().get("cache-control"));
        assertTrue(a.headers().get("content-security-policy").contains("default-src 'self'"), a.headers().toString());
        assertEquals("nosniff", a.headers().get("x-content-type-options"));
    }

    @Test
    void hashedAssetsAndThePyodideRuntimeAreImmutableWithTheirTypes() throws IOException {
        Map<String, String> types = Map.of(
                "/assets/app-ABCD1234.js", "text/javascript; charset=utf-8",
                "/assets/app-ABCD1234.css", "text/css; charset=utf-8",
                "/pyodide/1.2.3/pyodide.asm.wasm", "application/wasm",
                "/pyodide/1.2.3/python_stdlib.zip", "application/zip",
                "/pyodide/1.2.3/pyodide-lock.json", "application/json");
        for (Map.Entry<String, String> t : types.entrySet()) {
            Wire.Answer a = get(t.getKey(), "*/*");
            assertEquals(200, a.status(), t.getKey());
            assertEquals(t.getValue(), a.headers().get("content-type"), t.getKey());
            assertEquals("public, max-age=31536000, immutable", a.headers().get("cache-control"), t.getKey());
            assertArrayEquals(Files.readAllBytes(root.resolve(t.getKey().substring(1))), a.body(), t.getKey());
        }
    }

    @Test
    void headAnswersTheHeadersOfGetWithoutTheBody() throws IOException {
        Wire.Answer a = raw("HEAD /assets/app-ABCD1234.js HTTP/1.1\r\nHost: l\r\nConnection: close\r\n\r\n");
        assertEquals(200, a.status());
        assertEquals("14", a.headers().get("content-length"));
        assertEquals("text/javascript; charset=utf-8", a.headers().get("content-type"));
    }

    @Test
    void anAppRouteAskingForHtmlGetsThePageAndAMissingAssetIs404() throws IOException {
        Wire.Answer page = get("/course/sum-of-evens", "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8");
        assertEquals(200, page.status());
        assertEquals(INDEX, page.text());
        Wire.Answer asset = get("/assets/app-MISSING1.js", "text/html,*/*");
        assertEquals(404, asset.status());
        assertEquals("application/json", asset.headers().get("content-type"));
        Wire.Answer noHtml = get("/course/sum-of-evens", "application/json");
        assertEquals(404, noHtml.status());
    }

    @Test
    void apiRoutesWinOverFilesAndOtherMethodsAreNotServed() throws IOException {
        Wire.Answer api = get("/activities/sum-of-evens", "text/html");
        assertEquals(401, api.status(), "the authorized API route answers, not the file of the same path: " + api.text());
        Wire.Answer post = raw("POST /index.html HTTP/1.1\r\nHost: l\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        assertEquals(404, post.status());
        assertFalse(post.text().contains("INDEX"));
        Wire.Answer wrongMethod = get("/dev/thing", "text/html");
        assertEquals(405, wrongMethod.status(), "a path of the API with another method stays the API's: " + wrongMethod.text());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "/../secret.txt", "/assets/../../secret.txt", "/./../secret.txt",
            "/%2e%2e/secret.txt", "/%2E%2E/secret.txt", "/assets/%2e%2e/%2e%2e/secret.txt", "/.%2e/secret.txt",
            "/..%2fsecret.txt", "/..%2Fsecret.txt", "/%2e%2e%2fsecret.txt", "/assets%2f..%2f..%2fsecret.txt",
            "/..%5csecret.txt", "/assets/..%5C..%5Csecret.txt", "/..\\secret.txt", "/assets\\..\\..\\secret.txt",
            "/%252e%252e/secret.txt", "/%c0%ae%c0%ae/secret.txt", "/..%c0%afsecret.txt", "/..;/secret.txt",
            "//secret.txt", "///" + "tmp/secret.txt", "/%2F" + "tmp%2Fsecret.txt", "/%00../secret.txt", "/secret.txt%00.html",
            "/assets/escape.txt", "/linked/secret.txt", "/linked/../secret.txt", "/linked%2fsecret.txt",
            "/.hidden", "/%2ehidden", "/assets/./escape.txt",
            "http://l/../secret.txt", "http://l/%2e%2e/secret.txt",
    })
    void nothingOutsideTheRootIsServed(String target) throws IOException {
        for (String accept : new String[] {null, "*/*", "text/html"}) {
            Wire.Answer a = get(target, accept);
            assertFalse(a.text().contains(SECRET), target + " with Accept " + accept + " served a file from outside the root");
            boolean refused = a.status() == 400 || a.status() == 404;
            boolean thePage = a.status() == 200 && a.text().equals(INDEX);
            assertTrue(refused || thePage, target + " with Accept " + accept + ": " + a.status() + " " + a.text());
        }
    }

    @Test
    void withoutABuildTheRootSaysHowToMakeOne() throws IOException {
        gateway.close();
        gateway = gateway(tmp.resolve("not-built"));
        Wire.Answer a = get("/", null);
        assertEquals(503, a.status());
        assertEquals("text/plain; charset=utf-8", a.headers().get("content-type"));
        assertTrue(a.text().contains("web app not built"), a.text());
        assertTrue(a.text().contains("./pyquest run"), a.text());
        assertEquals(404, get("/assets/app-ABCD1234.js", "*/*").status());
        assertEquals(401, get("/activities/sum-of-evens", null).status(), "the API still answers");
    }
}
