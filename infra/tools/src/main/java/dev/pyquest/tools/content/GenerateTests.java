package dev.pyquest.tools.content;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.pyquest.domain.Json;
import dev.pyquest.domain.content.Checker;
import dev.pyquest.domain.content.ContentException;
import dev.pyquest.domain.content.ContentLoader;
import dev.pyquest.domain.content.Course;
import dev.pyquest.domain.content.EdgeClass;
import dev.pyquest.domain.content.Exercise;
import dev.pyquest.domain.content.GeneratedTests;
import dev.pyquest.domain.content.TestCase;
import dev.pyquest.domain.judge.JudgeSpec;
import dev.pyquest.domain.judge.TestResult;
import dev.pyquest.domain.judge.TestStatus;
import dev.pyquest.local.Sandbox;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * {@code ./pyquest generate-tests [--seed N] [slug ...]}: expands each exercise's {@code generate.py}
 * into {@code generated.yaml} ({@link GeneratedTests}). The generator runs with a stored seed (and runs
 * twice: both runs must yield the same inputs); inputs equal to a hand-written test's are dropped;
 * each expected value is what {@code solution.py} returns on it, judged in the sandbox exactly as a
 * submission is, so it is encoded as the judge encodes a result. An input on which the reference
 * raises, changes an argument it must not, or takes more than a quarter of the time limit is refused.
 * Exit status: 0 written, 1 some exercise's generator or inputs are wrong, 2 bad usage or the tool failed.
 */
public final class GenerateTests {
    static final String USAGE = """
            usage: generate-tests [--seed N] <content-root> [slug ...]
              Runs content/exercises/<slug>/generate.py with a seed (--seed, else the one generated.yaml
              records, else 1), computes each input's expected value with solution.py in the sandbox and
              writes generated.yaml. Without slugs: every exercise that has a generate.py.
              Exit status: 0 written, 1 a generator or an input is wrong, 2 bad usage or the tool failed.""";
    static final long DEFAULT_SEED = 1;
    private static final String PYTHON = "/usr/bin/python3";
    /** The generated tests' arguments and expected values together, as JSON characters. */
    static final int MAX_CHARS = 64 * 1024;
    /** Imports generate.py, calls cases(random.Random(seed)) and prints the cases as JSON, refusing values JSON cannot carry exactly. */
    private static final String DRIVER = """
            import importlib.util, json, random, sys
            path, seed = sys.argv[1], int(sys.argv[2])
            spec = importlib.util.spec_from_file_location("generate", path)
            mod = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(mod)
            def plain(v, where):
                if v is None or isinstance(v, (bool, int, str)):
                    return
                if isinstance(v, float):
                    if v != v or v in (float("inf"), float("-inf")):
                        raise ValueError(where + ": NaN and infinity are no JSON values")
                    return
                if isinstance(v, list):
                    for x in v:
                        plain(x, where)
                    return
                if isinstance(v, dict):
                    for k, x in v.items():
                        if not isinstance(k, str):
                            raise ValueError(where + ": a dict key must be a str (JSON turns " + repr(k) + " into a string)")
                        plain(x, where)
                    return
                raise ValueError(where + ": a " + type(v).__name__ + " is no JSON value: use list, dict (str keys), str, int, float, bool, None")
            out = []
            for i, case in enumerate(mod.cases(random.Random(seed))):
                where = "case " + str(i + 1)
                if not isinstance(case, tuple) or len(case) not in (2, 3) or not isinstance(case[0], str) or not isinstance(case[1], list):
                    raise ValueError(where + ": yield (edge_class, args) or (edge_class, args, checker), args a list of the positional arguments")
                plain(case[1], where + " (" + case[0] + ")")
                out.append(list(case))
            sys.stdout.buffer.write(json.dumps(out, ensure_ascii=False, allow_nan=False).encode("utf-8"))
            """;

    private final Judge judge;

    public GenerateTests(Sandbox sandbox) {
        this.judge = new Judge(sandbox);
    }

    /** One input of generate.py. */
    record Case(EdgeClass edgeClass, JsonNode args, Checker checker) {}

