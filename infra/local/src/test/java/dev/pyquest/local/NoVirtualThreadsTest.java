package dev.pyquest.local;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Main code starts no virtual threads (issue 11). Ours block in native code: process pipes, DynamoDB
 * Local's SQLite through JNI. A virtual thread blocked there pins its carrier, and with every carrier
 * pinned the whole stack stopped answering. Platform threads (or one poller) do that work instead.
 */
class NoVirtualThreadsTest {
    private static final Pattern VIRTUAL = Pattern.compile(
            "ofVirtual\\s*\\(|newVirtualThreadPerTaskExecutor|startVirtualThread|virtualThreadScheduler");

    @Test
    void noMainSourceOfAnyModuleStartsAVirtualThread() throws IOException {
        Path root = LocalStack.findRoot();
        List<Path> sources;
        try (Stream<Path> all = Stream.concat(Files.walk(root.resolve("functions")), Files.walk(root.resolve("infra")))) {
            sources = all.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> p.toString().contains("/src/main/java/")).toList();
        }
        assertTrue(sources.size() > 50, "found only " + sources.size() + " main sources under " + root);
        List<String> offenders = sources.stream().filter(p -> {
            try {
                return VIRTUAL.matcher(Files.readString(p)).find();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).map(p -> root.relativize(p).toString()).toList();
        assertEquals(List.of(), offenders);
    }
}
