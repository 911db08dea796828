package dev.pyquest.domain.mastery.next;

import dev.pyquest.domain.content.Difficulty;
import dev.pyquest.domain.mastery.Bkt;
import dev.pyquest.domain.mastery.Evidence;
import dev.pyquest.domain.mastery.PathActivity;

/**
 * A learner's chance of passing an activity at the first attempt, from BKT's P(known) of each of its skills: each
 * skill is performed right with P(known)(1 - slip) + (1 - P(known)) guess, and all of them are needed (the chances
 * multiply). Slip and guess are the ones BKT updates with: an exercise's by its difficulty
 * ({@link Bkt#forExercise}), a quiz's the choice question's. Chosen, like BKT's parameters (docs/mastery.md), not fitted: there are no logs yet; the
 * simulation ({@code ./pyquest simulate-learners}) reports how well the predictions are calibrated.
 */
public final class ItemModel {
    /**
     * The success rate the policy aims at when it picks among activities of a skill: 0.75, within the 75-80 % of
     * Elo-based item selection (hard enough to teach, easy enough to keep going).
     */
    public static final double TARGET = 0.75;

    private ItemModel() {
    }

    /** Slip of one skill on an exercise of this difficulty: {@link Bkt#forExercise}'s. */
    public static double slip(Difficulty d) {
        return Bkt.forExercise(d).pSlip();
    }

    /** Guess of one skill on an exercise of this difficulty: {@link Bkt#forExercise}'s. */
    public static double guess(Difficulty d) {
        return Bkt.forExercise(d).pGuess();
    }

    /** P(pass at the first attempt); a lesson is read, not failed: 1. */
    public static double pCorrect(PathActivity a, LearnerView learner) {
        double p = 1;
        for (String s : a.skills()) p *= pSkill(a, learner.skill(s).mastery().pKnown());
        return p;
    }

    /** P(one skill performed right) on this activity, at P(known) {@code pKnown}. */
    public static double pSkill(PathActivity a, double pKnown) {
        return switch (a.kind()) {
            case LESSON -> 1;
            case QUIZ -> Bkt.forEvidence(Evidence.CHOICE_QUESTION).pCorrect(pKnown);
            case EXERCISE -> Bkt.forExercise(a.difficulty()).pCorrect(pKnown);
        };
    }
}
