package dev.pyquest.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one mapper configuration: a document has one meaning, or it is refused. */
class JsonTest {
    @Test
    void aRepeatedKeyInJsonIsRefusedNamingTheKey() {
        JsonProcessingException e = assertThrows(JsonProcessingException.class,
                () -> Json.MAPPER.readTree("{\"code\":\"a\",\"code\":\"b\"}"));
        assertTrue(e.getMessage().contains("Duplicate field 'code'"), e.getMessage());
    }

    @Test
    void aRepeatedKeyInANestedJsonObjectIsRefused() {
        assertThrows(JsonProcessingException.class, () -> Json.MAPPER.readTree("{\"a\":{\"x\":1,\"x\":1}}"));
    }

    @Test
    void somethingAfterTheJsonValueIsRefused() {
        assertThrows(JsonProcessingException.class, () -> Json.MAPPER.readTree("{\"code\":\"a\"} {\"code\":\"b\"}"));
        assertEquals("a", assertDoesNotThrow("{\"code\":\"a\"}\n ").path("code").asText());
    }

    @Test
    void aRepeatedKeyInYamlIsRefusedNamingTheKey() {
        JsonProcessingException e = assertThrows(JsonProcessingException.class,
                () -> Json.yaml().readTree("xp:\n  lesson: 5\n  lesson: 50\n"));
        assertTrue(e.getMessage().contains("Duplicate field 'lesson'"), e.getMessage());
    }

    @Test
    void theJsonAndYamlMappersShareTheirReadFeatures() {
        for (var f : new com.fasterxml.jackson.core.StreamReadFeature[] {
                com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION}) {
            assertTrue(Json.MAPPER.isEnabled(f.mappedFeature()), "JSON: " + f);
            assertTrue(Json.yaml().isEnabled(f.mappedFeature()), "YAML: " + f);
        }
    }

    private static com.fasterxml.jackson.databind.JsonNode assertDoesNotThrow(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }
}
