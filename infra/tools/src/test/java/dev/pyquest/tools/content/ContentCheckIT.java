package dev.pyquest.tools.content;

import dev.pyquest.domain.Json;
import dev.pyquest.domain.content.BankEntry;
import dev.pyquest.domain.content.BugClass;
import dev.pyquest.domain.content.Checker;
import dev.pyquest.domain.content.Course;
import dev.pyquest.domain.content.Exercise;
import dev.pyquest.domain.content.WrongSolution;
import dev.pyquest.local.LocalStack;
import dev.pyquest.local.Sandbox;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The course's tests have teeth, checked through the real judge (bubblewrap sandbox + Scorer) by
 * {@link ContentCheck}, the same check {@code check-content} and {@code ./pyquest mutants} run:
 * every reference solution passes every test, every listed wrong solution fails at least one
 * hidden test, every learner-bug bank entry passes the public examples, is wrong on its witness and
 * fails a hidden test, and no starter code passes. Loading the course validates every file.
 */
class ContentCheckIT {
    private static final Course COURSE = ContentCheck.load(LocalStack.findRoot().resolve("content"));
    private static final ContentCheck CHECK = new ContentCheck(Sandbox.local());

    @TestFactory
    List<DynamicTest> everyExerciseHasTeeth() {
        assertTrue(COURSE.exercises().size() >= 5, "the course has " + COURSE.exercises().size() + " exercises");
        List<DynamicTest> tests = new ArrayList<>();
        for (Exercise e : COURSE.exercises()) {
            List<ContentCheck.Check> checks = CHECK.checks(e);
            assertEquals(e.wrong().size() + e.bank().size() + 2, checks.size(),
                    e.slug() + ": reference, each wrong solution, each bank entry, starter");
            for (ContentCheck.Check c : checks) {
                tests.add(DynamicTest.dynamicTest(e.slug() + ": " + c.name(), () -> {
                    String problem = c.run();
                    assertNull(problem, () -> e.slug() + ": " + problem);
                }));
            }
        }
        return tests;
    }

    /**
     * A walkthrough's code is read as a correct solution: every ```python block that defines the exercise's function
     * passes every test as the reference does (judged after the reference's own code, whose helpers a block may use and
     * whose function it redefines), and every walkthrough shows at least one.
     */
    @TestFactory
    List<DynamicTest> everyWalkthroughSolutionPassesEveryTest() {
        Pattern block = Pattern.compile("```python\\n(.*?)```", Pattern.DOTALL);
        List<DynamicTest> tests = new ArrayList<>();
        for (Exercise e : COURSE.exercises()) {
            Matcher m = block.matcher(e.walkthrough());
            int shown = 0;
            while (m.find()) {
                if (!m.group(1).contains("def " + e.function() + "(")) continue;
                String code = e.solution() + "\n\n" + m.group(1);
                int n = ++shown;
                Exercise withBlock = new Exercise(e.id(), e.slug(), e.title(), e.difficulty(), e.skills(), e.function(), e.limits(),
                        e.hints(), e.examples(), e.tests(), List.of(), List.of(), e.statement(), e.starterCode(), code, List.of(),
                        e.inputsUnchanged(), e.walkthrough(), e.premium());
                tests.add(DynamicTest.dynamicTest(e.slug() + ": walkthrough block " + n, () -> {
                    String problem = CHECK.checks(withBlock).get(0).run();
                    assertNull(problem, () -> e.slug() + "/walkthrough.md, block " + n + ": " + problem);
                }));
            }
            assertTrue(shown > 0, e.slug() + "/walkthrough.md shows no code defining " + e.function());
        }
        return tests;
    }

    /** The check can fail: a course whose reference is wrong, whose "wrong" solution is right and whose starter solves it. */
    @Test
    void theCheckFindsEachKindOfProblem() {
        Exercise e = COURSE.exercise("sum-of-evens").orElseThrow();
        WrongSolution wrong = e.wrong().get(0);
        Exercise doctored = new Exercise(e.id(), e.slug(), e.title(), e.difficulty(), e.skills(), e.function(), e.limits(),
                e.hints(), e.examples(), e.tests(), List.of(new WrongSolution("wrong-is-right.py", "is the reference", e.solution())),
                List.of(), e.statement(), e.solution(), wrong.code(), List.of(), e.inputsUnchanged(),
                e.walkthrough(), e.premium());
        List<ContentCheck.Check> checks = CHECK.checks(doctored);
        String reference = checks.get(0).run();
        assertNotNull(reference, "a reference that adds odd numbers passed");
        assertTrue(reference.startsWith("solution.py fails"), reference);
        String stillRight = checks.get(1).run();
        assertNotNull(stillRight, "a correct solution listed as wrong was not reported");
        assertTrue(stillRight.contains("wrong-is-right.py") && stillRight.contains("passes every hidden test"), stillRight);
        assertEquals("starter.py passes every test", checks.get(2).run());
    }

    /**
     * The bank's rules in the real sandbox: an entry every hidden test lets through is reported by
     * file and class; one a public example catches is refused; so is a witness on which the entry
     * gives the reference's answer.
     */
    @Test
    void theBankCheckFindsEachKindOfProblem() throws Exception {
        Exercise e = COURSE.exercise("sum-of-evens").orElseThrow();
        String lucky = "def sum_of_evens(nums):\n    if nums == [8, 8, 8, 8, 8, 8, 8, 7]:\n        return 0\n"
                + "    return sum(n for n in nums if n % 2 == 0)\n";
        List<BankEntry> bank = List.of(
                new BankEntry("bank/lucky.py", BugClass.DUPLICATES, "wrong on one list", args("[[8, 8, 8, 8, 8, 8, 8, 7]]"), Checker.EXACT, lucky),
                new BankEntry("bank/adds-all.py", BugClass.OFF_BY_ONE, "adds every number", args("[[1]]"), Checker.EXACT,
                        "def sum_of_evens(nums):\n    return sum(nums)\n"),
                new BankEntry("bank/right-here.py", BugClass.DUPLICATES, "right on its witness", args("[[2, 2]]"), Checker.EXACT, lucky));
        Exercise doctored = new Exercise(e.id(), e.slug(), e.title(), e.difficulty(), e.skills(), e.function(), e.limits(),
                e.hints(), e.examples(), e.tests(), e.wrong(), bank, e.statement(), e.starterCode(), e.solution(), List.of(), e.inputsUnchanged(),
                e.walkthrough(), e.premium());
        List<ContentCheck.BankOutcome> outcomes = new ArrayList<>();
        for (var run : CHECK.bankRuns(doctored)) outcomes.add(run.call());
        ContentCheck.BankOutcome survivor = outcomes.get(0);
        assertTrue(survivor.valid() && !survivor.caught(), survivor.toString());
        assertEquals("bank/lucky.py (duplicates) (wrong on one list) passes every hidden test: add a hidden test that catches it "
                + "(its witness args [[8,8,8,8,8,8,8,7]] are one)", survivor.problem());
        String tooObvious = outcomes.get(1).problem();
        assertTrue(tooObvious.startsWith("bank/adds-all.py (off-by-one) fails public example 'mixed numbers' (WRONG_ANSWER)"), tooObvious);
        String notShown = outcomes.get(2).problem();
        assertTrue(notShown.startsWith("bank/right-here.py (duplicates): it returns what the reference returns on its witness args [[2,2]]"),
                notShown);
    }

    private static com.fasterxml.jackson.databind.JsonNode args(String json) throws Exception {
        return Json.MAPPER.readTree(json);
    }
}
