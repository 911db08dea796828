package dev.pyquest.domain.content;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One entry of an exercise's learner-bug bank: a wrong solution a learner could plausibly write
 * from the statement and the public examples alone ({@code file}, under {@code bank/}), the kind of
 * mistake it makes, why it is wrong, and a witness: arguments the statement allows on which its
 * result differs from the reference's, compared with {@code checker}. Bank files are a content
 * check's material only: neither the catalog nor the judge's table ever holds them.
 */
public record BankEntry(String file, BugClass bugClass, String why, JsonNode witnessArgs, Checker checker, String code) {}
