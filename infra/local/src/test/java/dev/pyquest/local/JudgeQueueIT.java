package dev.pyquest.local;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The judge queue on the real path: HTTP, the workflow (Prepare hands the learner's group to the
 * Sandbox task as its RunTask Group), DynamoDB Local. The sandbox is a stand-in that records which
 * learner's jobs run at once.
 */
class JudgeQueueIT {
    private static final Pattern LEARNER = Pattern.compile("# learner (\\w+)");

    @TempDir
    Path data;

    @Test
    void aLearnersSubmissionsNeverRunInTheSandboxAtOnceWhileOtherLearnersRunBesideThem() throws Exception {
        Map<String, AtomicInteger> running = new ConcurrentHashMap<>();
        AtomicInteger overlaps = new AtomicInteger(), all = new AtomicInteger(), most = new AtomicInteger();
        Sandbox recording = job -> {
            Matcher m = LEARNER.matcher(new String(job, StandardCharsets.UTF_8));
            String learner = m.find() ? m.group(1) : "?";
            if (running.computeIfAbsent(learner, k -> new AtomicInteger()).incrementAndGet() > 1) overlaps.incrementAndGet();
            most.accumulateAndGet(all.incrementAndGet(), Math::max);
            try {
                Thread.sleep(150);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            all.decrementAndGet();
            running.get(learner).decrementAndGet();
            return "{\"compile\":{\"ok\":true},\"results\":[]}".getBytes(StandardCharsets.UTF_8);
        };
        try (LocalStack stack = LocalStack.start(LocalStack.Config.fromEnvironment().withoutFunctions(Stacks.ACHIEVEMENTS).withDataDir(data).withPort(0)
                .withSandbox(recording).withJudgeSlots(2))) {
            Api api = new Api(stack.port());
            List<String[]> submitted = new ArrayList<>();
            for (String learner : List.of("ana", "ben", "cy")) {
                String t = api.token("queue-" + learner);
                for (int k = 0; k < 2; k++) {       // each learner's whole allowance, at once
                    Api.Response r = api.submit("sum-of-evens", t, learner + k, CoreLoopIT.SUM_OF_EVENS + "# learner " + learner + "\n");
                    assertEquals(202, r.status(), r.body().toString());
                    submitted.add(new String[]{t, r.body().path("submissionId").asText()});
                }
            }
            for (String[] s : submitted) {
                JsonNode v = api.awaitVerdict(s[1], s[0], false, Duration.ofSeconds(30));
                assertEquals("FAILED", v.path("status").asText(), "the stand-in reports no results: " + v);
            }
            assertEquals(0, overlaps.get(), "two jobs of one learner ran in the sandbox at once");
            assertEquals(2, most.get(), "two judge slots, kept busy by different learners");
            assertTrue(running.keySet().containsAll(List.of("ana", "ben", "cy")), running.toString());
        }
    }
}
