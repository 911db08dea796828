package dev.pyquest.domain.mastery;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static dev.pyquest.domain.mastery.MasteryLevel.ATTEMPTED;
import static dev.pyquest.domain.mastery.MasteryLevel.FAMILIAR;
import static dev.pyquest.domain.mastery.MasteryLevel.MASTERED;
import static dev.pyquest.domain.mastery.MasteryLevel.NOT_STARTED;
import static dev.pyquest.domain.mastery.MasteryLevel.PROFICIENT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class MasteryLevelTest {
    static final Bkt EXERCISE = Bkt.forEvidence(Evidence.EXERCISE);
    static final Bkt CHOICE = Bkt.forEvidence(Evidence.CHOICE_QUESTION);
    static final Bkt FILL = Bkt.forEvidence(Evidence.FILL_QUESTION);

    @ParameterizedTest(name = "{0} answers, P(known) {1}: {2}")
    @CsvSource({
            "0, 0.1, NOT_STARTED", "0, 0.99, NOT_STARTED",
            "1, 0, ATTEMPTED", "1, 0.4999999, ATTEMPTED",
            "1, 0.5, FAMILIAR", "3, 0.7999999, FAMILIAR",
            "1, 0.8, PROFICIENT", "9, 0.9499999, PROFICIENT",
            "1, 0.95, MASTERED", "2147483647, 1, MASTERED"})
    void thresholdsAreInclusiveFromBelow(int observations, double pKnown, MasteryLevel level) {
        assertEquals(level, MasteryLevel.of(observations, pKnown));
    }

    @Test
    void theThresholdsAreTheDocumentedOnes() {
        assertEquals(0.5, MasteryLevel.FAMILIAR_AT);
        assertEquals(0.8, MasteryLevel.PROFICIENT_AT);
        assertEquals(0.95, MasteryLevel.MASTERED_AT);
    }

    @Test
    void oneTwoThreeRightFirstSubmissionsMakeASkillFamiliarProficientMastered() {
        // P(known): 0.537143 (BktTest has the arithmetic), then
        // 0.537143 * 0.85 / (0.456571 + 0.462857 * 0.1) = 0.456571 / 0.502857 = 0.907955; + 0.092045 * 0.1 = 0.917159
        // 0.917159 * 0.85 / (0.779585 + 0.082841 * 0.1) = 0.779585 / 0.787869 = 0.989486; + 0.010514 * 0.1 = 0.990537
        SkillMastery m = SkillMastery.NOT_STARTED;
        assertEquals(NOT_STARTED, m.level());
        double[] p = {0.537143, 0.917159, 0.990537};
        MasteryLevel[] level = {FAMILIAR, PROFICIENT, MASTERED};
        for (int i = 0; i < 3; i++) {
            m = m.observe(EXERCISE, true);
            assertEquals(p[i], m.pKnown(), 1e-6);
            assertEquals(level[i], m.level());
            assertEquals(i + 1, m.observations());
        }
    }

    @Test
    void fourRightChoiceAnswersOrThreeRightFillAnswersMasterASkill() {
        assertEquals(java.util.List.of(ATTEMPTED, FAMILIAR, PROFICIENT, MASTERED), levelsAfterRightAnswers(CHOICE, 4));
        assertEquals(java.util.List.of(ATTEMPTED, PROFICIENT, MASTERED), levelsAfterRightAnswers(FILL, 3));
    }

    static java.util.List<MasteryLevel> levelsAfterRightAnswers(Bkt model, int n) {
        java.util.List<MasteryLevel> levels = new java.util.ArrayList<>();
        SkillMastery m = SkillMastery.NOT_STARTED;
        for (int i = 0; i < n; i++) levels.add((m = m.observe(model, true)).level());
        return levels;
    }

    @Test
    void aFailedFirstSubmissionTakesAMasteredSkillBackToProficient() {
        SkillMastery mastered = SkillMastery.NOT_STARTED.observe(EXERCISE, true).observe(EXERCISE, true).observe(EXERCISE, true);
        assertEquals(MASTERED, mastered.level());
        SkillMastery missed = mastered.observe(EXERCISE, false);
        // BKT alone would keep it mastered: 0.990537 * 0.15 / (0.148581 + 0.009463 * 0.9) = 0.148581 / 0.157097
        // = 0.945787; + 0.054213 * 0.1 = 0.951208 >= 0.95. Khan's rule: a miss costs a level.
        assertEquals(0.951208, missed.pKnown(), 1e-6);
        assertEquals(MASTERED, MasteryLevel.of(missed.observations(), missed.pKnown()));
        assertEquals(PROFICIENT, missed.level());
        // the next right answer brings back what P(known) supports
        assertEquals(MASTERED, missed.observe(EXERCISE, true).level());
    }

    @Test
    void aMissCostsAtLeastOneLevelAndMoreWhenPKnownFallsFurther() {
        // at P(known) 0.8 (proficient) a failed submission: 0.8 * 0.15 / (0.12 + 0.2 * 0.9) = 0.12 / 0.30 = 0.4;
        // + 0.6 * 0.1 = 0.46: attempted, two levels down
        SkillMastery proficient = new SkillMastery(0.8, 2, PROFICIENT);
        SkillMastery after = proficient.observe(EXERCISE, false);
        assertEquals(0.46, after.pKnown(), 1e-12);
        assertEquals(ATTEMPTED, after.level());
        // two misses on an established skill: two levels
        SkillMastery established = new SkillMastery(0.9999, 20, MASTERED);
        assertEquals(FAMILIAR, established.observe(EXERCISE, false).observe(EXERCISE, false).level());
    }

    @Test
    void aMissNeverGoesBelowAttempted() {
        SkillMastery first = SkillMastery.NOT_STARTED.observe(EXERCISE, false);
        assertEquals(ATTEMPTED, first.level(), "an answer was given: no longer not started");
        assertEquals(ATTEMPTED, first.observe(CHOICE, false).level());
        assertEquals(ATTEMPTED, new SkillMastery(0.6, 1, FAMILIAR).observe(CHOICE, false).level());
    }

    @Test
    void aStoredStateThatDoesNotFitIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new SkillMastery(0.5, 1, MASTERED), "above what P(known) supports");
        assertThrows(IllegalArgumentException.class, () -> new SkillMastery(0.5, 1, NOT_STARTED), "answered yet not started");
        assertThrows(IllegalArgumentException.class, () -> new SkillMastery(0.1, 0, ATTEMPTED), "no answer yet attempted");
        assertThrows(IllegalArgumentException.class, () -> new SkillMastery(0.1, -1, ATTEMPTED));
        assertThrows(IllegalArgumentException.class, () -> new SkillMastery(1.1, 1, ATTEMPTED));
        assertThrows(IllegalArgumentException.class, () -> new SkillMastery(0.5, 1, null));
        assertThrows(IllegalArgumentException.class, () -> MasteryLevel.of(-1, 0.5));
        assertThrows(IllegalArgumentException.class, () -> MasteryLevel.of(1, Double.NaN));
    }

    @Test
    void theCountSaturatesInsteadOfOverflowing() {
        SkillMastery m = new SkillMastery(0.99, Integer.MAX_VALUE, MASTERED).observe(EXERCISE, true);
        assertEquals(Integer.MAX_VALUE, m.observations());
    }
}
