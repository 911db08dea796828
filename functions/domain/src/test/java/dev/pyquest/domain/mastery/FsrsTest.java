package dev.pyquest.domain.mastery;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static dev.pyquest.domain.mastery.FsrsPublishedVectorsTest.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * FSRS-6 formula by formula. Values marked "published" are the expected values of a test in
 * open-spaced-repetition's own repositories, at these commits:
 * <ul>
 *   <li>fsrs-rs: open-spaced-repetition/fsrs-rs@0cbb9d3c8fbd7cbe4903f25d6e4c7ed01a65edf9, src/inference.rs
 *       (computed in f32, about 7 significant digits: compared with a relative tolerance of 2e-6);
 *   <li>ts-fsrs: open-spaced-repetition/ts-fsrs@cdec8d2f8340f8e62ced596c1da02e20e70073f0, packages/fsrs/__tests__/;
 *   <li>py-fsrs 6.3.1: open-spaced-repetition/py-fsrs@3abe686e9c058d3f3c00bbeb92e68b71211b2b31, tests/test_basic.py.
 * </ul>
 * Whole review sequences are in {@link FsrsPublishedVectorsTest}.
 */
class FsrsTest {
    static final double F32 = 2e-6;
    static final LocalDate D = LocalDate.of(2026, 12, 1);

    /** fsrs-rs's PARAMETERS (src/inference.rs L709-729), 19 FSRS-5 weights, filled to 21 as its check_and_fill_parameters does. */
    static final List<Double> FSRS_RS_TEST_WEIGHTS = List.of(0.6845422, 1.6790825, 4.7349424, 10.042885, 7.4410233,
            0.64219797, 1.071918, 0.0025195254, 1.432437, 0.1544, 0.8692766, 2.0696752, 0.0953, 0.2975, 2.4691248,
            0.19542035, 3.201072, 0.18046261, 0.121442534, 0.0, 0.5);

    static List<Double> defaultsWith(int index, double value) {
        List<Double> w = new ArrayList<>(Fsrs.DEFAULT_WEIGHTS);
        w.set(index, value);
        return w;
    }

    @Test
    void theFirstReviewSetsStabilityAndDifficultyByGrade() {
        // published: ts-fsrs FSRS-6.test.ts L131-159 'first repeat'
        double[] stability = {0.212, 1.2931, 2.3065, 8.2956};
        double[] difficulty = {6.4133, 5.11217071, 2.11810397, 1};
        for (Grade g : Grade.values()) {
            Fsrs.Memory m = Fsrs.PUBLISHED.initial(g);
            assertEquals(stability[g.ordinal()], m.stability(), 0, g + " stability is w" + g.ordinal());
            assertClose(difficulty[g.ordinal()], m.difficulty(), 1e-8, g + " difficulty");
        }
        // published there too: Easy goes straight to an 8-day interval
        assertEquals(8, Fsrs.PUBLISHED.first(Grade.EASY, D).scheduledDays());
        // by hand: D0(Easy) = 6.4133 - e^(0.8334 * 3) + 1 = -4.77: clamped to 1
        assertEquals(1.0, Fsrs.PUBLISHED.initial(Grade.EASY).difficulty());
    }

    @Test
    void retrievabilityFollowsThePowerForgettingCurve() {
        // published: fsrs-rs test_current_retrievability (L1426-1436), decay 0.2, stability 1
        Fsrs decay02 = new Fsrs(defaultsWith(20, 0.2), 0.9, 36500);
        assertEquals(1.0, decay02.retrievability(0, 1), 0);
        assertClose(0.9, decay02.retrievability(1, 1), 1e-12, "R(S, S) is 0.9 by the choice of factor");
        assertClose(0.84028935, decay02.retrievability(2, 1), F32, "R(2, 1)");
        assertClose(0.7985001, decay02.retrievability(3, 1), F32, "R(3, 1)");
        // published: ts-fsrs FSRS-6.test.ts L177-190: an Easy first review, read on its due day (8 days on)
        SpacedReview easy = Fsrs.PUBLISHED.first(Grade.EASY, D);
        assertClose(0.9024733, Fsrs.PUBLISHED.retrievability(easy, easy.due()), 1e-7, "R on the due day");
        assertEquals(1.0, Fsrs.PUBLISHED.retrievability(easy, D.minusDays(3)), 0, "before the last review, nothing is forgotten");
    }

