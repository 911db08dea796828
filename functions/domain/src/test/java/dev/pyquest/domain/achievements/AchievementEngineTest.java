package dev.pyquest.domain.achievements;

import dev.pyquest.domain.content.Difficulty;
import dev.pyquest.domain.rewards.Economy;
import dev.pyquest.domain.rewards.Grant;
import dev.pyquest.domain.rewards.RewardKind;
import dev.pyquest.domain.rewards.RewardSource;
import dev.pyquest.domain.events.RewardGranted;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every rule kind on fixed fact sequences, boundaries included (rules.yaml beside this test, on a three-skill course). */
class AchievementEngineTest {
    private static final ZoneId UTC = ZoneId.of("UTC");
    /** loops: ex-1, ex-2; lists: ex-2, ex-3, ex-4; strings: ex-5. */
    static final SkillCatalog CATALOG = new SkillCatalog(Set.of("loops", "lists", "strings"),
            Map.of("ex-1", List.of("loops"), "ex-2", List.of("loops", "lists"), "ex-3", List.of("lists"),
                    "ex-4", List.of("lists"), "ex-5", List.of("strings"), "ls-1", List.of("loops")),
            Map.of("loops", 2, "lists", 3, "strings", 1));
    static final AchievementEngine ENGINE = new AchievementEngine(Achievements.parse(rules(), CATALOG.skills()), CATALOG);

    /** A learner's achievements as a store would keep them: each evaluation applied, each unlock marked. */
    static final class Learner {
        final Map<String, Long> progress = new HashMap<>();
        final Set<String> unlocked = new HashSet<>();
        int events;

        /** The unlock keys {@code fact} makes. */
        List<String> feed(AchievementFact fact) {
            Evaluation ev = ENGINE.evaluate(fact, state());
            for (Evaluation.Change c : ev.changes()) {
                assertEquals(progress.getOrDefault(c.key(), 0L), c.before(), "a change says the value it was computed from");
                progress.put(c.key(), c.after());
            }
            List<String> keys = new ArrayList<>();
            for (Unlock u : ev.unlocks()) {
                assertTrue(unlocked.add(u.key()), u.key() + " unlocked twice");
                keys.add(u.key());
            }
            return keys;
        }

        LearnerAchievements state() {
            return new LearnerAchievements(progress, unlocked);
        }

        String id() {
            return "e-" + (++events);
        }
    }

    private Learner learner;
    private final Instant t0 = Instant.parse("2026-12-07T10:00:00Z"); // a Monday

    @BeforeEach
    void newLearner() {
        learner = new Learner();
    }

    private AchievementFact pass(String exercise, Difficulty d, Boolean firstTry, Boolean hintBought, long xp) {
        return pass(exercise, d, firstTry, hintBought, xp, t0);
    }

    private AchievementFact pass(String exercise, Difficulty d, Boolean firstTry, Boolean hintBought, long xp, Instant at) {
        LocalDate day = LocalDate.ofInstant(at, UTC);
        return new AchievementFact("u-1", learner.id(), at, day, AchievementFact.isoWeek(day), FactKind.EXERCISE_FIRST_PASS,
                exercise, d, firstTry, hintBought, CATALOG.skillsOf(exercise), 0, 0, xp);
    }

    private AchievementFact pass(String exercise) {
        return pass(exercise, Difficulty.EASY, false, null, 0);
    }

    private AchievementFact login(int streakDays, Instant at) {
        LocalDate day = LocalDate.ofInstant(at, UTC);
        return new AchievementFact("u-1", learner.id(), at, day, AchievementFact.isoWeek(day), FactKind.DAILY_LOGIN,
                null, null, null, null, List.of(), 0, streakDays, 0);
    }

    private AchievementFact xp(long amount, Instant at, ZoneId zone) {
        LocalDate day = LocalDate.ofInstant(at, zone);
        return new AchievementFact("u-1", learner.id(), at, day, AchievementFact.isoWeek(day), FactKind.XP_EARNED,
                null, null, null, null, List.of(), 0, 0, amount);
    }

    private AchievementFact quiz(int percent) {
        LocalDate day = LocalDate.ofInstant(t0, UTC);
        return new AchievementFact("u-1", learner.id(), t0, day, AchievementFact.isoWeek(day), FactKind.QUIZ_PASSED,
                "qz-1", Difficulty.EASY, null, null, List.of(), percent, 0, 0);
    }

    @Test
    void theFirstExercisePassedUnlocksHelloWorldOnceAndALaterPassNever() {
        assertEquals(List.of("hello-world"), learner.feed(pass("ex-1")));
        assertEquals(List.of(), learner.feed(pass("ex-3")));
    }

