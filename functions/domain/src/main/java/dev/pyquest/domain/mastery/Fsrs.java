package dev.pyquest.domain.mastery;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * FSRS-6, the spaced-repetition scheduler of the open-spaced-repetition project, written from its
 * published formulas (the fsrs4anki wiki, "The Algorithm", and the reference implementation fsrs-rs),
 * with its 21 published default weights. Memory is a stability S (days until the chance of recall
 * falls to 90%) and a difficulty D (1 to 10); the chance of recall after t days is the retrievability
 * R(t, S); a review is due when R falls to the desired retention.
 *
 * <p>Days are whole learner-local days, as in Anki and fsrs-rs: a review on the same day as the one
 * before it (t = 0) uses FSRS-6's short-term stability. There are no learning steps (py-fsrs and
 * ts-fsrs re-ask a new card after 1 and 10 minutes): an activity is its own immediate practice, so
 * every skill is in review from its first grade, and every interval is at least one day. No fuzz
 * either: the same history always gives the same due day.
 *
 * <p>Where the implementations differ: the short-term stability increase is floored at 1 for Hard,
 * Good and Easy, as fsrs-rs and ts-fsrs do (py-fsrs floors it for Good and Easy only); intervals round
 * half up, as ts-fsrs and fsrs-rs do (py-fsrs rounds half to even; only an exact .5 tells them apart).
 */
public final class Fsrs {
    /** The FSRS-6 default weights w0..w20, as published in fsrs-rs, py-fsrs 6.3.1 and ts-fsrs. */
    public static final List<Double> DEFAULT_WEIGHTS = List.of(
            0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001, 1.8722, 0.1666, 0.796,
            1.4835, 0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542);
    public static final double DEFAULT_DESIRED_RETENTION = 0.9;
    /** The published default maximum interval: 100 years. */
    public static final int DEFAULT_MAXIMUM_INTERVAL = 36500;

    static final double S_MIN = 0.001;
    static final double S_MAX = 36500;
    static final double D_MIN = 1;
    static final double D_MAX = 10;

    /**
     * The bounds of each weight, as py-fsrs 6.3.1 checks them and fsrs-rs clips them (with one
     * relearning step): the ranges its optimizer may produce. Weights outside are refused, not clipped.
     */
    private static final double[] LOWER = {S_MIN, S_MIN, S_MIN, S_MIN, 1, 0.001, 0.001, 0.001, 0, 0, 0.001,
            0.001, 0.001, 0.001, 0, 0, 1, 0, 0, 0, 0.1};
    private static final double[] UPPER = {100, 100, 100, 100, 10, 4, 4, 0.75, 4.5, 0.8, 3.5,
            5, 0.25, 0.9, 4, 1, 6, 2, 2, 0.8, 0.8};

    /** The published defaults throughout. */
    public static final Fsrs PUBLISHED = new Fsrs(DEFAULT_WEIGHTS, DEFAULT_DESIRED_RETENTION, DEFAULT_MAXIMUM_INTERVAL);
    /**
     * PyQuest's scheduler: the published weights and retention, and a skill comes back at least once a
     * year. Past a year the interval says little about a programming skill (the course and Python
     * change), and a yearly review is what keeps a "mastered" skill honest.
     */
    public static final Fsrs PYQUEST = new Fsrs(DEFAULT_WEIGHTS, DEFAULT_DESIRED_RETENTION, 365);

    /** Memory of one item: stability in days, difficulty from 1 to 10. */
    public record Memory(double stability, double difficulty) {
        public Memory {
            if (!(stability >= S_MIN && stability <= S_MAX)) {
                throw new IllegalArgumentException("stability must be between " + S_MIN + " and " + S_MAX + " days, got " + stability);
            }
            if (!(difficulty >= D_MIN && difficulty <= D_MAX)) {
                throw new IllegalArgumentException("difficulty must be between 1 and 10, got " + difficulty);
            }
        }
    }

