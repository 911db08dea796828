package dev.pyquest.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.pyquest.api.AchievementListFunction;
import dev.pyquest.domain.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code GET /achievements}: exact rarity over the learners active in the last 30 days (on DynamoDB Local through
 * the real consumer), and end to end over HTTP: passes unlock the first-pass and a tiered badge, the submission's
 * rewards name them, progress moves, a hidden one reveals itself once earned, {@code /me} counts the badges, and
 * another learner's view moves only by their own work.
 */
class AchievementsApiIT {
    private static final Path ROOT = LocalStack.findRoot();
    private static final Instant DAY = Instant.parse("2026-11-25T09:00:00Z");

    @TempDir
    Path data;

    // ------------------------------------------------------------------ rarity, on the engines

    @Test
    void rarityIsHoldersOverTheLearnersActiveInTheLast30DaysExactly() throws Exception {
        try (Engines engines = new Engines(Clock.fixed(DAY.plusSeconds(3600), ZoneOffset.UTC))) {
            var consumer = engines.bean(dev.pyquest.events.AchievementsFunction.class);
            // "old" passed 40 days ago: holds hello-world but is not active; "a" passes today; "b" passes a day ago.
            consumer.handleRequest(AchievementsIT.passed("old", 1, DAY.minus(Duration.ofDays(40))), null);
            consumer.handleRequest(AchievementsIT.passed("a", 1, DAY), null);
            consumer.handleRequest(AchievementsIT.passed("b", 1, DAY.minus(Duration.ofDays(1))), null);
            assertEquals(1.0, rarity(list(engines, "a"), "hello-world"), "a and b hold it, old is not counted");

            // "c" is active today without hello-world (a first login unlocks nothing): 2 of 3.
            consumer.handleRequest(login("c", DAY), null);
            assertEquals(2.0 / 3, rarity(list(engines, "a"), "hello-world"), 1e-12);
            assertFalse(entry(list(engines, "c"), "hello-world").path("unlocked").asBoolean());

            // "old" comes back today: 4 active, 3 holders; problem-solver's bronze (5 passes) held by nobody.
            consumer.handleRequest(AchievementsIT.passed("old", 2, DAY), null);
            JsonNode seen = list(engines, "b");
            assertEquals(0.75, rarity(seen, "hello-world"));
            assertEquals(0.0, rarity(seen, "problem-solver"));
            // "a" reaches 5 passes: bronze held by 1 of 4, and its entry shows the held tier's rarity.
            for (int n = 2; n <= 5; n++) consumer.handleRequest(AchievementsIT.passed("a", n, DAY), null);
            assertEquals(0.25, rarity(list(engines, "b"), "problem-solver"));
            assertEquals(0.75, rarity(list(engines, "c"), "hello-world"), "the same count for every viewer");
            JsonNode ps = entry(list(engines, "a"), "problem-solver");
            assertEquals("bronze", ps.path("tier").asText());
            assertEquals(0.25, ps.path("levels").get(0).path("rarity").asDouble());
            assertEquals(0.0, ps.path("levels").get(1).path("rarity").asDouble());
        }
    }

    @Test
    void aPeriodicAchievementShowsTodaysAndThisWeeksSumAndNoPastPeriods() throws Exception {
        try (Engines engines = new Engines(Clock.fixed(DAY.plusSeconds(3600), ZoneOffset.UTC))) {
            var consumer = engines.bean(dev.pyquest.events.AchievementsFunction.class);
            consumer.handleRequest(AchievementsIT.passed("p", 1, DAY.minus(Duration.ofDays(8))), null); // 10 XP, last week
            consumer.handleRequest(AchievementsIT.passed("p", 2, DAY), null);
            consumer.handleRequest(AchievementsIT.passed("p", 3, DAY.plusSeconds(60)), null);
            JsonNode mine = list(engines, "p");
            assertEquals(20, entry(mine, "busy-day").path("progress").path("current").asLong(), "today's XP");
            assertEquals(20, entry(mine, "big-week").path("progress").path("current").asLong(), "this week's, not last week's");
            assertEquals(3, entry(mine, "problem-solver").path("progress").path("current").asLong(), "every lasting count");
        }
    }