    @Test
    void theFirstLessonUnlocksItsAchievementAndNothingElse() {
        assertEquals(List.of("first-lesson"), learner.feed(AchievementFact.of("u-1", "e-1", t0, UTC, FactKind.LESSON_COMPLETED)));
        assertFalse(learner.unlocked.contains("hello-world"));
    }

    @Test
    void aQuizAt90PercentIsNotPerfectAnd100Is() {
        assertEquals(List.of(), learner.feed(quiz(90)));
        assertEquals(List.of("perfect-quiz"), learner.feed(quiz(100)));
        assertEquals(List.of(), learner.feed(quiz(100)), "a perfect re-take unlocks nothing");
    }

    @Test
    void theFifthPassUnlocksBronzeNotTheFourth() {
        for (int i = 1; i <= 4; i++) assertFalse(learner.feed(pass("ex-" + i)).contains("problem-solver#bronze"), "pass " + i);
        assertEquals(List.of("problem-solver#bronze"), learner.feed(pass("ex-5")));
        assertEquals(5, learner.progress.get("problem-solver"));
        for (int i = 6; i <= 9; i++) assertEquals(List.of(), learner.feed(pass("ex-" + i)));
        assertEquals(List.of("problem-solver#silver"), learner.feed(pass("ex-10")));
    }

    @Test
    void crossingTwoTiersAtOnceUnlocksBothAndAnUnlockedTierNeverUnlocksAgain() {
        // 200 XP in one grant crosses busy-day's 50 and 150 together.
        assertEquals(List.of("busy-day#bronze", "busy-day#silver", "big-week"), learner.feed(xp(200, t0, UTC)));
        // A store that lost the progress but kept the unlock markers (a backfill recomputing it) pays nothing twice.
        learner.progress.clear();
        assertEquals(List.of(), learner.feed(xp(200, t0, UTC)));
    }

    @Test
    void aStateThatAlreadyQualifiesUnlocksOnTheNextFactThatTouchesTheRule() {
        // A rule added after the learner passed 7 exercises: the counter is there (the backfill wrote it), no marker is.
        learner.progress.put("problem-solver", 7L);
        assertTrue(learner.feed(pass("ex-1")).containsAll(List.of("problem-solver#bronze")));
        assertEquals(8, learner.progress.get("problem-solver"));
    }

    @Test
    void aHardExercisePassedOnTheFirstTryUnlocksTheHiddenFlawlessAndOnTheSecondTryDoesNot() {
        assertTrue(ENGINE.rules().find("flawless").orElseThrow().hidden());
        assertFalse(learner.feed(pass("ex-1", Difficulty.HARD, false, null, 0)).contains("flawless"));
        assertFalse(learner.feed(pass("ex-2", Difficulty.MEDIUM, true, null, 0)).contains("flawless"));
        assertTrue(learner.feed(pass("ex-3", Difficulty.HARD, true, null, 0)).contains("flawless"));
    }

    @Test
    void aPassCountsAsHintFreeOnlyWhenTheProducerSaysNoHintWasBought() {
        learner.feed(pass("ex-11", Difficulty.EASY, false, null, 0));   // unknown: not counted
        learner.feed(pass("ex-12", Difficulty.EASY, false, true, 0));   // bought one
        assertEquals(null, learner.progress.get("self-reliant"));
        assertEquals(List.of(), learner.feed(pass("ex-13", Difficulty.EASY, false, false, 0)));
        assertEquals(List.of("self-reliant#bronze"), learner.feed(pass("ex-14", Difficulty.EASY, false, false, 0)));
    }

    @Test
    void aStreakThatBreaksAtSixDaysDoesNotUnlockSevenAndTheSeventhDayOfTheNextOneDoes() {
        Instant day = t0;
        for (int d = 1; d <= 6; d++, day = day.plusSeconds(86_400)) assertEquals(List.of(), learner.feed(login(d, day)));
        for (int d = 1; d <= 6; d++, day = day.plusSeconds(86_400)) assertEquals(List.of(), learner.feed(login(d, day)));
        assertEquals(6, learner.progress.get("on-a-roll"));
        assertEquals(List.of("on-a-roll#bronze"), learner.feed(login(7, day)));
    }

    @Test
    void aLateOrRepeatedLoginCannotLowerTheBestStreak() {
        learner.feed(login(12, t0));
        Evaluation late = ENGINE.evaluate(login(3, t0.minusSeconds(9 * 86_400)), learner.state());
        assertTrue(late.isEmpty(), late.toString());
        assertEquals(12, learner.progress.get("on-a-roll"));
    }

