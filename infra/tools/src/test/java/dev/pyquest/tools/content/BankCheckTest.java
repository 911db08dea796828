package dev.pyquest.tools.content;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pyquest.domain.Json;
import dev.pyquest.domain.content.BankEntry;
import dev.pyquest.domain.content.BugClass;
import dev.pyquest.domain.content.Checker;
import dev.pyquest.domain.content.Difficulty;
import dev.pyquest.domain.content.EdgeClass;
import dev.pyquest.domain.content.Exercise;
import dev.pyquest.domain.content.Limits;
import dev.pyquest.domain.content.TestCase;
import dev.pyquest.local.Sandbox;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The learner-bug bank's check and report, with the real Scorer and a scripted sandbox: the
 * exercise is "add one to a natural number" (examples 1-3, hidden tests 11-18); each piece of code
 * "runs" by looking up how it behaves on an argument. Each rule can fail: an entry the public
 * examples catch, a witness on which the entry agrees with the reference, a witness the reference
 * refuses, and an entry no hidden test catches are all reported.
 */
class BankCheckTest {
    private static final String REFERENCE = "def plus_one(x):\n    return x + 1\n";
    private static final String WALKTHROUGH = "Return x + 1.";
    private final Map<String, IntFunction<ObjectNode>> behaviour = new HashMap<>();
    private final List<JsonNode> jobs = new ArrayList<>();

    BankCheckTest() {
        behaviour.put(REFERENCE, x -> x < 0 ? raises() : ok(x + 1));
    }

    private static ObjectNode ok(int value) {
        return Json.MAPPER.createObjectNode().put("status", "OK").put("stdout", "").put("value", value);
    }

