package dev.pyquest.domain.content;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * generated.yaml ({@link GeneratedTests}): its tests follow the hand-written hidden tests, and a
 * file that no longer matches its generator, reference or seed (stale), a generator without its
 * file or a file without its generator, and a test not named by an edge class all fail the load.
 */
class GeneratedTestsLoaderTest {
    static final String GENERATOR = "def cases(rng):\n    yield \"negatives\", [-rng.randint(1, 9)]\n";
    static final String SOLUTION = "def add_one(n):\n    return n + 1\n";

    @TempDir
    Path tmp;

    Path exercise() {
        return new CourseFixture(tmp).skills(CourseFixture.SKILLS).exercise("ex-0001", "add-one", "easy");
    }

    static String file(long seed, String source, String tests) {
        return "# generated\nseed: " + seed + "\nsource: \"" + source + "\"\ntests:\n" + tests;
    }

    static final String TWO_TESTS = """
              - name: "generated: negatives #1"
                args: [-3]
                expected: -2
              - name: "generated: zero #1"
                args: [0]
                expected: 1
                inputsUnchanged: true
            """;

    Path withGenerated(long seed, String tests) throws IOException {
        Path dir = exercise();
        Files.writeString(dir.resolve("generate.py"), GENERATOR);
        Files.writeString(dir.resolve("generated.yaml"), file(seed, GeneratedTests.source(seed, GENERATOR, SOLUTION), tests));
        return dir;
    }

    ContentException fails() {
        return assertThrows(ContentException.class, () -> ContentLoader.load(tmp));
    }

    static void assertMentions(ContentException e, String... fragments) {
        ContentLoaderTest.assertMentions(e, fragments);
    }

    @Test
    void generatedTestsFollowTheHandWrittenHiddenTests() throws IOException {
        withGenerated(7, TWO_TESTS);
        Exercise e = ContentLoader.load(tmp).exercises().get(0);
        assertEquals(10, e.tests().size());
        assertEquals("hidden 8", e.tests().get(7).name());
        assertEquals("generated: negatives #1", e.tests().get(8).name());
        assertEquals("[-3]", e.tests().get(8).args().toString());
        assertEquals(-2, e.tests().get(8).expected().intValue());
        assertEquals(List.of(false, true), e.tests().subList(8, 10).stream().map(TestCase::inputsUnchanged).toList());
        assertEquals(3, e.examples().size(), "examples are untouched");
        assertEquals(8, ContentLoader.loadWithoutGenerated(tmp).exercises().get(0).tests().size());
    }

    @Test
    void aChangedGeneratorMakesTheFileStale() throws IOException {
        Path dir = withGenerated(7, TWO_TESTS);
        Files.writeString(dir.resolve("generate.py"), GENERATOR.replace("9", "99"));
        assertMentions(fails(), "exercises/add-one/generated.yaml: stale", "./pyquest generate-tests add-one");
        assertEquals(8, ContentLoader.loadWithoutGenerated(tmp).exercises().get(0).tests().size(), "the generator itself can still load it");
    }

    @Test
    void aChangedReferenceMakesTheFileStale() throws IOException {
        Path dir = withGenerated(7, TWO_TESTS);
        Files.writeString(dir.resolve("solution.py"), "def add_one(n):\n    return 1 + n\n");
        assertMentions(fails(), "generated.yaml: stale");
    }

    @Test
    void anEditedSeedMakesTheFileStale() throws IOException {
        Path dir = withGenerated(7, TWO_TESTS);
        Path f = dir.resolve("generated.yaml");
        Files.writeString(f, Files.readString(f).replace("seed: 7", "seed: 8"));
        assertMentions(fails(), "generated.yaml: stale");
    }

