package dev.pyquest.domain.rewards;

import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LevelsTest {
    @ParameterizedTest(name = "level({0}) = {1}")
    @CsvSource({"0, 1", "1, 1", "49, 1", "50, 2", "51, 2", "199, 2", "200, 3", "449, 3", "450, 4",
            "4049, 9", "4050, 10", "-1, 1", "-1000000, 1", "-9223372036854775808, 1"})
    void levelAt(long xp, int level) {
        assertEquals(level, Levels.level(xp));
    }

    @ParameterizedTest(name = "xpFor({0}) = {1}")
    @CsvSource({"1, 0", "2, 50", "3, 200", "4, 450", "10, 4050", "101, 500000"})
    void xpForLevel(int level, long xp) {
        assertEquals(xp, Levels.xpFor(level));
    }

    @Test
    void levelIsMonotonicAndBracketedByXpFor() {
        int previous = 1;
        for (long x = 0; x <= 1_000_000; x++) {
            int l = Levels.level(x);
            assertTrue(l >= previous, "level dropped at " + x);
            assertTrue(l - previous <= 1, "level skipped at " + x);
            if (Levels.xpFor(l) > x || x >= Levels.xpFor(l + 1)) {
                throw new AssertionError("xpFor(level(" + x + ")) <= " + x + " < xpFor(level+1) fails: level " + l);
            }
            previous = l;
        }
        assertEquals(142, Levels.level(1_000_000)); // 50*141^2 = 994,050 <= 1e6 < 50*142^2 = 1,008,200
    }

    @Test
    void levelIsExactAtEveryThresholdUpToVeryLargeXp() {
        for (int n = 2; n < 400_000_000; n += 997) {
            long t = Levels.xpFor(n);
            assertEquals(n, Levels.level(t), "at xpFor(" + n + ")");
            assertEquals(n - 1, Levels.level(t - 1), "just below xpFor(" + n + ")");
        }
    }

    @Test
    void levelIsRightJustBelowTheOverflowEdge() {
        long xp = 9_223_372_011_084_970_496L; // the largest xp the current code gets right
        int l = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> Levels.level(xp));
        assertEquals(429_496_729, l);
    }

    @Test
    void levelNearLongMaxValueIsRightAndTerminates() {
        assertEquals(429_496_729, Levels.level(9_223_372_011_084_970_497L));
        assertEquals(429_496_730, Levels.level(9_223_372_011_084_972_050L)); // = xpFor(429_496_730)
        int l = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> Levels.level(Long.MAX_VALUE));
        assertEquals(429_496_730, l);
    }
}
