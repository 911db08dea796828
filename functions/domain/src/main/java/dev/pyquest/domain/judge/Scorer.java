package dev.pyquest.domain.judge;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pyquest.domain.Json;
import dev.pyquest.domain.content.TestCase;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the sandbox's report into a verdict. The report is untrusted data written by a process
 * that ran the learner's code: it is parsed under size and depth limits, only plain JSON values
 * are compared, and the comparison with the expected values (which never entered the box)
 * happens here.
 */
public final class Scorer {
    /** The most of a public test's stdout a learner is shown. */
    public static final int STDOUT_SHOWN = 4096;
    private static final int MESSAGE_SHOWN = 2048;
    /**
     * The project's one mapper configuration ({@link Json#json}: each key once, nothing after the
     * document, so a second report appended or a second "status" key is a malformed report, never
     * "the last one wins"), with limits for output of untrusted code.
     */
    private static final ObjectMapper UNTRUSTED = Json.json(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(200)
                            .maxStringLength(4 << 20)
                            .maxNumberLength(2000)
                            .maxDocumentLength(16L << 20)
                            .build())
                    .build())
            .build();

    /**
     * What a hidden test shows: its status and these words, nothing else. The status comes from a
     * fixed set (PASSED, WRONG_ANSWER, RUNTIME_ERROR, TIME_LIMIT, MEMORY_LIMIT, OUTPUT_LIMIT,
     * NOT_RUN, INPUT_CHANGED); no text, exception type or value of the box reaches the learner (not
     * even which argument was changed), since the learner's code chooses them and could spell the
     * hidden inputs with them. So a submission tells at most log2(8) = 3 bits per hidden test
     * (docs/threat-model.md).
     */
    static final java.util.Map<TestStatus, String> HIDDEN_MESSAGES = java.util.Map.of(
            TestStatus.PASSED, "passed",
            TestStatus.WRONG_ANSWER, "wrong answer on a hidden test",
            TestStatus.RUNTIME_ERROR, "the code raised an exception on a hidden test",
            TestStatus.TIME_LIMIT, "time limit exceeded",
            TestStatus.MEMORY_LIMIT, "memory limit exceeded",
            TestStatus.OUTPUT_LIMIT, "output limit exceeded",
            TestStatus.NOT_RUN, "not run: an earlier test ran out of time",
            TestStatus.INPUT_CHANGED, "your function changed an argument it was given on a hidden test:"
                    + " leave the arguments as they are and return a new value");
    /** The most of an argument's value (as JSON) a public test's INPUT_CHANGED message shows, before and after. */
    private static final int ARGUMENT_SHOWN = 300;

    private Scorer() {}

    public static Verdict score(JudgeSpec spec, byte[] report) {
        JsonNode root;
        try {
            root = UNTRUSTED.readTree(report);
        } catch (IOException | RuntimeException e) {
            throw new JudgeFault("sandbox report is not valid JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject() || !root.path("compile").isObject()) {
            throw new JudgeFault("sandbox report has no compile section");
        }
        List<TestCase> all = new ArrayList<>(spec.examples());
        all.addAll(spec.tests());
        int publicCount = spec.examples().size();
        JsonNode compile = root.get("compile");
        if (!compile.path("ok").isBoolean()) throw new JudgeFault("sandbox report's compile section has no boolean ok");
        List<TestResult> out = new ArrayList<>(all.size());
        if (!compile.get("ok").booleanValue()) {
            String msg = "line " + compile.path("line").asInt(0) + ", column " + compile.path("column").asInt(0)
                    + ": " + cap(compile.path("message").asText("syntax error"), MESSAGE_SHOWN);
            for (int i = 0; i < all.size(); i++) {
                out.add(new TestResult(all.get(i).name(), visibility(i, publicCount), TestStatus.SYNTAX_ERROR, msg,
                        null, null, null));
            }
            return new Verdict(0, all.size(), List.copyOf(out));
        }
        JsonNode results = root.path("results");
        if (!results.isArray()) throw new JudgeFault("sandbox report has no results");
        int passed = 0;
        for (int i = 0; i < all.size(); i++) {
            TestCase t = all.get(i);
            boolean isPublic = i < publicCount;
            JsonNode r = i < results.size() ? results.get(i) : null;
            TestResult result = judge(t, r, isPublic, visibility(i, publicCount));
            if (result.status() == TestStatus.PASSED) passed++;
            out.add(result);
        }
        return new Verdict(passed, all.size(), List.copyOf(out));
    }

    private static TestResult judge(TestCase t, JsonNode r, boolean isPublic, TestResult.Visibility v) {
        TestResult full = judgeFully(t, r, isPublic, v);
        if (isPublic) return full;
        // A hidden test: the status, in words of ours; nothing the box wrote (see HIDDEN_MESSAGES).
        return new TestResult(full.name(), v, full.status(), HIDDEN_MESSAGES.get(full.status()), null, null, null);
    }

    private static TestResult judgeFully(TestCase t, JsonNode r, boolean isPublic, TestResult.Visibility v) {
        if (r != null && !r.isNull() && !r.isObject()) {
            throw new JudgeFault("sandbox report has a result that is not an object at test '" + t.name() + "'");
        }
        if (r == null || r.isNull()) {
            return new TestResult(t.name(), v, TestStatus.RUNTIME_ERROR, "the test produced no result", null, null, null);
        }
        if (!t.name().equals(r.path("name").asText())) {
            throw new JudgeFault("sandbox report is out of order at test '" + t.name() + "'");
        }
        String stdout = isPublic ? cap(r.path("stdout").asText(""), STDOUT_SHOWN) : null;
        JsonNode expected = isPublic ? t.expected() : null;
        String status = r.path("status").asText("");
        return switch (status) {
            case "OK" -> {
                JsonNode value = r.get("value");
                if (value != null && JsonEquality.matches(t.checker(), t.expected(), value)) {
                    yield new TestResult(t.name(), v, TestStatus.PASSED, "passed", expected, isPublic ? value : null, stdout);
                }
                yield new TestResult(t.name(), v, TestStatus.WRONG_ANSWER,
                        isPublic ? "wrong answer" : "wrong answer on a hidden test", expected, isPublic ? value : null, stdout);
            }
            case "NOT_JSON" -> new TestResult(t.name(), v, TestStatus.WRONG_ANSWER,
                    "the function returned something that is not plain data (numbers, strings, booleans, None, lists, dicts)"
                            + (isPublic && r.hasNonNull("error") ? ": " + cap(r.get("error").asText(), 200) : ""),
                    expected, null, stdout);
            case "NO_FUNCTION" -> new TestResult(t.name(), v, TestStatus.RUNTIME_ERROR,
                    cap(r.path("error").asText("the function is not defined"), MESSAGE_SHOWN), expected, null, stdout);
            case "TIME_LIMIT" -> limit(t, v, TestStatus.TIME_LIMIT, "time limit exceeded", expected, stdout);
            case "MEMORY_LIMIT" -> limit(t, v, TestStatus.MEMORY_LIMIT, "memory limit exceeded", expected, stdout);
            case "OUTPUT_LIMIT" -> limit(t, v, TestStatus.OUTPUT_LIMIT, "output limit exceeded", expected, stdout);
            case "NOT_RUN" -> limit(t, v, TestStatus.NOT_RUN, HIDDEN_MESSAGES.get(TestStatus.NOT_RUN), expected, stdout);
            case "RUNTIME_ERROR" -> new TestResult(t.name(), v, TestStatus.RUNTIME_ERROR, runtimeMessage(r),
                    expected, null, stdout);
            // Whatever the function returned: a function that changes its arguments fails a test that checks them.
            case "INPUT_CHANGED" -> new TestResult(t.name(), v, TestStatus.INPUT_CHANGED, isPublic ? inputChanged(t, r) : null,
                    expected, isPublic ? plainOrNull(r.get("value")) : null, stdout);
            default -> throw new JudgeFault("sandbox report has unknown status '" + cap(status, 40) + "'");
        };
    }

    private static TestResult limit(TestCase t, TestResult.Visibility v, TestStatus s, String msg, JsonNode expected, String stdout) {
        return new TestResult(t.name(), v, s, msg, expected, null, stdout);
    }

    /**
     * A public test's INPUT_CHANGED message: which argument, what it was (the example's own
     * arguments, which the learner sees anyway) and what the call made of it.
     */
    private static String inputChanged(TestCase t, JsonNode r) {
        JsonNode position = r.get("argument");
        int i = position != null && position.isIntegralNumber() && position.canConvertToInt() ? position.intValue() : 0;
        if (i < 1 || i > t.args().size()) {
            return "your function changed one of its arguments in place: leave the arguments as they are and return a new value";
        }
        JsonNode before = t.args().get(i - 1);
        JsonNode after = r.get("after");
        String what = before.isArray() ? "a new list" : before.isObject() ? "a new dict" : "a new value";
        return "your function changed its argument " + i + " in place: before " + shown(before)
                + ", after " + (after == null ? "something that is not plain data" : shown(after))
                + "; leave it as it is and return " + what + " instead";
    }

    /** A value as JSON with a space after each comma and colon (as Python prints lists and dicts), cut at ARGUMENT_SHOWN. */
    static String shown(JsonNode value) {
        StringBuilder b = new StringBuilder();
        spaced(value, b);
        return cap(b.toString(), ARGUMENT_SHOWN);
    }

    private static void spaced(JsonNode n, StringBuilder b) {
        if (b.length() > ARGUMENT_SHOWN) return;       // cut anyway: no need to write the rest of a large value
        if (n.isArray()) {
            b.append('[');
            for (int i = 0; i < n.size(); i++) {
                if (i > 0) b.append(", ");
                spaced(n.get(i), b);
            }
            b.append(']');
        } else if (n.isObject()) {
            b.append('{');
            boolean first = true;
            for (var it = n.fields(); it.hasNext(); ) {
                var e = it.next();
                if (!first) b.append(", ");
                first = false;
                b.append(com.fasterxml.jackson.databind.node.TextNode.valueOf(e.getKey())).append(": ");
                spaced(e.getValue(), b);
            }
            b.append('}');
        } else {
            b.append(n);
        }
    }

    private static JsonNode plainOrNull(JsonNode value) {
        return value == null || value.isMissingNode() ? null : value;
    }

    private static String runtimeMessage(JsonNode r) {
        String error = r.path("error").asText("the code raised an error");
        String tb = r.path("traceback").asText("");
        return cap(tb.isBlank() ? error : error + "\n" + tb, MESSAGE_SHOWN);
    }

    private static TestResult.Visibility visibility(int i, int publicCount) {
        return i < publicCount ? TestResult.Visibility.PUBLIC : TestResult.Visibility.HIDDEN;
    }

    static String cap(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "…";
    }
}
