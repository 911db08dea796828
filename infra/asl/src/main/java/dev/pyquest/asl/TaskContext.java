package dev.pyquest.asl;

/**
 * What a {@link TaskBinding} knows about the invocation.
 *
 * @param executionName the execution's name
 * @param stateName     the Task state's name
 * @param attempt       1 for the first invocation of this state entry, 2 for the first retry, ...
 *                      (equals {@code $$.State.RetryCount + 1})
 */
public record TaskContext(String executionName, String stateName, int attempt) {}
