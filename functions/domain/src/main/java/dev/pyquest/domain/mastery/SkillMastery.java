package dev.pyquest.domain.mastery;

/**
 * One learner's knowledge of one skill: BKT's P(known), how many graded answers it rests on, and the
 * level shown.
 *
 * <p>The level follows P(known) ({@link MasteryLevel#of}), with Khan Academy's rule on top: a wrong
 * answer costs at least one level. BKT alone would keep an established skill mastered through a miss
 * (after three right first submissions P(known) is 0.991, and a failed one leaves it at 0.951), which
 * is sound inference but not what a learner who just failed expects to see; the miss still counts in
 * P(known) at its BKT weight, and the next right answer brings the level back to what P(known) supports.
 *
 * <p>An answer that covers several skills (an exercise tagged {@code [strings, loops]}) is one
 * observation of each: every skill is traced on its own, and each skill's model sees every answer
 * tagged with it.
 */
public record SkillMastery(double pKnown, int observations, MasteryLevel level) {
    public static final SkillMastery NOT_STARTED = new SkillMastery(Bkt.PRIOR, 0, MasteryLevel.NOT_STARTED);

    public SkillMastery {
        Bkt.probability("pKnown", pKnown);
        if (observations < 0) throw new IllegalArgumentException("observations must not be negative, got " + observations);
        if (level == null) throw new IllegalArgumentException("level is required");
        MasteryLevel supported = MasteryLevel.of(observations, pKnown);
        if ((observations == 0) != (level == MasteryLevel.NOT_STARTED) || level.compareTo(supported) > 0) {
            throw new IllegalArgumentException("level " + level + " does not fit P(known) " + pKnown
                    + " after " + observations + " answers (at most " + supported + ")");
        }
    }

    /** After a learning opportunity without an answer (a lesson read): P(known) moves by {@code pLearn}, nothing is observed, the level stays. */
    public SkillMastery learn(double pLearn) {
        Bkt.probability("pLearn", pLearn);
        return new SkillMastery(pKnown + (1 - pKnown) * pLearn, observations, level);
    }

    /** After one graded answer, weighed with {@code model} (usually {@link Bkt#forEvidence}). */
    public SkillMastery observe(Bkt model, boolean correct) {
        return observed(model, correct, model.posterior(pKnown, correct));
    }

    /**
     * After one graded answer whose posterior P(known | answer) was computed elsewhere (an answer that needed several
     * skills, {@link Bkt#conjunctivePosteriors}); then BKT's learning step of {@code model}.
     */
    public SkillMastery observed(Bkt model, boolean correct, double posterior) {
        Bkt.probability("posterior", posterior);
        double next = posterior + (1 - posterior) * model.pLearn();
        // saturates: a count that large says nothing more, and the estimate must still move
        int seen = observations == Integer.MAX_VALUE ? observations : observations + 1;
        MasteryLevel supported = MasteryLevel.of(seen, next);
        if (correct) return new SkillMastery(next, seen, supported);
        MasteryLevel costOfAMiss = level == MasteryLevel.NOT_STARTED ? MasteryLevel.ATTEMPTED : level.down();
        return new SkillMastery(next, seen, supported.compareTo(costOfAMiss) < 0 ? supported : costOfAMiss);
    }
}
