package dev.pyquest.asl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Substitutes placeholders, parses and validates a definition. Every refusal is an IllegalArgumentException. */
final class DefinitionParser {

    record Parsed(String comment, String startAt, Integer timeoutSeconds, Map<String, StateDef> states) {}

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]*)}");
    private static final Pattern PLACEHOLDER_NAME = Pattern.compile("[A-Za-z0-9_.:-]+");

    private static final Set<String> TOP_LEVEL = Set.of("Comment", "StartAt", "States", "TimeoutSeconds", "Version");
    private static final Set<String> IO = Set.of("Type", "Comment", "InputPath", "OutputPath");
    private static final Set<String> TASK = union(IO, "Next", "End", "Parameters", "ResultSelector", "ResultPath",
            "Resource", "TimeoutSeconds", "Retry", "Catch");
    private static final Set<String> PASS = union(IO, "Next", "End", "Parameters", "ResultPath", "Result");
    private static final Set<String> CHOICE = union(IO, "Choices", "Default");
    private static final Set<String> WAIT = union(IO, "Next", "End", "Seconds", "SecondsPath");
    private static final Set<String> SUCCEED = IO;
    private static final Set<String> FAIL = Set.of("Type", "Comment", "Error", "Cause");
    private static final Set<String> RETRIER = Set.of("ErrorEquals", "IntervalSeconds", "MaxAttempts", "BackoffRate",
            "MaxDelaySeconds");
    private static final Set<String> CATCHER = Set.of("ErrorEquals", "ResultPath", "Next");

    /** Predefined error names that may appear in ErrorEquals. */
    private static final Set<String> KNOWN_STATES_ERRORS = Set.of("States.ALL", "States.TaskFailed", "States.Timeout",
            "States.HeartbeatTimeout", "States.Permissions", "States.ResultPathMatchFailure",
            "States.ParameterPathFailure", "States.BranchFailed", "States.NoChoiceMatched", "States.IntrinsicFailure",
            "States.ExceedToleratedFailureThreshold", "States.ItemReaderFailed", "States.ResultWriterFailed",
            "States.QueryEvaluationError", "States.Http.Socket");

    private DefinitionParser() {}

    private static Set<String> union(Set<String> base, String... more) {
        Set<String> s = new HashSet<>(base);
        s.addAll(List.of(more));
        return Set.copyOf(s);
    }

    static String substitute(String definition, Map<String, String> substitutions) {
        if (definition == null) {
            throw new IllegalArgumentException("definition is null");
        }
        Map<String, String> subs = substitutions == null ? Map.of() : substitutions;
        Matcher m = PLACEHOLDER.matcher(definition);
        StringBuilder out = new StringBuilder();
        Set<String> unknown = new TreeSet<>();
        while (m.find()) {
            String name = m.group(1);
            if (!PLACEHOLDER_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("malformed placeholder '" + m.group() + "'");
            }
            String value = subs.get(name);
            if (value == null) {
                unknown.add("${" + name + "}");
                m.appendReplacement(out, "");
            } else {
                m.appendReplacement(out, Matcher.quoteReplacement(jsonEscape(value)));
            }
        }
        int tail = out.length();
        m.appendTail(out);
        if (out.indexOf("${", tail) >= 0) {
            throw new IllegalArgumentException("malformed placeholder: '${' without a closing '}'");
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown placeholder" + (unknown.size() > 1 ? "s " : " ")
                    + String.join(", ", unknown) + " (no substitution given)");
        }
        return out.toString();
    }

    /** Escapes a substitution value so that it can sit inside a JSON string literal. */
    private static String jsonEscape(String value) {
        StringBuilder sb = new StringBuilder();
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }

    static Parsed parse(String definition, Map<String, String> substitutions) {
        String text = substitute(definition, substitutions);
        JsonNode root;
        try {
            root = Json.read(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("definition is not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("definition must be a JSON object");
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!TOP_LEVEL.contains(f)) {
                throw new IllegalArgumentException("unsupported top-level field '" + f + "'");
            }
        }
        String comment = optString(root, "Comment", "top level");
        JsonNode version = root.get("Version");
        if (version != null && !(version.isTextual() && version.asText().equals("1.0"))) {
            throw new IllegalArgumentException("top-level field 'Version' must be \"1.0\"");
        }
        Integer timeout = optInt(root, "TimeoutSeconds", "top level", 1);
        JsonNode startAt = root.get("StartAt");
        if (startAt == null || !startAt.isTextual()) {
            throw new IllegalArgumentException("top-level field 'StartAt' is required and must be a string");
        }
        JsonNode statesNode = root.get("States");
        if (statesNode == null || !statesNode.isObject() || statesNode.isEmpty()) {
            throw new IllegalArgumentException("top-level field 'States' is required and must be a non-empty object");
        }
        Map<String, StateDef> states = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = statesNode.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            states.put(e.getKey(), parseState(e.getKey(), e.getValue()));
        }
        if (!states.containsKey(startAt.asText())) {
            throw new IllegalArgumentException("top-level field 'StartAt' names unknown state '" + startAt.asText() + "'");
        }
        checkTransitions(states);
        checkReachability(startAt.asText(), states);
        return new Parsed(comment, startAt.asText(), timeout, Map.copyOf(states));
    }

    private static StateDef parseState(String name, JsonNode node) {
        if (name.isEmpty()) {
            throw new IllegalArgumentException("state names must not be empty");
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException("state '" + name + "': must be a JSON object");
        }
        JsonNode typeNode = node.get("Type");
        if (typeNode == null || !typeNode.isTextual()) {
            throw new IllegalArgumentException("state '" + name + "': field 'Type' is required and must be a string");
        }
        String type = typeNode.asText();
        Set<String> allowed = switch (type) {
            case "Task" -> TASK;
            case "Pass" -> PASS;
            case "Choice" -> CHOICE;
            case "Wait" -> WAIT;
            case "Succeed" -> SUCCEED;
            case "Fail" -> FAIL;
            case "Map", "Parallel" -> throw new IllegalArgumentException("state '" + name + "': unsupported state type '"
                    + type + "' (Map and Parallel states are not supported by the local ASL interpreter)");
            default -> throw new IllegalArgumentException("state '" + name + "': unsupported state type '" + type + "'");
        };
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!allowed.contains(f)) {
                throw new IllegalArgumentException("state '" + name + "': unsupported field '" + f + "'");
            }
        }
        optString(node, "Comment", name);
        return switch (type) {
            case "Task" -> parseTask(name, node);
            case "Pass" -> new StateDef.Pass(name, ioPath(name, node, "InputPath"), ioPath(name, node, "OutputPath"),
                    node.has("Parameters") ? PayloadTemplate.compile(name, "Parameters", node.get("Parameters")) : null,
                    node.has("Result") ? node.get("Result").deepCopy() : null, resultPath(name, node, "ResultPath"),
                    next(name, node), end(name, node));
            case "Choice" -> parseChoice(name, node);
            case "Wait" -> parseWait(name, node);
            case "Succeed" -> new StateDef.Succeed(name, ioPath(name, node, "InputPath"), ioPath(name, node, "OutputPath"));
            case "Fail" -> new StateDef.Fail(name, optString(node, "Error", name), optString(node, "Cause", name));
            default -> throw new IllegalStateException(type);
        };
    }

    private static StateDef parseTask(String name, JsonNode node) {
        JsonNode resource = node.get("Resource");
        if (resource == null || !resource.isTextual() || resource.asText().isBlank()) {
            throw new IllegalArgumentException("state '" + name + "': field 'Resource' is required and must be a non-empty string");
        }
        List<StateDef.Retrier> retriers = new ArrayList<>();
        JsonNode retry = node.get("Retry");
        if (retry != null) {
            if (!retry.isArray()) {
                throw new IllegalArgumentException("state '" + name + "': field 'Retry' must be an array");
            }
            for (int i = 0; i < retry.size(); i++) {
                retriers.add(parseRetrier(name, "Retry[" + i + "]", retry.get(i), i == retry.size() - 1));
            }
        }
        List<StateDef.Catcher> catchers = new ArrayList<>();
        JsonNode cat = node.get("Catch");
        if (cat != null) {
            if (!cat.isArray()) {
                throw new IllegalArgumentException("state '" + name + "': field 'Catch' must be an array");
            }
            for (int i = 0; i < cat.size(); i++) {
                catchers.add(parseCatcher(name, "Catch[" + i + "]", cat.get(i), i == cat.size() - 1));
            }
        }
        return new StateDef.Task(name, resource.asText(), ioPath(name, node, "InputPath"), ioPath(name, node, "OutputPath"),
                node.has("Parameters") ? PayloadTemplate.compile(name, "Parameters", node.get("Parameters")) : null,
                node.has("ResultSelector") ? PayloadTemplate.compile(name, "ResultSelector", node.get("ResultSelector")) : null,
                resultPath(name, node, "ResultPath"), optInt(node, "TimeoutSeconds", name, 1),
                List.copyOf(retriers), List.copyOf(catchers), next(name, node), end(name, node));
    }

    /** A retrier or catcher: a JSON object with only the fields the subset supports. */
    private static void requireFields(String state, String where, JsonNode node, java.util.Set<String> allowed) {
        if (!node.isObject()) {
            throw new IllegalArgumentException("state '" + state + "': " + where + " must be a JSON object");
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!allowed.contains(f)) {
                throw new IllegalArgumentException("state '" + state + "': unsupported field '" + f + "' in " + where);
            }
        }
    }

    private static StateDef.Retrier parseRetrier(String state, String where, JsonNode node, boolean last) {
        requireFields(state, where, node, RETRIER);
        List<String> errors = errorEquals(state, where, node, last);
        String prefix = "state '" + state + "': " + where + " ";
        Integer interval = optInt(node, "IntervalSeconds", prefix, 1);
        Integer max = optInt(node, "MaxAttempts", prefix, 0);
        Integer maxDelay = optInt(node, "MaxDelaySeconds", prefix, 1);
        double backoff = 2.0;
        JsonNode b = node.get("BackoffRate");
        if (b != null) {
            if (!b.isNumber() || b.doubleValue() < 1.0) {
                throw new IllegalArgumentException("state '" + state + "': " + where
                        + ".BackoffRate must be a number >= 1.0");
            }
            backoff = b.doubleValue();
        }
        return new StateDef.Retrier(errors, interval == null ? 1 : interval, max == null ? 3 : max, backoff, maxDelay);
    }

    private static StateDef.Catcher parseCatcher(String state, String where, JsonNode node, boolean last) {
        requireFields(state, where, node, CATCHER);
        List<String> errors = errorEquals(state, where, node, last);
        JsonNode next = node.get("Next");
        if (next == null || !next.isTextual()) {
            throw new IllegalArgumentException("state '" + state + "': " + where + ".Next is required and must be a string");
        }
        return new StateDef.Catcher(errors, resultPath(state, node, "ResultPath", where + ".ResultPath"), next.asText());
    }

    private static List<String> errorEquals(String state, String where, JsonNode node, boolean last) {
        JsonNode ee = node.get("ErrorEquals");
        if (ee == null || !ee.isArray() || ee.isEmpty()) {
            throw new IllegalArgumentException("state '" + state + "': " + where
                    + ".ErrorEquals is required and must be a non-empty array of strings");
        }
        List<String> errors = new ArrayList<>();
        for (JsonNode e : ee) {
            if (!e.isTextual() || e.asText().isEmpty()) {
                throw new IllegalArgumentException("state '" + state + "': " + where
                        + ".ErrorEquals must contain non-empty strings");
            }
            String err = e.asText();
            if (err.equals("States.Runtime") || err.equals("States.DataLimitExceeded")) {
                throw new IllegalArgumentException("state '" + state + "': " + where + ".ErrorEquals names '" + err
                        + "', which can never be retried or caught");
            }
            if (err.startsWith("States.") && !KNOWN_STATES_ERRORS.contains(err)) {
                throw new IllegalArgumentException("state '" + state + "': " + where
                        + ".ErrorEquals names unknown predefined error '" + err + "'");
            }
            errors.add(err);
        }
        if (errors.contains(StateError.ALL) && (errors.size() != 1 || !last)) {
            throw new IllegalArgumentException("state '" + state + "': " + where
                    + ": 'States.ALL' must appear alone in ErrorEquals and only in the last " + where.replaceAll("\\[.*", "")
                    + " entry");
        }
        return List.copyOf(errors);
    }

    private static StateDef parseChoice(String name, JsonNode node) {
        JsonNode choices = node.get("Choices");
        if (choices == null || !choices.isArray() || choices.isEmpty()) {
            throw new IllegalArgumentException("state '" + name + "': field 'Choices' is required and must be a non-empty array");
        }
        List<StateDef.ChoiceRule> rules = new ArrayList<>();
        for (int i = 0; i < choices.size(); i++) {
            String where = "Choices[" + i + "]";
            JsonNode rule = choices.get(i);
            Condition c = Condition.compile(name, where, rule, true);
            JsonNode next = rule.get("Next");
            if (next == null || !next.isTextual()) {
                throw new IllegalArgumentException("state '" + name + "': " + where + ".Next is required and must be a string");
            }
            rules.add(new StateDef.ChoiceRule(c, next.asText()));
        }
        return new StateDef.Choice(name, ioPath(name, node, "InputPath"), ioPath(name, node, "OutputPath"),
                List.copyOf(rules), optString(node, "Default", name));
    }

    private static StateDef parseWait(String name, JsonNode node) {
        boolean hasSeconds = node.has("Seconds");
        boolean hasPath = node.has("SecondsPath");
        if (hasSeconds == hasPath) {
            throw new IllegalArgumentException("state '" + name + "': a Wait state needs exactly one of 'Seconds' or "
                    + "'SecondsPath' (Timestamp and TimestampPath are not supported)");
        }
        ReferencePath secondsPath = null;
        if (hasPath) {
            JsonNode p = node.get("SecondsPath");
            if (!p.isTextual()) {
                throw new IllegalArgumentException("state '" + name + "': field 'SecondsPath' must be a string");
            }
            secondsPath = inputOnlyPath(name, "SecondsPath", p.asText());
        }
        return new StateDef.Wait(name, ioPath(name, node, "InputPath"), ioPath(name, node, "OutputPath"),
                optInt(node, "Seconds", name, 0), secondsPath, next(name, node), end(name, node));
    }

    private static String next(String name, JsonNode node) {
        JsonNode next = node.get("Next");
        JsonNode end = node.get("End");
        boolean isEnd = end != null && end.isBoolean() && end.asBoolean();
        if (end != null && !end.isBoolean()) {
            throw new IllegalArgumentException("state '" + name + "': field 'End' must be a boolean");
        }
        if (end != null && !end.asBoolean()) {
            throw new IllegalArgumentException("state '" + name + "': field 'End' must be true when present");
        }
        if (next != null && !next.isTextual()) {
            throw new IllegalArgumentException("state '" + name + "': field 'Next' must be a string");
        }
        if ((next == null) == !isEnd) {
            throw new IllegalArgumentException("state '" + name + "': exactly one of 'Next' or 'End' is required");
        }
        return next == null ? null : next.asText();
    }

    private static boolean end(String name, JsonNode node) {
        return node.has("End");
    }

    private static ReferencePath ioPath(String name, JsonNode node, String field) {
        return ioPath(name, node, field, field);
    }

    /** Absent: {@code $}; null: discard; otherwise a reference path without the context object. */
    private static ReferencePath ioPath(String name, JsonNode node, String field, String label) {
        JsonNode p = node.get(field);
        if (p == null) {
            return ReferencePath.ROOT;
        }
        if (p.isNull()) {
            return null;
        }
        if (!p.isTextual()) {
            throw new IllegalArgumentException("state '" + name + "': field '" + label + "' must be a string or null");
        }
        return inputOnlyPath(name, label, p.asText());
    }

    private static ReferencePath inputOnlyPath(String name, String field, String text) {
        ReferencePath path;
        try {
            path = ReferencePath.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("state '" + name + "': field '" + field + "': " + e.getMessage(), e);
        }
        if (path.isContext()) {
            throw new IllegalArgumentException("state '" + name + "': field '" + field
                    + "' must not use the context object ('" + text + "')");
        }
        return path;
    }

    private static ReferencePath resultPath(String name, JsonNode node, String field) {
        return resultPath(name, node, field, field);
    }

    private static ReferencePath resultPath(String name, JsonNode node, String field, String label) {
        ReferencePath path = ioPath(name, node, field, label);
        if (path != null && path.hasIndex()) {
            throw new IllegalArgumentException("state '" + name + "': field '" + label
                    + "' with an array index is not supported ('" + node.get(field).asText() + "')");
        }
        return path;
    }

    private static String optString(JsonNode node, String field, String where) {
        JsonNode v = node.get(field);
        if (v == null) {
            return null;
        }
        if (!v.isTextual()) {
            throw new IllegalArgumentException(label(where) + "field '" + field + "' must be a string");
        }
        return v.asText();
    }

    private static Integer optInt(JsonNode node, String field, String where, int min) {
        JsonNode v = node.get(field);
        if (v == null) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt() || v.intValue() < min || v.intValue() > 99_999_999) {
            throw new IllegalArgumentException(label(where) + "field '" + field + "' must be an integer between "
                    + min + " and 99999999");
        }
        return v.intValue();
    }

    private static String label(String where) {
        if (where.equals("top level")) {
            return "top-level ";
        }
        return where.startsWith("state '") ? where : "state '" + where + "': ";
    }

    private static void checkTransitions(Map<String, StateDef> states) {
        for (StateDef s : states.values()) {
            for (Map.Entry<String, String> t : transitions(s).entrySet()) {
                if (!states.containsKey(t.getValue())) {
                    throw new IllegalArgumentException("state '" + s.name() + "': field '" + t.getKey()
                            + "' names unknown state '" + t.getValue() + "'");
                }
            }
        }
    }

    /** field label -> target state. */
    private static Map<String, String> transitions(StateDef s) {
        Map<String, String> t = new LinkedHashMap<>();
        if (s.next() != null) {
            t.put("Next", s.next());
        }
        if (s instanceof StateDef.Choice c) {
            for (int i = 0; i < c.choices().size(); i++) {
                t.put("Choices[" + i + "].Next", c.choices().get(i).next());
            }
            if (c.defaultNext() != null) {
                t.put("Default", c.defaultNext());
            }
        }
        if (s instanceof StateDef.Task task) {
            for (int i = 0; i < task.catchers().size(); i++) {
                t.put("Catch[" + i + "].Next", task.catchers().get(i).next());
            }
        }
        return t;
    }

    private static void checkReachability(String startAt, Map<String, StateDef> states) {
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(startAt));
        while (!todo.isEmpty()) {
            String n = todo.pop();
            if (seen.add(n)) {
                todo.addAll(transitions(states.get(n)).values());
            }
        }
        List<String> unreachable = states.keySet().stream().filter(n -> !seen.contains(n)).toList();
        if (!unreachable.isEmpty()) {
            throw new IllegalArgumentException("state '" + unreachable.get(0) + "': unreachable from StartAt '" + startAt
                    + "'" + (unreachable.size() > 1 ? " (also unreachable: " + unreachable.subList(1, unreachable.size()) + ")" : ""));
        }
    }
}
