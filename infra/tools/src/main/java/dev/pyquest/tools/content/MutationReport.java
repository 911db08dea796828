package dev.pyquest.tools.content;

import dev.pyquest.domain.content.ContentException;
import dev.pyquest.domain.content.Exercise;
import dev.pyquest.domain.judge.JudgeSpec;
import dev.pyquest.domain.judge.TestResult;
import dev.pyquest.domain.judge.TestStatus;
import dev.pyquest.domain.judge.Verdict;
import dev.pyquest.local.Sandbox;
import dev.pyquest.tools.content.MutantGenerator.Mutant;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Mutation strength of the hidden tests: each reference solution is mutated ({@link MutantGenerator})
 * and every mutant runs in the sandbox on the exercise's hidden tests only, one run per mutant,
 * scored by the real {@code Scorer}. A mutant is killed when at least one hidden test does not
 * pass; a sandbox fault or an unscorable report is a {@link ToolFailure}, never a kill. Score =
 * killed / (mutants − listed equivalents); an exercise below {@link #THRESHOLD} fails, as does one
 * whose {@code equivalent-mutants.yaml} lists a mutant that is not generated or that is killed
 * (a stale listing).
 */
public final class MutationReport {
    public static final double THRESHOLD = 0.90;

    /** {@code killedBy}: the first hidden test that did not pass and its status; {@code millis}: the sandbox run's wall time. */
    public record MutantResult(Mutant mutant, boolean killed, String killedBy, long millis) {
        public String line() {
            return String.format(Locale.ROOT, "  %-8s %-28s %s%s (%d ms)", killed ? "killed" : "SURVIVED", mutant.id(),
                    mutant.description(), killed ? "  by " + killedBy : "", millis);
        }
    }

    /** One exercise's outcome; {@code errors} are problems of the exercise that make it fail whatever its score. */
    public record ExerciseScore(String slug, List<MutantResult> results, List<EquivalentMutants.Listed> equivalents,
                                List<String> errors) {
        public int total() {
            return results.size();
        }

        public int killed() {
            return (int) results.stream().filter(MutantResult::killed).count();
        }

        /** Mutants that count: all but the listed equivalents. */
        public int scored() {
            return total() - equivalents.size();
        }

        public double score() {
            return scored() <= 0 ? 0 : (double) killed() / scored();
        }

        public boolean below() {
            return score() < THRESHOLD;
        }

        public boolean ok() {
            return errors.isEmpty() && !below();
        }

        /** Surviving mutants not listed as equivalent: each one is a bug the hidden tests miss. */
        public List<MutantResult> survivors() {
            Set<String> listed = equivalents.stream().map(EquivalentMutants.Listed::mutant).collect(Collectors.toSet());
            return results.stream().filter(r -> !r.killed() && !listed.contains(r.mutant().id())).toList();
        }

        public String line(int width) {
            StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%-" + Math.max(1, width) + "s  %d/%d killed (%s)",
                    slug, killed(), scored(), percent(killed(), scored())));
            if (!equivalents.isEmpty()) b.append(", ").append(equivalents.size()).append(" listed equivalent");
            if (below() && scored() > 0) b.append("  BELOW ").append(percent(THRESHOLD));
            List<MutantResult> s = survivors();
            if (!s.isEmpty()) {
                b.append("  survivors: ").append(s.stream()
                        .map(r -> r.mutant().id() + " (" + r.mutant().description() + ")")
                        .collect(Collectors.joining(", ")));
            }
            for (String e : errors) b.append("\n  error: ").append(e);
            return b.toString();
        }
    }

    public record Summary(List<ExerciseScore> exercises) {
        public int killed() {
            return exercises.stream().mapToInt(ExerciseScore::killed).sum();
        }

        public int scored() {
            return exercises.stream().mapToInt(ExerciseScore::scored).sum();
        }

        public int equivalents() {
            return exercises.stream().mapToInt(e -> e.equivalents().size()).sum();
        }

        public List<ExerciseScore> failing() {
            return exercises.stream().filter(e -> !e.ok()).toList();
        }

        public boolean ok() {
            return failing().isEmpty();
        }

        /** {@code mutation: <n> exercises, <killed>/<total> mutants killed (<pct>%), <e> listed equivalent, <k> below 90%}. */
        public String line() {
            long below = exercises.stream().filter(ExerciseScore::below).count();
            String s = String.format(Locale.ROOT, "mutation: %d exercises, %d/%d mutants killed (%s), %d listed equivalent, %d below %s",
                    exercises.size(), killed(), scored(), percent(killed(), scored()), equivalents(), below, percent(THRESHOLD));
            long errors = exercises.stream().filter(e -> !e.errors().isEmpty()).count();
            return errors == 0 ? s : s + ", " + errors + " with errors";
        }
    }

    private final Judge judge;
    private final MutantGenerator generator;
    private final int threads;

    public MutationReport(Sandbox sandbox, MutantGenerator generator, int threads) {
        this.judge = new Judge(sandbox);
        this.generator = generator;
        this.threads = Math.max(1, threads);
    }

    /**
     * Scores {@code exercises} (their folders are {@code contentRoot/exercises/<slug>}); {@code progress}
     * gets each exercise once all its mutants have run, in the order given.
     *
     * @throws ToolFailure the generator or the sandbox could not do its job
     */
    public Summary run(List<Exercise> exercises, Path contentRoot, Consumer<ExerciseScore> progress) {
        record Planned(Exercise exercise, List<EquivalentMutants.Listed> equivalents, List<String> errors,
                       Future<Timed> reference, List<Mutant> mutants, List<Future<Timed>> runs) {}
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<List<Mutant>> generated = generator.mutantsOfEach(exercises.stream().map(Exercise::solution).toList(),
                    exercises.stream().map(e -> "exercises/" + e.slug() + "/solution.py").toList());
            // Every reference runs first (queued ahead of all mutants, so a mutant waiting on its
            // reference never waits on work queued behind it).
            List<Future<Timed>> references = new ArrayList<>();
            for (Exercise e : exercises) {
                JudgeSpec hidden = Judge.hiddenOnly(JudgeSpec.of(e));
                references.add(pool.submit(() -> timed(hidden, e.solution())));
            }
            List<Planned> plan = new ArrayList<>();
            for (int k = 0; k < exercises.size(); k++) {
                Exercise e = exercises.get(k);
                List<String> errors = new ArrayList<>();
                List<EquivalentMutants.Listed> equivalents = List.of();
                try {
                    equivalents = EquivalentMutants.read(contentRoot.resolve("exercises").resolve(e.slug()));
                } catch (ContentException ex) {
                    errors.add(ex.getMessage());
                }
                JudgeSpec hidden = Judge.hiddenOnly(JudgeSpec.of(e));
                List<Mutant> mutants = generated.get(k);
                Future<Timed> reference = references.get(k);
                List<Future<Timed>> runs = mutants.stream().map(m -> pool.submit(
                        () -> timed(forMutants(hidden, ContentCheck.await(reference).slowestTestMs()), m.source()))).toList();
                plan.add(new Planned(e, equivalents, errors, reference, mutants, runs));
            }
            List<ExerciseScore> scores = new ArrayList<>();
            for (Planned p : plan) {
                List<String> errors = new ArrayList<>(p.errors());
                Verdict ref = ContentCheck.await(p.reference()).verdict();
                if (!ref.allPassed()) {
                    errors.add("the reference solution fails a hidden test, so no mutant can be scored: "
                            + ref.tests().stream().filter(t -> t.status() != TestStatus.PASSED).map(TestResult::name).toList());
                }
                List<MutantResult> results = new ArrayList<>();
                for (int i = 0; i < p.mutants().size(); i++) {
                    Mutant m = p.mutants().get(i);
                    results.add(result(p.exercise(), m, ContentCheck.await(p.runs().get(i))));
                }
                if (results.isEmpty()) errors.add("the generator made no mutant of solution.py");
                errors.addAll(stale(p.equivalents(), results));
                // Only listings that name a surviving mutant leave the denominator; stale ones are errors above.
                Set<String> survived = results.stream().filter(r -> !r.killed()).map(r -> r.mutant().id())
                        .collect(Collectors.toSet());
                List<EquivalentMutants.Listed> equivalents = p.equivalents().stream()
                        .filter(l -> survived.contains(l.mutant())).toList();
                if (!results.isEmpty() && equivalents.size() == results.size()) {
                    errors.add("every mutant is listed as equivalent: nothing is left to score");
                }
                ExerciseScore score = new ExerciseScore(p.exercise().slug(), List.copyOf(results), equivalents,
                        List.copyOf(errors));
                scores.add(score);
                progress.accept(score);
            }
            return new Summary(List.copyOf(scores));
        } finally {
            pool.shutdownNow();
        }
    }

    /** {@code millis}: the sandbox run's wall time; {@code slowestTestMs}: its slowest test, as the runner timed it. */
    private record Timed(Verdict verdict, long millis, long slowestTestMs) {}

    private Timed timed(JudgeSpec spec, String code) {
        long t = System.nanoTime();
        Judge.Judged j = judge.judged(spec, code);
        return new Timed(j.verdict(), (System.nanoTime() - t) / 1_000_000, j.slowestTestMs());
    }

    /** The least per-test time limit a mutant gets, whatever the reference's speed. */
    static final int MIN_MUTANT_TIME_MS = 300;

    /**
     * The hidden tests with a per-test time limit of twenty times the reference's slowest test (at
     * least {@link #MIN_MUTANT_TIME_MS}, at most the exercise's own limit). A mutant that loops forever
     * then costs a fraction of a second per test instead of the full limit; one that is twenty times
     * slower than the reference on some test counts as a time-out, i.e. killed.
     */
    static JudgeSpec forMutants(JudgeSpec hidden, long referenceSlowestTestMs) {
        int time = (int) Math.min(hidden.limits().timeMs(), Math.max(MIN_MUTANT_TIME_MS, 20 * referenceSlowestTestMs));
        dev.pyquest.domain.content.Limits l = hidden.limits();
        return new JudgeSpec(hidden.activityId(), hidden.slug(), hidden.function(),
                new dev.pyquest.domain.content.Limits(time, l.memoryMb(), l.outputBytes()), hidden.examples(), hidden.tests());
    }

    private static MutantResult result(Exercise e, Mutant m, Timed timed) {
        Verdict v = timed.verdict();
        for (TestResult t : v.tests()) {
            if (t.status() == TestStatus.SYNTAX_ERROR) {
                // The generator compiles every mutant it emits: a syntax error is the tool's fault.
                throw new ToolFailure(e.slug() + ": mutant " + m.id() + " does not compile in the sandbox: " + t.message());
            }
        }
        return v.tests().stream().filter(t -> t.status() != TestStatus.PASSED).findFirst()
                .map(t -> new MutantResult(m, true, t.name() + ": " + t.status(), timed.millis()))
                .orElseGet(() -> new MutantResult(m, false, null, timed.millis()));
    }

    /** Listed equivalents that are not generated, or that a test kills: the listing is out of date. */
    private static List<String> stale(List<EquivalentMutants.Listed> listed, List<MutantResult> results) {
        Map<String, MutantResult> byId = new HashMap<>();
        for (MutantResult r : results) byId.put(r.mutant().id(), r);
        List<String> errors = new ArrayList<>();
        for (EquivalentMutants.Listed l : listed) {
            MutantResult r = byId.get(l.mutant());
            if (r == null) {
                errors.add(EquivalentMutants.FILE + " lists '" + l.mutant() + "', which the generator no longer makes"
                        + " (solution.py or the generator changed): remove it or use the current id");
            } else if (r.killed()) {
                errors.add(EquivalentMutants.FILE + " lists '" + l.mutant() + "' as equivalent, but a test kills it ("
                        + r.killedBy() + "): remove it from the list");
            }
        }
        return errors;
    }

    static String percent(int part, int whole) {
        return whole <= 0 ? "n/a" : percent((double) part / whole);
    }

    static String percent(double fraction) {
        String s = String.format(Locale.ROOT, "%.1f", fraction * 100);
        return (s.endsWith(".0") ? s.substring(0, s.length() - 2) : s) + "%";
    }
}
