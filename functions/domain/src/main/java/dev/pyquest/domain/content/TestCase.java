package dev.pyquest.domain.content;

import com.fasterxml.jackson.databind.JsonNode;

/** One call of the learner's function: positional {@code args} (a JSON array) and the expected return value. */
public record TestCase(String name, JsonNode args, JsonNode expected, Checker checker) {}
