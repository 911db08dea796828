package dev.pyquest.asl;

import java.time.Duration;

/** How the interpreter waits (Retry intervals, Wait states). Inject a fake in tests. */
@FunctionalInterface
public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;

    /** Really sleeps, with {@link Thread#sleep(Duration)}. */
    static Sleeper system() {
        return d -> {
            if (d.isPositive()) {
                Thread.sleep(d);
            }
        };
    }
}
