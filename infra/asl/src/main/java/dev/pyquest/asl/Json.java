package dev.pyquest.asl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;

final class Json {
    /** The project's one configuration: repeated keys and trailing tokens are refused. */
    static final JsonMapper MAPPER = dev.pyquest.domain.Json.MAPPER;

    private Json() {}

    static String compact(JsonNode node) {
        if (node == null) {
            return "null";
        }
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode read(String text) throws JsonProcessingException {
        return MAPPER.readTree(text);
    }
}
