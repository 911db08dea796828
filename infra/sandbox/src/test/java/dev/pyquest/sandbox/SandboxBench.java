package dev.pyquest.sandbox;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Benchmark (not a test): one 10-test job, N times through {@link LocalSandbox} (bubblewrap,
 * setpriv, cgroups when root) and N times through a bare {@code /usr/bin/python3 runner.py}
 * process, interleaved; prints median and p99 of each and the ratio of the medians.
 *
 * <p>Run it from the repository root (after {@code ./mvnw -q -B -pl infra/sandbox verify}); the plugin
 * prefix {@code exec:} does not resolve against the sparse mirror, full coordinates do:
 * <pre>
 *   ./mvnw -q -B -pl infra/sandbox org.codehaus.mojo:exec-maven-plugin:3.5.0:java \
 *       -Dexec.mainClass=dev.pyquest.sandbox.SandboxBench -Dexec.classpathScope=test -Dexec.args=30
 * </pre>
 * or with plain java (less noise from the Maven JVM):
 * <pre>
 *   ./mvnw -q -B -pl infra/sandbox org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
 *       -Dmdep.outputFile=/tmp/cp.txt
 *   java -cp infra/sandbox/target/classes:infra/sandbox/target/test-classes:$(cat /tmp/cp.txt) \
 *       dev.pyquest.sandbox.SandboxBench 30
 * </pre>
 * Run as root to measure the full path (setpriv + cgroups); as another user it measures bwrap alone.
 */
public final class SandboxBench {
    private SandboxBench() {}

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        Jobs job = Jobs.of("sum_of_evens", """
                def sum_of_evens(nums):
                    return sum(n for n in nums if n % 2 == 0)
                """);
        for (int i = 0; i < 10; i++) job.test("t" + i, "[[" + i + ", 2, 3, 4, 5, 6, 7, 8]]");
        byte[] bytes = job.bytes();
        Path dir = Files.createTempDirectory("pyquest-bench-");
        Path runner = dir.resolve("runner.py");
        try (InputStream in = LocalSandbox.class.getResourceAsStream("runner.py")) {
            Files.copy(in, runner, StandardCopyOption.REPLACE_EXISTING);
        }
        List<Double> boxed = new ArrayList<>();
        List<Double> bare = new ArrayList<>();
        try (LocalSandbox box = new LocalSandbox()) {
            System.out.printf("LocalSandbox: cgroups %s, drops to uid %s%n", box.cgroupsActive() ? "on" : "off",
                    box.dropsToConfiguredUid() ? SandboxConfig.defaults().uid() : "no (JVM not root)");
            box.run(bytes); // warm-up of both paths
            bare(runner, bytes);
            for (int i = 0; i < n; i++) {
                long t0 = System.nanoTime();
                byte[] out = box.run(bytes);
                boxed.add((System.nanoTime() - t0) / 1e6);
                check(out);
                t0 = System.nanoTime();
                out = bare(runner, bytes);
                bare.add((System.nanoTime() - t0) / 1e6);
                check(out);
            }
        } finally {
            Files.deleteIfExists(runner);
            Files.deleteIfExists(dir);
        }
        double mb = percentile(boxed, 50);
        double mr = percentile(bare, 50);
        System.out.printf("runs: %d x 10-test job (interleaved)%n", n);
        System.out.printf("LocalSandbox (bwrap): median %.1f ms, p99 %.1f ms%n", mb, percentile(boxed, 99));
        System.out.printf("bare runner.py      : median %.1f ms, p99 %.1f ms%n", mr, percentile(bare, 99));
        System.out.printf("ratio of medians    : %.2f (sandbox overhead %.1f ms per run)%n", mb / mr, mb - mr);
    }

    private static byte[] bare(Path runner, byte[] job) throws Exception {
        Process p = new ProcessBuilder("/usr/bin/python3", "-I", "-S", "-B", runner.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (OutputStream in = p.getOutputStream()) {
            in.write(job);
        }
        byte[] out = p.getInputStream().readAllBytes();
        if (p.waitFor() != 0) throw new IllegalStateException("bare runner failed");
        return out;
    }

    private static void check(byte[] report) {
        var results = Jobs.parse(report).path("results");
        if (results.size() != 10) throw new IllegalStateException("unexpected report " + new String(report));
        for (var r : results) {
            if (!"OK".equals(r.path("status").asText())) throw new IllegalStateException("unexpected " + r);
        }
    }

    /** Nearest-rank percentile. */
    static double percentile(List<Double> values, double p) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }
}
