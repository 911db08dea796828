package dev.pyquest.local;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** No sandbox, or a sandbox that returns garbage: no verdict, status ERROR, no reward, never an unsandboxed run. */
class FailClosedIT {
    @TempDir
    Path data;

    private JsonNode run(Sandbox sandbox) {
        try (LocalStack stack = LocalStack.start(LocalStack.Config.fromEnvironment().withoutFunctions(Stacks.ACHIEVEMENTS).withDataDir(data).withPort(0).withSandbox(sandbox))) {
            Api api = new Api(stack.port());
            String t = api.token("fail-closed");
            Api.Response r = api.submit("sum-of-evens", t, "k-" + System.nanoTime(), CoreLoopIT.SUM_OF_EVENS);
            assertEquals(202, r.status());
            JsonNode v = api.awaitVerdict(r.body().path("submissionId").asText(), t, false, Duration.ofSeconds(30));
            Api.sleep(300);
            JsonNode me = api.get("/me", t).body();
            assertEquals(0, me.path("xp").asLong(), "an ERROR must not be rewarded");
            assertEquals(0, api.get("/me/transactions", t).body().size());
            return v;
        }
    }

    @Test
    void noSandboxMeansErrorAndNoReward() {
        AtomicInteger calls = new AtomicInteger();
        JsonNode v = run(job -> {
            calls.incrementAndGet();
            throw new Sandbox.Unavailable("bwrap is not installed", null);
        });
        assertEquals("ERROR", v.path("status").asText(), v.toString());
        assertTrue(v.path("verdict").isNull(), "no verdict without a sandbox: " + v);
        assertFalse(v.path("message").asText().isBlank());
        assertEquals(1, calls.get(), "an unavailable sandbox is not retried into an unsandboxed run");
    }

    @Test
    void aReportThatIsNotJsonIsOurFaultNotAPass() {
        JsonNode v = run(job -> "PASSED PASSED PASSED".getBytes(StandardCharsets.UTF_8));
        assertEquals("ERROR", v.path("status").asText(), v.toString());
    }

    @Test
    void aForgedReportClaimingSuccessWithoutValuesCannotPass() {
        // A box that could write anything still cannot pass without the expected values it never saw.
        JsonNode v = run(job -> "{\"compile\":{\"ok\":true},\"results\":[]}".getBytes(StandardCharsets.UTF_8));
        assertEquals("FAILED", v.path("status").asText(), v.toString());
        assertEquals(0, v.path("verdict").path("passed").asInt());
    }

    /**
     * A run that the learner's code ended without a report is an ERROR like any other (no verdict, no
     * reward), but it counts as an attempt: otherwise breaking the judge would be a free probe of the
     * hidden tests that keeps the first-try bonus. An ERROR of ours (no sandbox) does not count.
     */
    @Test
    void anErrorOfTheLearnersRunCountsAsAnAttemptAndOneOfOursDoesNot() {
        Sandbox real = Sandbox.local();
        for (boolean learners : new boolean[] {true, false}) {
            AtomicInteger calls = new AtomicInteger();
            Sandbox first = job -> {
                if (calls.getAndIncrement() > 0) return real.run(job);
                if (learners) throw new Sandbox.RunFailed("the sandbox run passed its wall-clock limit of 5000 ms", null);
                throw new Sandbox.Unavailable("bwrap is not installed", null);
            };
            try (LocalStack stack = LocalStack.start(LocalStack.Config.fromEnvironment().withoutFunctions(Stacks.ACHIEVEMENTS).withDataDir(data.resolve("s-" + learners))
                    .withPort(0).withSandbox(first))) {
                Api api = new Api(stack.port());
                String t = api.token("attempts-" + learners);
                Api.Response r = api.submit("sum-of-evens", t, "a-1", CoreLoopIT.SUM_OF_EVENS);
                JsonNode error = api.awaitVerdict(r.body().path("submissionId").asText(), t, false, Duration.ofSeconds(30));
                assertEquals("ERROR", error.path("status").asText(), error.toString());
                assertEquals(learners, error.path("message").asText().contains("counts as an attempt"), error.toString());
                r = api.submit("sum-of-evens", t, "a-2", CoreLoopIT.SUM_OF_EVENS);
                JsonNode pass = api.awaitVerdict(r.body().path("submissionId").asText(), t, true, Duration.ofSeconds(30));
                assertEquals("PASSED", pass.path("status").asText(), pass.toString());
                long xp = api.get("/me", t).body().path("xp").asLong();
                long base = new dev.pyquest.domain.rewards.RewardRules(dev.pyquest.domain.rewards.Economy.bundled()).firstPassXp(dev.pyquest.domain.content.Difficulty.EASY);
                if (learners) assertEquals(base, xp, "no first-try bonus after an attempt that broke the run");
                else assertTrue(xp > base, "the first-try bonus after an ERROR of ours: " + xp);
            }
        }
    }
}
