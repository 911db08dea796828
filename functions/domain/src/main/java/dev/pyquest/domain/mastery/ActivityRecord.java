package dev.pyquest.domain.mastery;

/**
 * What one learner did with one activity: the attempt of its first pass ({@code null}: not passed; a quiz's first
 * pass and a lesson read are attempt 1; {@link Practice#UNNUMBERED} when the judge did not number it), the highest
 * attempt number seen (judged submissions; a pass counts), and whether it was skipped with a skip token.
 */
public record ActivityRecord(Integer passedAttempt, int attempts, boolean skipped) {
    public static final ActivityRecord NONE = new ActivityRecord(null, 0, false);

    public ActivityRecord {
        if (attempts < 0) throw new IllegalArgumentException("attempts must not be negative, got " + attempts);
        if (passedAttempt != null && passedAttempt < 1) throw new IllegalArgumentException("passedAttempt must be at least 1, got " + passedAttempt);
    }

    public boolean passed() {
        return passedAttempt != null;
    }

    /** Done for the path and for prerequisites: passed, read, or skipped. */
    public boolean done() {
        return passed() || skipped;
    }

    /** Failed attempts before the first pass (all of them while it is not passed). */
    public int failures() {
        if (passedAttempt == null) return attempts;
        return passedAttempt == Practice.UNNUMBERED ? 0 : passedAttempt - 1;
    }
}
