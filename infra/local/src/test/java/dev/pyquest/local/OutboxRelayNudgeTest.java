package dev.pyquest.local;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The idle relay poller reads the stream when a function nudges it, not at its next tick: a nudge that came
 * before the wait is kept, one that comes during it ends it, and without one the wait lasts its tick.
 * The tick here is 30 s, so a broken nudge is told from a working one by seconds, not milliseconds.
 */
class OutboxRelayNudgeTest {
    private static OutboxRelayPoller poller(Path dir, long idleMillis) {
        return new OutboxRelayPoller(null, "arn:local:stream", batch -> { }, dir.resolve("checkpoint.json"), idleMillis);
    }

    @Test
    void aNudgeBeforeTheWaitIsKeptAndSpentOnce(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        OutboxRelayPoller p = poller(dir, 30_000);
        p.nudge();
        long t0 = System.nanoTime();
        p.idle();
        assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(10), "a nudge given before the wait was lost");
        // Spent: the next wait lasts its tick (a short poller tells that without a 30 s test).
        OutboxRelayPoller q = poller(dir, 200);
        q.nudge();
        q.idle();
        long t1 = System.nanoTime();
        q.idle();
        assertTrue(System.nanoTime() - t1 >= TimeUnit.MILLISECONDS.toNanos(200), "one nudge ended two waits");
    }

    @Test
    void aNudgeDuringTheWaitEndsIt(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        OutboxRelayPoller p = poller(dir, 30_000);
        CountDownLatch started = new CountDownLatch(1), done = new CountDownLatch(1);
        Thread t = new Thread(() -> {
            try {
                started.countDown();
                p.idle();
                done.countDown();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        t.setDaemon(true);
        t.start();
        assertTrue(started.await(10, TimeUnit.SECONDS));
        assertEquals(1, done.getCount(), "no nudge yet: the poller still waits");
        p.nudge();
        assertTrue(done.await(10, TimeUnit.SECONDS), "a nudge must end the idle wait");
    }
}
