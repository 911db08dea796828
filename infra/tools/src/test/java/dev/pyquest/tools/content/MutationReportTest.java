package dev.pyquest.tools.content;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pyquest.domain.Json;
import dev.pyquest.domain.content.Checker;
import dev.pyquest.domain.content.Difficulty;
import dev.pyquest.domain.content.Exercise;
import dev.pyquest.domain.content.Limits;
import dev.pyquest.domain.content.TestCase;
import dev.pyquest.local.Sandbox;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The report's rules, with the real generator and Scorer but a scripted sandbox: the exercise is
 * {@code return x + 1}, whose mutants are {@code return None}, {@code x - 1}, {@code x * 1} and
 * {@code x + 2}; the sandbox "runs" each by looking up how its return expression behaves.
 */
class MutationReportTest {
    private static final MutantGenerator GENERATOR = new MutantGenerator();
    private static final String SOLUTION = "def plus_one(x):\n    return x + 1\n";
    private static final Pattern RETURN = Pattern.compile("return (.*)");

    @TempDir
    Path root;
    /** Return expression -> the result object for argument x ({"status": ..., "value": ...}). */
    private final Map<String, IntFunction<ObjectNode>> behaviour = new HashMap<>();
    private final List<JsonNode> jobs = new ArrayList<>();

    @AfterAll
    static void close() {
        GENERATOR.close();
    }

    @BeforeEach
    void correctReference() throws IOException {
        Files.createDirectories(root.resolve("exercises/plus-one"));
        behaviour.put("x + 1", x -> ok(x + 1));
        behaviour.put("None", x -> ok(null));
        behaviour.put("x - 1", x -> ok(x - 1));
        behaviour.put("x * 1", x -> ok(x));
        behaviour.put("x + 2", x -> ok(x + 2));
    }

    private static ObjectNode ok(Integer value) {
        ObjectNode r = Json.MAPPER.createObjectNode().put("status", "OK").put("stdout", "");
        if (value == null) r.putNull("value"); else r.put("value", value);
        return r;
    }

    private static ObjectNode status(String status) {
        return Json.MAPPER.createObjectNode().put("status", status).put("stdout", "").put("error", status);
    }

