package dev.pyquest.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pyquest.domain.Json;
import dev.pyquest.domain.content.ContentLoader;
import dev.pyquest.domain.content.Course;
import dev.pyquest.domain.content.Quiz;
import dev.pyquest.domain.learning.QuizScoring;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Prerequisites and gates end to end over HTTP, on the real course: a new learner sees locked activities with what
 * unlocks them; a locked activity shows its title and requirements only; submitting, answering or completing it, or
 * buying its hint, is refused with 403 {@code ACTIVITY_LOCKED} and writes nothing (no submission, no reward); doing the prerequisites
 * (a lesson read, a quiz at 80 %, an easier exercise solved) opens what they gate, and {@code /me/next} only ever
 * suggests open activities.
 */
class GatesApiIT {
    private static final Path ROOT = LocalStack.findRoot();
    private static final Course COURSE = ContentLoader.load(ROOT.resolve("content"));

    @TempDir
    Path data;

    @Test
    void locksShowWhatOpensThemRefuseEveryActionAndOpenWhenThePrerequisitesAreDone() throws Exception {
        try (LocalStack stack = LocalStack.start(LocalStack.Config.fromEnvironment().withoutFunctions(Stacks.ACHIEVEMENTS)
                .withDataDir(data).withPort(0))) {
            Api api = new Api(stack.port());
            String ada = api.token("gates-ada");

            // A new learner: the entry points are open, the rest of the course says what opens it.
            Map<String, JsonNode> list = list(api, ada);
            for (String open : List.of("sum-of-evens", "fizzbuzz", "reverse-words", "values-and-types-basics")) {
                assertFalse(list.get(open).path("locked").asBoolean(), list.get(open).toString());
                assertFalse(list.get(open).has("requires"), list.get(open).toString());
            }
            long openExercises = list.values().stream().filter(a -> a.path("kind").asText().equals("exercise") && !a.path("locked").asBoolean()).count();
            assertTrue(openExercises >= 5, "open exercises: " + openExercises);
            JsonNode letterGrade = list.get("letter-grade");
            assertTrue(letterGrade.path("locked").asBoolean(), letterGrade.toString());
            assertEquals("leap-year", letterGrade.path("requires").get(0).path("slug").asText(), letterGrade.toString());
            assertEquals("solve (or skip) 'Leap year'", letterGrade.path("requires").get(0).path("reason").asText());
            JsonNode conditionalsLesson = list.get("conditionals-basics");
            assertEquals("values-and-types", conditionalsLesson.path("requires").get(0).path("skill").asText(), conditionalsLesson.toString());
            assertEquals("values-and-types-quiz", conditionalsLesson.path("requires").get(0).path("quiz").asText());
            assertTrue(conditionalsLesson.path("requires").get(0).path("reason").asText().contains("at least 80 %"), conditionalsLesson.toString());

            // A locked activity in full: title and requires, none of its content.
            JsonNode view = api.get("/activities/letter-grade", ada).body();
            assertTrue(view.path("locked").asBoolean());
            assertEquals(letterGrade.path("title").asText(), view.path("title").asText());
            for (String content : List.of("statement", "starterCode", "examples", "hints", "function")) {
                assertFalse(view.has(content), content + " of a locked exercise: " + view);
            }
            assertFalse(api.get("/activities/values-and-types-quiz", ada).body().has("questions"), "a locked quiz's questions");

            // Every action on it is refused before anything is written.
            String solution = Files.readString(ROOT.resolve("content/exercises/letter-grade/solution.py"));
            assertLocked(api.submit("letter-grade", ada, "locked-1", solution), "letter-grade", "leap-year");
            assertLocked(answer(api, ada, "values-and-types-quiz", "locked-2", 100), "values-and-types-quiz", "values-and-types-basics");
            assertLocked(api.post("/activities/conditionals-basics/complete", ada, Map.of("Idempotency-Key", "locked-3"), ""),
                    "conditionals-basics", null);
            // A hint is the exercise's content: none of a locked one (refused before the price is looked at).
            assertLocked(api.post("/shop/purchases", ada, Map.of("Idempotency-Key", "locked-4"), "{\"item\":\"hint\",\"activity\":\"letter-grade\"}"),
                    "letter-grade", "leap-year");
            assertEquals(0, api.get("/me/transactions", ada).body().size(), "nothing earned");
            assertEquals(0, api.get("/me", ada).body().path("xp").asLong());

            // The next step is never a locked activity, nor any of its alternatives.
            assertOnlyOpen(api, ada);

            // Reading the first lesson opens its quiz; 75 % passes the quiz (its pass mark is 70 %), but the next lesson
            // wants 80 % on it.
            assertEquals(200, api.post("/activities/values-and-types-basics/complete", ada, Map.of("Idempotency-Key", "read-1"), "").status());
            assertFalse(list(api, ada).get("values-and-types-quiz").path("locked").asBoolean(), "the lesson opened its quiz");
            JsonNode low = answer(api, ada, "values-and-types-quiz", "quiz-low", 75).body();
            assertTrue(low.path("passed").asBoolean() && low.path("score").asInt() < 80, low.toString());
            assertTrue(list(api, ada).get("conditionals-basics").path("locked").asBoolean(), "below 80 % the next lesson stays locked");
            JsonNode high = answer(api, ada, "values-and-types-quiz", "quiz-high", 100).body();
            assertEquals(100, high.path("score").asInt(), high.toString());
            Map<String, JsonNode> after = list(api, ada);
            assertFalse(after.get("conditionals-basics").path("locked").asBoolean(), after.get("conditionals-basics").toString());
            assertTrue(api.get("/activities/conditionals-basics", ada).body().path("statement").asText().length() > 100, "opened in full");

            // Solving the easier exercise opens the one built on it, which can then be submitted and judged.
            api.judge("leap-year", ada, "leap", Files.readString(ROOT.resolve("content/exercises/leap-year/solution.py")), "PASSED");
            assertFalse(list(api, ada).get("letter-grade").path("locked").asBoolean());
            api.judge("letter-grade", ada, "grade", solution, "PASSED");
            assertOnlyOpen(api, ada);
        }
    }

