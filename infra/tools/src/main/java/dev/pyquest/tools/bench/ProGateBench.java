package dev.pyquest.tools.bench;

import dev.pyquest.domain.content.ContentLoader;
import dev.pyquest.domain.content.Course;
import dev.pyquest.domain.content.Exercise;
import dev.pyquest.domain.learning.Gates;
import dev.pyquest.domain.learning.LearnerProgress;
import dev.pyquest.local.LocalStack;
import dev.pyquest.shared.payments.ProGate;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static dev.pyquest.tools.bench.CoreLoopBench.median;
import static dev.pyquest.tools.bench.CoreLoopBench.p99;

/**
 * {@code ./pyquest bench --pro-gate [rounds=500]}: what the Pro gate costs a gated route (issue 16: goal at most 1.1x),
 * on the local stack, in one run. A Pro learner (bought through checkout and the local provider) who has opened both:
 * {@code GET /activities/decode-runs} (a premium challenge: the gate is asked) against {@code GET /activities/parse-integer}
 * (the free exercise it builds on, of the same shape: the gate is not asked), alternating, after a warm-up. Twice: with
 * the gate answering from what it remembers (a Pro learner's steady state), and with what it remembers dropped before
 * each request (every request reads the entitlement: a container's first request, or one after {@link ProGate#REMEMBER}).
 */
final class ProGateBench {
    private static final String GATED = "decode-runs";
    private static final String UNGATED = "parse-integer";

    private ProGateBench() {}

    static void run(String[] args) throws Exception {
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        if (rounds < 10) throw new IllegalArgumentException("rounds must be at least 10, got " + rounds);
        Course course = ContentLoader.load(LocalStack.findRoot().resolve("content"));
        try (LocalStack stack = LocalStack.start(LocalStack.Config.fromEnvironment().withDataDir(Files.createTempDirectory("pyquest-bench")).withPort(0))) {
            String base = "http://127.0.0.1:" + stack.port();
            String user = "bench-pro-" + UUID.randomUUID();
            String t = CoreLoopBench.token(base, user);
            String checkout = dev.pyquest.domain.Json.MAPPER.readTree(post(base, t, "/checkout", "{\"product\":\"pro-monthly\"}"))
                    .path("checkoutId").asText();
            post(base, null, "/dev/payments/" + checkout + "/complete", "");
            NextStepBench.readAndPassInGateOrder(base, t, course);
            int passed = passUntilOpen(base, t, course, GATED);
            ProGate gate = stack.bean(ProGate.class);
            for (int i = 0; i < 50; i++) {
                NextStepBench.send(base, t, "GET", "/activities/" + GATED);
                NextStepBench.send(base, t, "GET", "/activities/" + UNGATED);
            }
            System.out.printf(Locale.ROOT, "PyQuest Pro-gate benchmark: %d rounds, a Pro learner with %s open (%d exercises passed to open it), %d cores%n",
                    rounds, GATED, passed, Runtime.getRuntime().availableProcessors());
            for (boolean remembered : new boolean[] {true, false}) {
                List<Double> gated = new ArrayList<>(), ungated = new ArrayList<>();
                for (int i = 0; i < rounds; i++) {
                    if (!remembered) gate.forget(user);
                    if (i % 2 == 0) {
                        gated.add(NextStepBench.send(base, t, "GET", "/activities/" + GATED));
                        ungated.add(NextStepBench.send(base, t, "GET", "/activities/" + UNGATED));
                    } else {
                        ungated.add(NextStepBench.send(base, t, "GET", "/activities/" + UNGATED));
                        if (!remembered) gate.forget(user);
                        gated.add(NextStepBench.send(base, t, "GET", "/activities/" + GATED));
                    }
                }
                String how = remembered ? "gate remembers" : "gate reads each time";
                System.out.printf(Locale.ROOT, "%-22s %-34s median %6.2f ms   p99 %6.2f ms%n", how, "GET /activities/" + UNGATED + " (free)",
                        median(ungated), p99(ungated));
                System.out.printf(Locale.ROOT, "%-22s %-34s median %6.2f ms   p99 %6.2f ms%n", how, "GET /activities/" + GATED + " (Pro)",
                        median(gated), p99(gated));
                double ratio = median(gated) / median(ungated);
                System.out.printf(Locale.ROOT, "%-22s ratio gated/ungated  p50 %.2fx  p99 %.2fx  (goal p50 <= 1.1: %s)%n", how, ratio,
                        p99(gated) / p99(ungated), ratio <= 1.1 ? "met" : "NOT met");
            }
        }
    }

    /** Passes exercises with their reference solutions, in an order the gates allow, until {@code target} is open. */
    private static int passUntilOpen(String base, String token, Course course, String target) throws Exception {
        Gates gates = Gates.of(course);
        Set<String> done = new HashSet<>();
        course.lessons().forEach(l -> done.add(l.id()));
        Map<String, Integer> best = new java.util.HashMap<>();
        course.quizzes().forEach(q -> {
            done.add(q.id());
            best.put(q.id(), 100);
        });
        String targetId = course.exercise(target).orElseThrow().id();
        int passed = 0;
        while (gates.locked(targetId, new LearnerProgress(done, Set.of(), best))) {
            int before = passed;
            for (Exercise e : course.exercises()) {
                if (e.premium() || done.contains(e.id()) || gates.locked(e.id(), new LearnerProgress(done, Set.of(), best))) continue;
                CoreLoopBench.submitAndAwait(base, token, e.slug(), e.solution());
                done.add(e.id());
                passed++;
                if (!gates.locked(targetId, new LearnerProgress(done, Set.of(), best))) break;
            }
            if (passed == before) throw new IllegalStateException(target + " cannot be opened by passing free exercises");
        }
        return passed;
    }

    private static String post(String base, String token, String path, String body) throws Exception {
        java.net.http.HttpRequest.Builder b = java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + path))
                .header("Idempotency-Key", UUID.randomUUID().toString()).POST(java.net.http.HttpRequest.BodyPublishers.ofString(body));
        if (token != null) b.header("Authorization", "Bearer " + token);
        java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(b.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) throw new IllegalStateException("POST " + path + " -> " + r.statusCode() + " " + r.body());
        return r.body();
    }
}
