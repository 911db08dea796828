package dev.pyquest.local;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The order in which sandbox jobs get the judge: at most {@code slots} jobs at once, at most one
 * job per group (a group is one learner) at once, and the groups that wait take turns.
 *
 * <p>One job per learner at a time is a security rule, not only a fairness one: a learner's boxes
 * must never share the kernel at the same time (CPU timing, page cache), or a box whose output the
 * learner sees could observe a box holding the hidden inputs of another of their submissions.
 *
 * <p>Turns: a group that waits is in a ring; a free slot goes to the ring's first group, which
 * leaves the ring while its job runs and joins its end again if it has more waiting. So however
 * many jobs one learner has queued, a learner who queues one job after them waits for at most one
 * of theirs to end per slot (in practice: the job already running), never for their backlog.
 *
 * <p>Blocking, for the workflow's threads (the sandbox task of the ASL interpreter is a blocking
 * call): {@link #acquire} returns once the job may run; closing the permit frees the slot.
 */
public final class JudgeQueue {
    private final int slots;
    private final Map<String, Deque<Ticket>> waiting = new HashMap<>();
    /** Groups with a job waiting and none running, in the order they take their turns. */
    private final LinkedHashSet<String> ring = new LinkedHashSet<>();
    private final Set<String> running = new HashSet<>();
    private int busy;

    public JudgeQueue(int slots) {
        if (slots < 1) throw new IllegalArgumentException("the judge needs at least one slot, not " + slots);
        this.slots = slots;
    }

    /** Judge slots from the environment: {@code PYQUEST_JUDGE_SLOTS}, else one per core. */
    public static int slotsFromEnvironment() {
        String v = System.getenv("PYQUEST_JUDGE_SLOTS");
        if (v == null || v.isBlank()) return Runtime.getRuntime().availableProcessors();
        return Integer.parseInt(v.trim());
    }

    /** A job's right to run; closing it gives the slot back (exactly once). */
    public final class Permit implements AutoCloseable {
        private final String group;
        private boolean closed;

        private Permit(String group) {
            this.group = group;
        }

        @Override
        public void close() {
            synchronized (JudgeQueue.this) {
                if (closed) return;
                closed = true;
                release(group);
            }
        }
    }

    private static final class Ticket {
        boolean granted;
    }

    /** Waits until a job of {@code group} may run. */
    public Permit acquire(String group) throws InterruptedException {
        Objects.requireNonNull(group, "group");
        Ticket t = new Ticket();
        synchronized (this) {
            waiting.computeIfAbsent(group, g -> new ArrayDeque<>()).addLast(t);
            if (!running.contains(group)) ring.add(group);
            dispatch();
            try {
                while (!t.granted) wait();
            } catch (InterruptedException e) {
                if (t.granted) {
                    release(group);       // granted as we were interrupted: give the slot on
                } else {
                    Deque<Ticket> q = waiting.get(group);
                    q.remove(t);
                    if (q.isEmpty()) {
                        waiting.remove(group);
                        ring.remove(group);
                    }
                }
                throw e;
            }
        }
        return new Permit(group);
    }

    private void dispatch() {
        boolean granted = false;
        while (busy < slots && !ring.isEmpty()) {
            String g = ring.iterator().next();
            ring.remove(g);
            Deque<Ticket> q = waiting.get(g);
            Ticket t = q.pollFirst();
            if (q.isEmpty()) waiting.remove(g);
            t.granted = true;
            running.add(g);
            busy++;
            granted = true;
        }
        if (granted) notifyAll();
    }

    private void release(String group) {
        busy--;
        running.remove(group);
        if (waiting.containsKey(group)) ring.add(group);      // to the end of the ring: the others go first
        dispatch();
    }

    /** Jobs running now. */
    public synchronized int running() {
        return busy;
    }

    /** Jobs waiting now. */
    public synchronized int waiting() {
        return waiting.values().stream().mapToInt(Deque::size).sum();
    }

    public int slots() {
        return slots;
    }
}
