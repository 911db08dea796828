package dev.pyquest.sandbox;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs a sandbox job (see {@code runner.py} for the JSON protocol) with bubblewrap on this machine
 * and returns the runner's report: the learner's code runs without network, with a read-only
 * {@code /usr} and nothing else of the host (no /etc, /home, /root, /work, host /proc or
 * environment), a private size-capped {@code /tmp}, its own pid namespace, as an unprivileged uid
 * (setpriv from root; otherwise the JVM's own non-root uid), under per-run cgroup v1 {@code pids}
 * and {@code memory} limits when they can be created, and under a whole-run wall clock at which
 * every process of the run is killed. The runner adds per-test rlimits and timers.
 *
 * <p>Fails closed: when the box cannot be built, {@link #run} throws
 * {@link SandboxUnavailableException} and never runs the code any other way. The report is read
 * from a pipe only. Thread-safe: runs are independent.
 */
public final class LocalSandbox implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(LocalSandbox.class.getName());
    static final String RUNNER_IN_BOX = "/sandbox/runner.py";
    private static final int STDERR_CAP = 64 * 1024;
    private static final long START_SLACK_MS = 3000;
    private static final long PER_TEST_SLACK_MS = 500;
    /** The project's one mapper configuration (each key once, one document), with the limits of runner reports. */
    private static final ObjectMapper JSON = dev.pyquest.domain.Json.json(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(300).maxNumberLength(2100).maxStringLength(64 << 20).build())
                    .build())
            // Reports are re-written when the two boxes' halves are merged: in ASCII, so that any
            // string escape the runner wrote (even a lone surrogate) reads back as it was.
            .enable(com.fasterxml.jackson.core.json.JsonWriteFeature.ESCAPE_NON_ASCII)
            .build();
    /**
     * Starts every box from one long-lived thread: bwrap's --die-with-parent is a parent-death
     * signal, which Linux sends when the spawning THREAD ends (a virtual thread's carrier or a
     * pool thread could end while the run goes on).
     */
    private static final ExecutorService SPAWNER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "pyquest-sandbox-spawner");
        t.setDaemon(true);
        return t;
    });
    private static final ScheduledExecutorService KILLER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "pyquest-sandbox-killer");
        t.setDaemon(true);
        return t;
    });

    private final SandboxConfig config;
    private final Path runnerDir;
    private final Path runnerFile;
    private final boolean jvmIsRoot;
    private final CgroupV1 cgroups;          // null: not available
    private final String cgroupProblem;      // why not, when null
    /** Numbers the runs of every sandbox of this JVM: cgroup names pyquest-<pid>-<n> must not collide. */
    private static final AtomicLong RUNS = new AtomicLong();
    /** Boxes started ahead of their job, oldest first; each is taken by one run and never reused. */
    private final java.util.concurrent.LinkedBlockingDeque<Box> idle = new java.util.concurrent.LinkedBlockingDeque<>();
    private final java.util.concurrent.atomic.AtomicInteger warming = new java.util.concurrent.atomic.AtomicInteger();
    /** The outer process of every idle box of this JVM (what a leftover check must not count as a leftover). */
    private static final java.util.Map<Long, String> IDLE = new java.util.concurrent.ConcurrentHashMap<>();
    /** Starts warm boxes off the caller's path; each start still goes through {@link #SPAWNER}. */
    private static final ExecutorService WARMER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "pyquest-sandbox-warmer");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean warned = new AtomicBoolean();
    private volatile boolean closed;

    public LocalSandbox() {
        this(SandboxConfig.defaults());
    }

    /** Copies the runner to a private read-only folder and looks for usable cgroups; starts nothing. */
    public LocalSandbox(SandboxConfig config) {
        this.config = config;
        this.jvmIsRoot = effectiveUid() == 0;
        try {
            runnerDir = Files.createTempDirectory("pyquest-sandbox-");
            Files.setPosixFilePermissions(runnerDir, PosixFilePermissions.fromString("rwxr-xr-x"));
            runnerFile = runnerDir.resolve("runner.py");
            try (InputStream in = LocalSandbox.class.getResourceAsStream("runner.py")) {
                if (in == null) throw new IOException("resource dev/pyquest/sandbox/runner.py is missing");
                Files.copy(in, runnerFile, StandardCopyOption.REPLACE_EXISTING);
            }
            Files.setPosixFilePermissions(runnerFile, PosixFilePermissions.fromString("rw-r--r--"));
            runnerDir.toFile().deleteOnExit();      // fallback when close() is never called;
            runnerFile.toFile().deleteOnExit();     // runs in reverse order: the file, then the folder
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the sandbox runner", e);
        }
        CgroupV1 c = null;
        String problem = null;
        if (!jvmIsRoot) {
            problem = "the JVM is not root, so it cannot create cgroups";
        } else {
            try {
                c = CgroupV1.detect(config.cgroupRoot());
            } catch (IOException | RuntimeException e) {
                problem = "cgroup v1 pids/memory under " + config.cgroupRoot() + " are not usable: " + e.getMessage();
            }
        }
        this.cgroups = c;
        this.cgroupProblem = problem;
    }

    /** Whether runs get their own pids and memory cgroups. */
    public boolean cgroupsActive() {
        return cgroups != null;
    }

    /** Whether the box drops from root to {@link SandboxConfig#uid()} (otherwise it runs as the JVM's own uid). */
    public boolean dropsToConfiguredUid() {
        return jvmIsRoot;
    }

    /**
     * Runs the job and returns the runner's report (at most {@link SandboxConfig#maxOutputBytes()}
     * bytes, checked to be a JSON object with a {@code compile} section; the caller still parses
     * it as untrusted data).
     *
     * @throws IllegalArgumentException    the job is not a JSON object with a {@code tests} array
     * @throws SandboxUnavailableException the box cannot be built (message says what to install or enable)
     * @throws SandboxFailedException      the run gave no usable report (crash, wall clock, too much output)
     */
    public byte[] run(byte[] jobJson) throws SandboxUnavailableException {
        JsonNode parsed;
        try {
            parsed = JSON.readTree(jobJson);
        } catch (IOException e) {
            throw new IllegalArgumentException("the sandbox job is not JSON: " + e.getMessage(), e);
        }
        if (parsed == null || !parsed.isObject() || !parsed.has(PUBLIC_COUNT)) return runOnce(jobJson);
        // Public and hidden tests run in two boxes, the public box first and to its end, then the
        // hidden one: the box whose output the learner sees never holds a hidden test's arguments
        // (they could be printed from the runner's frames), and never runs at the same time as a
        // box that holds them (boxes share a kernel: CPU time, the page cache, locks on /usr files,
        // which the runner's syscall filter denies). The local stack's judge queue keeps a
        // learner's submissions from overlapping the same way. See docs/threat-model.md.
        ObjectNode job = (ObjectNode) parsed;
        int publicCount = job.remove(PUBLIC_COUNT).asInt(-1);
        JsonNode tests = job.path("tests");
        if (!tests.isArray() || publicCount <= 0 || publicCount >= tests.size()) {
            // All hidden (or a malformed split): every test is treated as hidden.
            return runOnce(bytes(publicCount <= 0 ? hidden(job) : job));
        }
        byte[] publicReport = runOnce(bytes(withTests(job, tests, 0, publicCount)));
        JsonNode first = readReport(publicReport);
        if (!first.path("compile").path("ok").asBoolean(false)) return publicReport;    // a syntax error fails every test
        ObjectNode merged = JSON.createObjectNode();
        merged.set("compile", first.get("compile"));
        ArrayNode results = merged.putArray("results");
        results.addAll((ArrayNode) first.get("results"));
        if (timedOut(first)) {
            // Settled: a public test ran out of time, so the submission fails whatever the hidden
            // tests do; a runaway program costs one time limit, not one per box.
            for (int i = publicCount; i < tests.size(); i++) results.add(notRun(tests.get(i), i - publicCount + 1));
            return bytes(merged);
        }
        JsonNode second = readReport(runOnce(bytes(hidden(withTests(job, tests, publicCount, tests.size())))));
        results.addAll((ArrayNode) second.get("results"));
        return bytes(merged);
    }

    /** The job field marking a job of hidden tests (see runner.py: the runner then reports statuses only). */
    static final String HIDDEN = "hidden";

    private static ObjectNode hidden(ObjectNode job) {
        ObjectNode copy = job.deepCopy();
        copy.put(HIDDEN, true);
        return copy;
    }

    private static boolean timedOut(JsonNode report) {
        for (JsonNode r : report.path("results")) if ("TIME_LIMIT".equals(r.path("status").asText())) return true;
        return false;
    }

    /** The runner's own result for a test it did not run (the same words runner.py uses). */
    private static ObjectNode notRun(JsonNode test, int k) {
        ObjectNode r = JSON.createObjectNode();
        r.put("name", test.path("name").asText("test" + k));     // as the runner names it: test<k> within its run
        r.put("status", "NOT_RUN");
        r.put("error", "not run: an earlier test ran out of time");
        r.put("stdout", "");
        r.put("timeMs", 0);
        return r;
    }

    /** The job field telling how many of its tests (the first ones) are public. */
    public static final String PUBLIC_COUNT = "publicCount";

    private static ObjectNode withTests(ObjectNode job, JsonNode tests, int from, int to) {
        ObjectNode part = job.deepCopy();
        ArrayNode slice = part.putArray("tests");
        for (int i = from; i < to; i++) slice.add(tests.get(i));
        return part;
    }

    private static byte[] bytes(JsonNode n) {
        try {
            return JSON.writeValueAsBytes(n);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode readReport(byte[] report) throws SandboxFailedException {
        try {
            return JSON.readTree(report);
        } catch (IOException e) {
            throw new SandboxFailedException("the sandbox report is not JSON: " + e.getMessage(), e);
        }
    }

    /**
     * A box: bwrap (dropped to the sandbox uid, in its own cgroups) with the runner started inside,
     * blocked reading its job from stdin. Nothing of any job is in it until {@link #finish} writes one.
     */
    private record Box(Process process, CgroupV1.Run cg, ByteArrayOutputStream stderr, Thread stderrReader) {}

    private Box spawn(int memoryMb, boolean warm) throws SandboxUnavailableException {
        checkTools();
        CgroupV1.Run cg = createCgroups(memoryMb);
        List<String> cmd = command(cg, warm && jvmIsRoot);
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(Path.of("/").toFile());
        pb.environment().clear();
        pb.environment().put("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
        pb.environment().put("LANG", "C.UTF-8");
        Process p;
        try {
            p = SPAWNER.submit(pb::start).get();
        } catch (ExecutionException e) {
            if (cg != null) removeCgroups(cg);
            throw new SandboxUnavailableException("cannot start " + cmd.get(0) + ": " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            if (cg != null) removeCgroups(cg);
            throw new SandboxFailedException("interrupted while starting the sandbox", e);
        }
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        // A platform thread: it blocks in a native pipe read for as long as the box idles, and a
        // virtual thread doing that pins its carrier; with as many idle boxes as carriers the whole
        // JVM's virtual threads stopped (issue 11).
        Thread reader = Thread.ofPlatform().daemon().name("pyquest-sandbox-stderr").start(() -> drain(p.getErrorStream(), stderr));
        return new Box(p, cg, stderr, reader);
    }

    /** A warm box if one is ready and alive (the pool is refilled in the background), else a new one. */
    private Box take(JobShape job) throws SandboxUnavailableException {
        checkTools();
        Box b;
        while ((b = idle.pollFirst()) != null) {
            IDLE.remove(b.process().pid());
            if (b.process().isAlive()) break;
            discard(b);                      // died while waiting (e.g. it could not be built): a fresh one tells why
        }
        // The pool is topped up when this run ends (see finish), not now: interpreters starting
        // while the job runs would take the CPU the job is waiting for.
        if (b == null) {
            // A cold box starts at the JVM's nice (0): it too runs its job at RUN_NICE, below the API.
            Box cold = spawn(job.memoryMb(), false);
            if (jvmIsRoot) renice(cold);
            return cold;
        }
        if (jvmIsRoot && !renice(b)) {
            discard(b);
            return spawn(job.memoryMb(), false);
        }
        if (job.memoryMb() != DEFAULT_MEMORY_MB && b.cg() != null) {
            try {
                b.cg().setMemory(memoryLimit(job.memoryMb()));
            } catch (IOException e) {
                discard(b);
                return spawn(job.memoryMb(), false);
            }
        }
        return b;
    }

    /**
     * The nice a box runs its job at: below the local stack's JVM (nice 0), so that when every judge
     * slot is busy the API still gets the CPU at once and verdicts queue instead (issue 11: at equal
     * priority, reads took p99 1.1 s under a saturated judge). 10 gives a box ~1/10 of the JVM's
     * weight when both want a core, and still all of a core the JVM leaves idle, so an idle machine
     * judges as fast as before. {@code PYQUEST_BOX_NICE} (0-19) overrides it, for measuring.
     */
    public static final int RUN_NICE = runNice();

    private static int runNice() {
        String v = System.getenv("PYQUEST_BOX_NICE");
        if (v == null || v.isBlank()) return 10;
        int n = Integer.parseInt(v.trim());
        if (n < 0 || n > 19) throw new IllegalArgumentException("PYQUEST_BOX_NICE must be 0-19, not " + v);
        return n;
    }

    /**
     * A warm box starts at nice 19, so starting it never slows a run or the rest of the stack; before
     * it gets its job, its processes go to {@link #RUN_NICE} (root may raise them; the box itself
     * could not), so the job runs above idle work and below the API. False when that failed: the box
     * is then not used.
     */
    private boolean renice(Box b) {
        // A box still starting is still on its way through sh, nice, setpriv and bwrap (nice 19 is
        // set on the way): wait until the runner itself is up, then renice until every process of
        // the box is at RUN_NICE (a child forked after its parent was reniced inherits it).
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (System.nanoTime() < deadline && b.process().isAlive()) {
            java.util.Set<Long> pids = new java.util.LinkedHashSet<>();
            pids.add(b.process().pid());
            pids.addAll(boxProcesses(b.process(), b.cg()));
            String python = config.python().toString() + "\0";
            boolean runnerUp = pids.stream().anyMatch(pid -> cmdline(pid).startsWith(python));
            List<String> cmd = new ArrayList<>(List.of("/usr/bin/renice", "-n", Integer.toString(RUN_NICE), "-p"));
            for (long pid : pids) {
                if (niceness(pid) != RUN_NICE) cmd.add(Long.toString(pid));
            }
            if (runnerUp && cmd.size() == 4) return true;
            try {
                if (cmd.size() > 4 && !Renicer.set(cmd.subList(4, cmd.size()).stream().map(Long::valueOf).toList(), RUN_NICE, config.python())) {
                    Process r = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                    if (!r.waitFor(5, TimeUnit.SECONDS)) return false;
                } else if (cmd.size() == 4) {
                    Thread.sleep(1);
                }
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    private static String cmdline(long pid) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc/" + pid + "/cmdline")), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /** Sleeping ('S'): an idle runner blocked reading its job. False when the process is gone. */
    private static boolean sleeping(long pid) {
        return "S".equals(statField(pid, 0));
    }

    /** A process's nice value from /proc (RUN_NICE when it is gone: nothing left to renice). */
    private static int niceness(long pid) {
        String nice = statField(pid, 16);
        return nice == null ? RUN_NICE : Integer.parseInt(nice);
    }

    /** Field {@code 3 + index} of /proc/<pid>/stat (0: state, 16: nice), counted after the command name; null when gone. */
    private static String statField(long pid, int index) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).split(" ")[index];
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Tops the pool up to {@link SandboxConfig#warmBoxes()} in the background. */
    private void refill() {
        while (!closed && idle.size() + warming.get() < config.warmBoxes()) {
            warming.incrementAndGet();
            WARMING_ALL.incrementAndGet();
            WARMER.execute(() -> {
                try {
                    if (closed) return;
                    Box b = spawn(DEFAULT_MEMORY_MB, true);
                    IDLE.put(b.process().pid(), b.cg() == null ? "" : b.cg().pids.getFileName().toString());
                    idle.addLast(b);
                    if (closed && idle.remove(b)) discard(b);
                } catch (RuntimeException | SandboxUnavailableException e) {
                    LOG.log(System.Logger.Level.DEBUG, "could not start a warm box: " + e.getMessage());
                } finally {
                    warming.decrementAndGet();
                    WARMING_ALL.decrementAndGet();
                }
            });
        }
    }

    /** Boxes of any sandbox of this JVM being started right now. */
    private static final java.util.concurrent.atomic.AtomicInteger WARMING_ALL = new java.util.concurrent.atomic.AtomicInteger();

    /** Refills of any sandbox of this JVM scheduled after a run and not begun yet. */
    private static final java.util.concurrent.atomic.AtomicInteger DEFERRED_ALL = new java.util.concurrent.atomic.AtomicInteger();

    /**
     * Waits (at most {@code max}) until no sandbox of this JVM is starting a warm box or has one to
     * start (a refill scheduled after a run, see {@link #REFILL_DELAY_MS}): then every
     * box process is either idle (see {@link #idleBoxProcesses()}) or running a job. For checks of
     * what a run left behind.
     */
    public static void awaitPoolsSettled(java.time.Duration max) {
        long deadline = System.nanoTime() + max.toNanos();
        while ((WARMING_ALL.get() > 0 || DEFERRED_ALL.get() > 0) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * As {@link #awaitPoolsSettled}, and then until every idle box's runner is up (its interpreter has
     * started and waits for a job): a box counts as started as soon as its process is, so without this a
     * measurement begun right after could still share the CPU with interpreters starting. For benchmarks.
     */
    public static void awaitPoolsReady(java.time.Duration max) {
        long deadline = System.nanoTime() + max.toNanos();
        awaitPoolsSettled(max);
        String python = SandboxConfig.defaults().python().toString() + "\0";
        while (System.nanoTime() < deadline) {
            boolean allUp = true;
            for (long pid : IDLE.keySet()) {
                java.util.Optional<ProcessHandle> h = ProcessHandle.of(pid);
                if (h.isEmpty()) continue;
                // Up: the interpreters exist and sleep (the runner blocked reading its job, which it
                // does once it has forked its first test process; that one blocked on its own job
                // pipe after its rehearsal), not still importing or rehearsing.
                List<Long> pythons = h.get().descendants().map(ProcessHandle::pid)
                        .filter(p -> cmdline(p).startsWith(python)).toList();
                if (pythons.isEmpty() || !pythons.stream().allMatch(LocalSandbox::sleeping)) {
                    allUp = false;
                    break;
                }
            }
            if (allUp) return;
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Idle warm boxes of this sandbox (for tests). */
    int idleBoxes() {
        return idle.size();
    }

    /** Boxes of this sandbox being started right now (for tests). */
    int startingBoxes() {
        return warming.get();
    }

    /** Refills of any sandbox of this JVM scheduled after a run and not begun yet (for tests). */
    static int scheduledRefills() {
        return DEFERRED_ALL.get();
    }

    /** Starts the pool of warm boxes now (instead of at the first run). */
    public void warmUp() {
        refill();
    }

    /**
     * Ends an unused box. An idle runner given an empty job (end of stdin) exits by itself and bwrap
     * reaps it; killing the tree instead would leave the box's init a zombie of the host's init.
     */
    private void discard(Box b) {
        IDLE.remove(b.process().pid());
        try {
            b.process().getOutputStream().close();
            b.process().waitFor(2, TimeUnit.SECONDS);
        } catch (IOException ignored) {
            // the box is gone already
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        killTree(b.process(), b.cg());
        awaitGone(b.process(), b.cg());
        if (b.cg() != null) removeCgroups(b.cg());
    }

    /**
     * The outer processes of this JVM's idle warm boxes, with their descendants: processes that
     * exist between runs by design and have never held a job.
     */
    public static java.util.Set<Long> idleBoxProcesses() {
        java.util.Set<Long> out = new java.util.HashSet<>();
        for (long pid : IDLE.keySet()) {
            ProcessHandle.of(pid).ifPresent(h -> {
                out.add(h.pid());
                h.descendants().forEach(d -> out.add(d.pid()));
            });
        }
        return out;
    }

    /**
     * The sandbox's helper processes that live between runs by design (the renice helper, a child of
     * this JVM at its privilege), for checks of what a run left behind.
     */
    public static java.util.Set<Long> helperProcesses() {
        return Renicer.pids();
    }

    /** The cgroup names ({@code pyquest-<pid>-<n>}) of this JVM's idle warm boxes. */
    public static java.util.Set<String> idleBoxCgroups() {
        java.util.Set<String> out = new java.util.HashSet<>(IDLE.values());
        out.remove("");
        return out;
    }

    private byte[] runOnce(byte[] jobJson) throws SandboxUnavailableException {
        if (closed) throw new IllegalStateException("sandbox closed");
        JobShape job = JobShape.of(jobJson);
        return finish(take(job), jobJson, job);
    }

    /** Gives the box its job, waits for the report under the run's wall clock, and tears the box down. */
    private byte[] finish(Box box, byte[] jobJson, JobShape job) throws SandboxUnavailableException {
        long wallMs = Math.min(config.maxRunWall().toMillis(),
                START_SLACK_MS + (long) job.tests() * (job.timeMs() + PER_TEST_SLACK_MS));
        Process p = box.process();
        CgroupV1.Run cg = box.cg();
        AtomicBoolean timedOut = new AtomicBoolean();
        ScheduledFuture<?> watchdog = null;
        try {
            watchdog = KILLER.schedule(() -> {
                timedOut.set(true);
                killTree(p, cg);
            }, wallMs, TimeUnit.MILLISECONDS);
            Thread.ofPlatform().daemon().name("pyquest-sandbox-stdin").start(() -> {
                try (OutputStream in = p.getOutputStream()) {
                    in.write(jobJson);
                } catch (IOException ignored) {
                    // the runner ended early; its exit status tells why
                }
            });
            byte[] out = readCapped(p.getInputStream(), config.maxOutputBytes());
            if (out == null) {
                killTree(p, cg);
                throw new SandboxFailedException("the sandbox report is larger than " + config.maxOutputBytes() + " bytes");
            }
            long left = Math.max(1, wallMs);
            if (!p.waitFor(left, TimeUnit.MILLISECONDS)) {
                timedOut.set(true);
                killTree(p, cg);
                p.waitFor(2, TimeUnit.SECONDS);
            }
            box.stderrReader().join(1000);
            if (timedOut.get()) {
                throw new SandboxFailedException("the sandbox run passed its wall-clock limit of " + wallMs + " ms");
            }
            int exit = p.exitValue();
            String err = stderrText(box.stderr());
            if (exit != 0) throw failure(exit, err, out);
            validateReport(out, job);
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SandboxFailedException("interrupted while the sandbox ran", e);
        } finally {
            if (watchdog != null) watchdog.cancel(false);
            killTree(p, cg);
            awaitGone(p, cg);
            if (cg != null) removeCgroups(cg);
            refillAfterRun();
        }
    }

    /**
     * How long after a run the pool is topped up while it still holds a box for each half of the
     * next submission (public and hidden tests): about what scoring and recording the verdict take
     * on the local stack. Starting boxes costs forks, execs and page faults, which this machine's
     * kernel serves one at a time whatever the processes' nice: started at once, they held up
     * recording the verdict they were refilled after (a 3-item transaction took 30 ms instead of 18).
     */
    static final long REFILL_DELAY_MS = 150;

    /** Boxes a submission takes: one for its public tests, one for its hidden tests. */
    private static final int BOXES_PER_SUBMISSION = 2;

    private void refillAfterRun() {
        if (idle.size() < BOXES_PER_SUBMISSION) {
            refill();
            return;
        }
        DEFERRED_ALL.incrementAndGet();
        try {
            KILLER.schedule(() -> {
                try {
                    refill();
                } finally {
                    DEFERRED_ALL.decrementAndGet();
                }
            }, REFILL_DELAY_MS, TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
            DEFERRED_ALL.decrementAndGet();
            refill();
        }
    }

    /** Runs a trivial job: throws when the box cannot be built here. Meant for start-up health checks. */
    public void probe() throws SandboxUnavailableException {
        byte[] job = ("{\"function\":\"f\",\"code\":\"def f(x):\\n    return x + 1\\n\","
                + "\"tests\":[{\"name\":\"probe\",\"args\":[41]}],\"limits\":{\"timeMs\":5000}}").getBytes(StandardCharsets.UTF_8);
        byte[] out = run(job);
        try {
            JsonNode r = JSON.readTree(out).path("results").path(0);
            if (!"OK".equals(r.path("status").asText()) || r.path("value").asInt() != 42) {
                throw new SandboxFailedException("the sandbox probe gave an unexpected report: " + new String(out, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new SandboxFailedException("the sandbox probe report is not JSON", e);
        }
    }

    /** Deletes the private copy of the runner. */
    @Override
    public void close() {
        closed = true;
        // Boxes still being started finish first (each then sees closed), so none outlives close().
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (warming.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        Box b;
        while ((b = idle.pollFirst()) != null) discard(b);
        try {
            Files.deleteIfExists(runnerFile);
            Files.deleteIfExists(runnerDir);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "could not delete " + runnerDir + ": " + e.getMessage());
        }
    }

    // ------------------------------------------------------------------ building the command

    private void checkTools() throws SandboxUnavailableException {
        if (!Files.isExecutable(config.bwrap())) {
            throw new SandboxUnavailableException("bubblewrap not found at " + config.bwrap()
                    + ": install it (Debian/Ubuntu: apt-get install -y bubblewrap); code is never run unsandboxed");
        }
        if (!Files.isExecutable(config.python())) {
            throw new SandboxUnavailableException("python not found at " + config.python()
                    + ": install it (Debian/Ubuntu: apt-get install -y python3)");
        }
        if (!config.python().normalize().startsWith("/usr/")) {
            throw new SandboxUnavailableException("python must live under /usr (the only host folder in the box), not at "
                    + config.python());
        }
        if (jvmIsRoot && !Files.isExecutable(config.setpriv())) {
            throw new SandboxUnavailableException("setpriv not found at " + config.setpriv()
                    + ": it drops the box from root to uid " + config.uid() + " (Debian/Ubuntu: apt-get install -y util-linux)");
        }
    }

    private static final int DEFAULT_MEMORY_MB = 128;

    /** The run's memory cgroup limit: the test process's budget twice (parent and child), the runner, the /tmp tmpfs. */
    private long memoryLimit(int memoryMb) {
        return ((long) memoryMb * 2 + 64 + config.tmpSizeMiB()) << 20;
    }

    private CgroupV1.Run createCgroups(int memoryMb) throws SandboxUnavailableException {
        if (cgroups == null) {
            if (config.cgroupsRequired()) {
                throw new SandboxUnavailableException("cgroups are required but " + cgroupProblem);
            }
            if (warned.compareAndSet(false, true)) {
                LOG.log(System.Logger.Level.WARNING, "sandbox runs without pids/memory cgroups ("
                        + cgroupProblem + "); rlimits, the pid namespace and the wall clock still apply");
            }
            return null;
        }
        long memory = memoryLimit(memoryMb);
        String name = "pyquest-" + ProcessHandle.current().pid() + "-" + RUNS.incrementAndGet();
        try {
            return cgroups.create(name, config.pidsMax(), memory);
        } catch (IOException e) {
            if (config.cgroupsRequired()) {
                throw new SandboxUnavailableException("cannot create the run's cgroups: " + e.getMessage(), e);
            }
            LOG.log(System.Logger.Level.WARNING, "sandbox run without cgroups: " + e.getMessage());
            return null;
        }
    }

    List<String> command(CgroupV1.Run cg) {
        return command(cg, false);
    }

    /** {@code idlePriority}: start the box at nice 19 (a warm box, reniced to 0 when it gets its job). */
    List<String> command(CgroupV1.Run cg, boolean idlePriority) {
        List<String> cmd = new ArrayList<>();
        // The runner reaches the box as data on fd 3 (--ro-bind-data), not as a bind of its host
        // path: the box's /proc/self/mountinfo then names no host file or folder.
        if (cg != null) {
            // Join the run's groups before anything of the box exists, then become setpriv/bwrap.
            cmd.addAll(List.of("/bin/sh", "-c",
                    "echo $$ > \"$1\" && echo $$ > \"$2\" && exec 3< \"$3\" && shift 3 && exec \"$@\"", "sh",
                    cg.pidsProcs().toString(), cg.memoryProcs().toString(), runnerFile.toString()));
        } else {
            cmd.addAll(List.of("/bin/sh", "-c", "exec 3< \"$1\" && shift && exec \"$@\"", "sh", runnerFile.toString()));
        }
        if (idlePriority) cmd.addAll(List.of("/usr/bin/nice", "-n", "19"));
        if (jvmIsRoot) {
            cmd.addAll(List.of(config.setpriv().toString(), "--reuid=" + config.uid(), "--regid=" + config.gid(),
                    "--clear-groups", "--no-new-privs", "--bounding-set=-all", "--inh-caps=-all", "--"));
        }
        cmd.add(config.bwrap().toString());
        cmd.addAll(List.of("--unshare-all", "--unshare-user", "--disable-userns", "--die-with-parent", "--new-session", "--as-pid-1",
                "--hostname", "pyquest", "--clearenv",
                "--setenv", "PATH", "/usr/bin:/bin", "--setenv", "LANG", "C.UTF-8", "--setenv", "HOME", "/tmp",
                "--setenv", "PYTHONDONTWRITEBYTECODE", "1", "--setenv", "PYTHONIOENCODING", "utf-8",
                "--ro-bind", "/usr", "/usr"));
        for (String dir : List.of("/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32")) {
            Path p = Path.of(dir);
            if (Files.isSymbolicLink(p)) {
                try {
                    String target = Files.readSymbolicLink(p).toString();
                    if (target.startsWith("usr/") || target.startsWith("/usr/")) {
                        cmd.addAll(List.of("--symlink", target, dir));
                    }
                } catch (IOException ignored) {
                    // unreadable link: leave it out
                }
            } else if (Files.isDirectory(p)) {
                cmd.addAll(List.of("--ro-bind", dir, dir));
            }
        }
        cmd.addAll(List.of("--proc", "/proc", "--dev", "/dev",
                "--size", Long.toString((long) config.tmpSizeMiB() << 20), "--tmpfs", "/tmp",
                "--ro-bind-data", "3", RUNNER_IN_BOX,
                "--remount-ro", "/dev", "--remount-ro", "/", "--chdir", "/tmp",
                config.python().toString(), "-I", "-S", "-B", RUNNER_IN_BOX,
                "--private", "--nproc", Integer.toString(config.pidsMax()),
                "--max-output", Integer.toString(config.maxOutputBytes() / 2)));
        return cmd;
    }

    // ------------------------------------------------------------------ the run

    private static byte[] readCapped(InputStream in, int cap) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        byte[] buf = new byte[65536];
        try (in) {
            int n;
            while ((n = in.read(buf)) >= 0) {
                if (out.size() + n > cap) return null;
                out.write(buf, 0, n);
            }
        } catch (IOException e) {
            // the stream closed under us (the watchdog killed the run): keep what we have
        }
        return out.toByteArray();
    }

    private static void drain(InputStream in, ByteArrayOutputStream into) {
        byte[] buf = new byte[8192];
        try (in) {
            int n;
            while ((n = in.read(buf)) >= 0) {
                synchronized (into) {
                    int room = STDERR_CAP - into.size();
                    if (room > 0) into.write(buf, 0, Math.min(room, n));
                }
            }
        } catch (IOException ignored) {
            // closed
        }
    }

    private static String stderrText(ByteArrayOutputStream stderr) {
        synchronized (stderr) {
            return stderr.toString(StandardCharsets.UTF_8).strip();
        }
    }

    private SandboxUnavailableException failure(int exit, String err, byte[] out) {
        String firstLine = err.lines().findFirst().orElse("");
        if (firstLine.startsWith("bwrap:")) {
            return new SandboxUnavailableException("bubblewrap could not build the sandbox (" + err
                    + "). It needs unprivileged user namespaces: sysctl kernel.unprivileged_userns_clone=1 and, on"
                    + " Ubuntu 23.10+, kernel.apparmor_restrict_unprivileged_userns=0");
        }
        if (firstLine.startsWith("setpriv:")) {
            return new SandboxUnavailableException("setpriv could not drop to uid " + config.uid() + ": " + err);
        }
        if (err.contains("cgroup.procs")) {
            return new SandboxUnavailableException("could not join the run's cgroups: " + err);
        }
        String report = new String(out, 0, Math.min(out.length, 2000), StandardCharsets.UTF_8);
        if (exit == 2 && report.startsWith("{\"error\"")) {
            // Refused before any learner code ran (a bad job, no syscall filter): ours, not the learner's run.
            return new SandboxUnavailableException("the runner rejected the job: " + report);
        }
        return new SandboxFailedException("the sandbox runner failed (exit status " + exit + ")"
                + (err.isEmpty() ? "" : ": " + cap(err, 2000)));
    }

    private static void validateReport(byte[] out, JobShape job) throws SandboxFailedException {
        JsonNode root;
        try {
            root = JSON.readTree(out);
        } catch (IOException | RuntimeException e) {
            throw new SandboxFailedException("the sandbox report is not JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject() || !root.path("compile").isObject() || !root.path("results").isArray()) {
            throw new SandboxFailedException("the sandbox report has no compile/results sections");
        }
        boolean compiled = root.path("compile").path("ok").asBoolean(false);
        int expected = compiled ? job.tests() : 0;
        if (root.path("results").size() != expected) {
            throw new SandboxFailedException("the sandbox report has " + root.path("results").size()
                    + " results for " + expected + " tests");
        }
    }

    /**
     * The box's processes: the members of its cgroups when it has them (its outer process joined
     * them before anything of the box existed, and nothing in the box can leave them; the outer one
     * is among them), else the outer process's descendants (a scan of all of /proc, ~1-2 ms here).
     */
    private static List<Long> boxProcesses(Process p, CgroupV1.Run cg) {
        if (cg != null) return cg.members();
        try {
            return p.descendants().map(ProcessHandle::pid).toList();
        } catch (RuntimeException e) {
            return List.of();       // enumeration raced with exits
        }
    }

    /** SIGKILL to the whole tree: the outer process and every process of the box (its pid namespace, its cgroups). */
    private static void killTree(Process p, CgroupV1.Run cg) {
        List<Long> tree = boxProcesses(p, cg);
        p.destroyForcibly();
        for (long pid : tree) ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    }

    private static void awaitGone(Process p, CgroupV1.Run cg) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        try {
            p.waitFor(3, TimeUnit.SECONDS);
            while (System.nanoTime() < deadline) {
                List<ProcessHandle> left = boxProcesses(p, cg).stream().map(ProcessHandle::of)
                        .flatMap(java.util.Optional::stream).filter(ProcessHandle::isAlive).toList();
                if (left.isEmpty()) return;
                left.forEach(ProcessHandle::destroyForcibly);
                Thread.sleep(2);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void removeCgroups(CgroupV1.Run cg) {
        boolean empty = cg.killAll(System.nanoTime() + TimeUnit.SECONDS.toNanos(3));
        if (!empty || !cg.remove()) {
            LOG.log(System.Logger.Level.ERROR, "sandbox cgroups " + cg.pids + " / " + cg.memory
                    + " could not be emptied and removed");
        }
    }

    private static String cap(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n) + "...";
    }

    static int effectiveUid() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) return Integer.parseInt(line.substring(4).trim().split("\\s+")[1]);
            }
        } catch (IOException | RuntimeException ignored) {
            // fall through
        }
        return -1;
    }

    /** What the supervisor needs of the job: how many tests and their limits. */
    record JobShape(int tests, int timeMs, int memoryMb) {
        static JobShape of(byte[] json) {
            JsonNode root;
            try {
                root = JSON.readTree(json);
            } catch (IOException e) {
                throw new IllegalArgumentException("the sandbox job is not JSON: " + e.getMessage(), e);
            }
            if (root == null || !root.isObject() || !root.path("tests").isArray()) {
                throw new IllegalArgumentException("the sandbox job must be an object with a tests array");
            }
            JsonNode limits = root.path("limits");
            return new JobShape(root.get("tests").size(),
                    clamp(limits.path("timeMs").asInt(2000), 1, 120_000),
                    clamp(limits.path("memoryMb").asInt(128), 16, 4096));
        }

        private static int clamp(int v, int lo, int hi) {
            return Math.max(lo, Math.min(hi, v));
        }
    }
}
