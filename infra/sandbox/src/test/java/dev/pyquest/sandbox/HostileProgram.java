package dev.pyquest.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A hostile learner program kept as a data file ({@code hostile/<path>/<id>.py} under this module's
 * test resources), with a header of {@code # key: value} lines saying how to run it and what must
 * come of it. The program is the rest of the file, as submitted; the header is not part of it.
 *
 * <pre>
 * # hostile: a busy loop                  the test's name (required)
 * # activity: fizzbuzz                    submissions: the activity submitted to
 * # after: persistence-first-run          submissions: runs in a later batch than that file
 * # function: f                           box: the function the tests call (default f)
 * # test: t0 [0]                          box: a test, its name and its arguments as a JSON array
 * # limit: timeMs=1000                    box: a job limit (default 2000 ms, 64 MB, 4096 output bytes)
 * # public-count: 1                       box: the first n tests public, the rest in a hidden box
 * # inputs-unchanged: true                box: every test checks that its arguments are unchanged by the call
 * # expect: SELECTOR FIELD OP [OPERAND]   one expectation (one or more)
 * </pre>
 *
 * SELECTOR picks what FIELD is read from: {@code report} or {@code submission} (the whole document),
 * {@code every test}, {@code first test}, {@code test "name"}, {@code other tests} (those neither
 * {@code first test} nor a {@code test "name"} of this file picks), {@code hidden tests}
 * ({@code visibility} hidden), or {@code run} (field {@code ms}: how long the run took, where the path
 * times it; elsewhere a {@code run} expectation fails rather than pass unchecked). A selector
 * of tests that picks none fails. FIELD is a JSON pointer without its leading slash
 * ({@code status}, {@code value/0}, {@code value/~1tmp~1x}), or {@code json}: the picked node's whole
 * JSON text. OP and OPERAND (texts and values are JSON literals, so {@code "a\nb"} holds a newline):
 * <pre>
 * is A|B|C          the text is one of the words
 * = JSON            equal (a JSON string to a text field, else as JSON values)
 * != JSON           not equal
 * stripped = "s"    the text without leading and trailing white space equals s
 * starts with "s"   contains "s"   lacks "s"   matches "regex" (found anywhere)
 * absent            the field is not there
 * length = N        length &lt;= N        length &lt; N          of the text
 * &gt;= N              &lt; N                                   numbers
 * lines matching "regex" = N                             lines of the text in which the regex is found
 * </pre>
 * Placeholders in braces ({@code {PORT}}...) are replaced, in the program and in the expectations,
 * by {@link #with}.
 */
public record HostileProgram(String id, String name, Map<String, List<String>> header, List<String> expectations, String code) {
    /** Where the hostile programs are, from the repository root. */
    public static final Path FOLDER = Path.of("infra/sandbox/src/test/resources/hostile");

    private static final Pattern HEADER = Pattern.compile("# ([a-z-]+):(.*)");
    private static final Pattern SELECTOR = Pattern.compile(
            "(report|submission|run|every test|first test|other tests|hidden tests|test \"[^\"]*\") (\\S+) (.*)");
    private static final List<String> OPS = List.of("is ", "= ", "!= ", "stripped = ", "starts with ", "contains ", "lacks ",
            "matches ", "absent", "length <= ", "length < ", "length = ", ">= ", "< ", "lines matching ");

    public HostileProgram {
        header = Map.copyOf(header);
        expectations = List.copyOf(expectations);
        if (name == null || name.isBlank()) throw new IllegalArgumentException(id + ": no '# hostile:' line");
        if (expectations.isEmpty()) throw new IllegalArgumentException(id + ": no '# expect:' line");
        for (String e : expectations) parse(e);
    }

    /** Every {@code *.py} of the folder, by file name. */
    public static List<HostileProgram> readAll(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".py")).sorted().map(HostileProgram::read).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static HostileProgram read(Path file) {
        String id = file.getFileName().toString().replaceFirst("\\.py$", "");
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, List<String>> header = new LinkedHashMap<>();
        List<String> lines = text.lines().toList();
        int i = 0;
        for (; i < lines.size(); i++) {
            var m = HEADER.matcher(lines.get(i));
            if (!m.matches()) break;
            header.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(m.group(2).strip());
        }
        if (i < lines.size() && lines.get(i).isEmpty()) i++;     // the blank line after the header
        int start = 0;
        for (int k = 0; k < i; k++) start = text.indexOf('\n', start) + 1;
        String name = header.getOrDefault("hostile", List.of("")).get(0);
        return new HostileProgram(id, name, header, header.getOrDefault("expect", List.of()), text.substring(start));
    }

    public String one(String key, String otherwise) {
        List<String> v = header.get(key);
        return v == null ? otherwise : v.get(0);
    }

    public List<String> all(String key) {
        return header.getOrDefault(key, List.of());
    }

    /** The program and its expectations with each {@code {KEY}} replaced by its value. */
    public HostileProgram with(Map<String, String> placeholders) {
        String c = code;
        List<String> ex = new ArrayList<>(expectations);
        for (var p : placeholders.entrySet()) {
            String key = "{" + p.getKey() + "}";
            c = c.replace(key, p.getValue());
            ex.replaceAll(e -> e.replace(key, p.getValue()));
        }
        Map<String, List<String>> h = new LinkedHashMap<>(header);
        h.put("expect", ex);
        return new HostileProgram(id, name, h, ex, c);
    }

    /** Whether an expectation names this word (e.g. a status). */
    public boolean expects(String word) {
        return expectations.stream().anyMatch(e -> e.contains(word));
    }

    private record Expectation(String selector, String field, String op, String operand, String line) {}

    private static Expectation parse(String line) {
        var m = SELECTOR.matcher(line);
        if (!m.matches()) throw new IllegalArgumentException("expect: '" + line + "': SELECTOR FIELD OP [OPERAND]");
        String rest = m.group(3);
        for (String op : OPS) {
            if (rest.equals(op.strip()) || rest.startsWith(op)) {
                Expectation e = new Expectation(m.group(1), m.group(2), op.strip(), rest.substring(Math.min(rest.length(), op.length())), line);
                operand(e);     // fails on a malformed operand now, not when the program has run
                return e;
            }
        }
        throw new IllegalArgumentException("expect: '" + line + "': unknown operator in '" + rest + "'");
    }

    private static JsonNode operand(Expectation e) {
        if (e.op().equals("absent")) return MissingNode.getInstance();
        String text = e.op().equals("lines matching") ? e.operand().replaceFirst(" = \\d+$", "") : e.operand();
        if (e.op().equals("is")) return Jobs.JSON.getNodeFactory().textNode(text);
        try {
            return Jobs.JSON.readTree(text);
        } catch (JsonProcessingException x) {
            throw new IllegalArgumentException("expect: '" + e.line() + "': the operand is not JSON: " + text);
        }
    }

    /**
     * What differs from the expectations, one line each; empty when all hold.
     *
     * @param document the report or the submission
     * @param tests    its tests (runner results or verdict tests), each with a {@code name}
     * @param ms       how long the run took, or null where the path does not time it
     */
    public List<String> mismatches(JsonNode document, JsonNode tests, Long ms) {
        List<Expectation> parsed = expectations.stream().map(HostileProgram::parse).toList();
        boolean firstPicked = parsed.stream().anyMatch(e -> e.selector().equals("first test"));
        Set<String> named = new java.util.HashSet<>();
        for (Expectation e : parsed) if (e.selector().startsWith("test ")) named.add(e.selector().substring(6, e.selector().length() - 1));
        List<String> wrong = new ArrayList<>();
        for (Expectation e : parsed) {
            List<JsonNode> picked = new ArrayList<>();
            switch (e.selector()) {
                case "report", "submission" -> picked.add(document);
                case "run" -> {
                    if (ms == null) {
                        wrong.add(e.line() + ": the run is not timed on this path");
                        continue;
                    }
                    picked.add(Jobs.JSON.createObjectNode().put("ms", ms));
                }
                default -> {
                    for (int i = 0; i < tests.size(); i++) {
                        JsonNode t = tests.get(i);
                        String n = t.path("name").asText();
                        boolean pick = switch (e.selector()) {
                            case "every test" -> true;
                            case "first test" -> i == 0;
                            case "other tests" -> !(firstPicked && i == 0) && !named.contains(n);
                            case "hidden tests" -> t.path("visibility").asText().equals("hidden");
                            default -> e.selector().equals("test \"" + n + "\"");
                        };
                        if (pick) picked.add(t);
                    }
                }
            }
            if (picked.isEmpty()) wrong.add(e.line() + ": no such test");
            for (JsonNode node : picked) {
                JsonNode v = e.field().equals("json") ? Jobs.JSON.getNodeFactory().textNode(node.toString()) : node.at("/" + e.field());
                if (!holds(e, v)) wrong.add(e.line() + ": " + e.field() + " is " + (v.isMissingNode() ? "absent" : v.toString())
                        + (node == document ? "" : " in " + node));
            }
        }
        return wrong;
    }

    private static boolean holds(Expectation e, JsonNode v) {
        JsonNode want = operand(e);
        String text = v.isValueNode() ? v.asText() : v.isMissingNode() ? "" : v.toString();
        return switch (e.op()) {
            case "is" -> !v.isMissingNode() && List.of(want.asText().split("\\|")).contains(text);
            case "=" -> equal(v, want);
            case "!=" -> !equal(v, want);
            case "stripped =" -> text.strip().equals(want.asText());
            case "starts with" -> text.startsWith(want.asText());
            case "contains" -> text.contains(want.asText());
            case "lacks" -> !text.contains(want.asText());
            case "matches" -> Pattern.compile(want.asText()).matcher(text).find();
            case "absent" -> v.isMissingNode();
            case "length <=" -> text.length() <= want.asLong();
            case "length <" -> text.length() < want.asLong();
            case "length =" -> text.length() == want.asLong();
            case ">=" -> v.isNumber() && v.asDouble() >= want.asDouble();
            case "<" -> v.isNumber() && v.asDouble() < want.asDouble();
            case "lines matching" -> {
                Pattern p = Pattern.compile(want.asText());
                long n = Long.parseLong(e.operand().replaceFirst("^.* = (\\d+)$", "$1"));
                yield text.lines().filter(l -> p.matcher(l).find()).count() == n;
            }
            default -> throw new IllegalStateException(e.op());
        };
    }

    private static boolean equal(JsonNode v, JsonNode want) {
        if (v.isMissingNode()) return false;
        if (want.isTextual()) return v.isTextual() && v.asText().equals(want.asText());
        return v.equals((a, b) -> a.equals(b) || (a.isNumber() && b.isNumber() && a.decimalValue().compareTo(b.decimalValue()) == 0) ? 0 : 1, want);
    }
}
