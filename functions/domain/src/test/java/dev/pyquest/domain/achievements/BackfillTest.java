package dev.pyquest.domain.achievements;

import dev.pyquest.domain.content.Difficulty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The backfill's plan on the engine test's rules and course: replays, max, pending facts, dormant periods, a second run. */
class BackfillTest {
    private static final Instant NOW = Instant.parse("2026-12-10T12:00:00Z");
    private static final Duration WINDOW = Duration.ofDays(30);
    private static final SkillCatalog CATALOG = AchievementEngineTest.CATALOG;
    private static final AchievementEngine OLD = AchievementEngineTest.ENGINE;

    /** The engine test's rules and one more, added after learners did the work: three exercises passed. */
    private static final AchievementEngine NEW = withRule("""
              - id: three-down
                name: "Three down"
                description: "Pass three exercises."
                kind: count
                event: EXERCISE_FIRST_PASS
                tiers: [{ target: 3, xp: 7, diamonds: 1 }]
            """);

    private static AchievementEngine withRule(String yaml) {
        return new AchievementEngine(Achievements.parse(AchievementEngineTest.rules() + yaml, CATALOG.skills()), CATALOG);
    }

    private static AchievementFact pass(String id, String exercise, Instant at) {
        LocalDate day = LocalDate.ofInstant(at, ZoneOffset.UTC);
        return new AchievementFact("u-1", id, at, day, AchievementFact.isoWeek(day), FactKind.EXERCISE_FIRST_PASS, exercise,
                Difficulty.EASY, false, false, CATALOG.skillsOf(exercise), 0, 0, 20);
    }

    /** A learner as the consumer left them: each fact evaluated by {@code engine}, applied, marked. */
    private static final class Stored {
        final Map<String, Long> progress = new HashMap<>();
        final Set<String> unlocked = new HashSet<>();
        final Set<String> markers = new HashSet<>();

        Stored consume(AchievementEngine engine, List<AchievementFact> facts) {
            for (AchievementFact f : facts) {
                Evaluation ev = engine.evaluate(f, state());
                ev.changes().forEach(c -> progress.put(c.key(), c.after()));
                ev.unlocks().forEach(u -> unlocked.add(u.key()));
                markers.add(f.eventId());
            }
            return this;
        }

        /** Writes the plan as the store does (each change checked against the value it was computed from). */
        void write(Backfill.Plan plan) {
            for (Evaluation.Change c : plan.changes()) {
                assertEquals(progress.getOrDefault(c.key(), 0L), c.before(), c.key());
                progress.put(c.key(), c.after());
            }
            for (Unlock u : plan.unlocks()) assertTrue(unlocked.add(u.key()), u.key() + " unlocked twice");
            for (String m : plan.markers()) assertTrue(markers.add(m), m + " marked twice");
        }

        LearnerAchievements state() {
            return new LearnerAchievements(progress, unlocked);
        }

        Backfill.Plan plan(AchievementEngine engine, List<AchievementFact> history) {
            return Backfill.plan(engine, state(), markers, history, NOW, WINDOW);
        }
    }

    private static List<AchievementFact> passes(int n, Instant from) {
        List<AchievementFact> out = new ArrayList<>();
        for (int i = 1; i <= n; i++) out.add(pass("reward#u-1#FIRST_PASS#ex-" + i, "ex-" + i, from.plusSeconds(60L * i)));
        return out;
    }

    @Test
    void underTheRulesTheConsumerRanABackfillFindsNothingToDo() {
        List<AchievementFact> history = passes(5, NOW.minus(Duration.ofDays(3)));
        Stored s = new Stored().consume(OLD, history);
        assertTrue(s.plan(OLD, history).isEmpty(), s.plan(OLD, history).toString());
    }

    @Test
    void aNewRuleTheLearnerAlreadyQualifiesForUnlocksOnceAndASecondPlanIsEmpty() {
        List<AchievementFact> history = passes(4, NOW.minus(Duration.ofDays(90)));
        Stored s = new Stored().consume(OLD, history);
        Backfill.Plan plan = s.plan(NEW, history);
        assertEquals(List.of("three-down"), plan.unlockKeys());
        assertEquals(List.of(new Evaluation.Change("three-down", 0, 4)), plan.changes());
        assertEquals(List.of(), plan.markers(), "every fact was applied");
        assertEquals(history.getLast().at(), plan.lastFactAt());
        s.write(plan);
        assertTrue(s.plan(NEW, history).isEmpty(), "a second run changes nothing");
    }

    @Test
    void aLearnerBelowTheNewTargetGetsTheCountButNoUnlock() {
        List<AchievementFact> history = passes(2, NOW.minus(Duration.ofDays(2)));
        Stored s = new Stored().consume(OLD, history);
        Backfill.Plan plan = s.plan(NEW, history);
        assertEquals(List.of(), plan.unlocks());
        assertEquals(List.of(new Evaluation.Change("three-down", 0, 2)), plan.changes());
        s.write(plan);
        // The consumer's next pass now counts from 2 and unlocks at 3, as if the rule had always been there.
        assertEquals(List.of("three-down"), NEW.evaluate(pass("reward#u-1#FIRST_PASS#ex-3", "ex-3", NOW), s.state())
                .unlocks().stream().map(Unlock::key).toList());
    }

