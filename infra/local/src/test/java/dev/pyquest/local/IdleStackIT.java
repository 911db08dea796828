package dev.pyquest.local;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The local stack keeps answering after sitting idle (issue 11): before the fix, every idle warm box
 * had a virtual thread blocked in a native pipe read, which pins its carrier; once the scheduler's
 * compensating carriers retired (30 s idle), no virtual thread ran again and every request hung.
 * A soak of two rounds: idle past that keep-alive with the warm boxes up, then a burst of concurrent
 * requests and a submission, which must all answer promptly.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IdleStackIT {
    /** Longer than the virtual-thread scheduler's keep-alive for compensating carriers (30 s). */
    private static final Duration IDLE = Duration.ofSeconds(40);
    private static final Duration PROMPT = Duration.ofSeconds(5);
    private static final int BURST = 24;

    @TempDir
    static Path data;
    private LocalStack stack;
    private Api api;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(PROMPT).build();

    @BeforeAll
    void start() {
        stack = LocalStack.start(LocalStack.Config.fromEnvironment().withoutFunctions(Stacks.ACHIEVEMENTS).withDataDir(data).withPort(0));
        api = new Api(stack.port());
    }

    @AfterAll
    void stop() {
        if (stack != null) stack.close();
    }

    @Test
    void afterIdlingPastTheCarrierKeepAliveTheStackAnswersBurstsAndJudgesTwice() throws Exception {
        String learner = "idle-" + UUID.randomUUID();
        for (int round = 1; round <= 2; round++) {
            Thread.sleep(IDLE.toMillis());
            burst(round, learner);
        }
    }

    private void burst(int round, String learner) throws Exception {
        long t0 = System.nanoTime();
        String base = "http://127.0.0.1:" + stack.port();
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < BURST; i++) {
            HttpRequest r = HttpRequest.newBuilder(URI.create(base + "/dev/token")).timeout(PROMPT)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"sub\":\"" + learner + "-" + i + "\"}")).build();
            calls.add(http.sendAsync(r, HttpResponse.BodyHandlers.ofString()));
        }
        for (CompletableFuture<HttpResponse<String>> c : calls) {
            HttpResponse<String> r = c.get(PROMPT.toSeconds() + 1, TimeUnit.SECONDS);
            assertEquals(200, r.statusCode(), "round " + round + ": " + r.body());
        }
        String token = api.token(learner);
        HttpRequest list = HttpRequest.newBuilder(URI.create(base + "/activities")).timeout(PROMPT)
                .header("Authorization", "Bearer " + token).GET().build();
        assertEquals(200, http.send(list, HttpResponse.BodyHandlers.ofString()).statusCode());
        Api.Response submitted = api.submit("sum-of-evens", token, "idle-" + round, CoreLoopIT.SUM_OF_EVENS);
        assertEquals(202, submitted.status(), String.valueOf(submitted.body()));
        JsonNode verdict = api.awaitVerdict(submitted.body().path("submissionId").asText(), token, false, Duration.ofSeconds(15));
        assertEquals("PASSED", verdict.path("status").asText(), verdict.toString());
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(ms < 15_000, "round " + round + " took " + ms + " ms");
    }
}
