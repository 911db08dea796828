package dev.pyquest.shared.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * A value built from the catalog table and rebuilt once it is older than {@link #REFRESH}: content loads fill the
 * catalog after a deploy, while containers already run (and the local stack builds its functions before it loads
 * the course), so a value built once at start could hold an empty course forever; a scan per request is too much.
 */
public final class Refreshing<T> {
    /** Content changes at deploy time: a minute late is fine, a scan per request is not. */
    public static final Duration REFRESH = Duration.ofMinutes(1);

    private final Supplier<T> build;
    private final Clock clock;
    private final Duration refresh;
    private T value;
    private Instant builtAt;

    private Refreshing(Supplier<T> build, Clock clock, Duration refresh) {
        this.build = build;
        this.clock = clock;
        this.refresh = refresh;
    }

    /** Rebuilt by {@code build} every {@link #REFRESH} of {@code clock}. */
    public static <T> Refreshing<T> every(Supplier<T> build, Clock clock) {
        return new Refreshing<>(build, clock, REFRESH);
    }

    /** Always {@code value} (tests, and anything that holds its course already). */
    public static <T> Refreshing<T> fixed(T value) {
        Refreshing<T> r = new Refreshing<>(() -> value, Clock.systemUTC(), null);
        r.value = value;
        return r;
    }

    public synchronized T current() {
        if (value == null || (refresh != null && !clock.instant().isBefore(builtAt.plus(refresh)))) {
            value = build.get();
            builtAt = clock.instant();
        }
        return value;
    }
}
