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
        write(dir.resolve("solution.py"), "def add_one(n):\n    return n + 1\n");
        write(dir.resolve("wrong-a.py"), "def add_one(n):\n    return n\n");
        write(dir.resolve("wrong-b.py"), "def add_one(n):\n    return n + 2\n");
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
