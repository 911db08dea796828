package dev.pyquest.domain.mastery;

import java.util.List;

/**
 * Fits BKT's four parameters to answer sequences by expectation-maximisation (Baum-Welch on the
 * two-state hidden Markov model, as pyBKT fits), so that the chosen defaults of {@link Bkt#forEvidence}
 * can be replaced by fitted ones once PyQuest has logs. One sequence is one learner's graded answers on
 * one skill, in order, all of one {@link Evidence} kind.
 *
 * <p>EM finds a local maximum of the likelihood: start it from the defaults. A fit whose guess or slip
 * reaches 0.5 is refused rather than returned: it is the degenerate mirror of a sensible model.
 */
public final class BktFit {
    /** Keeps every estimate strictly inside (0, 1), where {@link Bkt} needs it. */
    private static final double EDGE = 1e-6;

    private BktFit() {}

    public record Result(Bkt parameters, double logLikelihood, int iterations) {}

    /**
     * Iterates from {@code start} until the log-likelihood gains less than {@code tolerance} or
     * {@code maxIterations} have run.
     *
     * @throws IllegalArgumentException on no sequences or an empty one
     * @throws IllegalStateException when the fit is degenerate (guess or slip at least 0.5)
     */
    public static Result em(List<boolean[]> sequences, Bkt start, int maxIterations, double tolerance) {
        if (sequences.isEmpty()) throw new IllegalArgumentException("no sequences to fit");
        for (boolean[] s : sequences) if (s.length == 0) throw new IllegalArgumentException("an empty sequence");
        if (maxIterations < 1) throw new IllegalArgumentException("maxIterations must be at least 1");
        double[] p = {start.pInit(), start.pLearn(), start.pGuess(), start.pSlip()};
        double previous = Double.NEGATIVE_INFINITY;
        int iteration = 0;
        while (iteration < maxIterations) {
            iteration++;
            Counts c = new Counts();
            for (boolean[] s : sequences) expect(s, p, c);
            p = new double[]{
                    estimate(c.knownAtStart / sequences.size(), p[0]),
                    estimate(c.learned / c.unknownBeforeLast, p[1]),
                    estimate(c.rightWhileUnknown / c.unknown, p[2]),
                    estimate(c.wrongWhileKnown / c.known, p[3])};
            // c.logLikelihood belongs to the parameters before this step; EM never lowers it
            if (c.logLikelihood - previous < tolerance) break;
            previous = c.logLikelihood;
        }
        if (p[2] >= 0.5 || p[3] >= 0.5) {
            throw new IllegalStateException("degenerate fit: guess " + p[2] + ", slip " + p[3]
                    + " (a right answer would not be evidence of the skill); start from other parameters or use more data");
        }
        Bkt fitted = new Bkt(p[0], p[1], p[2], p[3]);
        return new Result(fitted, logLikelihood(sequences, fitted), iteration);
    }

    /** The log-likelihood of the sequences under {@code model}: the forward algorithm. */
    public static double logLikelihood(List<boolean[]> sequences, Bkt model) {
        double[] p = {model.pInit(), model.pLearn(), model.pGuess(), model.pSlip()};
        double sum = 0;
        for (boolean[] s : sequences) {
            double[][] alpha = new double[s.length][2];
            double[] scale = new double[s.length];
            forward(s, p, alpha, scale);
            for (double c : scale) sum += Math.log(c);
        }
        return sum;
    }

    private static final class Counts {
        double knownAtStart, learned, unknownBeforeLast, rightWhileUnknown, unknown, wrongWhileKnown, known, logLikelihood;
    }

    /** P(answer | state): state 0 unknown, 1 known. */
    private static double emit(int state, boolean right, double[] p) {
        return state == 0 ? (right ? p[2] : 1 - p[2]) : (right ? 1 - p[3] : p[3]);
    }

    /** Scaled forward pass: alpha[t] is P(state at t | answers up to t); scale[t] is P(answer t | answers before). */
    private static void forward(boolean[] s, double[] p, double[][] alpha, double[] scale) {
        double u = (1 - p[0]) * emit(0, s[0], p);
        double k = p[0] * emit(1, s[0], p);
        for (int t = 0; ; ) {
            scale[t] = u + k;
            alpha[t][0] = u / scale[t];
            alpha[t][1] = k / scale[t];
            if (++t == s.length) return;
            // no forgetting: known stays known, unknown is learned with P(T)
            u = alpha[t - 1][0] * (1 - p[1]) * emit(0, s[t], p);
            k = (alpha[t - 1][0] * p[1] + alpha[t - 1][1]) * emit(1, s[t], p);
        }
    }

    /** E step: adds one sequence's expected counts to {@code c}. */
    private static void expect(boolean[] s, double[] p, Counts c) {
        int n = s.length;
        double[][] alpha = new double[n][2];
        double[] scale = new double[n];
        forward(s, p, alpha, scale);
        double[][] beta = new double[n][2];
        beta[n - 1][0] = 1;
        beta[n - 1][1] = 1;
        for (int t = n - 2; t >= 0; t--) {
            double unknownNext = emit(0, s[t + 1], p) * beta[t + 1][0];
            double knownNext = emit(1, s[t + 1], p) * beta[t + 1][1];
            beta[t][0] = ((1 - p[1]) * unknownNext + p[1] * knownNext) / scale[t + 1];
            beta[t][1] = knownNext / scale[t + 1];
        }
        for (int t = 0; t < n; t++) {
            c.logLikelihood += Math.log(scale[t]);
            double unknown = alpha[t][0] * beta[t][0];
            double known = alpha[t][1] * beta[t][1];
            if (t == 0) c.knownAtStart += known;
            c.unknown += unknown;
            c.known += known;
            if (s[t]) c.rightWhileUnknown += unknown;
            else c.wrongWhileKnown += known;
            if (t < n - 1) {
                c.unknownBeforeLast += unknown;
                c.learned += alpha[t][0] * p[1] * emit(1, s[t + 1], p) * beta[t + 1][1] / scale[t + 1];
            }
        }
    }

    /** The new estimate, or the old one when the data say nothing about it (0/0: e.g. no sequence longer than 1 for P(T)). */
    private static double estimate(double v, double before) {
        if (Double.isNaN(v)) return before;
        return Math.min(1 - EDGE, Math.max(EDGE, v));
    }
}
