package dev.pyquest.domain.judge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.pyquest.domain.Json;
import dev.pyquest.domain.content.Checker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigInteger;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonEqualityTest {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    static JsonNode j(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(json, e);
        }
    }

    static boolean exact(String expected, String actual) {
        return JsonEquality.matches(Checker.EXACT, j(expected), j(actual));
    }

    static boolean unordered(String expected, String actual) {
        return JsonEquality.matches(Checker.UNORDERED, j(expected), j(actual));
    }

    static boolean flt(String expected, String actual) {
        return JsonEquality.matches(Checker.FLOAT, j(expected), j(actual));
    }

    // ---------------------------------------------------------------- EXACT

    @ParameterizedTest(name = "exact: {0} equals {1}")
    @CsvSource(delimiter = '|', value = {
            "1 | 1",
            "-7 | -7",
            "2.5 | 2.5",
            "'\"a\"' | '\"a\"'",
            "'\"\"' | '\"\"'",
            "'\"é😀\"' | '\"é😀\"'",
            "true | true",
            "false | false",
            "null | null",
            "[] | []",
            "{} | {}",
            "123456789012345678901234567890 | 123456789012345678901234567890",
            "'[[1, 2], [3]]' | '[[1,2],[3]]'",
            "'{\"a\": 1, \"b\": [1, {\"c\": null}]}' | '{\"b\": [1, {\"c\": null}], \"a\": 1}'",
    })
    void exactEqualValues(String expected, String actual) {
        assertTrue(exact(expected, actual));
    }

    @ParameterizedTest(name = "exact: {0} differs from {1}")
    @CsvSource(delimiter = '|', value = {
            "1 | 1.0",
            "1.0 | 1",
            "2 | 2.0",
            "1 | '\"1\"'",
            "'\"1\"' | 1",
            "1 | true",
            "true | 1",
            "0 | false",
            "false | 0",
            "0 | null",
            "null | 0",
            "'\"\"' | null",
            "'\"null\"' | null",
            "true | '\"true\"'",
            "1 | 2",
            "0.30000000000000004 | 0.3",
            "'\"abc\"' | '\"abd\"'",
            "'\"abc\"' | '\"ABC\"'",
            "[] | {}",
            "[] | null",
            "'[1]' | 1",
            "'[1, 2]' | '[2, 1]'",
            "'[1, 2]' | '[1, 2, 3]'",
            "'[1, 2, 3]' | '[1, 2]'",
            "'[[1, 2], [3]]' | '[[1, 2], [3, 4]]'",
            "'[[1, 2], [3]]' | '[[2, 1], [3]]'",
            "'[1, [2, [3]]]' | '[1, [2, [\"3\"]]]'",
            "'[1, [2, [3]]]' | '[1, [2, [3.0]]]'",
            "'{\"a\": 1}' | '{\"a\": 1, \"b\": 2}'",
            "'{\"a\": 1, \"b\": 2}' | '{\"a\": 1}'",
            "'{\"a\": 1}' | '{\"b\": 1}'",
            "'{\"a\": null}' | '{}'",
            "'{\"a\": null}' | '{\"b\": null}'",
            "'{\"a\": 1}' | '{\"a\": \"1\"}'",
            "'{\"a\": {\"b\": [1]}}' | '{\"a\": {\"b\": [true]}}'",
            "123456789012345678901234567890 | 123456789012345678901234567891",
            "18446744073709551616 | 0",
    })
    void exactDifferentValuesOrTypes(String expected, String actual) {
        assertFalse(exact(expected, actual));
    }

    @Test
    void integersOfEqualValueAreEqualWhateverTheirWidth() {
        List<JsonNode> ones = List.of(F.numberNode(1), F.numberNode(1L), F.numberNode(BigInteger.ONE),
                F.numberNode((short) 1), j("1"));
        for (JsonNode a : ones) {
            for (JsonNode b : ones) {
                assertTrue(JsonEquality.matches(Checker.EXACT, a, b), a.getClass() + " vs " + b.getClass());
            }
        }
        JsonNode big = F.numberNode(BigInteger.valueOf(Long.MAX_VALUE));
        assertTrue(JsonEquality.matches(Checker.EXACT, F.numberNode(Long.MAX_VALUE), big));
        assertFalse(JsonEquality.matches(Checker.EXACT, F.numberNode(Long.MAX_VALUE),
                F.numberNode(BigInteger.valueOf(Long.MAX_VALUE).add(BigInteger.ONE))));
        // an int that overflowed to a negative long must not match
        assertFalse(JsonEquality.matches(Checker.EXACT, j("18446744073709551615"), F.numberNode(-1L)));
        assertFalse(JsonEquality.matches(Checker.EXACT, F.numberNode(1L), F.numberNode(1.0)));
        assertFalse(JsonEquality.matches(Checker.EXACT, F.numberNode(BigInteger.ONE), F.numberNode(1.0f)));
    }

    @Test
    void aMissingActualValueNeverMatches() {
        for (Checker c : Checker.values()) {
            assertFalse(JsonEquality.matches(c, j("null"), null), c.name());
            assertFalse(JsonEquality.matches(c, j("[]"), null), c.name());
        }
    }

    // ---------------------------------------------------------------- UNORDERED

    @ParameterizedTest(name = "unordered: {0} equals {1}")
    @CsvSource(delimiter = '|', value = {
            "[] | []",
            "'[1, 2, 3]' | '[3, 1, 2]'",
            "'[1, 1, 2]' | '[1, 2, 1]'",
            "'[\"a\", \"b\", \"a\"]' | '[\"a\", \"a\", \"b\"]'",
            "'[[1, 2], [3]]' | '[[3], [1, 2]]'",
            "'[{\"a\": 1}, {\"b\": 2}]' | '[{\"b\": 2}, {\"a\": 1}]'",
            "'[null, true, 1, \"1\"]' | '[\"1\", 1, true, null]'",
    })
    void unorderedSameMultiset(String expected, String actual) {
        assertTrue(unordered(expected, actual));
    }

    @ParameterizedTest(name = "unordered: {0} differs from {1}")
    @CsvSource(delimiter = '|', value = {
            // duplicates count
            "'[1, 1, 2]' | '[1, 2, 2]'",
            "'[1, 1, 2]' | '[1, 2]'",
            "'[1, 2]' | '[1, 2, 2]'",
            "'[1, 2]' | '[1, 1, 2]'",
            "'[\"a\", \"a\"]' | '[\"a\"]'",
            // elements compare exactly
            "'[1, 2]' | '[1.0, 2]'",
            "'[1, 2]' | '[\"1\", 2]'",
            "'[1, 0]' | '[true, false]'",
            // only the top level is unordered
            "'[[1, 2]]' | '[[2, 1]]'",
            "'[{\"a\": [1, 2]}]' | '[{\"a\": [2, 1]}]'",
            // not lists
            "'[1]' | 1",
            "'[1]' | '{\"0\": 1}'",
            "'[]' | null",
            "1 | 1",
            "'{\"a\": 1}' | '{\"a\": 1}'",
    })
    void unorderedDifferentMultiset(String expected, String actual) {
        assertFalse(unordered(expected, actual));
    }

    // ---------------------------------------------------------------- FLOAT

    @ParameterizedTest(name = "float: {0} ~ {1}")
    @CsvSource(delimiter = '|', value = {
            "0.3 | 0.30000000000000004",
            "0.30000000000000004 | 0.3",
            "1 | 1.0",
            "1.0 | 1",
            "2.0 | 2",
            "-0.0 | 0.0",
            "1e12 | 1000000000000.0001",
            "1e12 | 1000000000010",
            "1e-12 | 2e-12",
            "'[0.30000000000000004, 1]' | '[0.3, 1.0]'",
            "'{\"x\": 0.30000000000000004, \"y\": [1.0]}' | '{\"y\": [1], \"x\": 0.3}'",
            "'\"a\"' | '\"a\"'",
            "null | null",
    })
    void floatWithinTolerance(String expected, String actual) {
        assertTrue(flt(expected, actual));
        // and exact comparison is stricter wherever a float and anything else meet
    }

    @ParameterizedTest(name = "float: {0} !~ {1}")
    @CsvSource(delimiter = '|', value = {
            "1.0 | 1.0000001",
            "0.3 | 0.31",
            "1e12 | 1000000002000",
            "1 | 2",
            "1.0 | '\"1.0\"'",
            "1 | '\"1\"'",
            "1 | true",
            "1.0 | true",
            "0.0 | false",
            "0.0 | null",
            "'[0.3, 1]' | '[0.3]'",
            "'[0.3, 1]' | '[1, 0.3]'",
            "'{\"x\": 0.3}' | '{\"y\": 0.3}'",
            // integers stay exact even with the float checker
            "1000000000000000000000000000000 | 1000000000000000000000000000001",
    })
    void floatOutsideToleranceOrOtherTypes(String expected, String actual) {
        assertFalse(flt(expected, actual));
    }

    @Test
    void intVersusFloatIsAllowedOnlyWithTheFloatChecker() {
        assertTrue(flt("3", "3.0"));
        assertFalse(exact("3", "3.0"));
        assertFalse(unordered("[3]", "[3.0]"));
        assertTrue(flt("0.1", "0.1000000000000000055"));
        assertFalse(exact("0.3", "0.30000000000000004"));
    }
}