    /** What was written for one exercise: its tests, and how many inputs were dropped as repeats. */
    public record Generated(String slug, long seed, String source, List<TestCase> tests, int dropped, String yaml) {
        public String line() {
            Map<EdgeClass, Integer> byClass = new EnumMap<>(EdgeClass.class);
            tests.forEach(t -> byClass.merge(EdgeClass.ofTestName(t.name()).orElseThrow(), 1, Integer::sum));
            return slug + ": " + tests.size() + " generated tests (seed " + seed + (dropped > 0 ? ", " + dropped + " repeats dropped" : "")
                    + "): " + byClass.entrySet().stream().map(e -> e.getKey().id() + " " + e.getValue()).collect(Collectors.joining(", "));
        }
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        Long seed = null;
        List<String> positional = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--seed")) {
                if (i + 1 >= args.length || !args[i + 1].matches("[0-9]{1,18}")) {
                    err.println("generate-tests: --seed needs a non-negative integer\n" + USAGE);
                    return 2;
                }
                seed = Long.parseLong(args[++i]);
            } else if (args[i].equals("-h") || args[i].equals("--help")) {
                out.println(USAGE);
                return 0;
            } else if (args[i].startsWith("-")) {
                err.println("generate-tests: unknown option " + args[i] + "\n" + USAGE);
                return 2;
            } else {
                positional.add(args[i]);
            }
        }
        if (positional.isEmpty()) {
            err.println(USAGE);
            return 2;
        }
        Path root = Path.of(positional.get(0)).toAbsolutePath().normalize();
        Course course;
        try {
            course = ContentLoader.loadWithoutGenerated(root);
        } catch (ContentException e) {
            out.println("content: " + root + ": " + e.getMessage());
            return 1;
        }
        List<Exercise> exercises;
        if (positional.size() > 1) {
            Set<String> slugs = new LinkedHashSet<>(positional.subList(1, positional.size()));
            List<String> unknown = slugs.stream().filter(s -> course.exercise(s).isEmpty()).toList();
            if (!unknown.isEmpty()) {
                err.println("generate-tests: no exercise " + String.join(", ", unknown) + " under " + root);
                return 2;
            }
            exercises = slugs.stream().map(s -> course.exercise(s).orElseThrow()).toList();
        } else {
            exercises = course.exercises().stream().filter(e -> Files.isRegularFile(folder(root, e).resolve(GeneratedTests.GENERATOR))).toList();
        }
        GenerateTests generator = new GenerateTests(Sandbox.local());
        boolean ok = true;
        int total = 0;
        try {
            for (Exercise e : exercises) {
                Path folder = folder(root, e);
                try {
                    Generated g = generator.write(e, folder, seed != null ? seed : storedSeed(folder));
                    total += g.tests().size();
                    out.println(g.line());
                } catch (ContentException ce) {
                    ok = false;
                    out.println(e.slug() + ": " + ce.getMessage());
                }
            }
        } catch (ToolFailure e) {
            err.println("generate-tests: the tool failed (this is not a verdict on the content): " + e.getMessage());
            return 2;
        }
        out.println("generate-tests: " + exercises.size() + " exercises, " + total + " generated tests" + (ok ? "" : "; some failed (above)"));
        return ok ? 0 : 1;
    }

    static Path folder(Path root, Exercise e) {
        return root.resolve("exercises").resolve(e.slug());
    }

    /** The seed generated.yaml records, or the default when there is none. */
    static long storedSeed(Path folder) {
        Path file = folder.resolve(GeneratedTests.FILE);
        if (!Files.isRegularFile(file)) return DEFAULT_SEED;
        try {
            JsonNode seed = Json.yaml().readTree(Files.readString(file, StandardCharsets.UTF_8)).path("seed");
            return seed.isIntegralNumber() && seed.longValue() >= 0 ? seed.longValue() : DEFAULT_SEED;
        } catch (IOException e) {
            return DEFAULT_SEED;
        }
    }

    /** Generates {@code e}'s tests with {@code seed} and writes them to its generated.yaml. */
    public Generated write(Exercise e, Path folder, long seed) {
        Generated g = generate(e, folder, seed);
        try {
            Files.writeString(folder.resolve(GeneratedTests.FILE), g.yaml(), StandardCharsets.UTF_8);
        } catch (IOException ex) {
            throw new ToolFailure("cannot write " + folder.resolve(GeneratedTests.FILE) + ": " + ex.getMessage(), ex);
        }
        return g;
    }

    /**
     * {@code e}'s generated tests with {@code seed} (the exercise as authored, without generated.yaml)
     * and the file that holds them; writes nothing.
     *
     * @throws ContentException the generator or one of its inputs is wrong (named)
     */
    public Generated generate(Exercise e, Path folder, long seed) {
        Path generator = folder.resolve(GeneratedTests.GENERATOR);
        String code;
        try {
            code = Files.readString(generator, StandardCharsets.UTF_8);
        } catch (IOException ex) {
            throw new ContentException(GeneratedTests.GENERATOR + ": missing or not readable (" + ex.getMessage() + ")");
        }
        String first = runGenerator(generator, seed);
        if (!first.equals(runGenerator(generator, seed))) {
            throw new ContentException(GeneratedTests.GENERATOR + " yields other inputs on a second run with the same seed:"
                    + " draw only from the random.Random passed to cases(rng) (no time, no global random, no set order)");
        }
        List<Case> cases = cases(e, first);
        List<JsonNode> seen = new ArrayList<>();
        e.allTests().forEach(t -> seen.add(t.args()));
        List<Case> kept = new ArrayList<>();
        for (Case c : cases) {
            if (seen.stream().noneMatch(s -> sameJson(s, c.args()))) {
                seen.add(c.args());
                kept.add(c);
            }
        }
        if (kept.size() > GeneratedTests.MAX_TESTS) {
            throw new ContentException(GeneratedTests.GENERATOR + " yields " + kept.size() + " distinct new inputs, at most "
                    + GeneratedTests.MAX_TESTS + ": every submission runs every hidden test");
        }
        List<TestCase> tests = expected(e, kept);
        long bytes = tests.stream().mapToLong(t -> t.args().toString().length() + t.expected().toString().length()).sum();
        if (bytes > MAX_CHARS) {
            throw new ContentException("the generated tests take " + bytes / 1024 + " KiB of JSON, at most " + MAX_CHARS / 1024
                    + ": the judge's table keeps an exercise's tests in one item (400 KB), and every submission ships them all");
        }
        String source = GeneratedTests.source(seed, code, e.solution());
        String yaml = yaml(e.slug(), seed, source, tests);
        roundTrip(yaml, tests);
        return new Generated(e.slug(), seed, source, tests, cases.size() - kept.size(), yaml);
    }

    private static String runGenerator(Path generator, long seed) {
        Path errFile = null;
        try {
            errFile = Files.createTempFile("generate", ".err");
            Process p = new ProcessBuilder(PYTHON, "-I", "-c", DRIVER, generator.toString(), Long.toString(seed))
                    .directory(generator.getParent().toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectError(errFile.toFile())
                    .start();
            byte[] stdout;
            try (var in = p.getInputStream()) {
                stdout = in.readAllBytes();
            }
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new ContentException(GeneratedTests.GENERATOR + " did not finish within 60 s");
            }
            if (p.exitValue() != 0) {
                String stderr = Files.readString(errFile, StandardCharsets.UTF_8).strip();
                throw new ContentException(GeneratedTests.GENERATOR + " failed: "
                        + stderr.lines().reduce((a, b) -> b).orElse("exit " + p.exitValue()) + "\n" + stderr.indent(4));
            }
            return new String(stdout, StandardCharsets.UTF_8);
        } catch (IOException ex) {
            throw new ToolFailure("cannot run " + PYTHON + " on " + generator + ": " + ex.getMessage(), ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new ToolFailure("interrupted", ex);
        } finally {
            if (errFile != null) errFile.toFile().delete();
        }
    }

    /** The generator's output as cases: known edge classes and checkers, as many arguments as the examples pass. */
    private static List<Case> cases(Exercise e, String json) {
        JsonNode list;
        try {
            list = Json.MAPPER.readTree(json);
        } catch (IOException ex) {
            throw new ContentException(GeneratedTests.GENERATOR + " printed no JSON: " + ex.getMessage());
        }
        Set<Checker> fixedCheckers = e.tests().stream().map(TestCase::checker).collect(Collectors.toSet());
        Checker dflt = fixedCheckers.size() == 1 ? fixedCheckers.iterator().next() : Checker.EXACT;
        Set<Integer> arities = e.allTests().stream().map(t -> t.args().size()).collect(Collectors.toCollection(java.util.TreeSet::new));
        List<Case> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode c = list.get(i);
            String where = GeneratedTests.GENERATOR + ": case " + (i + 1);
            EdgeClass edge = EdgeClass.of(c.get(0).asText()).orElseThrow(() -> new ContentException(where + ": edge class '"
                    + c.get(0).asText() + "' must be one of " + EdgeClass.ids()));
            if (!arities.contains(c.get(1).size())) {
                throw new ContentException(where + " (" + edge + "): " + c.get(1).size() + " arguments, the tests pass " + arities);
            }
            Checker checker = dflt;
            if (c.size() == 3) {
                try {
                    checker = Checker.valueOf(c.get(2).asText().toUpperCase(java.util.Locale.ROOT));
                } catch (IllegalArgumentException ex) {
                    throw new ContentException(where + ": checker '" + c.get(2).asText() + "' must be exact, unordered or float");
                }
            }
            out.add(new Case(edge, c.get(1), checker));
        }
        return out;
    }

    /** Each case named by its class and expected to return what the reference returns, judged in the sandbox. */
    private List<TestCase> expected(Exercise e, List<Case> cases) {
        Map<EdgeClass, Integer> counts = new EnumMap<>(EdgeClass.class);
        List<String> names = cases.stream().map(c -> EdgeClass.testName(c.edgeClass(), counts.merge(c.edgeClass(), 1, Integer::sum))).toList();
        List<TestCase> probes = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            probes.add(new TestCase(names.get(i), cases.get(i).args(), NullNode.getInstance(), Checker.EXACT, e.inputsUnchanged()));
        }
        if (probes.isEmpty()) return List.of();
        Judge.Judged judged = judge.judged(new JudgeSpec(e.id(), e.slug(), e.function(), e.limits(), probes, List.of()), e.solution());
        // Run as public examples: only those report the returned value.
        List<String> refused = new ArrayList<>();
        List<TestCase> out = new ArrayList<>();
        for (int i = 0; i < probes.size(); i++) {
            TestResult r = judged.verdict().tests().get(i);
            boolean returned = (r.status() == TestStatus.PASSED || r.status() == TestStatus.WRONG_ANSWER) && r.actual() != null;
            if (!returned) {
                refused.add("'" + names.get(i) + "' args " + abbreviated(cases.get(i).args()) + ": the reference gives " + r.status()
                        + " (" + r.message().lines().findFirst().orElse("") + ")");
            } else {
                out.add(new TestCase(names.get(i), cases.get(i).args(), r.actual(), cases.get(i).checker(), e.inputsUnchanged()));
            }
        }
        if (!refused.isEmpty()) {
            throw new ContentException("inputs the statement must not allow (or a reference that is wrong): " + String.join("; ", refused));
        }
        if (judged.slowestTestMs() > e.limits().timeMs() / 4) {
            throw new ContentException("the slowest generated input takes the reference " + judged.slowestTestMs() + " ms, more than a quarter of the "
                    + e.limits().timeMs() + " ms limit: keep worst-case sizes well inside it");
        }
        return out;
    }

    private static String abbreviated(JsonNode args) {
        String s = args.toString();
        return s.length() <= 120 ? s : s.substring(0, 117) + "...";
    }

    /** generated.yaml: a header saying how to regenerate, the seed, the digest, and each test in JSON flow style. */
    static String yaml(String slug, long seed, String source, List<TestCase> tests) {
        StringBuilder b = new StringBuilder()
                .append("# Generated hidden tests: do not edit. Regenerate with ./pyquest generate-tests ").append(slug).append('\n')
                .append("# Inputs from generate.py with the seed below; expected values are what solution.py returns.\n")
                .append("seed: ").append(seed).append('\n')
                .append("source: \"").append(source).append("\"\n")
                .append(tests.isEmpty() ? "tests: []\n" : "tests:\n");
        for (TestCase t : tests) {
            b.append("  - name: ");
            flow(b, Json.MAPPER.getNodeFactory().textNode(t.name()));
            b.append("\n    args: ");
            flow(b, t.args());
            b.append("\n    expected: ");
            flow(b, t.expected());
            b.append('\n');
            if (t.checker() != Checker.EXACT) b.append("    checker: ").append(t.checker().name().toLowerCase(java.util.Locale.ROOT)).append('\n');
        }
        return b.toString();
    }

    /** A JSON value as YAML flow: strings double-quoted, floats always with a point and a signed exponent (YAML 1.1 reads "1E5" as a string). */
    private static void flow(StringBuilder b, JsonNode n) {
        if (n.isTextual()) {
            b.append('"').append(JsonStringEncoder.getInstance().quoteAsString(n.textValue())).append('"');
        } else if (n.isFloatingPointNumber()) {
            String s = Double.toString(n.doubleValue());
            int e = s.indexOf('E');
            if (e >= 0 && s.charAt(e + 1) != '-') s = s.substring(0, e + 1) + "+" + s.substring(e + 1);
            b.append(s.replace('E', 'e'));
        } else if (n.isArray()) {
            b.append('[');
            for (int i = 0; i < n.size(); i++) {
                if (i > 0) b.append(", ");
                flow(b, n.get(i));
            }
            b.append(']');
        } else if (n.isObject()) {
            b.append('{');
            Iterator<Map.Entry<String, JsonNode>> it = n.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> f = it.next();
                b.append('"').append(JsonStringEncoder.getInstance().quoteAsString(f.getKey())).append("\": ");
                flow(b, f.getValue());
                if (it.hasNext()) b.append(", ");
            }
            b.append('}');
        } else {
            b.append(n.toString()); // null, true, false, integers
        }
    }

    /** What the loader will read back must be what was generated: a value YAML would reinterpret fails here, not at judging. */
    private static void roundTrip(String yaml, List<TestCase> tests) {
        JsonNode back;
        try {
            back = Json.yaml().readTree(yaml).path("tests");
        } catch (IOException ex) {
            throw new IllegalStateException("generated.yaml is no valid YAML: " + ex.getMessage(), ex);
        }
        for (int i = 0; i < tests.size(); i++) {
            TestCase t = tests.get(i);
            if (!sameJson(t.args(), back.get(i).path("args")) || !sameJson(t.expected(), back.get(i).path("expected"))) {
                throw new IllegalStateException("generated.yaml does not read back as written at '" + t.name() + "': "
                        + abbreviated(t.args()) + " -> " + abbreviated(back.get(i).path("args")));
            }
        }
    }

    /** Equal as the exact checker sees JSON: integers by value, floats by value, never an integer equal to a float; key order aside. */
    static boolean sameJson(JsonNode a, JsonNode b) {
        if (a.isIntegralNumber() && b.isIntegralNumber()) return a.bigIntegerValue().equals(b.bigIntegerValue());
        if (a.isFloatingPointNumber() && b.isFloatingPointNumber()) return a.doubleValue() == b.doubleValue();
        if (a.getNodeType() != b.getNodeType() || a.isNumber()) return false;
        if (a.isArray()) {
            if (a.size() != b.size()) return false;
            for (int i = 0; i < a.size(); i++) if (!sameJson(a.get(i), b.get(i))) return false;
            return true;
        }
        if (a.isObject()) {
            if (a.size() != b.size()) return false;
            Iterator<String> names = a.fieldNames();
            while (names.hasNext()) {
                String k = names.next();
                if (!b.has(k) || !sameJson(a.get(k), b.get(k))) return false;
            }
            return true;
        }
        return a.equals(b);
    }
}
