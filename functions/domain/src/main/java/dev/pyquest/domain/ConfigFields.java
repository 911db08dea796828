package dev.pyquest.domain;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Set;

/**
 * How a hand-checked config file (economy.yaml, achievements.yaml, pricing.yaml) reads its fields: each problem is an
 * {@link IllegalArgumentException} saying {@code "<file>: <field path> <problem>"}, so a bad edit fails the start
 * naming the file and the field. One reader for all of them, so every file words its errors alike.
 */
public record ConfigFields(String file) {
    /** The text of {@code file} beside {@code owner} on the class path (a config shipped with the code). */
    public String bundled(Class<?> owner) {
        try (java.io.InputStream in = owner.getResourceAsStream(file)) {
            if (in == null) throw new IllegalStateException(file + " is missing from the class path");
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException io) {
            throw new IllegalStateException("cannot read " + file, io);
        }
    }

    public IllegalArgumentException bad(String field, String problem) {
        return new IllegalArgumentException(file + ": " + (field.isEmpty() ? "" : field + " ") + problem);
    }

    /** Refuses the first field of {@code n} not in {@code allowed}. */
    public void only(JsonNode n, String at, String... allowed) {
        Json.unknownField(n, at, Set.of(allowed)).ifPresent(f -> {
            throw bad(f, "is not a known field; known: " + List.of(allowed));
        });
    }

    /** {@code n.field}, a non-blank string. */
    public String text(JsonNode n, String at, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) throw bad(at.isEmpty() ? field : at + "." + field, "must be a non-empty string");
        return v.asText();
    }

    /** {@code v} (at {@code path}), a whole number in {@code min..max}. */
    public long whole(JsonNode v, String path, long min, long max) {
        if (v == null) throw bad(path, "is missing");
        if (!v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < min || v.asLong() > max) {
            throw bad(path, "must be a whole number from " + min + " to " + max + ", got " + v);
        }
        return v.asLong();
    }

    /** {@code n.field} (at {@code path}), a mapping. */
    public JsonNode object(JsonNode n, String field, String path) {
        JsonNode v = n.get(field);
        if (v == null || !v.isObject()) throw bad(path, "must be a mapping");
        return v;
    }

    /** {@code n.field} (at {@code path}), a list. */
    public JsonNode array(JsonNode n, String field, String path) {
        JsonNode v = n.get(field);
        if (v == null || !v.isArray()) throw bad(path, "must be a list");
        return v;
    }
}
