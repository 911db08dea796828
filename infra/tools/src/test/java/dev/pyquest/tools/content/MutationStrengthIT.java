package dev.pyquest.tools.content;

import dev.pyquest.domain.content.Course;
import dev.pyquest.domain.content.Exercise;
import dev.pyquest.tools.content.MutantGenerator;
import dev.pyquest.local.LocalStack;
import dev.pyquest.local.Sandbox;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Mutation strength of the real course: every exercise's hidden tests kill at least 90 % of the
 * mutants of its reference solution (listed equivalents aside), run in the bubblewrap sandbox.
 */
class MutationStrengthIT {
    private static final Path CONTENT = LocalStack.findRoot().resolve("content");
    private static final Course COURSE = ContentCheck.load(CONTENT);
    private static final MutantGenerator GENERATOR = new MutantGenerator();
    private static final MutationReport REPORT = new MutationReport(Sandbox.local(), GENERATOR, 2);

    @AfterAll
    static void close() {
        GENERATOR.close();
    }

    @TestFactory
    List<DynamicTest> everyExerciseKillsNinetyPercentOfItsMutants() {
        int width = COURSE.exercises().stream().mapToInt(e -> e.slug().length()).max().orElse(1);
        MutationReport.Summary summary = REPORT.run(COURSE.exercises(), CONTENT, s -> System.out.println(s.line(width)));
        System.out.println(summary.line());
        assertEquals(COURSE.exercises().size(), summary.exercises().size());
        List<DynamicTest> tests = new ArrayList<>();
        for (MutationReport.ExerciseScore s : summary.exercises()) {
            tests.add(DynamicTest.dynamicTest(s.slug() + ": at least 90% of mutants killed", () ->
                    assertTrue(s.ok(), () -> "below 90% or with errors:\n" + s.line(width))));
        }
        return tests;
    }

    /** The report can fail: with one hidden test left, sum-of-evens lets most of its mutants live. */
    @Test
    void weakHiddenTestsAreCaught() {
        Exercise e = COURSE.exercise("sum-of-evens").orElseThrow();
        Exercise weak = new Exercise(e.id(), e.slug(), e.title(), e.difficulty(), e.skills(), e.function(), e.limits(),
                e.hints(), e.examples(), List.of(e.tests().get(0)), e.wrong(), e.bank(), e.statement(), e.starterCode(), e.solution(), List.of(), e.inputsUnchanged(),
                e.walkthrough(), e.premium());
        MutationReport.Summary summary = REPORT.run(List.of(weak), CONTENT, s -> {});
        MutationReport.ExerciseScore s = summary.exercises().get(0);
        assertFalse(s.ok(), s.line(20));
        assertTrue(s.below(), s.line(20));
        assertFalse(s.survivors().isEmpty(), s.line(20));
        assertFalse(summary.ok());
        assertTrue(summary.line().endsWith(", 1 below 90%"), summary.line());
    }
}
