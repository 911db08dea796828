package dev.pyquest.asl;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Binds the {@code Resource} of Task states to in-process handlers.
 *
 * <p>Outcomes of {@link #invoke}:
 * <ul>
 *   <li>a return value is the task result ({@code null} is treated as JSON {@code null});</li>
 *   <li>{@link TaskFailure} fails the task with its {@code error}/{@code cause};</li>
 *   <li>any {@link RuntimeException} fails the task with error = the exception's simple class name
 *       (like Lambda's {@code errorType}, e.g. {@code IllegalStateException}) and cause = its message
 *       (empty string when it has none);</li>
 *   <li>a {@link Error} is not a task failure: it propagates out of {@link StateMachine#start}.</li>
 * </ul>
 *
 * <p>The binding runs on the thread calling {@link StateMachine#start}, unless the Task has a
 * {@code TimeoutSeconds} or the state machine has a top-level {@code TimeoutSeconds}: then it runs on a
 * dedicated daemon worker thread that is interrupted when the timeout is exceeded.
 */
@FunctionalInterface
public interface TaskBinding {
    JsonNode invoke(String resource, JsonNode parameters, TaskContext ctx) throws TaskFailure;
}
