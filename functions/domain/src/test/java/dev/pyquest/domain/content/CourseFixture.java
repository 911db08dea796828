package dev.pyquest.domain.content;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes small courses into a temporary folder: a valid baseline that a test then breaks in one place. */
final class CourseFixture {
    static final String SKILLS = """
            - id: basics
              title: "Basics"
              requires: []
            - id: loops
              title: "Loops"
              requires: [basics]
            """;

    /** A walkthrough long enough to load (ContentLoader.MIN_WALKTHROUGH_CHARS). */
    static final String WALKTHROUGH = "# Walkthrough: add one\n\n"
            + "Return `n + 1`. Python's integers have no upper bound, so there is no overflow to guard against. ".repeat(5) + "\n";

    final Path root;

    CourseFixture(Path root) {
        this.root = root;
    }

    static String exerciseYaml(String id, String slug, String difficulty) {
        StringBuilder y = new StringBuilder();
        y.append("id: ").append(id).append('\n');
        y.append("slug: ").append(slug).append('\n');
        y.append("title: \"Add one\"\n");
        y.append("difficulty: ").append(difficulty).append('\n');
        y.append("skills: [loops]\n");
        y.append("function: add_one\n");
        y.append("hints:\n  - \"Add 1.\"\n");
        y.append("examples:\n");
        for (int i = 1; i <= 3; i++) {
            y.append("  - name: \"example ").append(i).append("\"\n")
                    .append("    args: [").append(i).append("]\n")
                    .append("    expected: ").append(i + 1).append('\n');
        }
        y.append("tests:\n");
        for (int i = 1; i <= 8; i++) {
            y.append("  - name: \"hidden ").append(i).append("\"\n")
                    .append("    args: [").append(100 + i).append("]\n")
                    .append("    expected: ").append(101 + i).append('\n');
        }
        y.append("wrong:\n");
        y.append("  - file: wrong-a.py\n    why: \"returns n\"\n");
        y.append("  - file: wrong-b.py\n    why: \"returns n + 2\"\n");
        return y.toString();
    }

    CourseFixture skills(String yaml) {
        write(root.resolve("skills.yaml"), yaml);
        return this;
    }

    /** A complete valid exercise folder; returns the folder. */
    Path exercise(String id, String slug, String difficulty) {
        return exercise(slug, exerciseYaml(id, slug, difficulty));
    }

    Path exercise(String folder, String yaml) {
        Path dir = root.resolve("exercises").resolve(folder);
        write(dir.resolve("exercise.yaml"), yaml);
        write(dir.resolve("statement.md"), "# Add one\n\nReturn `n + 1`.\n");
        write(dir.resolve("starter.py"), "def add_one(n):\n    pass\n");
        write(dir.resolve("walkthrough.md"), WALKTHROUGH);
        write(dir.resolve("solution.py"), "def add_one(n):\n    return n + 1\n");
        write(dir.resolve("wrong-a.py"), "def add_one(n):\n    return n\n");
        write(dir.resolve("wrong-b.py"), "def add_one(n):\n    return n + 2\n");
        return dir;
    }

    static final String LESSON_MD = """
            # Loops

            A `for` loop walks a list:

            ```python
            for n in [1, 2]:
                print(n)
            ```

            ```output
            1
            2
            ```

            Text in between.

            ```python
            print("a" * 3)
            ```
            ```output
            aaa
            ```

            ```text
            Traceback (most recent call last):
            ```

            ```python
            x = 1
            ```
            """;

    static String lessonYaml(String id, String slug) {
        return "id: " + id + "\nslug: " + slug + "\ntitle: \"Loops\"\ndifficulty: easy\nskills: [loops]\n";
    }

    Path lesson(String slug, String yaml, String markdown) {
        Path dir = root.resolve("lessons").resolve(slug);
        write(dir.resolve("lesson.yaml"), yaml);
        write(dir.resolve("lesson.md"), markdown);
        return dir;
    }

    static String quizYaml(String id, String slug) {
        return "id: " + id + "\nslug: " + slug + "\ntitle: \"Quiz: loops\"\ndifficulty: medium\nskills: [loops]\n"
                + "intro: \"Five questions.\"\nquestions:\n"
                + "  - id: q1\n    kind: choice\n    prompt: \"len([1, 2])?\"\n    choices: [\"1\", \"2\", \"3\"]\n    answer: 1\n    explanation: \"Two items.\"\n"
                + "  - id: q2\n    kind: fill\n    prompt: \"Keyword to leave a loop?\"\n    accept: [\"break\"]\n    explanation: \"break leaves.\"\n"
                + "  - id: q3\n    kind: choice\n    prompt: \"range(3) yields how many?\"\n    choices: [\"2\", \"3\"]\n    answer: 1\n    explanation: \"0, 1, 2.\"\n"
                + "  - id: q4\n    kind: fill\n    prompt: \"Skip to next iteration?\"\n    accept: [\"continue\", \"continue statement\"]\n    explanation: \"continue.\"\n"
                + "  - id: q5\n    kind: choice\n    prompt: \"sum([])?\"\n    choices: [\"0\", \"None\", \"error\"]\n    answer: 0\n    explanation: \"Zero.\"\n";
    }

    Path quiz(String slug, String yaml) {
        Path dir = root.resolve("quizzes").resolve(slug);
        write(dir.resolve("quiz.yaml"), yaml);
        return dir;
    }

    static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Replaces exactly one occurrence (fails loudly if the baseline does not contain it). */
    static String replaceOnce(String text, String old, String replacement) {
        int i = text.indexOf(old);
        if (i < 0 || text.indexOf(old, i + 1) >= 0) throw new IllegalArgumentException("not exactly once: " + old);
        return text.substring(0, i) + replacement + text.substring(i + old.length());
    }
}
