package dev.pyquest.domain.judge;

/**
 * A test's outcome as learners see it. {@code NOT_RUN}: an earlier test of the same run ran out of
 * time, so the verdict was settled and the rest was not run.
 */
public enum TestStatus { PASSED, WRONG_ANSWER, TIME_LIMIT, MEMORY_LIMIT, OUTPUT_LIMIT, RUNTIME_ERROR, SYNTAX_ERROR, NOT_RUN }
