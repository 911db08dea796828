package dev.pyquest.domain.streak;

import java.time.LocalDate;
import java.time.ZoneId;

/**
 * Consecutive local days with a qualifying activity (we count the daily login). {@code last} is the
 * last local day that counted, in the learner's stored zone.
 *
 * <p>Streak freezes: a learner may hold some (bought in the shop). When the next qualifying day comes
 * after missed days and the learner holds at least as many freezes as days were missed, that many
 * freezes are used and the streak goes on (a frozen day keeps the streak, it does not lengthen it).
 * With fewer freezes than missed days the streak restarts at 1 and no freeze is used. Days a zone
 * never had (Pacific/Apia skipped 2011-12-30) are not missed days.
 */
public record Streak(int current, int longest, LocalDate last) {
    public static final Streak NONE = new Streak(0, 0, null);

    /** The streak after activity on {@code today}, and how many freezes that used. */
    public record Step(Streak next, int freezesUsed) {}

    /** As {@link #on(LocalDate, int, ZoneId)} without freezes, in a zone that has every date. */
    public Streak on(LocalDate today) {
        return on(today, 0, ZoneId.of("UTC")).next();
    }

    /** Same day changes nothing; the next day extends; missed days are covered by freezes or restart at 1. */
    public Step on(LocalDate today, int freezes, ZoneId zone) {
        if (last != null && !today.isAfter(last)) return new Step(this, 0);
        if (last == null) return new Step(new Streak(1, Math.max(longest, 1), today), 0);
        int missed = missedDays(last, today, zone);
        if (missed == 0) return new Step(extended(today), 0);
        if (missed <= freezes) return new Step(extended(today), missed);
        return new Step(new Streak(1, Math.max(longest, 1), today), 0);
    }

    private Streak extended(LocalDate today) {
        int next = current + 1;
        return new Streak(next, Math.max(longest, next), today);
    }

    /** The streak as shown on {@code today}: broken (0) once more days were missed than freezes cover. */
    public int currentOn(LocalDate today, int freezes, ZoneId zone) {
        if (last == null) return 0;
        if (!today.isAfter(last)) return current;
        // today itself is not missed yet: it can still count.
        return missedDays(last, today, zone) <= freezes ? current : 0;
    }

    /** As above without freezes, in a zone that has every date. */
    public int currentOn(LocalDate today) {
        return currentOn(today, 0, ZoneId.of("UTC"));
    }

    /** Local dates strictly between {@code from} and {@code to} that existed in {@code zone}. */
    static int missedDays(LocalDate from, LocalDate to, ZoneId zone) {
        int missed = 0;
        for (LocalDate d = from.plusDays(1); d.isBefore(to); d = d.plusDays(1)) {
            if (missed > 400) return missed; // long gone; no one holds that many freezes
            if (existed(d, zone)) missed++;
        }
        return missed;
    }

    /** False for a date the zone skipped whole (its start of day falls on the next date). */
    static boolean existed(LocalDate d, ZoneId zone) {
        return d.atStartOfDay(zone).toLocalDate().equals(d);
    }
}
