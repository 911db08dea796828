package dev.pyquest.domain.leaderboard;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;

/**
 * A leaderboard week: from Monday 00:00 UTC (included) to the next Monday 00:00 UTC (excluded),
 * named by its ISO-8601 week, e.g. {@code 2026-W48}. The ISO year is the week-based year, so the
 * days around New Year belong to the week that holds their Thursday: 2027-01-01 (a Friday) is in
 * {@code 2026-W53}, 2024-12-30 (a Monday) opens {@code 2025-W01}. Every learner shares the same
 * week whatever their time zone: a board is one race with one finish line.
 */
public record Week(LocalDate monday) {
    public Week {
        if (monday.getDayOfWeek() != DayOfWeek.MONDAY) throw new IllegalArgumentException(monday + " is not a Monday");
    }

    /** The week {@code t} falls in; an instant on Monday 00:00:00Z exactly opens the new week. */
    public static Week of(Instant t) {
        return new Week(LocalDate.ofInstant(t, ZoneOffset.UTC).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)));
    }

    public Instant start() {
        return monday.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** The next week's start: the end is excluded. */
    public Instant end() {
        return monday.plusWeeks(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** {@code yyyy-Www} with the week-based year, as ISO 8601 writes it. */
    public String id() {
        return String.format("%d-W%02d", monday.get(IsoFields.WEEK_BASED_YEAR), monday.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }

    public Week previous() {
        return new Week(monday.minusWeeks(1));
    }

    @Override
    public String toString() {
        return id();
    }
}
