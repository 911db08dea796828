package dev.pyquest.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What issue 11 found the learner's code could make the runner say or do, run without the sandbox
 * ({@code python3 runner.py}): forged result frames the runner could not write (a crashed runner is
 * an ERROR verdict, "our fault"), hidden tests whose texts the learner chose, kernel objects shared
 * between boxes. The same programs run in the real box in {@link LocalSandboxIT}.
 */
@Timeout(30)
class RunnerHardeningTest {
    /** Writes a result frame of its own for test x (its argument) and ends the test process. */
    static Jobs forging(String body) {
        return Jobs.of("""
                import os
                def f(x):
                    body = %s
                    os.write(3, b"R %%d %%d x\\n" %% (x, len(body)) + body)
                    os._exit(0)
                """.formatted(pythonBytes(body))).test("t0", "[0]").test("t1", "[1]");
    }

    static String pythonBytes(String s) {
        StringBuilder b = new StringBuilder("b'");
        for (byte c : s.getBytes(java.nio.charset.StandardCharsets.UTF_8)) b.append(String.format("\\x%02x", c));
        return b.append("'").toString();
    }

    @Test
    void aForgedFrameWithANonFiniteNumberIsThatTestsRuntimeErrorNotACrashedRunner() throws Exception {
        for (String value : List.of("1e400", "-1e400", "[1, {\"a\": 1e999}]")) {
            RunnerTest.Result r = RunnerTest.runner(forging("{\"status\":\"OK\",\"value\":" + value + "}").bytes());
            assertEquals(0, r.exit(), value + ": " + r.stderr());
            JsonNode results = r.json().path("results");
            assertEquals(2, results.size(), r.json().toString());
            for (JsonNode t : results) {
                assertEquals("RUNTIME_ERROR", t.path("status").asText(), t.toString());
                assertTrue(t.path("error").asText().startsWith("ProtocolError"), t.toString());
                assertFalse(t.has("value"), t.toString());
            }
        }
    }

    @Test
    void aForgedFrameWithAnIntegerTooLongForTheJudgeIsThatTestsRuntimeError() throws Exception {
        // 3,000 digits: Python reads it, Java's report parser (2,100 digits at most) would not.
        RunnerTest.Result r = RunnerTest.runner(forging("{\"status\":\"OK\",\"value\":" + "9".repeat(3000) + "}").bytes());
        assertEquals(0, r.exit(), r.stderr());
        for (JsonNode t : r.json().path("results")) {
            assertEquals("RUNTIME_ERROR", t.path("status").asText(), t.toString());
            assertFalse(t.has("value"));
        }
    }

    @Test
    void aForgedInputChangedFrameIsReadOnlyWhenItsPositionAndValuesAreWhatTheRunnerWouldWrite() throws Exception {
        for (String bad : List.of("{\"status\":\"INPUT_CHANGED\"}", "{\"status\":\"INPUT_CHANGED\",\"argument\":0}",
                "{\"status\":\"INPUT_CHANGED\",\"argument\":true}", "{\"status\":\"INPUT_CHANGED\",\"argument\":\"1\"}",
                "{\"status\":\"INPUT_CHANGED\",\"argument\":1,\"after\":1e400}",
                "{\"status\":\"INPUT_CHANGED\",\"argument\":1,\"value\":" + "9".repeat(3000) + "}")) {
            for (JsonNode t : RunnerTest.results(forging(bad))) {
                assertEquals("RUNTIME_ERROR", t.path("status").asText(), bad + " -> " + t);
                assertTrue(t.path("error").asText().startsWith("ProtocolError"), t.toString());
            }
        }
        String good = "{\"status\":\"INPUT_CHANGED\",\"argument\":1,\"after\":[300],\"value\":[300],\"error\":\"[300]\"}";
        JsonNode visible = RunnerTest.results(forging(good));
        assertEquals(1, visible.get(0).path("argument").asInt(), visible.toString());
        for (JsonNode t : RunnerTest.results(forging(good).hidden())) {
            assertEquals("INPUT_CHANGED", t.path("status").asText(), t.toString());
            assertEquals("the function changed an argument it was given", t.path("error").asText());
            assertFalse(t.has("argument") || t.has("after") || t.has("value"), t.toString());
        }
    }

