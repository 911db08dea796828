package dev.pyquest.tools.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pyquest.domain.Json;
import dev.pyquest.domain.content.ContentLoader;
import dev.pyquest.domain.content.Exercise;
import dev.pyquest.domain.judge.JudgeSpec;
import dev.pyquest.local.LocalStack;
import dev.pyquest.local.Sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Submit-to-verdict latency on the local stack, measured against baselines in the same run.
 * <pre>./pyquest bench [submissions=30] [slug=sum-of-evens]</pre>
 * ({@code --flood} and {@code --saturate}: see {@link FairnessBench}.)
 * Interleaves, per round: (1) a bare {@code python3} process running the same code on the same
 * tests (no sandbox), (2) the sandbox alone on the same job, (3) a real submission through the
 * HTTP API, workflow, sandbox and DynamoDB Local, timed from POST until a long-polling GET
 * ({@code ?wait=20}) returns the verdict. Each phase starts once the warm boxes are all up and
 * waiting and this JVM is quiet (see {@link #settle()}).
 * Prints median and p99 of each and the ratios of medians. Then throughput with 2, 4 and 8
 * learners submitting concurrently, with the CPU each verdict cost (this JVM and every sandbox
 * process it started) and how many cores that kept busy: verdicts/s x CPU-s per verdict.
 */
public final class CoreLoopBench {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static String SLUG;

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--flood")) {
            FairnessBench.flood(args);
            System.exit(0);
        }
        if (args.length > 0 && args[0].equals("--saturate")) {
            FairnessBench.saturate(args);
            System.exit(0);
        }
        if (args.length > 0 && args[0].equals("--pro-gate")) {
            ProGateBench.run(args);
            System.exit(0);
        }
        if (args.length > 0 && args[0].equals("--next")) {
            NextStepBench.run(args);
            System.exit(0);
        }
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        String slug = args.length > 1 ? args[1] : "sum-of-evens";
        SLUG = slug;
        Path root = LocalStack.findRoot();
        Exercise ex = ContentLoader.load(root.resolve("content")).exercise(slug)
                .orElseThrow(() -> new IllegalArgumentException("no exercise " + slug));
        byte[] job = JudgeSpec.of(ex).sandboxJob(ex.solution());
        Path bare = Files.createTempFile("pyquest-bare", ".py");
        try (InputStream in = CoreLoopBench.class.getResourceAsStream("bare.py")) {
            Files.write(bare, in.readAllBytes());
        }
        Path data = Files.createTempDirectory("pyquest-bench");
        Sandbox sandbox = Sandbox.local();
        try (LocalStack stack = LocalStack.start(LocalStack.Config.fromEnvironment().withDataDir(data).withPort(0))) {
            String base = "http://127.0.0.1:" + stack.port();
            // Pro (bought through the local provider): its daily allowance is an abuse cap, so any number of rounds runs.
            String token = proToken(base, "bench-learner");
            System.out.printf(Locale.ROOT, "PyQuest core-loop benchmark: %s (%d tests), %d rounds, %d cores%n",
                    slug, JudgeSpec.of(ex).total(), n, Runtime.getRuntime().availableProcessors());
            for (int i = 0; i < 5; i++) { // warm-up: JIT, DynamoDB Local, page cache
                bare(bare, job);
                sandbox.run(job);
                submitAndWait(base, token, ex.solution());
            }
            List<Double> bareMs = new ArrayList<>(), boxMs = new ArrayList<>(), e2eMs = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                // Each phase starts once the warm boxes the previous one used are replaced, so no
                // phase pays for another's (its own refill, after its run, it does pay for).
                settle();
                long t0 = System.nanoTime();
                bare(bare, job);
                long t1 = System.nanoTime();
                settle();
                long t2 = System.nanoTime();
                sandbox.run(job);
                long t3 = System.nanoTime();
                settle();
                long t4 = System.nanoTime();
                submitAndWait(base, token, ex.solution());
                long t5 = System.nanoTime();
                bareMs.add((t1 - t0) / 1e6);
                boxMs.add((t3 - t2) / 1e6);
                e2eMs.add((t5 - t4) / 1e6);
            }
            row("bare python3 (baseline)", bareMs);
            row("sandbox only (bwrap)", boxMs);
            row("submit -> verdict (e2e)", e2eMs);
            double b = median(bareMs);
            System.out.printf(Locale.ROOT, "ratio sandbox/bare   median %.2fx%n", median(boxMs) / b);
            System.out.printf(Locale.ROOT, "ratio e2e/bare       median %.2fx  (goal <= 3)%n", median(e2eMs) / b);

            for (int learners : new int[]{2, 4, 8}) {
                int per = Math.max(3, n / learners);
                ExecutorService pool = Executors.newFixedThreadPool(learners);
                List<Future<?>> fs = new ArrayList<>();
                long start = System.nanoTime();
                double cpu0 = cpuSeconds();
                for (int l = 0; l < learners; l++) {
                    String tok = token(base, "bench-" + learners + "-" + l);
                    fs.add(pool.submit(() -> {
                        for (int k = 0; k < per; k++) submitAndWait(base, tok, ex.solution());
                        return null;
                    }));
                }
                for (Future<?> f : fs) f.get();
                double secs = (System.nanoTime() - start) / 1e9;
                double cpu = cpuSeconds() - cpu0;
                pool.shutdown();
                int verdicts = learners * per;
                System.out.printf(Locale.ROOT, "throughput %d learners: %d verdicts in %.2f s = %.1f verdicts/s; "
                                + "CPU %.3f s per verdict; verdicts/s x CPU-s per verdict = %.2f of %d cores (goal >= 1.6)%n",
                        learners, verdicts, secs, verdicts / secs, cpu / verdicts, cpu / secs, Runtime.getRuntime().availableProcessors());
            }
        } finally {
            Files.deleteIfExists(bare);
        }
        System.exit(0);
    }

    /**
     * CPU seconds used so far by this JVM (the whole local stack and this client) and by its waited-for
     * descendants: every sandbox process, whose times reach us through each parent's wait. From
     * /proc/self/stat: utime, stime, cutime, cstime, in clock ticks of 1/100 s (Linux's USER_HZ).
     */
    static double cpuSeconds() throws IOException {
        String stat = Files.readString(Path.of("/proc/self/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // f[0] is field 3 (state); utime..cstime are fields 14..17
        long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]);
        return ticks / 100.0;
    }

    /**
     * Until every warm box being started is up and waiting for a job (a started box may still be
     * importing), and then until this JVM is quiet: a verdict is recorded before its events are
     * relayed and granted, and that work (~100 ms of CPU) must not land on the next phase.
     */
    static void settle() throws InterruptedException {
        dev.pyquest.sandbox.LocalSandbox.awaitPoolsReady(java.time.Duration.ofSeconds(5));
        awaitQuiet();
    }

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();

    /** Until this JVM used under 10 % of a core over 50 ms (its idle pollers use less), at most 5 s. */
    private static void awaitQuiet() throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        long before = OS.getProcessCpuTime();
        do {
            Thread.sleep(50);
            long now = OS.getProcessCpuTime();
            if (now - before < 5_000_000L) return;
            before = now;
        } while (System.nanoTime() < deadline);
    }

    private static void row(String name, List<Double> ms) {
        System.out.printf(Locale.ROOT, "%-26s median %7.1f ms   p99 %7.1f ms   (n=%d)%n", name, median(ms), p99(ms), ms.size());
    }

    static double median(List<Double> xs) {
        double[] a = xs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
    }

    static double p99(List<Double> xs) {
        double[] a = xs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return a[Math.min(a.length - 1, (int) Math.ceil(0.99 * a.length) - 1)];
    }

    private static void bare(Path script, byte[] job) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("/usr/bin/python3", "-I", "-S", "-B", script.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        p.getOutputStream().write(job);
        p.getOutputStream().close();
        p.getInputStream().readAllBytes();
        if (p.waitFor() != 0) throw new IllegalStateException("bare python3 run failed");
    }

    static String token(String base, String sub) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/dev/token"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"sub\":\"" + sub + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
        return Json.MAPPER.readTree(r.body()).path("token").asText();
    }

    /** A token for {@code sub}, who has bought Pro monthly through checkout and the local provider. */
    static String proToken(String base, String sub) throws Exception {
        String token = token(base, sub);
        HttpResponse<String> c = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/checkout")).header("Authorization", "Bearer " + token)
                .header("Idempotency-Key", "bench-pro").POST(HttpRequest.BodyPublishers.ofString("{\"product\":\"pro-monthly\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (c.statusCode() / 100 != 2) throw new IllegalStateException("checkout -> " + c.statusCode() + " " + c.body());
        String checkout = Json.MAPPER.readTree(c.body()).path("checkoutId").asText();
        HttpResponse<String> paid = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/dev/payments/" + checkout + "/complete"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        if (Json.MAPPER.readTree(paid.body()).path("webhookStatus").asInt() != 200) throw new IllegalStateException("local payment: " + paid.body());
        return token;
    }

    private static void submitAndWait(String base, String token, String code) throws Exception {
        submitAndAwait(base, token, SLUG, code);
    }

    /** Submits {@code code} to exercise {@code slug} and long-polls its verdict; anything but PASSED stops the benchmark. */
    static void submitAndAwait(String base, String token, String slug, String code) throws Exception {
        String body = Json.MAPPER.createObjectNode().put("code", code).toString();
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/activities/" + slug + "/submissions"))
                .header("Authorization", "Bearer " + token).header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 202) throw new IllegalStateException("submit -> " + r.statusCode() + " " + r.body());
        String id = Json.MAPPER.readTree(r.body()).path("submissionId").asText();
        // The client the web app is: one long poll (?wait=20) answered when the verdict is recorded,
        // instead of polling (a 10 ms poll cost the sandbox ~50 ms of the 2 cores per submission).
        HttpRequest get = HttpRequest.newBuilder(URI.create(base + "/submissions/" + id + "?wait=20"))
                .header("Authorization", "Bearer " + token).build();
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            JsonNode s = Json.MAPPER.readTree(HTTP.send(get, HttpResponse.BodyHandlers.ofString()).body());
            String status = s.path("status").asText();
            if (status.equals("PASSED")) return;
            if (status.equals("FAILED") || status.equals("ERROR")) throw new IllegalStateException("reference solution judged " + status + ": " + s);
        }
        throw new IllegalStateException("no verdict within 60 s for " + id);
    }

    private CoreLoopBench() {}
}
