package dev.pyquest.shared.testing;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.pyquest.domain.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The sample events of {@code events/} (the ones {@code sam local invoke} takes), for handler tests. */
public final class Samples {
    private Samples() {}

    public static Path root() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("template.yaml")) && Files.isDirectory(p.resolve("events"))) return p;
        }
        throw new IllegalStateException("cannot find the repository root (template.yaml) above " + Path.of("").toAbsolutePath());
    }

    public static Path path(String name) {
        return root().resolve("events").resolve(name);
    }

    /** {@code events/<name>} read by the Lambda runtime's own serializer into one of its event types. */
    public static <T> T lambdaEvent(String name, Class<T> type) {
        try (java.io.InputStream in = Files.newInputStream(path(name))) {
            return com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers
                    .serializerFor(type, Samples.class.getClassLoader()).fromJson(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code events/<name>} as Lambda hands a {@code Map} input to a handler. */
    public static Map<String, Object> event(String name) {
        try {
            return Json.MAPPER.readValue(Files.readString(path(name)), new TypeReference<>() {});
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