    @Test
    void xpOfYesterdayDoesNotCountForToday() {
        Instant yesterday = Instant.parse("2026-12-07T23:30:00Z"), today = Instant.parse("2026-12-08T00:30:00Z");
        assertEquals(List.of(), learner.feed(xp(40, yesterday, UTC)));
        assertEquals(List.of(), learner.feed(xp(40, today, UTC)));
        assertEquals(40, learner.progress.get("busy-day@2026-12-07"));
        assertEquals(40, learner.progress.get("busy-day@2026-12-08"));
        assertEquals(List.of("busy-day#bronze"), learner.feed(xp(10, today, UTC)));
        assertEquals(50, ENGINE.current(ENGINE.rules().find("busy-day").orElseThrow(), learner.state(), LocalDate.parse("2026-12-08")));
    }

    @Test
    void aLateGrantOfYesterdayCountsForYesterdayNotForToday() {
        Instant today = Instant.parse("2026-12-08T12:00:00Z");
        learner.feed(xp(45, today, UTC));
        assertEquals(List.of(), learner.feed(xp(10, today.minusSeconds(86_400), UTC)));
        assertEquals(45, learner.progress.get("busy-day@2026-12-08"));
    }

    @Test
    void theWeekEndsAtTheLearnersOwnMondayMidnightNotUtcs() {
        ZoneId auckland = ZoneId.of("Pacific/Auckland"); // UTC+13 in December
        // Both instants are on Sunday 2026-12-13 in UTC; in Auckland the second is already Monday 2026-12-14.
        Instant sundayLocal = Instant.parse("2026-12-13T10:30:00Z");  // Sunday 23:30 in Auckland
        Instant mondayLocal = Instant.parse("2026-12-13T11:30:00Z");  // Monday 00:30 in Auckland
        assertEquals(List.of(), learner.feed(xp(45, sundayLocal, auckland)));
        assertEquals(List.of(), learner.feed(xp(45, mondayLocal, auckland)));
        assertEquals(45, learner.progress.get("big-week@2026-W50"));
        assertEquals(45, learner.progress.get("big-week@2026-W51"));
        assertEquals(45, learner.progress.get("busy-day@2026-12-14"));
        // Earlier days of the same local week add up (Saturday, then Friday noon in Auckland).
        assertEquals(List.of(), learner.feed(xp(45, Instant.parse("2026-12-11T23:00:00Z"), auckland)));
        assertEquals(List.of("big-week"), learner.feed(xp(10, Instant.parse("2026-12-10T23:00:00Z"), auckland)));
        assertEquals(45, learner.progress.get("big-week@2026-W51"));
    }

    @Test
    void theIsoWeekAroundNewYearIsTheWeekOfItsThursday() {
        assertEquals("2026-W53", AchievementFact.isoWeek(LocalDate.parse("2027-01-01")));
        assertEquals("2025-W01", AchievementFact.isoWeek(LocalDate.parse("2024-12-30")));
        assertEquals("2026-W05", AchievementFact.isoWeek(LocalDate.parse("2026-01-26")));
    }

    @Test
    void aSkillIsMasteredWhenEveryOneOfItsExercisesIsPassedAndMasteredSkillsAreCounted() {
        assertFalse(learner.feed(pass("ex-1")).contains("master-loops"));
        assertEquals(1, learner.progress.get("skill:loops"));
        // ex-2 completes loops (2 of 2) and moves lists to 1 of 3.
        List<String> second = learner.feed(pass("ex-2"));
        assertTrue(second.containsAll(List.of("master-loops", "polymath#bronze")), second.toString());
        assertFalse(second.contains("master-lists"));
        assertFalse(learner.feed(pass("ex-3")).contains("master-lists"));
        List<String> fourth = learner.feed(pass("ex-4"));
        assertTrue(fourth.containsAll(List.of("master-lists", "polymath#silver")), fourth.toString());
        assertEquals(2, learner.progress.get(AchievementEngine.SKILLS_MASTERED));
        Achievement lists = ENGINE.rules().find("master-lists").orElseThrow();
        assertEquals(3, ENGINE.target(lists, lists.levels().getFirst()));
        assertEquals(3, ENGINE.current(lists, learner.state(), LocalDate.parse("2026-12-07")));
    }

    private static dev.pyquest.domain.content.Exercise exercise(String id, List<String> skills, boolean premium) {
        return new dev.pyquest.domain.content.Exercise(id, id, id, Difficulty.HARD, skills, "f", dev.pyquest.domain.content.Limits.DEFAULT,
                List.of("hint"), List.of(), List.of(), List.of(), List.of(), "statement", "starter", "solution", List.of(), false,
                "walkthrough", premium);
    }

