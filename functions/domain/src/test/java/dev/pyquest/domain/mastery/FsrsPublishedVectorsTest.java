package dev.pyquest.domain.mastery;

import dev.pyquest.domain.Json;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Replays the review sequences of fsrs-published-vectors.json, each copied from a test of py-fsrs,
 * fsrs-rs or ts-fsrs at a named commit (the file names them), and checks our stability, difficulty and
 * interval after each review against the values those projects assert. Every sequence runs twice: on
 * memory states with explicit elapsed days, and through the dated schedule ({@link SpacedReview}) with
 * each review on the learner-local day those days give; both must agree.
 */
class FsrsPublishedVectorsTest {
    record Step(Grade grade, long elapsedDays, Integer interval, Double stability, Double difficulty) {}

    record Case(String name, List<String> sources, String note, List<Double> weights, double relativeTolerance, List<Step> reviews) {
        @Override
        public String toString() {
            return name;
        }
    }

    record Vectors(String about, List<Case> cases) {}

    static List<Case> cases() throws IOException {
        try (InputStream in = FsrsPublishedVectorsTest.class.getResourceAsStream("fsrs-published-vectors.json")) {
            List<Case> cases = Json.MAPPER.readValue(in, Vectors.class).cases();
            assertFalse(cases.isEmpty());
            return cases;
        }
    }

    static final LocalDate START = LocalDate.of(2022, 11, 29); // the day the sources start from

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void ourSchedulerGivesThePublishedValues(Case c) {
        assertFalse(c.sources().isEmpty(), "a vector names where it comes from");
        Fsrs fsrs = new Fsrs(c.weights() == null ? Fsrs.DEFAULT_WEIGHTS : c.weights(),
                Fsrs.DEFAULT_DESIRED_RETENTION, Fsrs.DEFAULT_MAXIMUM_INTERVAL);
        Fsrs.Memory memory = null;
        SpacedReview schedule = null;
        int checked = 0;
        for (int i = 0; i < c.reviews().size(); i++) {
            Step step = c.reviews().get(i);
            String at = c.name() + ", review " + (i + 1) + " (" + step.grade() + ")";
            if (memory == null) {
                assertEquals(0, step.elapsedDays(), at + ": a first review has no elapsed days");
                memory = fsrs.initial(step.grade());
                schedule = fsrs.first(step.grade(), START);
            } else {
                memory = fsrs.next(memory, step.elapsedDays(), step.grade());
                schedule = fsrs.review(schedule, step.grade(), schedule.lastReviewed().plusDays(step.elapsedDays()));
            }
            assertEquals(memory, schedule.memory(), at + ": the dated schedule keeps the same memory");
            assertEquals(fsrs.scheduledDays(memory.stability()), schedule.scheduledDays(), at + ": due day");
            if (step.stability() != null) {
                assertClose(step.stability(), memory.stability(), c.relativeTolerance(), at + ": stability");
                checked++;
            }
            if (step.difficulty() != null) {
                assertClose(step.difficulty(), memory.difficulty(), c.relativeTolerance(), at + ": difficulty");
                checked++;
            }
            if (step.interval() != null) {
                assertEquals(step.interval().intValue(), fsrs.scheduledDays(memory.stability()), at + ": interval in days");
                checked++;
            }
        }
        assertTrue(checked > 0, c.name() + " checks nothing");
    }

    static void assertClose(double expected, double actual, double relative, String what) {
        assertTrue(Math.abs(actual - expected) <= relative * Math.abs(expected),
                what + ": expected " + expected + " within " + relative + " (relative), got " + actual);
    }
}
