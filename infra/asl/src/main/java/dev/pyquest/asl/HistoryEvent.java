package dev.pyquest.asl;

import java.time.Instant;

/**
 * One entry of an execution's history. {@code state} is {@code null} for ExecutionStarted/ExecutionSucceeded and
 * names the failing state (or the state about to be entered, for an execution timeout) for ExecutionFailed.
 * {@code type} is one of the constants below.
 */
public record HistoryEvent(Instant at, String type, String state, String detail) {
    /** detail: the execution input (compact JSON). */
    public static final String EXECUTION_STARTED = "ExecutionStarted";
    /** detail: the state's raw input (compact JSON). */
    public static final String STATE_ENTERED = "StateEntered";
    /** detail: {@code <resource> attempt=<n>}. */
    public static final String TASK_SCHEDULED = "TaskScheduled";
    /** detail: the task result (compact JSON), before ResultSelector. */
    public static final String TASK_SUCCEEDED = "TaskSucceeded";
    /** detail: {@code <error>: <cause>} (also for States.Timeout and errors while preparing input/output). */
    public static final String TASK_FAILED = "TaskFailed";
    /** detail: {@code Retry[<i>] retry <k>/<MaxAttempts> after <seconds>s}. */
    public static final String RETRY_SCHEDULED = "RetryScheduled";
    /** detail: {@code Catch[<i>] <error> -> <Next>}. */
    public static final String CATCH_TAKEN = "CatchTaken";
    /** detail: the state's output (compact JSON). */
    public static final String STATE_EXITED = "StateExited";
    /** detail: the execution output (compact JSON). */
    public static final String EXECUTION_SUCCEEDED = "ExecutionSucceeded";
    /** detail: {@code <error>: <cause>}. */
    public static final String EXECUTION_FAILED = "ExecutionFailed";
}
