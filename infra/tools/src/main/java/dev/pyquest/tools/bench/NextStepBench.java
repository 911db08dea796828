package dev.pyquest.tools.bench;

import dev.pyquest.domain.content.ContentLoader;
import dev.pyquest.domain.content.Course;
import dev.pyquest.domain.Json;
import dev.pyquest.domain.content.Exercise;
import dev.pyquest.domain.content.Lesson;
import dev.pyquest.domain.content.Quiz;
import dev.pyquest.domain.learning.Gates;
import dev.pyquest.domain.learning.LearnerProgress;
import dev.pyquest.domain.learning.QuizScoring;
import dev.pyquest.local.LocalStack;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import static dev.pyquest.tools.bench.CoreLoopBench.median;
import static dev.pyquest.tools.bench.CoreLoopBench.p99;

/**
 * {@code ./pyquest bench --next [rounds=500]}: {@code GET /me/next} against {@code GET /me} on the local stack, in the same
 * run (issue 14: goal p50 at most 2x). The learner first does what a learner of a few days has done: reads every lesson
 * and passes every quiz as the gates open them, passes the first exercises (reference solutions, one long poll each), so the policy has skills, records and reviews to
 * weigh. Then {@code rounds} rounds of one GET of each, the order alternating, after a warm-up; each request's latency.
 */
final class NextStepBench {
    private static final HttpClient HTTP = HttpClient.newBuilder().build();
    private static final List<String> SOLVED = List.of("sum-of-evens", "fizzbuzz", "reverse-words", "count-digits", "capitalize-words");

    private NextStepBench() {}

    static void run(String[] args) throws Exception {
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        if (rounds < 10) throw new IllegalArgumentException("rounds must be at least 10, got " + rounds);
        Course course = ContentLoader.load(LocalStack.findRoot().resolve("content"));
        try (LocalStack stack = LocalStack.start(LocalStack.Config.fromEnvironment().withDataDir(Files.createTempDirectory("pyquest-bench")).withPort(0))) {
            String base = "http://127.0.0.1:" + stack.port();
            String t = CoreLoopBench.token(base, "bench-next-" + UUID.randomUUID());
            readAndPassInGateOrder(base, t, course);
            for (String slug : SOLVED) {
                Exercise ex = course.exercise(slug).orElseThrow();
                CoreLoopBench.submitAndAwait(base, t, slug, ex.solution());
            }
            Thread.sleep(2000); // the mastery consumer counts the last events
            for (int i = 0; i < 50; i++) {
                send(base, t, "GET", "/me");
                send(base, t, "GET", "/me/next");
            }
            List<Double> me = new ArrayList<>(), next = new ArrayList<>();
            for (int i = 0; i < rounds; i++) {
                if (i % 2 == 0) {
                    me.add(send(base, t, "GET", "/me"));
                    next.add(send(base, t, "GET", "/me/next"));
                } else {
                    next.add(send(base, t, "GET", "/me/next"));
                    me.add(send(base, t, "GET", "/me"));
                }
            }
            System.out.printf(Locale.ROOT, "PyQuest next-step benchmark: %d rounds, a learner with %d lessons read, every quiz passed and %d exercises passed, %d cores%n",
                    rounds, course.lessons().size(), SOLVED.size(), Runtime.getRuntime().availableProcessors());
            System.out.printf(Locale.ROOT, "%-14s median %7.2f ms   p99 %7.2f ms%n", "GET /me", median(me), p99(me));
            System.out.printf(Locale.ROOT, "%-14s median %7.2f ms   p99 %7.2f ms%n", "GET /me/next", median(next), p99(next));
            double ratio = median(next) / median(me);
            System.out.printf(Locale.ROOT, "ratio /me/next over /me  p50 %.2fx  p99 %.2fx  (goal p50 <= 2: %s)%n", ratio, p99(next) / p99(me),
                    ratio <= 2 ? "met" : "NOT met");
        }
    }

    /**
     * Every lesson read and every quiz passed at full marks, each once the gates open it (a lesson after the quizzes
     * of its prerequisite skills, a quiz after its lesson), in the order a learner could.
     */
    static void readAndPassInGateOrder(String base, String token, Course course) {
        Gates gates = Gates.of(course);
        java.util.Set<String> done = new java.util.HashSet<>();
        java.util.Map<String, Integer> best = new java.util.HashMap<>();
        int total = course.lessons().size() + course.quizzes().size();
        while (done.size() < total) {
            LearnerProgress p = new LearnerProgress(done, java.util.Set.of(), best);
            int before = done.size();
            for (Lesson l : course.lessons()) {
                if (done.contains(l.id()) || gates.locked(l.id(), p)) continue;
                send(base, token, "POST", "/activities/" + l.slug() + "/complete", "");
                done.add(l.id());
            }
            for (Quiz q : course.quizzes()) {
                if (done.contains(q.id()) || gates.locked(q.id(), p)) continue;
                var answers = QuizScoring.answers(q, q.questions().size());
                send(base, token, "POST", "/activities/" + q.slug() + "/answers", Json.MAPPER.createObjectNode().set("answers", answers).toString());
                done.add(q.id());
                best.put(q.id(), 100);
            }
            if (done.size() == before) throw new IllegalStateException("the course's gates leave lessons or quizzes out of reach");
        }
    }

    /** One request's latency in ms; anything but 200 stops the benchmark. */
    static double send(String base, String token, String method, String path) {
        return send(base, token, method, path, "");
    }

    static double send(String base, String token, String method, String path, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token);
        if (method.equals("POST")) b.header("Idempotency-Key", UUID.randomUUID().toString()).POST(HttpRequest.BodyPublishers.ofString(body));
        try {
            long t0 = System.nanoTime();
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
            double ms = (System.nanoTime() - t0) / 1e6;
            if (r.statusCode() != 200) throw new IllegalStateException(method + " " + path + " -> " + r.statusCode() + " " + r.body());
            return ms;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
