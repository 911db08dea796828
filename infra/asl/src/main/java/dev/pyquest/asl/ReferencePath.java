package dev.pyquest.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * An ASL reference path: {@code $}, {@code $.a.b}, {@code $.a[0]}, {@code $['x']}, {@code $["x"]}, or the same
 * rooted at the context object ({@code $$...}). Wildcards, filters, slices, unions and recursive descent are
 * refused.
 */
final class ReferencePath {
    sealed interface Segment permits Field, Index {}

    record Field(String name) implements Segment {}

    record Index(int index) implements Segment {}

    static final ReferencePath ROOT = new ReferencePath("$", false, List.of());

    private static final Set<String> CONTEXT_EXECUTION = Set.of("Id", "Input", "Name", "StartTime");
    private static final Set<String> CONTEXT_STATE = Set.of("EnteredTime", "Name", "RetryCount");
    private static final Set<String> CONTEXT_STATE_MACHINE = Set.of("Id", "Name");

    private final String text;
    private final boolean context;
    private final List<Segment> segments;

    private ReferencePath(String text, boolean context, List<Segment> segments) {
        this.text = text;
        this.context = context;
        this.segments = segments;
    }

    /** Parses a path; the exception message does not name the state (callers add it). */
    static ReferencePath parse(String text) {
        if (text == null || !text.startsWith("$")) {
            throw new IllegalArgumentException("path '" + text + "' must start with '$'");
        }
        boolean context = text.startsWith("$$");
        int i = context ? 2 : 1;
        int n = text.length();
        List<Segment> segments = new ArrayList<>();
        while (i < n) {
            char c = text.charAt(i);
            if (c == '.') {
                int start = ++i;
                while (i < n && text.charAt(i) != '.' && text.charAt(i) != '[') {
                    i++;
                }
                String name = text.substring(start, i);
                if (name.isEmpty()) {
                    throw unsupported(text, "empty field name or recursive descent '..'");
                }
                for (char ch : name.toCharArray()) {
                    if ("*?@()]'\",".indexOf(ch) >= 0 || Character.isWhitespace(ch)) {
                        throw unsupported(text, "character '" + ch + "' in field name '" + name + "'");
                    }
                }
                segments.add(new Field(name));
            } else if (c == '[') {
                i++;
                if (i < n && (text.charAt(i) == '\'' || text.charAt(i) == '"')) {
                    char quote = text.charAt(i);
                    int end = text.indexOf(quote, i + 1);
                    if (end < 0 || end + 1 >= n || text.charAt(end + 1) != ']') {
                        throw unsupported(text, "unterminated bracket name");
                    }
                    String name = text.substring(i + 1, end);
                    if (name.isEmpty() || name.indexOf('\\') >= 0) {
                        throw unsupported(text, "bracket name '" + name + "'");
                    }
                    segments.add(new Field(name));
                    i = end + 2;
                } else {
                    int end = text.indexOf(']', i);
                    String idx = end < 0 ? "" : text.substring(i, end);
                    if (idx.isEmpty() || !idx.chars().allMatch(Character::isDigit) || idx.length() > 9) {
                        throw unsupported(text, "'[" + (end < 0 ? text.substring(i) : idx + "]")
                                + "' (only [<non-negative index>], ['name'] and [\"name\"] are supported)");
                    }
                    segments.add(new Index(Integer.parseInt(idx)));
                    i = end + 1;
                }
            } else {
                throw unsupported(text, "unexpected '" + c + "' at offset " + i);
            }
        }
        ReferencePath path = new ReferencePath(text, context, List.copyOf(segments));
        if (context) {
            path.checkContextPath();
        }
        return path;
    }

    private static IllegalArgumentException unsupported(String text, String what) {
        return new IllegalArgumentException("unsupported path '" + text + "': " + what);
    }

    private void checkContextPath() {
        if (segments.isEmpty()) {
            return;
        }
        String root = segments.get(0) instanceof Field f ? f.name() : null;
        Set<String> allowed = root == null ? null : switch (root) {
            case "Execution" -> CONTEXT_EXECUTION;
            case "State" -> CONTEXT_STATE;
            case "StateMachine" -> CONTEXT_STATE_MACHINE;
            default -> null;
        };
        if (allowed == null) {
            throw new IllegalArgumentException("unsupported context object path '" + text
                    + "' (supported: $$.Execution.{Id,Input,Name,StartTime}, $$.State.{EnteredTime,Name,RetryCount},"
                    + " $$.StateMachine.{Id,Name})");
        }
        if (segments.size() >= 2) {
            String second = segments.get(1) instanceof Field f ? f.name() : null;
            boolean deeperOk = "Execution".equals(root) && "Input".equals(second);
            if (second == null || !allowed.contains(second) || (segments.size() > 2 && !deeperOk)) {
                throw new IllegalArgumentException("unsupported context object path '" + text
                        + "' (supported: $$.Execution.{Id,Input,Name,StartTime}, $$.State.{EnteredTime,Name,RetryCount},"
                        + " $$.StateMachine.{Id,Name})");
            }
        }
    }

    String text() {
        return text;
    }

    boolean isContext() {
        return context;
    }

    boolean isRoot() {
        return segments.isEmpty();
    }

    boolean hasIndex() {
        return segments.stream().anyMatch(s -> s instanceof Index);
    }

    /** Resolves against {@code root} (the input, or the context object for $$ paths). */
    Optional<JsonNode> resolve(JsonNode root) {
        JsonNode cur = root;
        for (Segment s : segments) {
            if (cur == null) {
                return Optional.empty();
            }
            if (s instanceof Field f) {
                cur = cur.isObject() ? cur.get(f.name()) : null;
            } else {
                int idx = ((Index) s).index();
                cur = cur.isArray() && idx < cur.size() ? cur.get(idx) : null;
            }
        }
        return Optional.ofNullable(cur);
    }

    /**
     * Returns a copy of {@code target} with {@code value} placed at this path, creating intermediate objects.
     * Only field segments (checked at parse time for ResultPath).
     */
    JsonNode put(JsonNode target, JsonNode value) throws StateError {
        if (segments.isEmpty()) {
            return value;
        }
        if (!target.isObject()) {
            throw StateError.of(StateError.RESULT_PATH_MATCH_FAILURE, "Unable to apply ResultPath '" + text
                    + "' to input " + Json.compact(target) + ": the input is not a JSON object");
        }
        ObjectNode root = ((ObjectNode) target).deepCopy();
        ObjectNode cur = root;
        for (int i = 0; i < segments.size() - 1; i++) {
            String name = ((Field) segments.get(i)).name();
            JsonNode next = cur.get(name);
            if (next == null) {
                cur = cur.putObject(name);
            } else if (next.isObject()) {
                cur = (ObjectNode) next;
            } else {
                throw StateError.of(StateError.RESULT_PATH_MATCH_FAILURE, "Unable to apply ResultPath '" + text
                        + "': field '" + name + "' exists and is not a JSON object");
            }
        }
        cur.set(((Field) segments.get(segments.size() - 1)).name(), value);
        return root;
    }

    @Override
    public String toString() {
        return text;
    }
}
