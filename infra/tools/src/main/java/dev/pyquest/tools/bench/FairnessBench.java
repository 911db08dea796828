package dev.pyquest.tools.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pyquest.domain.Json;
import dev.pyquest.domain.content.ContentLoader;
import dev.pyquest.domain.content.Exercise;
import dev.pyquest.local.LocalStack;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.pyquest.tools.bench.CoreLoopBench.median;
import static dev.pyquest.tools.bench.CoreLoopBench.p99;

/**
 * Fairness and limits on the local stack (issue 11, part 3), as programs that print figures.
 * <pre>
 * ./pyquest bench --flood [rounds=20] [pauseMs=10]
 * ./pyquest bench --saturate [learners=40] [seconds=30]
 * </pre>
 * <b>flood</b>: learner B's submit-to-verdict latency (the reference solution of sum-of-evens, one
 * long poll), first with the stack quiet, then while learner A submits {@code while True: pass}
 * from two threads as fast as the API lets them (after a 429 they try again {@code pauseMs} later,
 * ignoring Retry-After, as a hostile client would). Prints median and p99 of both, their ratio
 * (goal: at most 2x), and how many of A's POSTs were accepted and refused.
 *
 * <p><b>saturate</b>: a reader issues GET /me and GET /activities back to back, first with the judge
 * idle (the baseline), then while {@code learners} learners each submit the reference solution
 * again as soon as their previous verdict is in (the judge's whole capacity: verdicts queue).
 * Prints the reads' p50 and p99 in both, the ratio, and the verdicts per second (goal: reads p99
 * at most 200 ms while saturated).
 */
final class FairnessBench {
    private static final HttpClient HTTP = HttpClient.newBuilder().build();
    private static final String SLUG = "sum-of-evens";

    private FairnessBench() {}

    static void flood(String[] args) throws Exception {
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        long pauseMs = args.length > 2 ? Long.parseLong(args[2]) : 10;
        Exercise ex = exercise();
        String loop = "def " + ex.function() + "(*args):\n    while True:\n        pass\n";
        try (LocalStack stack = start()) {
            String base = "http://127.0.0.1:" + stack.port();
            String b = CoreLoopBench.token(base, "bench-b-" + UUID.randomUUID());
            String a = CoreLoopBench.proToken(base, "bench-a-" + UUID.randomUUID()); // floods past a free day's allowance
            System.out.printf(Locale.ROOT, "PyQuest fairness benchmark (flood): %s, %d rounds per phase, %d cores, %d judge slots, box nice %d, load %s%n",
                    SLUG, rounds, Runtime.getRuntime().availableProcessors(), stack.judge().slots(),
                    dev.pyquest.sandbox.LocalSandbox.RUN_NICE, loadAverage());
            for (int i = 0; i < 5; i++) submitAndWait(base, b, ex.solution());       // warm-up: JIT, DynamoDB Local, page cache
            List<Double> quiet = new ArrayList<>();
            for (int i = 0; i < rounds; i++) {
                CoreLoopBench.settle();
                quiet.add(submitAndWait(base, b, ex.solution()));
            }

            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger accepted = new AtomicInteger(), limited = new AtomicInteger(), other = new AtomicInteger();
            List<Thread> flooders = new ArrayList<>();
            for (int f = 0; f < 2; f++) {
                flooders.add(Thread.ofPlatform().daemon().name("flooder-" + f).start(() -> {
                    while (!stop.get()) {
                        try {
                            int status = post(base, a, loop).statusCode();
                            if (status == 202) accepted.incrementAndGet();
                            else if (status == 429) limited.incrementAndGet();
                            else other.incrementAndGet();
                            if (status != 202) Thread.sleep(pauseMs);
                        } catch (InterruptedException e) {
                            return;
                        } catch (Exception e) {
                            other.incrementAndGet();
                        }
                    }
                }));
            }
            // Until A's runaway code holds the judge: one of A's jobs running, the next one waiting.
            long until = System.nanoTime() + 10_000_000_000L;
            while (stack.judge().running() == 0 && System.nanoTime() < until) Thread.sleep(10);
            Thread.sleep(1000);
            List<Double> flooded = new ArrayList<>();
            for (int i = 0; i < rounds; i++) {
                dev.pyquest.sandbox.LocalSandbox.awaitPoolsReady(java.time.Duration.ofSeconds(5));
                flooded.add(submitAndWait(base, b, ex.solution()));
            }
            stop.set(true);
            row("B quiet", quiet);
            row("B while A floods", flooded);
            System.out.printf(Locale.ROOT, "ratio flooded/quiet  median %.2fx  p99 %.2fx  (goal <= 2)%n",
                    median(flooded) / median(quiet), p99(flooded) / p99(quiet));
            System.out.printf(Locale.ROOT, "A's POSTs meanwhile: %d accepted, %d refused 429 RATE_LIMITED, %d other%n",
                    accepted.get(), limited.get(), other.get());
        }
    }