    @Test
    void theIntervalIsWhereRetrievabilityFallsToTheDesiredRetention() {
        // published: fsrs-rs test_next_interval (L852-860): stability 1, desired retention 0.1 .. 1.0,
        // rounded and at least 1 day, no maximum
        int[] published = {3116766, 34793, 2508, 387, 90, 27, 9, 3, 1, 1};
        for (int i = 1; i <= 10; i++) {
            Fsrs f = new Fsrs(Fsrs.DEFAULT_WEIGHTS, i / 10.0, Integer.MAX_VALUE);
            int ours = f.scheduledDays(1.0);
            // f32 rounding moves the largest by 3 days in 3.1 million: the only one not equal
            assertClose(published[i - 1], ours, F32, "retention " + i / 10.0);
            if (i > 1) assertEquals(published[i - 1], ours, "retention " + i / 10.0);
        }
        // published: fsrs-rs test_next_states (L1317): next_interval(121.01552, 0.9) == 121.01551; with
        // decay 0.5 the interval at 90% is the stability itself
        assertClose(121.01551, new Fsrs(FSRS_RS_TEST_WEIGHTS, 0.9, 36500).interval(121.01552), F32, "interval");
        assertClose(8.2956, Fsrs.PUBLISHED.interval(8.2956), 1e-12, "at 90% the interval is the stability");
    }

    @Test
    void eachGradeGivesThePublishedNextState() {
        // published: fsrs-rs test_next_states (L1261-1318): after Again, Good 1, Good 3, Good 8 days, a review
        // 21 days later with each grade
        Fsrs f = new Fsrs(FSRS_RS_TEST_WEIGHTS, 0.9, 36500);
        Fsrs.Memory m = f.initial(Grade.AGAIN);
        m = f.next(m, 1, Grade.GOOD);
        m = f.next(m, 3, Grade.GOOD);
        m = f.next(m, 8, Grade.GOOD);
        double[][] published = {{2.9691455, 8.000659}, {17.091452, 7.6913934}, {31.722992, 7.382128}, {71.7502, 7.0728626}};
        for (Grade g : Grade.values()) {
            Fsrs.Memory next = f.next(m, 21, g);
            assertClose(published[g.ordinal()][0], next.stability(), F32, g + " stability");
            assertClose(published[g.ordinal()][1], next.difficulty(), F32, g + " difficulty");
            // published there: the (unrounded) interval equals the stability (decay 0.5, retention 0.9)
            assertClose(published[g.ordinal()][0], f.interval(next.stability()), F32, g + " interval");
        }
        // published: fsrs-rs test_memo_state (L782-797): Good 21 days after (20.925528, 7.005062)
        Fsrs.Memory after = f.next(new Fsrs.Memory(20.925528, 7.005062), 21, Grade.GOOD);
        assertClose(40.87456, after.stability(), F32, "stability");
        assertClose(6.9913807, after.difficulty(), F32, "difficulty");
    }

    @Test
    void easyAgainAndAgainOnTheSameDayBottomsDifficultyOut() {
        // published: py-fsrs test_repeated_correct_reviews (L50-63): ten Easy reviews within a second end at difficulty 1.0
        SpacedReview r = Fsrs.PUBLISHED.first(Grade.EASY, D);
        for (int i = 1; i < 10; i++) r = Fsrs.PUBLISHED.review(r, Grade.EASY, D);
        assertEquals(1.0, r.memory().difficulty());
        assertEquals(10, r.reviews());
    }

