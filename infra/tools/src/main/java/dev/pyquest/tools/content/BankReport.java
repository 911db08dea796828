package dev.pyquest.tools.content;

import dev.pyquest.domain.content.BugClass;
import dev.pyquest.domain.content.EdgeClass;
import dev.pyquest.domain.content.TestCase;
import dev.pyquest.domain.content.Exercise;
import dev.pyquest.local.Sandbox;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * How many of the learner bugs in each exercise's bank its hidden tests catch ({@code ./pyquest
 * content-report}): hidden tests (hand-written and generated, and the edge classes the generated
 * ones cover), bank entries, entries caught, the catch rate and the bug classes the bank covers,
 * per exercise and in total. Each entry is judged by {@link ContentCheck#bankRuns}
 * (the content check's own runs); the catch rate counts valid entries only (those that pass every
 * public example and are wrong on their witness), and invalid ones are listed with the reason.
 * A report prints figures; failing on them is the content check's job.
 */
public final class BankReport {
    private final ContentCheck check;
    private final int threads;

    public BankReport(Sandbox sandbox, int threads) {
        this.check = new ContentCheck(sandbox);
        this.threads = Math.max(1, threads);
    }

    /** One exercise's figures: its hidden tests (hand-written and generated) and its bank entries' outcomes. */
    public record ExerciseFigures(String slug, List<TestCase> tests, List<ContentCheck.BankOutcome> outcomes) {
        public int hidden() {
            return tests.size();
        }

        /** Hidden tests from generated.yaml (their names carry an edge class). */
        public int generated() {
            return (int) tests.stream().filter(t -> EdgeClass.ofTestName(t.name()).isPresent()).count();
        }

        /** The edge classes the generated tests cover, in the vocabulary's order. */
        public List<EdgeClass> edges() {
            return tests.stream().flatMap(t -> EdgeClass.ofTestName(t.name()).stream())
                    .collect(Collectors.toCollection(TreeSet::new)).stream().toList();
        }

        public int bank() {
            return outcomes.size();
        }

        public List<ContentCheck.BankOutcome> valid() {
            return outcomes.stream().filter(ContentCheck.BankOutcome::valid).toList();
        }

        public int caught() {
            return (int) valid().stream().filter(ContentCheck.BankOutcome::caught).count();
        }

        /** Valid entries no hidden test catches. */
        public List<ContentCheck.BankOutcome> survivors() {
            return valid().stream().filter(o -> !o.caught()).toList();
        }

        public List<ContentCheck.BankOutcome> invalid() {
            return outcomes.stream().filter(o -> !o.valid()).toList();
        }

        /** The classes of the bank's valid entries, in the vocabulary's order. */
        public List<BugClass> classes() {
            return valid().stream().map(o -> o.entry().bugClass()).collect(Collectors.toCollection(TreeSet::new)).stream().toList();
        }

        public String line(int width) {
            StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%-" + width + "s  hidden %3d (%3d fixed + %2d generated)  bank %2d",
                    slug, hidden(), hidden() - generated(), generated(), bank()));
            int valid = valid().size();
            if (bank() > 0) {
                b.append(String.format(Locale.ROOT, "  caught %2d/%-2d %s  classes: %s", caught(), valid, percent(caught(), valid),
                        classes().stream().map(BugClass::id).collect(Collectors.joining(", "))));
            }
            if (generated() > 0) b.append("\n    edges: ").append(edges().stream().map(EdgeClass::id).collect(Collectors.joining(", ")));
            for (ContentCheck.BankOutcome o : survivors()) {
                b.append("\n    survives: ").append(o.entry().file()).append(" (").append(o.entry().bugClass().id()).append("): ")
                        .append(o.entry().why());
            }
            for (ContentCheck.BankOutcome o : invalid()) b.append("\n    invalid: ").append(o.problem());
            return b.toString();
        }
    }

    public record Summary(List<ExerciseFigures> exercises) {
        public int entries() {
            return exercises.stream().mapToInt(ExerciseFigures::bank).sum();
        }

        public int valid() {
            return exercises.stream().mapToInt(e -> e.valid().size()).sum();
        }

        public int caught() {
            return exercises.stream().mapToInt(ExerciseFigures::caught).sum();
        }

        /** How many valid entries of each class, every class of the vocabulary named. */
        public Map<BugClass, Integer> classes() {
            Map<BugClass, Integer> counts = new EnumMap<>(BugClass.class);
            for (BugClass c : BugClass.values()) counts.put(c, 0);
            exercises.forEach(e -> e.valid().forEach(o -> counts.merge(o.entry().bugClass(), 1, Integer::sum)));
            return counts;
        }

        public String line() {
            long withBank = exercises.stream().filter(e -> e.bank() > 0).count();
            int hidden = exercises.stream().mapToInt(ExerciseFigures::hidden).sum();
            int generated = exercises.stream().mapToInt(ExerciseFigures::generated).sum();
            long withGenerated = exercises.stream().filter(e -> e.generated() > 0).count();
            return "bank: " + exercises.size() + " exercises (" + withBank + " with a bank), " + hidden + " hidden tests ("
                    + generated + " generated, in " + withGenerated + " exercises), "
                    + entries() + " entries, " + caught() + "/" + valid() + " caught " + percent(caught(), valid()) + ", "
                    + (entries() - valid()) + " invalid\nclasses: " + classes().entrySet().stream()
                    .map(c -> c.getKey().id() + " " + c.getValue()).collect(Collectors.joining(", "))
                    + "\nedges (exercises whose generated tests cover each): " + edges().entrySet().stream()
                    .map(c -> c.getKey().id() + " " + c.getValue()).collect(Collectors.joining(", "));
        }

        /** How many exercises' generated tests cover each edge class, every class named. */
        public Map<EdgeClass, Integer> edges() {
            Map<EdgeClass, Integer> counts = new EnumMap<>(EdgeClass.class);
            for (EdgeClass c : EdgeClass.values()) counts.put(c, 0);
            exercises.forEach(e -> e.edges().forEach(c -> counts.merge(c, 1, Integer::sum)));
            return counts;
        }
    }

    static String percent(int part, int whole) {
        return whole == 0 ? "(-)" : String.format(Locale.ROOT, "(%.1f%%)", 100.0 * part / whole).replace(".0%", "%");
    }

    /**
     * Judges every bank entry of {@code exercises} on the report's threads; {@code progress} gets
     * each exercise's figures in the order given.
     *
     * @throws ToolFailure the sandbox gave no verdict for some run
     */
    public Summary run(List<Exercise> exercises, Consumer<ExerciseFigures> progress) {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<List<Future<ContentCheck.BankOutcome>>> futures = new ArrayList<>();
            for (Exercise e : exercises) {
                List<Future<ContentCheck.BankOutcome>> fs = new ArrayList<>();
                for (Callable<ContentCheck.BankOutcome> run : check.bankRuns(e)) fs.add(pool.submit(run));
                futures.add(fs);
            }
            List<ExerciseFigures> out = new ArrayList<>();
            for (int i = 0; i < exercises.size(); i++) {
                List<ContentCheck.BankOutcome> outcomes = new ArrayList<>();
                for (Future<ContentCheck.BankOutcome> f : futures.get(i)) outcomes.add(ContentCheck.await(f));
                ExerciseFigures figures = new ExerciseFigures(exercises.get(i).slug(), exercises.get(i).tests(), List.copyOf(outcomes));
                out.add(figures);
                progress.accept(figures);
            }
            return new Summary(List.copyOf(out));
        } finally {
            pool.shutdownNow();
        }
    }
}
