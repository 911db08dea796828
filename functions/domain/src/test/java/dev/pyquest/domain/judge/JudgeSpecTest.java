package dev.pyquest.domain.judge;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pyquest.domain.Json;
import dev.pyquest.domain.content.Checker;
import dev.pyquest.domain.content.ContentLoader;
import dev.pyquest.domain.content.Course;
import dev.pyquest.domain.content.Exercise;
import dev.pyquest.domain.content.Limits;
import dev.pyquest.domain.content.RealContent;
import dev.pyquest.domain.content.TestCase;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static dev.pyquest.domain.judge.ScorerTest.tc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JudgeSpecTest {
    static final String CODE = "def f(xs):\n    \"\"\"café ☕ \\ 'q'\"\"\"\n    return sum(xs)  # </script>\n";

    static final JudgeSpec SPEC = new JudgeSpec("ex-0042", "demo", "f", new Limits(1500, 96, 2048),
            List.of(tc("first public", "[[1, 2]]", "\"EXPECTED-PUBLIC-7f3a\"", Checker.EXACT),
                    tc("second public", "[\"in\", {\"k\": [null, true]}]", "987654321987", Checker.EXACT)),
            List.of(tc("hidden one", "[[]]", "{\"secret\": \"EXPECTED-IN-DICT-5d1c\"}", Checker.EXACT),
                    tc("hidden two", "[[3, 2, 1]]", "[\"EXPECTED-HIDDEN-9c2e\"]", Checker.UNORDERED),
                    tc("hidden three", "[0.5]", "0.123456789123", Checker.FLOAT)));

    @Test
    void theJobCarriesFunctionCodeLimitsAndEveryTestsNameAndArgsInOrder() throws Exception {
        JsonNode job = Json.MAPPER.readTree(SPEC.sandboxJob(CODE));
        assertEquals("f", job.get("function").asText());
        assertEquals(CODE, job.get("code").asText());
        JsonNode tests = job.get("tests");
        assertEquals(5, tests.size());
        List<TestCase> all = new ArrayList<>(SPEC.examples());
        all.addAll(SPEC.tests());
        for (int i = 0; i < all.size(); i++) {
            assertEquals(all.get(i).name(), tests.get(i).get("name").asText(), "test " + i);
            assertEquals(all.get(i).args(), tests.get(i).get("args"), "test " + i);
        }
        assertEquals(1500, job.get("limits").get("timeMs").asInt());
        assertEquals(96, job.get("limits").get("memoryMb").asInt());
        assertEquals(2048, job.get("limits").get("outputBytes").asInt());
        assertEquals(5, SPEC.total());
    }

    @Test
    void aTestThatChecksItsInputsSaysSoInTheJobAndOthersCarryNoSuchField() throws Exception {
        TestCase checked = new TestCase("checked", JsonEqualityTest.j("[[3, 1, 2]]"), JsonEqualityTest.j("[1, 2, 3]"), Checker.EXACT, true);
        JudgeSpec spec = new JudgeSpec("ex-0042", "demo", "f", Limits.DEFAULT, List.of(checked, SPEC.examples().get(0)),
                List.of(SPEC.tests().get(0)));
        JsonNode tests = Json.MAPPER.readTree(spec.sandboxJob(CODE)).get("tests");
        assertTrue(tests.get(0).get("inputsUnchanged").booleanValue());
        assertFalse(tests.get(1).has("inputsUnchanged"));
        assertFalse(tests.get(2).has("inputsUnchanged"));
    }

    @Test
    void aStoredSpecWrittenBeforeInputsUnchangedReadsAsNotChecking() throws Exception {
        // The judge table holds specs as JSON (CatalogRepository): one stored by an older build has no such field.
        String old = "{\"activityId\":\"ex-1\",\"slug\":\"s\",\"function\":\"f\",\"limits\":{\"timeMs\":2000,\"memoryMb\":128,"
                + "\"outputBytes\":65536},\"examples\":[{\"name\":\"e\",\"args\":[1],\"expected\":2,\"checker\":\"EXACT\"}],\"tests\":[]}";
        JudgeSpec spec = Json.MAPPER.readValue(old, JudgeSpec.class);
        assertFalse(spec.examples().get(0).inputsUnchanged());
        JudgeSpec back = Json.MAPPER.readValue(Json.MAPPER.writeValueAsBytes(new JudgeSpec("ex-1", "s", "f", Limits.DEFAULT,
                List.of(new TestCase("e", JsonEqualityTest.j("[1]"), JsonEqualityTest.j("2"), Checker.EXACT, true)), List.of())), JudgeSpec.class);
        assertTrue(back.examples().get(0).inputsUnchanged());
    }

    @Test
    void theJobNeverContainsAnExpectedValue() {
        String job = new String(SPEC.sandboxJob(CODE), StandardCharsets.UTF_8);
        for (String secret : List.of("EXPECTED-PUBLIC-7f3a", "987654321987", "EXPECTED-IN-DICT-5d1c", "secret",
                "EXPECTED-HIDDEN-9c2e", "0.123456789123", "expected", "checker", "UNORDERED", "FLOAT")) {
            assertFalse(job.contains(secret), () -> "'" + secret + "' leaked into the job: " + job);
        }
    }

    @Test
    void eachTestInTheJobHasOnlyANameAndArgs() throws Exception {
        JsonNode tests = Json.MAPPER.readTree(SPEC.sandboxJob(CODE)).get("tests");
        for (JsonNode t : tests) {
            List<String> fields = new ArrayList<>();
            t.fieldNames().forEachRemaining(fields::add);
            assertEquals(List.of("name", "args"), fields);
        }
    }

    @Test
    void theJobForEveryRealExerciseHoldsNoExpectedValues() throws Exception {
        Course course = ContentLoader.load(RealContent.root());
        for (Exercise e : course.exercises()) {
            JudgeSpec spec = JudgeSpec.of(e);
            assertEquals(e.examples().size() + e.tests().size(), spec.total());
            byte[] bytes = spec.sandboxJob(e.solution());
            String s = new String(bytes, StandardCharsets.UTF_8);
            assertFalse(s.contains("\"expected\""), e.slug());
            JsonNode job = Json.MAPPER.readTree(bytes);
            assertEquals(e.function(), job.get("function").asText());
            assertEquals(e.solution(), job.get("code").asText());
            List<String> names = new ArrayList<>();
            job.get("tests").forEach(t -> names.add(t.get("name").asText()));
            assertEquals(e.allTests().stream().map(TestCase::name).toList(), names, e.slug());
            // the public examples come first
            assertEquals(e.examples().get(0).name(), names.get(0));
            assertTrue(names.indexOf(e.tests().get(0).name()) == e.examples().size(), e.slug());
        }
    }
}
