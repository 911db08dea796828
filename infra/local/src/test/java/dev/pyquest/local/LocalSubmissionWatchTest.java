package dev.pyquest.local;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The local long poll's wake-up: an ending after the mark wakes the poll (even one that came before the
 * wait began: no lost wake-up), and without one the wait lasts its whole pause. Real threads; the bounds
 * are far from the expected times (a broken watch takes the full 30 s pause, a working one microseconds).
 */
class LocalSubmissionWatchTest {
    private static final long LONG_MS = 30_000;

    @Test
    void anEndingBetweenTheMarkAndTheWaitIsNotLost() throws Exception {
        LocalSubmissionWatch watch = new LocalSubmissionWatch();
        long mark = watch.mark();
        watch.executionEnded();          // the verdict lands after the poll's read, before it waits
        long t0 = System.nanoTime();
        watch.await("s-1", mark, LONG_MS);
        assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(10), "the poll slept through a verdict recorded before its wait");
        assertEquals(mark + 1, watch.mark());
    }

    @Test
    void anEndingWakesEveryPollWaitingOnAnEarlierMark() throws Exception {
        LocalSubmissionWatch watch = new LocalSubmissionWatch();
        long mark = watch.mark();
        CountDownLatch woke = new CountDownLatch(3);
        CountDownLatch waiting = new CountDownLatch(3);
        for (int i = 0; i < 3; i++) {
            String id = "s-" + i;
            Thread t = new Thread(() -> {
                try {
                    waiting.countDown();
                    watch.await(id, mark, LONG_MS);
                    woke.countDown();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            t.setDaemon(true);
            t.start();
        }
        assertTrue(waiting.await(10, TimeUnit.SECONDS));
        assertEquals(3, woke.getCount(), "nothing ended yet: every poll still waits");
        watch.executionEnded();
        assertTrue(woke.await(10, TimeUnit.SECONDS), "an ending must wake the waiting polls");
    }

    @Test
    void withoutAnEndingTheWaitLastsItsPause() throws Exception {
        LocalSubmissionWatch watch = new LocalSubmissionWatch();
        long t0 = System.nanoTime();
        watch.await("s-1", watch.mark(), 200);
        assertTrue(System.nanoTime() - t0 >= TimeUnit.MILLISECONDS.toNanos(200), "returned before its pause with nothing ended");
    }
}
