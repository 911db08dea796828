package dev.pyquest.domain.mastery;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How a PyQuest outcome becomes an FSRS grade (ReviewOutcome). */
class FsrsGradeTest {
    @ParameterizedTest(name = "passed {0}, {1} failed attempts, hint {2}: {3}")
    @CsvSource({
            "true, 0, false, GOOD",
            "true, 1, false, HARD", "true, 7, false, HARD",
            "true, 0, true, HARD", "true, 3, true, HARD",
            "false, 0, false, AGAIN", "false, 4, false, AGAIN", "false, 2, true, AGAIN"})
    void outcomesMapToGrades(boolean passed, int failedAttempts, boolean hintUsed, Grade grade) {
        assertEquals(grade, new ReviewOutcome(passed, failedAttempts, hintUsed).grade());
    }

    @Test
    void noOutcomeIsEasy() {
        for (boolean passed : new boolean[]{true, false}) {
            for (boolean hint : new boolean[]{true, false}) {
                for (int failed = 0; failed < 5; failed++) {
                    assertTrue(new ReviewOutcome(passed, failed, hint).grade() != Grade.EASY);
                }
            }
        }
    }

    @Test
    void gradesCarryFsrsRatings() {
        assertEquals(1, Grade.AGAIN.rating());
        assertEquals(2, Grade.HARD.rating());
        assertEquals(3, Grade.GOOD.rating());
        assertEquals(4, Grade.EASY.rating());
    }

    @Test
    void aHarderOutcomeNeverSchedulesLater() {
        // a pass at the first try waits longer than a laboured one, which waits longer than a failure
        SpacedReview r = Fsrs.PYQUEST.first(Grade.GOOD, FsrsTest.D);
        r = Fsrs.PYQUEST.review(r, Grade.GOOD, r.due());
        long good = Fsrs.PYQUEST.review(r, new ReviewOutcome(true, 0, false).grade(), r.due()).scheduledDays();
        long hard = Fsrs.PYQUEST.review(r, new ReviewOutcome(true, 2, false).grade(), r.due()).scheduledDays();
        long again = Fsrs.PYQUEST.review(r, new ReviewOutcome(false, 2, false).grade(), r.due()).scheduledDays();
        assertTrue(again < hard && hard < good, again + " < " + hard + " < " + good);
    }

    @Test
    void aNegativeCountIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new ReviewOutcome(true, -1, false));
    }
}
