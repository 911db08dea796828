package dev.pyquest.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pyquest.domain.events.EventSchemas;
import dev.pyquest.shared.config.Tables;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Lessons and quizzes end to end through the local stack's HTTP API: the quiz is scored by the
 * server against an answer key the client never sees, a pass and a lesson completion are rewarded
 * exactly once (through the outbox, the bus and the rewards consumer), and the edge idempotency of
 * both routes holds. A small course of its own is loaded next to the real one.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CourseIT {
    static final String QUIZ = "it-loops-quiz";
    static final String LESSON = "it-loops-lesson";
    /** The right answers of the fixture quiz below; q2 and q4 are fill questions. */
    static final String RIGHT = "{\"q1\":1,\"q2\":\"break\",\"q3\":1,\"q4\":\" continue \",\"q5\":0}";

    @TempDir
    static Path data;
    @TempDir
    static Path course;
    private LocalStack stack;
    private Api api;

    @BeforeAll
    void start() throws IOException {
        stack = LocalStack.start(LocalStack.Config.fromEnvironment().withoutFunctions(Stacks.ACHIEVEMENTS).withDataDir(data).withPort(0));
        api = new Api(stack.port());
        write(course.resolve("skills.yaml"), Files.readString(LocalStack.findRoot().resolve("content/skills.yaml")));
        write(course.resolve("lessons/" + LESSON + "/lesson.yaml"),
                "id: ls-9001\nslug: " + LESSON + "\ntitle: \"Loops, for tests\"\ndifficulty: easy\nskills: [loops]\n");
        write(course.resolve("lessons/" + LESSON + "/lesson.md"), """
                # Loops

                ```python
                print(1)
                ```

                ```python
                print(2)
                ```

                ```python
                print(3)
                ```
                """);
        write(course.resolve("quizzes/" + QUIZ + "/quiz.yaml"), """
                id: qz-9001
                slug: it-loops-quiz
                title: "Quiz: loops, for tests"
                difficulty: medium
                skills: [loops]
                passPercent: 80
                intro: "Five questions."
                questions:
                  - id: q1
                    kind: choice
                    prompt: "len([1, 2])?"
                    choices: ["1", "2", "3"]
                    answer: 1
                    explanation: "Two items."
                  - id: q2
                    kind: fill
                    prompt: "The keyword that leaves a loop?"
                    accept: ["break"]
                    explanation: "break leaves the innermost loop."
                  - id: q3
                    kind: choice
                    prompt: "How many numbers does range(3) yield?"
                    choices: ["2", "3"]
                    answer: 1
                    explanation: "0, 1 and 2."
                  - id: q4
                    kind: fill
                    prompt: "The keyword that skips to the next iteration?"
                    accept: ["continue"]
                    explanation: "continue."
                  - id: q5
                    kind: choice
                    prompt: "sum([])?"
                    choices: ["0", "None", "an error"]
                    answer: 0
                    explanation: "The empty sum is 0."
                """);
        assertEquals(2, stack.loadContent(course));
        assertEquals(0, stack.loadContent(course), "an unchanged re-load writes nothing");
    }

    @AfterAll
    void stop() {
        if (stack != null) stack.close();
    }

    static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private String learner() {
        return api.token("learner-" + UUID.randomUUID());
    }

    private Api.Response answer(String token, String key, String answers) {
        return api.post("/activities/" + QUIZ + "/answers", token, key == null ? Map.of() : Map.of("Idempotency-Key", key),
                "{\"answers\":" + answers + "}");
    }

    /** Waits until the learner's ledger holds {@code n} entries (rewards arrive through the bus). */
    private JsonNode awaitTransactions(String token, int n) {
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        JsonNode tx = null;
        while (System.nanoTime() < end) {
            tx = api.get("/me/transactions", token).body();
            if (tx.size() >= n) return tx;
            Api.sleep(20);
        }
        throw new AssertionError("expected " + n + " transactions, have " + tx);
    }

    @Test
    void theCatalogShowsQuestionsButNeverAnswers() {
        String t = learner();
        JsonNode list = api.get("/activities", t).body();
        List<String> kinds = list.findValuesAsText("kind");
        assertTrue(kinds.containsAll(List.of("exercise", "lesson", "quiz")), kinds.toString());
        JsonNode quiz = api.get("/activities/" + QUIZ, t).body();
        assertEquals("quiz", quiz.path("kind").asText());
        assertEquals(80, quiz.path("passPercent").asInt());
        assertEquals(5, quiz.path("questions").size());
        assertEquals(List.of("1", "2", "3"), toList(quiz.path("questions").get(0).path("choices")));
        assertEquals("fill", quiz.path("questions").get(1).path("kind").asText());
        assertFalse(quiz.path("questions").get(1).has("choices"));
        for (JsonNode q : quiz.path("questions")) {
            assertFalse(q.has("answer") || q.has("accept") || q.has("explanation"), "the answer key leaks: " + q);
        }
        String raw = api.get("/activities/" + QUIZ, t).raw().body();
        assertFalse(raw.contains("Two items") || raw.contains("The empty sum"), "explanations are part of the answer key: " + raw);
        JsonNode lesson = api.get("/activities/" + LESSON, t).body();
        assertEquals("lesson", lesson.path("kind").asText());
        assertTrue(lesson.path("statement").asText().startsWith("# Loops"));
    }

    static List<String> toList(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void aPassedQuizIsRewardedOnceAndAFailedOneNever() {
        String t = learner();
        Api.Response failed = answer(t, "k1", "{\"q1\":0,\"q2\":\"break\",\"q3\":1,\"q4\":\"Continue\"}");
        assertEquals(200, failed.status(), failed.body().toString());
        assertEquals(2, failed.body().path("correct").asInt());
        assertEquals(40, failed.body().path("score").asInt());
        assertFalse(failed.body().path("passed").asBoolean());
        assertFalse(failed.body().path("results").get(4).path("answered").asBoolean(), "q5 was not answered");

        Api.Response passed = answer(t, "k2", RIGHT);
        assertEquals(200, passed.status());
        assertTrue(passed.body().path("passed").asBoolean(), passed.body().toString());
        assertEquals(100, passed.body().path("score").asInt());
        JsonNode tx = awaitTransactions(t, 2);
        assertEquals(List.of("quiz passed: " + QUIZ, "quiz passed: " + QUIZ), tx.findValuesAsText("reason"));
        JsonNode me = api.get("/me", t).body();
        assertEquals(10, me.path("xp").asLong(), "a medium quiz's pass");
        assertEquals(1, me.path("diamonds").asLong());

        // A second pass emits its event too, but the grant key is the quiz's: nothing more.
        assertTrue(answer(t, "k3", RIGHT).body().path("passed").asBoolean());
        Api.sleep(500);
        assertEquals(2, api.get("/me/transactions", t).body().size());
        assertEquals(10, api.get("/me", t).body().path("xp").asLong());
    }

    @Test
    void quizAnswersAreIdempotentOnTheirKey() {
        String t = learner();
        Api.Response first = answer(t, "same", RIGHT);
        Api.Response replay = answer(t, "same", RIGHT);
        assertEquals(200, replay.status());
        assertEquals(first.body(), replay.body(), "same key and body: the same response");
        assertEquals("true", replay.raw().headers().firstValue("idempotent-replay").orElse(""));
        Api.Response other = answer(t, "same", "{\"q1\":0}");
        assertEquals(422, other.status());
        assertEquals("IDEMPOTENCY_KEY_REUSED", other.code());
        awaitTransactions(t, 2);
        Api.sleep(300);
        assertEquals(2, api.get("/me/transactions", t).body().size());
        // Another learner may use the same key: keys are per learner.
        assertEquals(200, answer(learner(), "same", "{\"q1\":0}").status());
    }

    @Test
    void badAnswersGetAClear4xxAndChangeNothing() {
        String t = learner();
        assertEquals("IDEMPOTENCY_KEY_REQUIRED", answer(t, null, RIGHT).code());
        assertEquals(400, answer(t, "a", "{\"nope\":1}").status());
        assertEquals("VALIDATION", answer(t, "b", "{\"q1\":\"1\"}").code(), "a choice is an index, not a string");
        assertEquals("VALIDATION", answer(t, "c", "{\"q1\":7}").code());
        assertEquals("VALIDATION", answer(t, "d", "[1]").code());
        assertEquals(400, api.post("/activities/" + QUIZ + "/answers", t, Map.of("Idempotency-Key", "e"), "not json").status());
        assertEquals(413, api.post("/activities/" + QUIZ + "/answers", t, Map.of("Idempotency-Key", "f"),
                "{\"answers\":{\"q2\":\"" + "x".repeat(20_000) + "\"}}").status());
        Api.Response exercise = api.post("/activities/sum-of-evens/answers", t, Map.of("Idempotency-Key", "g"), "{\"answers\":{}}");
        assertEquals(400, exercise.status());
        assertTrue(exercise.body().path("message").asText().contains("not a quiz"), exercise.body().toString());
        assertEquals(404, api.post("/activities/no-such-quiz/answers", t, Map.of("Idempotency-Key", "h"), "{\"answers\":{}}").status());
        // The same key after a validation error replays the error: the request was not valid then and is not now.
        assertEquals(400, answer(t, "b", "{\"q1\":\"1\"}").status());
        Api.sleep(300);
        assertEquals(0, api.get("/me/transactions", t).body().size());
    }

    @Test
    void twentyConcurrentPassesOfOneQuizEarnOneReward() throws Exception {
        String t = learner();
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            List<Callable<Api.Response>> calls = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                String key = "race-" + i;
                calls.add(() -> answer(t, key, RIGHT));
            }
            for (Future<Api.Response> f : pool.invokeAll(calls)) {
                assertEquals(200, f.get().status(), f.get().body().toString());
                assertTrue(f.get().body().path("passed").asBoolean());
            }
        } finally {
            pool.shutdown();
        }
        awaitTransactions(t, 2);
        Api.sleep(1000);
        assertEquals(2, api.get("/me/transactions", t).body().size());
        assertEquals(10, api.get("/me", t).body().path("xp").asLong());
        assertEquals(1, api.get("/me", t).body().path("diamonds").asLong());
    }

    @Test
    void aLessonIsCompletedAndRewardedOnce() {
        String t = learner();
        Api.Response first = api.post("/activities/" + LESSON + "/complete", t, Map.of("Idempotency-Key", "l1"), "");
        assertEquals(200, first.status(), String.valueOf(first.body()));
        assertTrue(first.body().path("firstCompletion").asBoolean());
        Api.Response again = api.post("/activities/" + LESSON + "/complete", t, Map.of("Idempotency-Key", "l2"), "{}");
        assertEquals(200, again.status());
        assertFalse(again.body().path("firstCompletion").asBoolean());
        assertEquals(first.body().path("completedAt"), again.body().path("completedAt"));
        JsonNode tx = awaitTransactions(t, 1);
        assertEquals("lesson completed: " + LESSON, tx.get(0).path("reason").asText());
        Api.sleep(300);
        assertEquals(1, api.get("/me/transactions", t).body().size());
        assertEquals(5, api.get("/me", t).body().path("xp").asLong());
        assertEquals("IDEMPOTENCY_KEY_REQUIRED", api.post("/activities/" + LESSON + "/complete", t, Map.of(), "").code());
        assertEquals(400, api.post("/activities/" + QUIZ + "/complete", t, Map.of("Idempotency-Key", "l3"), "").status(),
                "a quiz is completed by answering it");
        assertEquals(400, api.post("/activities/" + LESSON + "/complete", t, Map.of("Idempotency-Key", "l4"), "[]").status());
    }

    @Test
    void everyLearningEventFollowsItsSchema() {
        String t = learner();
        answer(t, "s1", RIGHT);
        api.post("/activities/" + LESSON + "/complete", t, Map.of("Idempotency-Key", "s2"), "");
        awaitTransactions(t, 3);
        int[] seen = {0};
        stack.bean(DynamoDbClient.class).scanPaginator(b -> b.tableName(stack.bean(Tables.class).outbox())).items().forEach(i -> {
            String type = i.get("detailType").s();
            if (type.equals("QuizPassed") || type.equals("LessonCompleted")) {
                seen[0]++;
                try {
                    EventSchemas.assertValid(type, dev.pyquest.domain.Json.MAPPER.readTree(i.get("detail").s()));
                } catch (IOException e) {
                    throw new AssertionError(e);
                }
            }
        });
        assertTrue(seen[0] >= 2, "learning events seen: " + seen[0]);
    }
}
