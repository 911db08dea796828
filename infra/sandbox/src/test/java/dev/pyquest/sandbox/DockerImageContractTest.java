package dev.pyquest.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The Fargate runner image ({@code infra/sandbox/Dockerfile}) against its contract. There is no Docker
 * engine here, so this test does NOT build the image and does not prove that it builds; it checks what
 * can be checked without one: the Dockerfile's instructions, that {@code template.yaml}'s task definition
 * agrees with them, and the image's runtime, emulated with bubblewrap: the Dockerfile's ENTRYPOINT runs
 * as its USER, in its WORKDIR, with its ENV, on a read-only root (the host's {@code /} standing in for the
 * image's) holding the COPY'd files at their destinations, with a fresh writable {@code /tmp} (the task's
 * volume) and an init as pid 1 (the task's {@code InitProcessEnabled}), fetching its job from and
 * uploading its report to a local HTTP server standing in for S3's presigned URLs.
 */
@Timeout(60)
class DockerImageContractTest {
    static final Path ROOT = findRoot();
    static final Path CONTEXT = ROOT.resolve("infra/sandbox");
    /** The PATH the emulated image runs with (python3 is /usr/local/bin/python3 in the image, /usr/bin/python3 here). */
    static final String IMAGE_PATH = "/usr/local/bin:/usr/bin:/bin";

    final Dockerfile image = Dockerfile.read(CONTEXT.resolve("Dockerfile"));
    PresignedUrls urls;

    @BeforeEach
    void start() throws IOException {
        urls = new PresignedUrls();
    }

    @AfterEach
    void stop() {
        urls.close();
    }

    // ---- 1. The Dockerfile ----

    @Test
    void theDockerfileDescribesTheRunnerImage() {
        assertEquals("3.11", image.pythonVersion(), "FROM " + image.from + ": the runner targets Python 3.11");

        assertFalse(image.copies.isEmpty(), "no COPY in the Dockerfile");
        for (Copy c : image.copies) {
            for (String source : c.sources()) {
                Path p = CONTEXT.resolve(source).normalize();
                assertTrue(p.startsWith(CONTEXT), "line " + c.line() + ": COPY source " + source + " is outside the build context");
                assertTrue(Files.isRegularFile(p), "line " + c.line() + ": COPY source " + source + " does not exist in " + CONTEXT);
            }
        }

        assertTrue(image.user != null && image.user.matches("\\d+:\\d+"), "USER must be a numeric uid:gid, not " + image.user);
        assertNotEquals(0, image.uid(), "USER runs as root");
        assertNotEquals(0, image.gid(), "USER's group is root");

        assertEquals("/tmp", image.workdir, "WORKDIR");

        assertTrue(image.entrypoint.size() >= 2, "ENTRYPOINT " + image.entrypoint);
        assertEquals("python3", image.entrypoint.get(0), "ENTRYPOINT's interpreter");
        String script = image.entrypointScript();
        assertTrue(image.copiedFiles().containsKey(script),
                "ENTRYPOINT runs " + script + ", which no COPY puts there: " + image.copiedFiles().keySet());
        // fargate_entry.py finds runner.py next to itself.
        assertTrue(image.copiedFiles().containsKey(Path.of(script).resolveSibling("runner.py").toString()),
                "runner.py is not COPY'd next to " + script + ": " + image.copiedFiles().keySet());
    }

    @Test
    void theHostPythonIsTheImagesPython() throws Exception {
        // The emulation below runs the image's python3 from the host: meaningful only for the same version.
        Path python = onPath("python3");
        Process p = new ProcessBuilder(python.toString(), "-c", "import sys; print('%d.%d' % sys.version_info[:2])")
                .redirectErrorStream(true).start();
        String version = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(0, p.waitFor());
        assertEquals(image.pythonVersion(), version, python + " is not the image's Python (FROM " + image.from + ")");
    }

    @Test
    void theParserReadsContinuationsCommentsAndBothEnvForms() {
        Dockerfile d = Dockerfile.parse(List.of(
                "# syntax=docker/dockerfile:1", "FROM python:3.11.7-slim-bookworm AS run", "",
                "ENV A=1 \\", "    # a comment inside the continuation", "    B=\"two words\" \\", "    C='x y'",
                "ENV D four five", "WORKDIR /srv", "COPY a/b.py c.py sub/", "COPY [\"d.py\", \"/abs/e.py\"]",
                "USER 7:8", "WORKDIR /tmp", "ENTRYPOINT [\"python3\", \"-I\", \"/srv/sub/b.py\"]"));
        assertEquals("3.11", d.pythonVersion());
        assertEquals(Map.of("A", "1", "B", "two words", "C", "x y", "D", "four five"), d.env);
        assertEquals(Map.of("/srv/sub/b.py", "a/b.py", "/srv/sub/c.py", "c.py", "/abs/e.py", "d.py"), d.copiedFiles());
        assertEquals(7, d.uid());
        assertEquals(8, d.gid());
        assertEquals("/tmp", d.workdir);
        assertEquals("/srv/sub/b.py", d.entrypointScript());
        assertThrowsIllegal(() -> Dockerfile.parse(List.of("FROM python:3.11", "COPY a.py b.py /x")));   // several sources need a dir/
        assertThrowsIllegal(() -> Dockerfile.parse(List.of("FROM python:3.11", "RUN true \\")));
        assertThrowsIllegal(() -> Dockerfile.parse(List.of("FROM python:3.11", "ENTRYPOINT python3 x.py")));  // shell form
    }

    // ---- 2. template.yaml ----

    @Test
    void theTaskDefinitionAgreesWithTheImage() throws IOException {
        JsonNode template = new YAMLMapper().readTree(ROOT.resolve("template.yaml").toFile());
        JsonNode resources = template.path("Resources");
        // A stock image has no runner in it: the image must be named at deploy time, never defaulted.
        JsonNode imageParameter = template.path("Parameters").path("RunnerImageUri");
        assertTrue(imageParameter.isObject(), "the template takes the runner image as the parameter RunnerImageUri");
        assertFalse(imageParameter.has("Default"), "RunnerImageUri must have no default: " + imageParameter.path("Default"));
        List<String> taskDefinitions = new ArrayList<>();
        resources.fields().forEachRemaining(e -> {
            if ("AWS::ECS::TaskDefinition".equals(e.getValue().path("Type").asText())) taskDefinitions.add(e.getKey());
        });
        assertEquals(List.of("SandboxTaskDefinition"), taskDefinitions);
        JsonNode task = resources.path("SandboxTaskDefinition").path("Properties");

        assertFalse(task.has("TaskRoleArn"), "the sandbox task must have no role: " + task.path("TaskRoleArn"));
        JsonNode containers = task.path("ContainerDefinitions");
        assertEquals(1, containers.size(), "one container: " + containers);
        JsonNode c = containers.get(0);

        String[] user = c.path("User").asText().split(":");
        assertEquals(String.valueOf(image.uid()), user[0], "the container's User vs the Dockerfile's USER " + image.user);
        if (user.length > 1) assertEquals(String.valueOf(image.gid()), user[1], "the container's group vs USER " + image.user);

        assertTrue(c.path("ReadonlyRootFilesystem").isBoolean() && c.path("ReadonlyRootFilesystem").booleanValue(),
                "ReadonlyRootFilesystem: " + c.path("ReadonlyRootFilesystem"));
        assertFalse(c.path("Privileged").asBoolean(false), "Privileged");

        Set<String> volumes = new LinkedHashSet<>();
        task.path("Volumes").forEach(v -> volumes.add(v.path("Name").asText()));
        List<String> writable = new ArrayList<>();
        for (JsonNode m : c.path("MountPoints")) {
            assertTrue(volumes.contains(m.path("SourceVolume").asText()), "mount of an undeclared volume: " + m);
            if (m.path("ReadOnly").isBoolean() && !m.path("ReadOnly").booleanValue()) writable.add(m.path("ContainerPath").asText());
        }
        assertEquals(List.of("/tmp"), writable, "writable mounts (ReadOnly: false)");
        assertTrue(writable.contains(image.workdir), "the WORKDIR " + image.workdir + " is not writable in the task");

        JsonNode caps = c.path("LinuxParameters").path("Capabilities");
        List<String> drop = new ArrayList<>();
        caps.path("Drop").forEach(x -> drop.add(x.asText()));
        assertEquals(List.of("ALL"), drop, "Capabilities.Drop");
        assertTrue(caps.path("Add").isMissingNode() || caps.path("Add").isEmpty(), "Capabilities.Add: " + caps.path("Add"));
    }

    // ---- 3. The image's runtime, emulated with bubblewrap ----

    @Test
    void aJobRunsAndItsReportIsUploaded() throws Exception {
        urls.job = Jobs.of("def f(xs):\n    return sum(x for x in xs if x % 2 == 0)\n")
                .test("some", "[[1, 2, 3, 4]]").test("none", "[[5, 7]]").bytes();
        Run run = runImage();
        assertEquals(0, run.exit, run.log);
        assertEquals(1, urls.uploads.size(), run.log);
        JsonNode report = Jobs.parse(urls.uploads.get(0));
        assertTrue(report.path("compile").path("ok").asBoolean(false), report.toString());
        JsonNode results = report.path("results");
        assertEquals(2, results.size(), report.toString());
        assertEquals(List.of("some", "none"), List.of(results.get(0).path("name").asText(), results.get(1).path("name").asText()));
        for (JsonNode r : results) assertEquals("OK", r.path("status").asText(), r.toString());
        assertEquals("6", results.get(0).path("value").toString());
        assertEquals("0", results.get(1).path("value").toString());
    }

    @Test
    void theLearnersCodeCanWriteOnlyToTmp() throws Exception {
        String tag = "pyquest-contract-" + UUID.randomUUID();
        String script = image.entrypointScript();
        List<String> paths = List.of(Path.of(script).resolveSibling(tag).toString(), "/etc/" + tag, "/tmp/" + tag);
        for (String p : paths) assertFalse(Files.exists(Path.of(p)), p + " exists before the run");
        String code = """
                import errno
                def f(paths):
                    out = []
                    for p in paths:
                        try:
                            with open(p, 'w') as fh:
                                fh.write('x')
                            with open(p) as fh:
                                out.append('written' if fh.read() == 'x' else 'lost')
                        except OSError as e:
                            out.append(errno.errorcode.get(e.errno, str(e.errno)))
                    return out
                """;
        urls.job = Jobs.of(code).test("writes", Jobs.JSON.writeValueAsString(List.of(paths))).bytes();
        Run run = runImage();
        assertEquals(0, run.exit, run.log);
        JsonNode r = Jobs.parse(urls.uploads.get(0)).path("results").get(0);
        assertEquals("OK", r.path("status").asText(), r.toString());
        assertEquals("[\"EROFS\",\"EROFS\",\"written\"]", r.path("value").toString(),
                "writes to " + paths + " (the root is read-only, /tmp is the task's volume)");
        // Nothing reached the host: not the read-only root, and not the host's /tmp (the box's is its own).
        for (String p : paths) assertFalse(Files.exists(Path.of(p)), p + " exists on the host after the run");
    }

    @Test
    void theLearnersCodeRunsAsTheImagesUserNeverRoot() throws Exception {
        urls.job = Jobs.of("import os\ndef f():\n    return [os.getuid(), os.geteuid(), os.getgid(), os.getegid()]\n")
                .test("ids", "[]").bytes();
        Run run = runImage();
        assertEquals(0, run.exit, run.log);
        JsonNode r = Jobs.parse(urls.uploads.get(0)).path("results").get(0);
        assertEquals("OK", r.path("status").asText(), r.toString());
        assertEquals(List.of(image.uid(), image.uid(), image.gid(), image.gid()),
                Jobs.JSON.convertValue(r.path("value"), List.class), "the learner's uids and gids");
        r.path("value").forEach(id -> assertNotEquals(0, id.asInt(), "the learner's code runs as root: " + r));
    }

    record Run(int exit, String log) {}

    /** Runs the Dockerfile's ENTRYPOINT as the image would run in the task, with JOB_URL and RESULT_URL set. */
    Run runImage() throws Exception {
        requireBubblewrap();
        List<String> cmd = new ArrayList<>(List.of("bwrap", "--die-with-parent", "--unshare-pid", "--unshare-user",
                "--uid", String.valueOf(image.uid()), "--gid", String.valueOf(image.gid()),
                "--ro-bind", "/", "/"));
        // The COPY destinations do not exist on the (read-only) host root: each gets an empty tmpfs at its
        // deepest existing ancestor (/opt), made read-only again once the files are bound into it.
        Set<String> holders = new LinkedHashSet<>();
        for (String dest : image.copiedFiles().keySet()) {
            Path holder = Path.of(dest).getParent();
            while (!Files.isDirectory(holder)) holder = holder.getParent();
            assertNotEquals(Path.of("/"), holder, "cannot place " + dest);
            holders.add(holder.toString());
        }
        for (String h : holders) cmd.addAll(List.of("--tmpfs", h));
        image.copiedFiles().forEach((dest, source) -> cmd.addAll(List.of("--ro-bind", CONTEXT.resolve(source).toString(), dest)));
        for (String h : holders) cmd.addAll(List.of("--remount-ro", h));
        cmd.addAll(List.of("--tmpfs", "/tmp", "--proc", "/proc", "--dev", "/dev", "--chdir", image.workdir, "--clearenv"));
        Map<String, String> env = new LinkedHashMap<>(image.env);
        env.put("PATH", IMAGE_PATH);
        env.put("JOB_URL", urls.jobUrl());
        env.put("RESULT_URL", urls.resultUrl());
        env.forEach((k, v) -> cmd.addAll(List.of("--setenv", k, v)));
        cmd.addAll(image.entrypoint);

        Path log = Files.createTempFile("pyquest-image-", ".log");
        try {
            // A task's container has no stdin (ECS does not make it interactive).
            Process p = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!p.waitFor(45, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
                fail("the image's entrypoint did not end within 45 s: " + Files.readString(log));
            }
            String out = Files.readString(log).strip();
            System.out.println("image entrypoint: exit " + p.exitValue() + ": " + out);
            return new Run(p.exitValue(), out);
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private static volatile boolean bubblewrapChecked;

    /** Fails (never skips) without bubblewrap and user namespaces: a skipped emulation must not pass. */
    static void requireBubblewrap() throws InterruptedException {
        if (bubblewrapChecked) return;
        String why;
        try {
            Process p = new ProcessBuilder("bwrap", "--ro-bind", "/", "/", "--unshare-user", "--uid", "10001", "true")
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            int exit = p.waitFor();
            if (exit == 0) {
                bubblewrapChecked = true;
                return;
            }
            why = "bwrap cannot create a user namespace here (exit " + exit + ": " + out + "); it needs a working"
                    + " bubblewrap (apt-get install -y bubblewrap) and unprivileged user namespaces (e.g. sysctl"
                    + " kernel.unprivileged_userns_clone=1, or Ubuntu's kernel.apparmor_restrict_unprivileged_userns=0)";
        } catch (IOException e) {
            why = "bwrap is not installed (" + e.getMessage() + "): apt-get install -y bubblewrap";
        }
        fail("The image's runtime is emulated with bubblewrap and cannot be checked: " + why);
    }

    // ---- The Dockerfile, parsed ----

    record Instruction(String keyword, String args, int line) {}

    /** One COPY: its sources (relative to the build context) and its destination (absolute). */
    record Copy(List<String> sources, String destination, int line) {}

    /** The instructions the runner image uses: FROM, RUN, COPY, ENV, USER, WORKDIR and ENTRYPOINT (exec form). */
    static final class Dockerfile {
        String from;
        final List<Copy> copies = new ArrayList<>();
        final Map<String, String> env = new LinkedHashMap<>();
        String user;
        String workdir = "/";
        List<String> entrypoint = List.of();

        static Dockerfile read(Path file) {
            try {
                return parse(Files.readAllLines(file));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        static Dockerfile parse(List<String> lines) {
            Dockerfile d = new Dockerfile();
            for (Instruction i : instructions(lines)) {
                String at = "line " + i.line() + ": " + i.keyword() + " ";
                switch (i.keyword()) {
                    case "FROM" -> {
                        if (d.from != null) throw new IllegalArgumentException(at + "a second FROM (one stage expected)");
                        d.from = words(i.args()).get(0);
                    }
                    case "RUN" -> { }
                    case "ENV" -> {
                        List<String> w = words(i.args());
                        if (w.isEmpty()) throw new IllegalArgumentException(at + "without variables");
                        if (!w.get(0).contains("=")) {
                            d.env.put(w.get(0), String.join(" ", w.subList(1, w.size())));    // legacy ENV K V
                        } else {
                            for (String kv : w) {
                                int eq = kv.indexOf('=');
                                if (eq <= 0) throw new IllegalArgumentException(at + "expects K=V, not " + kv);
                                d.env.put(kv.substring(0, eq), kv.substring(eq + 1));
                            }
                        }
                    }
                    case "COPY" -> {
                        List<String> w = i.args().startsWith("[") ? json(i.args(), at) : words(i.args());
                        while (!w.isEmpty() && w.get(0).startsWith("--")) {
                            if (w.get(0).startsWith("--from")) throw new IllegalArgumentException(at + "--from is not from the build context");
                            w = w.subList(1, w.size());
                        }
                        if (w.size() < 2) throw new IllegalArgumentException(at + "needs a source and a destination");
                        String dest = w.get(w.size() - 1);
                        if (!dest.startsWith("/")) dest = (d.workdir.endsWith("/") ? d.workdir : d.workdir + "/") + dest;
                        if (w.size() > 2 && !dest.endsWith("/")) {
                            throw new IllegalArgumentException(at + "with several sources needs a destination ending in /");
                        }
                        d.copies.add(new Copy(List.copyOf(w.subList(0, w.size() - 1)), dest, i.line()));
                    }
                    case "USER" -> d.user = i.args();
                    case "WORKDIR" -> d.workdir = i.args().startsWith("/") ? i.args() : Path.of(d.workdir, i.args()).toString();
                    case "ENTRYPOINT" -> {
                        if (!i.args().startsWith("[")) throw new IllegalArgumentException(at + "must be in exec form (JSON)");
                        d.entrypoint = json(i.args(), at);
                    }
                    default -> throw new IllegalArgumentException(at + "is not an instruction this test understands");
                }
            }
            if (d.from == null) throw new IllegalArgumentException("no FROM");
            return d;
        }

        /** Logical instructions: comment lines dropped (also inside continuations), backslash continuations joined. */
        static List<Instruction> instructions(List<String> lines) {
            List<Instruction> out = new ArrayList<>();
            StringBuilder current = null;
            int start = 0;
            for (int n = 0; n < lines.size(); n++) {
                String line = lines.get(n).strip();
                if (line.startsWith("#") || (line.isEmpty() && current == null)) continue;
                if (current == null) {
                    current = new StringBuilder();
                    start = n + 1;
                }
                boolean continued = line.endsWith("\\");
                current.append(continued ? line.substring(0, line.length() - 1) : line).append(' ');
                if (!continued) {
                    Matcher m = Pattern.compile("(\\S+)\\s*(.*)").matcher(current.toString().strip());
                    if (!m.matches()) throw new IllegalArgumentException("line " + start + ": cannot read " + current);
                    out.add(new Instruction(m.group(1).toUpperCase(), m.group(2).strip(), start));
                    current = null;
                }
            }
            if (current != null) throw new IllegalArgumentException("line " + start + ": continued past the end of the file");
            return out;
        }

        /** Shell-like words: whitespace separates, quotes group (and are removed), a backslash escapes. */
        static List<String> words(String s) {
            List<String> out = new ArrayList<>();
            StringBuilder w = null;
            char quote = 0;
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (quote != 0) {
                    if (c == quote) quote = 0;
                    else if (c == '\\' && quote == '"' && i + 1 < s.length()) w.append(s.charAt(++i));
                    else w.append(c);
                } else if (Character.isWhitespace(c)) {
                    if (w != null) out.add(w.toString());
                    w = null;
                } else {
                    if (w == null) w = new StringBuilder();
                    if (c == '"' || c == '\'') quote = c;
                    else if (c == '\\' && i + 1 < s.length()) w.append(s.charAt(++i));
                    else w.append(c);
                }
            }
            if (quote != 0) throw new IllegalArgumentException("unclosed quote in " + s);
            if (w != null) out.add(w.toString());
            return out;
        }

        static List<String> json(String array, String at) {
            try {
                JsonNode node = Jobs.JSON.readTree(array);
                List<String> out = new ArrayList<>();
                if (!node.isArray()) throw new IllegalArgumentException(at + "is not a JSON array");
                for (JsonNode x : node) {
                    if (!x.isTextual()) throw new IllegalArgumentException(at + "holds a non-string: " + x);
                    out.add(x.asText());
                }
                return out;
            } catch (IOException e) {
                throw new IllegalArgumentException(at + "is not valid JSON: " + e.getMessage(), e);
            }
        }

        /** "3.11" for python:3.11-slim, docker.io/library/python:3.11.7-bookworm, ...; null for any other image. */
        String pythonVersion() {
            Matcher m = Pattern.compile("(?:[^:@]+/)?python:(\\d+\\.\\d+)(?:[.-][^@]*)?(?:@sha256:[0-9a-f]+)?").matcher(from);
            return m.matches() ? m.group(1) : null;
        }

        int uid() {
            return ids()[0];
        }

        int gid() {
            return ids()[1];
        }

        private int[] ids() {
            if (user == null || !user.matches("\\d+:\\d+")) throw new AssertionError("USER must be a numeric uid:gid, not " + user);
            String[] parts = user.split(":");
            return new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1])};
        }

        /** Every file the COPYs put into the image: destination path -> source (relative to the context). */
        Map<String, String> copiedFiles() {
            Map<String, String> out = new LinkedHashMap<>();
            for (Copy c : copies) {
                for (String s : c.sources()) {
                    out.put(c.destination().endsWith("/") ? c.destination() + Path.of(s).getFileName() : c.destination(), s);
                }
            }
            return out;
        }

        /** The script the ENTRYPOINT's interpreter runs: its first argument that is not an option. */
        String entrypointScript() {
            return entrypoint.stream().skip(1).filter(a -> !a.startsWith("-")).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("ENTRYPOINT " + entrypoint + " runs no script"));
        }
    }

    static Path onPath(String command) {
        for (String dir : IMAGE_PATH.split(File.pathSeparator)) {
            Path p = Path.of(dir, command);
            if (Files.isExecutable(p)) return p;
        }
        throw new AssertionError(command + " is not on " + IMAGE_PATH);
    }

    static Path findRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("template.yaml"))) return p;
        }
        throw new IllegalStateException("no template.yaml above " + Path.of("").toAbsolutePath());
    }

    static void assertThrowsIllegal(Runnable r) {
        try {
            r.run();
        } catch (IllegalArgumentException expected) {
            return;
        }
        fail("the parser accepted a Dockerfile it must refuse");
    }
}
