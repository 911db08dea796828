package dev.pyquest.domain.mastery.next;

import dev.pyquest.domain.content.Difficulty;
import dev.pyquest.domain.content.Skill;
import dev.pyquest.domain.mastery.ActivityRecord;
import dev.pyquest.domain.mastery.Fsrs;
import dev.pyquest.domain.mastery.LearningPath;
import dev.pyquest.domain.mastery.MasteryLevel;
import dev.pyquest.domain.mastery.PathActivity;
import dev.pyquest.domain.mastery.Practice;
import dev.pyquest.domain.mastery.SkillMastery;
import dev.pyquest.domain.mastery.SkillProgress;
import dev.pyquest.domain.mastery.SpacedReview;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NextStepPolicyTest {
    private static final LocalDate TODAY = LocalDate.of(2026, 12, 7);
    // b requires a, c requires b; listed out of order on purpose: the path puts prerequisites first.
    private static final List<Skill> SKILLS = List.of(new Skill("b", "Bees", List.of("a")), new Skill("a", "Ants", List.of()),
            new Skill("c", "Cats", List.of("b")));
    private static final PathActivity LESSON_A = act("lesson-a", Practice.Kind.LESSON, Difficulty.EASY, "a");
    private static final PathActivity QUIZ_A = act("quiz-a", Practice.Kind.QUIZ, Difficulty.EASY, "a");
    private static final PathActivity EASY_A = act("easy-a", Practice.Kind.EXERCISE, Difficulty.EASY, "a");
    private static final PathActivity MEDIUM_A = act("medium-a", Practice.Kind.EXERCISE, Difficulty.MEDIUM, "a");
    private static final PathActivity HARD_A = act("hard-a", Practice.Kind.EXERCISE, Difficulty.HARD, "a");
    private static final PathActivity LESSON_B = act("lesson-b", Practice.Kind.LESSON, Difficulty.EASY, "b");
    private static final PathActivity EASY_B = act("easy-b", Practice.Kind.EXERCISE, Difficulty.EASY, "b");
    private static final PathActivity MEDIUM_AB = act("medium-ab", Practice.Kind.EXERCISE, Difficulty.MEDIUM, "a", "b");
    private static final PathActivity EASY_C = act("easy-c", Practice.Kind.EXERCISE, Difficulty.EASY, "c");
    private static final List<PathActivity> ALL = List.of(EASY_C, MEDIUM_AB, EASY_B, LESSON_B, HARD_A, MEDIUM_A, EASY_A, QUIZ_A, LESSON_A);
    private static final LearningPath PATH = LearningPath.of(SKILLS, ALL);

    private final Map<String, SkillProgress> skills = new HashMap<>();
    private final Map<String, ActivityRecord> records = new HashMap<>();
    private Predicate<PathActivity> unlocked = a -> true;
    private java.util.function.Function<PathActivity, List<dev.pyquest.domain.learning.Gates.Unmet>> unmet = a -> List.of();

    private static PathActivity act(String slug, Practice.Kind kind, Difficulty d, String... skills) {
        return new PathActivity("id-" + slug, slug, "The " + slug, kind, d, List.of(skills));
    }

    private NextStep next() {
        return NextStepPolicy.DEFAULT.next(new LearnerView(PATH, skills, records, TODAY, unlocked, unmet));
    }

    private void skill(String id, double pKnown, int observations) {
        skill(id, pKnown, observations, null);
    }

    private void skill(String id, double pKnown, int observations, LocalDate due) {
        SpacedReview review = due == null ? null : new SpacedReview(new Fsrs.Memory(2.3, 5), due.minusDays(2), due, 1, 0);
        skills.put(id, new SkillProgress(new SkillMastery(pKnown, observations, MasteryLevel.of(observations, pKnown)), review, observations, 0));
    }

    private void done(PathActivity... as) {
        for (PathActivity a : as) records.put(a.activityId(), new ActivityRecord(1, 1, false));
    }

    @Test
    void theFixedOrderPutsPrerequisitesFirstThenLessonQuizAndExercisesFromEasyToHard() {
        assertEquals(List.of("lesson-a", "quiz-a", "easy-a", "medium-a", "hard-a", "lesson-b", "easy-b", "medium-ab", "easy-c"),
                PATH.activities().stream().map(PathActivity::slug).toList());
        assertEquals(List.of("a", "b", "c"), PATH.skills().stream().map(Skill::id).toList());
    }

    @Test
    void aNewLearnerStartsTheSkillWithoutPrerequisitesAtItsLesson() {
        NextStep n = next();
        assertEquals(LESSON_A, n.suggestion().activity());
        assertEquals(Reason.NEW_SKILL, n.suggestion().reason());
        assertEquals(List.of("a"), n.suggestion().skills());
        assertEquals("new-skill", n.suggestion().reason().wire());
    }

    @Test
    void aNewLearnerAlsoSeesTheNextActivitiesOfTheCourseAsAlternatives() {
        NextStep n = next();
        assertEquals(List.of(QUIZ_A, EASY_A, MEDIUM_A), n.alternatives().stream().map(Suggestion::activity).toList());
        assertTrue(n.alternatives().stream().allMatch(s -> s.reason() == Reason.CONTINUE_PATH));
    }

    @Test
    void aWeakSkillIsStrengthenedWithTheActivityClosestToTheTargetSuccessRate() {
        skill("a", 0.3, 1);
        done(LESSON_A);
        NextStep n = next();
        assertEquals(Reason.STRENGTHEN_WEAK_SKILL, n.suggestion().reason());
        // At P(known) 0.3 every activity of a is under the target: the likeliest to pass is the quiz (0.445; the easy exercise 0.375).
        assertEquals(QUIZ_A, n.suggestion().activity());
        assertTrue(n.suggestion().why().contains("Ants is your weakest skill"), n.suggestion().why());
    }

    @Test
    void aFamiliarSkillIsCarriedOnUntilMasteredAtTheTargetRate() {
        skill("a", 0.9, 3);
        done(LESSON_A, QUIZ_A);
        NextStep n = next();
        assertEquals(Reason.CONTINUE_PATH, n.suggestion().reason());
        // P(pass) at 0.9: easy 0.825, medium 0.775, hard 0.68; medium is nearest 0.75.
        assertEquals(MEDIUM_A, n.suggestion().activity());
    }

    @Test
    void aMasteredPrerequisiteOpensTheNewSkillAndMasteredSkillsAreNotPractisedFurther() {
        skill("a", 0.99, 3);
        done(LESSON_A, EASY_A, MEDIUM_A);
        NextStep n = next();
        assertEquals(Reason.NEW_SKILL, n.suggestion().reason());
        assertEquals(LESSON_B, n.suggestion().activity());
        assertTrue(n.suggestion().why().contains("now that Ants is mastered"), n.suggestion().why());
        assertTrue(n.alternatives().stream().noneMatch(s -> s.activity().equals(HARD_A) && s.reason() != Reason.CONTINUE_PATH));
    }

    @Test
    void aDueReviewComesFirstAndPrefersNewMaterialOfTheSkill() {
        skill("a", 0.99, 3, TODAY.minusDays(1));
        skill("b", 0.3, 1);
        done(LESSON_A, EASY_A);
        NextStep n = next();
        assertEquals(Reason.REVIEW_DUE, n.suggestion().reason());
        assertEquals(List.of("a"), n.suggestion().skills());
        assertFalse(records.containsKey(n.suggestion().activity().activityId()), "new material of a, not a solved exercise");
        assertTrue(n.suggestion().activity().skills().contains("a"));
        assertTrue(n.suggestion().why().contains("review of Ants is due (2026-12-06)"), n.suggestion().why());
        // The weak skill b is still there, as an alternative.
        assertTrue(n.alternatives().stream().anyMatch(s -> s.reason() == Reason.STRENGTHEN_WEAK_SKILL));
    }

    @Test
    void aDueReviewOfASkillWithNothingNewLeftReRunsItsEasiestSolvedActivity() {
        skill("a", 0.99, 4, TODAY);
        done(LESSON_A, QUIZ_A, EASY_A, MEDIUM_A, HARD_A, MEDIUM_AB);
        NextStep n = next();
        assertEquals(Reason.REVIEW_DUE, n.suggestion().reason());
        assertEquals(QUIZ_A, n.suggestion().activity()); // the easiest passed: the quiz (easy, first on the path)
    }

    @Test
    void aReviewDueTomorrowIsNotDueToday() {
        skill("a", 0.99, 3, TODAY.plusDays(1));
        done(LESSON_A, EASY_A, MEDIUM_A);
        assertEquals(Reason.NEW_SKILL, next().suggestion().reason());
    }

    @Test
    void afterTwoFailuresAnEasierActivityOfTheSameSkillIsSuggested() {
        skill("a", 0.6, 3);
        done(LESSON_A);
        records.put(HARD_A.activityId(), new ActivityRecord(null, 2, false));
        NextStep n = next();
        assertEquals(Reason.STRENGTHEN_WEAK_SKILL, n.suggestion().reason());
        assertTrue(n.suggestion().activity().difficulty().compareTo(Difficulty.HARD) < 0);
        assertTrue(n.suggestion().activity().skills().contains("a"));
        assertTrue(n.suggestion().why().startsWith("2 failed attempts at The hard-a: an easier one on Ants"), n.suggestion().why());
    }

    @Test
    void oneFailureIsNotEnoughToStepBack() {
        skill("a", 0.9, 3);
        done(LESSON_A, QUIZ_A);
        records.put(HARD_A.activityId(), new ActivityRecord(null, 1, false));
        assertEquals(Reason.CONTINUE_PATH, next().suggestion().reason());
    }

    @Test
    void afterFailuresWithNothingEasierLeftTheLessonIsSuggested() {
        skill("a", 0.4, 3);
        done(QUIZ_A, EASY_A, MEDIUM_A, MEDIUM_AB);
        records.put(HARD_A.activityId(), new ActivityRecord(null, 3, false));
        NextStep n = next();
        assertEquals(LESSON_A, n.suggestion().activity());
        assertTrue(n.suggestion().why().contains("read the lesson on Ants"), n.suggestion().why());
    }

    @Test
    void withNoSkillWhosePrerequisitesAreMasteredTheCourseOrderContinues() {
        skill("a", 0.9, 3);
        done(LESSON_A, QUIZ_A, EASY_A, MEDIUM_A, HARD_A, MEDIUM_AB); // a is not mastered, and nothing of a is left
        NextStep n = next();
        assertEquals(Reason.CONTINUE_PATH, n.suggestion().reason());
        assertEquals(LESSON_B, n.suggestion().activity());
        assertEquals("next on the course", n.suggestion().why());
    }

    @Test
    void aLearnerWhoDidEverythingGetsAChallengeOnTheirLeastSureSkill() {
        skill("a", 0.99, 5);
        skill("b", 0.97, 3);
        skill("c", 0.96, 2);
        done(ALL.toArray(PathActivity[]::new));
        NextStep n = next();
        assertEquals(Reason.CHALLENGE, n.suggestion().reason());
        assertEquals(EASY_C, n.suggestion().activity());
        assertEquals(List.of("c"), n.suggestion().skills());
    }

    @Test
    void noChallengeIsOfferedWhileSomethingIsLeft() {
        skill("a", 0.99, 5);
        done(LESSON_A, QUIZ_A, EASY_A, MEDIUM_A, HARD_A, MEDIUM_AB, LESSON_B, EASY_B);
        NextStep n = next();
        assertEquals(EASY_C, n.suggestion().activity());
        assertTrue(n.alternatives().stream().noneMatch(s -> s.reason() == Reason.CHALLENGE), n.toString());
    }

    @Test
    void lockedActivitiesAreNeverSuggested() {
        unlocked = a -> !a.equals(LESSON_A) && !a.equals(QUIZ_A);
        NextStep n = next();
        assertEquals(EASY_A, n.suggestion().activity());
        assertTrue(n.alternatives().stream().noneMatch(s -> s.activity().equals(LESSON_A) || s.activity().equals(QUIZ_A)));
    }

    @Test
    void withNothingOpenLeftTheActivityThatMeetsALockedOnesRequirementIsSuggestedAsItsPrerequisite() {
        // Quiz a passed at 75 %, everything open done, Ants not mastered yet; lesson b wants 80 % on quiz a, and what
        // builds on b waits.
        skill("a", 0.8, 5);
        skill("c", 0.97, 3);
        done(LESSON_A, QUIZ_A, EASY_A, MEDIUM_A, HARD_A, EASY_C);
        java.util.Set<PathActivity> locked = java.util.Set.of(LESSON_B, EASY_B, MEDIUM_AB);
        unlocked = a -> !locked.contains(a);
        unmet = a -> a.equals(LESSON_B)
                ? List.of(new dev.pyquest.domain.learning.Gates.Unmet(null, "a", "quiz-a", "Ants comes first: score at least 80 % on 'The quiz-a'", QUIZ_A.activityId()))
                : locked.contains(a) ? List.of(new dev.pyquest.domain.learning.Gates.Unmet("lesson-b", null, null, "complete the lesson 'The lesson-b'", LESSON_B.activityId()))
                : List.of();
        NextStep n = next();
        assertEquals(QUIZ_A, n.suggestion().activity(), n.toString());
        assertEquals(Reason.CONTINUE_PATH, n.suggestion().reason());
        assertEquals("prerequisite of The lesson-b: Ants comes first: score at least 80 % on 'The quiz-a'", n.suggestion().why());
        assertTrue(n.alternatives().stream().noneMatch(s -> locked.contains(s.activity())), n.toString());
        assertTrue(n.alternatives().stream().anyMatch(s -> s.reason() == Reason.CHALLENGE), "a challenge as an alternative: " + n);

        // Once the score is there (the gate opens), the lesson itself is next.
        unlocked = a -> !a.equals(EASY_B) && !a.equals(MEDIUM_AB);
        assertEquals(LESSON_B, next().suggestion().activity());
    }

    @Test
    void aNewSkillWhoseLessonIsLockedStartsWithWhatOpensIt() {
        skill("a", 0.97, 5);
        done(LESSON_A, QUIZ_A, EASY_A, MEDIUM_A, HARD_A);
        unlocked = a -> !a.equals(LESSON_B) && !a.equals(EASY_B) && !a.equals(MEDIUM_AB);
        unmet = a -> a.equals(LESSON_B)
                ? List.of(new dev.pyquest.domain.learning.Gates.Unmet(null, "a", "quiz-a", "Ants comes first: score at least 80 % on 'The quiz-a'", QUIZ_A.activityId()))
                : List.of(new dev.pyquest.domain.learning.Gates.Unmet("lesson-b", null, null, "complete the lesson 'The lesson-b'", LESSON_B.activityId()));
        NextStep n = next();
        assertEquals(QUIZ_A, n.suggestion().activity(), n.toString());
        assertEquals(Reason.NEW_SKILL, n.suggestion().reason());
        assertEquals("a new skill: Bees, now that Ants is mastered; first, Ants comes first: score at least 80 % on 'The quiz-a'",
                n.suggestion().why());
    }

    @Test
    void alternativesAreOtherActivitiesAtMostThree() {
        skill("a", 0.3, 1, TODAY);
        skill("b", 0.2, 1, TODAY);
        NextStep n = next();
        assertTrue(n.alternatives().size() <= NextStepPolicy.ALTERNATIVES);
        assertFalse(n.alternatives().isEmpty());
        assertTrue(n.alternatives().stream().noneMatch(s -> s.activity().equals(n.suggestion().activity())));
        assertEquals(n.alternatives().size(), n.alternatives().stream().map(Suggestion::activity).distinct().count());
    }

    @Test
    void aCourseWithNothingOpenHasNoStep() {
        unlocked = a -> false;
        assertThrows(IllegalStateException.class, this::next);
    }

    @Test
    void aSkippedActivityCountsAsDoneButNotAsPassed() {
        records.put(LESSON_A.activityId(), new ActivityRecord(null, 0, true));
        assertEquals(QUIZ_A, next().suggestion().activity());
        assertFalse(records.get(LESSON_A.activityId()).passed());
        // A skipped exercise is no review material: only passed ones are re-run.
        skill("a", 0.99, 4, TODAY);
        done(QUIZ_A, EASY_A, MEDIUM_A, HARD_A, MEDIUM_AB);
        records.put(QUIZ_A.activityId(), new ActivityRecord(null, 0, true));
        assertEquals(EASY_A, next().suggestion().activity());
    }

    @Test
    void theItemModelMultipliesItsSkillsAndHardIsHarder() {
        skill("a", 0.9, 3);
        skill("b", 0.9, 3);
        LearnerView v = new LearnerView(PATH, skills, records, TODAY, a -> true);
        double medium = ItemModel.pCorrect(MEDIUM_A, v);
        assertEquals(0.9 * 0.85 + 0.1 * 0.1, medium, 1e-12);
        assertEquals(medium * medium, ItemModel.pCorrect(MEDIUM_AB, v), 1e-12);
        assertTrue(ItemModel.pCorrect(HARD_A, v) < medium && medium < ItemModel.pCorrect(EASY_A, v));
        assertEquals(1.0, ItemModel.pCorrect(LESSON_A, v));
    }
}
