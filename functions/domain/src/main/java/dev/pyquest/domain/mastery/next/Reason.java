package dev.pyquest.domain.mastery.next;

import java.util.Locale;

/** Why an activity is suggested; {@link #wire} is the name clients see ({@code "review-due"}). */
public enum Reason {
    /** A skill's spaced review is due today or was due before. */
    REVIEW_DUE,
    /** The skill in progress, practised at the target success rate, or simply the next activity of the course. */
    CONTINUE_PATH,
    /** A skill still under familiar, or failed attempts: an easier activity of the same skill. */
    STRENGTHEN_WEAK_SKILL,
    /** A skill not started whose prerequisites are mastered. */
    NEW_SKILL,
    /** Everything is done: the hardest exercise of the weakest skill again. */
    CHALLENGE;

    public String wire() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
