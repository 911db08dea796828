package dev.pyquest.domain.content;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One call of the learner's function: positional {@code args} (a JSON array) and the expected return
 * value. {@code inputsUnchanged}: the arguments after the call must equal them as they were before it
 * (with exact types), or the test fails as INPUT_CHANGED whatever the function returned.
 */
public record TestCase(String name, JsonNode args, JsonNode expected, Checker checker, boolean inputsUnchanged) {

    /** A test that does not check its arguments. */
    public TestCase(String name, JsonNode args, JsonNode expected, Checker checker) {
        this(name, args, expected, checker, false);
    }
}
