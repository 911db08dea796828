package dev.pyquest.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pyquest.domain.content.ContentLoader;
import dev.pyquest.domain.content.Skill;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code GET /me/skills} end to end over HTTP: every skill of the course is listed, not started; a learner's failed
 * then passed submissions of an exercise move its skills (outbox -> relay -> bus -> MasteryFunction), a skill of no
 * other exercise stays untouched, and another learner's view does not move.
 */
class MasteryApiIT {
    private static final Path ROOT = LocalStack.findRoot();

    @TempDir
    Path data;

    @Test
    void failedThenPassedSubmissionsMoveTheLearnersSkillsAndNobodyElses() throws Exception {
        List<Skill> course = ContentLoader.load(ROOT.resolve("content")).skills();
        try (LocalStack stack = LocalStack.start(LocalStack.Config.fromEnvironment().withoutFunctions(Stacks.ACHIEVEMENTS)
                .withDataDir(data).withPort(0))) {
            Api api = new Api(stack.port());
            assertEquals(401, api.get("/me/skills", null).status());
            String ada = api.token("mastery-ada"), bob = api.token("mastery-bob");

            JsonNode before = api.get("/me/skills", ada).body();
            assertEquals(course.stream().map(Skill::id).toList(), ids(before), "every skill, in the course's order");
            for (int i = 0; i < course.size(); i++) {
                JsonNode s = before.get(i);
                assertEquals(course.get(i).title(), s.path("title").asText());
                assertEquals("not-started", s.path("level").asText(), s.toString());
                assertEquals(0, s.path("attempts").asInt());
                assertEquals(0.1, s.path("mastery").asDouble(), 1e-12, "the prior");
                assertTrue(s.path("reviewDue").isNull(), s.toString());
            }

            // A wrong answer (sum-of-evens is [loops, conditionals]): attempted, and a review due.
            judge(api, ada, "sum-of-evens", "wrong", "def sum_of_evens(nums):\n    return 0\n", "FAILED");
            JsonNode failed = await(api, ada, l -> skill(l, "loops").path("attempts").asInt() == 1);
            JsonNode loops = skill(failed, "loops");
            assertEquals("attempted", loops.path("level").asText(), loops.toString());
            assertTrue(loops.path("mastery").asDouble() > 0 && loops.path("mastery").asDouble() < 0.5, loops.toString());
            assertFalse(LocalDate.parse(loops.path("reviewDue").asText()).isBefore(LocalDate.now(java.time.ZoneOffset.UTC)), loops.toString());
            assertEquals(1, skill(failed, "conditionals").path("attempts").asInt());

            // The reference solution at the second attempt: right, and familiar (conjunctive BKT, easy: 0.1, wrong 0.178, right 0.695).
            judge(api, ada, "sum-of-evens", "right", Files.readString(ROOT.resolve("content/exercises/sum-of-evens/solution.py")), "PASSED");
            JsonNode passed = await(api, ada, l -> skill(l, "loops").path("attempts").asInt() == 2);
            for (String id : List.of("loops", "conditionals")) {
                JsonNode s = skill(passed, id);
                assertEquals("familiar", s.path("level").asText(), s.toString());
                assertEquals(2, s.path("observations").asInt(), s.toString());
                assertTrue(s.path("mastery").asDouble() > loops.path("mastery").asDouble(), s.toString());
                assertTrue(s.path("retrievability").asDouble() > 0.9, s.toString());
            }
            assertEquals("not-started", skill(passed, "recursion").path("level").asText(), "a skill of no exercise done is untouched");

            // Bob did nothing: his view has nothing of Ada's.
            for (JsonNode s : api.get("/me/skills", bob).body()) {
                assertEquals("not-started", s.path("level").asText(), s.toString());
                assertEquals(0, s.path("attempts").asInt(), s.toString());
            }
            assertTrue(stack.bus().deadLetters("MasteryDlq").isEmpty(), String.valueOf(stack.bus().deadLetters("MasteryDlq")));
        }
    }

    private static JsonNode judge(Api api, String token, String slug, String key, String code, String status) {
        return api.judge(slug, token, "mastery-" + key, code, status);
    }

    private static JsonNode await(Api api, String token, Predicate<JsonNode> until) {
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        JsonNode l = api.get("/me/skills", token).body();
        while (!until.test(l) && System.nanoTime() < end) {
            Api.sleep(50);
            l = api.get("/me/skills", token).body();
        }
        assertTrue(until.test(l), l.toString());
        return l;
    }

    private static List<String> ids(JsonNode list) {
        List<String> out = new java.util.ArrayList<>();
        for (JsonNode s : list) out.add(s.path("skill").asText());
        return out;
    }

    private static JsonNode skill(JsonNode list, String id) {
        for (JsonNode s : list) if (s.path("skill").asText().equals(id)) return s;
        throw new AssertionError("no skill " + id + " in " + list);
    }
}
