package dev.pyquest.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A compiled payload template ({@code Parameters}, {@code ResultSelector}): nested objects/arrays whose keys
 * ending in {@code .$} take a reference path, a context path ({@code $$...}) or a supported intrinsic function.
 */
sealed interface PayloadTemplate {

    /** Evaluates against {@code input} ({@code $} paths) and {@code context} ({@code $$} paths). */
    JsonNode eval(JsonNode input, JsonNode context) throws StateError;

    record Literal(JsonNode value) implements PayloadTemplate {
        @Override
        public JsonNode eval(JsonNode input, JsonNode context) {
            return value.deepCopy();
        }
    }

    record Obj(Map<String, PayloadTemplate> fields) implements PayloadTemplate {
        @Override
        public JsonNode eval(JsonNode input, JsonNode context) throws StateError {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            for (Map.Entry<String, PayloadTemplate> e : fields.entrySet()) {
                out.set(e.getKey(), e.getValue().eval(input, context));
            }
            return out;
        }
    }

    record Arr(List<PayloadTemplate> items) implements PayloadTemplate {
        @Override
        public JsonNode eval(JsonNode input, JsonNode context) throws StateError {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            for (PayloadTemplate t : items) {
                out.add(t.eval(input, context));
            }
            return out;
        }
    }

    record PathRef(String field, ReferencePath path) implements PayloadTemplate {
        @Override
        public JsonNode eval(JsonNode input, JsonNode context) throws StateError {
            JsonNode root = path.isContext() ? context : input;
            return path.resolve(root).<JsonNode>map(n -> n.deepCopy()).orElseThrow(() -> StateError.runtime(
                    "The JSONPath '" + path.text() + "' specified for the field '" + field
                            + "' could not be found in the input '" + Json.compact(root) + "'"));
        }
    }

    record Call(String field, Intrinsic call) implements PayloadTemplate {
        @Override
        public JsonNode eval(JsonNode input, JsonNode context) throws StateError {
            return call.eval(input, context, field);
        }
    }

    /**
     * Compiles {@code node} (which must be a JSON object) for a state's field.
     *
     * @throws IllegalArgumentException naming the state and the field
     */
    static PayloadTemplate compile(String state, String fieldName, JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("state '" + state + "': field '" + fieldName + "' must be a JSON object");
        }
        return compileNode(state, fieldName, node);
    }

    private static PayloadTemplate compileNode(String state, String where, JsonNode node) {
        if (node.isObject()) {
            Map<String, PayloadTemplate> fields = new LinkedHashMap<>();
            Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                String key = e.getKey();
                String fieldPath = where + "." + key;
                PayloadTemplate t;
                String outKey;
                if (key.endsWith(".$")) {
                    outKey = key.substring(0, key.length() - 2);
                    t = compileDynamic(state, fieldPath, e.getValue());
                } else {
                    outKey = key;
                    t = compileNode(state, fieldPath, e.getValue());
                }
                if (outKey.isEmpty() || fields.put(outKey, t) != null) {
                    throw new IllegalArgumentException("state '" + state + "': field '" + fieldPath
                            + "' produces " + (outKey.isEmpty() ? "an empty key" : "the key '" + outKey + "' twice"));
                }
            }
            return new Obj(fields);
        }
        if (node.isArray()) {
            List<PayloadTemplate> items = new ArrayList<>();
            for (int i = 0; i < node.size(); i++) {
                items.add(compileNode(state, where + "[" + i + "]", node.get(i)));
            }
            return new Arr(items);
        }
        return new Literal(node.deepCopy());
    }

    private static PayloadTemplate compileDynamic(String state, String fieldPath, JsonNode value) {
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("state '" + state + "': field '" + fieldPath
                    + "' must be a string holding a path or an intrinsic function");
        }
        String text = value.asText().trim();
        try {
            if (text.startsWith("$")) {
                return new PathRef(fieldPath, ReferencePath.parse(text));
            }
            if (text.startsWith("States.")) {
                return new Call(fieldPath, Intrinsic.parse(text));
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("state '" + state + "': field '" + fieldPath + "': " + e.getMessage(), e);
        }
        throw new IllegalArgumentException("state '" + state + "': field '" + fieldPath
                + "' must be a path ($..., $$...) or an intrinsic function, got '" + text + "'");
    }
}
