package dev.pyquest.domain.mastery;

/**
 * The five levels a learner sees for a skill, after Khan Academy's (not started, attempted, familiar,
 * proficient, mastered), read off BKT's P(known) rather than off a count of right answers.
 * {@link #of} is the level P(known) supports; {@link SkillMastery#level()} is the one shown, which adds
 * Khan's rule that a wrong answer costs a level.
 */
public enum MasteryLevel {
    /** No graded answer on the skill yet. */
    NOT_STARTED,
    /** At least one graded answer, P(known) below {@link #FAMILIAR_AT}. */
    ATTEMPTED,
    /** P(known) at least {@link #FAMILIAR_AT}: more likely known than not. */
    FAMILIAR,
    /** P(known) at least {@link #PROFICIENT_AT}. */
    PROFICIENT,
    /** P(known) at least {@link #MASTERED_AT}, the usual BKT mastery criterion (Corbett &amp; Anderson 1995). */
    MASTERED;

    /** "More likely known than not". */
    public static final double FAMILIAR_AT = 0.5;
    /**
     * Between familiar and mastered, so that a run of right answers passes through it: with the
     * exercise defaults, right first submissions give P(known) 0.537, 0.917, 0.991.
     */
    public static final double PROFICIENT_AT = 0.8;
    public static final double MASTERED_AT = 0.95;

    /** The level that {@code observations} graded answers leaving P(known) at {@code pKnown} support. */
    public static MasteryLevel of(int observations, double pKnown) {
        if (observations < 0) throw new IllegalArgumentException("observations must not be negative, got " + observations);
        Bkt.probability("pKnown", pKnown);
        if (observations == 0) return NOT_STARTED;
        if (pKnown >= MASTERED_AT) return MASTERED;
        if (pKnown >= PROFICIENT_AT) return PROFICIENT;
        if (pKnown >= FAMILIAR_AT) return FAMILIAR;
        return ATTEMPTED;
    }

    /** One level down, never below {@link #ATTEMPTED} (an answer was given). */
    MasteryLevel down() {
        return this.compareTo(FAMILIAR) <= 0 ? ATTEMPTED : values()[ordinal() - 1];
    }
}
