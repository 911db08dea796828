package dev.pyquest.asl;

/**
 * A runtime error raised inside a state. {@code terminal} errors (States.Runtime, execution timeout) are
 * never retried nor caught, as in AWS.
 */
final class StateError extends Exception {
    static final String RUNTIME = "States.Runtime";
    static final String TIMEOUT = "States.Timeout";
    static final String TASK_FAILED = "States.TaskFailed";
    static final String ALL = "States.ALL";
    static final String NO_CHOICE_MATCHED = "States.NoChoiceMatched";
    static final String INTRINSIC_FAILURE = "States.IntrinsicFailure";
    static final String RESULT_PATH_MATCH_FAILURE = "States.ResultPathMatchFailure";

    private final String error;
    private final String errorCause;
    private final boolean terminal;

    StateError(String error, String cause, boolean terminal) {
        super(error + ": " + cause, null, false, false);
        this.error = error;
        this.errorCause = cause;
        this.terminal = terminal;
    }

    static StateError runtime(String cause) {
        return new StateError(RUNTIME, cause, true);
    }

    static StateError of(String error, String cause) {
        return new StateError(error, cause, false);
    }

    String error() {
        return error;
    }

    String errorCause() {
        return errorCause;
    }

    boolean terminal() {
        return terminal;
    }
}
