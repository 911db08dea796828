package dev.pyquest.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pyquest.domain.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Flow;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The API's edges through the real path (HTTP client, local gateway, functions, DynamoDB Local):
 * every value a learner can put in a path or a body gets a 4xx with a stable code, never a 5xx.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiEdgesIT {
    @TempDir
    static Path data;
    private LocalStack stack;
    private Api api;
    private String token;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    void start() {
        stack = LocalStack.start(LocalStack.Config.fromEnvironment().withoutFunctions(Stacks.ACHIEVEMENTS).withDataDir(data).withPort(0));
        api = new Api(stack.port());
        token = api.token("learner-" + UUID.randomUUID());
    }

    @AfterAll
    void stop() {
        if (stack != null) stack.close();
    }

    /** Raw path segments (already percent-encoded as a client would send them) that name nothing we store. */
    private static List<String> hostileSegments() {
        return List.of(
                "s-" + "a".repeat(2_100),             // over DynamoDB's 2,048-byte key limit: was a 500
                "x".repeat(2_100),
                "%00", "s-%00", "a%00b",               // NUL
                "%01%02%1B%7F", "a%0D%0Ab",            // control characters, CRLF
                "a%2Fb", "..%2F..%2Fetc%2Fpasswd",     // an encoded slash
                "%C3%A9t%C3%A9", "%E2%80%AE%F0%9F%98%80", "sum%E2%80%90of%E2%80%90evens", // unicode (RTL mark, emoji, hyphen look-alike)
                "sum-of-evens%23x", "s-1%7C2", "%23", "%7C",  // our key separators '#' and '|'
                "SUM-OF-EVENS", "sum_of_evens", "-sum", "sum--of", "%20sum-of-evens",
                "a".repeat(101));                      // a slug longer than any we allow

    }

    private void assert4xx(Api.Response r, int status, String code, String what) {
        assertEquals(status, r.status(), what + " -> " + r.body());
        assertEquals(code, r.code(), what + " -> " + r.body());
        assertEquals("application/json", r.raw().headers().firstValue("content-type").orElse(null), what);
        assertTrue(r.body().path("message").asText().length() < 300, what + ": the message does not mirror the input");
    }

    @Test
    void hostileSubmissionIdsAreNotFoundNeverAServerError() {
        for (String id : hostileSegments()) assert4xx(api.get("/submissions/" + id, token), 404, "NOT_FOUND", "GET /submissions/" + id);
        assert4xx(api.get("/submissions/s-" + "0".repeat(32), token), 404, "NOT_FOUND", "a well-formed id nobody has");
    }

    @Test
    void hostileSlugsAreNotFoundOnEveryActivityRoute() {
        for (String slug : hostileSegments()) {
            assert4xx(api.get("/activities/" + slug, token), 404, "NOT_FOUND", "GET /activities/" + slug);
            for (String action : List.of("submissions", "answers", "complete")) {
                Api.Response r = api.post("/activities/" + slug + "/" + action, token,
                        Map.of("Idempotency-Key", "k-" + UUID.randomUUID()), "{\"code\":\"print(1)\",\"answers\":{}}");
                assert4xx(r, 404, "NOT_FOUND", "POST /activities/" + slug + "/" + action);
            }
        }
    }

    @Test
    void questIdsWithKeySeparatorsOrOfAnyOtherShapeAreRefusedWith400() {
        List<String> ids = new ArrayList<>(hostileSegments());
        ids.addAll(List.of("daily:2026-11-24:pass-3%23x", "daily:2026-11-24:pass-3%7Cx", "daily%232026-11-24%23pass-3",
                "weekly:2026-W48:" + "a".repeat(2_100), "daily:2026-11-24:pass-3%00"));
        for (String id : ids) {
            Api.Response r = api.post("/quests/" + id + "/claim", token, Map.of("Idempotency-Key", "q-" + UUID.randomUUID()), "");
            assert4xx(r, 400, "VALIDATION", "POST /quests/" + id + "/claim");
        }
    }

    @Test
    void aRepeatedKeyInARequestBodyIsRefusedWith400NamingIt() {
        Api.Response submit = api.post("/activities/sum-of-evens/submissions", token, Map.of("Idempotency-Key", "dup-1"),
                "{\"code\":\"def sum_of_evens(nums):\\n    return 0\\n\",\"code\":\"x\"}");
        assert4xx(submit, 400, "VALIDATION", "a submission with two codes");
        assertTrue(submit.body().path("message").asText().contains("Duplicate field 'code'"), submit.body().toString());
        assert4xx(api.put("/me/timezone", token, Map.of("Idempotency-Key", "dup-2"),
                "{\"timezone\":\"Europe/Paris\",\"timezone\":\"Asia/Tokyo\"}"), 400, "VALIDATION", "two time zones");
        assert4xx(api.post("/shop/purchases", token, Map.of("Idempotency-Key", "dup-3"),
                "{\"item\":\"hint\",\"item\":\"streak-freeze\"}"), 400, "VALIDATION", "two shop items");
        assert4xx(api.post("/dev/token", null, Map.of(), "{\"sub\":\"a\",\"sub\":\"b\"}"), 400, "VALIDATION", "a dev token for two learners");
        assert4xx(api.post("/activities/sum-of-evens/submissions", token, Map.of("Idempotency-Key", "dup-4"),
                "{\"code\":\"x\"} {\"code\":\"y\"}"), 400, "VALIDATION", "two JSON documents");
    }

    private static HttpRequest.BodyPublisher chunked(byte[] body) {
        HttpRequest.BodyPublisher fixed = HttpRequest.BodyPublishers.ofByteArrays(() -> Stream.iterate(0, i -> i < body.length, i -> i + 65536)
                .map(i -> java.util.Arrays.copyOfRange(body, i, Math.min(body.length, i + 65536))).iterator());
        return new HttpRequest.BodyPublisher() {
            @Override public long contentLength() { return -1; }
            @Override public void subscribe(Flow.Subscriber<? super ByteBuffer> s) { fixed.subscribe(s); }
        };
    }

    @Test
    void oversizedSubmissionsGetThe413JsonEveryTimeFixedLengthOrChunked() throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + stack.port() + "/activities/sum-of-evens/submissions");
        // 1 MiB passes the gateway and is refused by the function (code <= 64 KiB); 20 MiB by the gateway.
        byte[] oneMiB = Json.MAPPER.createObjectNode().put("code", "#".repeat((1 << 20) - 20)).toString().getBytes();
        byte[] twentyMiB = new byte[20 << 20];
        java.util.Arrays.fill(twentyMiB, (byte) ' ');
        for (int round = 0; round < 50; round++) {
            for (byte[] body : List.of(oneMiB, twentyMiB)) {
                for (boolean isChunked : new boolean[] {false, true}) {
                    String what = "round " + round + ", " + body.length + " bytes" + (isChunked ? " chunked" : "");
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                            .header("Authorization", "Bearer " + token).header("Idempotency-Key", "big-" + round)
                            .header("Content-Type", "application/json")
                            .POST(isChunked ? chunked(body) : HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                            HttpResponse.BodyHandlers.ofString());
                    assertEquals(413, r.statusCode(), what + ": " + r.body());
                    assertEquals("application/json", r.headers().firstValue("content-type").orElse(null), what);
                    JsonNode b = Json.MAPPER.readTree(r.body());
                    assertEquals("PAYLOAD_TOO_LARGE", b.path("code").asText(), what);
                }
            }
        }
    }
}
