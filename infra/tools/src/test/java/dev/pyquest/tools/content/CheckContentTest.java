package dev.pyquest.tools.content;

import dev.pyquest.local.LocalStack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command line's answers that need no sandbox: usage errors (2) and invalid content (1). */
class CheckContentTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return CheckContent.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void noContentRootIsAUsageError() {
        assertEquals(2, run());
        assertTrue(err().contains("usage: check-content"), err());
    }

    @Test
    void badOptionsAreUsageErrors() {
        assertEquals(2, run("--threads", "0", "content"));
        assertTrue(err().contains("--threads needs a number"), err());
        assertEquals(2, run("--fast", "content"));
        assertTrue(err().contains("unknown option --fast"), err());
        assertEquals(2, run("--check-only", "--mutants-only", "content"));
        assertEquals(2, run("--report", "--check-only", "content"), "the report is a mode of its own");
        assertTrue(err().contains("--report"), err());
    }

    @Test
    void aMissingFolderIsAUsageError(@TempDir Path dir) {
        assertEquals(2, run(dir.resolve("nope").toString()));
        assertTrue(err().contains("is not a folder"), err());
    }

    @Test
    void anUnknownSlugIsNamedWithTheSlugsThereAre() {
        assertEquals(2, run(LocalStack.findRoot().resolve("content").toString(), "fizzbuzz", "no-such-exercise"));
        assertTrue(err().contains("no exercise no-such-exercise") && err().contains("sum-of-evens"), err());
    }

    @Test
    void invalidContentFailsWithTheLoadersMessage(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("skills.yaml"), "- id: loops\n  title: \"Loops\"\n  requires: [loops]\n");
        assertEquals(1, run(dir.toString()));
        String printed = out.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("prerequisites form a cycle: loops -> loops"), printed);
    }
}