    @Test
    void aSameDayReviewUsesShortTermStability() {
        Fsrs f = Fsrs.PUBLISHED;
        Fsrs.Memory m = new Fsrs.Memory(10, 5);
        // by hand, defaults (w17 = 0.5425, w18 = 0.0912, w19 = 0.0658), S = 10: S^-w19 = 10^-0.0658 = 0.859409
        // Good: e^(0.5425 * (3 - 3 + 0.0912)) = e^0.049476 = 1.050720; * 0.859409 = 0.902999 < 1, floored
        //   at 1 for a pass: S stays 10
        assertEquals(10.0, f.next(m, 0, Grade.GOOD).stability(), 1e-12);
        // Easy: e^(0.5425 * 1.0912) = e^0.591976 = 1.807557; * 0.859409 = 1.553431: S = 15.53431
        assertEquals(15.53431, f.next(m, 0, Grade.EASY).stability(), 1e-4);
        // Again: e^(0.5425 * -1.9088) = e^-1.035524 = 0.355040; * 0.859409 = 0.305125, not floored: S = 3.05125
        assertEquals(3.05125, f.next(m, 0, Grade.AGAIN).stability(), 1e-4);
        // Hard: e^(0.5425 * -0.9088) = e^-0.493024 = 0.610777; * 0.859409 = 0.524907, floored at 1 (as
        // fsrs-rs and ts-fsrs do; py-fsrs would give 5.24907)
        assertEquals(10.0, f.next(m, 0, Grade.HARD).stability(), 1e-12);
        // the difficulty moves on a same-day review as on any other
        assertEquals(f.next(m, 5, Grade.AGAIN).difficulty(), f.next(m, 0, Grade.AGAIN).difficulty());
    }

    @Test
    void aLapseNeverLeavesAMemoryMoreStableThanBefore() {
        Fsrs f = Fsrs.PUBLISHED;
        for (double s : new double[]{0.01, 0.5, 1, 3, 30, 300, 3000, 36500}) {
            for (double d = 1; d <= 10; d += 1.5) {
                Fsrs.Memory m = new Fsrs.Memory(s, d);
                for (long t : new long[]{1, 2, 30, 3650}) {
                    double after = f.next(m, t, Grade.AGAIN).stability();
                    assertTrue(after <= s / Math.exp(0.5425 * 0.0912) + 1e-9 || after == Fsrs.S_MIN,
                            "S " + s + ", D " + d + ", " + t + " days: " + after);
                    assertTrue(after >= Fsrs.S_MIN);
                }
            }
        }
    }

    @Test
    void intervalsRoundHalfUpAndStayBetweenOneDayAndTheMaximum() {
        Fsrs f = Fsrs.PUBLISHED; // retention 0.9: the interval is the stability
        assertEquals(1, f.scheduledDays(0.001));
        assertEquals(1, f.scheduledDays(1.49));
        assertEquals(2, f.scheduledDays(1.5));
        assertEquals(36500, f.scheduledDays(36500));
        assertEquals(365, Fsrs.PYQUEST.scheduledDays(498));
        assertEquals(Integer.MAX_VALUE, new Fsrs(Fsrs.DEFAULT_WEIGHTS, 0.01, Integer.MAX_VALUE).scheduledDays(36500),
                "an interval beyond int days is capped, not wrapped");
    }

    @Test
    void pyQuestCapsAReviewAtAYear() {
        SpacedReview r = Fsrs.PYQUEST.first(Grade.GOOD, D);
        for (int i = 0; i < 8; i++) r = Fsrs.PYQUEST.review(r, Grade.GOOD, r.due());
        assertEquals(365, r.scheduledDays());
        assertEquals(r.lastReviewed().plusDays(365), r.due());
    }

    @Test
    void reviewsCountAndLapsesCountAgainAfterTheFirst() {
        Fsrs f = Fsrs.PYQUEST;
        SpacedReview r = f.first(Grade.AGAIN, D);
        assertEquals(1, r.reviews());
        assertEquals(0, r.lapses(), "a first Again is not a lapse: nothing was learnt yet");
        r = f.review(r, Grade.GOOD, r.due());
        r = f.review(r, Grade.AGAIN, r.due());
        r = f.review(r, Grade.AGAIN, r.due());
        assertEquals(4, r.reviews());
        assertEquals(2, r.lapses());
    }

    @Test
    void aReviewDatedBeforeTheLastOneCountsAsTheSameDay() {
        // the learner moved their zone west: "today" is before the day of the last review
        Fsrs f = Fsrs.PYQUEST;
        SpacedReview r = f.review(f.first(Grade.GOOD, D), Grade.GOOD, D.plusDays(2));
        SpacedReview west = f.review(r, Grade.GOOD, D.plusDays(1));
        assertEquals(f.next(r.memory(), 0, Grade.GOOD), west.memory());
        assertEquals(D.plusDays(1), west.lastReviewed());
        assertTrue(!west.due().isBefore(west.lastReviewed().plusDays(1)));
    }

