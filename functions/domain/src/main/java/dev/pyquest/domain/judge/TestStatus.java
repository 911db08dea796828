package dev.pyquest.domain.judge;

/**
 * A test's outcome as learners see it. {@code NOT_RUN}: an earlier test of the same run ran out of
 * time, so the verdict was settled and the rest was not run. {@code INPUT_CHANGED}: the test checks
 * that the arguments are unchanged by the call ({@code inputsUnchanged}), and one was changed in place.
 */
public enum TestStatus { PASSED, WRONG_ANSWER, TIME_LIMIT, MEMORY_LIMIT, OUTPUT_LIMIT, RUNTIME_ERROR, SYNTAX_ERROR, NOT_RUN, INPUT_CHANGED }
