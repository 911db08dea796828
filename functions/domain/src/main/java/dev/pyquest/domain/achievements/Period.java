package dev.pyquest.domain.achievements;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/** The window a periodic achievement sums over, in the learner's own time zone. */
public enum Period {
    /** One local day: {@code 2026-12-07}. */
    DAY,
    /** One ISO-8601 week of local days, Monday to Sunday: {@code 2026-W50}. */
    WEEK;

    /** The id of the period {@code fact} falls in. */
    public String of(AchievementFact fact) {
        return this == DAY ? fact.localDay() : fact.isoWeek();
    }

    /**
     * The first day of the period a periodic rule's progress key ({@code <rule id>@<period id>}) sums over: the day,
     * or the ISO week's Monday; empty for every other key (rule ids and skill keys have no {@code @}).
     */
    public static Optional<LocalDate> startOf(String progressKey) {
        int at = progressKey.lastIndexOf('@');
        if (at < 0) return Optional.empty();
        String id = progressKey.substring(at + 1);
        return Optional.of(id.contains("-W") ? LocalDate.parse(id + "-1", DateTimeFormatter.ISO_WEEK_DATE) : LocalDate.parse(id));
    }

    /** The first day of the earliest period {@code fact} counts in (its ISO week's Monday): no period starting before it is the fact's. */
    public static LocalDate earliestStart(AchievementFact fact) {
        return earliestStart(fact.localDate());
    }

    /** The first day of the earliest period local day {@code day} is in: its ISO week's Monday. */
    public static LocalDate earliestStart(LocalDate day) {
        return day.with(DayOfWeek.MONDAY);
    }
}
