package dev.pyquest.domain.streak;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class StreakTest {
    static final LocalDate D = LocalDate.of(2026, 11, 23);

    @Test
    void theFirstDayStartsAStreakOfOne() {
        assertEquals(new Streak(1, 1, D), Streak.NONE.on(D));
    }

    @Test
    void theSameDayTwiceChangesNothing() {
        Streak s = Streak.NONE.on(D).on(D.plusDays(1));
        assertSame(s, s.on(D.plusDays(1)));
        assertEquals(new Streak(2, 2, D.plusDays(1)), s.on(D.plusDays(1)));
    }

    @Test
    void theNextDayExtendsAndLongestFollows() {
        Streak s = Streak.NONE;
        for (int i = 0; i < 10; i++) {
            s = s.on(D.plusDays(i));
            assertEquals(i + 1, s.current());
            assertEquals(i + 1, s.longest());
            assertEquals(D.plusDays(i), s.last());
        }
    }

    @Test
    void aGapRestartsAtOneAndKeepsTheLongest() {
        Streak s = Streak.NONE.on(D).on(D.plusDays(1)).on(D.plusDays(2));
        Streak after = s.on(D.plusDays(4));
        assertEquals(new Streak(1, 3, D.plusDays(4)), after);
        Streak next = after.on(D.plusDays(5));
        assertEquals(new Streak(2, 3, D.plusDays(5)), next);
        // longest only moves once the new run passes it
        Streak longer = next.on(D.plusDays(6)).on(D.plusDays(7));
        assertEquals(new Streak(4, 4, D.plusDays(7)), longer);
    }

    @Test
    void anEarlierDateChangesNothing() {
        // the learner moved their zone west: "today" is now before the last counted day
        Streak s = new Streak(5, 9, D);
        assertSame(s, s.on(D.minusDays(1)));
        assertSame(s, s.on(D.minusDays(400)));
        assertEquals(new Streak(6, 9, D.plusDays(1)), s.on(D.minusDays(1)).on(D.plusDays(1)));
    }

    @Test
    void yearEndLeapDayAndMonthEnds() {
        assertEquals(new Streak(3, 3, LocalDate.of(2027, 1, 1)),
                new Streak(2, 2, LocalDate.of(2026, 12, 31)).on(LocalDate.of(2027, 1, 1)).on(LocalDate.of(2027, 1, 1)).on(LocalDate.of(2027, 1, 1)));
        Streak s = Streak.NONE.on(LocalDate.of(2028, 2, 28)).on(LocalDate.of(2028, 2, 29)).on(LocalDate.of(2028, 3, 1));
        assertEquals(new Streak(3, 3, LocalDate.of(2028, 3, 1)), s);
        // in a common year Feb 28 -> Mar 1 is consecutive
        assertEquals(2, Streak.NONE.on(LocalDate.of(2027, 2, 28)).on(LocalDate.of(2027, 3, 1)).current());
        // and in a leap year skipping Feb 29 is a gap
        assertEquals(1, Streak.NONE.on(LocalDate.of(2028, 2, 28)).on(LocalDate.of(2028, 3, 1)).current());
        assertEquals(2, Streak.NONE.on(LocalDate.of(2026, 4, 30)).on(LocalDate.of(2026, 5, 1)).current());
    }

    @Test
    void currentOnShowsZeroOnceAWholeDayWasMissed() {
        Streak s = new Streak(4, 7, D);
        assertEquals(4, s.currentOn(D));
        assertEquals(4, s.currentOn(D.plusDays(1)));     // today not yet done, still alive
        assertEquals(0, s.currentOn(D.plusDays(2)));     // yesterday missed
        assertEquals(0, s.currentOn(D.plusDays(365)));
        assertEquals(4, s.currentOn(D.minusDays(1)));    // zone moved west
        assertEquals(0, Streak.NONE.currentOn(D));
        assertEquals(3, new Streak(3, 3, LocalDate.of(2026, 12, 31)).currentOn(LocalDate.of(2027, 1, 1)));
        assertEquals(0, new Streak(3, 3, LocalDate.of(2026, 12, 31)).currentOn(LocalDate.of(2027, 1, 2)));
        assertEquals(3, new Streak(3, 3, LocalDate.of(2028, 2, 28)).currentOn(LocalDate.of(2028, 2, 29)));
        assertEquals(0, new Streak(3, 3, LocalDate.of(2028, 2, 28)).currentOn(LocalDate.of(2028, 3, 1)));
    }

    private static final java.time.ZoneId UTC = java.time.ZoneId.of("UTC");

    @Test
    void freezesCoverMissedDaysOnlyWhenThereAreEnough() {
        Streak s = new Streak(5, 5, D);
        assertEquals(new Streak.Step(new Streak(6, 6, D.plusDays(1)), 0), s.on(D.plusDays(1), 2, UTC), "no gap, no freeze");
        assertEquals(new Streak.Step(new Streak(6, 6, D.plusDays(2)), 1), s.on(D.plusDays(2), 2, UTC), "one missed day, one freeze");
        assertEquals(new Streak.Step(new Streak(6, 6, D.plusDays(3)), 2), s.on(D.plusDays(3), 2, UTC), "two missed, two freezes");
        assertEquals(new Streak.Step(new Streak(1, 5, D.plusDays(4)), 0), s.on(D.plusDays(4), 2, UTC),
                "three missed with two freezes: restart, and the freezes are kept");
        assertEquals(new Streak.Step(s, 0), s.on(D, 2, UTC), "same day");
    }

    @Test
    void theShownStreakSurvivesWhileFreezesCanStillCoverTheGap() {
        Streak s = new Streak(5, 5, D);
        assertEquals(5, s.currentOn(D.plusDays(1), 0, UTC), "today can still count");
        assertEquals(0, s.currentOn(D.plusDays(2), 0, UTC));
        assertEquals(5, s.currentOn(D.plusDays(2), 1, UTC));
        assertEquals(5, s.currentOn(D.plusDays(3), 2, UTC));
        assertEquals(0, s.currentOn(D.plusDays(4), 2, UTC));
    }

    @Test
    void aDateTheZoneSkippedIsNotAMissedDay() {
        java.time.ZoneId apia = java.time.ZoneId.of("Pacific/Apia");
        LocalDate the29th = LocalDate.of(2011, 12, 29);
        Streak s = new Streak(3, 3, the29th);
        assertEquals(new Streak.Step(new Streak(4, 4, LocalDate.of(2011, 12, 31)), 0), s.on(LocalDate.of(2011, 12, 31), 0, apia),
                "Apia went from the 29th to the 31st");
        assertEquals(new Streak(1, 3, LocalDate.of(2011, 12, 31)), s.on(LocalDate.of(2011, 12, 31)), "in UTC the 30th existed");
        // Sao Paulo lost its midnight on 2015-10-18, not the day.
        assertEquals(1, Streak.missedDays(LocalDate.of(2015, 10, 17), LocalDate.of(2015, 10, 19), java.time.ZoneId.of("America/Sao_Paulo")));
        assertEquals(0, Streak.missedDays(LocalDate.of(2011, 12, 29), LocalDate.of(2011, 12, 31), apia));
    }
}
