package dev.pyquest.domain.mastery;

/**
 * What a learner did with an activity of a skill, as far as spaced review cares: passed or not (a quiz
 * passes at its pass mark), how many judged attempts failed before that, whether a hint was bought.
 *
 * <p>The grade: failed is {@link Grade#AGAIN}; passed after a failure or with a hint is
 * {@link Grade#HARD} (recalled, with effort or help); passed at the first attempt unaided is
 * {@link Grade#GOOD}. {@link Grade#EASY} is never given: PyQuest cannot see ease (a fast first pass may
 * be a pasted solution or a slow one a careful learner), and Easy multiplies the next stability by
 * w16 (1.87 with the default weights), too much to grant on a guess. A skipped activity (skip token)
 * and a lesson read are not reviews: they grade nothing.
 */
public record ReviewOutcome(boolean passed, int failedAttempts, boolean hintUsed) {
    public ReviewOutcome {
        if (failedAttempts < 0) throw new IllegalArgumentException("failedAttempts must not be negative, got " + failedAttempts);
    }

    public Grade grade() {
        if (!passed) return Grade.AGAIN;
        if (failedAttempts > 0 || hintUsed) return Grade.HARD;
        return Grade.GOOD;
    }
}
