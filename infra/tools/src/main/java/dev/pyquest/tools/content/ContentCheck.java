package dev.pyquest.tools.content;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.pyquest.domain.content.BankEntry;
import dev.pyquest.domain.content.ContentLoader;
import dev.pyquest.domain.content.Course;
import dev.pyquest.domain.content.Exercise;
import dev.pyquest.domain.content.TestCase;
import dev.pyquest.domain.content.WrongSolution;
import dev.pyquest.domain.judge.JudgeSpec;
import dev.pyquest.domain.judge.TestResult;
import dev.pyquest.domain.judge.TestStatus;
import dev.pyquest.domain.judge.Verdict;
import dev.pyquest.local.Sandbox;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The course's tests have teeth, checked through the real judge (the sandbox and {@code Scorer}):
 * every reference solution passes every test, every listed wrong solution fails at least one
 * hidden test, every learner-bug bank entry passes the public examples, is wrong on its witness
 * and fails a hidden test ({@link BankOutcome}), and no starter code passes. Loading the course
 * ({@link #load}) is the rest of the
 * check: every file against the content format, unique ids and slugs, prerequisites that exist
 * and form no cycle ({@link ContentLoader} refuses a course with any of these wrong).
 */
public final class ContentCheck {
    /** One check of one exercise; {@link #run()} gives the problem found, or null when there is none. */
    public record Check(String slug, String name, java.util.concurrent.Callable<String> body) {
        public String run() {
            try {
                return body.call();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new ToolFailure(slug + ": " + name + ": " + e.getMessage(), e);
            }
        }
    }

    public record Problem(String slug, String check, String message) {
        @Override
        public String toString() {
            return slug + ": " + message;
        }
    }

    public record Result(int exercises, int checks, List<Problem> problems) {
        public boolean ok() {
            return problems.isEmpty();
        }

        public String summary() {
            return "content: " + exercises + " exercises, " + checks + " checks, " + problems.size() + " problem"
                    + (problems.size() == 1 ? "" : "s");
        }
    }

    private final Judge judge;

    public ContentCheck(Sandbox sandbox) {
        this.judge = new Judge(sandbox);
    }

    /** The course under {@code root}; throws {@code ContentException} naming every file and field at fault. */
    public static Course load(Path root) {
        return ContentLoader.load(root);
    }

    /**
     * What one learner-bug bank entry did, judged as a submission is: on the public examples (it
     * must pass them all: a bug they catch needs no hidden test), on its witness (its result must
     * differ from the reference's there, or it is not shown to be wrong) and on the hidden tests
     * (at least one must catch it).
     *
     * @param publicFailures the public examples it fails, with their status
     * @param witnessProblem why the witness shows nothing: the reference has no value on it (then
     *                       the args are no valid input), or the entry's result matches the reference's;
     *                       null when the entry is wrong on it
     * @param hiddenFailed   how many hidden tests it does not pass
     */
    public record BankOutcome(String slug, BankEntry entry, List<String> publicFailures, String witnessProblem,
                              int hiddenFailed, int hiddenTotal) {
        /** Passes every public example and is shown wrong by its witness: a realistic bug hidden tests must catch. */
        public boolean valid() {
            return publicFailures.isEmpty() && witnessProblem == null;
        }

        public boolean caught() {
            return hiddenFailed > 0;
        }

        /** What is wrong with the entry or the hidden tests, or null when nothing is. */
        public String problem() {
            List<String> found = new ArrayList<>();
            String name = entry.file() + " (" + entry.bugClass().id() + ")";
            if (!publicFailures.isEmpty()) {
                found.add(name + " fails public example " + String.join(", ", publicFailures)
                        + ": the examples already catch it; a bank entry is a bug that passes every public example");
            }
            if (witnessProblem != null) found.add(name + ": " + witnessProblem);
            if (!caught()) {
                found.add(name + " (" + entry.why() + ") passes every hidden test: add a hidden test that catches it"
                        + (witnessProblem == null ? " (its witness args " + entry.witnessArgs() + " are one)" : ""));
            }
            return found.isEmpty() ? null : String.join("; ", found);
        }
    }

    private static final String WITNESS = "(bank witness)";

    /** The reference's value on each bank entry's witness (by file), or why it has none. */
    private record ReferenceValue(JsonNode value, String problem) {}

    private Map<String, ReferenceValue> referenceOnWitnesses(Exercise e) {
        List<TestCase> witnesses = e.bank().stream()
                .map(b -> new TestCase(WITNESS + " " + b.file(), b.witnessArgs(), NullNode.getInstance(), b.checker(),
                        e.inputsUnchanged())).toList();
        JudgeSpec spec = new JudgeSpec(e.id(), e.slug(), e.function(), e.limits(), witnesses, List.of());
        Verdict v = judge.verdict(spec, e.solution());
        Map<String, ReferenceValue> out = new LinkedHashMap<>();
        for (int i = 0; i < witnesses.size(); i++) {
            TestResult r = v.tests().get(i);
            BankEntry b = e.bank().get(i);
            boolean returned = (r.status() == TestStatus.PASSED || r.status() == TestStatus.WRONG_ANSWER) && r.actual() != null;
            out.put(b.file(), returned ? new ReferenceValue(r.actual(), null) : new ReferenceValue(null,
                    "its witness args " + b.witnessArgs() + " are no valid input: the reference solution gives " + r.status()
                            + " (" + r.message().lines().findFirst().orElse("") + ")"));
        }
        return out;
    }

    /**
     * One run per bank entry (public examples, its witness, hidden tests), after one run of the
     * reference on every witness of the exercise, shared by the entries' runs.
     */
    public List<Callable<BankOutcome>> bankRuns(Exercise e) {
        Memo<Map<String, ReferenceValue>> reference = new Memo<>(() -> referenceOnWitnesses(e));
        return e.bank().stream().<Callable<BankOutcome>>map(b -> () -> bankOutcome(e, b, reference.get().get(b.file()))).toList();
    }

    private BankOutcome bankOutcome(Exercise e, BankEntry b, ReferenceValue reference) {
        List<TestCase> publicTests = new ArrayList<>(e.examples());
        if (reference.problem() == null) {
            publicTests.add(new TestCase(WITNESS, b.witnessArgs(), reference.value(), b.checker(), e.inputsUnchanged()));
        }
        Verdict v = judge.verdict(new JudgeSpec(e.id(), e.slug(), e.function(), e.limits(), publicTests, e.tests()), b.code());
        List<TestResult> results = v.tests();
        int examples = e.examples().size();
        List<String> publicFailures = results.subList(0, examples).stream().filter(t -> t.status() != TestStatus.PASSED)
                .map(t -> "'" + t.name() + "' (" + t.status() + ")").toList();
        String witnessProblem = reference.problem();
        if (witnessProblem == null && results.get(examples).status() == TestStatus.PASSED) {
            witnessProblem = "it returns what the reference returns on its witness args " + b.witnessArgs()
                    + ", so it is not shown wrong: give args on which its result differs";
        }
        List<TestResult> hidden = results.subList(publicTests.size(), results.size());
        int failed = (int) hidden.stream().filter(t -> t.status() != TestStatus.PASSED).count();
        return new BankOutcome(e.slug(), b, publicFailures, witnessProblem, failed, hidden.size());
    }

    /** A value computed once, by the first thread that asks; the others wait for it. */
    private static final class Memo<T> {
        private final Callable<T> compute;
        private T value;

        Memo(Callable<T> compute) {
            this.compute = compute;
        }

        synchronized T get() throws Exception {
            if (value == null) value = compute.call();
            return value;
        }
    }

    /** The checks of one exercise, in a fixed order: reference, each wrong solution, each bank entry, starter. */
    public List<Check> checks(Exercise e) {
        JudgeSpec spec = JudgeSpec.of(e);
        List<Check> checks = new ArrayList<>();
        checks.add(new Check(e.slug(), "reference solution passes everything", () -> {
            Verdict v = judge.verdict(spec, e.solution());
            if (v.allPassed()) return null;
            return "solution.py fails " + (v.total() - v.passed()) + " of " + v.total() + " tests: " + failures(v);
        }));
        for (WrongSolution w : e.wrong()) {
            checks.add(new Check(e.slug(), w.file() + " fails a hidden test", () -> {
                Verdict v = judge.verdict(spec, w.code());
                boolean caught = v.tests().stream().anyMatch(t -> t.visibility() == TestResult.Visibility.HIDDEN
                        && t.status() != TestStatus.PASSED);
                return caught ? null : w.file() + " (" + w.why() + ") passes every hidden test"
                        + (v.allPassed() ? " and every public example" : "; only public examples catch it");
            }));
        }
        List<Callable<BankOutcome>> bank = bankRuns(e);
        for (int i = 0; i < bank.size(); i++) {
            Callable<BankOutcome> run = bank.get(i);
            checks.add(new Check(e.slug(), e.bank().get(i).file() + " is a learner bug a hidden test catches",
                    () -> run.call().problem()));
        }
        checks.add(new Check(e.slug(), "starter code does not pass", () ->
                judge.verdict(spec, e.starterCode()).allPassed() ? "starter.py passes every test" : null));
        return checks;
    }

    /**
     * Runs every check of {@code exercises} on {@code threads} threads; {@code progress} gets each
     * exercise's problems (possibly none) once all its checks are done, in the order given.
     *
     * @throws ToolFailure the sandbox gave no verdict for some run
     */
    public Result run(List<Exercise> exercises, int threads, Consumer<List<Problem>> progress) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
        try {
            List<List<Future<String>>> futures = new ArrayList<>();
            List<List<Check>> checks = new ArrayList<>();
            for (Exercise e : exercises) {
                List<Check> cs = checks(e);
                checks.add(cs);
                futures.add(cs.stream().map(c -> pool.submit(c::run)).toList());
            }
            List<Problem> problems = new ArrayList<>();
            int count = 0;
            for (int i = 0; i < exercises.size(); i++) {
                List<Problem> found = new ArrayList<>();
                for (int j = 0; j < futures.get(i).size(); j++) {
                    count++;
                    String problem = await(futures.get(i).get(j));
                    Check c = checks.get(i).get(j);
                    if (problem != null) found.add(new Problem(c.slug(), c.name(), problem));
                }
                problems.addAll(found);
                progress.accept(List.copyOf(found));
            }
            return new Result(exercises.size(), count, List.copyOf(problems));
        } finally {
            pool.shutdownNow();
        }
    }

    static <T> T await(Future<T> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ToolFailure("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ToolFailure t) throw t;
            throw new ToolFailure(String.valueOf(e.getCause()), e.getCause());
        }
    }

    private static String failures(Verdict v) {
        return v.tests().stream().filter(t -> t.status() != TestStatus.PASSED)
                .map(t -> "'" + t.name() + "' " + t.status() + " (" + t.message().lines().findFirst().orElse("") + ")")
                .collect(Collectors.joining("; "));
    }
}
