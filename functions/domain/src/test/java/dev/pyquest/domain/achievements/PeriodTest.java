package dev.pyquest.domain.achievements;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Where a periodic progress key's period starts: what lets the consumer read only the periods a fact can count in. */
class PeriodTest {
    @Test
    void aDayKeyStartsOnItsDayAWeekKeyOnItsMondayAndOtherKeysHaveNoPeriod() {
        assertEquals(Optional.of(LocalDate.parse("2026-12-07")), Period.startOf("big-day@2026-12-07"));
        assertEquals(Optional.of(LocalDate.parse("2026-12-07")), Period.startOf("big-week@2026-W50"));
        assertEquals(Optional.of(LocalDate.parse("2025-12-29")), Period.startOf("big-week@2026-W01"), "week 1 of 2026 starts in 2025");
        assertEquals(Optional.of(LocalDate.parse("2026-12-28")), Period.startOf("big-week@2026-W53"));
        assertEquals(Optional.empty(), Period.startOf("problem-solver"));
        assertEquals(Optional.empty(), Period.startOf("skill:loops"));
        assertEquals(Optional.empty(), Period.startOf(AchievementEngine.SKILLS_MASTERED));
    }

    @Test
    void everyPeriodAFactCountsInStartsOnOrAfterItsEarliestStartAndOnOrBeforeItsDay() {
        ZoneId zone = ZoneId.of("Pacific/Kiritimati");
        for (Instant at = Instant.parse("2026-12-24T00:00:00Z"); at.isBefore(Instant.parse("2027-01-12T00:00:00Z")); at = at.plusSeconds(5 * 3600)) {
            AchievementFact f = AchievementFact.of("u", "e", at, zone, FactKind.XP_EARNED);
            LocalDate earliest = Period.earliestStart(f);
            for (Period p : Period.values()) {
                LocalDate start = Period.startOf("rule@" + p.of(f)).orElseThrow();
                assertFalse(start.isBefore(earliest), p + " of " + f.localDate() + " starts " + start + ", before " + earliest);
                assertFalse(start.isAfter(f.localDate()), p + " of " + f.localDate() + " starts " + start);
            }
        }
        AchievementFact sunday = AchievementFact.of("u", "e", Instant.parse("2026-12-13T12:00:00Z"), ZoneOffset.UTC, FactKind.XP_EARNED);
        assertEquals(LocalDate.parse("2026-12-07"), Period.earliestStart(sunday));
        assertEquals(LocalDate.parse("2026-12-07"), Period.earliestStart(LocalDate.parse("2026-12-07")), "a Monday starts its own week");
        assertTrue(Period.startOf("rule@" + Period.WEEK.of(sunday)).orElseThrow().equals(Period.earliestStart(sunday)));
    }
}
