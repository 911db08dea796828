package dev.pyquest.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pyquest.domain.mastery.ActivityRecord;
import dev.pyquest.domain.rewards.Grant;
import dev.pyquest.domain.rewards.Reward;
import dev.pyquest.domain.rewards.RewardKind;
import dev.pyquest.shared.rewards.RewardsService;
import dev.pyquest.shared.store.LearnerRepository;
import dev.pyquest.shared.store.MasteryRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code POST /activities/{slug}/skip} end to end over HTTP: no token, no skip; a token bought in the shop skips an
 * exercise once (shown in {@code GET /activities}, counted as done by the mastery consumer), earns nothing, and is not
 * spent on an exercise already passed or skipped; a retry with the same key replays; bad requests are refused.
 */
class SkipApiIT {
    private static final Path ROOT = LocalStack.findRoot();

    @TempDir
    Path data;

    @Test
    void aSkipTokenSkipsAnExerciseOnceAndEarnsNothing() throws Exception {
        try (LocalStack stack = LocalStack.start(LocalStack.Config.fromEnvironment().withoutFunctions(Stacks.ACHIEVEMENTS)
                .withDataDir(data).withPort(0))) {
            Api api = new Api(stack.port());
            String ada = api.token("skip-ada");
            Api.Response none = skip(api, ada, "leap-year", "s-0");
            assertEquals(409, none.status(), String.valueOf(none.body()));
            assertEquals("NO_SKIP_TOKEN", none.code());

            // Two tokens, bought with seeded diamonds (a ledger line each, so the wallet stays the ledger's sum).
            assertEquals(RewardsService.Outcome.GRANTED, stack.bean(RewardsService.class).grant(new Grant("skip-ada", "TEST_SEED#30",
                    List.of(new Reward(RewardKind.DIAMONDS, 30, "test seed")), "seed", null)));
            for (String k : List.of("buy-1", "buy-2")) {
                assertEquals(201, api.post("/shop/purchases", ada, Map.of("Idempotency-Key", k), "{\"item\":\"skip-token\"}").status());
            }
            assertEquals(2, held(stack));
            int lines = api.get("/me/transactions", ada).body().size();

            // Refused before anything is spent: not an exercise, no such activity, no key, a locked exercise (a token skips
            // what the learner could do, not a gate: letter-grade builds on leap-year).
            assertEquals(400, skip(api, ada, "loops-basics", "s-lesson").status());
            Api.Response locked = skip(api, ada, "letter-grade", "s-locked");
            assertEquals(403, locked.status(), String.valueOf(locked.body()));
            assertEquals("ACTIVITY_LOCKED", locked.code());
            assertEquals("leap-year", locked.body().path("requires").get(0).path("slug").asText(), locked.body().toString());
            assertEquals(404, skip(api, ada, "no-such-exercise", "s-none").status());
            assertEquals("IDEMPOTENCY_KEY_REQUIRED", api.post("/activities/leap-year/skip", ada, Map.of(), "").code());
            assertEquals(2, held(stack));

            Api.Response skipped = skip(api, ada, "leap-year", "s-1");
            assertEquals(200, skipped.status(), String.valueOf(skipped.body()));
            assertTrue(skipped.body().path("skipped").asBoolean());
            assertEquals(1, held(stack));
            Api.Response replay = skip(api, ada, "leap-year", "s-1");
            assertEquals(200, replay.status(), "a retry with the same key replays the answer");
            assertEquals(1, held(stack), "and spends nothing");
            Api.Response twice = skip(api, ada, "leap-year", "s-2");
            assertEquals(409, twice.status());
            assertEquals("ALREADY_DONE", twice.code());
            assertTrue(twice.body().path("message").asText().contains("already skipped"), twice.body().toString());
            assertEquals(1, held(stack), "a refused skip spends no token");

            // GET /activities shows it; nothing was earned.
            for (JsonNode a : api.get("/activities", ada).body()) {
                if (!a.path("kind").asText().equals("exercise")) continue;
                assertEquals(a.path("slug").asText().equals("leap-year"), a.path("skipped").asBoolean(), a.toString());
            }
            assertTrue(api.get("/activities/leap-year", ada).body().path("skipped").asBoolean());
            // A skipped exercise counts as done for prerequisites: what builds on it opens, in full.
            JsonNode next = api.get("/activities/letter-grade", ada).body();
            assertFalse(next.path("locked").asBoolean(), next.toString());
            assertTrue(next.path("statement").asText().length() > 20, next.toString());
            assertEquals(lines, api.get("/me/transactions", ada).body().size(), "a skip earns nothing: no ledger line");
            assertEquals(0, api.get("/me", ada).body().path("diamonds").asLong());

            // The mastery consumer counts it as done (what the next step and prerequisites read), and moves no skill.
            long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            Map<String, ActivityRecord> records = Map.of();
            while (System.nanoTime() < end && records.values().stream().noneMatch(ActivityRecord::skipped)) {
                Api.sleep(50);
                records = stack.bean(MasteryRepository.class).activities("skip-ada");
            }
            assertEquals(1, records.size(), records.toString());
            ActivityRecord r = records.values().iterator().next();
            assertTrue(r.skipped() && r.done() && !r.passed(), r.toString());
            assertTrue(stack.bean(MasteryRepository.class).skills("skip-ada").isEmpty(), "no skill moves on a skip");

            // An exercise already passed is not skipped, and keeps the token.
            Api.Response sub = api.submit("sum-of-evens", ada, "pass-1", Files.readString(ROOT.resolve("content/exercises/sum-of-evens/solution.py")));
            assertEquals("PASSED", api.awaitVerdict(sub.body().path("submissionId").asText(), ada, false, Duration.ofSeconds(60)).path("status").asText());
            Api.Response passed = skip(api, ada, "sum-of-evens", "s-3");
            assertEquals(409, passed.status());
            assertTrue(passed.body().path("message").asText().contains("already passed"), passed.body().toString());
            assertEquals(1, held(stack));
            assertTrue(stack.bus().deadLetters("MasteryDlq").isEmpty(), String.valueOf(stack.bus().deadLetters("MasteryDlq")));
        }
    }

    private static Api.Response skip(Api api, String token, String slug, String key) {
        return api.post("/activities/" + slug + "/skip", token, Map.of("Idempotency-Key", key), "");
    }

    private static long held(LocalStack stack) {
        return stack.bean(LearnerRepository.class).get("skip-ada").held("skip-token");
    }
}