    @Test
    void aHiddenAchievementShowsNothingOfItselfUntilItsHolderEarnsIt() throws Exception {
        try (Engines engines = new Engines(Clock.fixed(DAY.plusSeconds(3600), ZoneOffset.UTC))) {
            // The course first, as the stack loads it: a mastery rule's target is its skill's exercise count.
            dev.pyquest.local.content.LoadContent.load(ROOT.resolve("content"), engines.bean(dev.pyquest.shared.store.CatalogRepository.class));
            JsonNode list = list(engines, "nobody-yet");
            int hidden = 0;
            for (JsonNode a : list) {
                assertFalse(a.path("unlocked").asBoolean(), a.toString());
                assertTrue(a.path("unlockedAt").isNull() && a.path("tier").isNull(), a.toString());
                if (a.path("hidden").asBoolean()) {
                    hidden++;
                    assertEquals("???", a.path("name").asText(), a.toString());
                    assertTrue(a.path("description").isNull() && a.path("progress").isNull() && !a.has("levels"), a.toString());
                } else {
                    assertNotNull(a.path("description").textValue(), a.toString());
                    assertEquals(0, a.path("progress").path("current").asLong(), a.toString());
                    assertTrue(a.path("progress").path("target").asLong() >= 1, a.toString());
                }
            }
            assertTrue(hidden >= 6, "at least six hidden: " + hidden);
            assertTrue(list.size() >= 25, "at least 25: " + list.size());
        }
    }

    /** A first daily login of {@code userId} (streak 1), as RewardsService announces it. */
    private static Map<String, Object> login(String userId, Instant at) {
        String day = at.atZone(ZoneOffset.UTC).toLocalDate().toString();
        var detail = Json.MAPPER.createObjectNode()
                .put("eventId", "reward#" + userId + "#DAILY_LOGIN#" + day).put("userId", userId)
                .put("grantKey", "DAILY_LOGIN#" + day).put("sourceEventId", "login#" + userId + "#" + day)
                .put("source", "dailyLogin").put("at", at.toString());
        detail.putObject("attributes").put("streakDays", "1");
        detail.putArray("rewards").addObject().put("kind", "DIAMONDS").put("amount", 1).put("reason", "daily login " + day);
        return QuestsIT.envelope(detail, at);
    }

    private static JsonNode list(Engines engines, String userId) throws Exception {
        APIGatewayV2HTTPEvent request = Json.MAPPER.readValue(Files.readString(ROOT.resolve("events/submit-request.json")),
                APIGatewayV2HTTPEvent.class);
        request.setRouteKey("GET /achievements");
        request.setBody(null);
        request.getRequestContext().getAuthorizer().getJwt().setClaims(new HashMap<>(Map.of("sub", userId)));
        var r = engines.bean(AchievementListFunction.class).handleRequest(request, null);
        assertEquals(200, r.getStatusCode(), r.getBody());
        return Json.MAPPER.readTree(r.getBody());
    }

    private static JsonNode entry(JsonNode list, String id) {
        for (JsonNode a : list) if (a.path("id").asText().equals(id)) return a;
        throw new AssertionError("no achievement " + id + " in " + list);
    }

    private static double rarity(JsonNode list, String id) {
        return entry(list, id).path("rarity").asDouble();
    }

    // ------------------------------------------------------------------ end to end over HTTP

