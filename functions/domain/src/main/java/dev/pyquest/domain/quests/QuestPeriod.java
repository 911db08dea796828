package dev.pyquest.domain.quests;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The span a quest is open for: a learner's local day ({@code 2026-11-24}, midnight to midnight in
 * their stored zone) or an ISO week ({@code 2026-W48}, Monday 00:00 UTC to the next Monday, the same
 * for every learner). {@code start} inclusive, {@code end} exclusive; {@code date} is the day itself
 * or the week's Monday.
 */
public record QuestPeriod(Kind kind, String id, LocalDate date, Instant start, Instant end) {
    public enum Kind { DAILY, WEEKLY }

    private static final Pattern WEEK_ID = Pattern.compile("(\\d{4})-W(\\d{2})");
    private static final Pattern DAY_ID = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    /** The learner's local day {@code date} in {@code zone}. */
    public static QuestPeriod day(LocalDate date, ZoneId zone) {
        return new QuestPeriod(Kind.DAILY, date.toString(), date,
                date.atStartOfDay(zone).toInstant(), date.plusDays(1).atStartOfDay(zone).toInstant());
    }

    /** The ISO week (Monday 00:00 UTC) holding {@code at}. */
    public static QuestPeriod weekOf(Instant at) {
        LocalDate monday = at.atZone(ZoneOffset.UTC).toLocalDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        return week(monday);
    }

    private static QuestPeriod week(LocalDate monday) {
        String id = String.format("%04d-W%02d", monday.get(IsoFields.WEEK_BASED_YEAR), monday.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
        return new QuestPeriod(Kind.WEEKLY, id, monday, monday.atStartOfDay(ZoneOffset.UTC).toInstant(),
                monday.plusWeeks(1).atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    /** The week named {@code 2026-W48}; empty when the id is not a week that exists (W53 only in long years). */
    public static Optional<QuestPeriod> parseWeek(String id) {
        Matcher m = WEEK_ID.matcher(id);
        if (!m.matches()) return Optional.empty();
        int year = Integer.parseInt(m.group(1)), week = Integer.parseInt(m.group(2));
        LocalDate jan4 = LocalDate.of(year, 1, 4); // always in week 1 of its week-based year
        if (!IsoFields.WEEK_OF_WEEK_BASED_YEAR.rangeRefinedBy(jan4).isValidValue(week)) return Optional.empty();
        QuestPeriod p = week(jan4.with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, week).with(DayOfWeek.MONDAY));
        return p.id().equals(id) ? Optional.of(p) : Optional.empty();
    }

    /** The day named {@code 2026-11-24} in {@code zone}; empty when it is not a calendar date. */
    public static Optional<QuestPeriod> parseDay(String id, ZoneId zone) {
        if (!DAY_ID.matcher(id).matches()) return Optional.empty();
        try {
            return Optional.of(day(LocalDate.parse(id), zone));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    public boolean contains(Instant t) {
        return !t.isBefore(start) && t.isBefore(end);
    }
}
