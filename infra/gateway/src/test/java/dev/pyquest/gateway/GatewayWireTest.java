package dev.pyquest.gateway;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.pyquest.gateway.TestTokens.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static dev.pyquest.gateway.TestTokens.AUDIENCE;
import static dev.pyquest.gateway.TestTokens.ISSUER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What reaches the gateway at the HTTP level, written byte by byte on a socket: every answer is the
 * API's JSON error shape (the JDK server answered some of these in HTML before our code ran), and an
 * oversized body always gets its 413, never a reset.
 */
class GatewayWireTest {
    final AtomicInteger calls = new AtomicInteger();
    final MutableClock clock = new MutableClock(Instant.now());
    LocalGateway gateway;

    @BeforeEach
    void start() {
        JwtKeys keys = JwtKeys.generate();
        gateway = new LocalGateway(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), List.of(
                new Route("GET", "/activities/{slug}", true, e -> ok()),
                new Route("GET", "/public/{a}/x", false, e -> ok()),
                new Route("POST", "/public/upload", false, e -> ok())),
                new JwtAuthorizer(keys, ISSUER, AUDIENCE, clock), null);
        gateway.start();
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    private APIGatewayV2HTTPResponse ok() {
        calls.incrementAndGet();
        APIGatewayV2HTTPResponse r = new APIGatewayV2HTTPResponse();
        r.setStatusCode(200);
        r.setHeaders(Map.of("content-type", "application/json"));
        r.setBody("{\"ok\":true}");
        return r;
    }


    private Wire.Answer raw(byte[] request) throws IOException {
        return Wire.exchange(gateway.port(), request);
    }


    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static void assertJsonError(Wire.Answer a, int status, String code) throws IOException {
        assertEquals(status, a.status(), a.text());
        assertEquals("application/json", a.headers().get("content-type"), a.text());
        JsonNode body = a.json();
        assertEquals(code, body.path("code").asText(), a.text());
        assertTrue(body.path("message").isTextual(), a.text());
        assertEquals(2, body.size(), a.text());
    }

