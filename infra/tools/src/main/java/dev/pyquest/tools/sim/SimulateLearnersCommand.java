package dev.pyquest.tools.sim;

import dev.pyquest.domain.content.ContentLoader;
import dev.pyquest.domain.content.Course;
import dev.pyquest.domain.mastery.next.NextStepPolicy;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code ./pyquest simulate-learners [learners] [seed] [spread]}: the learning-gain simulation of issue 14
 * ({@link LearnerSimulation}). Prints, for the fixed course order and for the adaptive policy, the attempts to reach
 * mastery of every skill (median, p90, mean, how many got there), the ratio of the medians (goal: the adaptive
 * policy needs at least 25 % fewer, a ratio of 0.75 or less), and the item model's calibration: predicted P(pass)
 * against the observed pass rate of exercise attempts, by decile of the prediction (goal: within 5 points in every
 * decile with at least {@value #MIN_DECILE} attempts). Exit 0 when both goals are met, 1 when not, 2 on bad arguments.
 */
public final class SimulateLearnersCommand {
    static final int MIN_DECILE = 200;
    static final double GOAL_RATIO = 0.75;
    static final double GOAL_CALIBRATION = 0.05;
    /** The per-learner variation by default: 0.5 logits (a learner one spread above the mean starts a skill known with P 0.15 instead of 0.10). */
    static final double DEFAULT_SPREAD = 0.5;

    /** What one simulation found. */
    public record Report(Summary fixed, Summary adaptive, double medianRatio, List<Decile> calibration, double worstGap) {
        public boolean met() {
            return medianRatio <= GOAL_RATIO && worstGap <= GOAL_CALIBRATION;
        }
    }

    public record Summary(int learners, int reached, double median, double p90, double mean, double trulyKnown) {}

    public record Decile(int decile, int n, double predicted, double observed) {}

    public static void main(String[] args) {
        int learners;
        long seed;
        double spread;
        try {
            learners = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
            seed = args.length > 1 ? Long.parseLong(args[1]) : 42;
            spread = args.length > 2 ? Double.parseDouble(args[2]) : DEFAULT_SPREAD;
            if (learners < 1) throw new NumberFormatException("learners must be at least 1");
            if (!(spread >= 0 && spread <= 3)) throw new NumberFormatException("spread must be between 0 and 3 logits");
        } catch (NumberFormatException e) {
            System.err.println("usage: ./pyquest simulate-learners [learners (default 1000)] [seed (default 42)] [spread in logits (default "
                    + DEFAULT_SPREAD + ")]: " + e.getMessage());
            System.exit(2);
            return;
        }
        Course course = ContentLoader.load(Path.of("content"));
        Report r = simulate(course, learners, seed, spread, System.out);
        System.exit(r.met() ? 0 : 1);
    }

    public static Report simulate(Course course, int learners, long seed, double spread, PrintStream out) {
        LearnerSimulation sim = new LearnerSimulation(course, NextStepPolicy.DEFAULT, spread);
        List<LearnerSimulation.Prediction> predictions = new ArrayList<>();
        List<LearnerSimulation.Run> fixed = new ArrayList<>();
        List<LearnerSimulation.Run> adaptive = new ArrayList<>();
        for (int i = 0; i < learners; i++) {
            fixed.add(sim.run(seed, i, LearnerSimulation.Policy.FIXED, predictions));
            adaptive.add(sim.run(seed, i, LearnerSimulation.Policy.ADAPTIVE, predictions));
        }
        Summary f = summary(fixed);
        Summary a = summary(adaptive);
        List<Decile> deciles = calibration(predictions);
        double worst = deciles.stream().filter(d -> d.n() >= MIN_DECILE).mapToDouble(d -> Math.abs(d.predicted() - d.observed())).max().orElse(1);
        Report r = new Report(f, a, a.median() / f.median(), deciles, worst);

        out.printf(Locale.ROOT, "simulate-learners: %d learners (seed %d, spread %.2f logits), %d activities on the path, %d skills; %d attempts a day, at most %d each%n",
                learners, seed, spread, sim.path().activities().size(), sim.path().skills().size(), LearnerSimulation.ATTEMPTS_PER_DAY, LearnerSimulation.MAX_ATTEMPTS);
        out.println("attempts to mastery of every skill (P(known) >= 0.95; lessons read count as attempts)");
        out.printf(Locale.ROOT, "  %-22s %8s %8s %8s %8s %16s%n", "policy", "reached", "median", "p90", "mean", "truly known*");
        row(out, "fixed course order", f);
        row(out, "adaptive (/me/next)", a);
        out.printf(Locale.ROOT, "  median ratio adaptive/fixed: %.2fx (%.0f %% fewer attempts; goal >= 25 %% fewer: %s)%n",
                r.medianRatio(), 100 * (1 - r.medianRatio()), r.medianRatio() <= GOAL_RATIO ? "met" : "NOT met");
        out.println("  * of the skills marked mastered when the learner stopped, the share the hidden model really knew");
        out.printf(Locale.ROOT, "calibration: predicted P(pass) of exercise attempts that are evidence vs observed (%d attempts, both policies)%n", predictions.size());
        out.printf(Locale.ROOT, "  %-9s %7s %10s %9s %7s%n", "decile", "n", "predicted", "observed", "gap");
        for (Decile d : deciles) {
            out.printf(Locale.ROOT, "  %.1f-%.1f   %7d %10.3f %9.3f %+6.1f%s%n", d.decile() / 10.0, (d.decile() + 1) / 10.0, d.n(), d.predicted(), d.observed(),
                    100 * (d.observed() - d.predicted()), d.n() < MIN_DECILE ? " (few)" : "");
        }
        out.printf(Locale.ROOT, "  worst gap over deciles with >= %d attempts: %.1f points (goal <= 5: %s)%n", MIN_DECILE, 100 * worst,
                worst <= GOAL_CALIBRATION ? "met" : "NOT met");
        double ece = deciles.stream().mapToDouble(d -> d.n() * Math.abs(d.predicted() - d.observed())).sum() / Math.max(1, predictions.size());
        out.printf(Locale.ROOT, "  expected calibration error (gaps weighted by attempts): %.1f points%n", 100 * ece);
        return r;
    }

    private static void row(PrintStream out, String name, Summary s) {
        out.printf(Locale.ROOT, "  %-22s %7.1f%% %8s %8s %8.1f %15.1f%%%n", name, 100.0 * s.reached() / s.learners(),
                fmt(s.median()), fmt(s.p90()), s.mean(), 100 * s.trulyKnown());
    }

    private static String fmt(double v) {
        return Double.isInfinite(v) ? "not reached" : String.format(Locale.ROOT, "%.0f", v);
    }

    /** A learner who never got there counts as infinitely many attempts in the percentiles; the mean is over those who did. */
    static Summary summary(List<LearnerSimulation.Run> runs) {
        double[] a = runs.stream().mapToDouble(r -> r.reached() ? r.attempts() : Double.POSITIVE_INFINITY).sorted().toArray();
        int reached = (int) runs.stream().filter(LearnerSimulation.Run::reached).count();
        double mean = runs.stream().filter(LearnerSimulation.Run::reached).mapToInt(LearnerSimulation.Run::attempts).average().orElse(Double.NaN);
        double known = runs.stream().filter(LearnerSimulation.Run::reached).mapToDouble(r -> (double) r.skillsTrulyKnown() / r.skills()).average().orElse(Double.NaN);
        return new Summary(runs.size(), reached, percentile(a, 0.5), percentile(a, 0.9), mean, known);
    }

    /** Nearest rank. */
    static double percentile(double[] sorted, double q) {
        return sorted[Math.max(0, (int) Math.ceil(q * sorted.length) - 1)];
    }

    static List<Decile> calibration(List<LearnerSimulation.Prediction> ps) {
        double[] sumP = new double[10];
        int[] n = new int[10];
        int[] passed = new int[10];
        for (LearnerSimulation.Prediction p : ps) {
            int d = Math.min(9, (int) (p.predicted() * 10));
            sumP[d] += p.predicted();
            n[d]++;
            if (p.passed()) passed[d]++;
        }
        List<Decile> out = new ArrayList<>();
        for (int d = 0; d < 10; d++) if (n[d] > 0) out.add(new Decile(d, n[d], sumP[d] / n[d], (double) passed[d] / n[d]));
        return out;
    }

}
