package dev.pyquest.domain.judge;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pyquest.domain.content.Checker;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Compares plain JSON values. Types matter: integers equal integers of the same value whatever
 * their width, floats equal floats, and an integer never equals a float, a string or a boolean.
 */
public final class JsonEquality {
    private static final double TOLERANCE = 1e-9;

    private JsonEquality() {}

    public static boolean matches(Checker checker, JsonNode expected, JsonNode actual) {
        return switch (checker) {
            case EXACT -> equal(expected, actual, false);
            case FLOAT -> equal(expected, actual, true);
            case UNORDERED -> expected.isArray() && actual != null && actual.isArray() && sameMultiset(expected, actual);
        };
    }

    private static boolean sameMultiset(JsonNode expected, JsonNode actual) {
        if (expected.size() != actual.size()) return false;
        List<JsonNode> left = new ArrayList<>();
        actual.forEach(left::add);
        for (JsonNode e : expected) {
            Iterator<JsonNode> it = left.iterator();
            boolean found = false;
            while (it.hasNext()) {
                if (equal(e, it.next(), false)) {
                    it.remove();
                    found = true;
                    break;
                }
            }
            if (!found) return false;
        }
        return true;
    }

    private static boolean close(double x, double y) {
        return Math.abs(x - y) <= TOLERANCE * Math.max(1.0, Math.max(Math.abs(x), Math.abs(y)));
    }

    static boolean equal(JsonNode a, JsonNode b, boolean tolerant) {
        if (a == null || b == null) return false;
        if (a.isIntegralNumber() && b.isIntegralNumber()) return a.bigIntegerValue().equals(b.bigIntegerValue());
        if (a.isFloatingPointNumber() && b.isFloatingPointNumber()) {
            return tolerant ? close(a.doubleValue(), b.doubleValue()) : a.doubleValue() == b.doubleValue();
        }
        if (tolerant && a.isNumber() && b.isNumber()) return close(a.doubleValue(), b.doubleValue());
        if (a.getNodeType() != b.getNodeType()) return false;
        switch (a.getNodeType()) {
            case STRING: return a.textValue().equals(b.textValue());
            case BOOLEAN: return a.booleanValue() == b.booleanValue();
            case NULL: return true;
            case ARRAY:
                if (a.size() != b.size()) return false;
                for (int i = 0; i < a.size(); i++) if (!equal(a.get(i), b.get(i), tolerant)) return false;
                return true;
            case OBJECT:
                if (a.size() != b.size()) return false;
                for (Iterator<Map.Entry<String, JsonNode>> it = a.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    if (!equal(e.getValue(), b.get(e.getKey()), tolerant)) return false;
                }
                return true;
            default:
                return false;
        }
    }
}
