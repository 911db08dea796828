package dev.pyquest.sandbox;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The runner's tests-in-one-process protocol WITHOUT the sandbox and without {@code --private}
 * (how the Fargate task runs it): one test process runs the tests one after the other, and a new
 * one takes over when a test ends it. Misbehaviour here stays harmless (a loop, a test process
 * killing itself, writes to its own result pipe); the same cases run through bubblewrap in
 * {@link LocalSandboxIT}.
 */
@Timeout(30)
class RunnerProcessReuseTest {
    /**
     * Without --private the runner only reuses a test process when the kernel lists children
     * (CONFIG_PROC_CHILDREN): otherwise it forks one per test, as it used to.
     */
    static final boolean REUSE = Files.exists(Path.of("/proc/self/task/" + ProcessHandle.current().pid() + "/children"));

    /** Python that builds a result frame of the runner's protocol: test i reported as OK with value v. */
    static final String FRAME = """
            def frame(i, v):
                body = ('{"status":"OK","value":%d}' % v).encode()
                return b"R %d %d k\\n" % (i, len(body)) + body
            """;

    static void assertStatus(String status, JsonNode result) {
        assertEquals(status, result.path("status").asText(), result.toString());
    }

    static int pid(JsonNode result) {
        return result.path("value").path(1).asInt();
    }

    // ------------------------------------------------------------------ the cases (also run in the box by LocalSandboxIT)

    static Jobs leftovers() {
        return Jobs.of("""
                import os, threading, time
                def f(x):
                    if x == 2:
                        threading.Thread(target=time.sleep, args=(5,), daemon=True).start()
                    return [x, os.getpid()]
                """).test("a", "[0]").test("b", "[1]").test("c", "[2]").test("d", "[3]").test("e", "[4]");
    }

    static void checkLeftovers(JsonNode r, boolean reuse) {
        for (int i = 0; i < 5; i++) {
            assertStatus("OK", r.get(i));
            assertEquals(i, r.get(i).path("value").path(0).asInt());
        }
        assertNotEquals(pid(r.get(2)), pid(r.get(3)), "a thread outlived test c: d needs a new process");
        if (reuse) {
            assertEquals(pid(r.get(0)), pid(r.get(1)));
            assertEquals(pid(r.get(0)), pid(r.get(2)));
            assertEquals(pid(r.get(3)), pid(r.get(4)));
        }
    }

    /** Loops forever on 0; otherwise returns twice its argument and its process id. */
    private static final String LOOPS_ON_ZERO = """
            import os
            def f(x):
                if x == 0:
                    while True:
                        pass
                return [x * 2, os.getpid()]
            """;

    static Jobs timeOut() {
        return Jobs.of(LOOPS_ON_ZERO).test("loops", "[0]").test("a", "[1]").test("b", "[2]").test("c", "[3]").limit("timeMs", 500);
    }

    /**
     * A time-out settles the run (it fails whatever comes next): the tests after it are reported
     * NOT_RUN at once, so a runaway program costs one time limit, not one per test.
     */
    static void checkTimeOut(JsonNode r) {
        assertEquals(4, r.size(), r.toString());
        assertStatus("TIME_LIMIT", r.get(0));
        assertTrue(r.get(0).path("timeMs").asInt() >= 500, r.get(0).toString());
        for (int i = 1; i < 4; i++) {
            assertStatus("NOT_RUN", r.get(i));
            assertEquals(List.of("a", "b", "c").get(i - 1), r.get(i).path("name").asText());
            assertEquals(0, r.get(i).path("timeMs").asInt(), r.get(i).toString());
            assertEquals("not run: an earlier test ran out of time", r.get(i).path("error").asText());
        }
    }

    /** Tests before a time-out are run and reported as usual. */
    static Jobs timeOutLast() {
        return Jobs.of(LOOPS_ON_ZERO).test("a", "[1]").test("b", "[2]").test("loops", "[0]").limit("timeMs", 500);
    }

    static void checkTimeOutLast(JsonNode r, boolean reuse) {
        assertEquals(3, r.size(), r.toString());
        assertStatus("OK", r.get(0));
        assertStatus("OK", r.get(1));
        assertEquals(4, r.get(1).path("value").path(0).asInt());
        assertStatus("TIME_LIMIT", r.get(2));
        if (reuse) assertEquals(pid(r.get(0)), pid(r.get(1)));
    }

    static Jobs crashInTestTwoOfFive() {
        return Jobs.of("""
                import os, signal
                def f(x):
                    print("test", x)
                    if x == 2:
                        os.kill(os.getpid(), signal.SIGSEGV)
                    return [x, os.getpid()]
                """).test("t1", "[1]").test("t2", "[2]").test("t3", "[3]").test("t4", "[4]").test("t5", "[5]");
    }

    static void checkCrashInTestTwoOfFive(JsonNode r, boolean reuse) {
        assertStatus("RUNTIME_ERROR", r.get(1));
        assertTrue(r.get(1).path("error").asText().contains("SIGSEGV"), r.get(1).toString());
        assertEquals("test 2\n", r.get(1).path("stdout").asText());
        for (int i : new int[] {0, 2, 3, 4}) {
            assertStatus("OK", r.get(i));
            assertEquals(i + 1, r.get(i).path("value").path(0).asInt());
            assertEquals("test " + (i + 1) + "\n", r.get(i).path("stdout").asText());
        }
        assertNotEquals(pid(r.get(0)), pid(r.get(2)), "test 3 runs in a new process");
        if (reuse) {
            assertEquals(pid(r.get(2)), pid(r.get(4)));
        }
    }