    @Test
    void aHiddenJobsResultsCarryTheRunnersOwnWordsNotAForgedFramesTexts() throws Exception {
        String forged = "{\"status\":\"RUNTIME_ERROR\",\"error\":\"Leak: [300]\",\"traceback\":\"[300] [300]\"}";
        JsonNode hidden = RunnerTest.results(forging(forged).hidden());
        for (JsonNode t : hidden) {
            assertEquals("RUNTIME_ERROR", t.path("status").asText(), t.toString());
            assertEquals("the code raised an exception", t.path("error").asText(), t.toString());
            assertFalse(t.has("traceback") || t.has("stderr"), t.toString());
            assertEquals("", t.path("stdout").asText());
        }
        // The same frame in a public job is passed on (a public box holds nothing hidden).
        JsonNode visible = RunnerTest.results(forging(forged));
        assertEquals("Leak: [300]", visible.get(0).path("error").asText(), visible.toString());
    }

    @Test
    void aHiddenJobShowsNoPrintedTextNoExceptionMessageAndNoTypeTheLearnerChose() throws Exception {
        Jobs job = Jobs.of("""
                import sys
                def f(x):
                    print("input was", x)
                    print("input was", x, file=sys.stderr)
                    if x == 1:
                        raise type("Input_%d" % x, (Exception,), {})("secret %d" % x)
                    if x == 2:
                        return float("nan")
                    if x == 3:
                        return x * 2
                    raise ValueError("secret %d" % x)
                """).test("a", "[0]").test("b", "[1]").test("c", "[2]").test("d", "[3]").hidden();
        JsonNode r = RunnerTest.results(job);
        assertEquals(4, r.size());
        for (JsonNode t : r) {
            String shown = t.toString();
            assertFalse(shown.contains("input was") || shown.contains("secret") || shown.contains("Input_")
                    || shown.contains("ValueError") || shown.contains("nan"), shown);
            assertFalse(t.has("traceback") || t.has("stderr"), shown);
        }
        assertEquals("RUNTIME_ERROR", r.get(0).path("status").asText());
        assertEquals("RUNTIME_ERROR", r.get(1).path("status").asText());
        assertEquals("NOT_JSON", r.get(2).path("status").asText());
        assertEquals("OK", r.get(3).path("status").asText());
        assertEquals(6, r.get(3).path("value").asInt(), "the value the comparison needs is kept");
    }

    /** Tries each kernel object shared between boxes; returns what each attempt gave (an errno or "ok"). */
    static final String PROBES = """
            import ctypes, errno, fcntl, os, struct
            def f(x):
                out = {}
                libc = ctypes.CDLL(None, use_errno=True)
                fd = os.open("/usr/lib/python3.11/os.py", os.O_RDONLY)
                def attempt(name, call):
                    try:
                        call()
                        out[name] = "ok"
                    except OSError as e:
                        out[name] = e.errno
                def raw(name, result):
                    out[name] = "ok" if result >= 0 else ctypes.get_errno()
                attempt("flock", lambda: fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB))
                attempt("lockf", lambda: fcntl.lockf(fd, fcntl.LOCK_SH | fcntl.LOCK_NB))
                lock = struct.pack("hhqqi4x", fcntl.F_RDLCK, 0, 0, 0, 0)
                attempt("F_GETLK", lambda: fcntl.fcntl(fd, fcntl.F_GETLK, lock))
                attempt("F_OFD_SETLK", lambda: fcntl.fcntl(fd, 37, lock))
                attempt("F_OFD_GETLK", lambda: fcntl.fcntl(fd, 36, lock))
                attempt("F_SETLEASE", lambda: fcntl.fcntl(fd, 1024, fcntl.F_RDLCK))
                attempt("F_NOTIFY", lambda: fcntl.fcntl(os.open("/usr", os.O_RDONLY), 1026, 1))
                raw("inotify_init1", libc.inotify_init1(0))
                raw("fanotify_init", libc.fanotify_init(0, 0))
                page = ctypes.create_string_buffer(4096)
                raw("mincore", libc.mincore(ctypes.c_void_p(0x10000), ctypes.c_size_t(4096), page))
                raw("userfaultfd", libc.syscall(323, 0))
                raw("x32 flock", libc.syscall(0x40000000 | 73, fd, 1 | 4))
                attempt("F_GETFL (allowed)", lambda: fcntl.fcntl(fd, fcntl.F_GETFL))
                attempt("F_DUPFD (allowed)", lambda: os.close(fcntl.fcntl(fd, fcntl.F_DUPFD, 10)))
                return out
            """;

