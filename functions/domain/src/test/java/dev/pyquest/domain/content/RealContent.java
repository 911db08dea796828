package dev.pyquest.domain.content;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the repository's {@code content/} folder from the module's working directory. */
public final class RealContent {
    private RealContent() {}

    public static Path root() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("content/skills.yaml")) && Files.isDirectory(p.resolve("content/exercises"))) {
                return p.resolve("content");
            }
        }
        throw new IllegalStateException("no content/ folder above " + Path.of("").toAbsolutePath());
    }
}
