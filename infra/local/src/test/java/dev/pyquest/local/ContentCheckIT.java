package dev.pyquest.local;

import dev.pyquest.domain.content.ContentLoader;
import dev.pyquest.domain.content.Course;
import dev.pyquest.domain.content.Exercise;
import dev.pyquest.domain.content.WrongSolution;
import dev.pyquest.domain.judge.JudgeSpec;
import dev.pyquest.domain.judge.Scorer;
import dev.pyquest.domain.judge.TestResult;
import dev.pyquest.domain.judge.TestStatus;
import dev.pyquest.domain.judge.Verdict;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The course's tests have teeth, checked through the real judge (bubblewrap sandbox + Scorer):
 * every reference solution passes every test, every listed wrong solution fails at least one
 * hidden test, and no starter code passes.
 */
class ContentCheckIT {
    private static final Course COURSE = ContentLoader.load(LocalStack.findRoot().resolve("content"));
    private static final Sandbox SANDBOX = Sandbox.local();

    private static Verdict judge(Exercise e, String code) {
        JudgeSpec spec = JudgeSpec.of(e);
        try {
            return Scorer.score(spec, SANDBOX.run(spec.sandboxJob(code)));
        } catch (Sandbox.Unavailable ex) {
            throw new AssertionError("the sandbox is unavailable: " + ex.getMessage(), ex);
        }
    }

    @TestFactory
    List<DynamicTest> everyExerciseHasTeeth() {
        assertTrue(COURSE.exercises().size() >= 5);
        List<DynamicTest> tests = new ArrayList<>();
        for (Exercise e : COURSE.exercises()) {
            tests.add(DynamicTest.dynamicTest(e.slug() + ": reference solution passes everything", () -> {
                Verdict v = judge(e, e.solution());
                assertEquals(v.total(), v.passed(), () -> e.slug() + ": " + v.tests().stream()
                        .filter(t -> t.status() != TestStatus.PASSED).toList());
            }));
            for (WrongSolution w : e.wrong()) {
                tests.add(DynamicTest.dynamicTest(e.slug() + ": " + w.file() + " fails a hidden test", () -> {
                    Verdict v = judge(e, w.code());
                    assertTrue(v.tests().stream().anyMatch(t -> t.visibility() == TestResult.Visibility.HIDDEN
                            && t.status() != TestStatus.PASSED), e.slug() + "/" + w.file() + " (" + w.why() + ") passed every hidden test");
                }));
            }
            tests.add(DynamicTest.dynamicTest(e.slug() + ": starter code does not pass", () ->
                    assertTrue(!judge(e, e.starterCode()).allPassed(), e.slug() + ": the starter passes")));
        }
        return tests;
    }
}