    static void checkProbes(JsonNode r) {
        assertEquals("OK", r.path("status").asText(), r.toString());
        JsonNode v = r.path("value");
        for (String denied : List.of("flock", "lockf", "F_GETLK", "F_OFD_SETLK", "F_OFD_GETLK", "F_SETLEASE", "F_NOTIFY",
                "inotify_init1", "fanotify_init", "mincore", "userfaultfd", "x32 flock")) {
            assertEquals(1, v.path(denied).asInt(-1), denied + " must fail with EPERM: " + v);
        }
        assertEquals("ok", v.path("F_GETFL (allowed)").asText(), v.toString());
        assertEquals("ok", v.path("F_DUPFD (allowed)").asText(), v.toString());
    }

    @Test
    void locksLeasesNotificationsAndPageCacheProbesFailWithEpermWhileOrdinaryFcntlWorks() throws Exception {
        // x86_64 only: the probes name x86_64 syscall numbers (the filter also has aarch64's table).
        org.junit.jupiter.api.Assumptions.assumeTrue("amd64".equals(System.getProperty("os.arch")));
        checkProbes(RunnerTest.results(Jobs.of(PROBES).test("probe", "[0]")).get(0));
    }

    @Test
    void everyOtherTestAfterATimeOutIsNotRunSoARunawayProgramCostsOneTimeLimit() throws Exception {
        Jobs job = Jobs.of("""
                def f(x):
                    while True:
                        pass
                """).limit("timeMs", 300);
        for (int i = 0; i < 10; i++) job.test("t" + i, "[" + i + "]");
        long t0 = System.nanoTime();
        JsonNode r = RunnerTest.results(job);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertEquals("TIME_LIMIT", r.get(0).path("status").asText());
        for (int i = 1; i < 10; i++) assertEquals("NOT_RUN", r.get(i).path("status").asText(), r.get(i).toString());
        assertTrue(ms < 2000, "one 300 ms limit, not ten: " + ms + " ms");
    }

    @Test
    void loneSurrogatesReturnedRaisedOrForgedNeverMakeAReportTheJudgeCannotRead() throws Exception {
        Jobs job = Jobs.of("""
                import os
                def f(x):
                    print("\\ud800 printed")
                    if x == 0:
                        return "\\ud800"
                    if x == 1:
                        return {"\\udc00": 1}
                    if x == 2:
                        raise ValueError("\\udfff raised")
                    body = b'{"status":"OK","value":"\\\\ud800"}'
                    os.write(3, b"R 3 %d x\\n" % len(body) + body)
                    os._exit(0)
                """).test("a", "[0]").test("b", "[1]").test("c", "[2]").test("d", "[3]");
        RunnerTest.Result r = RunnerTest.runner(job.bytes());
        assertEquals(0, r.exit(), r.stderr());
        // Valid UTF-8 whatever the escapes: a strict decoder reads it back.
        String report = java.nio.charset.StandardCharsets.UTF_8.newDecoder()
                .decode(java.nio.ByteBuffer.wrap(r.stdout())).toString();
        JsonNode results = r.json().path("results");
        assertEquals(List.of("NOT_JSON", "NOT_JSON", "RUNTIME_ERROR", "RUNTIME_ERROR"), results.findValuesAsText("status"), report);
        for (JsonNode t : results) {
            String text = t.toString();
            for (char c : text.toCharArray()) assertFalse(Character.isSurrogate(c), "a lone surrogate in " + text);
        }
        assertTrue(results.get(2).path("error").asText().contains("\\udfff raised"), results.get(2).toString());
    }

    @Test
    void aTestsProcessIsTheFirstTheKernelKillsWhenTheBoxRunsOutOfMemory() throws Exception {
        // Not the runner: a runner killed by the out-of-memory killer gives no report (an ERROR verdict).
        JsonNode r = RunnerTest.results(Jobs.of("""
                def f(x):
                    with open("/proc/self/oom_score_adj") as f:
                        return f.read().strip()
                """).test("t", "[0]"));
        assertEquals("1000", r.get(0).path("value").asText(), r.toString());
    }
}
