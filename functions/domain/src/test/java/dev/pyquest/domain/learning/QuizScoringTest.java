package dev.pyquest.domain.learning;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pyquest.domain.Json;
import dev.pyquest.domain.content.Difficulty;
import dev.pyquest.domain.content.Quiz;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QuizScoringTest {
    static final Quiz QUIZ = new Quiz("qz-1", "q", "Q", Difficulty.EASY, List.of("loops"), 60, "intro", List.of(
            new Quiz.Question("a", Quiz.Kind.CHOICE, "?", List.of("x", "y", "z"), 2, List.of(), "z"),
            new Quiz.Question("b", Quiz.Kind.FILL, "?", List.of(), -1, List.of("split", "str.split"), "split"),
            new Quiz.Question("c", Quiz.Kind.CHOICE, "?", List.of("x", "y"), 0, List.of(), "x"),
            new Quiz.Question("d", Quiz.Kind.FILL, "?", List.of(), -1, List.of("None"), "None"),
            new Quiz.Question("e", Quiz.Kind.CHOICE, "?", List.of("x", "y"), 1, List.of(), "y")), List.of());

    static JsonNode json(String s) {
        try {
            return Json.MAPPER.readTree(s);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void builtAnswersAreRightOnTheFirstQuestionsAndWrongAfter() {
        for (int right = 0; right <= 5; right++) {
            QuizScoring.Result r = QuizScoring.score(QUIZ, QuizScoring.answers(QUIZ, right));
            assertEquals(right, r.correct(), "right " + right);
            for (int i = 0; i < 5; i++) assertEquals(i < right, r.results().get(i).correct(), "question " + i + " of right " + right);
        }
    }

    @Test
    void allRightPasses() {
        QuizScoring.Result r = QuizScoring.score(QUIZ, json("{\"a\":2,\"b\":\"  split \",\"c\":0,\"d\":\"None\",\"e\":1}"));
        assertEquals(5, r.correct());
        assertEquals(100, r.percent());
        assertTrue(r.passed());
        assertTrue(r.results().stream().allMatch(QuizScoring.QuestionResult::correct));
    }

    @Test
    void thePassMarkIsInclusiveAndUnansweredCountsAsWrong() {
        QuizScoring.Result three = QuizScoring.score(QUIZ, json("{\"a\":2,\"b\":\"str.split\",\"c\":0}"));
        assertEquals(3, three.correct());
        assertEquals(60, three.percent());
        assertTrue(three.passed(), "3 of 5 is exactly the 60 % pass mark");
        assertFalse(three.results().get(3).answered());
        QuizScoring.Result two = QuizScoring.score(QUIZ, json("{\"a\":2,\"b\":\"Split\",\"c\":0,\"d\":null}"));
        assertEquals(2, two.correct(), "fill answers are case-sensitive");
        assertFalse(two.passed());
    }

    @Test
    void typesMatterForChoices() {
        QuizScoring.Result r = QuizScoring.score(QUIZ, json("{\"d\":\"none\"}"));
        assertEquals(0, r.correct());
        assertThrows(QuizScoring.InvalidAnswers.class, () -> QuizScoring.score(QUIZ, json("{\"a\":\"2\"}")));
        assertThrows(QuizScoring.InvalidAnswers.class, () -> QuizScoring.score(QUIZ, json("{\"a\":2.0}")));
        assertThrows(QuizScoring.InvalidAnswers.class, () -> QuizScoring.score(QUIZ, json("{\"a\":true}")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "\"a\"", "{\"zz\":1}", "{\"a\":3}", "{\"a\":-1}", "{\"a\":99999999999}", "{\"b\":1}", "{\"b\":[\"split\"]}"})
    void malformedAnswersAreRefusedWhole(String answers) {
        assertThrows(QuizScoring.InvalidAnswers.class, () -> QuizScoring.score(QUIZ, json(answers)));
    }

    @Test
    void overlongTextIsRefused() {
        assertThrows(QuizScoring.InvalidAnswers.class,
                () -> QuizScoring.score(QUIZ, json("{\"b\":\"" + "x".repeat(QuizScoring.MAX_TEXT_ANSWER + 1) + "\"}")));
    }
}
