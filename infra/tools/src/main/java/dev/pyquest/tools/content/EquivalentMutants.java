package dev.pyquest.tools.content;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pyquest.domain.Json;
import dev.pyquest.domain.content.ContentException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The optional {@code exercises/<slug>/equivalent-mutants.yaml}: mutants that behave exactly like the
 * reference solution, so no test can kill them, each with the reason. Read by the mutation report
 * only (the content loader ignores the file).
 * <pre>
 * - mutant: "L5:C21 Str-&gt;'XX'"
 *   why: "..."
 * </pre>
 */
public final class EquivalentMutants {
    public static final String FILE = "equivalent-mutants.yaml";

    public record Listed(String mutant, String why) {}

    private EquivalentMutants() {}

    /** The listed mutants of the exercise in {@code folder}; none when the file is absent. */
    public static List<Listed> read(Path folder) {
        Path file = folder.resolve(FILE);
        String where = "exercises/" + folder.getFileName() + "/" + FILE;
        if (!Files.exists(file)) return List.of();
        JsonNode root;
        try {
            root = Json.yaml().readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            throw new ContentException(where + ": not valid YAML: " + e.getMessage().lines().findFirst().orElse(""), e);
        }
        if (root == null || root.isNull() || root.isMissingNode()) return List.of();
        if (!root.isArray()) throw new ContentException(where + ": expected a list of {mutant, why}");
        List<Listed> out = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < root.size(); i++) {
            JsonNode e = root.get(i);
            String at = where + "[" + i + "]";
            if (!e.isObject()) {
                errors.add(at + ": expected a mapping with mutant and why");
                continue;
            }
            e.fieldNames().forEachRemaining(f -> {
                if (!f.equals("mutant") && !f.equals("why")) errors.add(at + ": unknown field '" + f + "'");
            });
            String mutant = text(e, "mutant");
            String why = text(e, "why");
            if (mutant == null) errors.add(at + ": mutant is missing or not a non-empty string (the id the report prints)");
            if (why == null) errors.add(at + ": why is missing or not a non-empty string (why no test can tell it apart)");
            if (mutant != null && !seen.add(mutant)) errors.add(at + ": mutant '" + mutant + "' is listed twice");
            if (mutant != null && why != null) out.add(new Listed(mutant, why));
        }
        if (!errors.isEmpty()) throw new ContentException(String.join("\n", errors));
        return List.copyOf(out);
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v != null && v.isTextual() && !v.asText().isBlank() ? v.asText() : null;
    }
}