    private static void assertLocked(Api.Response r, String slug, String requiredSlug) {
        assertEquals(403, r.status(), String.valueOf(r.body()));
        assertEquals("ACTIVITY_LOCKED", r.code());
        assertEquals(slug, r.body().path("activity").asText(), r.body().toString());
        assertTrue(r.body().path("requires").size() >= 1, r.body().toString());
        if (requiredSlug != null) assertEquals(requiredSlug, r.body().path("requires").get(0).path("slug").asText(), r.body().toString());
        assertTrue(r.body().path("message").asText().startsWith("'" + slug + "' is locked: "), r.body().toString());
    }

    /** {@code /me/next}'s activity and alternatives, all open in {@code GET /activities}. */
    private static void assertOnlyOpen(Api api, String token) {
        Map<String, JsonNode> list = list(api, token);
        JsonNode next = api.get("/me/next", token).body();
        List<String> suggested = new java.util.ArrayList<>(List.of(next.path("activity").path("slug").asText()));
        next.path("alternatives").forEach(a -> suggested.add(a.path("slug").asText()));
        for (String s : suggested) assertFalse(list.get(s).path("locked").asBoolean(), s + " suggested while locked: " + next);
    }

    private static Map<String, JsonNode> list(Api api, String token) {
        Map<String, JsonNode> out = new HashMap<>();
        api.get("/activities", token).body().forEach(a -> out.put(a.path("slug").asText(), a));
        return out;
    }

    /** Answers the real quiz right on its first questions until about {@code percent} % and wrong after. */
    static Api.Response answer(Api api, String token, String slug, String key, int percent) {
        Quiz quiz = COURSE.quiz(slug).orElseThrow();
        ObjectNode answers = QuizScoring.answers(quiz, (int) Math.floor(quiz.questions().size() * percent / 100.0));
        return api.post("/activities/" + slug + "/answers", token, Map.of("Idempotency-Key", key),
                Json.MAPPER.createObjectNode().set("answers", answers).toString());
    }
}
