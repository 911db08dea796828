package dev.pyquest.shared.store;

/**
 * The learner already has as many submissions QUEUED or RUNNING as they may: the new one was not
 * written. Not an error of ours: the API answers 429 and the learner submits again once a verdict is in.
 */
public final class InFlightLimitException extends RuntimeException {
    private final int limit;

    public InFlightLimitException(int limit) {
        super("at most " + limit + " submissions may be waiting for a verdict at once");
        this.limit = limit;
    }

    public int limit() { return limit; }
}
