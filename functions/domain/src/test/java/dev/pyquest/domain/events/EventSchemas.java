package dev.pyquest.domain.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.pyquest.domain.Json;
import dev.pyquest.domain.content.RealContent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The versioned contracts of our events' {@code detail} ({@code events/schemas/<DetailType>.v1.json})
 * and the sample bus events beside them ({@code events/*.json}), found from the module's working
 * directory like {@code content/}.
 */
public final class EventSchemas {
    public static final Path EVENTS = RealContent.root().resolveSibling("events");
    /** Samples of other things than bus events (an HTTP request, a DynamoDB stream batch). */
    private static final Set<String> NOT_BUS_EVENTS = Set.of("submit-request.json", "outbox-insert.json");

    private EventSchemas() {}

    public static JsonNode schema(String detailType) {
        Path file = EVENTS.resolve("schemas").resolve(detailType + ".v1.json");
        if (!Files.exists(file)) throw new AssertionError("no schema for " + detailType + " in events/schemas/");
        return read(file);
    }

    public static Set<ValidationMessage> validate(String detailType, JsonNode detail) {
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(schema(detailType), SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build());
        return schema.validate(detail);
    }

    public static void assertValid(String detailType, JsonNode detail) {
        Set<ValidationMessage> errors = validate(detailType, detail);
        if (!errors.isEmpty()) throw new AssertionError(detailType + " detail breaks its schema: " + errors + " in " + detail);
    }

    /** The sample bus events of events/, by file name. */
    public static List<String> busEventSamples() {
        try (var files = Files.list(EVENTS)) {
            List<String> out = new ArrayList<>(files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".json") && !NOT_BUS_EVENTS.contains(n)).sorted().toList());
            if (out.isEmpty()) throw new AssertionError("no sample events in " + EVENTS);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode sample(String file) {
        return read(EVENTS.resolve(file));
    }

    private static JsonNode read(Path file) {
        try {
            return Json.MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
