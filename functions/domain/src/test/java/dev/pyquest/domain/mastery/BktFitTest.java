package dev.pyquest.domain.mastery;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BktFitTest {
    /** Answer sequences drawn from {@code truth}: the BKT generative story, seeded. */
    static List<boolean[]> learners(Bkt truth, int learners, int answers, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<boolean[]> sequences = new ArrayList<>();
        for (int l = 0; l < learners; l++) {
            boolean known = random.nextDouble() < truth.pInit();
            boolean[] s = new boolean[answers];
            for (int t = 0; t < answers; t++) {
                s[t] = random.nextDouble() < (known ? 1 - truth.pSlip() : truth.pGuess());
                if (!known) known = random.nextDouble() < truth.pLearn();
            }
            sequences.add(s);
        }
        return sequences;
    }

    @Test
    void emRecoversTheParametersThatGeneratedTheData() {
        Bkt truth = new Bkt(0.25, 0.15, 0.20, 0.08);
        List<boolean[]> data = learners(truth, 2000, 12, 14);
        BktFit.Result fit = BktFit.em(data, Bkt.forEvidence(Evidence.EXERCISE), 500, 1e-7);
        Bkt got = fit.parameters();
        // 24,000 answers: each estimate within 0.03 of the truth (the seeded draw lands well inside)
        assertEquals(truth.pInit(), got.pInit(), 0.03, "prior " + got);
        assertEquals(truth.pLearn(), got.pLearn(), 0.03, "learn " + got);
        assertEquals(truth.pGuess(), got.pGuess(), 0.03, "guess " + got);
        assertEquals(truth.pSlip(), got.pSlip(), 0.03, "slip " + got);
        assertTrue(fit.iterations() < 500, "converged: " + fit.iterations());
        // maximum likelihood: at least as likely as the truth on the data it was fit to
        assertTrue(fit.logLikelihood() >= BktFit.logLikelihood(data, truth), fit.logLikelihood() + " vs " + BktFit.logLikelihood(data, truth));
        assertEquals(BktFit.logLikelihood(data, got), fit.logLikelihood());
    }

    @Test
    void theLikelihoodOfOneAnswerIsPCorrect() {
        // one right answer from a new learner: P = pCorrect(pInit) = 0.4 * 0.9 + 0.6 * 0.2 = 0.48
        assertEquals(Math.log(0.48), BktFit.logLikelihood(List.of(new boolean[]{true}), BktTest.ROUND), 1e-12);
        // right then wrong: 0.48 * P(wrong | P(L) = 0.8 after the update) = 0.48 * (0.8 * 0.1 + 0.2 * 0.8) = 0.48 * 0.24
        assertEquals(Math.log(0.48 * 0.24), BktFit.logLikelihood(List.of(new boolean[]{true, false}), BktTest.ROUND), 1e-12);
    }

    @Test
    void noDataIsRefused() {
        Bkt start = Bkt.forEvidence(Evidence.EXERCISE);
        assertThrows(IllegalArgumentException.class, () -> BktFit.em(List.of(), start, 10, 1e-6));
        assertThrows(IllegalArgumentException.class, () -> BktFit.em(List.of(new boolean[0]), start, 10, 1e-6));
        assertThrows(IllegalArgumentException.class, () -> BktFit.em(List.of(new boolean[]{true}), start, 0, 1e-6));
    }

    @Test
    void aDegenerateFitIsRefusedNotReturned() {
        // everyone right at first and wrong ever after: "learning" makes them worse, which only a
        // mirrored model (guess above 0.5) explains
        List<boolean[]> data = new ArrayList<>();
        for (int i = 0; i < 200; i++) data.add(new boolean[]{true, true, false, false, false, false});
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> BktFit.em(data, Bkt.forEvidence(Evidence.EXERCISE), 500, 1e-9));
        assertTrue(e.getMessage().startsWith("degenerate fit"), e.getMessage());
    }
}
