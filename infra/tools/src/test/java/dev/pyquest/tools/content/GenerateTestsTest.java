package dev.pyquest.tools.content;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pyquest.domain.Json;
import dev.pyquest.domain.content.Checker;
import dev.pyquest.domain.content.TestCase;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** generated.yaml as written reads back as the same JSON values: YAML must not reinterpret a float, a string or a big integer. */
class GenerateTestsTest {
    private static JsonNode json(String s) {
        try {
            return Json.MAPPER.readTree(s);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void valuesYamlWouldReinterpretReadBackExactly() throws Exception {
        JsonNode args = json("[1.0E20, 1e-7, 2.5, -0.0, 12345678901234567890123, \"1e3\", \"yes\", \"null\", \"a: b # c\", "
                + "\"\\\"q\\\"\\n\\t\\u0001\", \"ßİ\\u00a0\\u2028😀\", \"*x\", \"\", {\"k: v\": [true, null, false]}, []]");
        List<TestCase> tests = List.of(new TestCase("generated: random #1", args, json("1.0E-300"), Checker.FLOAT));
        String yaml = GenerateTests.yaml("some-slug", 7, "sha256:00", tests);
        assertTrue(yaml.startsWith("# Generated hidden tests: do not edit. Regenerate with ./pyquest generate-tests some-slug\n"), yaml);
        assertTrue(yaml.contains("\nseed: 7\nsource: \"sha256:00\"\ntests:\n  - name: \"generated: random #1\"\n    args: [1.0e+20, 1.0e-7, "), yaml);
        assertTrue(yaml.endsWith("    checker: float\n"), yaml);
        JsonNode back = Json.yaml().readTree(yaml).path("tests").get(0);
        assertTrue(GenerateTests.sameJson(args, back.path("args")), back.path("args").toString());
        assertTrue(GenerateTests.sameJson(json("1.0E-300"), back.path("expected")), back.path("expected").toString());
        assertTrue(back.path("args").get(0).isFloatingPointNumber(), "1e20 stays a float");
        assertTrue(back.path("args").get(5).isTextual(), "\"1e3\" stays a string");
    }

    @Test
    void sameJsonIsTheExactCheckersEquality() {
        assertTrue(GenerateTests.sameJson(json("{\"a\": 1, \"b\": [2.5]}"), json("{\"b\": [2.5], \"a\": 1}")));
        assertTrue(GenerateTests.sameJson(json("12345678901234567890"), json("12345678901234567890")));
        assertFalse(GenerateTests.sameJson(json("1"), json("1.0")), "an int is not a float");
        assertFalse(GenerateTests.sameJson(json("1"), json("true")));
        assertFalse(GenerateTests.sameJson(json("[1, 2]"), json("[2, 1]")));
        assertFalse(GenerateTests.sameJson(json("{\"a\": 1}"), json("{\"a\": 1, \"b\": 1}")));
        assertEquals(GenerateTests.yaml("s", 1, "x", List.of()), "# Generated hidden tests: do not edit. Regenerate with ./pyquest generate-tests s\n"
                + "# Inputs from generate.py with the seed below; expected values are what solution.py returns.\nseed: 1\nsource: \"x\"\ntests: []\n");
    }
}