    static void saturate(String[] args) throws Exception {
        int learners = args.length > 1 ? Integer.parseInt(args[1]) : 40;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        Exercise ex = exercise();
        try (LocalStack stack = start()) {
            String base = "http://127.0.0.1:" + stack.port();
            String reader = CoreLoopBench.token(base, "bench-reader-" + UUID.randomUUID());
            System.out.printf(Locale.ROOT, "PyQuest fairness benchmark (saturate): %d learners on %s, %d s, %d cores, %d judge slots, box nice %d, load %s%n",
                    learners, SLUG, seconds, Runtime.getRuntime().availableProcessors(), stack.judge().slots(),
                    dev.pyquest.sandbox.LocalSandbox.RUN_NICE, loadAverage());
            for (int i = 0; i < 3; i++) submitAndWait(base, reader, ex.solution());
            read(base, reader, 3);                  // warm-up of the read routes
            CoreLoopBench.settle();
            List<Double> idle = read(base, reader, Math.max(5, seconds / 3));

            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger verdicts = new AtomicInteger(), limited = new AtomicInteger();
            List<Thread> threads = new ArrayList<>();
            for (int l = 0; l < learners; l++) {
                String t = CoreLoopBench.token(base, "bench-sat-" + l + "-" + UUID.randomUUID());
                threads.add(Thread.ofPlatform().daemon().name("learner-" + l).start(() -> {
                    while (!stop.get()) {
                        try {
                            HttpResponse<String> r = post(base, t, ex.solution());
                            if (r.statusCode() == 429) {
                                limited.incrementAndGet();
                                Thread.sleep(1000L * Integer.parseInt(r.headers().firstValue("retry-after").orElse("1")));
                                continue;
                            }
                            awaitFinal(base, t, Json.MAPPER.readTree(r.body()).path("submissionId").asText());
                            verdicts.incrementAndGet();
                        } catch (InterruptedException e) {
                            return;
                        } catch (Exception e) {
                            if (!stop.get()) System.err.println("learner: " + e);
                        }
                    }
                }));
            }
            long ramp = System.nanoTime() + 10_000_000_000L;     // until the judge is full and jobs wait for it
            while (stack.judge().waiting() == 0 && System.nanoTime() < ramp) Thread.sleep(10);
            Thread.sleep(2000);
            int v0 = verdicts.get();
            long t0 = System.nanoTime();
            List<Double> busy = read(base, reader, seconds);
            double secs = (System.nanoTime() - t0) / 1e9;
            int judged = verdicts.get() - v0;
            int waitingAtEnd = stack.judge().waiting();
            stop.set(true);
            row("reads, judge idle", idle);
            row("reads, judge saturated", busy);
            row("  of which GET /me", every(busy, 0));
            row("  of which GET /activities", every(busy, 1));
            System.out.printf(Locale.ROOT, "ratio saturated/idle  p50 %.2fx  p99 %.2fx;  reads p99 %.1f ms (goal <= 200)%n",
                    median(busy) / median(idle), p99(busy) / p99(idle), p99(busy));
            System.out.printf(Locale.ROOT, "judge: %d verdicts in %.1f s = %.2f verdicts/s; %d jobs waiting for the judge at the end; %d POSTs refused 429%n",
                    judged, secs, judged / secs, waitingAtEnd, limited.get());
        }
    }

