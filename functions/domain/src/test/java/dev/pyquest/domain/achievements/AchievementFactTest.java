package dev.pyquest.domain.achievements;

import dev.pyquest.domain.content.Difficulty;
import dev.pyquest.domain.events.CodePassed;
import dev.pyquest.domain.events.LessonCompleted;
import dev.pyquest.domain.events.QuizPassed;
import dev.pyquest.domain.events.RewardGranted;
import dev.pyquest.domain.rewards.Economy;
import dev.pyquest.domain.rewards.Grant;
import dev.pyquest.domain.rewards.Reward;
import dev.pyquest.domain.rewards.RewardKind;
import dev.pyquest.domain.rewards.RewardRules;
import dev.pyquest.domain.rewards.RewardSource;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Facts come from the typed events as quests read them: the ledger's grants are the first passes. */
class AchievementFactTest {
    private static final RewardRules RULES = new RewardRules(Economy.bundled());
    private static final SkillCatalog CATALOG = AchievementEngineTest.CATALOG;
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final Instant LATE_SUNDAY_UTC = Instant.parse("2026-12-13T23:30:00Z"); // Monday 00:30 in Paris

    @Test
    void aFirstPassGrantIsAnExerciseFirstPassWithItsSkillsDifficultyFirstTryAndXpInTheLearnersDay() {
        Grant g = RULES.firstPass("u-1", "ex-2", "two-loops", Difficulty.HARD, true, "judged#s-1", "s-1");
        AchievementFact f = AchievementFact.of(RewardGranted.of(g, LATE_SUNDAY_UTC), null, PARIS, CATALOG).orElseThrow();
        assertEquals(FactKind.EXERCISE_FIRST_PASS, f.kind());
        assertEquals("reward#u-1#FIRST_PASS#ex-2", f.eventId());
        assertEquals("ex-2", f.activityId());
        assertEquals(List.of("loops", "lists"), f.skills());
        assertEquals(Difficulty.HARD, f.difficulty());
        assertEquals(Boolean.TRUE, f.firstTry());
        assertNull(f.hintBought(), "today's producer does not say: unknown, never 'no hint'");
        assertEquals(g.amount(RewardKind.XP), f.xp());
        assertEquals(LocalDate.parse("2026-12-14"), f.localDate());
        assertEquals("2026-W51", f.isoWeek());
    }

    @Test
    void aFirstPassGrantThatSaysNoHintWasBoughtCarriesIt() {
        Grant g = RULES.firstPass("u-1", "ex-1", "one-loop", Difficulty.EASY, false, "judged#s-1", "s-1");
        Grant said = new Grant(g.userId(), g.grantKey(), g.rewards(), g.sourceEventId(), g.submissionId(), g.source(),
                Map.of("difficulty", "EASY", "firstTry", "false", Grant.ATTR_HINT_BOUGHT, "false"));
        assertEquals(Boolean.FALSE, AchievementFact.of(RewardGranted.of(said, LATE_SUNDAY_UTC), null, PARIS, CATALOG).orElseThrow().hintBought());
    }

    @Test
    void aDailyLoginGrantCarriesTheStreakItMade() {
        // The grant the login route makes: RewardRules names the streak the login makes.
        Grant g = RULES.dailyLogin("u-1", LocalDate.parse("2026-12-14"), 7);
        AchievementFact f = AchievementFact.of(RewardGranted.of(g, LATE_SUNDAY_UTC), null, PARIS, CATALOG).orElseThrow();
        assertEquals(FactKind.DAILY_LOGIN, f.kind());
        assertEquals(7, f.streakDays());
        assertEquals(5, f.xp());
        Grant older = new Grant("u-1", "DAILY_LOGIN#2026-12-14", List.of(new Reward(RewardKind.XP, 5, "daily login")),
                "daily-login#u-1#2026-12-14", null, RewardSource.DAILY_LOGIN);
        assertEquals(0, AchievementFact.of(RewardGranted.of(older, LATE_SUNDAY_UTC), null, PARIS, CATALOG).orElseThrow().streakDays(),
                "a producer that does not say moves no streak rule");
    }

