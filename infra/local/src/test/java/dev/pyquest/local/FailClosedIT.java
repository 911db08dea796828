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
        try (LocalStack stack = LocalStack.start(LocalStack.Config.fromEnvironment().withDataDir(data).withPort(0).withSandbox(sandbox))) {
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
}
