package dev.pyquest.api;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Iterator;
import java.util.Map;

/** Renders JSON test data the way a Python learner reads it: None, True, 'text', [1, 2], {'k': 1}. */
final class PythonLiteral {
    private PythonLiteral() {}

    static String of(JsonNode n) {
        StringBuilder sb = new StringBuilder();
        write(n, sb);
        return sb.toString();
    }

    static String call(String function, JsonNode args) {
        StringBuilder sb = new StringBuilder(function).append('(');
        for (int i = 0; i < args.size(); i++) {
            if (i > 0) sb.append(", ");
            write(args.get(i), sb);
        }
        return sb.append(')').toString();
    }

    private static void write(JsonNode n, StringBuilder sb) {
        switch (n.getNodeType()) {
            case NULL, MISSING -> sb.append("None");
            case BOOLEAN -> sb.append(n.booleanValue() ? "True" : "False");
            case NUMBER -> sb.append(n.isFloatingPointNumber() && n.doubleValue() == Math.rint(n.doubleValue())
                    && Math.abs(n.doubleValue()) < 1e16 ? String.format("%.1f", n.doubleValue()) : n.asText());
            case STRING -> string(n.textValue(), sb);
            case ARRAY -> {
                sb.append('[');
                for (int i = 0; i < n.size(); i++) {
                    if (i > 0) sb.append(", ");
                    write(n.get(i), sb);
                }
                sb.append(']');
            }
            case OBJECT -> {
                sb.append('{');
                Iterator<Map.Entry<String, JsonNode>> it = n.fields();
                while (it.hasNext()) {
                    Map.Entry<String, JsonNode> e = it.next();
                    string(e.getKey(), sb);
                    sb.append(": ");
                    write(e.getValue(), sb);
                    if (it.hasNext()) sb.append(", ");
                }
                sb.append('}');
            }
            default -> sb.append(n.toString());
        }
    }

    /** Python's repr quoting: single quotes unless the text has one and no double quote. */
    private static void string(String s, StringBuilder sb) {
        char q = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
        sb.append(q);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                case '\r' -> sb.append("\\r");
                default -> {
                    if (c == q) sb.append('\\').append(c);
                    else if (c < 0x20 || c == 0x7f) sb.append(String.format("\\x%02x", (int) c));
                    else sb.append(c);
                }
            }
        }
        sb.append(q);
    }
}
