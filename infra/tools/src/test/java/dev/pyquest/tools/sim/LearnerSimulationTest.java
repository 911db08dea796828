package dev.pyquest.tools.sim;

import dev.pyquest.domain.content.ContentLoader;
import dev.pyquest.domain.content.Course;
import dev.pyquest.domain.mastery.next.NextStepPolicy;
import dev.pyquest.local.LocalStack;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LearnerSimulationTest {
    private static final Course COURSE = ContentLoader.load(LocalStack.findRoot().resolve("content"));

    @Test
    void theSameSeedGivesTheSameLearnersAndAnotherSeedOthers() {
        LearnerSimulation sim = new LearnerSimulation(COURSE, NextStepPolicy.DEFAULT, 0.5);
        List<LearnerSimulation.Run> a = new ArrayList<>(), b = new ArrayList<>(), c = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            a.add(sim.run(7, i, LearnerSimulation.Policy.ADAPTIVE, new ArrayList<>()));
            b.add(sim.run(7, i, LearnerSimulation.Policy.ADAPTIVE, new ArrayList<>()));
            c.add(sim.run(8, i, LearnerSimulation.Policy.ADAPTIVE, new ArrayList<>()));
        }
        assertEquals(a, b);
        assertFalse(a.equals(c));
    }

    @Test
    void aLearnerWhoReachesMasteryStopsThereAndTheFixedOrderNeverTakesMoreThanTheCourseAllows() {
        LearnerSimulation sim = new LearnerSimulation(COURSE, NextStepPolicy.DEFAULT, 0.5);
        int course = sim.path().activities().size();
        for (int i = 0; i < 30; i++) {
            LearnerSimulation.Run fixed = sim.run(1, i, LearnerSimulation.Policy.FIXED, new ArrayList<>());
            assertTrue(fixed.attempts() <= course * LearnerSimulation.MAX_TRIES, fixed.toString());
            LearnerSimulation.Run adaptive = sim.run(1, i, LearnerSimulation.Policy.ADAPTIVE, new ArrayList<>());
            assertTrue(adaptive.reached() || adaptive.attempts() == LearnerSimulation.MAX_ATTEMPTS, adaptive.toString());
            assertTrue(adaptive.attempts() >= sim.path().skills().size(), "at least one attempt per skill: " + adaptive);
        }
    }

    @Test
    void theAdaptivePathNeedsAtLeastAQuarterFewerAttemptsThanTheFixedOrder() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SimulateLearnersCommand.Report r = SimulateLearnersCommand.simulate(COURSE, 300, 42, 0.5, new PrintStream(out, true, StandardCharsets.UTF_8));
        assertTrue(r.medianRatio() <= 0.75, out.toString(StandardCharsets.UTF_8));
        assertTrue(r.adaptive().reached() > r.fixed().reached(), "the adaptive path gets more learners to mastery: " + out);
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("median ratio adaptive/fixed"), out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void calibrationDecilesAverageWhatWasPredictedAndWhatHappened() {
        List<SimulateLearnersCommand.Decile> d = SimulateLearnersCommand.calibration(List.of(
                new LearnerSimulation.Prediction(0.72, true), new LearnerSimulation.Prediction(0.78, false),
                new LearnerSimulation.Prediction(0.05, false), new LearnerSimulation.Prediction(1.0, true)));
        assertEquals(3, d.size());
        assertEquals(new SimulateLearnersCommand.Decile(0, 1, 0.05, 0.0), d.get(0));
        assertEquals(7, d.get(1).decile());
        assertEquals(0.75, d.get(1).predicted(), 1e-12);
        assertEquals(0.5, d.get(1).observed(), 1e-12);
        assertEquals(9, d.get(2).decile(), "a prediction of 1 belongs to the last decile");
    }

    @Test
    void percentilesCountLearnersWhoNeverGotThereAsNotReached() {
        List<LearnerSimulation.Run> runs = List.of(new LearnerSimulation.Run(10, true, 12, 12), new LearnerSimulation.Run(600, false, 3, 12),
                new LearnerSimulation.Run(20, true, 11, 12));
        SimulateLearnersCommand.Summary s = SimulateLearnersCommand.summary(runs);
        assertEquals(20, s.median());
        assertTrue(Double.isInfinite(s.p90()));
        assertEquals(15, s.mean(), 1e-12, "the mean is over those who got there");
        assertEquals(2, s.reached());
    }

    @Test
    void aSpreadOutsideZeroToThreeLogitsIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new LearnerSimulation(COURSE, NextStepPolicy.DEFAULT, -0.1));
        assertThrows(IllegalArgumentException.class, () -> new LearnerSimulation(COURSE, NextStepPolicy.DEFAULT, Double.NaN));
    }
}
