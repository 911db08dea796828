package dev.pyquest.domain.learning;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pyquest.domain.content.Quiz;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Scores a learner's answers to a quiz on the server, against the answer key only the server holds.
 * Answers are {@code {"<question id>": <choice index> | "<text>"}}; an unanswered question counts as
 * wrong, and anything malformed is refused as a whole (nothing is scored).
 */
public final class QuizScoring {
    public static final int MAX_TEXT_ANSWER = 200;

    private QuizScoring() {}

    public record QuestionResult(String question, boolean answered, boolean correct, String explanation) {}

    public record Result(int correct, int total, int percent, boolean passed, int passPercent, List<QuestionResult> results) {}

    /** Answers that do not fit the quiz: unknown question, wrong type, index out of range. */
    public static final class InvalidAnswers extends IllegalArgumentException {
        public InvalidAnswers(String message) { super(message); }
    }

    public static Result score(Quiz quiz, JsonNode answers) {
        if (answers == null || !answers.isObject()) {
            throw new InvalidAnswers("answers must be an object mapping question ids to answers");
        }
        Map<String, Quiz.Question> byId = new java.util.LinkedHashMap<>();
        quiz.questions().forEach(q -> byId.put(q.id(), q));
        for (Iterator<String> it = answers.fieldNames(); it.hasNext(); ) {
            String id = it.next();
            if (!byId.containsKey(id)) throw new InvalidAnswers("answers names unknown question '" + id + "'");
        }
        List<QuestionResult> results = new ArrayList<>();
        int correct = 0;
        for (Quiz.Question q : quiz.questions()) {
            JsonNode a = answers.get(q.id());
            boolean answered = a != null && !a.isNull();
            boolean right = answered && check(q, a);
            if (right) correct++;
            results.add(new QuestionResult(q.id(), answered, right, q.explanation()));
        }
        int total = quiz.questions().size();
        boolean passed = (long) correct * 100 >= (long) quiz.passPercent() * total;
        return new Result(correct, total, percent(correct, total), passed, quiz.passPercent(), List.copyOf(results));
    }

    /**
     * Answers in the form {@link #score} takes, the first {@code right} questions answered right (a choice's index, a
     * fill question's first accepted text) and the others wrong: what tools and tests send as a learner would.
     */
    public static com.fasterxml.jackson.databind.node.ObjectNode answers(Quiz quiz, int right) {
        com.fasterxml.jackson.databind.node.ObjectNode out = dev.pyquest.domain.Json.MAPPER.createObjectNode();
        for (int i = 0; i < quiz.questions().size(); i++) {
            Quiz.Question q = quiz.questions().get(i);
            boolean correct = i < right;
            if (q.kind() == Quiz.Kind.CHOICE) out.put(q.id(), correct ? q.answer() : (q.answer() + 1) % q.choices().size());
            else out.put(q.id(), correct ? q.accept().get(0) : "not the answer");
        }
        return out;
    }

    /** A score as the learner sees it and gates compare it: whole percent, rounded down. */
    public static int percent(int correct, int total) {
        return correct * 100 / total;
    }

    private static boolean check(Quiz.Question q, JsonNode a) {
        return switch (q.kind()) {
            case CHOICE -> {
                if (!a.isIntegralNumber() || !a.canConvertToInt()) {
                    throw new InvalidAnswers("answer to '" + q.id() + "' must be the index of a choice (an integer)");
                }
                int i = a.intValue();
                if (i < 0 || i >= q.choices().size()) {
                    throw new InvalidAnswers("answer to '" + q.id() + "' must be between 0 and " + (q.choices().size() - 1));
                }
                yield i == q.answer();
            }
            case FILL -> {
                if (!a.isTextual()) throw new InvalidAnswers("answer to '" + q.id() + "' must be a string");
                String s = a.textValue();
                if (s.length() > MAX_TEXT_ANSWER) {
                    throw new InvalidAnswers("answer to '" + q.id() + "' must be at most " + MAX_TEXT_ANSWER + " characters");
                }
                yield q.accept().contains(s.strip());
            }
        };
    }
}
