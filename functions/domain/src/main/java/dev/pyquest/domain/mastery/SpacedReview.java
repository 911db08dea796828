package dev.pyquest.domain.mastery;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * The review schedule of one skill for one learner: FSRS's memory state after the last review, the
 * learner-local day of that review and the day the next one is due. {@code reviews} counts every graded
 * review, {@code lapses} the {@link Grade#AGAIN}s after the first. Made by {@link Fsrs#first} and
 * {@link Fsrs#review}.
 */
public record SpacedReview(Fsrs.Memory memory, LocalDate lastReviewed, LocalDate due, int reviews, int lapses) {
    public SpacedReview {
        if (memory == null || lastReviewed == null || due == null) {
            throw new IllegalArgumentException("memory, lastReviewed and due are required");
        }
        if (due.isBefore(lastReviewed)) {
            throw new IllegalArgumentException("due " + due + " is before lastReviewed " + lastReviewed);
        }
        if (reviews < 1 || lapses < 0 || lapses >= reviews) {
            throw new IllegalArgumentException("reviews must be at least 1 and lapses between 0 and reviews - 1, got " + reviews + " and " + lapses);
        }
    }

    /** Days from the last review to the due day. */
    public long scheduledDays() {
        return ChronoUnit.DAYS.between(lastReviewed, due);
    }
}
