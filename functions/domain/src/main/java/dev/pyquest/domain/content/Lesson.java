package dev.pyquest.domain.content;

import java.util.List;

/**
 * A lesson as authored under {@code content/lessons/<slug>/}: Markdown whose {@code python} blocks are
 * runnable examples, each with the output it prints when an {@code output} block follows it.
 */
public record Lesson(String id, String slug, String title, Difficulty difficulty, List<String> skills,
                     String body, List<Example> examples, List<String> formerSlugs) {

    /** A runnable example: a standalone program and, when the lesson shows one, its exact stdout. */
    public record Example(int line, String code, String output) {
        public boolean hasOutput() {
            return output != null;
        }
    }
}
