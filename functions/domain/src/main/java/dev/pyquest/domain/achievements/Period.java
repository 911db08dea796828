package dev.pyquest.domain.achievements;

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
}
