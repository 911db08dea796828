package dev.pyquest.tools.content;

import dev.pyquest.domain.content.ContentLoader;
import dev.pyquest.domain.content.Course;
import dev.pyquest.domain.content.Difficulty;
import dev.pyquest.domain.content.Lesson;
import dev.pyquest.local.LocalStack;
import dev.pyquest.local.Sandbox;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every lesson's examples run in the real sandbox and print what the lesson says they print. */
class LessonExamplesIT {
    private static final Course COURSE = ContentLoader.load(LocalStack.findRoot().resolve("content"));
    private static final Sandbox SANDBOX = Sandbox.local();

    @TestFactory
    List<DynamicTest> everyLessonExampleRunsAsShown() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Lesson l : COURSE.lessons()) {
            tests.add(DynamicTest.dynamicTest(l.slug(), () -> {
                List<String> problems = LessonExamples.problems(l, SANDBOX);
                assertTrue(problems.isEmpty(), String.join("\n", problems));
            }));
        }
        return tests;
    }

    private static Lesson lesson(String code, String output) {
        return new Lesson("ls-x", "x", "X", Difficulty.EASY, List.of("loops"), "", List.of(new Lesson.Example(3, code, output)), List.of());
    }

    @Test
    void theCheckCatchesAWrongOutputAndAnExampleThatRaises() throws Exception {
        assertEquals(List.of(), LessonExamples.problems(lesson("for c in 'héllo':\n    print(c, end='')\nprint()\n", "héllo\n"), SANDBOX));
        List<String> wrong = LessonExamples.problems(lesson("print(sorted([3, 1, 2]))\n", "[3, 1, 2]"), SANDBOX);
        assertEquals(1, wrong.size(), wrong.toString());
        assertTrue(wrong.get(0).startsWith("lessons/x/lesson.md: line 3: prints\n[1, 2, 3]"), wrong.get(0));
        List<String> raises = LessonExamples.problems(lesson("print(1 / 0)\n", null), SANDBOX);
        assertTrue(raises.get(0).contains("RUNTIME_ERROR") && raises.get(0).contains("ZeroDivisionError"), raises.toString());
        List<String> escapes = LessonExamples.problems(lesson("import socket\nsocket.create_connection(('127.0.0.1', 8080), 1)\n", null), SANDBOX);
        assertEquals(1, escapes.size(), "lesson code runs in the sandbox too, with no network: " + escapes);
    }
}
