package dev.pyquest.local;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code GET /me/next} and a verdict's {@code "next"} end to end over HTTP, on the real course: a new learner starts the
 * first skill at its lesson; reading it moves the suggestion on; after its quiz, two failed submissions of sum-of-evens
 * step back to a lesson of its skills that the quiz opened ("suggest easier"); the verdict carries the next step, and once sum-of-evens is passed it is never
 * the suggestion. Every change goes through the outbox, the relay, the bus and MasteryFunction.
 */
class NextStepApiIT {
    private static final Path ROOT = LocalStack.findRoot();

    @TempDir
    Path data;

    @Test
    void theNextStepFollowsWhatTheLearnerDoesAndSaysWhy() throws Exception {
        try (LocalStack stack = LocalStack.start(LocalStack.Config.fromEnvironment().withoutFunctions(Stacks.ACHIEVEMENTS)
                .withDataDir(data).withPort(0))) {
            Api api = new Api(stack.port());
            assertEquals(401, api.get("/me/next", null).status());
            String ada = api.token("next-ada");

            // A new learner: the first skill of the course (values-and-types requires nothing), at its lesson.
            JsonNode first = api.get("/me/next", ada).body();
            assertEquals("new-skill", first.path("reason").asText(), first.toString());
            assertEquals("values-and-types-basics", first.path("activity").path("slug").asText(), first.toString());
            assertEquals("lesson", first.path("activity").path("kind").asText());
            assertEquals("values-and-types", first.path("skills").get(0).asText());
            assertEquals("a new skill: Values and types", first.path("why").asText());
            assertTrue(first.path("alternatives").size() <= 3, first.toString());

            // Reading the lesson: counted by the mastery consumer, the suggestion moves on (the same skill, still new).
            assertEquals(200, api.post("/activities/values-and-types-basics/complete", ada, Map.of("Idempotency-Key", "read-1"), "").status());
            JsonNode afterLesson = await(api, ada, n -> !n.path("activity").path("slug").asText().equals("values-and-types-basics"));
            assertEquals("new-skill", afterLesson.path("reason").asText(), afterLesson.toString());
            assertTrue(afterLesson.path("skills").toString().contains("values-and-types"), afterLesson.toString());

            // The quiz at 100 %: the conditionals lesson opens (it wants 80 % on values and types).
            assertEquals(100, GatesApiIT.answer(api, ada, "values-and-types-quiz", "quiz-1", 100).body().path("score").asInt());

            // Two failed attempts at sum-of-evens (easy: nothing easier): read an open lesson of its skills first.
            JsonNode failed1 = judge(api, ada, "sum-of-evens", "wrong-1", "def sum_of_evens(nums):\n    return 0\n", "FAILED");
            assertTrue(failed1.path("next").isObject(), "a final verdict carries the next step: " + failed1);
            judge(api, ada, "sum-of-evens", "wrong-2", "def sum_of_evens(nums):\n    return 1\n", "FAILED");
            JsonNode stepBack = await(api, ada, n -> n.path("why").asText().startsWith("2 failed attempts at Sum of evens"));
            assertEquals("strengthen-weak-skill", stepBack.path("reason").asText(), stepBack.toString());
            assertTrue(stepBack.path("why").asText().startsWith("2 failed attempts at Sum of evens: read the lesson on "), stepBack.toString());
            assertEquals("lesson", stepBack.path("activity").path("kind").asText(), stepBack.toString());
            assertTrue(Set.of("loops-basics", "conditionals-basics").contains(stepBack.path("activity").path("slug").asText()), stepBack.toString());

            // The pass: its verdict's next step is not sum-of-evens, even before the consumer has counted it; nor is /me/next's after.
            JsonNode passed = judge(api, ada, "sum-of-evens", "right",
                    Files.readString(ROOT.resolve("content/exercises/sum-of-evens/solution.py")), "PASSED");
            assertNotEquals("sum-of-evens", passed.path("next").path("activity").path("slug").asText(), passed.toString());
            JsonNode afterPass = await(api, ada, n -> !n.path("why").asText().startsWith("2 failed attempts"));
            assertNotEquals("sum-of-evens", afterPass.path("activity").path("slug").asText(), afterPass.toString());
            for (JsonNode alt : afterPass.path("alternatives")) assertNotEquals("sum-of-evens", alt.path("slug").asText(), afterPass.toString());

            // Another learner is untouched.
            assertEquals("values-and-types-basics", api.get("/me/next", api.token("next-bob")).body().path("activity").path("slug").asText());
            assertTrue(stack.bus().deadLetters("MasteryDlq").isEmpty(), String.valueOf(stack.bus().deadLetters("MasteryDlq")));
        }
    }

    private static JsonNode judge(Api api, String token, String slug, String key, String code, String status) {
        return api.judge(slug, token, "next-" + key, code, status);
    }

    private static JsonNode await(Api api, String token, Predicate<JsonNode> until) {
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        JsonNode n = api.get("/me/next", token).body();
        while (!until.test(n) && System.nanoTime() < end) {
            Api.sleep(50);
            n = api.get("/me/next", token).body();
        }
        assertTrue(until.test(n), n.toString());
        return n;
    }
}
