package dev.pyquest.tools.content;

import dev.pyquest.domain.content.ContentException;
import dev.pyquest.domain.content.Course;
import dev.pyquest.domain.content.Exercise;
import dev.pyquest.local.Sandbox;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The content check, the mutation report and the learner-bug bank report from the command line
 * ({@code ./pyquest mutants}, {@code ./pyquest content-report}, {@code /work/tools/check-content}).
 * Exit status: 0 all good, 1 the content fails (invalid files, a check, an exercise below 90 %, a
 * stale equivalent listing), 2 bad usage or the tool could not do its job (no sandbox, a sandbox fault).
 */
public final class CheckContent {
    static final String USAGE = """
            usage: check-content [--threads N] [--check-only | --mutants-only | --report] [--verbose] <content-root> [slug ...]
              Loads and validates the course under <content-root>, then
              - the content check: every reference solution passes every test, every listed wrong
                solution fails a hidden test, every learner-bug bank entry passes the public examples,
                is wrong on its witness and fails a hidden test, no starter passes;
              - the mutation report: every mutant of each reference solution runs on the hidden tests
                in the sandbox; an exercise below 90 % of mutants killed fails.
              --report instead prints per exercise and in total the hidden tests (fixed + generated), the
              edge classes the generated ones cover and the learner-bug bank's figures (bank entries,
              caught, catch rate, bug classes), and fails on nothing but invalid files.
              Only the exercises named by slug, when given. --threads: parallel sandbox runs (default 2);
              --verbose: every mutant, the test that killed it and its run time.
              Exit status: 0 all good, 1 the content fails, 2 bad usage or the tool failed.""";

    private CheckContent() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        int threads = 2;
        boolean check = true;
        boolean mutants = true;
        boolean verbose = false;
        boolean report = false;
        List<String> positional = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--threads" -> {
                    if (i + 1 >= args.length || !args[i + 1].matches("[1-9][0-9]{0,2}")) {
                        err.println("check-content: --threads needs a number from 1 to 999\n" + USAGE);
                        return 2;
                    }
                    threads = Integer.parseInt(args[++i]);
                }
                case "--check-only" -> mutants = false;
                case "--mutants-only" -> check = false;
                case "--report" -> report = true;
                case "--verbose", "-v" -> verbose = true;
                case "-h", "--help" -> {
                    out.println(USAGE);
                    return 0;
                }
                default -> {
                    if (a.startsWith("-")) {
                        err.println("check-content: unknown option " + a + "\n" + USAGE);
                        return 2;
                    }
                    positional.add(a);
                }
            }
        }
        if (positional.isEmpty() || (!check && !mutants) || (report && !(check && mutants))) {
            err.println(USAGE);
            return 2;
        }
        Path root = Path.of(positional.get(0)).toAbsolutePath().normalize();
        if (!Files.isDirectory(root)) {
            err.println("check-content: " + root + " is not a folder");
            return 2;
        }
        long start = System.nanoTime();
        Course course;
        try {
            course = ContentCheck.load(root);
        } catch (ContentException e) {
            out.println("content: " + root + ": " + e.getMessage());
            return 1;
        }
        List<Exercise> exercises = course.exercises();
        if (positional.size() > 1) {
            Set<String> slugs = new LinkedHashSet<>(positional.subList(1, positional.size()));
            List<String> unknown = slugs.stream().filter(s -> course.exercise(s).isEmpty()).toList();
            if (!unknown.isEmpty()) {
                err.println("check-content: no exercise " + String.join(", ", unknown) + " under " + root
                        + " (there are: " + String.join(", ", course.exercises().stream().map(Exercise::slug).toList()) + ")");
                return 2;
            }
            exercises = slugs.stream().map(s -> course.exercise(s).orElseThrow()).toList();
        }
        out.println("content: " + root + ": " + course.skills().size() + " skills, " + course.exercises().size()
                + " exercises valid" + (exercises.size() < course.exercises().size() ? "; checking " + exercises.size() : ""));
        boolean ok = true;
        Sandbox sandbox = Sandbox.local();
        try {
            if (report) {
                int width = exercises.stream().mapToInt(e -> e.slug().length()).max().orElse(1);
                BankReport.Summary s = new BankReport(sandbox, threads).run(exercises, e -> out.println(e.line(width)));
                out.println(s.line() + "\n(" + seconds(start) + ", " + threads + (threads == 1 ? " thread)" : " threads)"));
                return 0;
            }
            if (check) {
                ContentCheck.Result r = new ContentCheck(sandbox).run(exercises, threads,
                        problems -> problems.forEach(p -> out.println("content: " + p)));
                out.println(r.summary() + " (" + seconds(start) + ")");
                ok &= r.ok();
            }
            if (mutants) {
                long t = System.nanoTime();
                int width = exercises.stream().mapToInt(e -> e.slug().length()).max().orElse(1);
                boolean all = verbose;
                try (MutantGenerator generator = new MutantGenerator()) {
                    MutationReport.Summary s = new MutationReport(sandbox, generator, threads).run(exercises, root, e -> {
                        out.println(e.line(width));
                        if (all) e.results().forEach(r -> out.println(r.line()));
                    });
                    out.println(s.line() + " (" + seconds(t) + ", " + threads + (threads == 1 ? " thread)" : " threads)"));
                    ok &= s.ok();
                }
            }
        } catch (ToolFailure e) {
            err.println("check-content: the tool failed (this is not a verdict on the content): " + e.getMessage());
            return 2;
        }
        return ok ? 0 : 1;
    }

    private static String seconds(long since) {
        return String.format(Locale.ROOT, "%.1f s", (System.nanoTime() - since) / 1e9);
    }
}