    /** A free learner can master a skill that has premium exercises; a Pro learner cannot master it early through one. */
    @Test
    void premiumExercisesNeitherCountTowardsASkillNorFillItsTally() {
        dev.pyquest.domain.content.Course course = new dev.pyquest.domain.content.Course(
                List.of(new dev.pyquest.domain.content.Skill("loops", "Loops", List.of()),
                        new dev.pyquest.domain.content.Skill("lists", "Lists", List.of()),
                        new dev.pyquest.domain.content.Skill("strings", "Strings", List.of())),
                List.of(exercise("ex-1", List.of("loops"), false), exercise("ex-2", List.of("loops", "lists"), false),
                        exercise("ex-p", List.of("loops"), true)),
                List.of(), List.of(), Map.of());
        SkillCatalog catalog = SkillCatalog.of(course);
        assertEquals(2, catalog.exerciseCount("loops"), "the premium exercise is not counted");
        assertEquals(List.of("loops"), catalog.skillsOf("ex-p"), "its skills are still known (other rules read them)");
        assertFalse(catalog.countsTowardsMastery("ex-p"));
        assertTrue(catalog.countsTowardsMastery("ex-1"));
        AchievementEngine engine = new AchievementEngine(Achievements.parse(rules(), catalog.skills()), catalog);

        // Pro: the premium pass leaves the tally alone, so one free pass does not master loops.
        Map<String, Long> progress = new HashMap<>();
        Set<String> unlocked = new HashSet<>();
        java.util.function.Function<String, List<String>> feed = id -> {
            LocalDate day = LocalDate.ofInstant(t0, UTC);
            AchievementFact fact = new AchievementFact("u-1", learner.id(), t0, day, AchievementFact.isoWeek(day),
                    FactKind.EXERCISE_FIRST_PASS, id, Difficulty.EASY, false, null, catalog.skillsOf(id), 0, 0, 0);
            Evaluation ev = engine.evaluate(fact, new LearnerAchievements(progress, unlocked));
            ev.changes().forEach(c -> progress.put(c.key(), c.after()));
            List<String> keys = ev.unlocks().stream().map(Unlock::key).toList();
            unlocked.addAll(keys);
            return keys;
        };
        assertTrue(feed.apply("ex-p").contains("hello-world"), "a premium pass still counts as a pass");
        assertFalse(progress.containsKey("skill:loops"));
        assertFalse(feed.apply("ex-1").contains("master-loops"));
        // Free: the two free exercises master loops.
        assertTrue(feed.apply("ex-2").contains("master-loops"));
        assertEquals(2, progress.get("skill:loops"));
    }

    @Test
    void aLoginTouchesOnlyTheStreakRules() {
        Evaluation ev = ENGINE.evaluate(login(1, t0), LearnerAchievements.EMPTY);
        assertEquals(List.of(new Evaluation.Change("on-a-roll", 0, 1)), ev.changes());
        assertSame(Evaluation.NOTHING, ENGINE.evaluate(AchievementFact.of("u-1", "e-9", t0, UTC, FactKind.QUIZ_FIRST_PASS),
                LearnerAchievements.EMPTY));
    }

    @Test
    void anUnlockPaysThroughOneGrantKeyedByAchievementAndTierUnderTheUncappedAchievementSource() {
        Unlock u = ENGINE.evaluate(pass("ex-1"), new LearnerAchievements(Map.of("problem-solver", 4L), Set.of())).unlocks().stream()
                .filter(x -> x.achievementId().equals("problem-solver")).findFirst().orElseThrow();
        Grant g = u.grant("u-1", "ach#u-1#problem-solver#bronze", "s-1");
        assertEquals("ACHIEVEMENT#problem-solver#bronze", g.grantKey());
        assertEquals(1, g.amount(RewardKind.BADGE));
        assertEquals(25, g.amount(RewardKind.XP));
        assertEquals(3, g.amount(RewardKind.DIAMONDS));
        assertEquals(RewardSource.ACHIEVEMENT, g.source());
        assertEquals(Map.of("achievement", "problem-solver", "tier", "bronze"), g.attributes());
        assertTrue(Economy.bundled().dailyXpCap(RewardSource.ACHIEVEMENT).isEmpty(), "achievements are not capped");

        Unlock once = ENGINE.evaluate(pass("ex-1"), LearnerAchievements.EMPTY).unlocks().getFirst();
        Grant untiered = once.grant("u-1", "ach#u-1#hello-world", null);
        assertEquals("ACHIEVEMENT#hello-world", untiered.grantKey());
        assertEquals(Map.of("achievement", "hello-world"), untiered.attributes());
        // Achievements' own grants do not feed achievements (no XP loop through busy-day).
        assertTrue(AchievementFact.of(RewardGranted.of(g, t0), null, UTC, CATALOG).isEmpty());
    }

    static String rules() {
        try (InputStream in = AchievementEngineTest.class.getResourceAsStream("rules.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
