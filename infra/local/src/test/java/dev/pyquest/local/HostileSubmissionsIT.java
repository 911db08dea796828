package dev.pyquest.local;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Hostile learner programs, each submitted through the real path: {@code POST /activities/{slug}/submissions}
 * on a local stack started here (real workflow, real bubblewrap sandbox, real DynamoDB Local), then
 * polled with {@code GET /submissions/{id}}. Every row is one program and what the judge must make
 * of it; for every row the suite also checks that the learner earned nothing, that no process of
 * the sandbox uid is left on the host once the verdicts are in, and that host files are unchanged.
 *
 * <p>Rows run in small concurrent batches (the stack judges up to four submissions at a time), at
 * most one slow row (one that runs into a time limit) per batch. Programs that misbehave on purpose
 * but only need to do it once do it on the first public example and return None (a wrong answer)
 * on the other tests: the row then expects that first test's status and WRONG_ANSWER for the rest.
 *
 * <p>A row that shows a real hole is not in the table: it has its own {@code @Disabled("HOLE: ...")}
 * test at the bottom, still asserting what should hold.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileSubmissionsIT {
    static final String FIZZBUZZ = "fizzbuzz", SUM_OF_EVENS = "sum-of-evens", REVERSE_WORDS = "reverse-words",
            FLATTEN = "flatten", WORD_FREQUENCIES = "word-frequencies";
    static final String PASSED = "PASSED", FAILED = "FAILED",
            WRONG_ANSWER = "WRONG_ANSWER", TIME_LIMIT = "TIME_LIMIT", MEMORY_LIMIT = "MEMORY_LIMIT",
            OUTPUT_LIMIT = "OUTPUT_LIMIT", RUNTIME_ERROR = "RUNTIME_ERROR", NOT_RUN = "NOT_RUN";
    private static final Duration VERDICT = Duration.ofSeconds(120);
    /** How long the host may take to reap a finished box's processes. */
    private static final Duration REAP_GRACE = Duration.ofSeconds(2);
    private static final int BATCH = 4;

    @TempDir
    static Path data;
    @TempDir
    static Path hostDir;

    private LocalStack stack;
    private Api api;
    private Path canary;
    private List<HostWatch.FileState> hostFiles;
    /** Sandbox-uid processes found before the suite, or already reported: not blamed again. */
    private final Set<String> ignoredProcesses = ConcurrentHashMap.newKeySet();
    /** Tokens of every hostile learner, for the last look at their rewards. */
    private final List<String> hostileLearners = Collections.synchronizedList(new ArrayList<>());
    private final Map<Integer, BatchResult> batches = new ConcurrentHashMap<>();

    @BeforeAll
    void start() throws IOException {
        canary = hostDir.resolve("canary.txt");
        Files.writeString(canary, "PyQuest host canary " + UUID.randomUUID() + "\n");
        Files.setLastModifiedTime(canary, FileTime.from(Instant.parse("2001-02-03T04:05:06Z")));
        hostFiles = List.of(HostWatch.FileState.of(canary), HostWatch.FileState.of(Path.of("/etc/passwd")));
        ignoredProcesses.addAll(HostWatch.snapshot());
        stack = LocalStack.start(LocalStack.Config.fromEnvironment().withDataDir(data).withPort(0));
        api = new Api(stack.port());
    }

    @AfterAll
    void stop() {
        if (stack != null) stack.close();
    }

    // =================================================================== the table

    private List<Case> cases() {
        return List.of(
                // ---------------------------------------------------------- CPU and wall time
                row("busy loop", FIZZBUZZ, """
                        def fizzbuzz(n):
                            if n != 5:
                                return None
                            while True:
                                pass
                        """, FAILED, firstThen(TIME_LIMIT, NOT_RUN)),
                row("sleeps for an hour", FIZZBUZZ, """
                        import time
                        def fizzbuzz(n):
                            if n == 5:
                                time.sleep(3600)
                            return None
                        """, FAILED, firstThen(TIME_LIMIT, NOT_RUN)),
                row("ignores SIGALRM/SIGXCPU/SIGTERM, cancels alarms, tries to lift RLIMIT_CPU, loops", FIZZBUZZ, """
                        import resource, signal
                        def fizzbuzz(n):
                            if n != 5:
                                return None
                            for s in (signal.SIGALRM, signal.SIGXCPU, signal.SIGTERM, signal.SIGINT, signal.SIGHUP,
                                      signal.SIGVTALRM, signal.SIGPROF):
                                signal.signal(s, signal.SIG_IGN)
                            signal.alarm(0)
                            signal.setitimer(signal.ITIMER_REAL, 0)
                            try:
                                resource.setrlimit(resource.RLIMIT_CPU, (resource.RLIM_INFINITY, resource.RLIM_INFINITY))
                                print("cpu limit lifted")
                            except (ValueError, OSError):
                                print("cpu limit kept")
                            while True:
                                pass
                        """, FAILED, firstThen(TIME_LIMIT, NOT_RUN))
                        .stdout(out -> assertTrue(out.contains("cpu limit kept"), out)),
                row("SIGALRM handler re-arms itself and every exception is swallowed", FIZZBUZZ, """
                        import signal
                        def fizzbuzz(n):
                            if n != 5:
                                return None
                            def again(signum, frame):
                                signal.setitimer(signal.ITIMER_REAL, 0.05)
                            signal.signal(signal.SIGALRM, again)
                            signal.setitimer(signal.ITIMER_REAL, 0.05)
                            while True:
                                try:
                                    sum(range(10 ** 6))
                                except BaseException:
                                    pass
                        """, FAILED, firstThen(TIME_LIMIT, NOT_RUN)),
                row("catches BaseException around a busy loop", FIZZBUZZ, """
                        def fizzbuzz(n):
                            if n != 5:
                                return None
                            while True:
                                try:
                                    while True:
                                        pass
                                except BaseException:
                                    continue
                        """, FAILED, firstThen(TIME_LIMIT, NOT_RUN)),
                row("a forked child keeps burning CPU after the function returned", FIZZBUZZ, """
                        import os
                        def fizzbuzz(n):
                            if os.fork() == 0:
                                while True:
                                    pass
                            return None
                        """, FAILED, all(WRONG_ANSWER)),

                // ---------------------------------------------------------- signals
                row("SIGKILLs its own process group", FIZZBUZZ, """
                        import os, signal
                        def fizzbuzz(n):
                            os.killpg(0, signal.SIGKILL)
                            return None
                        """, FAILED, all(RUNTIME_ERROR)),
                row("kill(-1, SIGKILL): every process it may signal", FIZZBUZZ, """
                        import os, signal
                        def fizzbuzz(n):
                            os.kill(-1, signal.SIGKILL)
                            return None
                        """, FAILED, all(RUNTIME_ERROR)),
                row("SIGKILL, SIGSTOP, SIGTERM and SIGSEGV to its parent", FIZZBUZZ, """
                        import os, signal
                        def fizzbuzz(n):
                            parent = os.getppid()
                            for s in (signal.SIGKILL, signal.SIGSTOP, signal.SIGTERM, signal.SIGSEGV):
                                os.kill(parent, s)
                            print("parent", parent, "still there")
                            return None
                        """, FAILED, all(WRONG_ANSWER))
                        // The parent is the box's init (the runner), which its namespace cannot kill or stop.
                        .stdout(out -> assertEquals("parent 1 still there", out.strip())),
                row("SIGSTOPs itself", FIZZBUZZ, """
                        import os, signal
                        def fizzbuzz(n):
                            if n == 5:
                                os.kill(os.getpid(), signal.SIGSTOP)
                            return None
                        """, FAILED, firstThen(TIME_LIMIT, NOT_RUN)),

                // ---------------------------------------------------------- memory
                row("a list of a billion items", FIZZBUZZ, """
                        def fizzbuzz(n):
                            items = [0] * (10 ** 9)
                            return None
                        """, FAILED, all(MEMORY_LIMIT)),
                row("a 1 GiB bytearray", FIZZBUZZ, """
                        def fizzbuzz(n):
                            block = bytearray(1 << 30)
                            return None
                        """, FAILED, all(MEMORY_LIMIT)),
                // The next two grow to the memory limit by touching pages: ~256 MiB and ~128 MiB of page
                // faults at ~40 µs each on this VM take 1-3 s, so on a loaded machine the 2 s time limit can
                // fire first. Either limit is a correct verdict; never a pass, a reward or a leftover process.
                row("string doubling", FIZZBUZZ, """
                        def fizzbuzz(n):
                            if n != 5:
                                return None
                            s = "x"
                            while True:
                                s += s
                        """, FAILED, firstEitherThen(MEMORY_LIMIT, TIME_LIMIT, WRONG_ANSWER, NOT_RUN)),
                row("touches memory 1 MiB at a time", FIZZBUZZ, """
                        def fizzbuzz(n):
                            if n != 5:
                                return None
                            kept = []
                            while True:
                                kept.append(bytearray(1 << 20))
                        """, FAILED, firstEitherThen(MEMORY_LIMIT, TIME_LIMIT, WRONG_ANSWER, NOT_RUN)),

                // ---------------------------------------------------------- fork and thread bombs
                row("fork bomb", FIZZBUZZ, """
                        import os
                        def fizzbuzz(n):
                            if n != 5:
                                return None
                            while True:
                                try:
                                    os.fork()
                                except OSError:
                                    pass
                        """, FAILED, firstThen(TIME_LIMIT, NOT_RUN)),
                row("10,000 threads", FIZZBUZZ, """
                        import threading, time
                        def fizzbuzz(n):
                            for _ in range(10000):
                                threading.Thread(target=time.sleep, args=(3600,), daemon=True).start()
                            return None
                        """, FAILED, all(RUNTIME_ERROR)),
                row("multiprocessing.Pool", FIZZBUZZ, """
                        import multiprocessing
                        def square(x):
                            return x * x
                        def fizzbuzz(n):
                            with multiprocessing.Pool(8) as pool:
                                return [str(v) for v in pool.map(square, range(n))]
                        """, FAILED, all(RUNTIME_ERROR)),     // its semaphores need a writable /dev/shm
                row("multiprocessing.Process children left sleeping", FIZZBUZZ, """
                        import multiprocessing, time
                        def fizzbuzz(n):
                            for _ in range(5):
                                multiprocessing.Process(target=time.sleep, args=(3600,)).start()
                            return None
                        """, FAILED, all(WRONG_ANSWER)),
                // Parent and child both return and both report: whichever report the runner sees
                // first, the test is a wrong answer (None) or a protocol violation, never a pass.
                row("forks and returns in both processes", FIZZBUZZ, """
                        import os
                        def fizzbuzz(n):
                            os.fork()
                            return None
                        """, FAILED, all(WRONG_ANSWER, RUNTIME_ERROR)),

                // ---------------------------------------------------------- daemonized children
                row("double fork + setsid daemon that sleeps", FIZZBUZZ, """
                        import os, time
                        def fizzbuzz(n):
                            child = os.fork()
                            if child == 0:
                                os.setsid()
                                if os.fork() == 0:
                                    os.closerange(0, 64)
                                    time.sleep(3600)
                                os._exit(0)
                            os.waitpid(child, 0)
                            return None
                        """, FAILED, all(WRONG_ANSWER)),
                row("subprocess.Popen of sleep, in a new session and not", FIZZBUZZ, """
                        import subprocess
                        def fizzbuzz(n):
                            subprocess.Popen(["sleep", "3600"], start_new_session=True, stdin=subprocess.DEVNULL,
                                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                            subprocess.Popen(["sleep", "3601"])
                            return None
                        """, FAILED, all(WRONG_ANSWER)),
                row("shell background jobs", FIZZBUZZ, """
                        import subprocess
                        def fizzbuzz(n):
                            subprocess.run(["sh", "-c", "sleep 3600 & sleep 3601 & exit 0"], check=True)
                            return None
                        """, FAILED, all(WRONG_ANSWER)),

                // ---------------------------------------------------------- output floods
                row("stdout flood", FIZZBUZZ, """
                        def fizzbuzz(n):
                            while True:
                                print("x" * 10000)
                        """, FAILED, all(OUTPUT_LIMIT))
                        .verdict(v -> assertTrue(test(v, 0).path("stdout").asText().length() <= 4096 + 1, "shown stdout is capped")),
                row("64 MiB to stderr, then returns", FIZZBUZZ, """
                        import os, sys
                        def fizzbuzz(n):
                            chunk = "e" * 65536
                            for _ in range(512):
                                sys.stderr.write(chunk)
                                os.write(2, b"E" * 65536)
                            return None
                        """, FAILED, all(WRONG_ANSWER)),
                row("endless stderr flood", FIZZBUZZ, """
                        import os
                        def fizzbuzz(n):
                            if n != 5:
                                return None
                            while True:
                                os.write(2, b"E" * 65536)
                        """, FAILED, firstThen(TIME_LIMIT, NOT_RUN)),
                row("a 2 MB return value", FIZZBUZZ, """
                        def fizzbuzz(n):
                            return ["Fizz" * 25] * 20000
                        """, FAILED, all(OUTPUT_LIMIT)),

                // ---------------------------------------------------------- disk and inodes in /tmp
                row("one file in /tmp past the file size limit", FIZZBUZZ, """
                        def fizzbuzz(n):
                            with open("/tmp/big", "wb") as f:
                                while True:
                                    f.write(bytes(1 << 20))
                        """, FAILED, all(RUNTIME_ERROR)),
                row("4 MiB files until /tmp is full", FIZZBUZZ, """
                        def fizzbuzz(n):
                            i = 0
                            while True:
                                with open("/tmp/fill%d" % i, "wb") as f:
                                    f.write(bytes(4 << 20))
                                i += 1
                        """, FAILED, all(RUNTIME_ERROR))
                        .verdict(v -> assertTrue(test(v, 0).path("message").asText().contains("No space left on device"), v.toString())),
                // Creating files never ends (the tmpfs has more inodes than 2 s can use up); the
                // other tests check that /tmp was emptied after it.
                row("creates files without end, then checks /tmp is empty again", FIZZBUZZ, """
                        import os
                        def fizzbuzz(n):
                            if n != 5:
                                if os.listdir("/tmp"):
                                    raise RuntimeError("files of an earlier test are still in /tmp")
                                return None
                            i = 0
                            while True:
                                if i % 1000 == 0:
                                    os.mkdir("/tmp/d%d" % i)
                                open("/tmp/d%d/f%d" % (i - i % 1000, i), "w").close()
                                i += 1
                        """, FAILED, firstThen(TIME_LIMIT, NOT_RUN)),

                // ---------------------------------------------------------- persistence between runs
                row("persistence: first run writes /tmp, /dev/shm and $HOME", FIZZBUZZ, PERSIST, FAILED, all(WRONG_ANSWER))
                        .stdout(out -> assertEquals("seen []", out.strip())),
                row("persistence: a later run sees nothing of it", FIZZBUZZ, PERSIST, FAILED, all(WRONG_ANSWER))
                        .after("persistence: first run writes /tmp, /dev/shm and $HOME")
                        .stdout(out -> assertEquals("seen []", out.strip())),

                // ---------------------------------------------------------- network
                row("connects to the stack's own port on 127.0.0.1", FIZZBUZZ, """
                        import socket, urllib.request
                        def fizzbuzz(n):
                            if n != 5:
                                return None
                            s = socket.socket()
                            s.settimeout(2)
                            try:
                                s.connect(("127.0.0.1", {PORT}))
                                print("connected")
                            except OSError as e:
                                print("refused", e.errno)
                            try:
                                urllib.request.urlopen("http://127.0.0.1:{PORT}/dev/token", data=b'{"sub":"x"}', timeout=2)
                                print("http answered")
                            except OSError:
                                print("http failed")
                            return None
                        """, FAILED, all(WRONG_ANSWER))
                        // 111: ECONNREFUSED: the box's own loopback, where nothing listens.
                        .stdout(out -> assertEquals("refused 111\nhttp failed", out.strip())),
                row("connects to 8.8.8.8:53 over TCP and UDP", FIZZBUZZ, """
                        import socket, time
                        def fizzbuzz(n):
                            if n != 5:
                                return None
                            started = time.monotonic()
                            for kind in (socket.SOCK_STREAM, socket.SOCK_DGRAM):
                                s = socket.socket(socket.AF_INET, kind)
                                s.settimeout(2)
                                try:
                                    if kind == socket.SOCK_STREAM:
                                        s.connect(("8.8.8.8", 53))
                                    else:
                                        s.sendto(b"x", ("8.8.8.8", 53))
                                    print("sent")
                                except OSError as e:
                                    print("unreachable", e.errno)
                                s.close()
                            print("fast", time.monotonic() - started < 0.5)
                            print(sorted(line.split(":")[0].strip() for line in open("/proc/net/dev").read().splitlines()[2:]))
                            return None
                        """, FAILED, all(WRONG_ANSWER))
                        // 101: ENETUNREACH, at once: the box's network namespace has no route, so no packet leaves.
                        .stdout(out -> assertEquals("unreachable 101\nunreachable 101\nfast True\n['lo']", out.strip())),

                // ---------------------------------------------------------- secrets and host files
                row("reads /etc/shadow, /etc/passwd, /root and the JWT key files", FIZZBUZZ, """
                        def fizzbuzz(n):
                            if n != 5:
                                return None
                            for path in ("/etc/shadow", "/etc/passwd", "/root", "/root/.ssh/id_rsa", "/home",
                                         "{REPO}/.pyquest/jwt-key.json", "{DATA}/jwt-key.json", "{REPO}/pom.xml"):
                                try:
                                    with open(path, "rb") as f:
                                        print(path, "READ", f.read(40))
                                except OSError as e:
                                    print(path, type(e).__name__)
                            return None
                        """, FAILED, all(WRONG_ANSWER))
                        .stdout(out -> {
                            assertFalse(out.contains("READ"), out);
                            assertEquals(8, out.strip().lines().filter(l -> l.endsWith(" FileNotFoundError")).count(), out);
                        }),
                row("environment: its own, and every /proc/<pid>/environ it can see", FIZZBUZZ, """
                        import os
                        def fizzbuzz(n):
                            if n != 5:
                                return None
                            print("env", sorted(os.environ))
                            for pid in sorted(os.listdir("/proc")):
                                if pid.isdigit():
                                    try:
                                        with open("/proc/%s/environ" % pid, "rb") as f:
                                            print(pid, f.read())
                                    except OSError as e:
                                        print(pid, type(e).__name__)
                            return None
                        """, FAILED, all(WRONG_ANSWER))
                        .stdout(out -> {
                            assertTrue(out.startsWith("env ['HOME', 'LANG', 'PATH', 'PWD', 'PYTHONDONTWRITEBYTECODE', 'PYTHONIOENCODING']"), out);
                            for (String secret : List.of("AWS_", "PYQUEST_", "JAVA_", "MAVEN", "JDK", "/root", "/work"))
                                assertFalse(out.contains(secret), secret + " in " + out);
                            assertTrue(out.contains("1 PermissionError"), "the runner's own environ is closed: " + out);
                        }),
                row("/proc/self/mountinfo names no sensitive host path", FIZZBUZZ, MOUNTINFO, FAILED, all(WRONG_ANSWER))
                        .stdout(out -> {
                            assertTrue(out.contains(" /usr "), out);
                            for (String host : List.of(repo(), data.toString(), hostDir.toString(), "/work", "/root", "/home", "/etc", " /var"))
                                assertFalse(out.contains(host), host + " in " + out);
                        }),
                row("/proc lists only the box's processes", FIZZBUZZ, """
                        import os
                        def fizzbuzz(n):
                            if n != 5:
                                return None
                            print("pids", sorted(int(p) for p in os.listdir("/proc") if p.isdigit()))
                            print("host jvm visible", os.path.exists("/proc/{JVMPID}"))
                            return None
                        """, FAILED, all(WRONG_ANSWER))
                        .stdout(out -> {
                            Matcher m = Pattern.compile("pids \\[([0-9, ]*)]").matcher(out);
                            assertTrue(m.find(), out);
                            List<Integer> pids = Stream.of(m.group(1).split(", ")).map(Integer::parseInt).toList();
                            assertTrue(pids.size() <= 3 && pids.contains(1) && pids.stream().allMatch(p -> p < 100), out);
                            assertTrue(out.contains("host jvm visible False"), out);
                        }),
                row("other submissions: the stack's jobs folder and the runner's fds", FIZZBUZZ, """
                        import os
                        def fizzbuzz(n):
                            if n != 5:
                                return None
                            for path in ("{DATA}", "{DATA}/jobs", "{DATA}/jobs/jobs", "{DATA}/jobs/results", "{REPO}/.pyquest/jobs",
                                         "/proc/1/fd", "/proc/1/root/tmp", "/proc/1/cwd"):
                                try:
                                    print(path, "LISTED", os.listdir(path))
                                except OSError as e:
                                    print(path, type(e).__name__)
                            return None
                        """, FAILED, all(WRONG_ANSWER))
                        .stdout(out -> {
                            assertFalse(out.contains("LISTED"), out);
                            assertEquals(5, out.lines().filter(l -> l.endsWith(" FileNotFoundError")).count(), out);
                            assertEquals(3, out.lines().filter(l -> l.startsWith("/proc/1/") && l.endsWith(" PermissionError")).count(), out);
                        }),

                // ---------------------------------------------------------- symlinks, hard links, FIFOs
                // Every test plants the same names: had /tmp not been emptied in between, symlink()
                // would fail with FileExistsError (a RUNTIME_ERROR).
                row("plants symlinks to host paths, result-like names, a FIFO and a locked folder in /tmp", FIZZBUZZ, """
                        import os
                        def fizzbuzz(n):
                            made = []
                            for target, link in (("{CANARY}", "/tmp/result.json"), ("/etc/passwd", "/tmp/report.json"),
                                                 ("{DATA}/jobs/results", "/tmp/results"), ("/", "/tmp/root"),
                                                 ("/proc/1/root", "/tmp/init-root"), ("/sandbox/runner.py", "/tmp/runner.py"),
                                                 ("{CANARY}", "/tmp/result")):
                                os.symlink(target, link)
                                made.append(link)
                            for source in ("/sandbox/runner.py", "/usr/bin/python3"):
                                try:
                                    os.link(source, "/tmp/hard-" + os.path.basename(source))
                                    made.append("hard link to " + source)
                                except OSError as e:
                                    made.append("no hard link to %s (%d)" % (source, e.errno))
                            os.mkfifo("/tmp/result.fifo")
                            os.makedirs("/tmp/locked/inner")
                            os.symlink("{CANARY}", "/tmp/locked/inner/canary")
                            os.chmod("/tmp/locked/inner", 0)
                            os.chmod("/tmp/locked", 0)
                            print(made)
                            return None
                        """, FAILED, all(WRONG_ANSWER))
                        // 18: EXDEV: /tmp is the box's own tmpfs, no hard link reaches a host file.
                        .stdout(out -> assertTrue(out.contains("no hard link to /sandbox/runner.py (18)")
                                && out.contains("no hard link to /usr/bin/python3 (18)"), out)),
                row("writes to the canary's host path, /etc/passwd, /usr and the runner", FIZZBUZZ, """
                        import os
                        def fizzbuzz(n):
                            if n != 5:
                                return None
                            for path in ("{CANARY}", "/etc/passwd", "/usr/bin/pyquest-was-here", "/sandbox/runner.py",
                                         "/proc/1/root/sandbox/runner.py"):
                                try:
                                    with open(path, "a") as f:
                                        f.write("owned")
                                    print(path, "WRITTEN")
                                except OSError as e:
                                    print(path, type(e).__name__)
                            os.makedirs(os.path.dirname("{CANARY}"), exist_ok=True)
                            with open("{CANARY}", "w") as f:
                                f.write("owned")
                            print("the box's own copy:", open("{CANARY}").read())
                            return None
                        """, FAILED, all(WRONG_ANSWER))
                        .stdout(out -> {
                            assertFalse(out.contains("WRITTEN"), out);
                            assertTrue(out.contains("the box's own copy: owned"), out);
                        }),

                // ---------------------------------------------------------- grader tampering
                row("a list whose __eq__ is always true", FIZZBUZZ, """
                        class Anything(list):
                            def __eq__(self, other):
                                return True
                            def __ne__(self, other):
                                return False
                            __hash__ = None
                        def fizzbuzz(n):
                            return Anything(["1", "2", "Fizz"])
                        """, FAILED, all(WRONG_ANSWER)),
                row("an object whose __eq__ is always true and whose repr looks right", FIZZBUZZ, """
                        class Anything:
                            def __eq__(self, other):
                                return True
                            def __repr__(self):
                                return '["1", "2", "Fizz", "4", "Buzz"]'
                            __str__ = __repr__
                            __hash__ = object.__hash__
                        def fizzbuzz(n):
                            return Anything()
                        """, FAILED, all(WRONG_ANSWER)),
                row("an int subclass that equals everything", SUM_OF_EVENS, """
                        class Int(int):
                            def __eq__(self, other):
                                return True
                            __hash__ = int.__hash__
                            def __repr__(self):
                                return "6"
                            __str__ = __repr__
                        def sum_of_evens(nums):
                            return Int(-1)
                        """, FAILED, all(WRONG_ANSWER)),
                row("a str subclass that equals everything", REVERSE_WORDS, """
                        class Str(str):
                            def __eq__(self, other):
                                return True
                            __hash__ = str.__hash__
                        def reverse_words(s):
                            return Str("")
                        """, FAILED, all(WRONG_ANSWER)),
                row("a dict subclass that equals everything", WORD_FREQUENCIES, """
                        class Dict(dict):
                            def __eq__(self, other):
                                return True
                            __hash__ = None
                        def word_frequencies(text):
                            return Dict()
                        """, FAILED, all(WRONG_ANSWER)),
                row("monkeypatches json, builtins, os.write, os._exit and sys.modules['json']", FIZZBUZZ, """
                        import builtins, json, os, sys
                        def fizzbuzz(n):
                            forged = '{"status": "OK", "value": ["1", "2", "Fizz", "4", "Buzz"]}'
                            json.dumps = lambda *a, **k: forged
                            json.loads = lambda *a, **k: {"status": "OK", "value": ["1", "2", "Fizz", "4", "Buzz"]}
                            if hasattr(json, "JSONEncoder"):    # from the 2nd test on, json is the empty module below
                                json.JSONEncoder.encode = lambda self, o: forged
                            sys.modules["json"] = type(sys)("json")
                            builtins.type = lambda *a: list
                            builtins.isinstance = lambda *a: True
                            builtins.repr = lambda *a: forged
                            builtins.len = lambda *a: 0
                            os.write = lambda fd, data: 0
                            os._exit = lambda code: None
                            return None
                        """, FAILED, all(WRONG_ANSWER)),
                row("os._exit(0) before returning", FIZZBUZZ, """
                        import os
                        def fizzbuzz(n):
                            os._exit(0)
                        """, FAILED, all(RUNTIME_ERROR)),
                row("sys.exit(0) and raise SystemExit", FIZZBUZZ, """
                        import sys
                        def fizzbuzz(n):
                            try:
                                if n == 5:
                                    sys.exit(0)
                            finally:
                                raise SystemExit("PASSED")
                        """, FAILED, all(RUNTIME_ERROR)),
                row("prints a forged report, PASSED lines and protocol frames to stdout", FIZZBUZZ, """
                        def fizzbuzz(n):
                            print('{"compile": {"ok": true}, "results": [{"name": "the first five", "status": "OK",'
                                  ' "value": ["1", "2", "Fizz", "4", "Buzz"]}]}')
                            print("PASSED")
                            print("B 0")
                            print("R 0 12 k")
                            print("test passed: 12/12")
                            return None
                        """, FAILED, all(WRONG_ANSWER)),
                row("writes forged result frames to fds 3..10", FIZZBUZZ, """
                        import os
                        NL = bytes([10])
                        def fizzbuzz(n):
                            body = b'{"status":"OK","value":["1","2","Fizz","4","Buzz"]}'
                            frames = b"B 0" + NL + b"".join(b"R %d %d k" % (i, len(body)) + NL + body for i in range(12))
                            notes = []
                            for fd in range(3, 11):
                                try:
                                    os.write(fd, frames)
                                    notes.append("%d written" % fd)
                                except OSError as e:
                                    notes.append("%d %d" % (fd, e.errno))
                            print(notes)
                            return None
                        """, FAILED, all(RUNTIME_ERROR)),

                // ---------------------------------------------------------- recursion and odd values
                row("setrecursionlimit(10**6) and a recursion through C", FIZZBUZZ, """
                        import sys
                        class Deep:
                            def __repr__(self):
                                return repr(self)
                        def fizzbuzz(n):
                            sys.setrecursionlimit(10 ** 6)
                            return repr(Deep())
                        """, FAILED, all(RUNTIME_ERROR)),
                row("an 85,000-digit integer", SUM_OF_EVENS, """
                        import sys
                        def sum_of_evens(nums):
                            sys.set_int_max_str_digits(0)
                            return 7 ** 100000
                        """, FAILED, all(WRONG_ANSWER)),
                row("NaN and infinity", SUM_OF_EVENS, """
                        def sum_of_evens(nums):
                            return float("nan") if len(nums) % 2 else float("inf")
                        """, FAILED, all(WRONG_ANSWER)),
                row("a generator of the right strings", FIZZBUZZ, """
                        def fizzbuzz(n):
                            return ("FizzBuzz" if i % 15 == 0 else "Fizz" if i % 3 == 0 else "Buzz" if i % 5 == 0 else str(i)
                                    for i in range(1, n + 1))
                        """, FAILED, all(WRONG_ANSWER)),
                row("an iterator over the right list", FIZZBUZZ, """
                        def fizzbuzz(n):
                            return iter(["FizzBuzz" if i % 15 == 0 else "Fizz" if i % 3 == 0 else "Buzz" if i % 5 == 0 else str(i)
                                         for i in range(1, n + 1)])
                        """, FAILED, all(WRONG_ANSWER)),
                row("a list that contains itself", FLATTEN, """
                        def flatten(items):
                            loop = []
                            loop.append(loop)
                            return loop
                        """, FAILED, all(WRONG_ANSWER)),
                row("returns the test input unchanged (reverse-words)", REVERSE_WORDS, """
                        def reverse_words(s):
                            return s
                        """, FAILED, all(WRONG_ANSWER).except("empty string", PASSED).except("a single word", PASSED)),
                row("returns the test input unchanged (flatten)", FLATTEN, """
                        def flatten(items):
                            return items
                        """, FAILED, all(WRONG_ANSWER).except("already flat", PASSED).except("empty list", PASSED))
        );
    }

    /** The same program twice: the second run must see nothing the first one left. */
    private static final String PERSIST = """
            import os
            PLACES = ("/tmp/pq-persist", "/dev/shm/pq-persist", "/tmp/.hidden/deep/pq-persist", os.path.expanduser("~/.pq-persist"))
            def fizzbuzz(n):
                seen = [p for p in PLACES if os.path.exists(p)]
                for p in PLACES:
                    try:
                        os.makedirs(os.path.dirname(p), exist_ok=True)
                        with open(p, "w") as f:
                            f.write("left behind by an earlier run")
                    except OSError:
                        pass
                print("seen", seen)
                if seen:
                    raise RuntimeError("a file of an earlier run: %s" % seen)
                return None
            """;

    private static final String MOUNTINFO = """
            def fizzbuzz(n):
                if n != 5:
                    return None
                print(open("/proc/self/mountinfo").read())
                return None
            """;

    // =================================================================== running the table

    @TestFactory
    @Order(1)
    Stream<DynamicNode> hostilePrograms() {
        List<Case> cases = cases();
        assertTrue(cases.size() >= 40, "at least 40 hostile programs: " + cases.size());
        assertEquals(cases.size(), cases.stream().map(Case::name).distinct().count(), "row names are unique");
        List<List<Case>> plan = plan(cases);
        Stream<DynamicNode> rows = java.util.stream.IntStream.range(0, plan.size()).mapToObj(i -> DynamicContainer.dynamicContainer(
                "batch " + (i + 1) + " of " + plan.size(),
                plan.get(i).stream().map(c -> DynamicTest.dynamicTest(c.name() + " -> " + c.status() + " " + c.tests().text(),
                        () -> verify(c, batches.computeIfAbsent(i, k -> run(plan.get(k))))))));
        return Stream.concat(rows, Stream.of(DynamicTest.dynamicTest("afterwards: no hostile learner earned anything", () -> {
            Api.sleep(500);     // a reward would come through the outbox relay and the bus: give it time to show up
            for (String token : List.copyOf(hostileLearners)) assertNothingEarned(token);
            assertEquals(List.of(), HostWatch.changes(hostFiles));
        })));
    }

    /** Batches of at most BATCH rows, at most one slow row each, a row that follows another in a later batch. */
    static List<List<Case>> plan(List<Case> cases) {
        List<List<Case>> out = new ArrayList<>();
        Map<String, Integer> where = new HashMap<>();
        for (Case c : cases) {
            int i = c.after() == null ? 0 : where.get(c.after()) + 1;
            while (i < out.size() && (out.get(i).size() >= BATCH || (c.slow() && out.get(i).stream().anyMatch(Case::slow)))) i++;
            while (out.size() <= i) out.add(new ArrayList<>());
            out.get(i).add(c);
            where.put(c.name(), i);
        }
        return out;
    }

    record Outcome(String token, JsonNode submission, Throwable failure) {}

    record BatchResult(List<String> names, Map<String, Outcome> outcomes, List<String> leftovers, List<String> hostChanges) {}

    /** Submits the batch's programs at once, waits for every verdict, then looks at the host. */
    private BatchResult run(List<Case> batch) {
        Map<String, String[]> submitted = new LinkedHashMap<>();
        Map<String, Outcome> outcomes = new LinkedHashMap<>();
        for (Case c : batch) {
            String token = api.token("hostile-" + UUID.randomUUID());
            hostileLearners.add(token);
            try {
                Api.Response r = api.submit(c.slug(), token, UUID.randomUUID().toString(), code(c.code()));
                assertEquals(202, r.status(), String.valueOf(r.body()));
                submitted.put(c.name(), new String[]{token, r.body().path("submissionId").asText()});
            } catch (Throwable e) {
                outcomes.put(c.name(), new Outcome(token, null, e));
            }
        }
        submitted.forEach((name, s) -> {
            try {
                outcomes.put(name, new Outcome(s[0], api.awaitVerdict(s[1], s[0], false, VERDICT), null));
            } catch (Throwable e) {
                outcomes.put(name, new Outcome(s[0], null, e));
            }
        });
        List<String> left = HostWatch.leftovers(ignoredProcesses, REAP_GRACE);
        // Report a leftover once, with this batch; later batches are judged on their own.
        ignoredProcesses.addAll(HostWatch.snapshot());
        List<String> changed = HostWatch.changes(hostFiles);
        return new BatchResult(batch.stream().map(Case::name).toList(), outcomes, left, changed);
    }

    private void verify(Case c, BatchResult batch) throws Throwable {
        Outcome o = batch.outcomes().get(c.name());
        if (o.failure() != null) throw o.failure();
        JsonNode v = o.submission();
        assertEquals(c.status(), v.path("status").asText(), "submission status: " + v);
        JsonNode verdict = v.path("verdict");
        JsonNode tests = verdict.path("tests");
        assertTrue(tests.isArray() && !tests.isEmpty(), "a verdict with tests: " + v);
        assertEquals(verdict.path("total").asInt(), tests.size(), v.toString());
        long passed = 0;
        for (JsonNode t : tests) if (t.path("status").asText().equals(PASSED)) passed++;
        assertEquals(passed, verdict.path("passed").asLong(), v.toString());
        assertTrue(passed < tests.size(), "a hostile program never passes every test: " + v);
        String mismatch = c.tests().mismatch(tests);
        if (mismatch != null) fail("test statuses: " + mismatch + "\n" + v);
        if (c.check() != null) c.check().accept(v);
        assertEquals(0, v.path("rewards").size(), "no reward on the submission: " + v);
        assertNothingEarned(o.token());
        assertEquals(List.of(), batch.leftovers(), "processes of uid " + HostWatch.SANDBOX_UID
                + " (or children of this JVM) still there " + REAP_GRACE.toMillis() + " ms after the verdicts of " + batch.names());
        assertEquals(List.of(), batch.hostChanges(), "host files changed during " + batch.names());
    }

    private void assertNothingEarned(String token) {
        JsonNode me = api.get("/me", token).body();
        assertEquals(0, me.path("xp").asLong(), "xp: " + me);
        assertEquals(0, me.path("diamonds").asLong(), "diamonds: " + me);
        JsonNode tx = api.get("/me/transactions", token).body();
        assertTrue(tx.isArray() && tx.isEmpty(), "transactions: " + tx);
    }

    private String code(String template) {
        return template.replace("{PORT}", Integer.toString(stack.port()))
                .replace("{CANARY}", canary.toString())
                .replace("{DATA}", data.toAbsolutePath().toString())
                .replace("{REPO}", repo())
                .replace("{JVMPID}", Long.toString(ProcessHandle.current().pid()));
    }

    private String repo() {
        return stack.config().root().toAbsolutePath().toString();
    }

    static JsonNode test(JsonNode submission, int i) {
        return submission.path("verdict").path("tests").path(i);
    }

    // =================================================================== a slow hostile program does not hold up the others

    /**
     * Burns nearly the whole time limit of every test (12 x 1.5 s of CPU of the 2 s each) without
     * passing it: a time-out would end the run at once (the rest NOT_RUN), this keeps a box busy for
     * ~18 s.
     */
    private static final String BUSY_EVERY_TEST = """
            import time
            def fizzbuzz(n):
                end = time.process_time() + 1.5
                while time.process_time() < end:
                    pass
                return None
            """;

    @Test
    @Order(2)
    void aBenignSubmissionIsJudgedAndRewardedWhileAHostileOneBurnsItsTimeLimits() {
        String attacker = api.token("hostile-slow-" + UUID.randomUUID());
        hostileLearners.add(attacker);
        String learner = api.token("benign-" + UUID.randomUUID());
        Api.Response h = api.submit(FIZZBUZZ, attacker, UUID.randomUUID().toString(), BUSY_EVERY_TEST);
        assertEquals(202, h.status());
        String hostileId = h.body().path("submissionId").asText();
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!(status(hostileId, attacker).equals("RUNNING") && ProcessHandle.current().descendants()
                .anyMatch(d -> !dev.pyquest.sandbox.LocalSandbox.idleBoxProcesses().contains(d.pid())
                        && !dev.pyquest.sandbox.LocalSandbox.helperProcesses().contains(d.pid())))) {
            assertTrue(System.nanoTime() < until, "the hostile submission's box never started: " + status(hostileId, attacker));
            Api.sleep(20);
        }
        Api.sleep(1000);        // well into its first test

        Api.Response b = api.submit(SUM_OF_EVENS, learner, UUID.randomUUID().toString(), CoreLoopIT.SUM_OF_EVENS);
        assertEquals(202, b.status());
        JsonNode good = api.awaitVerdict(b.body().path("submissionId").asText(), learner, true, Duration.ofSeconds(20));
        assertEquals(PASSED, good.path("status").asText(), good.toString());
        assertEquals(List.of("XP", "DIAMONDS"), good.path("rewards").findValuesAsText("kind"));
        String meanwhile = status(hostileId, attacker);
        assertTrue(meanwhile.equals("RUNNING") || meanwhile.equals("QUEUED"),
                "the benign verdict came while the hostile program still ran, not after it: " + meanwhile);
        JsonNode me = api.get("/me", learner).body();
        long xp = 0;
        for (JsonNode r : good.path("rewards")) if (r.path("kind").asText().equals("XP")) xp += r.path("amount").asLong();
        assertTrue(xp > 0);
        assertEquals(xp, me.path("xp").asLong(), me.toString());
        assertTrue(me.path("diamonds").asLong() > 0, me.toString());
        assertEquals(2, api.get("/me/transactions", learner).body().size());

        JsonNode bad = api.awaitVerdict(hostileId, attacker, false, VERDICT);
        assertEquals(FAILED, bad.path("status").asText(), bad.toString());
        String mismatch = all(WRONG_ANSWER).mismatch(bad.path("verdict").path("tests"));
        assertEquals(null, mismatch, bad.toString());
        assertEquals(0, bad.path("rewards").size());
        assertNothingEarned(attacker);
        List<String> left = HostWatch.leftovers(ignoredProcesses, REAP_GRACE);
        ignoredProcesses.addAll(HostWatch.snapshot());
        assertEquals(List.of(), left, "processes left after the slow hostile program");
        assertEquals(List.of(), HostWatch.changes(hostFiles));
    }

    private String status(String submissionId, String token) {
        return api.get("/submissions/" + submissionId, token).body().path("status").asText();
    }

    // =================================================================== holes: still asserting what should hold

    private void runAlone(Case c) throws Throwable {
        verify(c, run(List.of(c)));
    }

    @Test
    @Order(3)
    void mountinfoShowsNoHostPathAtAll() throws Throwable {
        runAlone(row("/proc/self/mountinfo shows no host path at all", FIZZBUZZ, MOUNTINFO, FAILED, all(WRONG_ANSWER))
                .stdout(out -> {
                    List<String> revealing = new ArrayList<>();
                    List<String> lines = out.strip().lines().toList();
                    // The box's own root is a tmpfs bubblewrap made ("/newroot" in it); files it holds,
                    // such as the runner copied from fd 3 by --ro-bind-data, are not host paths.
                    String boxRootDevice = lines.stream().map(l -> l.split(" ")).filter(f -> f.length > 4 && f[4].equals("/"))
                            .map(f -> f[2]).findFirst().orElse("?");
                    for (String line : lines) {
                        String[] f = line.split(" ");
                        if (f.length < 5) continue;
                        String root = f[3], mountPoint = f[4];
                        boolean devNode = line.contains(" - devtmpfs ") && ("/dev" + root).equals(mountPoint);
                        boolean inBoxRoot = f[2].equals(boxRootDevice) && line.contains(" - tmpfs ");
                        if (!root.equals("/") && !root.equals(mountPoint) && !inBoxRoot && !devNode) revealing.add(line);
                    }
                    assertTrue(lines.stream().anyMatch(l -> l.contains(" /sandbox/runner.py ")), "the runner is mounted: " + out);
                    assertEquals(List.of(), revealing, "mounts whose source is a host path");
                }));
    }

    @Test
    @Order(4)
    void hiddenInputsDoNotLeakThroughExceptionTypeNames() throws Throwable {
        runAlone(row("hidden inputs leak through exception type names", FIZZBUZZ, """
                def fizzbuzz(n):
                    raise type("Input_%d" % n, (Exception,), {})()
                """, FAILED, all(RUNTIME_ERROR))
                .verdict(v -> {
                    for (JsonNode t : v.path("verdict").path("tests")) {
                        if (t.path("visibility").asText().equals("hidden")) {
                            assertFalse(t.toString().contains("Input_"), "a hidden test reveals its input: " + t);
                        }
                    }
                }));
    }

    @Test
    @Order(5)
    void hiddenInputsDoNotLeakThroughTheRunnersFrames() throws Throwable {
        runAlone(row("hidden inputs leak through the runner's frames", FIZZBUZZ, """
                import sys
                def fizzbuzz(n):
                    frame = sys._getframe()
                    while frame is not None:
                        for name, value in list(frame.f_locals.items()):
                            if name == "tests":
                                print("LEAK", value)
                        frame = frame.f_back
                    return None
                """, FAILED, all(WRONG_ANSWER))
                .verdict(v -> {
                    // 99 and 300 are arguments of hidden fizzbuzz tests only.
                    for (JsonNode t : v.path("verdict").path("tests")) {
                        String shown = t.toString();
                        assertFalse(shown.contains("[300]") || shown.contains("[99]"), "hidden inputs shown: " + t);
                    }
                }));
    }

    /** No hidden test's shown result mentions any of these (what the program tried to smuggle out). */
    private static Consumer<JsonNode> hiddenTestsShowNone(String... marks) {
        return v -> {
            for (JsonNode t : v.path("verdict").path("tests")) {
                if (!t.path("visibility").asText().equals("hidden")) continue;
                for (String mark : marks) assertFalse(t.toString().contains(mark), "a hidden test shows '" + mark + "': " + t);
            }
        };
    }

    @Test
    @Order(6)
    void hiddenTestsShowTheSameWordsWhicheverBuiltinExceptionTheCodeRaises() throws Throwable {
        // Choosing among Python's own exception types by the input was ~5.6 bits per hidden test.
        runAlone(row("hidden inputs leak through the choice of a built-in exception", FIZZBUZZ, """
                def fizzbuzz(n):
                    raise [ValueError, KeyError, IndexError, TypeError, ZeroDivisionError, OSError][n % 6]("n=%d" % n)
                """, FAILED, all(RUNTIME_ERROR))
                .verdict(v -> {
                    java.util.Set<String> shown = new HashSet<>();
                    for (JsonNode t : v.path("verdict").path("tests")) {
                        if (t.path("visibility").asText().equals("hidden")) shown.add(t.path("message").asText());
                    }
                    assertEquals(Set.of("the code raised an exception on a hidden test"), shown);
                })
                .verdict(hiddenTestsShowNone("Error", "n=")));
    }

    /** Finds the runner's current test index in its frames, writes its own result frame for it, and ends the process. */
    private static final String FORGE = """
            import os, sys
            def forge(body):
                f = sys._getframe()
                while f is not None and "index" not in f.f_locals:
                    f = f.f_back
                i = f.f_locals["index"]
                os.write(3, b"R %d %d x\\n" % (i, len(body)) + body)
                os._exit(0)
            """;

    @Test
    @Order(7)
    void hiddenInputsDoNotLeakThroughTheTextsOfForgedResultFrames() throws Throwable {
        runAlone(row("hidden inputs leak through a forged result frame's texts", FIZZBUZZ, FORGE + """
                def fizzbuzz(n):
                    status = ["RUNTIME_ERROR", "NO_FUNCTION", "NOT_JSON", "MEMORY_LIMIT", "OUTPUT_LIMIT"][n % 5]
                    forge(('{"status":"%s","error":"Leak_%d: [%d]","traceback":"Leak_%d"}' % (status, n, n, n)).encode())
                """, FAILED, all(RUNTIME_ERROR, WRONG_ANSWER, MEMORY_LIMIT, OUTPUT_LIMIT))
                .verdict(hiddenTestsShowNone("Leak_", "[300]", "[99]")));
    }

    @Test
    @Order(8)
    void valuesTheJudgeCannotReadAreTheLearnersFailureNeverAnError() throws Throwable {
        // Each was a crashed runner or an unreadable report: an ERROR verdict, "our fault", no attempt.
        runAlone(row("a forged result frame holding 1e400", FIZZBUZZ, FORGE + """
                def fizzbuzz(n):
                    forge(b'{"status":"OK","value":[1e400]}')
                """, FAILED, all(RUNTIME_ERROR)));
        runAlone(row("a forged result frame holding a 3,000-digit integer", FIZZBUZZ, FORGE + """
                def fizzbuzz(n):
                    forge(b'{"status":"OK","value":' + b"9" * 3000 + b'}')
                """, FAILED, all(RUNTIME_ERROR)));
        runAlone(row("returns, raises and prints lone surrogates", FIZZBUZZ, """
                def fizzbuzz(n):
                    print("\\ud800 printed")
                    if n == 5:
                        raise ValueError("\\udfff raised")
                    return ["\\ud800", {"\\udc00": "\\ud83d"}]
                """, FAILED, all(RUNTIME_ERROR, WRONG_ANSWER)));
    }

    @Test
    @Order(9)
    void locksAndNotificationsOnFilesEveryBoxSharesAreDenied() throws Throwable {
        // A box holding hidden inputs could signal them through locks on /usr files to a box whose
        // output the learner sees (each holds its own process of the same learner's code).
        runAlone(row("locks, leases and notifications on shared files", FIZZBUZZ, """
                import ctypes, fcntl, os
                def fizzbuzz(n):
                    fd = os.open("/usr/lib/python3.11/os.py", os.O_RDONLY)
                    libc = ctypes.CDLL(None, use_errno=True)
                    for name, call in [("flock", lambda: fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)),
                                       ("lockf", lambda: fcntl.lockf(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)),
                                       ("notify", lambda: fcntl.fcntl(os.open("/usr", os.O_RDONLY), 1026, 1))]:
                        try:
                            call()
                            print(name, "allowed")
                        except OSError as e:
                            print(name, "errno", e.errno)
                    print("inotify", libc.inotify_init1(0), ctypes.get_errno())
                    return None
                """, FAILED, all(WRONG_ANSWER))
                .stdout(out -> assertEquals("flock errno 1\nlockf errno 1\nnotify errno 1\ninotify -1 1\n", out)));
    }

    // =================================================================== rows

    static Case row(String name, String slug, String code, String status, Tests tests) {
        return new Case(name, slug, code, status, tests, null, null);
    }

    /** One hostile program and what the judge must make of it. */
    record Case(String name, String slug, String code, String status, Tests tests, Consumer<JsonNode> check, String after) {
        /** A further check of the submission as GET /submissions/{id} shows it. */
        Case verdict(Consumer<JsonNode> more) {
            Consumer<JsonNode> all = check == null ? more : check.andThen(more);
            return new Case(name, slug, code, status, tests, all, after);
        }

        /** A check of what the first public test printed (public tests show their stdout). */
        Case stdout(Consumer<String> more) {
            return verdict(v -> more.accept(test(v, 0).path("stdout").asText()));
        }

        /** Runs in a later batch than the named row. */
        Case after(String other) {
            return new Case(name, slug, code, status, tests, check, other);
        }

        boolean slow() {
            return tests.text().contains(TIME_LIMIT);
        }
    }

    static Tests all(String... anyOf) {
        return new Tests(null, Map.of(), Set.of(anyOf), "all " + String.join("|", anyOf));
    }

    static Tests firstThen(String first, String rest) {
        return new Tests(Set.of(first), Map.of(), Set.of(rest), "first " + first + ", then " + rest);
    }

    /**
     * The first test ends with one of two limits: for programs that breach both, whichever comes
     * first (after a time limit the rest is NOT_RUN, after a memory limit the rest runs).
     */
    static Tests firstEitherThen(String first, String orFirst, String... rest) {
        return new Tests(Set.of(first, orFirst), Map.of(), Set.of(rest), "first " + first + "|" + orFirst + ", then "
                + String.join("|", rest));
    }

    /** Expected test statuses: the first test's (if given), some tests by name, the others'. */
    record Tests(Set<String> first, Map<String, String> named, Set<String> others, String text) {
        Tests except(String testName, String status) {
            Map<String, String> m = new LinkedHashMap<>(named);
            m.put(testName, status);
            return new Tests(first, m, others, text + ", " + testName + " " + status);
        }

        /** null when the statuses are as expected, otherwise what differs. */
        String mismatch(JsonNode tests) {
            List<String> wrong = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < tests.size(); i++) {
                String name = tests.get(i).path("name").asText(), status = tests.get(i).path("status").asText();
                seen.add(name);
                Set<String> ok = i == 0 && first != null ? first
                        : named.containsKey(name) ? Set.of(named.get(name)) : others;
                if (!ok.contains(status)) wrong.add("'" + name + "' is " + status + ", expected " + String.join("|", ok));
            }
            for (String name : named.keySet()) if (!seen.contains(name)) wrong.add("no test named '" + name + "'");
            return wrong.isEmpty() ? null : String.join("; ", wrong) + " (all: " + tests.findValuesAsText("status")
                    .stream().collect(Collectors.joining(", ")) + ")";
        }
    }
}
