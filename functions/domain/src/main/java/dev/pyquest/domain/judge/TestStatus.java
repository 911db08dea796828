package dev.pyquest.domain.judge;

public enum TestStatus { PASSED, WRONG_ANSWER, TIME_LIMIT, MEMORY_LIMIT, OUTPUT_LIMIT, RUNTIME_ERROR, SYNTAX_ERROR }
