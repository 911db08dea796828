package dev.pyquest.domain.content;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static dev.pyquest.domain.content.CourseFixture.replaceOnce;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Lessons, quizzes and former slugs: what loads, and what is refused with the file and field named. */
class LessonQuizLoaderTest {
    @TempDir
    Path tmp;

    CourseFixture course() {
        CourseFixture c = new CourseFixture(tmp).skills(CourseFixture.SKILLS);
        c.exercise("ex-0001", "add-one", "easy");
        return c;
    }

    ContentException fails() {
        return assertThrows(ContentException.class, () -> ContentLoader.load(tmp));
    }

    static void assertMentions(ContentException e, String... fragments) {
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), () -> "message does not mention '" + f + "':\n" + e.getMessage());
        }
    }

    @Test
    void aLessonLoadsWithItsRunnableExamplesAndTheirOutputs() {
        course().lesson("loops-intro", CourseFixture.lessonYaml("ls-0001", "loops-intro"), CourseFixture.LESSON_MD);
        Lesson l = ContentLoader.load(tmp).lesson("loops-intro").orElseThrow();
        assertEquals("ls-0001", l.id());
        assertEquals(Difficulty.EASY, l.difficulty());
        assertEquals(3, l.examples().size(), "the text block is not an example");
        assertEquals("for n in [1, 2]:\n    print(n)\n", l.examples().get(0).code());
        assertEquals("1\n2", l.examples().get(0).output());
        assertEquals("aaa", l.examples().get(1).output(), "an output block right after the python block");
        assertNull(l.examples().get(2).output(), "a python block without output");
        assertEquals(5, l.examples().get(0).line(), "the line of the opening fence");
        assertTrue(l.body().startsWith("# Loops"));
    }

    @Test
    void aLessonNeedsThreeRunnableExamples() {
        String md = replaceOnce(CourseFixture.LESSON_MD, "```python\nx = 1\n```", "");
        course().lesson("loops-intro", CourseFixture.lessonYaml("ls-0001", "loops-intro"), md);
        assertMentions(fails(), "lessons/loops-intro/lesson.md", "at least 3 runnable");
    }

    @Test
    void anOutputBlockWithoutItsPythonBlockIsRefused() {
        String md = replaceOnce(CourseFixture.LESSON_MD, "Text in between.", "Text in between.\n\n```output\nstray\n```");
        course().lesson("loops-intro", CourseFixture.lessonYaml("ls-0001", "loops-intro"), md);
        assertMentions(fails(), "lessons/loops-intro/lesson.md", "output block must directly follow a python block");
    }

    @Test
    void anUnclosedFenceIsRefused() {
        course().lesson("loops-intro", CourseFixture.lessonYaml("ls-0001", "loops-intro"), CourseFixture.LESSON_MD + "```python\nprint(1)\n");
        assertMentions(fails(), "lesson.md", "never closed");
    }

    @Test
    void aQuizLoadsWithItsAnswerKey() {
        course().quiz("loops-quiz", CourseFixture.quizYaml("qz-0001", "loops-quiz"));
        Quiz q = ContentLoader.load(tmp).quiz("loops-quiz").orElseThrow();
        assertEquals(70, q.passPercent(), "the default pass mark");
        assertEquals(5, q.questions().size());
        assertEquals(Quiz.Kind.CHOICE, q.questions().get(0).kind());
        assertEquals(1, q.questions().get(0).answer());
        assertEquals(List.of("continue", "continue statement"), q.questions().get(3).accept());
    }

    static Stream<Arguments> invalidQuizzes() {
        return Stream.of(
                Arguments.of("answer out of range", "answer: 1\n    explanation: \"Two items.\"", "answer: 3\n    explanation: \"Two items.\"",
                        "questions[0].answer must be the 0-based index"),
                Arguments.of("unknown kind", "kind: fill\n    prompt: \"Keyword", "kind: essay\n    prompt: \"Keyword", ".kind 'essay' must be choice or fill"),
                Arguments.of("accept with spaces", "accept: [\"break\"]", "accept: [\" break\"]", "must be non-empty without surrounding spaces"),
                Arguments.of("duplicate choices", "choices: [\"2\", \"3\"]", "choices: [\"3\", \"3\"]", "lists the same choice twice"),
                Arguments.of("duplicate question id", "id: q3", "id: q1", "question id 'q1' is used twice"),
                Arguments.of("pass mark out of range", "intro:", "passPercent: 101\nintro:", "passPercent must be an integer in [1, 100]"),
                Arguments.of("unknown field", "intro:", "answers: [1]\nintro:", "unknown field 'answers'"),
                Arguments.of("wrong id prefix", "id: qz-0001", "id: ex-0009", "must start with 'qz-'"),
                Arguments.of("choice question with accept", "answer: 0\n", "answer: 0\n    accept: [\"0\"]\n", "accept is for fill questions"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidQuizzes")
    void anInvalidQuizIsRefusedNamingTheField(String name, String old, String replacement, String message) {
        course().quiz("loops-quiz", replaceOnce(CourseFixture.quizYaml("qz-0001", "loops-quiz"), old, replacement));
        assertMentions(fails(), "quizzes/loops-quiz/quiz.yaml", message);
    }

    @Test
    void aQuizNeedsFiveQuestionsAndBothKinds() {
        String yaml = CourseFixture.quizYaml("qz-0001", "loops-quiz");
        yaml = yaml.substring(0, yaml.indexOf("  - id: q2"));
        course().quiz("loops-quiz", yaml);
        assertMentions(fails(), "questions: 5 to 10 questions, has 1", "at least one fill question");
    }

    @Test
    void slugsAndIdsAreUniqueAcrossKinds() {
        CourseFixture c = course();
        c.lesson("add-one-lesson", CourseFixture.lessonYaml("ls-0001", "add-one-lesson"), CourseFixture.LESSON_MD);
        c.quiz("add-one-quiz", CourseFixture.quizYaml("ls-0001", "add-one-quiz"));
        assertMentions(fails(), "must start with 'qz-'");
        c.quiz("add-one-quiz", CourseFixture.quizYaml("qz-0001", "add-one-quiz"));
        c.lesson("add-one", CourseFixture.lessonYaml("ls-0002", "add-one"), CourseFixture.LESSON_MD);
        assertMentions(fails(), "lessons/add-one/lesson.yaml: slug 'add-one' is also used by exercises/add-one/exercise.yaml");
    }

    @Test
    void formerSlugsLoadAndMayNotShadowAnotherActivity() {
        CourseFixture c = course();
        c.lesson("loops-intro", CourseFixture.lessonYaml("ls-0001", "loops-intro") + "formerSlugs: [loops-101, loops-basics]\n",
                CourseFixture.LESSON_MD);
        assertEquals(List.of("loops-101", "loops-basics"), ContentLoader.load(tmp).lesson("loops-intro").orElseThrow().formerSlugs());

        c.quiz("loops-quiz", CourseFixture.quizYaml("qz-0001", "loops-quiz") + "formerSlugs: [add-one]\n");
        assertMentions(fails(), "quizzes/loops-quiz/quiz.yaml: formerSlugs 'add-one' is also the slug or a former slug of exercises/add-one");
        c.quiz("loops-quiz", CourseFixture.quizYaml("qz-0001", "loops-quiz") + "formerSlugs: [loops-101]\n");
        assertMentions(fails(), "formerSlugs 'loops-101' is also the slug or a former slug of lessons/loops-intro");
        c.quiz("loops-quiz", CourseFixture.quizYaml("qz-0001", "loops-quiz") + "formerSlugs: [loops-quiz]\n");
        assertMentions(fails(), "formerSlugs lists the current slug 'loops-quiz'");
    }

    @Test
    void oneBadLessonLoadsNothing() {
        CourseFixture c = course();
        c.lesson("loops-intro", CourseFixture.lessonYaml("ls-0001", "loops-intro").replace("easy", "trivial"), CourseFixture.LESSON_MD);
        assertMentions(fails(), "lessons/loops-intro/lesson.yaml: difficulty 'trivial'");
    }
}
