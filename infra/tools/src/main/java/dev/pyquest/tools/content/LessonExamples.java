package dev.pyquest.tools.content;

import com.fasterxml.jackson.databind.node.NullNode;
import dev.pyquest.domain.Json;
import dev.pyquest.domain.content.Checker;
import dev.pyquest.domain.content.Lesson;
import dev.pyquest.domain.content.Limits;
import dev.pyquest.domain.content.TestCase;
import dev.pyquest.domain.judge.JudgeSpec;
import dev.pyquest.domain.judge.TestResult;
import dev.pyquest.domain.judge.TestStatus;
import dev.pyquest.local.Sandbox;

import java.util.ArrayList;
import java.util.List;

/**
 * A lesson's runnable examples really run: each {@code python} block is executed in the sandbox as a
 * program of its own, must finish without an exception, and must print exactly the {@code output}
 * block that follows it (trailing newlines aside).
 */
public final class LessonExamples {
    private LessonExamples() {}

    /**
     * The problems of one lesson, each naming the file and the line of the example; empty when all
     * run as shown. A sandbox that gives no verdict is a {@link ToolFailure}, never a pass.
     */
    public static List<String> problems(Lesson lesson, Sandbox sandbox) {
        Judge judge = new Judge(sandbox);
        List<String> problems = new ArrayList<>();
        String where = "lessons/" + lesson.slug() + "/lesson.md: line ";
        for (Lesson.Example e : lesson.examples()) {
            TestResult r = run(e.code(), judge);
            if (r.status() != TestStatus.PASSED) {
                problems.add(where + e.line() + ": the example does not run: " + r.status() + " " + r.message());
                continue;
            }
            String printed = trimEnd(r.stdout() == null ? "" : r.stdout());
            if (e.hasOutput() && !printed.equals(trimEnd(e.output()))) {
                problems.add(where + e.line() + ": prints\n" + printed + "\n  but the lesson shows\n" + e.output());
            }
        }
        return problems;
    }

    /** Runs {@code code} as {@code __main__} inside the sandbox, through the same job and scorer as a submission. */
    static TestResult run(String code, Judge judge) {
        String program = "def run_lesson_example():\n    exec(compile(" + Json.MAPPER.valueToTree(code)
                + ", '<lesson example>', 'exec'), {'__name__': '__main__'})\n";
        JudgeSpec spec = new JudgeSpec("lesson", "lesson", "run_lesson_example", Limits.DEFAULT,
                List.of(new TestCase("example", Json.MAPPER.createArrayNode(), NullNode.getInstance(), Checker.EXACT)), List.of());
        return judge.verdict(spec, program).tests().get(0);
    }

    private static String trimEnd(String s) {
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == '\n' || s.charAt(end - 1) == '\r')) end--;
        return s.substring(0, end);
    }
}