    @Test
    void anEarlyReviewGainsLessThanADueOne() {
        Fsrs f = Fsrs.PYQUEST;
        SpacedReview r = f.first(Grade.GOOD, D);
        r = f.review(r, Grade.GOOD, r.due());
        double early = f.review(r, Grade.GOOD, r.lastReviewed().plusDays(1)).memory().stability();
        double due = f.review(r, Grade.GOOD, r.due()).memory().stability();
        double late = f.review(r, Grade.GOOD, r.due().plusDays(30)).memory().stability();
        assertTrue(early < due && due < late, early + " < " + due + " < " + late);
    }

    @Test
    void badWeightsAreRefusedNamingTheWeight() {
        // published: py-fsrs test_scheduler_parameter_validation (L787-801) refuses w6 = 100 and w10 = -42
        IllegalArgumentException high = assertThrows(IllegalArgumentException.class, () -> new Fsrs(defaultsWith(6, 100), 0.9, 365));
        assertEquals("w6 = 100.0 is outside [0.001, 4.0]", high.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Fsrs(defaultsWith(10, -42), 0.9, 365));
        assertThrows(IllegalArgumentException.class, () -> new Fsrs(defaultsWith(20, 0.05), 0.9, 365));
        assertThrows(IllegalArgumentException.class, () -> new Fsrs(defaultsWith(0, Double.NaN), 0.9, 365));
        assertThrows(IllegalArgumentException.class, () -> new Fsrs(defaultsWith(16, 0.5), 0.9, 365), "an Easy bonus below 1 would punish Easy");
        assertThrows(IllegalArgumentException.class, () -> new Fsrs(Fsrs.DEFAULT_WEIGHTS.subList(0, 19), 0.9, 365), "FSRS-5's 19 weights");
        assertThrows(IllegalArgumentException.class, () -> new Fsrs(Arrays.asList(new Double[21]), 0.9, 365));
        assertThrows(IllegalArgumentException.class, () -> new Fsrs(null, 0.9, 365));
    }

    @ParameterizedTest(name = "desired retention {0} is refused")
    @ValueSource(doubles = {0, -0.1, 1.0001, Double.NaN})
    void badRetentionIsRefused(double retention) {
        assertThrows(IllegalArgumentException.class, () -> new Fsrs(Fsrs.DEFAULT_WEIGHTS, retention, 365));
    }

    @Test
    void badLimitsAndStatesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Fsrs(Fsrs.DEFAULT_WEIGHTS, 0.9, 0));
        assertThrows(IllegalArgumentException.class, () -> new Fsrs.Memory(0, 5));
        assertThrows(IllegalArgumentException.class, () -> new Fsrs.Memory(Double.NaN, 5));
        assertThrows(IllegalArgumentException.class, () -> new Fsrs.Memory(36501, 5));
        assertThrows(IllegalArgumentException.class, () -> new Fsrs.Memory(3, 0.99));
        assertThrows(IllegalArgumentException.class, () -> new Fsrs.Memory(3, 10.01));
        assertThrows(IllegalArgumentException.class, () -> Fsrs.PYQUEST.next(new Fsrs.Memory(3, 5), -1, Grade.GOOD));
        assertThrows(IllegalArgumentException.class, () -> Fsrs.PYQUEST.retrievability(-1, 3));
        assertThrows(IllegalArgumentException.class, () -> Fsrs.PYQUEST.scheduledDays(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> Fsrs.PYQUEST.scheduledDays(0));
        Fsrs.Memory m = new Fsrs.Memory(3, 5);
        assertThrows(IllegalArgumentException.class, () -> new SpacedReview(m, D, D.minusDays(1), 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new SpacedReview(m, D, D, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new SpacedReview(m, D, D, 2, 2));
        assertThrows(IllegalArgumentException.class, () -> new SpacedReview(null, D, D, 1, 0));
    }
}
