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
}
