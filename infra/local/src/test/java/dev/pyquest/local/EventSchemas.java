package dev.pyquest.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.pyquest.domain.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/** The versioned contracts of our events' {@code detail}: {@code events/schemas/<DetailType>.v1.json}. */
final class EventSchemas {
    private static final Path DIR = LocalStack.findRoot().resolve("events/schemas");

    private EventSchemas() {}

    static Set<ValidationMessage> validate(String detailType, JsonNode detail) {
        Path file = DIR.resolve(detailType + ".v1.json");
        if (!Files.exists(file)) throw new AssertionError("no schema for " + detailType + " in events/schemas/");
        try {
            JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                    .getSchema(Json.MAPPER.readTree(file.toFile()), SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build());
            return schema.validate(detail);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void assertValid(String detailType, JsonNode detail) {
        Set<ValidationMessage> errors = validate(detailType, detail);
        if (!errors.isEmpty()) throw new AssertionError(detailType + " detail breaks its schema: " + errors + " in " + detail);
    }
}
