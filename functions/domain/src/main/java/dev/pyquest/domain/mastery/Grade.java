package dev.pyquest.domain.mastery;

/** FSRS's four grades of a review, in FSRS's order: {@link #rating()} is its 1 to 4. */
public enum Grade {
    AGAIN, HARD, GOOD, EASY;

    public int rating() {
        return ordinal() + 1;
    }
}
