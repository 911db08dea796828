package dev.pyquest.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The hostile programs' file format: every file reads, and each expectation holds or fails as it says. */
class HostileProgramTest {
    private static final JsonNode TESTS = json("""
            [{"name": "first five", "status": "TIME_LIMIT", "stdout": "  parent 1 still there\\nx FileNotFoundError\\n"},
             {"name": "empty", "status": "PASSED", "visibility": "public", "value": {"/tmp/x": "written"}},
             {"name": "h1", "status": "NOT_RUN", "visibility": "hidden", "message": "the code raised an exception on a hidden test"}]
            """);
    private static final JsonNode DOC = json("{\"status\": \"FAILED\"}");

    private static JsonNode json(String text) {
        try {
            return Jobs.JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> check(Path dir, String... expectations) throws Exception {
        StringBuilder h = new StringBuilder("# hostile: a program\n");
        for (String e : expectations) h.append("# expect: ").append(e).append('\n');
        Path f = dir.resolve("p.py");
        Files.writeString(f, h + "\ndef f():\n    pass\n");
        return HostileProgram.read(f).mismatches(DOC, TESTS, 120L);
    }

    @Test
    void everyHostileFileReadsWithAUniqueNameAndWhatItsPathNeeds() {
        for (String path : List.of("box", "submissions")) {
            List<HostileProgram> programs = HostileProgram.readAll(HostileProgramsIT.resource("hostile/" + path));
            assertFalse(programs.isEmpty(), path);
            Set<String> names = new HashSet<>();
            for (HostileProgram p : programs) {
                assertTrue(names.add(p.name()), "two files named '" + p.name() + "'");
                assertFalse(p.code().startsWith("#") || p.code().isBlank(), p.id() + ": the program starts after the header and a blank line");
                if (path.equals("box")) assertFalse(p.all("test").isEmpty(), p.id() + ": no '# test:'");
                else assertFalse(p.one("activity", "").isEmpty(), p.id() + ": no '# activity:'");
            }
        }
    }

    @Test
    void theHeaderIsNotPartOfTheProgram(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("p.py"), "# hostile: x\n# test: t [1]\n# expect: first test status is OK\n\nimport os\n# a comment\n");
        HostileProgram p = HostileProgram.read(dir.resolve("p.py"));
        assertEquals("import os\n# a comment\n", p.code());
        assertEquals(List.of("t [1]"), p.all("test"));
    }

    @Test
    void expectationsThatHoldGiveNoMismatch(@TempDir Path dir) throws Exception {
        assertEquals(List.of(), check(dir, "submission status is FAILED|ERROR", "first test status is TIME_LIMIT",
                "test \"empty\" status is PASSED", "other tests status is NOT_RUN", "every test name matches \"^[a-z]\"",
                "first test stdout stripped = \"parent 1 still there\\nx FileNotFoundError\"",
                "first test stdout lines matching \" FileNotFoundError$\" = 1", "first test stdout length = 43",
                "test \"empty\" value/~1tmp~1x = \"written\"", "test \"empty\" value/big != \"written\"",
                "test \"empty\" value/big absent", "hidden tests message = \"the code raised an exception on a hidden test\"",
                "hidden tests json lacks \"300\"", "first test json contains \"still\"", "run ms < 121", "run ms >= 120"));
    }

    @Test
    void eachExpectationThatDoesNotHoldIsNamed(@TempDir Path dir) throws Exception {
        for (String wrong : List.of("submission status is PASSED", "every test status is TIME_LIMIT", "test \"nope\" status is OK",
                "first test stdout = \"parent 1 still there\"", "first test stdout lacks \"parent\"", "other tests status is PASSED",
                "hidden tests json contains \"300\"", "test \"empty\" value = {\"/tmp/x\": \"other\"}", "run ms < 100",
                "first test stdout lines matching \"Error\" = 2", "test \"empty\" value/~1tmp~1x absent")) {
            assertFalse(check(dir, wrong).isEmpty(), wrong + " must not hold");
        }
    }

    @Test
    void aRunExpectationOnAPathThatDoesNotTimeTheRunFails(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("p.py"), "# hostile: x\n# expect: run ms < 4000\n\npass\n");
        assertEquals(1, HostileProgram.read(dir.resolve("p.py")).mismatches(DOC, TESTS, null).size());
    }

    @Test
    void aMalformedExpectationFailsWhenTheFileIsRead(@TempDir Path dir) {
        assertThrows(IllegalArgumentException.class, () -> check(dir, "first test status equals OK"));
        assertThrows(IllegalArgumentException.class, () -> check(dir, "some test status is OK"));
        assertThrows(IllegalArgumentException.class, () -> check(dir, "first test stdout contains not-json"));
    }

    @Test
    void placeholdersAreReplacedInTheProgramAndTheExpectations(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("p.py"), "# hostile: x\n# expect: first test stdout lacks \"{REPO}\"\n\nopen(\"{REPO}/pom.xml\")\n");
        HostileProgram p = HostileProgram.read(dir.resolve("p.py")).with(Map.of("REPO", "/work/r"));
        assertEquals("open(\"/work/r/pom.xml\")\n", p.code());
        assertEquals(List.of("first test stdout lacks \"/work/r\""), p.expectations());
    }
}
