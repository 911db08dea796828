package dev.pyquest.local;

import dev.pyquest.shared.ports.SubmissionWatch;

/**
 * The local stack's {@link SubmissionWatch}: the stack counts the workflow executions that ended
 * (each has recorded its verdict or its error by then) and a poll waits until the count passes the
 * mark it took before its last read. Every ending wakes every poll; each re-reads its own submission
 * and waits again if it is not final: a handful of reads per verdict instead of one per poll every 10 ms.
 */
public final class LocalSubmissionWatch implements SubmissionWatch {
    private long endings;

    @Override
    public synchronized long mark() {
        return endings;
    }

    @Override
    public synchronized void await(String submissionId, long mark, long maxMillis) throws InterruptedException {
        long deadline = System.nanoTime() + maxMillis * 1_000_000L;
        for (long left = maxMillis; endings == mark && left > 0; left = (deadline - System.nanoTime()) / 1_000_000L) {
            wait(left);
        }
    }

    @Override
    public boolean wakes() {
        return true;
    }

    /** An execution ended: every poll waiting on an earlier mark re-reads. */
    public synchronized void executionEnded() {
        endings++;
        notifyAll();
    }
}
