package dev.pyquest.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pyquest.sandbox.HostileProgram;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Hostile learner programs, each submitted through the real path: {@code POST /activities/{slug}/submissions}
 * on a local stack started here (real workflow, real bubblewrap sandbox, real DynamoDB Local), then
 * polled with {@code GET /submissions/{id}}. The programs are data files,
 * {@code infra/sandbox/src/test/resources/hostile/submissions/*.py}: each names its activity and
 * declares what the verdict must be (the format: {@link HostileProgram}). For every program the suite
 * also checks that the learner earned nothing, that no process of the sandbox uid is left on the host
 * once the verdicts are in, and that host files are unchanged.
 *
 * <p>Programs run in small concurrent batches (the stack judges up to four submissions at a time), at
 * most one slow program (one that expects a time limit) per batch. Programs that misbehave on purpose
 * but only need to do it once do it on the first public example and return None (a wrong answer)
 * on the other tests: the file then expects that first test's status and WRONG_ANSWER for the rest.
 *
 * <p>A program that shows a real hole is not a data file: it has its own {@code @Disabled("HOLE: ...")}
 * test here, still asserting what should hold. So has a check no data file can say (mountinfo).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileSubmissionsIT {
    static final String FIZZBUZZ = "fizzbuzz", SUM_OF_EVENS = "sum-of-evens";
    static final String PASSED = "PASSED", FAILED = "FAILED", WRONG_ANSWER = "WRONG_ANSWER", TIME_LIMIT = "TIME_LIMIT";
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
        stack = LocalStack.start(LocalStack.Config.fromEnvironment().withoutFunctions(Stacks.ACHIEVEMENTS).withDataDir(data).withPort(0));
        api = new Api(stack.port());
    }

    @AfterAll
    void stop() {
        if (stack != null) stack.close();
    }

    // =================================================================== the table: hostile/submissions/*.py

    /** The hostile programs submitted here: each file says its activity and what the verdict must be. */
    static final Path PROGRAMS = LocalStack.findRoot().resolve(HostileProgram.FOLDER).resolve("submissions");

    private List<Case> cases() {
        Map<String, String> placeholders = Map.of("PORT", Integer.toString(stack.port()), "CANARY", canary.toString(),
                "DATA", data.toAbsolutePath().toString(), "REPO", repo(), "HOSTDIR", hostDir.toString(),
                "JVMPID", Long.toString(ProcessHandle.current().pid()));
        return HostileProgram.readAll(PROGRAMS).stream().map(p -> new Case(p.with(placeholders), null)).toList();
    }

    // =================================================================== running the table

    @TestFactory
    @Order(1)
    Stream<DynamicNode> hostilePrograms() {
        List<Case> cases = cases();
        assertTrue(cases.size() >= 40, "at least 40 hostile programs in " + PROGRAMS + ": " + cases.size());
        List<List<Case>> plan = plan(cases);
        Stream<DynamicNode> rows = java.util.stream.IntStream.range(0, plan.size()).mapToObj(i -> DynamicContainer.dynamicContainer(
                "batch " + (i + 1) + " of " + plan.size(),
                plan.get(i).stream().map(c -> DynamicTest.dynamicTest(c.name() + ": " + c.program().name(),
                        PROGRAMS.resolve(c.name() + ".py").toUri(), () -> verify(c, batches.computeIfAbsent(i, k -> run(plan.get(k))))))));
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
        List<Case> waiting = new ArrayList<>(cases);
        while (!waiting.isEmpty()) {
            Case c = waiting.stream().filter(w -> w.after() == null || where.containsKey(w.after())).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("'# after:' names no program here, or a cycle: " + waiting));
            waiting.remove(c);
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
            String learner = "hostile-" + UUID.randomUUID();
            String token = api.token(learner);
            hostileLearners.add(token);
            try {
                String activity = c.program().one("activity", null);
                // A learner who has done what a gated exercise requires (rows only: nothing earned, as asserted below).
                Prerequisites.meet(stack, learner, activity);
                Api.Response r = api.submit(activity, token, UUID.randomUUID().toString(), c.program().code());
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
        JsonNode verdict = v.path("verdict");
        JsonNode tests = verdict.path("tests");
        assertTrue(tests.isArray() && !tests.isEmpty(), "a verdict with tests: " + v);
        assertEquals(verdict.path("total").asInt(), tests.size(), v.toString());
        long passed = 0;
        for (JsonNode t : tests) if (t.path("status").asText().equals(PASSED)) passed++;
        assertEquals(passed, verdict.path("passed").asLong(), v.toString());
        assertTrue(passed < tests.size(), "a hostile program never passes every test: " + v);
        List<String> mismatches = c.program().mismatches(v, tests, null);
        if (!mismatches.isEmpty()) fail("not as " + c.name() + ".py declares:\n" + String.join("\n", mismatches) + "\n" + v);
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

    private String repo() {
        return stack.config().root().toAbsolutePath().toString();
    }

    static JsonNode test(JsonNode submission, int i) {
        return submission.path("verdict").path("tests").path(i);
    }
    // =================================================================== a slow hostile program does not hold up the others

    /**
     * Burns most of the time limit of every test (12 x 1.2 s of the 2 s each, spinning) without
     * passing it: a time-out would end the run at once (the rest NOT_RUN), this keeps a box busy for
     * ~15 s. Bounded by the wall clock, not by CPU time: on a loaded machine 1.5 s of CPU took longer
     * than the 2 s limit, the run timed out early and the test failed for the load, not for the code.
     */
    private static final String BUSY_EVERY_TEST = """
            import time
            def fizzbuzz(n):
                end = time.monotonic() + 1.2
                while time.monotonic() < end:
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
        for (JsonNode t : bad.path("verdict").path("tests")) assertEquals(WRONG_ANSWER, t.path("status").asText(), bad.toString());
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
    // =================================================================== what a data file cannot say

    private void runAlone(Case c) throws Throwable {
        verify(c, run(List.of(c)));
    }

    /**
     * The mountinfo program of the table, judged by reading every mount: no mount's source is a host
     * path. Bespoke: it parses the fields of each line and tells the box's own tmpfs and device nodes
     * from host paths, which no expectation of a data file can say.
     */
    @Test
    @Order(3)
    void mountinfoShowsNoHostPathAtAll() throws Throwable {
        Case mountinfo = cases().stream().filter(c -> c.name().equals("proc-self-mountinfo-names-no-sensitive-host-path"))
                .findFirst().orElseThrow();
        runAlone(mountinfo.verdict(v -> {
                    String out = test(v, 0).path("stdout").asText();
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

    // =================================================================== rows

    /** One hostile program, and a further check in code where a data file cannot say it. */
    record Case(HostileProgram program, Consumer<JsonNode> check) {
        String name() {
            return program.id();
        }

        /** A further check of the submission as GET /submissions/{id} shows it. */
        Case verdict(Consumer<JsonNode> more) {
            return new Case(program, check == null ? more : check.andThen(more));
        }

        /** Runs in a later batch than the named file. */
        String after() {
            return program.one("after", null);
        }

        boolean slow() {
            return program.expects(TIME_LIMIT);
        }
    }
}
