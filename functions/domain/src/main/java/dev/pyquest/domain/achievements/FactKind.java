package dev.pyquest.domain.achievements;

/**
 * What happened, as achievement rules see it (the {@code event} of a rule in achievements.yaml). The
 * first-pass kinds come from the ledger's grants, which exist once per learner and activity, so counting
 * them counts distinct activities; {@link #QUIZ_PASSED} is every passing attempt (it carries the score)
 * and only a {@code first} rule may use it.
 */
public enum FactKind {
    /** The first pass of an exercise (its FIRST_PASS grant). */
    EXERCISE_FIRST_PASS,
    /** The first passed attempt of a quiz (its QUIZ_PASSED grant). */
    QUIZ_FIRST_PASS,
    /** Any passing attempt of a quiz, with its percent (the QuizPassed event). */
    QUIZ_PASSED,
    /** A lesson completed for the first time (the LessonCompleted event). */
    LESSON_COMPLETED,
    /** The day's login grant, with the streak length it made. */
    DAILY_LOGIN,
    /** Any other grant that moved XP (a lesson's, a streak milestone's, a quest's). */
    XP_EARNED
}
