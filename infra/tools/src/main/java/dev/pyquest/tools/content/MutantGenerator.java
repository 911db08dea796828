package dev.pyquest.tools.content;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pyquest.domain.Json;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Plants small bugs in a reference solution: runs {@code mutate.py} (a resource next to this
 * class; its docstring lists the operators) with the host's {@code /usr/bin/python3 -I} on the
 * reference solution, which is our own trusted code. Only the mutants' execution goes into the
 * sandbox, never the generator's. Thread-safe: each call is its own process.
 */
public final class MutantGenerator implements AutoCloseable {
    public static final Path DEFAULT_PYTHON = Path.of("/usr/bin/python3");
    private static final long TIMEOUT_SECONDS = 60;

    /** One mutant: {@code id} is stable across runs (position and change), {@code source} the whole mutated module. */
    public record Mutant(String id, String operator, int line, int column, String description, String source) {}

    private final Path python;
    private final Path dir;
    private final Path script;

    public MutantGenerator() {
        this(DEFAULT_PYTHON);
    }

    /** Copies the generator to a private temporary folder (one per instance, so concurrent tools never share it). */
    public MutantGenerator(Path python) {
        this.python = python;
        try {
            dir = Files.createTempDirectory("pyquest-mutate-");
            script = dir.resolve("mutate.py");
            try (InputStream in = MutantGenerator.class.getResourceAsStream("mutate.py")) {
                if (in == null) throw new IOException("resource dev/pyquest/tools/content/mutate.py is missing");
                Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
            }
            dir.toFile().deleteOnExit();
            script.toFile().deleteOnExit();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the mutant generator", e);
        }
    }

    /** The generator's own file, for tests that run it directly. */
    public Path script() {
        return script;
    }

    /**
     * The mutants of {@code solution}, in the generator's deterministic order.
     *
     * @throws ToolFailure python is missing, the generator failed, or the solution does not compile
     */
    public List<Mutant> mutants(String solution) {
        return mutantsOfEach(List.of(solution), List.of("the solution")).get(0);
    }

    /**
     * The mutants of each solution, in order, from one python process.
     *
     * @param names what to call each solution in an error message (e.g. its exercise's slug)
     * @throws ToolFailure python is missing, the generator failed, or a solution does not compile
     */
    public List<List<Mutant>> mutantsOfEach(List<String> solutions, List<String> names) {
        if (names.size() != solutions.size()) throw new IllegalArgumentException("one name per solution");
        byte[] input;
        try {
            input = Json.MAPPER.writeValueAsBytes(solutions);
        } catch (IOException e) {
            throw new ToolFailure("cannot write the generator's input", e);
        }
        JsonNode report = run(input);
        JsonNode reports = report.path("reports");
        if (!reports.isArray() || reports.size() != solutions.size()) {
            throw new ToolFailure("the mutant generator gave " + reports.size() + " reports for " + solutions.size() + " solutions");
        }
        List<List<Mutant>> out = new ArrayList<>();
        for (int i = 0; i < reports.size(); i++) {
            JsonNode r = reports.get(i);
            if (r.hasNonNull("error") || !r.path("mutants").isArray()) {
                throw new ToolFailure(names.get(i) + ": " + r.path("error").asText("the generator gave no mutants list"));
            }
            List<Mutant> mutants = new ArrayList<>();
            for (JsonNode m : r.get("mutants")) {
                mutants.add(new Mutant(m.path("id").asText(), m.path("operator").asText(), m.path("line").asInt(),
                        m.path("column").asInt(), m.path("description").asText(), m.path("source").asText()));
            }
            out.add(List.copyOf(mutants));
        }
        return List.copyOf(out);
    }

    private JsonNode run(byte[] input) {
        if (!Files.isExecutable(python)) {
            throw new ToolFailure("python not found at " + python
                    + ": the mutant generator needs Python 3.11 (Debian/Ubuntu: apt-get install -y python3)");
        }
        ProcessBuilder pb = new ProcessBuilder(python.toString(), "-I", "-S", "-B", script.toString(), "--batch");
        pb.environment().clear();
        pb.environment().put("PATH", "/usr/bin:/bin");
        pb.environment().put("LANG", "C.UTF-8");
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new ToolFailure("cannot start " + python + ": " + e.getMessage(), e);
        }
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        // Platform threads: a pipe read blocks in native code, which would pin a virtual thread's carrier.
        Thread errReader = Thread.ofPlatform().daemon().name("mutate-stderr").start(() -> drain(p.getErrorStream(), err));
        Thread outReader = Thread.ofPlatform().daemon().name("mutate-stdout").start(() -> drain(p.getInputStream(), out));
        try {
            try (OutputStream in = p.getOutputStream()) {
                in.write(input);
            } catch (IOException ignored) {
                // it ended early; its exit status says why
            }
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new ToolFailure("the mutant generator took more than " + TIMEOUT_SECONDS + " s");
            }
            outReader.join();
            errReader.join();
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new ToolFailure("interrupted while generating mutants", e);
        }
        JsonNode report;
        try {
            report = Json.MAPPER.readTree(out.toByteArray());
        } catch (IOException e) {
            report = null;
        }
        if (p.exitValue() != 0 || report == null || !report.isObject() || report.hasNonNull("error")) {
            throw new ToolFailure("the mutant generator failed (exit status " + p.exitValue() + "): "
                    + (report != null && report.hasNonNull("error") ? report.get("error").asText()
                    : err.toString(StandardCharsets.UTF_8).strip()));
        }
        return report;
    }

    private static void drain(InputStream in, ByteArrayOutputStream into) {
        try (in) {
            in.transferTo(into);
        } catch (IOException ignored) {
            // the process ended
        }
    }

    @Override
    public void close() {
        try {
            Files.deleteIfExists(script);
            Files.deleteIfExists(dir);
        } catch (IOException ignored) {
            // deleteOnExit is the fallback
        }
    }
}