    private final Sandbox sandbox = job -> {
        JsonNode j;
        try {
            j = Json.MAPPER.readTree(job);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        synchronized (jobs) {
            jobs.add(j);
        }
        Matcher m = RETURN.matcher(j.path("code").asText());
        if (!m.find()) throw new AssertionError("no return in " + j.path("code").asText());
        String expr = m.group(1).strip();
        if (expr.equals("FAULT")) throw new Sandbox.Unavailable("the box crashed", null);
        ObjectNode report = Json.MAPPER.createObjectNode();
        if (expr.equals("SYNTAX")) {
            report.putObject("compile").put("ok", false).put("line", 1).put("column", 1).put("message", "invalid syntax");
            report.putArray("results");
            return bytes(report);
        }
        IntFunction<ObjectNode> f = behaviour.get(expr);
        if (f == null) throw new AssertionError("no behaviour for " + expr);
        report.putObject("compile").put("ok", true);
        ArrayNode results = report.putArray("results");
        for (JsonNode t : j.path("tests")) {
            results.add(f.apply(t.path("args").get(0).asInt()).put("name", t.path("name").asText()));
        }
        return bytes(report);
    };

    private static byte[] bytes(JsonNode n) {
        try {
            return Json.MAPPER.writeValueAsBytes(n);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static Exercise exercise(String solution) {
        List<TestCase> examples = IntStream.rangeClosed(1, 3).mapToObj(i -> test("example " + i, i)).toList();
        List<TestCase> hidden = IntStream.rangeClosed(1, 8).mapToObj(i -> test("hidden " + i, 10 + i)).toList();
        return new Exercise("ex-9999", "plus-one", "Plus one", Difficulty.EASY, List.of("functions"), "plus_one",
                Limits.DEFAULT, List.of("add one"), examples, hidden, List.of(), List.of(), "Add one.",
                "def plus_one(x):\n    pass\n", solution, List.of(), false, "Return x + 1.", false);
    }

    private static TestCase test(String name, int x) {
        return new TestCase(name, Json.MAPPER.createArrayNode().add(x), Json.MAPPER.getNodeFactory().numberNode(x + 1),
                Checker.EXACT);
    }

    private MutationReport.Summary report(int threads) {
        return new MutationReport(sandbox, GENERATOR, threads).run(List.of(exercise(SOLUTION)), root, s -> {});
    }

    private void listEquivalents(String yaml) throws IOException {
        Files.writeString(root.resolve("exercises/plus-one").resolve(EquivalentMutants.FILE), yaml);
    }

    @Test
    void scoreIsKilledOverMutantsAndSurvivorsAreNamed() {
        behaviour.put("x + 2", x -> ok(x + 1));    // as if x + 2 behaved like the reference
        MutationReport.Summary summary = report(2);
        MutationReport.ExerciseScore s = summary.exercises().get(0);
        assertEquals(4, s.total(), s.line(10));
        assertEquals(3, s.killed());
        assertEquals(0.75, s.score());
        assertTrue(s.below());
        assertFalse(s.ok());
        assertEquals(List.of("L2:C15 1->2"), s.survivors().stream().map(r -> r.mutant().id()).toList());
        assertEquals("plus-one  3/4 killed (75%)  BELOW 90%  survivors: L2:C15 1->2 (1  ->  2)", s.line(8));
        assertEquals("mutation: 1 exercises, 3/4 mutants killed (75%), 0 listed equivalent, 1 below 90%", summary.line());
        assertFalse(summary.ok());
    }

    @Test
    void eachMutantRunsOnceOnTheHiddenTestsOnly() {
        MutationReport.Summary summary = report(2);
        assertTrue(summary.ok(), summary.exercises().get(0).line(10));
        assertEquals("mutation: 1 exercises, 4/4 mutants killed (100%), 0 listed equivalent, 0 below 90%", summary.line());
        assertEquals(5, jobs.size(), "the reference and four mutants, one run each");
        for (JsonNode job : jobs) {
            List<String> names = new ArrayList<>();
            job.path("tests").forEach(t -> names.add(t.path("name").asText()));
            assertEquals(IntStream.rangeClosed(1, 8).mapToObj(i -> "hidden " + i).toList(), names);
            assertEquals(0, job.path("publicCount").asInt(0), "no public examples in the job");
        }
    }

    @Test
    void everyNonPassingStatusKills() {
        behaviour.put("x - 1", x -> x == 14 ? status("TIME_LIMIT") : ok(x + 1));
        behaviour.put("x * 1", x -> status("RUNTIME_ERROR"));
        behaviour.put("None", x -> status("MEMORY_LIMIT"));
        MutationReport.ExerciseScore s = report(1).exercises().get(0);
        assertEquals(4, s.killed(), s.line(10));
        assertEquals("hidden 4: TIME_LIMIT", s.results().stream()
                .filter(r -> r.mutant().id().equals("L2:C11 Add->Sub")).findFirst().orElseThrow().killedBy());
    }

    @Test
    void aListedEquivalentLeavesTheDenominator() throws IOException {
        behaviour.put("x + 2", x -> ok(x + 1));
        listEquivalents("- mutant: \"L2:C15 1->2\"\n  why: \"in this test double it behaves like the reference\"\n");
        MutationReport.Summary summary = report(2);
        MutationReport.ExerciseScore s = summary.exercises().get(0);
        assertTrue(s.ok(), s.line(10));
        assertEquals(3, s.scored());
        assertEquals(1.0, s.score());
        assertEquals(List.of(), s.survivors());
        assertEquals("mutation: 1 exercises, 3/3 mutants killed (100%), 1 listed equivalent, 0 below 90%", summary.line());
    }

    @Test
    void aStaleListingIsAnError() throws IOException {
        listEquivalents("""
                - mutant: "L2:C11 Add->Sub"
                  why: "listed by mistake: a test kills it"
                - mutant: "L9:C4 return->None"
                  why: "from an older solution.py"
                """);
        MutationReport.ExerciseScore s = report(2).exercises().get(0);
        assertFalse(s.ok());
        assertEquals(2, s.errors().size(), s.errors().toString());
        assertTrue(s.errors().get(0).contains("'L2:C11 Add->Sub'") && s.errors().get(0).contains("kills it"), s.errors().get(0));
        assertTrue(s.errors().get(1).contains("'L9:C4 return->None'") && s.errors().get(1).contains("no longer makes"),
                s.errors().get(1));
        assertEquals(4, s.scored(), "stale listings do not leave the denominator");
    }

    @Test
    void aMalformedListingIsAnError() throws IOException {
        listEquivalents("- mutant: \"L2:C15 1->2\"\n  reason: \"wrong field name\"\n");
        MutationReport.ExerciseScore s = report(1).exercises().get(0);
        assertFalse(s.ok());
        assertTrue(s.errors().get(0).contains("unknown field 'reason'"), s.errors().toString());
        assertTrue(s.errors().get(0).contains("why is missing"), s.errors().toString());
    }

    @Test
    void aSandboxFaultIsAToolFailureNotAKill() {
        ToolFailure e = assertThrows(ToolFailure.class, () -> new MutationReport(sandbox, GENERATOR, 2)
                .run(List.of(exercise("def plus_one(x):\n    return FAULT\n")), root, s -> {}));
        assertTrue(e.getMessage().contains("the box crashed"), e.getMessage());
    }

    @Test
    void aRunWithoutReportIsTriedOnceMore() {
        int[] failures = {0};
        Sandbox flaky = job -> {
            synchronized (failures) {
                if (failures[0]++ == 0) {
                    throw new Sandbox.Unavailable("wall clock", new dev.pyquest.sandbox.SandboxFailedException("wall clock"));
                }
            }
            return sandbox.run(job);
        };
        MutationReport.Summary s = new MutationReport(flaky, GENERATOR, 1).run(List.of(exercise(SOLUTION)), root, x -> {});
        assertTrue(s.ok(), s.line());
        assertEquals(6, failures[0], "one failed run, tried again, then the other four");
        Sandbox broken = job -> {
            throw new Sandbox.Unavailable("wall clock", new dev.pyquest.sandbox.SandboxFailedException("wall clock"));
        };
        assertThrows(ToolFailure.class, () -> new MutationReport(broken, GENERATOR, 1)
                .run(List.of(exercise(SOLUTION)), root, x -> {}));
    }

    @Test
    void aSyntaxErrorInTheBoxIsAToolFailure() {
        // The reference runs fine; its "return None" mutant comes back from the box as a syntax error.
        Sandbox syntaxForNone = job -> {
            String code = new String(job, java.nio.charset.StandardCharsets.UTF_8);
            return sandbox.run(code.contains("return None") ? code.replace("return None", "return SYNTAX").getBytes(java.nio.charset.StandardCharsets.UTF_8) : job);
        };
        ToolFailure e = assertThrows(ToolFailure.class, () -> new MutationReport(syntaxForNone, GENERATOR, 1)
                .run(List.of(exercise(SOLUTION)), root, s -> {}));
        assertTrue(e.getMessage().contains("does not compile in the sandbox"), e.getMessage());
    }

    @Test
    void aFailingReferenceIsAnErrorNotAScore() {
        behaviour.put("x + 1", x -> ok(x));
        MutationReport.ExerciseScore s = report(2).exercises().get(0);
        assertFalse(s.ok());
        assertTrue(s.errors().get(0).startsWith("the reference solution fails a hidden test"), s.errors().toString());
    }

    @Test
    void theResultDoesNotDependOnTheNumberOfThreads() {
        behaviour.put("x + 2", x -> ok(x + 1));
        assertEquals(outcomes(report(1)), outcomes(report(3)));
    }

    /** What a run decided, without its timings. */
    private static List<String> outcomes(MutationReport.Summary s) {
        return s.exercises().get(0).results().stream()
                .map(r -> r.mutant().id() + " " + r.killed() + " " + r.killedBy()).toList();
    }
}