    static Stream<Arguments> malformed() {
        String big = "x".repeat(70 * 1024);
        return Stream.of(
                Arguments.of("malformed percent-encoding", "GET /public/%zz/x HTTP/1.1\r\nHost: l\r\n\r\n", 400, "VALIDATION"),
                Arguments.of("a lone percent sign", "GET /public/100%/x HTTP/1.1\r\nHost: l\r\n\r\n", 400, "VALIDATION"),
                Arguments.of("percent-encoded bytes that are not UTF-8", "GET /public/%C3%28/x HTTP/1.1\r\nHost: l\r\n\r\n", 400, "VALIDATION"),
                Arguments.of("a request line without a version", "GET /public/a/x\r\nHost: l\r\n\r\n", 400, "VALIDATION"),
                Arguments.of("a request line with a space in the target", "GET /public/a b/x HTTP/1.1\r\nHost: l\r\n\r\n", 400, "VALIDATION"),
                Arguments.of("no request line at all", "HELLO\r\n\r\n", 400, "VALIDATION"),
                Arguments.of("a NUL in the target", "GET /public/a\0b/x HTTP/1.1\r\nHost: l\r\n\r\n", 400, "VALIDATION"),
                Arguments.of("a header name with a space", "GET /public/a/x HTTP/1.1\r\nHost: l\r\nBad Header: 1\r\n\r\n", 400, "VALIDATION"),
                Arguments.of("a folded header", "GET /public/a/x HTTP/1.1\r\nHost: l\r\nX-A: 1\r\n  folded\r\n\r\n", 400, "VALIDATION"),
                Arguments.of("a Content-Length that is not a number", "POST /public/upload HTTP/1.1\r\nHost: l\r\nContent-Length: abc\r\n\r\n", 400, "VALIDATION"),
                Arguments.of("a negative Content-Length", "POST /public/upload HTTP/1.1\r\nHost: l\r\nContent-Length: -1\r\n\r\n", 400, "VALIDATION"),
                Arguments.of("two different Content-Lengths", "POST /public/upload HTTP/1.1\r\nHost: l\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab", 400, "VALIDATION"),
                Arguments.of("Content-Length and chunked", "POST /public/upload HTTP/1.1\r\nHost: l\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400, "VALIDATION"),
                Arguments.of("an unknown transfer coding", "POST /public/upload HTTP/1.1\r\nHost: l\r\nTransfer-Encoding: gzip\r\n\r\n", 501, "NOT_IMPLEMENTED"),
                Arguments.of("a malformed chunk", "POST /public/upload HTTP/1.1\r\nHost: l\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n", 400, "VALIDATION"),
                Arguments.of("HTTP/2.0 in the request line", "GET /public/a/x HTTP/2.0\r\nHost: l\r\n\r\n", 505, "HTTP_VERSION_NOT_SUPPORTED"),
                Arguments.of("70 KiB of headers", "GET /public/a/x HTTP/1.1\r\nHost: l\r\nX-Big: " + big + "\r\n\r\n", 431, "HEADERS_TOO_LARGE"),
                Arguments.of("an asterisk target", "OPTIONS * HTTP/1.1\r\nHost: l\r\n\r\n", 404, "NOT_FOUND"),
                Arguments.of("an unknown method", "BREW /coffee HTTP/1.1\r\nHost: l\r\n\r\n", 404, "NOT_FOUND"),
                Arguments.of("an unknown method on a known path", "BREW /public/upload HTTP/1.1\r\nHost: l\r\n\r\n", 405, "METHOD_NOT_ALLOWED"),
                Arguments.of("OPTIONS on a known path", "OPTIONS /public/upload HTTP/1.1\r\nHost: l\r\n\r\n", 405, "METHOD_NOT_ALLOWED"),
                Arguments.of("a missing route", "GET /nowhere HTTP/1.1\r\nHost: l\r\n\r\n", 404, "NOT_FOUND"),
                Arguments.of("an empty path segment", "GET /public//x HTTP/1.1\r\nHost: l\r\n\r\n", 404, "NOT_FOUND"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void whatTheGatewayRefusesAtTheHttpLevelIsAnsweredInTheApisJsonShape(String name, String request, int status, String code)
            throws IOException {
        assertJsonError(raw(ascii(request)), status, code);
        assertEquals(0, calls.get());
    }

    @Test
    void aKnownPathWithAnotherMethodNamesTheAllowedOnesAndHeadGetsHeadersOnly() throws IOException {
        Wire.Answer options = raw(ascii("OPTIONS /public/upload HTTP/1.1\r\nHost: l\r\n\r\n"));
        assertEquals("POST", options.headers().get("allow"));
        Wire.Answer head = raw(ascii("HEAD /public/a/x HTTP/1.1\r\nHost: l\r\n\r\n"));
        assertEquals(405, head.status());
        assertEquals("GET", head.headers().get("allow"));
        assertEquals("application/json", head.headers().get("content-type"));
        assertEquals(0, head.body().length);
    }

    @Test
    void rawCharactersTheJdkServerRefusedReachTheRouteDecoded() throws IOException {
        // '|', '{', '"' and raw UTF-8 are not legal in a URI, but clients send them: the function decides.
        for (String path : List.of("/public/a|b/x", "/public/a{b}/x", "/public/%22q%22/x", "/public/\u00e9t\u00e9/x")) {
            Wire.Answer a = raw(("GET " + path + " HTTP/1.1\r\nHost: l\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            assertEquals(200, a.status(), path + " " + a.text());
        }
        assertEquals(4, calls.get());
    }

    @Test
    void keepAliveServesSeveralRequestsOnOneConnectionAndAnUnreadSmallBodyDoesNotDesyncIt() throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), gateway.port())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            // A 404 with a body nobody reads, then a request on the same connection.
            out.write(ascii("POST /nowhere HTTP/1.1\r\nHost: l\r\nContent-Length: 5\r\n\r\nhello"
                    + "GET /public/a/x HTTP/1.1\r\nHost: l\r\n\r\n"));
            out.flush();
            InputStream in = s.getInputStream();
            assertTrue(Wire.line(in).startsWith("HTTP/1.1 404 "));
            int length = 0;
            for (String h = Wire.line(in); !h.isEmpty(); h = Wire.line(in)) {
                if (h.toLowerCase(Locale.ROOT).startsWith("content-length:")) length = Integer.parseInt(h.substring(15).strip());
            }
            in.readNBytes(length);
            assertTrue(Wire.line(in).startsWith("HTTP/1.1 200 "));
        }
    }

    // ---- oversized bodies: the 413, never a reset ----

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** A body of {@code size} bytes sent chunked (no length known up front), in 64 KiB pieces. */
    private static HttpRequest.BodyPublisher chunked(int size) {
        HttpRequest.BodyPublisher fixed = HttpRequest.BodyPublishers.ofByteArrays(() -> Stream.iterate(0, i -> i < size, i -> i + 65536)
                .map(i -> new byte[Math.min(65536, size - i)]).iterator());
        return new HttpRequest.BodyPublisher() {
            @Override public long contentLength() { return -1; }
            @Override public void subscribe(Flow.Subscriber<? super ByteBuffer> s) { fixed.subscribe(s); }
        };
    }

    private void assert413(HttpRequest.BodyPublisher body, String what) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + "/public/upload"))
                .timeout(Duration.ofSeconds(30)).POST(body).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(413, r.statusCode(), what + ": " + r.body());
        assertEquals("application/json", r.headers().firstValue("content-type").orElse(null), what);
        assertEquals("PAYLOAD_TOO_LARGE", Json.MAPPER.readTree(r.body()).path("code").asText(), what);
    }

    @Test
    void oversizedBodiesFixedLengthOrChunkedGetThe413JsonEveryTimeNeverAReset() throws Exception {
        int[] sizes = {LocalGateway.MAX_BODY_BYTES + 1, 20 << 20};
        for (int round = 0; round < 50; round++) {
            for (int size : sizes) {
                assert413(HttpRequest.BodyPublishers.ofByteArray(new byte[size]), "round " + round + ", " + size + " bytes with a Content-Length");
                assert413(chunked(size), "round " + round + ", " + size + " bytes chunked");
            }
        }
        assertEquals(0, calls.get());
    }

    @Test
    void anOversizedBodyAnnouncedWithExpectContinueIsRefusedBeforeItIsSent() throws IOException {
        Wire.Answer a = raw(ascii("POST /public/upload HTTP/1.1\r\nHost: l\r\nExpect: 100-continue\r\nContent-Length: "
                + (20 << 20) + "\r\n\r\n"));
        assertJsonError(a, 413, "PAYLOAD_TOO_LARGE");
        assertEquals("close", a.headers().get("connection"));
    }

    @Test
    void expectContinueGetsA100WhenTheBodyIsWantedAndAClosedConnectionWhenItIsNot() throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), gateway.port())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(ascii("POST /public/upload HTTP/1.1\r\nHost: l\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n"));
            out.flush();
            InputStream in = s.getInputStream();
            assertEquals("HTTP/1.1 100 Continue", Wire.line(in));
            assertEquals("", Wire.line(in));
            out.write(ascii("hello"));
            out.flush();
            assertTrue(Wire.line(in).startsWith("HTTP/1.1 200 "));
        }
        // Refused before the body was asked for: the client may or may not send it, so the connection closes.
        Wire.Answer refused = raw(ascii("GET /activities/a HTTP/1.1\r\nHost: l\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n"));
        assertJsonError(refused, 401, "UNAUTHORIZED");
        assertEquals("close", refused.headers().get("connection"));
    }

    @Test
    void anHttp10ClientIsToldItsConnectionIsKeptAliveOnlyWhenItAsked() throws IOException {
        Wire.Answer plain = raw(ascii("GET /public/a/x HTTP/1.0\r\n\r\n"));
        assertEquals(200, plain.status());
        assertEquals("close", plain.headers().get("connection"));
        Wire.Answer kept = raw(ascii("GET /public/a/x HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"));
        assertEquals(200, kept.status());
        assertEquals("keep-alive", kept.headers().get("connection"));
    }
}