    private final double[] w;
    private final double desiredRetention;
    private final int maximumInterval;
    private final double decay;
    private final double factor;

    /**
     * @param weights          the 21 weights of FSRS-6, each within its published bounds
     * @param desiredRetention the chance of recall at which a review falls due, in (0, 1]
     * @param maximumInterval  the longest interval in days, at least 1
     */
    public Fsrs(List<Double> weights, double desiredRetention, int maximumInterval) {
        if (weights == null || weights.size() != 21) {
            throw new IllegalArgumentException("FSRS-6 takes 21 weights, got " + (weights == null ? "none" : weights.size()));
        }
        w = new double[21];
        for (int i = 0; i < 21; i++) {
            Double v = weights.get(i);
            if (v == null || !(v >= LOWER[i] && v <= UPPER[i])) {
                throw new IllegalArgumentException("w" + i + " = " + v + " is outside [" + LOWER[i] + ", " + UPPER[i] + "]");
            }
            w[i] = v;
        }
        if (!(desiredRetention > 0 && desiredRetention <= 1)) {
            throw new IllegalArgumentException("desiredRetention must be in (0, 1], got " + desiredRetention);
        }
        if (maximumInterval < 1) throw new IllegalArgumentException("maximumInterval must be at least 1 day, got " + maximumInterval);
        this.desiredRetention = desiredRetention;
        this.maximumInterval = maximumInterval;
        this.decay = -w[20];
        // chosen so that R(S, S) = 0.9: stability is the interval at 90% recall, whatever the decay
        this.factor = Math.pow(0.9, 1 / decay) - 1;
    }

    public double desiredRetention() {
        return desiredRetention;
    }

    public int maximumInterval() {
        return maximumInterval;
    }

    /** R(t, S) = (1 + factor * t / S)^decay: the chance of recall {@code elapsedDays} after a review. */
    public double retrievability(double elapsedDays, double stability) {
        if (!(elapsedDays >= 0)) throw new IllegalArgumentException("elapsedDays must not be negative, got " + elapsedDays);
        if (!(stability > 0)) throw new IllegalArgumentException("stability must be positive, got " + stability);
        return Math.pow(1 + factor * elapsedDays / stability, decay);
    }

    /** The chance of recall on {@code on} (1 up to the day of the last review). */
    public double retrievability(SpacedReview review, LocalDate on) {
        return retrievability(elapsedDays(review, on), review.memory().stability());
    }

    /** I(r, S) = S / factor * (r^(1/decay) - 1): days until R falls to the desired retention, unrounded. */
    public double interval(double stability) {
        if (!(stability > 0)) throw new IllegalArgumentException("stability must be positive, got " + stability);
        return stability / factor * (Math.pow(desiredRetention, 1 / decay) - 1);
    }

    /** The interval in whole days: rounded half up, at least 1, at most the maximum. */
    public int scheduledDays(double stability) {
        double days = interval(stability);
        if (days >= maximumInterval) return maximumInterval;
        return (int) Math.max(1, Math.round(days));
    }

    /** S0 = w[G-1] and D0(G) = w4 - e^(w5 (G-1)) + 1, clamped to [1, 10]: memory after the first review. */
    public Memory initial(Grade grade) {
        return new Memory(clamp(w[grade.rating() - 1], S_MIN, S_MAX), clamp(initialDifficulty(grade), D_MIN, D_MAX));
    }

    /** Memory after a review {@code elapsedDays} whole days after the previous one (0: the same day). */
    public Memory next(Memory memory, long elapsedDays, Grade grade) {
        if (elapsedDays < 0) throw new IllegalArgumentException("elapsedDays must not be negative, got " + elapsedDays);
        double s = memory.stability();
        double d = memory.difficulty();
        double stability;
        if (elapsedDays == 0) {
            stability = shortTermStability(s, grade);
        } else {
            double r = retrievability(elapsedDays, s);
            stability = grade == Grade.AGAIN ? stabilityAfterLapse(d, s, r) : stabilityAfterRecall(d, s, r, grade);
        }
        return new Memory(clamp(stability, S_MIN, S_MAX), nextDifficulty(d, grade));
    }

