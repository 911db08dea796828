package dev.pyquest.domain.judge;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/** One test's outcome as the learner sees it; expected, actual and stdout only for public tests. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TestResult(String name, Visibility visibility, TestStatus status, String message,
                         JsonNode expected, JsonNode actual, String stdout) {
    public enum Visibility {
        PUBLIC, HIDDEN;

        @com.fasterxml.jackson.annotation.JsonValue
        public String json() { return name().toLowerCase(java.util.Locale.ROOT); }
    }
}
