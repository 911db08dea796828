package dev.pyquest.domain.events;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one {@code detail} strictly by JSON type, for the records' {@code fromDetail}: a number where
 * a string belongs, a string or a fraction where a whole number belongs, or an unparseable time is
 * refused, never coerced (Jackson's data binding would turn {@code "15"} into 15 and {@code 1.5} into 1).
 * An absent or {@code null} optional field reads as {@code null}; fields it does not ask for are ignored.
 * Rules about values (blank ids, negative amounts) live in the records' constructors, so a producer
 * building a record meets them too.
 */
final class Detail {
    private final String type;
    private final JsonNode node;

    private Detail(String type, JsonNode node) {
        this.type = type;
        this.node = node;
    }

    static Detail of(String type, JsonNode detail) {
        if (detail == null || !detail.isObject()) throw new IllegalArgumentException(type + " without detail");
        return new Detail(type, detail);
    }

    String text(String field) {
        String s = optionalText(field);
        if (s == null) throw lacks(field);
        return s;
    }

    String optionalText(String field) {
        JsonNode v = present(field);
        if (v == null) return null;
        if (!v.isTextual()) throw new IllegalArgumentException(type + " " + field + " must be a string: " + v);
        return v.asText();
    }

    long wholeNumber(String field) {
        JsonNode v = present(field);
        if (v == null) throw lacks(field);
        return whole(field, v);
    }

    int wholeInt(String field) {
        long n = wholeNumber(field);
        if (n != (int) n) throw new IllegalArgumentException(type + " " + field + " is out of range: " + n);
        return (int) n;
    }

    Integer optionalWholeInt(String field) {
        return present(field) == null ? null : wholeInt(field);
    }

    Instant instant(String field) {
        Instant t = optionalInstant(field);
        if (t == null) throw lacks(field);
        return t;
    }

    Instant optionalInstant(String field) {
        String s = optionalText(field);
        return s == null ? null : instant(type, field, s);
    }

    <E extends Enum<E>> E oneOf(String field, Class<E> values) {
        String s = text(field);
        try {
            return Enum.valueOf(values, s);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(type + " " + field + " is not one of " + List.of(values.getEnumConstants()) + ": " + s);
        }
    }

    /** An object of strings ({@code attributes}); absent reads as empty. */
    Map<String, String> optionalStrings(String field) {
        JsonNode v = present(field);
        Map<String, String> out = new LinkedHashMap<>();
        if (v == null) return out;
        if (!v.isObject()) throw new IllegalArgumentException(type + " " + field + " must be an object: " + v);
        for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            if (!f.getValue().isTextual()) throw new IllegalArgumentException(type + " " + field + "." + f.getKey() + " must be a string");
            out.put(f.getKey(), f.getValue().asText());
        }
        return out;
    }

    /** An array of objects, each read by the same rules. */
    List<Detail> objects(String field) {
        JsonNode v = present(field);
        if (v == null) throw lacks(field);
        if (!v.isArray()) throw new IllegalArgumentException(type + " " + field + " must be an array: " + v);
        List<Detail> out = new ArrayList<>();
        for (JsonNode item : v) {
            if (!item.isObject()) throw new IllegalArgumentException(type + " " + field + " holds a non-object: " + item);
            out.add(new Detail(type + " " + field, item));
        }
        return out;
    }

    private JsonNode present(String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v;
    }

    private long whole(String field, JsonNode v) {
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw new IllegalArgumentException(type + " " + field + " must be a whole number: " + node);
        }
        return v.asLong();
    }

    private IllegalArgumentException lacks(String field) {
        return new IllegalArgumentException(type + " detail lacks " + field);
    }

    // ------------------------------------------------------------------ value rules, shared by the records' constructors

    static String id(String type, String field, String value) {
        if (value == null || value.isBlank()) throw new IllegalArgumentException(type + " detail lacks " + field);
        return value;
    }

    static <T> T required(String type, String field, T value) {
        if (value == null) throw new IllegalArgumentException(type + " detail lacks " + field);
        return value;
    }

    static int atLeast(String type, String field, int min, int value) {
        if (value < min) throw new IllegalArgumentException(type + " " + field + " must be at least " + min + ", got " + value);
        return value;
    }

    static Instant instant(String type, String field, String s) {
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(type + " " + field + " is not an ISO-8601 instant: " + s);
        }
    }
}