    @Test
    void aQuizGrantIsAFirstPassAndAQuizPassedEventIsAnAttemptWithItsScore() {
        Grant g = RULES.quizPassed("u-1", "qz-1", "loops-quiz", Difficulty.MEDIUM, "quiz#a-1");
        AchievementFact first = AchievementFact.of(RewardGranted.of(g, LATE_SUNDAY_UTC), null, PARIS, CATALOG).orElseThrow();
        assertEquals(FactKind.QUIZ_FIRST_PASS, first.kind());
        assertEquals(Difficulty.MEDIUM, first.difficulty());
        QuizPassed q = new QuizPassed("quiz#a-1", "u-1", "qz-1", "loops-quiz", Difficulty.MEDIUM, LATE_SUNDAY_UTC, "a-1", 5, 5, 100);
        AchievementFact attempt = AchievementFact.of(q, PARIS, CATALOG);
        assertEquals(FactKind.QUIZ_PASSED, attempt.kind());
        assertEquals(100, attempt.percent());
        assertEquals(0, attempt.xp(), "the XP is the grant's, counted once");
    }

    @Test
    void aLessonCompletedEventIsTheLessonAndItsGrantIsOnlyXp() {
        LessonCompleted l = new LessonCompleted("lesson#u-1#ls-1", "u-1", "ls-1", "loops-basics", Difficulty.EASY, LATE_SUNDAY_UTC);
        AchievementFact f = AchievementFact.of(l, PARIS, CATALOG);
        assertEquals(FactKind.LESSON_COMPLETED, f.kind());
        assertEquals(List.of("loops"), f.skills());
        Grant g = RULES.lessonCompleted("u-1", "ls-1", "loops-basics", "lesson#u-1#ls-1");
        AchievementFact xp = AchievementFact.of(RewardGranted.of(g, LATE_SUNDAY_UTC), null, PARIS, CATALOG).orElseThrow();
        assertEquals(FactKind.XP_EARNED, xp.kind());
        assertEquals(g.amount(RewardKind.XP), xp.xp());
    }

    @Test
    void aCodePassedIsNoFactSinceTheFirstPassIsTheLedgersGrant() {
        CodePassed p = new CodePassed("judged#s-1", "s-1", "u-1", "ex-1", "one-loop", Difficulty.EASY, 3, 3, LATE_SUNDAY_UTC, 1);
        assertTrue(AchievementFact.of(p, null, PARIS, CATALOG).isEmpty());
    }

    @Test
    void aGrantWithoutATimeFallsBackToTheBusTimeAndWithNeitherIsRefused() {
        Grant g = RULES.firstPass("u-1", "ex-1", "one-loop", Difficulty.EASY, false, "judged#s-1", "s-1");
        RewardGranted timeless = new RewardGranted("reward#u-1#FIRST_PASS#ex-1", "u-1", g.grantKey(), g.sourceEventId(), null,
                g.rewards(), null, "exercise", Map.of());
        assertEquals(LATE_SUNDAY_UTC, AchievementFact.of(timeless, LATE_SUNDAY_UTC, PARIS, CATALOG).orElseThrow().at());
        assertThrows(IllegalArgumentException.class, () -> AchievementFact.of(timeless, null, PARIS, CATALOG));
    }

    @Test
    void aMalformedAttributeIsRefusedRatherThanGuessed() {
        Grant g = new Grant("u-1", "DAILY_LOGIN#2026-12-14", List.of(new Reward(RewardKind.XP, 5, "daily login")),
                "daily-login#u-1#2026-12-14", null, RewardSource.DAILY_LOGIN, Map.of(Grant.ATTR_STREAK_DAYS, "seven"));
        assertThrows(IllegalArgumentException.class, () -> AchievementFact.of(RewardGranted.of(g, LATE_SUNDAY_UTC), null, PARIS, CATALOG));
    }
}
