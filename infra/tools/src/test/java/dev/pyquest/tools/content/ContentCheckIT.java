package dev.pyquest.tools.content;

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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The course's tests have teeth, checked through the real judge (bubblewrap sandbox + Scorer) by
 * {@link ContentCheck}, the same check {@code check-content} and {@code ./pyquest mutants} run:
 * every reference solution passes every test, every listed wrong solution fails at least one
 * hidden test, and no starter code passes. Loading the course validates every file.
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
            assertEquals(e.wrong().size() + 2, checks.size(), e.slug() + ": reference, each wrong solution, starter");
            for (ContentCheck.Check c : checks) {
                tests.add(DynamicTest.dynamicTest(e.slug() + ": " + c.name(), () -> {
                    String problem = c.run();
                    assertNull(problem, () -> e.slug() + ": " + problem);
                }));
            }
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
                e.statement(), e.solution(), wrong.code(), List.of());
        List<ContentCheck.Check> checks = CHECK.checks(doctored);
        String reference = checks.get(0).run();
        assertNotNull(reference, "a reference that adds odd numbers passed");
        assertTrue(reference.startsWith("solution.py fails"), reference);
        String stillRight = checks.get(1).run();
        assertNotNull(stillRight, "a correct solution listed as wrong was not reported");
        assertTrue(stillRight.contains("wrong-is-right.py") && stillRight.contains("passes every hidden test"), stillRight);
        assertEquals("starter.py passes every test", checks.get(2).run());
    }
}
