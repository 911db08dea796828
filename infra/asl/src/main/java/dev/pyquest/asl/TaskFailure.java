package dev.pyquest.asl;

/**
 * A task failure with an ASL error name (matched by {@code ErrorEquals}) and a cause. A {@code null}
 * error is reported as {@code States.TaskFailed}; a {@code null} cause as the empty string.
 */
public class TaskFailure extends Exception {
    private final String error;
    private final String cause;

    public TaskFailure(String error, String cause) {
        this(error, cause, null);
    }

    public TaskFailure(String error, String cause, Throwable throwable) {
        super((error == null ? "States.TaskFailed" : error) + ": " + (cause == null ? "" : cause), throwable);
        this.error = error == null ? "States.TaskFailed" : error;
        this.cause = cause == null ? "" : cause;
    }

    public String error() {
        return error;
    }

    public String cause() {
        return cause;
    }
}
