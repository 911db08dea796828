package dev.pyquest.tools.content;

import dev.pyquest.domain.content.ContentException;
import dev.pyquest.domain.content.ContentLoader;
import dev.pyquest.domain.content.Course;
import dev.pyquest.domain.content.EdgeClass;
import dev.pyquest.domain.content.Exercise;
import dev.pyquest.domain.content.GeneratedTests;
import dev.pyquest.domain.content.TestCase;
import dev.pyquest.local.LocalStack;
import dev.pyquest.local.Sandbox;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code ./pyquest generate-tests} through the real sandbox: every committed generated.yaml is
 * exactly what the command writes from its generator and seed (so it is deterministic and fresh);
 * the same seed gives the same file and another seed other inputs; a generator that is not
 * deterministic, an input on which the reference raises, and an input a hand-written test already
 * has are refused or dropped; what it writes loads and the reference passes it.
 */
class GenerateTestsIT {
    private static final Path CONTENT = LocalStack.findRoot().resolve("content");
    private static final GenerateTests GENERATE = new GenerateTests(Sandbox.local());

    @TempDir
    Path tmp;

    @TestFactory
    List<DynamicTest> everyCommittedGeneratedFileIsWhatTheCommandWrites() {
        Course course = ContentLoader.loadWithoutGenerated(CONTENT);
        List<Exercise> withGenerator = course.exercises().stream()
                .filter(e -> Files.isRegularFile(GenerateTests.folder(CONTENT, e).resolve(GeneratedTests.GENERATOR))).toList();
        assertTrue(withGenerator.size() >= 40, "exercises with a generate.py: " + withGenerator.size());
        return withGenerator.stream().map(e -> DynamicTest.dynamicTest(e.slug(), () -> {
            Path folder = GenerateTests.folder(CONTENT, e);
            String committed = Files.readString(folder.resolve(GeneratedTests.FILE), StandardCharsets.UTF_8);
            GenerateTests.Generated g = GENERATE.generate(e, folder, GenerateTests.storedSeed(folder));
            assertEquals(committed, g.yaml(), e.slug() + ": generated.yaml differs from what ./pyquest generate-tests "
                    + e.slug() + " writes now");
            assertTrue(g.tests().size() >= 3, e.slug() + ": only " + g.tests().size() + " generated tests");
        })).toList();
    }

    /** A course of one exercise, add_one(n) for n >= 0, whose generator is {@code generator}. */
    private Path course(String generator) throws IOException {
        Path root = tmp.resolve("content");
        Path dir = root.resolve("exercises/add-one");
        Files.createDirectories(dir);
        Files.writeString(root.resolve("skills.yaml"), "- id: basics\n  title: \"Basics\"\n  requires: []\n");
        StringBuilder y = new StringBuilder("id: ex-0001\nslug: add-one\ntitle: \"Add one\"\ndifficulty: easy\nskills: [basics]\n"
                + "function: add_one\nhints:\n  - \"Add 1.\"\nexamples:\n");
        for (int i = 1; i <= 3; i++) y.append("  - name: \"example ").append(i).append("\"\n    args: [").append(i).append("]\n    expected: ").append(i + 1).append('\n');
        y.append("tests:\n");
        for (int i = 1; i <= 8; i++) y.append("  - name: \"hidden ").append(i).append("\"\n    args: [").append(100 + i).append("]\n    expected: ").append(101 + i).append('\n');
        y.append("wrong:\n  - file: wrong-a.py\n    why: \"returns n\"\n  - file: wrong-b.py\n    why: \"returns n + 2\"\n");
        Files.writeString(dir.resolve("exercise.yaml"), y);
        Files.writeString(dir.resolve("statement.md"), "# Add one\n\nReturn `n + 1` for a natural number `n`.\n");
        Files.writeString(dir.resolve("starter.py"), "def add_one(n):\n    pass\n");
        Files.writeString(dir.resolve("walkthrough.md"), WALKTHROUGH);
        Files.writeString(dir.resolve("solution.py"), "def add_one(n):\n    if n < 0:\n        raise ValueError(\"not natural\")\n    return n + 1\n");
        Files.writeString(dir.resolve("wrong-a.py"), "def add_one(n):\n    return n\n");
        Files.writeString(dir.resolve("wrong-b.py"), "def add_one(n):\n    return n + 2\n");
        Files.writeString(dir.resolve(GeneratedTests.GENERATOR), generator);
        return root;
    }

