package dev.pyquest.gateway;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static dev.pyquest.gateway.TestTokens.*;
import static org.junit.jupiter.api.Assertions.*;

class LocalGatewayTest {
    static JwtKeys keys;
    static List<HostileTokens.Case> hostile;

    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    final MutableClock clock = new MutableClock(Instant.now());
    final AtomicInteger calls = new AtomicInteger();
    final AtomicReference<APIGatewayV2HTTPEvent> seen = new AtomicReference<>();
    LocalGateway gateway;

    @BeforeAll
    static void keys() throws Exception {
        keys = JwtKeys.generate();
        hostile = HostileTokens.cases(keys);
    }

    static List<HostileTokens.Case> hostile() {
        return hostile;
    }

    @BeforeEach
    void start() {
        gateway = gateway(keys, List.of(
                new Route("POST", "/activities/{slug}/submissions", true, this::echo),
                new Route("GET", "/activities/{slug}", true, this::echo),
                new Route("GET", "/activities/new", true, event -> ok("literal route")),
                new Route("GET", "/public/{a}/x", false, this::echo),
                new Route("POST", "/public/upload", false, this::echo),
                new Route("GET", "/boom", true, event -> {
                    throw new IllegalStateException("db password is hunter2");
                }),
                new Route("GET", "/binary", false, event -> {
                    APIGatewayV2HTTPResponse r = new APIGatewayV2HTTPResponse();
                    r.setStatusCode(201);
                    r.setHeaders(Map.of("Content-Type", "application/octet-stream"));
                    r.setMultiValueHeaders(Map.of("X-Multi", List.of("one", "two")));
                    r.setCookies(List.of("a=1; Path=/", "b=2; HttpOnly"));
                    r.setBody(Base64.getEncoder().encodeToString(new byte[]{0, (byte) 0xff, 42}));
                    r.setIsBase64Encoded(true);
                    return r;
                }),
                new Route("GET", "/null", false, event -> null)), true);
    }

    private LocalGateway gateway(JwtKeys keys, List<Route> routes, boolean dev) {
        LocalGateway g = new LocalGateway(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), routes,
                new JwtAuthorizer(keys, ISSUER, AUDIENCE, clock),
                dev ? new TokenIssuer(keys, ISSUER, AUDIENCE, clock) : null);
        g.start();
        return g;
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    private APIGatewayV2HTTPResponse echo(APIGatewayV2HTTPEvent event) {
        calls.incrementAndGet();
        seen.set(event);
        return ok("{\"ok\":true}");
    }

    private static APIGatewayV2HTTPResponse ok(String body) {
        APIGatewayV2HTTPResponse r = new APIGatewayV2HTTPResponse();
        r.setStatusCode(200);
        r.setHeaders(Map.of("content-type", "application/json"));
        r.setBody(body);
        return r;
    }

