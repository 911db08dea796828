package dev.pyquest.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pyquest.api.SubmissionsFunction;
import dev.pyquest.shared.store.CatalogRepository;
import dev.pyquest.shared.store.InFlightLimitException;
import dev.pyquest.shared.store.Submission;
import dev.pyquest.shared.store.SubmissionRepository;
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
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A learner's submissions in flight are capped: through the HTTP API with real concurrency on
 * DynamoDB Local, the slot comes back with the verdict (and with an ERROR), a retry of an accepted
 * submission is never refused, a stale slot is taken back, and a restart leaks nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InFlightLimitIT {
    /** Slow enough (0.4 s per test, 13 tests) that nothing is judged while the POSTs race. */
    private static final String SLOW_PASS = """
            import time
            def sum_of_evens(nums):
                time.sleep(0.4)
                return sum(n for n in nums if n % 2 == 0)
            """;

    @TempDir
    static Path data;
    private LocalStack stack;
    private Api api;

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
    void twentyConcurrentSubmissionsOfOneLearnerGetExactlyTwoAcceptedAndTheRestRateLimitedWithTheirHeaders() throws Exception {
        String user = "inflight-" + UUID.randomUUID();
        String t = api.token(user);
        AtomicInteger n = new AtomicInteger();
        List<String[]> results = Race.run(20, () -> {
            String key = "race-" + n.incrementAndGet();
            Api.Response r = api.submit("sum-of-evens", t, key, SLOW_PASS);
            return new String[]{Integer.toString(r.status()), key, r.body().toString(),
                    r.raw().headers().firstValue("retry-after").orElse(""),
                    r.raw().headers().firstValue("ratelimit-limit").orElse(""),
                    r.raw().headers().firstValue("ratelimit-remaining").orElse(""),
                    r.raw().headers().firstValue("ratelimit-reset").orElse("")};
        });
        List<String[]> accepted = results.stream().filter(r -> r[0].equals("202")).toList();
        List<String[]> limited = results.stream().filter(r -> r[0].equals("429")).toList();
        assertEquals(SubmissionsFunction.DEFAULT_MAX_IN_FLIGHT, accepted.size(),
                "accepted: " + accepted.stream().map(r -> r[2]).toList() + "; others: " + results.stream().map(r -> r[0] + " " + r[2]).toList());
        assertEquals(20 - accepted.size(), limited.size(), "every other answer is a 429, none an error");
        for (String[] r : limited) {
            JsonNode body = dev.pyquest.domain.Json.MAPPER.readTree(r[2]);
            assertEquals("RATE_LIMITED", body.path("code").asText(), r[2]);
            assertTrue(body.path("message").asText().contains("2 submissions"), r[2]);
            assertTrue(Integer.parseInt(r[3]) >= 1, "Retry-After in seconds: " + r[3]);
            assertEquals("2", r[4]);
            assertEquals("0", r[5]);
            assertEquals(r[3], r[6], "RateLimit-Reset says the same wait as Retry-After");
        }
        Set<String> ids = Set.of(id(accepted.get(0)), id(accepted.get(1)));
        assertEquals(ids, stack.bean(SubmissionRepository.class).inFlight(user), "the slots hold exactly the accepted submissions");

        // At the cap: a retry of an accepted submission (same key, same body) is still that submission.
        Api.Response retry = api.submit("sum-of-evens", t, accepted.get(0)[1], SLOW_PASS);
        assertEquals(202, retry.status(), retry.body().toString());
        assertEquals(id(accepted.get(0)), retry.body().path("submissionId").asText());
        Api.Response other = api.submit("sum-of-evens", t, accepted.get(1)[1], SLOW_PASS + "# other\n");
        assertEquals(422, other.status(), "same key, other body: still 422, not 429");
        assertEquals(429, api.submit("sum-of-evens", t, "one-more", SLOW_PASS).status());

        // Another learner is not limited by this one.
        String someoneElse = api.token("inflight-other-" + UUID.randomUUID());
        assertEquals(202, api.submit("sum-of-evens", someoneElse, "mine", SLOW_PASS).status());

        // The verdicts give the slots back: the learner may submit again.
        for (String id : ids) {
            JsonNode v = api.awaitVerdict(id, t, false, Duration.ofSeconds(90));
            assertEquals("PASSED", v.path("status").asText(), v.toString());
        }
        assertEquals(Set.of(), stack.bean(SubmissionRepository.class).inFlight(user));
        assertEquals(202, api.submit("sum-of-evens", t, "after", CoreLoopIT.SUM_OF_EVENS).status());
    }

    @Test
    void aSubmissionEndedInErrorGivesItsSlotBack(@TempDir Path other) {
        AtomicInteger calls = new AtomicInteger();
        try (LocalStack failing = LocalStack.start(LocalStack.Config.fromEnvironment().withoutFunctions(Stacks.ACHIEVEMENTS).withDataDir(other).withPort(0)
                .withSandbox(job -> {
                    calls.incrementAndGet();
                    throw new Sandbox.Unavailable("no sandbox here", null);
                }))) {
            Api a = new Api(failing.port());
            String user = "inflight-error-" + UUID.randomUUID();
            String t = a.token(user);
            for (int i = 0; i < 3; i++) {      // more than the cap, one after the other: each ERROR frees its slot
                Api.Response r = a.submit("sum-of-evens", t, "e-" + i, CoreLoopIT.SUM_OF_EVENS);
                assertEquals(202, r.status(), r.body().toString());
                JsonNode v = a.awaitVerdict(r.body().path("submissionId").asText(), t, false, Duration.ofSeconds(30));
                assertEquals("ERROR", v.path("status").asText(), v.toString());
                assertEquals(Set.of(), failing.bean(SubmissionRepository.class).inFlight(user));
            }
            assertEquals(3, calls.get());
        }
    }

    @Test
    void aSlotHeldLongerThanAnyWorkflowCanRunIsTakenBackAndNoSoonerUnderRaces() throws Exception {
        AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-04T12:00:00Z"));
        Clock clock = new Clock() {
            @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
            @Override public Clock withZone(java.time.ZoneId zone) { return this; }
            @Override public Instant instant() { return now.get(); }
        };
        try (Engines engines = new Engines(clock)) {
            SubmissionRepository repo = engines.bean(SubmissionRepository.class);
            // Held by a submission whose workflow never ran (say its StartExecution failed and nobody retried).
            repo.createOrGet(submission("s-stuck", clock.instant()), 1);
            now.set(now.get().plus(SubmissionRepository.STALE_SLOT).minusSeconds(1));
            assertThrows(InFlightLimitException.class, () -> repo.createOrGet(submission("s-early", clock.instant()), 1));
            now.set(now.get().plusSeconds(2));
            // Past the stale limit, eight learners' tabs at once: one takes the slot back, the rest are refused.
            AtomicInteger k = new AtomicInteger();
            List<String> outcomes = Race.run(8, () -> {
                try {
                    return repo.createOrGet(submission("s-late-" + k.incrementAndGet(), clock.instant()), 1).submissionId();
                } catch (InFlightLimitException e) {
                    return "429";
                }
            });
            assertEquals(7, outcomes.stream().filter("429"::equals).count(), outcomes.toString());
            String taken = outcomes.stream().filter(o -> !o.equals("429")).findFirst().orElseThrow();
            assertEquals(Set.of(taken), repo.inFlight("u-stale"));
        }
    }

    /** Prepare's one write: QUEUED to RUNNING, read in the same request; a retry, a final one and a missing one change nothing. */
    @Test
    void startRunningMovesAQueuedSubmissionOnAndReadsItInTheSameWriteOnceOnly() {
        Instant at = Instant.parse("2026-12-07T12:00:00Z");
        try (Engines engines = new Engines(Clock.fixed(at, ZoneOffset.UTC))) {
            SubmissionRepository repo = engines.bean(SubmissionRepository.class);
            repo.createOrGet(submission("s-run", at), 2);
            Submission running = repo.startRunning("s-run", at.plusSeconds(1)).orElseThrow();
            assertEquals(Submission.Status.RUNNING, running.status());
            assertEquals("code", running.code(), "the submission comes back whole: Prepare writes the job from it");
            assertEquals("u-stale", running.userId());
            assertEquals(Submission.Status.RUNNING, repo.get("s-run").orElseThrow().status());
            // A retried Prepare: the same submission, unchanged.
            assertEquals(running, repo.startRunning("s-run", at.plusSeconds(2)).orElseThrow());
            // A final one stays final (a re-run after a crash finds the verdict there).
            repo.markError("s-run", "test", at.plusSeconds(3));
            assertEquals(Submission.Status.ERROR, repo.startRunning("s-run", at.plusSeconds(4)).orElseThrow().status());
            assertEquals(Submission.Status.ERROR, repo.get("s-run").orElseThrow().status());
            // No such submission, and the learner's slots item (same table, no status): none, and nothing written.
            assertTrue(repo.startRunning("s-none", at).isEmpty());
            assertTrue(repo.get("s-none").isEmpty());
            repo.createOrGet(submission("s-held", at), 2);
            assertTrue(repo.startRunning("slots#u-stale", at).isEmpty());
            assertEquals(Set.of("s-held"), repo.inFlight("u-stale"));
        }
    }

    @Test
    void submissionsLeftInFlightByACrashAreJudgedAtTheNextStartAndGiveTheirSlotsBack(@TempDir Path crashed) {
        String user = "inflight-crash-" + UUID.randomUUID();
        String code = CoreLoopIT.SUM_OF_EVENS;
        List<String> ids = List.of("s-crash-1", "s-crash-2");
        try (LocalStack first = LocalStack.start(LocalStack.Config.fromEnvironment().withoutFunctions(Stacks.ACHIEVEMENTS).withDataDir(crashed).withPort(0))) {
            // As a crash between the conditional write and StartExecution leaves them: QUEUED, slots held, no workflow.
            var activity = first.bean(CatalogRepository.class).bySlug("sum-of-evens").orElseThrow();
            for (String id : ids) {
                first.bean(SubmissionRepository.class).createOrGet(new Submission(id, user, activity.activityId(), activity.slug(), code,
                        "h-" + id, Submission.Status.QUEUED, null, null, null, Instant.now()), 2);
            }
            assertEquals(Set.copyOf(ids), first.bean(SubmissionRepository.class).inFlight(user));
        }
        try (LocalStack second = LocalStack.start(LocalStack.Config.fromEnvironment().withoutFunctions(Stacks.ACHIEVEMENTS).withDataDir(crashed).withPort(0))) {
            long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!second.bean(SubmissionRepository.class).inFlight(user).isEmpty()) {
                assertTrue(System.nanoTime() < end, "still in flight: " + second.bean(SubmissionRepository.class).inFlight(user));
                Api.sleep(50);
            }
            for (String id : ids) assertEquals(Submission.Status.PASSED, second.bean(SubmissionRepository.class).get(id).orElseThrow().status());
        }
    }

    private static Submission submission(String id, Instant at) {
        return new Submission(id, "u-stale", "ex-0001", "sum-of-evens", "code", "h-" + id, Submission.Status.QUEUED,
                null, null, null, at);
    }

    private static String id(String[] accepted) throws Exception {
        return dev.pyquest.domain.Json.MAPPER.readTree(accepted[2]).path("submissionId").asText();
    }
}
