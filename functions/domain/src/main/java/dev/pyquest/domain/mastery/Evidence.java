package dev.pyquest.domain.mastery;

/**
 * What kind of observation of a skill a graded answer is. Guessing and slipping are properties of the
 * observation (a four-way choice can be guessed, hidden tests can hardly be), so each kind has its own
 * BKT parameters ({@link Bkt#forEvidence}); the prior is the skill's and is the same for every kind.
 */
public enum Evidence {
    /** A judged submission of a coding exercise up to its first pass ({@link Practice}): correct when every hidden test passed. */
    EXERCISE,
    /** One multiple-choice question of a quiz. */
    CHOICE_QUESTION,
    /** One fill-in question of a quiz (a short typed answer). */
    FILL_QUESTION
}