    private URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + gateway.port() + pathAndQuery);
    }

    private HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
        return http.send(b.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private String devToken(String sub) throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(uri("/dev/token"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"sub\":\"" + sub + "\",\"groups\":[\"learner\",\"admin\"]}")));
        assertEquals(200, r.statusCode(), r.body());
        return Json.MAPPER.readTree(r.body()).get("token").asText();
    }

    private static void assertError(HttpResponse<String> r, int status, String code) throws Exception {
        assertEquals(status, r.statusCode(), r.body());
        assertEquals("application/json", r.headers().firstValue("content-type").orElse(null));
        JsonNode body = Json.MAPPER.readTree(r.body());
        assertEquals(code, body.get("code").asText(), r.body());
        assertTrue(body.get("message").isTextual());
        assertEquals(2, body.size(), r.body());
        assertTrue(r.headers().firstValue("apigw-requestid").isPresent());
    }

    // ---- authorizer in front of the function ----

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostile")
    void hostileTokensAre401AndNeverReachTheFunction(HostileTokens.Case c) throws Exception {
        clock.set(T0); // the forged claims are valid at T0 but for the one thing each case breaks
        HttpRequest.Builder b = HttpRequest.newBuilder(uri("/activities/sum-of-evens/submissions"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"code\":\"print(1)\"}"));
        if (c.authorization() != null) b.header("Authorization", c.authorization());
        HttpResponse<String> r = send(b);
        assertError(r, 401, "UNAUTHORIZED");
        assertEquals(c.reason(), Json.MAPPER.readTree(r.body()).get("message").asText());
        assertTrue(r.headers().firstValue("www-authenticate").orElse("").startsWith("Bearer"), r.headers().map().toString());
        assertEquals(0, calls.get(), "the function must not be called");
    }

    @Test
    void expiredDevTokenIs401() throws Exception {
        String token = devToken("learner-1");
        clock.advance(Duration.ofHours(1));
        HttpResponse<String> r = send(HttpRequest.newBuilder(uri("/activities/x")).header("Authorization", "Bearer " + token));
        assertError(r, 401, "UNAUTHORIZED");
        assertEquals("token expired", Json.MAPPER.readTree(r.body()).get("message").asText());
        assertEquals("Bearer error=\"invalid_token\", error_description=\"token expired\"",
                r.headers().firstValue("www-authenticate").orElseThrow());
        assertEquals(0, calls.get());
    }

    @Test
    void validTokenReachesTheFunctionWithAFaithfulEvent() throws Exception {
        String token = devToken("learner-1");
        HttpResponse<String> r = send(HttpRequest.newBuilder(uri("/activities/sum%20of%C3%A9vens/submissions?dry=1&x=a&x=b"))
                .header("Authorization", "Bearer " + token)
                .header("Idempotency-Key", "k-1")
                .header("X-Repeated", "one").header("X-Repeated", "two")
                .header("Cookie", "theme=dark; lang=fr")
                .header("User-Agent", "pyquest-test")
                .POST(HttpRequest.BodyPublishers.ofString("{\"code\":\"print('é')\"}")));
        assertEquals(200, r.statusCode(), r.body());
        assertEquals(1, calls.get());
        APIGatewayV2HTTPEvent e = seen.get();
        assertEquals("2.0", e.getVersion());
        assertEquals("POST /activities/{slug}/submissions", e.getRouteKey());
        assertEquals("/activities/sum%20of%C3%A9vens/submissions", e.getRawPath());
        assertEquals("dry=1&x=a&x=b", e.getRawQueryString());
        assertEquals(Map.of("slug", "sum ofévens"), e.getPathParameters());
        assertEquals(Map.of("dry", "1", "x", "a,b"), e.getQueryStringParameters());
        assertEquals(List.of("theme=dark", "lang=fr"), e.getCookies());
        assertEquals("k-1", e.getHeaders().get("idempotency-key"));
        assertEquals("one,two", e.getHeaders().get("x-repeated"));
        assertFalse(e.getHeaders().containsKey("cookie"));
        assertEquals("127.0.0.1", e.getHeaders().get("x-forwarded-for"));
        assertTrue(e.getHeaders().keySet().stream().allMatch(k -> k.equals(k.toLowerCase())));
        assertEquals("{\"code\":\"print('é')\"}", e.getBody());
        assertFalse(e.getIsBase64Encoded());

        APIGatewayV2HTTPEvent.RequestContext rc = e.getRequestContext();
        assertEquals("local", rc.getApiId());
        assertEquals(LocalGateway.ACCOUNT_ID, rc.getAccountId());
        assertEquals("127.0.0.1", rc.getDomainName());
        assertEquals("$default", rc.getStage());
        assertEquals("POST /activities/{slug}/submissions", rc.getRouteKey());
        assertEquals("POST", rc.getHttp().getMethod());
        assertEquals("/activities/sum%20of%C3%A9vens/submissions", rc.getHttp().getPath());
        assertEquals("HTTP/1.1", rc.getHttp().getProtocol());
        assertEquals("127.0.0.1", rc.getHttp().getSourceIp());
        assertEquals("pyquest-test", rc.getHttp().getUserAgent());
        assertEquals(r.headers().firstValue("apigw-requestid").orElseThrow(), rc.getRequestId());
        assertTrue(Math.abs(rc.getTimeEpoch() - System.currentTimeMillis()) < 60_000);
        assertTrue(rc.getTime().matches("\\d\\d/[A-Z][a-z]{2}/\\d{4}:\\d\\d:\\d\\d:\\d\\d \\+0000"), rc.getTime());

        Map<String, String> claims = rc.getAuthorizer().getJwt().getClaims();
        assertEquals("learner-1", claims.get("sub"));
        assertEquals("[learner admin]", claims.get("cognito:groups"));
        assertEquals(ISSUER, claims.get("iss"));
        assertEquals(AUDIENCE, claims.get("aud"));
        assertEquals(String.valueOf(SignedJWT.parse(token).getJWTClaimsSet().getExpirationTime().getTime() / 1000), claims.get("exp"));
        assertTrue(claims.containsKey("jti") && claims.containsKey("iat") && claims.containsKey("nbf"));
        assertNull(rc.getAuthorizer().getJwt().getScopes());
    }

    @Test
    void literalRouteBeatsParameterRoute() throws Exception {
        String token = devToken("learner-1");
        HttpResponse<String> r = send(HttpRequest.newBuilder(uri("/activities/new")).header("Authorization", "Bearer " + token));
        assertEquals("literal route", r.body());
        r = send(HttpRequest.newBuilder(uri("/activities/old")).header("Authorization", "Bearer " + token));
        assertEquals(200, r.statusCode());
        assertEquals(Map.of("slug", "old"), seen.get().getPathParameters());
        assertEquals("GET /activities/{slug}", seen.get().getRouteKey());
        assertNull(seen.get().getBody());
        assertNull(seen.get().getQueryStringParameters());
        assertEquals("", seen.get().getRawQueryString());
    }

    @Test
    void publicRouteHasNoAuthorizerContext() throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(uri("/public/a%2Fb+c/x?q=a+b%26c&flag&=skip")));
        assertEquals(200, r.statusCode(), r.body());
        APIGatewayV2HTTPEvent e = seen.get();
        assertEquals(Map.of("a", "a/b+c"), e.getPathParameters()); // path: %-decoding only, '+' stays
        assertEquals(Map.of("q", "a b&c", "flag", ""), e.getQueryStringParameters());
        assertEquals("q=a+b%26c&flag&=skip", e.getRawQueryString());
        assertNull(e.getRequestContext().getAuthorizer());
        assertNull(e.getCookies());
    }

    // ---- bodies ----

    @Test
    void nonUtf8BodyIsBase64Encoded() throws Exception {
        byte[] bytes = {(byte) 0xff, (byte) 0xfe, 0, 1, (byte) 0xc3};
        HttpResponse<String> r = send(HttpRequest.newBuilder(uri("/public/upload"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)));
        assertEquals(200, r.statusCode());
        assertTrue(seen.get().getIsBase64Encoded());
        assertArrayEquals(bytes, Base64.getDecoder().decode(seen.get().getBody()));
    }

    @Test
    void base64ResponseIsDecodedAndHeadersAndCookiesPassThrough() throws Exception {
        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(uri("/binary")).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(201, r.statusCode());
        assertArrayEquals(new byte[]{0, (byte) 0xff, 42}, r.body());
        assertEquals("application/octet-stream", r.headers().firstValue("content-type").orElseThrow());
        assertEquals(List.of("one", "two"), r.headers().allValues("x-multi"));
        assertEquals(List.of("a=1; Path=/", "b=2; HttpOnly"), r.headers().allValues("set-cookie"));
    }

    @Test
    void bodyOfExactlyOneMebibyteIsAccepted() throws Exception {
        byte[] body = new byte[LocalGateway.MAX_BODY_BYTES];
        java.util.Arrays.fill(body, (byte) 'a');
        HttpResponse<String> r = send(HttpRequest.newBuilder(uri("/public/upload")).POST(HttpRequest.BodyPublishers.ofByteArray(body)));
        assertEquals(200, r.statusCode());
        assertEquals(LocalGateway.MAX_BODY_BYTES, seen.get().getBody().length());
    }

    @Test
    void twoMebibyteBodyIs413() throws Exception {
        byte[] body = new byte[2 << 20];
        java.util.Arrays.fill(body, (byte) 'a');
        HttpResponse<String> r = send(HttpRequest.newBuilder(uri("/public/upload")).POST(HttpRequest.BodyPublishers.ofByteArray(body)));
        assertError(r, 413, "PAYLOAD_TOO_LARGE");
        assertEquals(0, calls.get());
    }

    @Test
    void twoMebibyteChunkedBodyIs413() throws Exception {
        byte[] body = new byte[2 << 20];
        HttpResponse<String> r = send(HttpRequest.newBuilder(uri("/public/upload"))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))));
        assertError(r, 413, "PAYLOAD_TOO_LARGE");
        assertEquals(0, calls.get());
    }

    @Test
    void oversizedContentLengthIsRefusedWithoutReadingTheBody() throws Exception {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), gateway.port())) {
            s.setSoTimeout(5000);
            OutputStream out = s.getOutputStream();
            out.write(("POST /public/upload HTTP/1.1\r\nHost: localhost\r\nContent-Length: " + (2 << 20)
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush(); // and never send the body
            InputStream in = s.getInputStream();
            String status = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
            assertEquals("HTTP/1.1 413", status);
        }
        assertEquals(0, calls.get());
    }

    // ---- errors ----

    @Test
    void unknownRouteIs404AndAKnownPathWithAnotherMethodIs405() throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(uri("/x")));
        assertError(r, 404, "NOT_FOUND");
        assertEquals("no route for GET /x", Json.MAPPER.readTree(r.body()).get("message").asText());
        HttpResponse<String> delete = send(HttpRequest.newBuilder(uri("/activities/a")).DELETE());
        assertError(delete, 405, "METHOD_NOT_ALLOWED");
        assertEquals("GET", delete.headers().firstValue("allow").orElse(null));
        assertError(send(HttpRequest.newBuilder(uri("/activities/a/submissions/extra"))), 404, "NOT_FOUND");
        assertError(send(HttpRequest.newBuilder(uri("/activities/"))), 404, "NOT_FOUND");
    }

    @Test
    void throwingFunctionIs500WithoutTheExceptionText() throws Exception {
        List<LogRecord> logged = new CopyOnWriteArrayList<>();
        Logger jul = Logger.getLogger(LocalGateway.class.getName());
        Handler capture = new Handler() {
            @Override public void publish(LogRecord record) { logged.add(record); }
            @Override public void flush() {}
            @Override public void close() {}
        };
        jul.addHandler(capture);
        try {
            HttpResponse<String> r = send(HttpRequest.newBuilder(uri("/boom")).header("Authorization", "Bearer " + devToken("u")));
            assertError(r, 500, "INTERNAL");
            String requestId = r.headers().firstValue("apigw-requestid").orElseThrow();
            assertEquals("internal error, request " + requestId, Json.MAPPER.readTree(r.body()).get("message").asText());
            assertFalse(r.body().contains("hunter2"));
            assertTrue(logged.stream().anyMatch(l -> l.getThrown() instanceof IllegalStateException
                    && l.getMessage().contains(requestId)), "stack trace logged with the request id");
        } finally {
            jul.removeHandler(capture);
        }
        assertError(send(HttpRequest.newBuilder(uri("/null"))), 500, "INTERNAL");
    }

    // ---- /dev routes ----

    @Test
    void devTokenDefaultsToLearnerGroup() throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(uri("/dev/token")).POST(HttpRequest.BodyPublishers.ofString("{\"sub\":\"a.b@c_d-1\"}")));
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("application/json", r.headers().firstValue("content-type").orElseThrow());
        JsonNode body = Json.MAPPER.readTree(r.body());
        assertEquals(3600, body.get("expiresIn").asInt());
        SignedJWT jwt = SignedJWT.parse(body.get("token").asText());
        assertEquals(keys.kid(), jwt.getHeader().getKeyID());
        assertEquals(List.of("learner"), jwt.getJWTClaimsSet().getStringListClaim("cognito:groups"));
        assertEquals("a.b@c_d-1", jwt.getJWTClaimsSet().getSubject());
        assertEquals(List.of(AUDIENCE), jwt.getJWTClaimsSet().getAudience());
        assertNotNull(jwt.getJWTClaimsSet().getNotBeforeTime());
        assertNotNull(jwt.getJWTClaimsSet().getIssueTime());
        assertNotNull(jwt.getJWTClaimsSet().getJWTID());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "", "not json", "[]", "\"learner-1\"", "null", "{}", "{\"sub\":\"\"}", "{\"sub\":42}", "{\"sub\":\"a b\"}",
            "{\"sub\":\"émile\"}", "{\"sub\":\"x\",\"groups\":\"admin\"}", "{\"sub\":\"x\",\"groups\":[1]}",
            "{\"sub\":\"x\",\"groups\":[\"\"]}", "{\"sub\":\"x\",\"groups\":[\"a b\"]}", "{\"sub\":\"x\""})
    void devTokenValidation(String body) throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(uri("/dev/token")).POST(HttpRequest.BodyPublishers.ofString(body)));
        assertError(r, 400, "VALIDATION");
    }

    @Test
    void devTokenSubLength() throws Exception {
        String ok = "a".repeat(128);
        assertEquals(200, send(HttpRequest.newBuilder(uri("/dev/token"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"sub\":\"" + ok + "\"}"))).statusCode());
        assertError(send(HttpRequest.newBuilder(uri("/dev/token"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"sub\":\"" + ok + "a\"}"))), 400, "VALIDATION");
    }

    @Test
    void jwksIsServedAndVerifiesDevTokens() throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(uri("/.well-known/jwks.json")));
        assertEquals(200, r.statusCode());
        assertEquals(keys.jwksJson(), r.body());
        JwtAuthorizer fromServedJwks = new JwtAuthorizer(r.body(), ISSUER, AUDIENCE, clock);
        assertEquals("u-7", fromServedJwks.authorize("Bearer " + devToken("u-7")).get("sub"));
    }

    @Test
    void noDevRoutesWithoutAnIssuer() throws Exception {
        gateway.close();
        gateway = gateway(keys, List.of(), false);
        assertError(send(HttpRequest.newBuilder(uri("/dev/token")).POST(HttpRequest.BodyPublishers.ofString("{\"sub\":\"x\"}"))),
                404, "NOT_FOUND");
        assertError(send(HttpRequest.newBuilder(uri("/.well-known/jwks.json"))), 404, "NOT_FOUND");
    }

    @Test
    void tokenFromBeforeARestartStillWorks(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("jwt-key.json");
        gateway.close();
        gateway = gateway(JwtKeys.loadOrCreate(file), List.of(new Route("GET", "/me", true, this::echo)), true);
        String token = devToken("learner-1");
        gateway.close();
        gateway = gateway(JwtKeys.loadOrCreate(file), List.of(new Route("GET", "/me", true, this::echo)), true);
        HttpResponse<String> r = send(HttpRequest.newBuilder(uri("/me")).header("Authorization", "Bearer " + token));
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("learner-1", seen.get().getRequestContext().getAuthorizer().getJwt().getClaims().get("sub"));
    }

    // ---- server ----

    @Test
    void servesRequestsConcurrently() throws Exception {
        int n = 16;
        CyclicBarrier together = new CyclicBarrier(n);
        gateway.close();
        gateway = gateway(keys, List.of(new Route("GET", "/wait/{i}", true, event -> {
            try {
                together.await(10, TimeUnit.SECONDS); // only returns once all n requests are in the function at once
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return ok(event.getPathParameters().get("i") + ":" + event.getRequestContext().getAuthorizer().getJwt().getClaims().get("sub"));
        })), true);
        List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String token = devToken("learner-" + i);
            responses.add(http.sendAsync(HttpRequest.newBuilder(uri("/wait/" + i)).header("Authorization", "Bearer " + token)
                    .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString()));
        }
        for (int i = 0; i < n; i++) {
            HttpResponse<String> r = responses.get(i).get(30, TimeUnit.SECONDS);
            assertEquals(200, r.statusCode(), r.body());
            assertEquals(i + ":learner-" + i, r.body());
        }
    }

    @Test
    void closeIsPromptAndFreesThePort() throws Exception {
        int port = gateway.port();
        long t = System.nanoTime();
        gateway.close();
        assertTrue(System.nanoTime() - t < TimeUnit.SECONDS.toNanos(3));
        assertThrows(Exception.class, () -> http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/x"))
                .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString()));
        gateway.close(); // idempotent
    }

    @Test
    void rejectsBadRouteTables() {
        InetSocketAddress any = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        HttpFunction f = event -> ok("");
        assertThrows(IllegalArgumentException.class, () -> new Route("get", "/x", false, f));
        assertThrows(IllegalArgumentException.class, () -> new Route("GET", "x", false, f));
        assertThrows(IllegalArgumentException.class, () -> new Route("GET", "/a/{b", false, f));
        assertThrows(IllegalArgumentException.class, () -> new LocalGateway(any,
                List.of(new Route("GET", "/a/{x}", false, f), new Route("GET", "/a/{y}", false, f)), null, null));
        assertThrows(IllegalArgumentException.class, () -> new LocalGateway(any,
                List.of(new Route("GET", "/a", true, f)), null, null));
    }
}