    /** GET /me and GET /activities in turn, back to back, for {@code seconds}: each one's latency in ms (even: /me, odd: /activities). */
    private static List<Double> read(String base, String token, int seconds) throws Exception {
        List<Double> ms = Collections.synchronizedList(new ArrayList<>());
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        HttpRequest me = HttpRequest.newBuilder(URI.create(base + "/me")).header("Authorization", "Bearer " + token).build();
        HttpRequest activities = HttpRequest.newBuilder(URI.create(base + "/activities")).header("Authorization", "Bearer " + token).build();
        for (int i = 0; System.nanoTime() < end; i++) {
            long t = System.nanoTime();
            HttpResponse<String> r = HTTP.send(i % 2 == 0 ? me : activities, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) throw new IllegalStateException("read -> " + r.statusCode() + " " + r.body());
            ms.add((System.nanoTime() - t) / 1e6);
        }
        return ms;
    }

    private static List<Double> every(List<Double> xs, int parity) {
        List<Double> out = new ArrayList<>();
        for (int i = parity; i < xs.size(); i += 2) out.add(xs.get(i));
        return out;
    }

    private static double submitAndWait(String base, String token, String code) throws Exception {
        long t = System.nanoTime();
        HttpResponse<String> r = post(base, token, code);
        if (r.statusCode() != 202) throw new IllegalStateException("submit -> " + r.statusCode() + " " + r.body());
        String status = awaitFinal(base, token, Json.MAPPER.readTree(r.body()).path("submissionId").asText());
        if (!status.equals("PASSED")) throw new IllegalStateException("the reference solution was judged " + status);
        return (System.nanoTime() - t) / 1e6;
    }

    private static HttpResponse<String> post(String base, String token, String code) throws Exception {
        String body = Json.MAPPER.createObjectNode().put("code", code).toString();
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + "/activities/" + SLUG + "/submissions"))
                .header("Authorization", "Bearer " + token).header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Long polls (?wait=20) until the submission is final; its status. */
    private static String awaitFinal(String base, String token, String id) throws Exception {
        HttpRequest get = HttpRequest.newBuilder(URI.create(base + "/submissions/" + id + "?wait=20"))
                .header("Authorization", "Bearer " + token).build();
        long deadline = System.nanoTime() + 300_000_000_000L;
        while (System.nanoTime() < deadline) {
            JsonNode s = Json.MAPPER.readTree(HTTP.send(get, HttpResponse.BodyHandlers.ofString()).body());
            String status = s.path("status").asText();
            if (status.equals("PASSED") || status.equals("FAILED") || status.equals("ERROR")) return status;
        }
        throw new IllegalStateException("no verdict within 300 s for " + id);
    }

    private static LocalStack start() throws Exception {
        Path data = Files.createTempDirectory("pyquest-bench");
        return LocalStack.start(LocalStack.Config.fromEnvironment().withDataDir(data).withPort(0));
    }

    private static Exercise exercise() {
        return ContentLoader.load(LocalStack.findRoot().resolve("content")).exercise(SLUG)
                .orElseThrow(() -> new IllegalArgumentException("no exercise " + SLUG));
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (Exception e) {
            return "?";
        }
    }

    private static void row(String name, List<Double> ms) {
        System.out.printf(Locale.ROOT, "%-24s median %8.1f ms   p99 %8.1f ms   (n=%d)%n", name, median(ms), p99(ms), ms.size());
    }
}
