package dev.pyquest.domain.mastery;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BktTest {
    static final double EXACT = 1e-12;
    /** Round numbers, so the arithmetic below can be checked by hand. */
    static final Bkt ROUND = new Bkt(0.4, 0.2, 0.2, 0.1);

    @Test
    void aRightAnswerUpdatesByBayesThenLearning() {
        // P(L|right) = 0.4 * (1 - 0.1) / (0.4 * 0.9 + 0.6 * 0.2) = 0.36 / (0.36 + 0.12) = 0.36 / 0.48 = 0.75
        assertEquals(0.75, ROUND.posterior(0.4, true), EXACT);
        // P(L next) = 0.75 + (1 - 0.75) * 0.2 = 0.75 + 0.05 = 0.8
        assertEquals(0.8, ROUND.update(0.4, true), EXACT);
    }

    @Test
    void aWrongAnswerUpdatesByBayesThenLearning() {
        // P(L|wrong) = 0.4 * 0.1 / (0.4 * 0.1 + 0.6 * (1 - 0.2)) = 0.04 / (0.04 + 0.48) = 0.04 / 0.52 = 1/13
        assertEquals(1.0 / 13, ROUND.posterior(0.4, false), EXACT);
        // P(L next) = 1/13 + (12/13) * 0.2 = (1 + 2.4) / 13 = 3.4 / 13 = 0.261538...
        assertEquals(3.4 / 13, ROUND.update(0.4, false), EXACT);
    }

    @Test
    void pCorrectMixesSlipAndGuess() {
        // 0.4 * (1 - 0.1) + 0.6 * 0.2 = 0.36 + 0.12 = 0.48
        assertEquals(0.48, ROUND.pCorrect(0.4), EXACT);
        assertEquals(0.2, ROUND.pCorrect(0), EXACT, "not known: only a guess");
        assertEquals(0.9, ROUND.pCorrect(1), EXACT, "known: right unless a slip");
    }

    @Test
    void theExerciseDefaultsFromThePrior() {
        Bkt exercise = Bkt.forEvidence(Evidence.EXERCISE); // 0.1, 0.1, 0.1, 0.15
        // right: 0.1 * 0.85 / (0.1 * 0.85 + 0.9 * 0.1) = 0.085 / 0.175 = 17/35; then 17/35 + (18/35) * 0.1 = 18.8/35 = 0.537143
        assertEquals(18.8 / 35, exercise.update(Bkt.PRIOR, true), EXACT);
        // wrong: 0.1 * 0.15 / (0.015 + 0.9 * 0.9) = 0.015 / 0.825 = 1/55; then 1/55 + (54/55) * 0.1 = 6.4/55 = 0.116364
        assertEquals(6.4 / 55, exercise.update(Bkt.PRIOR, false), EXACT);
        // 0.1 * 0.85 + 0.9 * 0.1 = 0.175
        assertEquals(0.175, exercise.pCorrect(Bkt.PRIOR), EXACT);
    }

    @Test
    void certaintyStaysPutAndIgnoranceCanOnlyLearn() {
        assertEquals(1.0, ROUND.update(1, false), EXACT, "no forgetting: a known skill stays known");
        assertEquals(1.0, ROUND.update(1, true), EXACT);
        assertEquals(0.2, ROUND.update(0, true), EXACT, "from 0, only the learning transition moves it");
        assertEquals(0.2, ROUND.update(0, false), EXACT);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Evidence.class)
    void everyKindOfEvidenceSharesTheSkillsPriorAndKeepsAnswersInformative(Evidence e) {
        Bkt b = Bkt.forEvidence(e);
        assertEquals(Bkt.PRIOR, b.pInit(), "the prior is the skill's, whatever answers it later");
        assertTrue(b.update(0.5, true) > 0.5, "a right answer is evidence for the skill");
        assertTrue(b.posterior(0.5, false) < 0.5, "a wrong answer is evidence against it");
    }

    @ParameterizedTest(name = "Bkt({0}, {1}, {2}, {3}) is refused")
    @CsvSource({
            "0, 0.1, 0.1, 0.1", "1, 0.1, 0.1, 0.1", "-0.1, 0.1, 0.1, 0.1", "NaN, 0.1, 0.1, 0.1",
            "0.1, 0, 0.1, 0.1", "0.1, 1, 0.1, 0.1", "0.1, 1.5, 0.1, 0.1",
            "0.1, 0.1, 0, 0.1", "0.1, 0.1, 0.5, 0.1", "0.1, 0.1, 0.7, 0.1", "0.1, 0.1, NaN, 0.1",
            "0.1, 0.1, 0.1, 0", "0.1, 0.1, 0.1, 0.5", "0.1, 0.1, 0.1, 0.99", "0.1, 0.1, 0.1, Infinity"})
    void badParametersAreRefused(double pInit, double pLearn, double pGuess, double pSlip) {
        assertThrows(IllegalArgumentException.class, () -> new Bkt(pInit, pLearn, pGuess, pSlip));
    }

    @Test
    void theRefusalSaysWhy() {
        assertEquals("pGuess must be below 0.5 (a correct answer must be evidence of the skill), got 0.6",
                assertThrows(IllegalArgumentException.class, () -> new Bkt(0.1, 0.1, 0.6, 0.1)).getMessage());
        assertEquals("pInit must be strictly between 0 and 1, got 1.0",
                assertThrows(IllegalArgumentException.class, () -> new Bkt(1, 0.1, 0.1, 0.1)).getMessage());
    }

    @Test
    void aProbabilityOutsideZeroToOneIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> ROUND.update(1.01, true));
        assertThrows(IllegalArgumentException.class, () -> ROUND.update(-0.01, false));
        assertThrows(IllegalArgumentException.class, () -> ROUND.update(Double.NaN, true));
        assertThrows(IllegalArgumentException.class, () -> ROUND.pCorrect(2));
    }

    @Test
    void oneRightFirstSubmissionMakesASkillFamiliarWhateverTheExercisesDifficulty() {
        // easy: 0.1 * 0.9 / (0.09 + 0.9 * 0.1) = 0.5, + 0.5 * 0.1 = 0.55; hard: 0.075 / (0.075 + 0.045) = 0.625, + 0.0375 = 0.6625
        assertEquals(0.55, Bkt.forExercise(dev.pyquest.domain.content.Difficulty.EASY).update(Bkt.PRIOR, true), 1e-12);
        assertEquals(Bkt.forEvidence(Evidence.EXERCISE), Bkt.forExercise(dev.pyquest.domain.content.Difficulty.MEDIUM));
        assertEquals(0.6625, Bkt.forExercise(dev.pyquest.domain.content.Difficulty.HARD).update(Bkt.PRIOR, true), 1e-12);
    }

    @Test
    void aConjunctiveAnswerOfOneSkillIsPlainBkt() {
        Bkt b = Bkt.forEvidence(Evidence.EXERCISE);
        assertEquals(b.posterior(0.3, false), b.conjunctivePosteriors(new double[]{0.3}, false)[0], 1e-15);
        assertEquals(b.posterior(0.3, true), b.conjunctivePosteriors(new double[]{0.3}, true)[0], 1e-15);
    }

    @Test
    void aFailedAnswerThatNeededTwoSkillsBlamesTheLikelyCulpritMost() {
        Bkt b = Bkt.forEvidence(Evidence.EXERCISE); // guess 0.1, slip 0.15
        double[] post = b.conjunctivePosteriors(new double[]{0.9, 0.2}, false);
        // P(right on a) = 0.9 * 0.85 + 0.1 * 0.1 = 0.775; on b = 0.2 * 0.85 + 0.8 * 0.1 = 0.25; P(wrong) = 1 - 0.19375 = 0.80625
        // a: 0.9 * (1 - 0.85 * 0.25) / 0.80625 = 0.70875 / 0.80625 = 0.879070; b: 0.2 * (1 - 0.85 * 0.775) / 0.80625 = 0.068250 / 0.80625 = 0.084651
        assertEquals(0.70875 / 0.80625, post[0], 1e-12);
        assertEquals(0.2 * (1 - 0.85 * 0.775) / 0.80625, post[1], 1e-12);
        assertTrue(post[0] > b.posterior(0.9, false), "the skill probably known keeps most of its P(known): 0.879, not 0.614");
        // A right answer says of each skill what it says alone.
        double[] right = b.conjunctivePosteriors(new double[]{0.9, 0.2}, true);
        assertEquals(b.posterior(0.9, true), right[0], 1e-15);
        assertEquals(b.posterior(0.2, true), right[1], 1e-15);
    }
}