    @Test
    void aFactNotYetDeliveredIsCountedOnceAndMarkedSoItsDeliveryCountsNothing() {
        List<AchievementFact> history = passes(5, NOW.minus(Duration.ofDays(1)));
        Stored s = new Stored().consume(OLD, history.subList(0, 4)); // the 5th is still on its way to the consumer
        Backfill.Plan plan = s.plan(OLD, history);
        assertEquals(List.of(history.get(4).eventId()), plan.markers());
        assertTrue(plan.unlockKeys().contains("problem-solver#bronze"), "the 5th pass crosses bronze: " + plan.unlockKeys());
        assertTrue(plan.changes().contains(new Evaluation.Change("problem-solver", 4, 5)), plan.changes().toString());
        s.write(plan);
        assertTrue(s.markers.contains(history.get(4).eventId()), "its delivery finds the marker: ALREADY_APPLIED, nothing counted");
        assertTrue(s.plan(OLD, history).isEmpty());
    }

    @Test
    void aPendingFactCountsOnTopOfAStoredValueTheHistoryCannotExplain() {
        // A count stored higher than the history gives (a rule whose condition was narrowed since): kept, and the
        // pending fact still adds to it, as the consumer would have; max(stored, replay) alone would lose it.
        List<AchievementFact> history = passes(3, NOW.minus(Duration.ofDays(1)));
        Stored s = new Stored().consume(OLD, history.subList(0, 2));
        s.progress.put("problem-solver", 9L);
        Backfill.Plan plan = s.plan(OLD, history);
        assertTrue(plan.changes().contains(new Evaluation.Change("problem-solver", 9, 10)), plan.changes().toString());
        assertTrue(plan.unlockKeys().contains("problem-solver#silver"), plan.unlockKeys().toString());
    }

    @Test
    void anUnmarkedFactOlderThanTheRedeliveryWindowIsReplayedButNotMarked() {
        List<AchievementFact> history = passes(3, NOW.minus(Duration.ofDays(60)));
        Stored s = new Stored(); // the facts predate the consumer
        Backfill.Plan plan = s.plan(OLD, history);
        assertEquals(List.of(), plan.markers(), "no delivery of them can come any more");
        assertTrue(plan.unlockKeys().contains("hello-world"), plan.unlockKeys().toString());
        assertTrue(plan.changes().contains(new Evaluation.Change("problem-solver", 0, 3)), plan.changes().toString());
    }

    @Test
    void aStoredValueIsNeverLoweredAndAStoredUnlockNeverRepeated() {
        List<AchievementFact> history = passes(6, NOW.minus(Duration.ofDays(5)));
        Stored s = new Stored().consume(OLD, history);
        s.progress.put("problem-solver", 40L);
        assertTrue(s.plan(OLD, history).isEmpty());
    }

    @Test
    void aNewPeriodicRuleWritesOnlyPeriodsAFactCanStillReachButUnlocksFromAllOfThem() {
        AchievementEngine engine = withRule("""
                  - id: grinder
                    name: "Grinder"
                    description: "Earn 40 XP in a day."
                    kind: periodic
                    period: day
                    tiers: [{ target: 40, xp: 5, diamonds: 0 }]
                """);
        List<AchievementFact> history = new ArrayList<>();
        // 100 days, two passes of 20 XP each, long ago: one period value per day, all dormant.
        for (int d = 0; d < 100; d++) {
            Instant at = NOW.minus(Duration.ofDays(200 - d));
            history.add(pass("old-a-" + d, "ex-1", at));
            history.add(pass("old-b-" + d, "ex-2", at.plusSeconds(60)));
        }
        Instant recent = NOW.minus(Duration.ofDays(2));
        history.add(pass("new-a", "ex-3", recent));
        Stored s = new Stored().consume(OLD, history);
        Backfill.Plan plan = s.plan(engine, history);
        assertEquals(List.of("grinder"), plan.unlockKeys(), "a dormant day still unlocks");
        String today = "grinder@" + LocalDate.ofInstant(recent, ZoneOffset.UTC);
        assertEquals(List.of(new Evaluation.Change(today, 0, 20)), plan.changes(), "only the day a fact can still reach is written");
        s.write(plan);
        assertTrue(s.plan(engine, history).isEmpty());
    }

    @Test
    void anEventIdTwiceInTheHistoryCountsOnce() {
        List<AchievementFact> history = new ArrayList<>(passes(3, NOW.minus(Duration.ofDays(40))));
        history.addAll(passes(3, NOW.minus(Duration.ofDays(40))));
        Backfill.Plan plan = new Stored().plan(NEW, history);
        assertTrue(plan.changes().contains(new Evaluation.Change("three-down", 0, 3)), plan.changes().toString());
    }
}
