package dev.pyquest.tools.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pyquest.local.LambdaInvoker;
import dev.pyquest.local.LocalStack;
import dev.pyquest.local.Template;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Cold-start init of every function, this checkout's jars against a baseline commit's, in one run:
 * each round starts one JVM per function and jar, as the Lambda runtime does (the jar alone on the
 * class path, the template's environment, C1 only), interleaving baseline and current, and reads the
 * in-JVM init time {@link LambdaInvoker} prints (class loading, the Micronaut context, the clients a
 * function builds) and the wall time of the whole process. Prints medians, p99s and the ratio
 * current / baseline per function and overall. The baseline's jars are built once from
 * {@code git archive <ref>} under {@code .pyquest/init-baseline/<ref>}.
 *
 * <p>Usage: {@code ./pyquest bench-init [baseline-ref] [rounds]} (defaults: e596b7e, the spine before
 * issue 12's refactor, and 7 rounds).
 */
public final class InitBench {
    private static final String DEFAULT_BASELINE = "e596b7e";

    private record Function(String logicalId, String jar, String handler) {}

    private record Sample(double initMs, double wallMs) {}

    public static void main(String[] args) throws Exception {
        String ref = args.length > 0 ? args[0] : DEFAULT_BASELINE;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        Path root = LocalStack.findRoot();
        Path baseline = baselineCheckout(root, ref);
        Map<String, Function> before = functions(baseline);
        Map<String, Function> after = functions(root);
        Path invoker = Path.of(LambdaInvoker.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Map<String, List<Sample>> b = new LinkedHashMap<>();
        Map<String, List<Sample>> a = new LinkedHashMap<>();
        System.out.printf("init bench: %d rounds, baseline %s (%s) against this checkout%n", rounds, ref, baseline);
        for (int r = 0; r < rounds; r++) {
            for (String id : after.keySet()) {
                if (!before.containsKey(id)) continue;
                // Alternate which goes first, so neither always meets a warmer page cache.
                if (r % 2 == 0) {
                    b.computeIfAbsent(id, k -> new ArrayList<>()).add(run(baseline, before.get(id), invoker));
                    a.computeIfAbsent(id, k -> new ArrayList<>()).add(run(root, after.get(id), invoker));
                } else {
                    a.computeIfAbsent(id, k -> new ArrayList<>()).add(run(root, after.get(id), invoker));
                    b.computeIfAbsent(id, k -> new ArrayList<>()).add(run(baseline, before.get(id), invoker));
                }
            }
            System.out.printf("  round %d/%d done%n", r + 1, rounds);
        }
        System.out.printf("%n%-30s %22s %22s %7s %22s %22s %7s%n", "function", "baseline init med/p99", "current init med/p99",
                "ratio", "baseline wall med/p99", "current wall med/p99", "ratio");
        double logInit = 0, logWall = 0;
        int n = 0;
        for (String id : a.keySet()) {
            double[] bi = b.get(id).stream().mapToDouble(Sample::initMs).sorted().toArray();
            double[] ci = a.get(id).stream().mapToDouble(Sample::initMs).sorted().toArray();
            double[] bw = b.get(id).stream().mapToDouble(Sample::wallMs).sorted().toArray();
            double[] cw = a.get(id).stream().mapToDouble(Sample::wallMs).sorted().toArray();
            double ri = median(ci) / median(bi), rw = median(cw) / median(bw);
            logInit += Math.log(ri);
            logWall += Math.log(rw);
            n++;
            System.out.printf(Locale.ROOT, "%-30s %10.0f / %7.0f ms %10.0f / %7.0f ms %6.2fx %10.0f / %7.0f ms %10.0f / %7.0f ms %6.2fx%n",
                    id, median(bi), p99(bi), median(ci), p99(ci), ri, median(bw), p99(bw), median(cw), p99(cw), rw);
        }
        System.out.printf(Locale.ROOT, "%nall %d functions: init %.2fx, wall %.2fx of the baseline (geometric mean of the median ratios)%n",
                n, Math.exp(logInit / n), Math.exp(logWall / n));
        List<String> sizes = new ArrayList<>();
        for (String jar : new java.util.TreeSet<>(after.values().stream().map(Function::jar).toList())) {
            sizes.add(String.format(Locale.ROOT, "%s %.1f -> %.1f MB", Path.of(jar).getFileName(),
                    baseline.resolve(jar).toFile().length() / 1e6, root.resolve(jar).toFile().length() / 1e6));
        }
        System.out.println("jars: " + String.join(", ", sizes));
    }

    private static double median(double[] sorted) {
        int m = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
    }

    private static double p99(double[] sorted) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(0.99 * sorted.length) - 1)];
    }

    /** The functions a checkout's template deploys, by logical id (stable across the rename of a handler class). */
    private static Map<String, Function> functions(Path checkout) {
        Template t = Template.read(checkout.resolve("template.yaml"));
        Map<String, Function> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> f : t.resources("AWS::Serverless::Function").entrySet()) {
            JsonNode p = f.getValue().path("Properties");
            out.put(f.getKey(), new Function(f.getKey(), p.path("CodeUri").asText(), p.path("Handler").asText()));
        }
        return out;
    }

    private static Sample run(Path checkout, Function f, Path invoker) {
        try {
            Path jar = checkout.resolve(f.jar());
            if (!Files.isRegularFile(jar)) throw new IllegalStateException(jar + " is missing");
            String java = ProcessHandle.current().info().command().orElse("java");
            // As the Lambda Java runtime starts its JVM: C1 only, serial GC.
            ProcessBuilder pb = new ProcessBuilder(java, "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                    "-cp", jar + File.pathSeparator + invoker, LambdaInvoker.class.getName(), f.handler()).redirectErrorStream(true);
            Map<String, String> env = pb.environment();
            env.clear();
            env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
            Template t = Template.read(checkout.resolve("template.yaml"));
            JsonNode fn = t.resources("AWS::Serverless::Function").get(f.logicalId());
            t.environment(fn).forEach((k, v) -> env.put(k, v.isTextual() ? v.asText() : Template.target(v).orElse(k)));
            // Nothing is sent at init: the endpoint is never reached.
            env.put("AWS_ENDPOINT_URL", "http://127.0.0.1:9");
            env.put("AWS_REGION", "us-east-1");
            env.put("AWS_ACCESS_KEY_ID", "bench");
            env.put("AWS_SECRET_ACCESS_KEY", "bench");
            env.put("POWERTOOLS_LOG_LEVEL", "WARN");
            env.put("STATE_MACHINE_ARN", env.getOrDefault("STATE_MACHINE_ARN", "arn:aws:states:us-east-1:000000000000:stateMachine:x"));
            long start = System.nanoTime();
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(f.handler() + " (" + checkout + ") did not init:\n" + out);
            }
            double wall = (System.nanoTime() - start) / 1e6;
            String init = out.lines().filter(l -> l.startsWith("INIT_MS ")).findFirst()
                    .orElseThrow(() -> new IllegalStateException(f.handler() + " printed no INIT_MS:\n" + out));
            return new Sample(Double.parseDouble(init.substring(8).trim()), wall);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The baseline's sources (git archive) with its three Lambda jars built, once per ref. */
    private static Path baselineCheckout(Path root, String ref) throws Exception {
        String sha = exec(root, List.of("git", "rev-parse", "--short=12", ref + "^{commit}")).trim();
        Path dir = root.resolve(".pyquest/init-baseline").resolve(sha);
        List<String> jars = List.of("functions/api/target/api-lambda.jar", "functions/workflow/target/workflow-lambda.jar",
                "functions/events/target/events-lambda.jar");
        if (jars.stream().allMatch(j -> Files.isRegularFile(dir.resolve(j)))) return dir;
        Files.createDirectories(dir);
        System.out.println("building the baseline's jars in " + dir + " (once)");
        exec(root, List.of("bash", "-c", "git archive " + sha + " | tar -x -C '" + dir + "'"));
        // package, not install: the reactor builds the baseline's own domain and shared, ~/.m2 is untouched.
        exec(dir, List.of("./mvnw", "-q", "-B", "package", "-DskipTests", "-pl", "functions/api,functions/workflow,functions/events", "-am"));
        return dir;
    }

    private static String exec(Path dir, List<String> cmd) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) throw new IllegalStateException(String.join(" ", cmd) + " failed:\n" + out);
        return out;
    }
}
