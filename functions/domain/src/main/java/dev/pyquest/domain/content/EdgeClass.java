package dev.pyquest.domain.content;

import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Which kind of input a generated hidden test is ({@code content/README.md}, "Generated hidden
 * tests"): a small fixed vocabulary, so the report can say which edge classes an exercise's tests
 * cover. A generated test's name carries its class: {@code "generated: negatives #2"}.
 */
public enum EdgeClass {
    /** An empty list, string or mapping. */
    EMPTY("empty"),
    /** A single element (or a single character, a single word). */
    ONE_ELEMENT("one-element"),
    /** Negative numbers. */
    NEGATIVES("negatives"),
    /** Zero where a number is taken. */
    ZERO("zero"),
    /** Large magnitudes: beyond 2**53, where float arithmetic stops being exact. */
    LARGE_MAGNITUDE("large-magnitude"),
    /** Repeated values. */
    DUPLICATES("duplicates"),
    /** Ties: equal keys, equal counts, equal lengths. */
    TIES("ties"),
    /** Text beyond Latin-1, including case maps that change the length ('ß'.upper() is 'SS'). */
    UNICODE("unicode"),
    /** Floats that are almost equal, or a sum that is not exact in binary. */
    FLOAT_NEAR_EQUALITY("float-near-equality"),
    /** The largest input the statement allows (or a large one well inside the time limit). */
    WORST_CASE_SIZE("worst-case-size"),
    /** A boundary in one position only: the first or the last item, an over-long first word. */
    BOUNDARY("boundary"),
    /** Inputs at the corners of the statement's validation rules. */
    VALIDATION("validation"),
    /** Typical inputs drawn at random within the statement's constraints. */
    RANDOM("random");

    /** The name of a generated test: {@code generated: <class> #<n>}. */
    public static final String PREFIX = "generated: ";
    private static final Pattern NAME = Pattern.compile("generated: ([a-z-]+) #([1-9][0-9]*)");

    private final String id;

    EdgeClass(String id) {
        this.id = id;
    }

    /** The kebab-case spelling used in generate.py, generated.yaml and the report. */
    public String id() {
        return id;
    }

    public static Optional<EdgeClass> of(String id) {
        return Arrays.stream(values()).filter(c -> c.id.equals(id)).findFirst();
    }

    /** The class a generated test's name carries; empty for a hand-written test's name. */
    public static Optional<EdgeClass> ofTestName(String name) {
        Matcher m = NAME.matcher(name);
        return m.matches() ? of(m.group(1)) : Optional.empty();
    }

    public static String testName(EdgeClass c, int n) {
        return PREFIX + c.id + " #" + n;
    }

    /** Every id, comma-separated, for error messages. */
    public static String ids() {
        return Arrays.stream(values()).map(EdgeClass::id).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return id;
    }
}
