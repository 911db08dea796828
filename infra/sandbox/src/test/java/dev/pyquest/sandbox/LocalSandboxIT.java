package dev.pyquest.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Through the real bubblewrap box: every status, and what the box must keep out and in. Hostile
 * programs whose report alone shows the outcome are data files ({@code hostile/box/}) that
 * {@link HostileProgramsIT} runs; those here need more than their report (a host socket, processes
 * left on the host, two runs or tests compared, the JVM's environment).
 */
@Timeout(60)
class LocalSandboxIT {
    static LocalSandbox box;

    @BeforeAll
    static void up() {
        box = new LocalSandbox();
    }

    @AfterAll
    static void down() {
        box.close();
    }

    static JsonNode run(Jobs job) throws SandboxUnavailableException {
        return Jobs.parse(box.run(job.bytes()));
    }

    static JsonNode only(Jobs job) throws SandboxUnavailableException {
        JsonNode report = run(job);
        assertTrue(report.path("compile").path("ok").asBoolean(), report.toString());
        assertEquals(1, report.path("results").size(), report.toString());
        return report.path("results").get(0);
    }

    static void assertStatus(String status, JsonNode result) {
        assertEquals(status, result.path("status").asText(), result.toString());
    }

    // ---------------------------------------------------------------- verdict statuses

    @Test
    void correctSolutionReportsItsValues() throws Exception {
        JsonNode r = run(Jobs.of("sum_of_evens", """
                def sum_of_evens(nums):
                    print("summing", len(nums))
                    return sum(n for n in nums if n % 2 == 0)
                """).test("t1", "[[1, 2, 3, 4]]").test("t2", "[[]]").test("t3", "[[10, -2, 7]]"));
        assertTrue(r.path("compile").path("ok").asBoolean());
        JsonNode results = r.path("results");
        assertEquals(3, results.size());
        int[] expected = {6, 0, 8};
        for (int i = 0; i < 3; i++) {
            assertStatus("OK", results.get(i));
            assertEquals("t" + (i + 1), results.get(i).path("name").asText());
            assertEquals(expected[i], results.get(i).path("value").asInt());
            assertTrue(results.get(i).path("value").isInt());
        }
        assertEquals("summing 4\n", results.get(0).path("stdout").asText());
    }

    @Test
    void wrongSolutionReportsTheWrongValueAndNothingElse() throws Exception {
        JsonNode r = only(Jobs.of("def f(nums):\n    print('PASSED')\n    return sum(nums)\n").test("t", "[[1, 2, 3, 4]]"));
        assertStatus("OK", r);
        assertEquals(10, r.path("value").asInt());
        assertEquals("PASSED\n", r.path("stdout").asText()); // printed "PASSED" is just output
    }

    @Test
    void syntaxErrorIsReportedWithLineAndColumnWithoutRunning() throws Exception {
        JsonNode r = run(Jobs.of("print('ran')\ndef f(x):\n    return x +* 2\n").test("t", "[1]"));
        JsonNode c = r.path("compile");
        assertFalse(c.path("ok").asBoolean());
        assertEquals(3, c.path("line").asInt());
        assertEquals(15, c.path("column").asInt());
        assertEquals("invalid syntax", c.path("message").asText());
        assertEquals(0, r.path("results").size());
    }

    @Test
    void exceptionIsARuntimeErrorWithTheLearnersFramesOnly() throws Exception {
        JsonNode r = only(Jobs.of("""
                def f(x):
                    return helper(x) + 1

                def helper(x):
                    return 10 / x
                """).test("t", "[0]"));
        assertStatus("RUNTIME_ERROR", r);
        assertEquals("ZeroDivisionError: division by zero", r.path("error").asText());
        String tb = r.path("traceback").asText();
        assertTrue(tb.contains("File \"<solution>\", line 2, in f"), tb);
        assertTrue(tb.contains("File \"<solution>\", line 5, in helper"), tb);
        assertTrue(tb.contains("return 10 / x"), tb);
        assertFalse(tb.contains("runner"), tb);
        assertFalse(tb.contains("/sandbox"), tb);
        assertFalse(tb.contains("/usr/lib"), tb);
    }

    @Test
    void missingFunctionIsNoFunction() throws Exception {
        JsonNode r = only(Jobs.of("def g(x):\n    return x\n").test("t", "[1]"));
        assertStatus("NO_FUNCTION", r);
    }

    // ---------------------------------------------------------------- one test process for many tests

    @Test
    void testsShareOneProcessYetEachStartsWithNoOtherProcessAndAnEmptyTmp() throws Exception {
        JsonNode r = run(Jobs.of("""
                import os, time
                def f(x):
                    procs = sorted(int(p) for p in os.listdir("/proc") if p.isdigit())
                    seen = sorted(os.listdir("/tmp"))
                    open("/tmp/from-test-%d" % x, "w").close()
                    if x == 1:
                        if os.fork() == 0:          # a daemon: its parent is reaped, it lives on
                            os.setsid()
                            if os.fork() == 0:
                                time.sleep(30)
                            os._exit(0)
                        os.wait()
                    return [x, os.getpid(), procs, seen]
                """).test("a", "[0]").test("b", "[1]").test("c", "[2]").test("d", "[3]")).path("results");
        for (int i = 0; i < 4; i++) {
            JsonNode v = r.get(i).path("value");
            assertStatus("OK", r.get(i));
            assertEquals("[1," + v.path(1).asInt() + "]", v.path(2).toString(), "other processes in test " + i);
            assertEquals("[]", v.path(3).toString(), "files of an earlier test in test " + i);
        }
        int[] pid = new int[4];
        for (int i = 0; i < 4; i++) pid[i] = r.get(i).path("value").path(1).asInt();
        assertEquals(pid[0], pid[1], "a and b ran in one process");
        assertNotEquals(pid[1], pid[2], "b left a process behind: c gets a new test process");
        assertEquals(pid[2], pid[3], "c and d ran in one process");
    }

    @Test
    void aTimeOutEndsTheRunInTheBoxAndTheTestsAfterItAreNotRun() throws Exception {
        RunnerProcessReuseTest.checkTimeOut(run(RunnerProcessReuseTest.timeOut()).path("results"));
        RunnerProcessReuseTest.checkTimeOutLast(run(RunnerProcessReuseTest.timeOutLast()).path("results"), true);
    }

    @Test
    void aCrashInTestTwoOfFiveEndsOnlyThatTest() throws Exception {
        RunnerProcessReuseTest.checkCrashInTestTwoOfFive(run(RunnerProcessReuseTest.crashInTestTwoOfFive()).path("results"), true);
    }

    @Test
    void patchingBuiltinsInTestOneDoesNotChangeWhatTestTwoReports() throws Exception {
        RunnerProcessReuseTest.checkPatchedBuiltins(run(RunnerProcessReuseTest.patchedBuiltins()).path("results"), true);
    }

    @Test
    void printingInTestOneDoesNotAppearInTestTwo() throws Exception {
        RunnerProcessReuseTest.checkPrinting(run(RunnerProcessReuseTest.printing()).path("results"));
    }

    @Test
    void aForgedResultFrameDoesNotShiftResults() throws Exception {
        RunnerProcessReuseTest.checkForgedFrames(run(RunnerProcessReuseTest.forgedFrames()).path("results"));
    }

    @Test
    void threadsAndMemoryPeaksOfOneTestDoNotReachTheNext() throws Exception {
        JsonNode r = run(Jobs.of("""
                import os, threading, time
                def f(x):
                    if x == 0:
                        threading.Thread(target=time.sleep, args=(30,), daemon=True).start()
                    if x == 2:
                        big = bytearray(40 << 20)       # over half of memoryMb: a later kill would look like MEMORY_LIMIT
                    if x == 3:
                        os.kill(os.getpid(), 9)
                    return [x, os.getpid(), threading.active_count()]
                """).test("a", "[0]").test("b", "[1]").test("c", "[2]").test("d", "[3]")).path("results");
        assertStatus("OK", r.get(0));
        assertEquals(1, r.get(1).path("value").path(2).asInt(), "the thread of test a is gone: " + r.get(1));
        assertNotEquals(r.get(0).path("value").path(1).asInt(), r.get(1).path("value").path(1).asInt());
        assertStatus("OK", r.get(2));
        assertStatus("RUNTIME_ERROR", r.get(3));   // killed by SIGKILL with a small footprint of its own
        assertTrue(r.get(3).path("error").asText().contains("SIGKILL"), r.get(3).toString());
    }

    // ---------------------------------------------------------------- isolation

    @Test
    void noNetworkNotEvenTheHostsLoopback() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            server.setSoTimeout(200);
            int port = server.getLocalPort();
            JsonNode r = only(Jobs.of("""
                    import socket
                    def f(port):
                        try:
                            socket.create_connection(("127.0.0.1", port), timeout=2).close()
                            return "connected"
                        except OSError as e:
                            return type(e).__name__
                    """).test("t", "[" + port + "]"));
            assertStatus("OK", r);
            assertNotEquals("connected", r.path("value").asText());
            assertThrows(SocketTimeoutException.class, server::accept);
        }
    }

    @Test
    void hostFilesAndEnvironmentAreNotVisible() throws Exception {
        assertEquals("jvm-secret-7f3a9c", System.getenv("PYQUEST_IT_SECRET"), "failsafe sets this for the test");
        JsonNode r = only(Jobs.of("""
                import os
                def f():
                    paths = ["/etc/shadow", "/etc/passwd", "/etc", "/root", "/work", "/home", "/var", "/opt", "/sys"]
                    readable = []
                    for p in paths:
                        try:
                            open(p).read() if not os.path.isdir(p) else os.listdir(p)
                            readable.append(p)
                        except OSError:
                            pass
                    procs = sorted(int(p) for p in os.listdir("/proc") if p.isdigit())
                    return {"readable": readable, "root": sorted(os.listdir("/")), "env": dict(os.environ),
                            "procs": procs, "uid": os.getuid(), "pid1": open("/proc/1/cmdline").read().replace("\\0", " ")}
                """).test("t", "[]"));
        assertStatus("OK", r);
        JsonNode v = r.path("value");
        assertEquals(0, v.path("readable").size(), v.toString());
        Set<String> root = new HashSet<>();
        v.path("root").forEach(n -> root.add(n.asText()));
        assertTrue(Set.of("bin", "dev", "lib", "lib64", "proc", "sandbox", "sbin", "tmp", "usr").containsAll(root), root.toString());
        Set<String> env = new HashSet<>();
        v.path("env").fieldNames().forEachRemaining(env::add);
        assertTrue(Set.of("PATH", "LANG", "HOME", "PWD", "LC_CTYPE", "PYTHONDONTWRITEBYTECODE", "PYTHONIOENCODING")
                .containsAll(env), env.toString());
        assertFalse(v.path("env").toString().contains("jvm-secret"));
        assertTrue(v.path("procs").size() <= 4, "host processes visible: " + v.path("procs"));
        assertTrue(v.path("pid1").asText().contains("/sandbox/runner.py"), v.toString());
    }

    @Test
    void filesInTmpDoNotSurviveTheRun() throws Exception {
        String code = """
                import os
                def f(write):
                    seen = os.path.exists("/tmp/marker")
                    if write:
                        open("/tmp/marker", "w").write("left behind")
                    return seen
                """;
        assertStatus("OK", only(Jobs.of(code).test("write", "[true]")));
        JsonNode second = only(Jobs.of(code).test("look", "[false]"));
        assertStatus("OK", second);
        assertFalse(second.path("value").asBoolean());
    }

    /**
     * The leak checks run their box as a uid of their own: other sandboxes on this machine (other
     * test JVMs, a local stack) run as 65534 at the same time and would blur "nothing survives".
     */
    static final int LEAK_CHECK_UID = 64123;

    static JsonNode onlyAs(int uid, Jobs job) throws SandboxUnavailableException {
        try (LocalSandbox own = new LocalSandbox(SandboxConfig.defaults().withUser(uid, uid))) {
            JsonNode report = Jobs.parse(own.run(job.bytes()));
            assertEquals(1, report.path("results").size(), report.toString());
            return report.path("results").get(0);
        }
    }

    @Test
    void forkBombIsContainedAndNothingSurvives() throws Exception {
        Set<Long> before = new HashSet<>(ProcScan.pidsOfUid(LEAK_CHECK_UID));
        long t0 = System.nanoTime();
        JsonNode r = onlyAs(LEAK_CHECK_UID, Jobs.of("""
                import os
                def f():
                    while True:
                        try:
                            os.fork()
                        except OSError:
                            pass
                """).test("t", "[]").limit("timeMs", 1500));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertNotEquals("OK", r.path("status").asText());
        assertTrue(ms < 10_000, "took " + ms + " ms");
        assertNoLeftovers(before);
    }

    @Test
    void daemonizedChildIsKilledWithTheRun() throws Exception {
        Set<Long> before = new HashSet<>(ProcScan.pidsOfUid(LEAK_CHECK_UID));
        JsonNode r = onlyAs(LEAK_CHECK_UID, Jobs.of("""
                import os, time
                def f():
                    r, w = os.pipe()
                    if os.fork() == 0:
                        os.setsid()
                        pid = os.fork()
                        if pid == 0:
                            time.sleep(60)
                            os._exit(0)
                        os.write(w, str(pid).encode())
                        os._exit(0)
                    os.close(w)
                    daemon = int(os.read(r, 20))
                    time.sleep(0.1)
                    os.kill(daemon, 0)  # raises unless the daemon runs
                    return [7, daemon]
                """).test("t", "[]"));
        assertStatus("OK", r);
        assertEquals(7, r.path("value").path(0).asInt());
        assertNoLeftovers(before);
    }

    private static void assertNoLeftovers(Set<Long> before) throws InterruptedException {
        LocalSandbox.awaitPoolsSettled(java.time.Duration.ofSeconds(5));
        assertEquals(List.of(), liveDescendants(), "processes of the run outlived it");
        if (box.dropsToConfiguredUid()) {
            List<Long> left = new ArrayList<>(ProcScan.pidsOfUid(LEAK_CHECK_UID));
            left.removeAll(before);
            left.removeAll(LocalSandbox.idleBoxProcesses());
            String detail = ProcScan.all().stream().filter(p -> left.contains(p.pid()))
                    .map(p -> p.pid() + " " + p.cmdline() + " " + ProcScan.state(p.pid())).toList().toString();
            assertEquals(List.of(), left, "processes of the box's uid left on the host: " + detail);
        }
        if (box.cgroupsActive()) {
            assertEquals(List.of(), leftoverCgroups(), "cgroups of runs left behind");
        }
    }

    /** This JVM's live child processes, less the idle warm boxes (started ahead, never given a job). */
    static List<Long> liveDescendants() {
        LocalSandbox.awaitPoolsSettled(java.time.Duration.ofSeconds(5));
        // Processes first, idle boxes second: a box still forking shows its new child in both.
        List<Long> live = ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).map(ProcessHandle::pid).toList();
        Set<Long> idle = new java.util.HashSet<>(LocalSandbox.idleBoxProcesses());
        idle.addAll(LocalSandbox.helperProcesses());
        return live.stream().filter(pid -> !idle.contains(pid)).toList();
    }

    private static List<Path> leftoverCgroups() {
        List<Path> out = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/cgroup"))) {
                String[] f = line.split(":", 3);
                if (f.length < 3 || !(f[1].equals("pids") || f[1].equals("memory"))) continue;
                Path dir = Path.of("/sys/fs/cgroup", f[1], f[2].substring(1));
                try (Stream<Path> s = Files.list(dir)) {
                    // This JVM's runs only (pyquest-<pid>-<n>): another JVM's sandbox may be running right now.
                    String mine = "pyquest-" + ProcessHandle.current().pid() + "-";
                    Set<String> idle = LocalSandbox.idleBoxCgroups();
                    s.filter(p -> p.getFileName().toString().startsWith(mine) && !idle.contains(p.getFileName().toString()))
                            .forEach(out::add);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    @Test
    void theBoxRunsAsAnUnprivilegedUidOnTheHost() throws Exception {
        CompletableFuture<JsonNode> run = CompletableFuture.supplyAsync(() -> {
            try {
                return only(Jobs.of("import time\ndef f():\n    time.sleep(1.5)\n    return 1\n").test("t", "[]"));
            } catch (SandboxUnavailableException e) {
                throw new IllegalStateException(e);
            }
        });
        List<ProcScan.Proc> seen = new ArrayList<>();
        List<String> cgroups = new ArrayList<>();
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (seen.isEmpty() && System.nanoTime() < deadline) {
            ProcScan.all().stream().filter(p -> p.cmdline().contains(LocalSandbox.RUNNER_IN_BOX)
                    && !p.cmdline().contains("bwrap")).forEach(seen::add);
            for (ProcScan.Proc p : seen) {
                try {
                    cgroups.addAll(Files.readAllLines(Path.of("/proc/" + p.pid() + "/cgroup")));
                } catch (IOException ignored) {
                    // exited
                }
            }
            Thread.sleep(20);
        }
        assertStatus("OK", run.get());
        assertFalse(seen.isEmpty(), "never saw the runner process");
        for (ProcScan.Proc p : seen) {
            for (int uid : p.uids()) {
                assertNotEquals(0, uid, "runner " + p.pid() + " runs as root on the host");
                if (box.dropsToConfiguredUid()) assertEquals(SandboxConfig.NOBODY, uid);
            }
        }
        if (box.cgroupsActive()) {
            for (String controller : List.of(":pids:", ":memory:")) {
                assertTrue(cgroups.stream().anyMatch(l -> l.contains(controller) && l.contains("/pyquest-")),
                        "runner not in the run's " + controller + " cgroup: " + cgroups);
            }
        }
    }

    @Test
    void cgroupsAreUsedWhenTheJvmIsRoot() {
        if (LocalSandbox.effectiveUid() == 0) {
            assertTrue(box.cgroupsActive(), "root JVM on a cgroup v1 host should get cgroups");
        }
    }

    @Test
    void missingBwrapFailsClosed() {
        try (LocalSandbox broken = new LocalSandbox(SandboxConfig.defaults().withBwrap(Path.of("/nonexistent/bwrap")))) {
            SandboxUnavailableException e = assertThrows(SandboxUnavailableException.class,
                    () -> broken.run(Jobs.of("def f():\n    return 1\n").test("t", "[]").bytes()));
            assertTrue(e.getMessage().contains("apt-get install -y bubblewrap"), e.getMessage());
            assertFalse(e instanceof SandboxFailedException);
        }
    }

    @Test
    void missingPythonFailsClosed() {
        try (LocalSandbox broken = new LocalSandbox(SandboxConfig.defaults().withPython(Path.of("/usr/bin/nonexistent-python")))) {
            assertThrows(SandboxUnavailableException.class,
                    () -> broken.run(Jobs.of("def f():\n    return 1\n").test("t", "[]").bytes()));
        }
    }

    @Test
    void aRunnerThatFailsFailsTheRun() {
        try (LocalSandbox broken = new LocalSandbox(SandboxConfig.defaults().withPython(Path.of("/usr/bin/false")))) {
            SandboxFailedException e = assertThrows(SandboxFailedException.class,
                    () -> broken.run(Jobs.of("def f():\n    return 1\n").test("t", "[]").bytes()));
            assertTrue(e.getMessage().contains("exit status 1"), e.getMessage());
        }
    }

    @Test
    void theReportStaysWithinItsBudget() throws Exception {
        try (LocalSandbox small = new LocalSandbox(SandboxConfig.defaults().withMaxOutputBytes(256 * 1024))) {
            Jobs job = Jobs.of("def f():\n    print('y' * 40000)\n    return 'z' * 40000\n").limit("outputBytes", 65536);
            for (int i = 0; i < 6; i++) job.test("t" + i, "[]");
            JsonNode r = Jobs.parse(small.run(job.bytes()));
            JsonNode results = r.path("results");
            assertEquals(6, results.size());
            assertStatus("OK", results.get(0));
            assertStatus("OUTPUT_LIMIT", results.get(5));
        }
    }

    @Test
    void theWholeRunHasAWallClock() throws Exception {
        try (LocalSandbox quick = new LocalSandbox(SandboxConfig.defaults().withMaxRunWall(java.time.Duration.ofSeconds(2)))) {
            long t0 = System.nanoTime();
            SandboxFailedException e = assertThrows(SandboxFailedException.class, () -> quick.run(
                    Jobs.of("import time\ndef f():\n    time.sleep(10)\n").test("a", "[]").test("b", "[]")
                            .limit("timeMs", 5000).bytes()));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(e.getMessage().contains("wall-clock"), e.getMessage());
            assertTrue(ms < 5000, "took " + ms + " ms");
            assertEquals(List.of(), liveDescendants());
        }
    }

    @Test
    void concurrentRunsDoNotInterfere() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        AtomicInteger ok = new AtomicInteger();
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                int n = i;
                futures.add(pool.submit(() -> {
                    JsonNode r = run(Jobs.of("def f(a, b):\n    return a * b\n").test("x", "[" + n + ", 3]").test("y", "[2, " + n + "]"));
                    assertEquals(n * 3, r.path("results").get(0).path("value").asInt());
                    assertEquals(2 * n, r.path("results").get(1).path("value").asInt());
                    ok.incrementAndGet();
                    return null;
                }));
            }
            for (Future<?> f : futures) f.get();
        } finally {
            pool.shutdownNow();
        }
        assertEquals(6, ok.get());
    }

    @Test
    void warmBoxesAreStartedAheadUsedOnceAndGoneAfterClose() throws Exception {
        try (LocalSandbox warm = new LocalSandbox(SandboxConfig.defaults().withWarmBoxes(2))) {
            warm.warmUp();
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (LocalSandbox.idleBoxCgroups().isEmpty() && warm.cgroupsActive() && System.nanoTime() < deadline) Thread.sleep(10);
            // A run leaves a file in /tmp and a note of its pid namespace; the next run, in another
            // warm box, sees neither: boxes are never reused.
            String code = "import os\ndef f():\n    seen = os.listdir('/tmp')\n    open('/tmp/mark', 'w').write('x')\n    return seen\n";
            for (int i = 0; i < 3; i++) {
                JsonNode r = Jobs.parse(warm.run(Jobs.of(code).test("t", "[]").bytes())).path("results").get(0);
                assertStatus("OK", r);
                assertEquals("[]", r.path("value").toString(), "run " + i + " saw a file of an earlier run");
            }
            // A job with its own memory limit is still judged by it in a warm box.
            JsonNode hog = Jobs.parse(warm.run(Jobs.of("def f():\n    b = bytearray(80 << 20)\n    return len(b)\n")
                    .test("t", "[]").limit("memoryMb", 32).bytes())).path("results").get(0);
            assertStatus("MEMORY_LIMIT", hog);
            Set<Long> idle = LocalSandbox.idleBoxProcesses();
            assertFalse(idle.isEmpty(), "the pool refills after each run");
        }
        assertEquals(List.of(), liveDescendants());
        if (box.cgroupsActive()) assertEquals(List.of(), leftoverCgroups());
    }

    /** One long-lived renice helper serves every warm box; it is the JVM's child, sleeping between requests. */
    @Test
    void warmBoxesAreRenicedThroughOneLongLivedHelper() throws Exception {
        try (LocalSandbox warm = new LocalSandbox(SandboxConfig.defaults().withWarmBoxes(2))) {
            // Warm boxes wait at nice 19 (and are reniced) only when the JVM is root, as in CI.
            org.junit.jupiter.api.Assumptions.assumeTrue(warm.dropsToConfiguredUid(), "renicing needs a root JVM");
            warm.warmUp();
            LocalSandbox.awaitPoolsReady(java.time.Duration.ofSeconds(20));
            for (int i = 0; i < 3; i++) {
                JsonNode r = Jobs.parse(warm.run(Jobs.of("import os\ndef f():\n    return os.nice(0)\n").test("t", "[]").bytes()))
                        .path("results").get(0);
                assertStatus("OK", r);
                assertEquals(LocalSandbox.RUN_NICE, r.path("value").asInt(), "a job in a warm box runs at RUN_NICE, below the JVM");
            }
            Set<Long> helpers = LocalSandbox.helperProcesses();
            assertEquals(1, helpers.size(), "one helper for every box: " + helpers);
            long helper = helpers.iterator().next();
            assertTrue(ProcessHandle.current().children().anyMatch(c -> c.pid() == helper), "the helper is this JVM's child");
            warm.run(Jobs.of("def f():\n    return 1\n").test("t", "[]").bytes());
            assertEquals(helpers, LocalSandbox.helperProcesses(), "the same helper serves the next run");
        }
    }

    /** The benchmark's settle point: once it returns, every idle box's interpreter is up and blocked reading its job. */
    @Test
    void awaitPoolsReadyReturnsOnceEveryIdleRunnerWaitsForItsJob() throws Exception {
        try (LocalSandbox warm = new LocalSandbox(SandboxConfig.defaults().withWarmBoxes(3))) {
            warm.run(Jobs.of("def f():\n    return 1\n").test("t", "[]").bytes()); // uses a box, refills
            LocalSandbox.awaitPoolsReady(java.time.Duration.ofSeconds(20));
            java.util.Map<Long, String> pythons = new java.util.HashMap<>();
            for (long pid : LocalSandbox.idleBoxProcesses()) {
                String cmd = new String(java.nio.file.Files.readAllBytes(java.nio.file.Path.of("/proc/" + pid + "/cmdline")));
                if (!cmd.startsWith(SandboxConfig.defaults().python() + "\0")) continue;
                String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + pid + "/stat"));
                pythons.put(pid, String.valueOf(stat.charAt(stat.lastIndexOf(')') + 2)));
            }
            assertTrue(pythons.size() >= 3, "an interpreter in each of the 3 idle boxes: " + pythons);
            assertTrue(pythons.values().stream().allMatch("S"::equals), "every idle runner sleeps on its stdin: " + pythons);
        }
    }

    /**
     * Starting boxes stalls the rest of the machine (forks and page faults are served one at a time
     * here), so after a run the pool is topped up once the verdict has had time to be recorded, as
     * long as it still holds a box for each half of the next submission; otherwise at once.
     */
    @Test
    void thePoolIsToppedUpAfterTheVerdictsWorkUnlessTheNextSubmissionWouldFindItShort() throws Exception {
        byte[] job = Jobs.of("def f():\n    return 1\n").test("t", "[]").bytes();
        try (LocalSandbox warm = new LocalSandbox(SandboxConfig.defaults().withWarmBoxes(4))) {
            warm.warmUp();
            LocalSandbox.awaitPoolsReady(java.time.Duration.ofSeconds(20));
            long t0 = System.nanoTime();
            warm.run(job);                                  // one box taken, three left
            assertEquals(0, warm.startingBoxes(), "no box is started right after the run");
            assertEquals(1, LocalSandbox.scheduledRefills(), "the refill is scheduled");
            LocalSandbox.awaitPoolsSettled(java.time.Duration.ofSeconds(20));
            assertTrue(System.nanoTime() - t0 >= LocalSandbox.REFILL_DELAY_MS * 1_000_000L, "refilled no sooner than the delay");
            assertEquals(0, LocalSandbox.scheduledRefills());
            assertEquals(4, warm.idleBoxes(), "the pool is full again");
        }
        try (LocalSandbox warm = new LocalSandbox(SandboxConfig.defaults().withWarmBoxes(2))) {
            warm.warmUp();
            LocalSandbox.awaitPoolsReady(java.time.Duration.ofSeconds(20));
            // A submission's two halves take both boxes: the next submission would find none.
            com.fasterxml.jackson.databind.node.ObjectNode two = (com.fasterxml.jackson.databind.node.ObjectNode)
                    Jobs.parse(Jobs.of("def f(x):\n    return x\n").test("p", "[1]").test("h", "[2]").bytes());
            two.put(LocalSandbox.PUBLIC_COUNT, 1);
            assertEquals(2, Jobs.parse(warm.run(Jobs.JSON.writeValueAsBytes(two))).path("results").size());
            assertEquals(0, LocalSandbox.scheduledRefills(), "no refill is put off");
            assertTrue(warm.startingBoxes() + warm.idleBoxes() > 0, "boxes are being started at once");
        }
    }

    /** Two sandboxes in one JVM (the local stack's and a benchmark's) once drew the same cgroup names. */
    @Test
    void twoSandboxesInOneJvmNeverShareACgroupName() throws Exception {
        if (!box.cgroupsActive()) return;
        SandboxConfig required = SandboxConfig.defaults().withCgroupsRequired(true);
        try (LocalSandbox a = new LocalSandbox(required); LocalSandbox b = new LocalSandbox(required)) {
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<JsonNode>> runs = new ArrayList<>();
                for (int i = 0; i < 16; i++) {
                    LocalSandbox s = i % 2 == 0 ? a : b;
                    runs.add(pool.submit(() -> Jobs.parse(s.run(Jobs.of("def f():\n    return 1\n").test("t", "[]").bytes()))));
                }
                for (Future<JsonNode> r : runs) assertStatus("OK", r.get().path("results").get(0));
            } finally {
                pool.shutdown();
            }
        }
    }

    /** With no warm box to take, a box started for the job runs below the JVM too. */
    @Test
    void aJobInAColdBoxRunsBelowTheJvm() throws Exception {
        try (LocalSandbox cold = new LocalSandbox(SandboxConfig.defaults().withWarmBoxes(0))) {
            org.junit.jupiter.api.Assumptions.assumeTrue(cold.dropsToConfiguredUid(), "renicing needs a root JVM");
            JsonNode r = Jobs.parse(cold.run(Jobs.of("import os\ndef f():\n    return [os.getpriority(os.PRIO_PROCESS, 0), os.getpriority(os.PRIO_PROCESS, 1)]\n")
                    .test("t", "[]").bytes())).path("results").get(0);
            assertStatus("OK", r);
            assertEquals("[" + LocalSandbox.RUN_NICE + "," + LocalSandbox.RUN_NICE + "]", r.path("value").toString());
        }
    }

    /** Warm boxes wait at nice 19; a job runs at RUN_NICE (10): above idle boxes, below the JVM that serves the API. */
    @Test
    void aJobInAWarmBoxRunsBelowTheJvmAndAboveIdleBoxes() throws Exception {
        try (LocalSandbox warm = new LocalSandbox(SandboxConfig.defaults().withWarmBoxes(1))) {
            warm.warmUp();
            // Ready, not just settled: a box just started is still passing through `nice`, at 0 until it sets 19.
            LocalSandbox.awaitPoolsReady(java.time.Duration.ofSeconds(10));
            if (warm.dropsToConfiguredUid()) {
                for (long pid : LocalSandbox.idleBoxProcesses()) {
                    String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    assertEquals("19", f[16], "an idle box waits at nice 19: " + stat);
                }
            }
            JsonNode r = Jobs.parse(warm.run(Jobs.of("import os\ndef f():\n    return [os.getpriority(os.PRIO_PROCESS, 0), os.getpriority(os.PRIO_PROCESS, 1)]\n")
                    .test("t", "[]").bytes())).path("results").get(0);
            assertStatus("OK", r);
            int nice = warm.dropsToConfiguredUid() ? LocalSandbox.RUN_NICE : 0;     // only root can renice the box
            assertEquals("[" + nice + "," + nice + "]", r.path("value").toString(), "the test process and the runner run at nice " + nice);
        }
    }

    // ------------------------------------------------------------------ issue 11: what a box may learn of another

    @Test
    void aSubmissionsHiddenBoxStartsOnlyAfterItsPublicBoxHasEnded() throws Exception {
        // Each test reports when its call began and ended (host clock, shared by both boxes).
        Jobs job = Jobs.of("""
                import time
                def f(x):
                    start = time.time()
                    time.sleep(0.3)
                    return [start, time.time()]
                """).test("p1", "[0]").test("p2", "[1]").test("h1", "[2]").test("h2", "[3]").publicCount(2);
        JsonNode r = run(job).path("results");
        assertEquals(4, r.size(), r.toString());
        double publicEnd = Math.max(r.get(0).path("value").path(1).asDouble(), r.get(1).path("value").path(1).asDouble());
        double hiddenStart = Math.min(r.get(2).path("value").path(0).asDouble(), r.get(3).path("value").path(0).asDouble());
        assertTrue(hiddenStart > publicEnd, "the hidden box ran while the public box did: " + r);
    }

    @Test
    void locksLeasesNotificationsAndPageCacheProbesFailInTheBox() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue("amd64".equals(System.getProperty("os.arch")));
        RunnerHardeningTest.checkProbes(only(Jobs.of(RunnerHardeningTest.PROBES).test("probe", "[0]")));
    }
}
