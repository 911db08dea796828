package dev.pyquest.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pyquest.domain.Json;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one place that reads {@code template.yaml}. The local stack takes its tables, functions,
 * routes, rules and state machines from here, so the template stays the single source of truth.
 * CloudFormation's short tags ({@code !Ref}, {@code !GetAtt}, {@code !Sub}, ...) are read into their
 * long JSON forms ({@code {"Ref": ...}}, {@code {"Fn::GetAtt": [..]}}).
 */
public final class Template {
    private final Path file;
    private final JsonNode root;

    private Template(Path file, JsonNode root) {
        this.file = file;
        this.root = root;
    }

    public static Template read(Path file) {
        try {
            Object tree = new Yaml(new CfnConstructor()).load(Files.readString(file));
            return new Template(file, Json.MAPPER.valueToTree(tree));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    public Path file() { return file; }
    public Path dir() { return file.toAbsolutePath().getParent(); }
    public JsonNode root() { return root; }

    public Map<String, JsonNode> resources(String type) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        root.path("Resources").fields().forEachRemaining(e -> {
            if (type.equals(e.getValue().path("Type").asText())) out.put(e.getKey(), e.getValue());
        });
        return out;
    }

    public Optional<JsonNode> resource(String logicalId) {
        JsonNode r = root.path("Resources").get(logicalId);
        return Optional.ofNullable(r);
    }

    /** Global function environment merged with the function's own, values still unresolved. */
    public Map<String, JsonNode> environment(JsonNode function) {
        Map<String, JsonNode> env = new LinkedHashMap<>();
        root.path("Globals").path("Function").path("Environment").path("Variables").fields()
                .forEachRemaining(e -> env.put(e.getKey(), e.getValue()));
        function.path("Properties").path("Environment").path("Variables").fields()
                .forEachRemaining(e -> env.put(e.getKey(), e.getValue()));
        return env;
    }

    /** A function's events of one type ("HttpApi", "EventBridgeRule", "DynamoDB"), by event name. */
    public static Map<String, JsonNode> events(JsonNode function, String type) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        function.path("Properties").path("Events").fields().forEachRemaining(e -> {
            if (type.equals(e.getValue().path("Type").asText())) out.put(e.getKey(), e.getValue().path("Properties"));
        });
        return out;
    }

    /** The logical id a {@code !Ref X} or {@code !GetAtt X.Attr} points at, if the value is one. */
    public static Optional<String> target(JsonNode value) {
        if (value == null) return Optional.empty();
        if (value.has("Ref")) return Optional.of(value.get("Ref").asText());
        if (value.has("Fn::GetAtt")) return Optional.of(value.get("Fn::GetAtt").get(0).asText());
        return Optional.empty();
    }

    /** The attribute of a {@code !GetAtt X.Attr}, or empty for a {@code !Ref}. */
    public static Optional<String> attribute(JsonNode value) {
        if (value != null && value.has("Fn::GetAtt")) return Optional.of(value.get("Fn::GetAtt").get(1).asText());
        return Optional.empty();
    }

    private static final class CfnConstructor extends SafeConstructor {
        CfnConstructor() {
            super(loaderOptions());
            for (String fn : List.of("Ref", "GetAtt", "Sub", "If", "Equals", "Select", "GetAZs", "Join", "Split",
                    "FindInMap", "Base64", "Cidr", "ImportValue", "Not", "And", "Or", "Condition", "Transform")) {
                String key = fn.equals("Ref") || fn.equals("Condition") ? fn : "Fn::" + fn;
                this.yamlConstructors.put(new Tag("!" + fn), new AbstractConstruct() {
                    @Override
                    public Object construct(Node node) {
                        Object value;
                        if (node instanceof ScalarNode s) {
                            String text = s.getValue();
                            value = fn.equals("GetAtt") ? List.of(text.substring(0, text.indexOf('.')),
                                    text.substring(text.indexOf('.') + 1)) : text;
                        } else if (node instanceof SequenceNode q) {
                            value = new ArrayList<>(constructSequence(q));
                        } else {
                            value = new LinkedHashMap<>(constructMapping((MappingNode) node));
                        }
                        return Map.of(key, value);
                    }
                });
            }
        }

        private static LoaderOptions loaderOptions() {
            LoaderOptions o = new LoaderOptions();
            o.setMaxAliasesForCollections(10);
            // SnakeYAML keeps the last of two equal keys by default; a template that says two things is refused.
            o.setAllowDuplicateKeys(false);
            return o;
        }
    }
}