    /** The schedule after a skill's first graded review, on the learner-local day {@code today}. */
    public SpacedReview first(Grade grade, LocalDate today) {
        Memory m = initial(grade);
        return new SpacedReview(m, today, today.plusDays(scheduledDays(m.stability())), 1, 0);
    }

    /**
     * The schedule after another review on {@code today}, due or not: FSRS takes early and late reviews
     * as they come. A day before the last review (the learner moved their zone west) counts as the same day.
     */
    public SpacedReview review(SpacedReview review, Grade grade, LocalDate today) {
        Memory m = next(review.memory(), elapsedDays(review, today), grade);
        int lapses = review.lapses() + (grade == Grade.AGAIN ? 1 : 0);
        int reviews = review.reviews() == Integer.MAX_VALUE ? review.reviews() : review.reviews() + 1;
        return new SpacedReview(m, today, today.plusDays(scheduledDays(m.stability())), reviews, Math.min(lapses, reviews - 1));
    }

    private static long elapsedDays(SpacedReview review, LocalDate on) {
        return Math.max(0, ChronoUnit.DAYS.between(review.lastReviewed(), on));
    }

    private double initialDifficulty(Grade grade) {
        return w[4] - Math.exp(w[5] * (grade.rating() - 1)) + 1;
    }

    /**
     * S'r = S * (1 + e^w8 * (11 - D) * S^-w9 * (e^(w10 (1 - R)) - 1) * w15 if Hard * w16 if Easy):
     * harder items gain less, stable memories gain less, and a recall at low R gains more.
     */
    private double stabilityAfterRecall(double d, double s, double r, Grade grade) {
        double hardPenalty = grade == Grade.HARD ? w[15] : 1;
        double easyBonus = grade == Grade.EASY ? w[16] : 1;
        return s * (1 + Math.exp(w[8]) * (11 - d) * Math.pow(s, -w[9]) * (Math.exp((1 - r) * w[10]) - 1) * hardPenalty * easyBonus);
    }

    /**
     * S'f = w11 * D^-w12 * ((S + 1)^w13 - 1) * e^(w14 (1 - R)), never above S / e^(w17 w18): a
     * same-day Good multiplies stability by about e^(w17 w18), so a lapse and a pass right after it never end
     * above the stability the memory had before the lapse.
     */
    private double stabilityAfterLapse(double d, double s, double r) {
        double longTerm = w[11] * Math.pow(d, -w[12]) * (Math.pow(s + 1, w[13]) - 1) * Math.exp((1 - r) * w[14]);
        return Math.min(longTerm, s / Math.exp(w[17] * w[18]));
    }

    /** FSRS-6's same-day review: S' = S * e^(w17 (G - 3 + w18)) * S^-w19, never lower for a pass. */
    private double shortTermStability(double s, Grade grade) {
        double increase = Math.exp(w[17] * (grade.rating() - 3 + w[18])) * Math.pow(s, -w[19]);
        if (grade != Grade.AGAIN) increase = Math.max(increase, 1);
        return s * increase;
    }

    /**
     * D' = w7 * D0(Easy) + (1 - w7) * (D + (10 - D) * -w6 (G - 3) / 9), clamped to [1, 10]: Again and
     * Hard raise D, Easy lowers it, damped near 10, with a slight pull towards D0(Easy).
     */
    private double nextDifficulty(double d, Grade grade) {
        double delta = -w[6] * (grade.rating() - 3);
        double damped = d + (10 - d) * delta / 9;
        return clamp(w[7] * initialDifficulty(Grade.EASY) + (1 - w[7]) * damped, D_MIN, D_MAX);
    }

    private static double clamp(double v, double min, double max) {
        return Math.min(max, Math.max(min, v));
    }
}
