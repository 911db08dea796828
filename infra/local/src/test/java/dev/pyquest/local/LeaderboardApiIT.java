package dev.pyquest.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pyquest.domain.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code GET /leaderboard} through the local stack's HTTP API: XP granted by a real route (the daily
 * login) travels outbox → relay → bus → leaderboard consumer and shows on the board; bad queries get
 * a 400. The server clock is fixed on a Wednesday, so the week is known.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LeaderboardApiIT {
    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    @TempDir
    static Path data;
    private LocalStack stack;
    private Api api;

    @BeforeAll
    void start() {
        // Nothing here is judged: no sandbox boxes to warm up.
        Sandbox none = job -> { throw new Sandbox.Unavailable("this test judges nothing", null); };
        stack = LocalStack.start(LocalStack.Config.fromEnvironment().withoutFunctions(Stacks.ACHIEVEMENTS).withDataDir(data).withPort(0).withSandbox(none)
                .withClock(Clock.fixed(NOW, ZoneOffset.UTC)));
        api = new Api(stack.port());
    }

    @AfterAll
    void stop() {
        if (stack != null) stack.close();
    }

    private JsonNode awaitBoard(String token, Predicate<JsonNode> until) {
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        JsonNode last = null;
        while (System.nanoTime() < end) {
            Api.Response r = api.get("/leaderboard?period=week", token);
            assertEquals(200, r.status(), String.valueOf(r.body()));
            last = r.body();
            if (until.test(last)) return last;
            Api.sleep(20);
        }
        throw new AssertionError("the board never got there: " + last);
    }

    @Test
    void xpFromADailyLoginPutsTheLearnerOnTheWeeklyBoard() throws Exception {
        String alice = "alice-" + UUID.randomUUID();
        String bob = "bob-" + UUID.randomUUID();
        String ta = api.token(alice);
        String tb = api.token(bob);

        JsonNode empty = api.get("/leaderboard?period=week", tb).body();
        assertEquals(Json.MAPPER.readTree("{\"rank\":null,\"xp\":0}"), empty.path("me"), "no XP this week: no rank");

        Api.Response login = api.post("/daily-login", ta, java.util.Map.of("Idempotency-Key", "lb-login"), "");
        assertEquals(200, login.status(), String.valueOf(login.body()));
        assertEquals(5, login.body().path("rewards").get(0).path("amount").asLong());

        JsonNode board = awaitBoard(ta, b -> b.path("me").path("xp").asLong() == 5 && b.path("top").size() == 1);
        assertEquals("week", board.path("period").asText());
        assertEquals("2026-11-23T00:00:00Z", board.path("weekStart").asText());
        assertEquals("2026-11-30T00:00:00Z", board.path("weekEnd").asText());
        assertEquals(Json.MAPPER.readTree("{\"rank\":1,\"xp\":5}"), board.path("me"));
        assertEquals(Json.MAPPER.readTree("[{\"rank\":1,\"userId\":\"" + alice + "\",\"xp\":5}]"), board.path("top"));

        // Bob sees Alice on top and himself without a rank; then he logs in too and they tie.
        JsonNode seenByBob = api.get("/leaderboard?period=week&limit=1", tb).body();
        assertEquals(alice, seenByBob.path("top").get(0).path("userId").asText());
        assertEquals(Json.MAPPER.readTree("{\"rank\":null,\"xp\":0}"), seenByBob.path("me"));
        assertEquals(200, api.post("/daily-login", tb, java.util.Map.of("Idempotency-Key", "lb-login-b"), "").status());
        // The view reads the top and the caller's standing concurrently: wait until both have seen Bob's grant.
        JsonNode tied = awaitBoard(tb, b -> b.path("me").path("xp").asLong() == 5 && b.path("top").size() == 2);
        assertEquals(Json.MAPPER.readTree("{\"rank\":1,\"xp\":5}"), tied.path("me"));
        assertEquals(List.of(1, 1), tied.path("top").findValues("rank").stream().map(JsonNode::asInt).toList());

        // A second login on the same day grants nothing, so the board does not move either.
        assertEquals(0, api.post("/daily-login", ta, java.util.Map.of(), "").body().path("rewards").size());
        Api.sleep(300);
        assertEquals(5, api.get("/leaderboard?period=week", ta).body().path("me").path("xp").asLong());
        assertEquals(List.of(), stack.bus().deadLetters("LeaderboardDlq"), "nothing failed on the way");
    }

    @Test
    void badQueriesGetA400WithACode() {
        String t = api.token("learner-" + UUID.randomUUID());
        for (String q : List.of("", "?period=month", "?period=WEEK", "?period=", "?limit=5", "?period=week&period=week",
                "?period=week&limit=0", "?period=week&limit=101", "?period=week&limit=abc", "?period=week&limit=-1",
                "?period=week&limit=1.5", "?period=week&limit=", "?period=week&limit=0010")) {
            Api.Response r = api.get("/leaderboard" + q, t);
            assertEquals(400, r.status(), q + " -> " + r.body());
            assertEquals("VALIDATION", r.code(), q);
            assertTrue(r.body().path("message").asText().length() > 10, q);
        }
        assertEquals(200, api.get("/leaderboard?period=week&limit=100", t).status());
        assertEquals(200, api.get("/leaderboard?period=week&limit=1", t).status());
        assertEquals(401, api.get("/leaderboard?period=week", null).status());
    }
}
