package dev.pyquest.domain.streak;

import java.time.LocalDate;

/**
 * Consecutive local days with a qualifying activity (we count the daily login). {@code last} is the
 * last local day that counted, in the learner's stored zone.
 */
public record Streak(int current, int longest, LocalDate last) {
    public static final Streak NONE = new Streak(0, 0, null);

    /** The streak after activity on {@code today}: same day changes nothing, the next day extends, a gap restarts at 1. */
    public Streak on(LocalDate today) {
        if (last != null && !today.isAfter(last)) return this;
        int next = last != null && last.plusDays(1).equals(today) ? current + 1 : 1;
        return new Streak(next, Math.max(longest, next), today);
    }

    /** The streak as shown on {@code today}: broken (0) once a whole local day has been missed. */
    public int currentOn(LocalDate today) {
        if (last == null) return 0;
        return today.isAfter(last.plusDays(1)) ? 0 : current;
    }
}
