package dev.pyquest.domain.content;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What kind of mistake a learner-bug bank entry makes ({@code content/README.md}, "The learner-bug
 * bank"). A small fixed vocabulary, so the report can say which kinds of mistakes an exercise's
 * hidden tests have been tried against; YAML spells each in kebab case.
 */
public enum BugClass {
    /** Case mappings beyond ASCII: 'ß'.upper() is 'SS', 'İ'.lower() is two code points, title() vs capitalize(). */
    UNICODE_CASE("unicode-case"),
    /** Truncation toward zero where Python floors: int(a / b) vs a // b, % with negatives. */
    NEGATIVE_DIVISION("negative-division"),
    /** Floats where exact arithmetic was needed: == on floats, sqrt or / on large integers, rounding. */
    FLOAT_PRECISION("float-precision"),
    /** A "small enough" or "big enough" start value (0, -1, 10**9) instead of the first element. */
    SENTINEL("sentinel"),
    /** A boundary handled in one position only: the first or last item, an over-long first word, a leftover at the end. */
    BOUNDARY_POSITION("boundary-position"),
    /** A bound one too far or too short: < for <=, range(n) for range(n + 1). */
    OFF_BY_ONE("off-by-one"),
    /** Input validation that accepts what the statement refuses, or refuses what it allows. */
    VALIDATION_CORNER("validation-corner"),
    /** The statement's rules applied in the wrong order, or one of them left out. */
    RULE_ORDER("rule-order"),
    /** An empty list, string or mapping (or one that becomes empty) handled wrong. */
    EMPTY_INPUT("empty-input"),
    /** Repeated values or ties handled wrong. */
    DUPLICATES("duplicates"),
    /** Negative numbers or zero handled wrong (outside division). */
    NEGATIVE_VALUES("negative-values"),
    /**
     * Splits at the wrong characters: one space where any whitespace counts, every non-letter where
     * only spaces separate (str.title(), \b, \w), or keeps or drops separators the statement says otherwise about.
     */
    SEPARATORS("separators"),
    /** The right items in the wrong order, or an order the statement fixes left to chance. */
    ORDERING("ordering"),
    /** The right value in the wrong type: a float for an int, a bool for an int, a tuple inside a dict's values. */
    RESULT_TYPE("result-type"),
    /**
     * Changes an argument in place. On an exercise with {@code inputsUnchanged} the judge fails such a
     * call as INPUT_CHANGED, so the returned value may be right; elsewhere the witness must show the
     * change in the returned value (an alias of the input, say).
     */
    MUTATES_INPUT("mutates-input");

    private final String id;

    BugClass(String id) {
        this.id = id;
    }

    /** The kebab-case spelling used in exercise.yaml and the report. */
    public String id() {
        return id;
    }

    public static Optional<BugClass> of(String id) {
        return Arrays.stream(values()).filter(c -> c.id.equals(id)).findFirst();
    }

    /** Every id, comma-separated, for error messages. */
    public static String ids() {
        return Arrays.stream(values()).map(BugClass::id).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return id;
    }
}
