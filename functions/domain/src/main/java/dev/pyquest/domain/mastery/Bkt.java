package dev.pyquest.domain.mastery;

/**
 * Bayesian Knowledge Tracing (Corbett &amp; Anderson 1995) as pyBKT fits it by default: two hidden
 * states (the skill is known or not), four probabilities, no forgetting.
 *
 * <ul>
 *   <li>{@code pInit}: P(L0), the skill is known before the first opportunity (pyBKT's {@code prior});
 *   <li>{@code pLearn}: P(T), an unknown skill becomes known after an opportunity ({@code learns});
 *   <li>{@code pGuess}: P(G), a correct answer without the skill ({@code guesses});
 *   <li>{@code pSlip}: P(S), a wrong answer with the skill ({@code slips}).
 * </ul>
 *
 * <p>Each must lie strictly between 0 and 1 (at 0 or 1 one observation would be certain and no later
 * evidence could move the estimate). Guess and slip must also stay below 0.5: above it a correct answer
 * would be evidence <em>against</em> the skill, the "model degeneracy" of Baker, Corbett &amp; Aleven
 * (2008), and the same data could be fit by a mirrored model (the identifiability problem of Beck &amp;
 * Chang 2007). Forgetting is 0, as in standard BKT: decay over time is the spaced-review scheduler's
 * business ({@link Fsrs}), not this model's.
 */
public record Bkt(double pInit, double pLearn, double pGuess, double pSlip) {

    /**
     * P(L0) of every skill: 0.1. Chosen, not fitted (there are no learner logs yet): PyQuest teaches
     * Python from the start, so most learners arriving at a skill do not know it; 0.1 leaves room for
     * the ones who do, whom two or three right answers lift out of the low levels.
     */
    public static final double PRIOR = 0.1;

    /**
     * P(T) of reading a lesson: 0.10, the exercise's. A lesson is a learning opportunity without an answer (BKT
     * with instructional events, as in pyBKT's per-resource learn rates): P(L) moves to P(L) + (1 - P(L)) T and no
     * observation is counted, so the level stays where the answers put it. Without it the model would ignore the
     * teaching and under-predict the first attempts after a lesson (the simulation measured it: predicted 4 % where
     * 11 % passed).
     */
    public static final double LESSON_LEARN = 0.10;

    public Bkt {
        open("pInit", pInit);
        open("pLearn", pLearn);
        open("pGuess", pGuess);
        open("pSlip", pSlip);
        if (pGuess >= 0.5) {
            throw new IllegalArgumentException("pGuess must be below 0.5 (a correct answer must be evidence of the skill), got " + pGuess);
        }
        if (pSlip >= 0.5) {
            throw new IllegalArgumentException("pSlip must be below 0.5 (a wrong answer must be evidence against the skill), got " + pSlip);
        }
    }

    /**
     * The default parameters of each kind of evidence, chosen by reasoning about the observation rather
     * than fitted (no logs yet; {@link BktFit} refits them once there are), kept well inside the
     * non-degenerate region, and checked against the levels they produce (docs/mastery.md has the
     * table; {@code MasteryLevelTest} holds them to it): from the prior, one right
     * first submission makes a skill familiar, two proficient, three mastered; four right choice answers
     * master it; a wrong answer drops a mastered skill to proficient.
     *
     * <ul>
     *   <li>{@code EXERCISE} (learn 0.10, guess 0.10, slip 0.15): hidden tests are hard to pass by luck,
     *       but learners adapt the examples, hence a guess of 0.1; a first submission by someone who has
     *       the skill still fails on an edge case or a typo often enough for a slip above the usual 0.1.
     *       Writing a program with the judge's feedback is a real learning opportunity: learn 0.1.
     *   <li>{@code CHOICE_QUESTION} (learn 0.05, guess 0.25, slip 0.10): one chance in four of hitting the
     *       answer blind among four choices; a question teaches less than an exercise.
     *   <li>{@code FILL_QUESTION} (learn 0.05, guess 0.15, slip 0.10): a typed answer is harder to guess
     *       than a choice, but the prompt often gives the form of the answer away.
     * </ul>
     */
    public static Bkt forEvidence(Evidence evidence) {
        return switch (evidence) {
            case EXERCISE -> new Bkt(PRIOR, 0.10, 0.10, 0.15);
            case CHOICE_QUESTION -> new Bkt(PRIOR, 0.05, 0.25, 0.10);
            case FILL_QUESTION -> new Bkt(PRIOR, 0.05, 0.15, 0.10);
        };
    }

