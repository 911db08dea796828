package dev.pyquest.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The runner forks its first test process before it reads the job (in a warm box: before there is
 * one), so that forking is not paid on the job's clock. Run without the sandbox, where the pids
 * the learner's code sees are the host's.
 */
@Timeout(30)
class RunnerFirstProcessTest {
    /** A started runner that has not been given its job yet. */
    private record Waiting(Process runner, long prepared) {}

    private static Waiting startAndAwaitThePreparedProcess() throws Exception {
        assumeTrue(RunnerProcessReuseTest.REUSE, "the kernel does not list children (CONFIG_PROC_CHILDREN)");
        Process p = new ProcessBuilder("/usr/bin/python3", "-I", "-S", "-B", RunnerTest.runner().toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            Set<Long> kids = children(p.pid());
            // Up and waiting: one child, blocked (sleeping) on the pipe its job will come through.
            if (kids.size() == 1 && "S".equals(state(kids.iterator().next()))) return new Waiting(p, kids.iterator().next());
            Thread.sleep(5);
        }
        p.destroyForcibly();
        throw new AssertionError("the runner forked no test process while waiting for its job");
    }

    private static Set<Long> children(long pid) throws IOException {
        String list = Files.readString(Path.of("/proc/" + pid + "/task/" + pid + "/children")).trim();
        return list.isEmpty() ? Set.of() : List.of(list.split(" ")).stream().map(Long::valueOf).collect(Collectors.toSet());
    }

    private static String state(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).split(" ")[0];
        } catch (IOException e) {
            return "gone";
        }
    }

    private static RunnerTest.Result give(Waiting w, byte[] job) throws Exception {
        try (OutputStream in = w.runner().getOutputStream()) {
            in.write(job);
        }
        byte[] out = w.runner().getInputStream().readAllBytes();
        assertTrue(w.runner().waitFor(20, TimeUnit.SECONDS));
        return new RunnerTest.Result(w.runner().exitValue(), out, "");
    }

    /** The prepared process is gone (killed and reaped, not orphaned) once the runner has ended. */
    private static void assertGone(long pid) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false),
                "the prepared test process " + pid + " outlived the runner");
    }

    private static final String PIDS = """
            import os
            def f(x):
                return [x, os.getpid()]
            """;

    @Test
    void theFirstTestRunsInTheProcessForkedBeforeTheJobArrived() throws Exception {
        Waiting w = startAndAwaitThePreparedProcess();
        RunnerTest.Result r = give(w, Jobs.of(PIDS).test("a", "[1]").test("b", "[2]").bytes());
        assertEquals(0, r.exit());
        JsonNode results = r.json().path("results");
        assertEquals("OK", results.get(0).path("status").asText(), results.toString());
        assertEquals(w.prepared(), results.get(0).path("value").path(1).asLong(), "test a ran elsewhere: " + results);
        assertEquals(w.prepared(), results.get(1).path("value").path(1).asLong(), "the process was not reused: " + results);
        assertEquals(2, results.get(1).path("value").path(0).asInt());
        assertGone(w.prepared());
    }

    @Test
    void codeThatDoesNotCompileNeverReachesThePreparedProcess() throws Exception {
        Waiting w = startAndAwaitThePreparedProcess();
        RunnerTest.Result r = give(w, Jobs.of("open('/tmp/pyquest-prepared-ran', 'w')\ndef f(:\n").test("t", "[1]").bytes());
        assertEquals(0, r.exit());
        assertFalse(r.json().path("compile").path("ok").asBoolean(true), r.json().toString());
        assertEquals(0, r.json().path("results").size());
        assertFalse(Files.exists(Path.of("/tmp/pyquest-prepared-ran")));
        assertGone(w.prepared());
    }

    @Test
    void aMalformedJobEndsThePreparedProcess() throws Exception {
        Waiting w = startAndAwaitThePreparedProcess();
        RunnerTest.Result r = give(w, "{\"function\": 42}".getBytes(StandardCharsets.UTF_8));
        assertEquals(2, r.exit());
        assertTrue(new String(r.stdout(), StandardCharsets.UTF_8).startsWith("{\"error\""));
        assertGone(w.prepared());
    }

    @Test
    void aJobWithoutTestsEndsThePreparedProcess() throws Exception {
        Waiting w = startAndAwaitThePreparedProcess();
        RunnerTest.Result r = give(w, Jobs.of(PIDS).bytes());
        assertEquals(0, r.exit());
        assertEquals(0, r.json().path("results").size());
        assertGone(w.prepared());
    }

    @Test
    void aPreparedProcessThatDiedBeforeItsJobIsReplaced() throws Exception {
        Waiting w = startAndAwaitThePreparedProcess();
        ProcessHandle.of(w.prepared()).orElseThrow().destroyForcibly();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!"Z".equals(state(w.prepared())) && !"gone".equals(state(w.prepared())) && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        RunnerTest.Result r = give(w, Jobs.of(PIDS).test("a", "[1]").test("b", "[2]").bytes());
        assertEquals(0, r.exit());
        JsonNode results = r.json().path("results");
        for (JsonNode t : results) assertEquals("OK", t.path("status").asText(), results.toString());
        assertTrue(results.get(0).path("value").path(1).asLong() != w.prepared(), results.toString());
    }
}
