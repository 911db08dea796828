package dev.pyquest.domain.content;

import java.util.List;

/**
 * A quiz as authored under {@code content/quizzes/<slug>/quiz.yaml}. Answers and explanations are
 * the answer key: stored with the judge's data, never shown before an attempt.
 */
public record Quiz(String id, String slug, String title, Difficulty difficulty, List<String> skills,
                   int passPercent, String intro, List<Question> questions, List<String> formerSlugs) {

    public enum Kind { CHOICE, FILL }

    /**
     * One question. For {@code CHOICE}, {@code answer} indexes {@code choices}; for {@code FILL},
     * {@code accept} lists the accepted answers (compared after stripping surrounding whitespace).
     */
    public record Question(String id, Kind kind, String prompt, List<String> choices, int answer,
                           List<String> accept, String explanation) {}
}
