package dev.pyquest.tools.content;

import dev.pyquest.domain.content.ContentLoader;
import dev.pyquest.domain.content.Course;
import dev.pyquest.domain.content.Exercise;
import dev.pyquest.domain.content.WrongSolution;
import dev.pyquest.domain.judge.JudgeSpec;
import dev.pyquest.domain.judge.TestResult;
import dev.pyquest.domain.judge.TestStatus;
import dev.pyquest.domain.judge.Verdict;
import dev.pyquest.local.Sandbox;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The course's tests have teeth, checked through the real judge (the sandbox and {@code Scorer}):
 * every reference solution passes every test, every listed wrong solution fails at least one
 * hidden test, and no starter code passes. Loading the course ({@link #load}) is the rest of the
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

    /** The checks of one exercise, in a fixed order: reference, each wrong solution, starter. */
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
