package dev.pyquest.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pyquest.domain.Json;
import dev.pyquest.shared.LambdaFunction;

import java.util.Map;

/**
 * A task of the submission workflow. Step Functions passes and expects plain JSON objects; the
 * execution name (the submission id) is the correlation id of every log line.
 */
abstract class TaskFunction extends LambdaFunction<Map<String, Object>, Map<String, Object>> {
    TaskFunction() {
        super("submissionId");
    }

    @Override
    @SuppressWarnings("unchecked")
    protected final Map<String, Object> handle(Map<String, Object> input) {
        JsonNode in = Json.MAPPER.valueToTree(input);
        return Json.MAPPER.convertValue(run(in), Map.class);
    }

    protected abstract Object run(JsonNode input);

    static String required(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw new IllegalArgumentException("task input lacks " + field);
        }
        return v.asText();
    }
}
