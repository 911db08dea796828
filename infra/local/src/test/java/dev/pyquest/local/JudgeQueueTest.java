package dev.pyquest.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The judge queue: slots, one job per learner at once, learners in turn. Real threads, no sleeps in the assertions' logic. */
class JudgeQueueTest {

    /** Starts a thread that acquires a permit for {@code group} and records its start in {@code starts}. */
    private static Thread waiter(JudgeQueue q, String group, String name, List<String> starts, Map<String, JudgeQueue.Permit> held) {
        Thread t = new Thread(() -> {
            try {
                JudgeQueue.Permit p = q.acquire(group);
                starts.add(name);
                held.put(name, p);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void awaitWaiting(JudgeQueue q, int n) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (q.waiting() != n) {
            assertTrue(System.nanoTime() < end, "waiting jobs: " + q.waiting() + ", expected " + n);
            Thread.sleep(1);
        }
    }

    private static void awaitStarts(List<String> starts, int n) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (starts.size() < n) {
            assertTrue(System.nanoTime() < end, "started: " + starts + ", expected " + n);
            Thread.sleep(1);
        }
    }

    @ParameterizedTest(name = "with {0} slot(s)")
    @ValueSource(ints = {1, 2, 3})
    void aLearnerWhoQueuesOneJobAfterAnotherLearnersEightStartsWithinOneOfTheirs(int slots) throws Exception {
        JudgeQueue q = new JudgeQueue(slots);
        List<String> starts = Collections.synchronizedList(new ArrayList<>());
        Map<String, JudgeQueue.Permit> held = new ConcurrentHashMap<>();
        waiter(q, "A", "A1", starts, held);
        awaitStarts(starts, 1);
        for (int i = 2; i <= 8; i++) {
            waiter(q, "A", "A" + i, starts, held);
            awaitWaiting(q, i - 1);     // each one queued before the next, and all of them before B's
        }
        assertEquals(List.of("A1"), starts, "one job of A at a time, whatever the free slots");
        assertEquals(7, q.waiting());
        waiter(q, "B", "B1", starts, held);
        // B does not wait for A's job when a slot is free; with one slot, it starts as soon as A1 ends.
        if (slots > 1) {
            awaitStarts(starts, 2);
        } else {
            awaitWaiting(q, 8);
            held.get("A1").close();
            awaitStarts(starts, 2);
        }
        assertEquals("B1", starts.get(1), "B's job starts before A's second: " + starts);
        held.values().forEach(JudgeQueue.Permit::close);
    }

    @Test
    void learnersWithWaitingJobsTakeTurnsInTheOrderTheyCame() throws Exception {
        JudgeQueue q = new JudgeQueue(1);
        List<String> starts = Collections.synchronizedList(new ArrayList<>());
        Map<String, JudgeQueue.Permit> held = new ConcurrentHashMap<>();
        waiter(q, "A", "A1", starts, held);
        awaitStarts(starts, 1);
        int queued = 0;
        for (String name : List.of("A2", "A3", "B1", "B2", "C1")) {
            waiter(q, name.substring(0, 1), name, starts, held);
            awaitWaiting(q, ++queued);
        }
        for (int i = 1; i <= 5; i++) {
            String last = starts.get(starts.size() - 1);
            held.get(last).close();
            awaitStarts(starts, i + 1);
        }
        assertEquals(List.of("A1", "B1", "C1", "A2", "B2", "A3"), starts);
    }

    @Test
    void twoJobsOfOneLearnerNeverRunAtOnceAndNoMoreThanTheSlotsRun() throws Exception {
        int slots = 3;
        JudgeQueue q = new JudgeQueue(slots);
        Map<String, AtomicInteger> perLearner = new ConcurrentHashMap<>();
        AtomicInteger all = new AtomicInteger();
        AtomicInteger maxAll = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(24);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> fs = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            String learner = "L" + (i % 4);
            fs.add(pool.submit(() -> {
                go.await();
                for (int k = 0; k < 25; k++) {
                    try (JudgeQueue.Permit p = q.acquire(learner)) {
                        if (perLearner.computeIfAbsent(learner, x -> new AtomicInteger()).incrementAndGet() > 1) overlaps.incrementAndGet();
                        maxAll.accumulateAndGet(all.incrementAndGet(), Math::max);
                        Thread.onSpinWait();
                        Thread.sleep(0, 200_000);
                        all.decrementAndGet();
                        perLearner.get(learner).decrementAndGet();
                    }
                    done.incrementAndGet();
                }
                return null;
            }));
        }
        go.countDown();
        for (Future<?> f : fs) f.get(60, TimeUnit.SECONDS);
        pool.shutdown();
        assertEquals(24 * 25, done.get());
        assertEquals(0, overlaps.get(), "a learner had two jobs running at once");
        assertTrue(maxAll.get() <= slots, "ran at once: " + maxAll.get());
        assertEquals(slots, maxAll.get(), "four learners with work keep three slots busy");
        assertEquals(0, q.running());
        assertEquals(0, q.waiting());
    }

    @Test
    void aWaiterInterruptedBeforeItsTurnLeavesNoTraceAndTheNextOneRuns() throws Exception {
        JudgeQueue q = new JudgeQueue(1);
        List<String> starts = Collections.synchronizedList(new ArrayList<>());
        Map<String, JudgeQueue.Permit> held = new ConcurrentHashMap<>();
        waiter(q, "A", "A1", starts, held);
        awaitStarts(starts, 1);
        Thread b = waiter(q, "B", "B1", starts, held);
        waiter(q, "C", "C1", starts, held);
        awaitWaiting(q, 2);
        b.interrupt();
        awaitWaiting(q, 1);
        held.get("A1").close();
        awaitStarts(starts, 2);
        assertEquals(List.of("A1", "C1"), starts);
        held.get("C1").close();
        held.get("C1").close();     // closing twice frees one slot, not two
        assertEquals(0, q.running());
    }

    @Test
    void aQueueWithoutSlotsIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new JudgeQueue(0));
    }
}