    /** The walkthrough every exercise folder needs (its content is not what this test is about). */
    private static final String WALKTHROUGH = "# Walkthrough\n\n" + "Return `n + 1`: the next natural number. ".repeat(12) + "\n";

    private static final String GENERATOR = """
            def cases(rng):
                yield "zero", [0]
                yield "duplicates", [101]
                for _ in range(3):
                    yield "large-magnitude", [rng.randint(2**60, 2**70)]
                yield "random", [rng.randint(0, 10**6)]
            """;

    private GenerateTests.Generated write(Path root, long seed) {
        Exercise e = ContentLoader.loadWithoutGenerated(root).exercises().get(0);
        return GENERATE.write(e, root.resolve("exercises/add-one"), seed);
    }

    @Test
    void theSameSeedWritesTheSameFileAndAnotherSeedOtherInputs() throws IOException {
        Path root = course(GENERATOR);
        Path file = root.resolve("exercises/add-one/generated.yaml");
        GenerateTests.Generated first = write(root, 42);
        String text = Files.readString(file);
        assertEquals(text, first.yaml());
        write(root, 42);
        assertEquals(text, Files.readString(file), "same seed, same file");
        write(root, 43);
        assertNotEquals(text, Files.readString(file), "another seed, other inputs");
        assertTrue(Files.readString(file).contains("seed: 43\n"));
    }

    @Test
    void whatItWritesLoadsAfterTheHandWrittenTestsAndTheReferencePassesIt() throws IOException {
        Path root = course(GENERATOR);
        GenerateTests.Generated g = write(root, 42);
        assertEquals(1, g.dropped(), "args [101] are hand-written test 'hidden 1' already");
        assertEquals(List.of("generated: zero #1", "generated: large-magnitude #1", "generated: large-magnitude #2",
                "generated: large-magnitude #3", "generated: random #1"), g.tests().stream().map(TestCase::name).toList());
        Exercise e = ContentLoader.load(root).exercises().get(0);
        assertEquals(13, e.tests().size());
        TestCase big = e.tests().get(9);
        assertEquals(big.args().get(0).bigIntegerValue().add(java.math.BigInteger.ONE), big.expected().bigIntegerValue(),
                "an integer beyond 2**63 keeps every digit through YAML");
        List<ContentCheck.Check> checks = new ContentCheck(Sandbox.local()).checks(e);
        assertNull(checks.get(0).run(), "the reference passes every generated test");
        assertEquals(List.of(EdgeClass.ZERO, EdgeClass.LARGE_MAGNITUDE, EdgeClass.RANDOM),
                new BankReport.ExerciseFigures(e.slug(), e.tests(), List.of()).edges());
    }

    @Test
    void anInputOnWhichTheReferenceRaisesIsRefused() throws IOException {
        Path root = course(GENERATOR + "    yield \"negatives\", [-5]\n");
        ContentException ex = assertThrows(ContentException.class, () -> write(root, 42));
        assertTrue(ex.getMessage().contains("'generated: negatives #1' args [-5]: the reference gives RUNTIME_ERROR (ValueError: not natural)"),
                ex.getMessage());
        assertTrue(Files.notExists(root.resolve("exercises/add-one/generated.yaml")), "nothing written");
    }

    @Test
    void aGeneratorThatIsNotDeterministicIsRefused() throws IOException {
        Path root = course("import random\ndef cases(rng):\n    yield \"random\", [random.randint(0, 10**12)]\n");
        ContentException ex = assertThrows(ContentException.class, () -> write(root, 42));
        assertTrue(ex.getMessage().contains("yields other inputs on a second run with the same seed"), ex.getMessage());
    }

    @Test
    void anUnknownEdgeClassOrAValueJsonCannotCarryIsRefused() throws IOException {
        Path root = course("def cases(rng):\n    yield \"tiny\", [1]\n");
        assertTrue(assertThrows(ContentException.class, () -> write(root, 1)).getMessage().contains("edge class 'tiny' must be one of"));
        Path other = course("def cases(rng):\n    yield \"random\", [(1, 2)]\n");
        assertTrue(assertThrows(ContentException.class, () -> write(other, 1)).getMessage().contains("a tuple is no JSON value"));
    }
}