    private static ObjectNode raises() {
        return Json.MAPPER.createObjectNode().put("status", "RUNTIME_ERROR").put("stdout", "").put("error", "ValueError: not a natural number");
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
        IntFunction<ObjectNode> f = behaviour.get(j.path("code").asText());
        if (f == null) throw new AssertionError("no behaviour for " + j.path("code").asText());
        ObjectNode report = Json.MAPPER.createObjectNode();
        report.putObject("compile").put("ok", true);
        ArrayNode results = report.putArray("results");
        for (JsonNode t : j.path("tests")) results.add(f.apply(t.path("args").get(0).asInt()).put("name", t.path("name").asText()));
        try {
            return Json.MAPPER.writeValueAsBytes(report);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    };

    /** A bank entry whose code behaves like {@code f}, witnessed by {@code witness}. */
    private BankEntry entry(String name, BugClass c, int witness, IntFunction<ObjectNode> f) {
        String code = "def plus_one(x):\n    # " + name + "\n    return ...\n";
        behaviour.put(code, f);
        return new BankEntry("bank/" + name + ".py", c, "it is " + name, Json.MAPPER.createArrayNode().add(witness), Checker.EXACT, code);
    }

    private static Exercise exercise(List<BankEntry> bank) {
        List<TestCase> examples = IntStream.rangeClosed(1, 3).mapToObj(i -> test("example " + i, i)).toList();
        List<TestCase> hidden = IntStream.rangeClosed(11, 18).mapToObj(i -> test("hidden " + i, i)).toList();
        return new Exercise("ex-9999", "plus-one", "Plus one", Difficulty.EASY, List.of("functions"), "plus_one",
                Limits.DEFAULT, List.of("add one"), examples, hidden, List.of(), bank, "Add one to a natural number.",
                "def plus_one(x):\n    pass\n", REFERENCE, List.of(), false, WALKTHROUGH, false);
    }

    private static TestCase test(String name, int x) {
        return new TestCase(name, Json.MAPPER.createArrayNode().add(x), Json.MAPPER.getNodeFactory().numberNode(x + 1), Checker.EXACT);
    }

    private List<String> problems(Exercise e) {
        ContentCheck check = new ContentCheck(sandbox);
        List<ContentCheck.Check> checks = check.checks(e);
        return checks.subList(1, checks.size() - 1).stream().map(ContentCheck.Check::run).toList();
    }

    @Test
    void anEntryAHiddenTestCatchesPasses() {
        Exercise e = exercise(List.of(entry("stops-at-15", BugClass.OFF_BY_ONE, 20, x -> ok(x < 15 ? x + 1 : x))));
        List<String> problems = problems(e);
        assertEquals(1, problems.size());
        assertNull(problems.get(0));
        assertEquals(2, jobs.size(), "one run of the reference on the witnesses, one of the entry");
        JsonNode witnessRun = jobs.get(0);
        assertEquals("(bank witness) bank/stops-at-15.py", witnessRun.path("tests").get(0).path("name").asText());
        JsonNode entryRun = jobs.get(1);
        assertEquals(4, entryRun.path("publicCount").asInt(), "the public examples and the witness, then the hidden tests");
        assertEquals(12, entryRun.path("tests").size());
    }

    private static ObjectNode changesItsInput(int value) {
        return ok(value).put("status", "INPUT_CHANGED").put("argument", 1);
    }

    /** The exercise, checking that inputs are unchanged (inputsUnchanged: true for the exercise and every test). */
    private static Exercise checkingInputs(List<BankEntry> bank) {
        Exercise e = exercise(bank);
        java.util.function.UnaryOperator<List<TestCase>> checked = tests -> tests.stream()
                .map(t -> new TestCase(t.name(), t.args(), t.expected(), t.checker(), true)).toList();
        return new Exercise(e.id(), e.slug(), e.title(), e.difficulty(), e.skills(), e.function(), e.limits(), e.hints(),
                checked.apply(e.examples()), checked.apply(e.tests()), e.wrong(), e.bank(), e.statement(), e.starterCode(),
                e.solution(), e.formerSlugs(), true, e.walkthrough(), e.premium());
    }

    @Test
    void onAnExerciseThatChecksInputsAnEntryThatReturnsTheRightValueButChangesItsInputIsShownWrongAndCaught() {
        Exercise e = checkingInputs(List.of(entry("sorts-in-place", BugClass.MUTATES_INPUT, 20,
                x -> x < 15 ? ok(x + 1) : changesItsInput(x + 1))));
        assertEquals(java.util.Arrays.asList((String) null), problems(e));
        for (JsonNode job : jobs) {
            for (JsonNode t : job.path("tests")) assertTrue(t.path("inputsUnchanged").asBoolean(), "every test of " + job + " checks");
        }
    }

    @Test
    void aWitnessOnWhichTheReferenceChangesItsInputIsNoValidInput() {
        behaviour.put(REFERENCE, x -> x == 99 ? changesItsInput(x + 1) : ok(x + 1));
        Exercise e = checkingInputs(List.of(entry("stops-at-15", BugClass.OFF_BY_ONE, 99, x -> ok(x < 15 ? x + 1 : x))));
        String problem = problems(e).get(0);
        assertTrue(problem.startsWith("bank/stops-at-15.py (off-by-one): its witness args [99] are no valid input: the reference solution "
                + "gives INPUT_CHANGED"), problem);
    }

    @Test
    void anEntryEveryHiddenTestPassesIsReportedByExerciseFileAndClass() {
        Exercise e = exercise(List.of(entry("stops-at-100", BugClass.BOUNDARY_POSITION, 100, x -> ok(x < 100 ? x + 1 : x))));
        String problem = problems(e).get(0);
        assertEquals("bank/stops-at-100.py (boundary-position) (it is stops-at-100) passes every hidden test: "
                + "add a hidden test that catches it (its witness args [100] are one)", problem);
        assertEquals("plus-one: " + problem, new ContentCheck.Problem("plus-one", "x", problem).toString());
    }

    @Test
    void anEntryAPublicExampleCatchesIsRefused() {
        Exercise e = exercise(List.of(entry("identity", BugClass.OFF_BY_ONE, 20, x -> ok(x))));
        String problem = problems(e).get(0);
        assertTrue(problem.startsWith("bank/identity.py (off-by-one) fails public example 'example 1' (WRONG_ANSWER), "
                + "'example 2' (WRONG_ANSWER), 'example 3' (WRONG_ANSWER): the examples already catch it"), problem);
    }

    @Test
    void aWitnessOnWhichTheEntryIsRightIsRefused() {
        Exercise e = exercise(List.of(entry("wrong-at-50", BugClass.SENTINEL, 12, x -> ok(x == 50 ? 0 : x + 1))));
        String problem = problems(e).get(0);
        assertTrue(problem.contains("bank/wrong-at-50.py (sentinel): it returns what the reference returns on its witness args [12]"),
                problem);
    }

    @Test
    void aWitnessTheReferenceRefusesIsNoValidInput() {
        Exercise e = exercise(List.of(entry("negatives", BugClass.NEGATIVE_VALUES, -1, x -> ok(x < 15 ? x + 1 : 0))));
        String problem = problems(e).get(0);
        assertEquals("bank/negatives.py (negative-values): its witness args [-1] are no valid input: the reference solution "
                + "gives RUNTIME_ERROR (ValueError: not a natural number)", problem);
    }

    @Test
    void theReportCountsCaughtValidEntriesAndListsTheRest() {
        Exercise e = exercise(List.of(
                entry("stops-at-15", BugClass.OFF_BY_ONE, 20, x -> ok(x < 15 ? x + 1 : x)),
                entry("doubles-big", BugClass.FLOAT_PRECISION, 30, x -> ok(x < 13 ? x + 1 : 2 * x)),
                entry("stops-at-100", BugClass.BOUNDARY_POSITION, 100, x -> ok(x < 100 ? x + 1 : x)),
                entry("identity", BugClass.OFF_BY_ONE, 20, x -> ok(x))));
        Exercise none = new Exercise("ex-9998", "no-bank", "No bank", Difficulty.EASY, List.of("functions"), "plus_one",
                Limits.DEFAULT, List.of("add one"), e.examples(), e.tests(), List.of(), List.of(), "", "", REFERENCE, List.of(), false, WALKTHROUGH, false);
        List<String> lines = new ArrayList<>();
        BankReport.Summary s = new BankReport(sandbox, 2).run(List.of(e, none), f -> lines.add(f.line(8)));
        BankReport.ExerciseFigures f = s.exercises().get(0);
        assertEquals(4, f.bank());
        assertEquals(3, f.valid().size());
        assertEquals(2, f.caught());
        assertEquals(List.of(BugClass.FLOAT_PRECISION, BugClass.BOUNDARY_POSITION, BugClass.OFF_BY_ONE), f.classes());
        assertEquals("""
                plus-one  hidden   8 (  8 fixed +  0 generated)  bank  4  caught  2/3  (66.7%)  classes: float-precision, boundary-position, off-by-one
                    survives: bank/stops-at-100.py (boundary-position): it is stops-at-100
                    invalid: bank/identity.py (off-by-one) fails public example""", lines.get(0).substring(0, lines.get(0).indexOf(" 'example 1'")));
        assertEquals("no-bank   hidden   8 (  8 fixed +  0 generated)  bank  0", lines.get(1));
        assertEquals("bank: 2 exercises (1 with a bank), 16 hidden tests (0 generated, in 0 exercises), 4 entries, 2/3 caught (66.7%), 1 invalid", s.line().lines().findFirst().orElseThrow());
        assertTrue(s.line().contains("\nclasses: unicode-case 0, negative-division 0, float-precision 1, sentinel 0, boundary-position 1, off-by-one 1,"),
                s.line());
        assertTrue(s.line().endsWith("\nedges (exercises whose generated tests cover each): empty 0, one-element 0, negatives 0, zero 0,"
                + " large-magnitude 0, duplicates 0, ties 0, unicode 0, float-near-equality 0, worst-case-size 0, boundary 0, validation 0, random 0"),
                s.line());
    }

    @Test
    void theReportCountsGeneratedTestsApartAndNamesTheirEdgeClasses() {
        Exercise e = exercise(List.of(entry("stops-at-15", BugClass.OFF_BY_ONE, 20, x -> ok(x < 15 ? x + 1 : x))));
        List<TestCase> tests = new ArrayList<>(e.tests());
        tests.add(test("generated: boundary #1", 19));
        tests.add(test("generated: large-magnitude #1", 10_000));
        tests.add(test("generated: boundary #2", 21));
        Exercise withGenerated = new Exercise(e.id(), e.slug(), e.title(), e.difficulty(), e.skills(), e.function(), e.limits(),
                e.hints(), e.examples(), tests, e.wrong(), e.bank(), e.statement(), e.starterCode(), e.solution(), e.formerSlugs(), false,
                e.walkthrough(), e.premium());
        List<String> lines = new ArrayList<>();
        BankReport.Summary s = new BankReport(sandbox, 1).run(List.of(withGenerated), f -> lines.add(f.line(8)));
        assertEquals(3, s.exercises().get(0).generated());
        assertEquals(List.of(EdgeClass.LARGE_MAGNITUDE, EdgeClass.BOUNDARY), s.exercises().get(0).edges());
        assertEquals("""
                plus-one  hidden  11 (  8 fixed +  3 generated)  bank  1  caught  1/1  (100%)  classes: off-by-one
                    edges: large-magnitude, boundary""", lines.get(0));
        assertTrue(s.line().startsWith("bank: 1 exercises (1 with a bank), 11 hidden tests (3 generated, in 1 exercises), "), s.line());
        assertTrue(s.line().contains(" large-magnitude 1, duplicates 0, ties 0, unicode 0, float-near-equality 0, worst-case-size 0, boundary 1,"),
                s.line());
    }

    @Test
    void aSandboxFaultIsAToolFailure() {
        Exercise e = exercise(List.of(entry("stops-at-15", BugClass.OFF_BY_ONE, 20, x -> ok(x < 15 ? x + 1 : x))));
        Sandbox broken = job -> {
            throw new Sandbox.Unavailable("no box", null);
        };
        assertThrows(ToolFailure.class, () -> new BankReport(broken, 1).run(List.of(e), f -> {}));
    }
}