    /**
     * The parameters of an exercise of this difficulty: medium is {@link Evidence#EXERCISE}'s (learn 0.10, guess 0.10,
     * slip 0.15); an easy one is slipped on less (slip 0.10); a hard one is slipped on more by someone who has the skill
     * (slip 0.25: more edge cases) and is harder to pass by adapting the examples (guess 0.05). Learn stays 0.10. Chosen,
     * like the others: from the prior, one right first submission makes a skill familiar whatever the difficulty
     * (P(known) 0.55 easy, 0.537 medium, 0.6625 hard). The next-step policy predicts with the same values
     * ({@code ItemModel}), so what the model learns from an answer and what it expects of the next one agree.
     */
    public static Bkt forExercise(dev.pyquest.domain.content.Difficulty difficulty) {
        return switch (difficulty) {
            case EASY -> new Bkt(PRIOR, 0.10, 0.10, 0.10);
            case MEDIUM -> forEvidence(Evidence.EXERCISE);
            case HARD -> new Bkt(PRIOR, 0.10, 0.05, 0.25);
        };
    }

    /** P(L | obs): how likely the skill was known, given this answer and P(L) = {@code pKnown} before it. */
    public double posterior(double pKnown, boolean correct) {
        probability("pKnown", pKnown);
        if (correct) {
            double known = pKnown * (1 - pSlip);
            return known / (known + (1 - pKnown) * pGuess);
        }
        double known = pKnown * pSlip;
        return known / (known + (1 - pKnown) * (1 - pGuess));
    }

    /**
     * P(known | answer) of each skill of one answer that needed all of them (an exercise tagged {@code [strings, loops]}
     * passes only when both are performed right: a known skill with 1 - slip, an unknown one with guess). A right
     * answer says of each skill what it says alone (the posterior does not depend on the others); a wrong one is
     * blamed in proportion: P(wrong | skill a known) = 1 - (1 - slip) * prod(P(right on s), s != a), so a skill the
     * learner likely knows loses little when the other is the likely culprit. With one skill this is
     * {@link #posterior}. (Conjunctive knowledge tracing; the independent per-skill update would blame every skill
     * fully, and under-predict the learner's next multi-skill answers.)
     */
    public double[] conjunctivePosteriors(double[] pKnown, boolean correct) {
        double[] right = new double[pKnown.length];
        double all = 1;
        for (int i = 0; i < pKnown.length; i++) {
            right[i] = pCorrect(pKnown[i]);
            all *= right[i];
        }
        double[] out = new double[pKnown.length];
        for (int i = 0; i < pKnown.length; i++) {
            if (correct || pKnown.length == 1) {
                out[i] = posterior(pKnown[i], correct);
                continue;
            }
            double others = 1;
            for (int j = 0; j < pKnown.length; j++) if (j != i) others *= right[j];
            out[i] = pKnown[i] * (1 - (1 - pSlip) * others) / (1 - all);
        }
        return out;
    }

    /** P(L) at the next opportunity: the posterior, then the chance of learning from this one. */
    public double update(double pKnown, boolean correct) {
        double posterior = posterior(pKnown, correct);
        return posterior + (1 - posterior) * pLearn;
    }

    /** P(correct) at an opportunity where P(L) = {@code pKnown}. */
    public double pCorrect(double pKnown) {
        probability("pKnown", pKnown);
        return pKnown * (1 - pSlip) + (1 - pKnown) * pGuess;
    }

    private static void open(String name, double p) {
        if (!(p > 0 && p < 1)) throw new IllegalArgumentException(name + " must be strictly between 0 and 1, got " + p);
    }

    static void probability(String name, double p) {
        if (!(p >= 0 && p <= 1)) throw new IllegalArgumentException(name + " must be between 0 and 1, got " + p);
    }
}