    @Test
    void solvingExercisesUnlocksBadgesThatShowInTheRewardsTheListAndTheProfileOfThatLearnerOnly() throws Exception {
        try (LocalStack stack = LocalStack.start(LocalStack.Config.fromEnvironment().withDataDir(data).withPort(0))) {
            Api api = new Api(stack.port());
            String ada = api.token("e2e-ada"), bob = api.token("e2e-bob");
            assertEquals(401, api.get("/achievements", null).status());

            JsonNode before = api.get("/achievements", ada).body();
            assertFalse(entry(before, "hello-world").path("unlocked").asBoolean());
            assertEquals("???", entry(before, "flawless").path("name").asText());
            assertEquals(0, entry(before, "sharpshooter").path("progress").path("current").asLong());
            assertEquals(3, entry(before, "sharpshooter").path("progress").path("target").asLong());

            // 1st pass, first try: hello-world and first-try, in this submission's rewards (each badge once).
            JsonNode first = solve(api, ada, "sum-of-evens", r -> badges(r).containsAll(List.of("hello-world", "first-try")));
            assertEquals(List.of("first-try", "hello-world"), badges(first).stream().sorted().toList(), first.toString());
            JsonNode afterOne = api.get("/achievements", ada).body();
            assertTrue(entry(afterOne, "hello-world").path("unlocked").asBoolean());
            assertTrue(entry(afterOne, "hello-world").path("unlockedAt").isTextual());
            assertEquals(1, entry(afterOne, "sharpshooter").path("progress").path("current").asLong(), "progress moves");

            // 2nd (easy) and 3rd (hard), each first try: sharpshooter bronze (3 first-try passes) and two hidden ones.
            solve(api, ada, "fizzbuzz", r -> true);
            // pairs-with-sum is gated (two lessons and an easier exercise): Ada has done those (rows only, nothing earned).
            Prerequisites.meet(stack, "e2e-ada", "pairs-with-sum");
            JsonNode hard = solve(api, ada, "pairs-with-sum",
                    r -> badges(r).containsAll(List.of("sharpshooter", "flawless", "no-peeking", "first-hard")));
            JsonNode line = badgeLine(hard, "sharpshooter");
            assertEquals("bronze", line.path("tier").asText(), hard.toString());

            JsonNode mine = awaitList(api, ada, l -> entry(l, "flawless").path("unlocked").asBoolean());
            JsonNode sharp = entry(mine, "sharpshooter");
            assertEquals("bronze", sharp.path("tier").asText(), sharp.toString());
            assertEquals(3, sharp.path("progress").path("current").asLong());
            assertEquals(10, sharp.path("progress").path("target").asLong(), "toward silver now");
            JsonNode flawless = entry(mine, "flawless");
            assertEquals("Flawless", flawless.path("name").asText(), "revealed once earned: " + flawless);
            assertTrue(flawless.path("description").isTextual() && flawless.path("hidden").asBoolean());

            // /me counts every level held; the ledger has one BADGE line per level; /achievements agrees.
            int held = 0;
            for (JsonNode a : mine) for (JsonNode l : a.path("levels")) if (l.path("unlocked").asBoolean()) held++;
            List<String> badgeLines = new ArrayList<>();
            for (JsonNode l : api.get("/me/transactions", ada).body()) {
                if ("BADGE".equals(l.path("kind").asText())) badgeLines.add(l.path("reason").asText());
            }
            assertEquals(held, badgeLines.size(), badgeLines.toString());
            assertEquals(held, api.get("/me", ada).body().path("badges").asInt());

            // Bob has done nothing: his view has nothing of Ada's; rarity counts only active learners (Ada).
            JsonNode bobs = api.get("/achievements", bob).body();
            for (JsonNode a : bobs) assertFalse(a.path("unlocked").asBoolean(), a.toString());
            assertEquals("???", entry(bobs, "flawless").path("name").asText());
            assertEquals(1.0, entry(bobs, "flawless").path("rarity").asDouble(), "1 holder of 1 active learner");
            assertEquals(0, api.get("/me", bob).body().path("badges").asInt());

            // Bob's own first pass: his hello-world, and rarity moves for both (2 active, Ada alone flawless).
            solve(api, bob, "sum-of-evens", r -> badges(r).contains("hello-world"));
            JsonNode bobsNow = awaitList(api, bob, l -> entry(l, "hello-world").path("unlocked").asBoolean());
            assertEquals("???", entry(bobsNow, "flawless").path("name").asText());
            assertEquals(0.5, entry(bobsNow, "flawless").path("rarity").asDouble());
            assertEquals(0.5, entry(api.get("/achievements", ada).body(), "flawless").path("rarity").asDouble());
            assertEquals(1.0, entry(bobsNow, "hello-world").path("rarity").asDouble());
            assertEquals(1, entry(bobsNow, "sharpshooter").path("progress").path("current").asLong(), "his own progress only");
            assertTrue(stack.bus().deadLetters("AchievementsDlq").isEmpty(), String.valueOf(stack.bus().deadLetters("AchievementsDlq")));
        }
    }

    /** Submits the reference solution and waits until the submission's rewards satisfy {@code until}. */
    private static JsonNode solve(Api api, String token, String slug, Predicate<JsonNode> until) throws Exception {
        String code = Files.readString(ROOT.resolve("content/exercises/" + slug + "/solution.py"));
        Api.Response sub = api.submit(slug, token, "solve-" + slug, code);
        assertEquals(202, sub.status(), String.valueOf(sub.body()));
        String id = sub.body().path("submissionId").asText();
        JsonNode verdict = api.awaitVerdict(id, token, true, Duration.ofSeconds(60));
        assertEquals("PASSED", verdict.path("status").asText(), verdict.toString());
        // The badges follow the verdict's own rewards: outbox -> relay -> bus -> AchievementsFunction -> RewardsService.
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        JsonNode s = verdict;
        while (!until.test(s.path("rewards")) && System.nanoTime() < end) {
            Api.sleep(50);
            s = api.get("/submissions/" + id, token).body();
        }
        assertTrue(until.test(s.path("rewards")), s.toString());
        return s.path("rewards");
    }

    private static JsonNode awaitList(Api api, String token, Predicate<JsonNode> until) {
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        JsonNode l = api.get("/achievements", token).body();
        while (!until.test(l) && System.nanoTime() < end) {
            Api.sleep(50);
            l = api.get("/achievements", token).body();
        }
        assertTrue(until.test(l), l.toString());
        return l;
    }

    private static List<String> badges(JsonNode rewards) {
        List<String> out = new ArrayList<>();
        for (JsonNode r : rewards) if ("BADGE".equals(r.path("kind").asText())) out.add(r.path("badge").asText());
        return out;
    }

    private static JsonNode badgeLine(JsonNode rewards, String badge) {
        for (JsonNode r : rewards) if ("BADGE".equals(r.path("kind").asText()) && badge.equals(r.path("badge").asText())) return r;
        throw new AssertionError("no BADGE " + badge + " in " + rewards);
    }
}
