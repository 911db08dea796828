package dev.pyquest.domain.content;

/** A plausible wrong answer the hidden tests must catch. */
public record WrongSolution(String file, String why, String code) {}