    static Jobs patchedBuiltins() {
        return Jobs.of("""
                import builtins, json, os, sys
                def f(x):
                    if x == 1:
                        builtins.sum = lambda *a: 999
                        builtins.len = lambda *a: 0
                        builtins.type = lambda *a: int
                        builtins.isinstance = lambda *a: True
                        builtins.print = lambda *a, **k: None
                        json.dumps = lambda *a, **k: '"PASSED"'
                        json.loads = lambda *a, **k: ["forged"]
                        sys.stdout = None
                        sys.setrecursionlimit(60)
                        return ["patched", os.getpid()]
                    print("sum", sum(x))
                    return [{"sum": sum(x), "len": len(x)}, os.getpid()]
                """).test("patches", "[1]").test("two", "[[1, 2]]").test("three", "[[3, 4, 5]]");
    }

    static void checkPatchedBuiltins(JsonNode r, boolean reuse) {
        assertEquals("patched", r.get(0).path("value").path(0).asText(), r.get(0).toString());
        assertStatus("OK", r.get(1));
        assertEquals("{\"sum\":3,\"len\":2}", r.get(1).path("value").path(0).toString());
        assertEquals("sum 3\n", r.get(1).path("stdout").asText());
        assertEquals("{\"sum\":12,\"len\":3}", r.get(2).path("value").path(0).toString());
        if (reuse) {
            assertEquals(pid(r.get(0)), pid(r.get(1)), "the same process ran both tests");
        }
    }

    static Jobs printing() {
        return Jobs.of("""
                import os, sys
                def f(x):
                    print("out", x, end="")
                    sys.stderr.write("err %d" % x)
                    os.write(1, b"|raw")
                    if x == 2:
                        raise ValueError("boom")
                    return x
                """).test("one", "[1]").test("two", "[2]").test("three", "[3]");
    }

    static void checkPrinting(JsonNode r) {
        for (int i = 0; i < 3; i++) {
            // the text layer is flushed when the test ends: after the raw write
            assertEquals("|rawout " + (i + 1), r.get(i).path("stdout").asText(), r.get(i).toString());
            assertEquals("err " + (i + 1), r.get(i).path("stderr").asText(), r.get(i).toString());
        }
        assertStatus("OK", r.get(0));
        assertStatus("RUNTIME_ERROR", r.get(1));
        assertStatus("OK", r.get(2));
    }

    static Jobs forgedFrames() {
        return Jobs.of(FRAME + """
                import os, time
                def f(x):
                    if x == 0:
                        os.write(3, frame(1, 99))                            # the next test's result
                    if x == 2:
                        os.write(3, frame(2, 98) + b"B 3\\n" + frame(3, 99))  # its own, then the next test's
                    if x == 4:
                        os.write(3, b"R 4 garbage\\n")
                    if x == 6:
                        os.write(3, frame(6, 97))                            # its own, and it returns as well
                        time.sleep(0.3)
                    return x
                """).test("t0", "[0]").test("t1", "[1]").test("t2", "[2]").test("t3", "[3]").test("t4", "[4]")
                .test("t5", "[5]").test("t6", "[6]").test("t7", "[7]");
    }

    static void checkForgedFrames(JsonNode r) {
        assertEquals(8, r.size());
        for (int i : new int[] {0, 2, 4}) {
            assertStatus("RUNTIME_ERROR", r.get(i));
            assertTrue(r.get(i).path("error").asText().contains("result channel"), r.get(i).toString());
            assertFalse(r.get(i).has("value"));
        }
        for (int i : new int[] {1, 3, 5, 7}) {
            assertStatus("OK", r.get(i));
            assertEquals(i, r.get(i).path("value").asInt(), "test " + i + " reports its own value: " + r.get(i));
        }
        // Test 6 may report the value it forged for itself (it could have returned it), never another test's.
        if (r.get(6).path("status").asText().equals("OK")) {
            int v = r.get(6).path("value").asInt();
            assertTrue(v == 6 || v == 97, r.get(6).toString());
        }
    }

    // ------------------------------------------------------------------ run without the sandbox

    @Test
    void testsShareOneProcessUntilOneLeavesSomethingBehind() throws Exception {
        checkLeftovers(RunnerTest.results(leftovers()), REUSE);
    }

    @Test
    void aTimeOutEndsTheRunAndTheTestsAfterItAreNotRun() throws Exception {
        long t0 = System.nanoTime();
        checkTimeOut(RunnerTest.results(timeOut()));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(ms < 1500, "one time limit of 500 ms, not four: " + ms + " ms");
    }

    @Test
    void testsBeforeATimeOutRunAsUsual() throws Exception {
        checkTimeOutLast(RunnerTest.results(timeOutLast()), REUSE);
    }

    @Test
    void aCrashInTestTwoOfFiveEndsOnlyThatTest() throws Exception {
        checkCrashInTestTwoOfFive(RunnerTest.results(crashInTestTwoOfFive()), REUSE);
    }

    @Test
    void patchingBuiltinsInTestOneDoesNotChangeWhatTestTwoReports() throws Exception {
        checkPatchedBuiltins(RunnerTest.results(patchedBuiltins()), REUSE);
    }

    @Test
    void printingInTestOneDoesNotAppearInTestTwo() throws Exception {
        checkPrinting(RunnerTest.results(printing()));
    }

    @Test
    void aForgedResultFrameDoesNotShiftResults() throws Exception {
        checkForgedFrames(RunnerTest.results(forgedFrames()));
    }
}
