package dev.pyquest.shared.ports;

/**
 * How a long poll ({@code GET /submissions/{id}?wait=N}) waits between two reads of the submission.
 * In Lambda nothing tells a function that an item changed, so it sleeps its pause and re-reads
 * ({@link #SLEEP}). The local stack runs the workflow in the same process: its watch {@link #wakes}
 * a poll as soon as an execution ends, so the verdict is answered the moment it is recorded and a
 * waiting poll reads nothing while the judge runs. Either way the caller re-reads the item after
 * each wait: a wake-up says "it may have changed", never what it is.
 * <p>No wake-up is lost: the caller takes a {@link #mark} before each read, and {@link #await}
 * returns at once if something ended since that mark, even before the wait began.
 */
public interface SubmissionWatch {
    /** Taken before each read of the submission. */
    long mark();

    /** Returns after {@code maxMillis}, or earlier when submission {@code submissionId} may have changed since {@code mark}. */
    void await(String submissionId, long mark, long maxMillis) throws InterruptedException;

    /** True when {@link #await} returns as soon as a submission may have changed: then a poll need not re-read on a timer. */
    boolean wakes();

    /** Lambda's: sleeps the whole pause. */
    SubmissionWatch SLEEP = new SubmissionWatch() {
        @Override public long mark() { return 0; }
        @Override public void await(String submissionId, long mark, long maxMillis) throws InterruptedException { Thread.sleep(maxMillis); }
        @Override public boolean wakes() { return false; }
    };
}