    @Test
    void aGeneratorWithoutItsFileAndAFileWithoutItsGeneratorFail() throws IOException {
        Path dir = withGenerated(7, TWO_TESTS);
        Files.delete(dir.resolve("generated.yaml"));
        assertMentions(fails(), "generated.yaml: missing, but generate.py is there");
        withGenerated(7, TWO_TESTS);
        Files.delete(dir.resolve("generate.py"));
        assertMentions(fails(), "generated.yaml: there is no generate.py");
    }

    @Test
    void generatedTestsAreNamedByAnEdgeClassAndCheckedLikeTheOthers() throws IOException {
        withGenerated(7, TWO_TESTS.replace("generated: zero #1", "generated: tiny #1").replace("args: [-3]", "args: [-3, 4]")
                .replace("expected: 1\n", "expected: 1\n    checker: fuzzy\n"));
        assertMentions(fails(), "test name 'generated: tiny #1' must be 'generated: <edge class> #<n>'",
                "test 'generated: negatives #1' passes 2 arguments", "checker 'fuzzy' must be exact, unordered or float");
    }

    @Test
    void atMostSixteenGeneratedTests() throws IOException {
        StringBuilder tests = new StringBuilder();
        for (int i = 1; i <= 17; i++) {
            tests.append("  - name: \"generated: random #").append(i).append("\"\n    args: [").append(i).append("]\n    expected: ")
                    .append(i + 1).append('\n');
        }
        withGenerated(7, tests.toString());
        assertMentions(fails(), "17 tests, at most 16");
    }

    @Test
    void aHandWrittenTestMayNotTakeAGeneratedName() throws IOException {
        Path dir = exercise();
        Path y = dir.resolve("exercise.yaml");
        Files.writeString(y, Files.readString(y).replace("\"hidden 3\"", "\"generated: zero #1\""));
        assertMentions(fails(), "test name 'generated: zero #1' starts with 'generated:', which only generated.yaml's tests may");
    }

    @Test
    void aTestNameUsedTwiceAcrossBothFilesFails() throws IOException {
        Path dir = withGenerated(7, TWO_TESTS.replace("generated: zero #1", "generated: negatives #1"));
        assertMentions(fails(), "test name 'generated: negatives #1' is used twice");
        assertTrue(Files.exists(dir.resolve("generated.yaml")));
    }

    /** The repository's own course: alter one real generator in a copy, and the copy no longer loads. */
    @Test
    void aRealExerciseWhoseGeneratorChangedFailsTheLoad() throws IOException {
        Path copy = tmp.resolve("content");
        copyTree(RealContent.root(), copy);
        List<Exercise> generated = ContentLoader.load(copy).exercises().stream()
                .filter(e -> Files.exists(copy.resolve("exercises").resolve(e.slug()).resolve("generate.py"))).toList();
        assertTrue(!generated.isEmpty(), "no real exercise has a generate.py");
        Exercise e = generated.get(0);
        assertTrue(e.tests().stream().anyMatch(t -> EdgeClass.ofTestName(t.name()).isPresent()), e.slug());
        Path generator = copy.resolve("exercises").resolve(e.slug()).resolve("generate.py");
        Files.writeString(generator, Files.readString(generator) + "\n# an edit after the last generate-tests\n");
        ContentException ex = assertThrows(ContentException.class, () -> ContentLoader.load(copy));
        assertMentions(ex, "exercises/" + e.slug() + "/generated.yaml: stale");
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(target);
                else Files.write(target, Files.readAllBytes(p));
            }
        }
    }

    @Test
    void theDigestCoversSeedGeneratorAndReference() {
        String d = GeneratedTests.source(1, "g", "s");
        assertTrue(d.matches("sha256:[0-9a-f]{64}"), d);
        assertEquals(d, GeneratedTests.source(1, "g", "s"));
        assertTrue(Stream.of(GeneratedTests.source(2, "g", "s"), GeneratedTests.source(1, "h", "s"), GeneratedTests.source(1, "g", "t"),
                GeneratedTests.source(1, "gs", ""), GeneratedTests.source(1, "", "gs")).noneMatch(d::equals));
    }
}
