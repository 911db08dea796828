package dev.pyquest.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.pyquest.domain.events.EventSchemas;
import dev.pyquest.gateway.JwtKeys;
import dev.pyquest.gateway.TokenIssuer;
import dev.pyquest.shared.config.Tables;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The core loop end to end, through the local stack's HTTP API, the real workflow and the real sandbox. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CoreLoopIT {
    private static final Duration VERDICT = Duration.ofSeconds(60);
    static final String SUM_OF_EVENS = "def sum_of_evens(nums):\n    return sum(n for n in nums if n % 2 == 0)\n";

    @TempDir
    static Path data;
    private LocalStack stack;
    private Api api;

    @BeforeAll
    void start() {
        stack = LocalStack.start(LocalStack.Config.fromEnvironment().withoutFunctions(Stacks.ACHIEVEMENTS).withDataDir(data).withPort(0));
        api = new Api(stack.port());
    }

    @AfterAll
    void stop() {
        if (stack != null) stack.close();
    }

    private String learner() {
        return api.token("learner-" + UUID.randomUUID());
    }

    private JsonNode submitAndWait(String slug, String token, String code, boolean withRewards) {
        Api.Response r = api.submit(slug, token, UUID.randomUUID().toString(), code);
        assertEquals(202, r.status(), r.body().toString());
        assertEquals("QUEUED", r.body().path("status").asText());
        return api.awaitVerdict(r.body().path("submissionId").asText(), token, withRewards, VERDICT);
    }

    @Test
    void aPassAfterAFailedSubmissionEarnsNoFirstTryBonus() {
        String t = learner();
        JsonNode failed = submitAndWait("sum-of-evens", t, "def sum_of_evens(nums):\n    return 0\n", false);
        assertEquals("FAILED", failed.path("status").asText(), failed.toString());
        JsonNode passed = submitAndWait("sum-of-evens", t, SUM_OF_EVENS, true);
        assertEquals("PASSED", passed.path("status").asText());
        assertEquals(new dev.pyquest.domain.rewards.RewardRules(dev.pyquest.domain.rewards.Economy.bundled()).firstPassXp(dev.pyquest.domain.content.Difficulty.EASY),
                api.get("/me", t).body().path("xp").asLong());
        assertTrue(api.get("/me/transactions", t).body().findValuesAsText("reason").contains("first pass: sum-of-evens"));
    }

    @Test
    void correctCodePassesAndEarnsXpAndDiamondsOnce() {
        String t = learner();
        JsonNode v = submitAndWait("sum-of-evens", t, SUM_OF_EVENS, true);
        assertEquals("PASSED", v.path("status").asText(), v.toString());
        assertEquals(v.path("verdict").path("total").asInt(), v.path("verdict").path("passed").asInt());
        assertTrue(v.path("verdict").path("total").asInt() >= 11);
        assertEquals(List.of("XP", "DIAMONDS"), v.path("rewards").findValuesAsText("kind"));
        // The learner's first submission passed: the first pass with the first-try bonus.
        dev.pyquest.domain.rewards.Grant expected = new dev.pyquest.domain.rewards.RewardRules(dev.pyquest.domain.rewards.Economy.bundled()).firstPass(
                "t", "ex", "sum-of-evens", dev.pyquest.domain.content.Difficulty.EASY, true, "e", null);
        long xp = expected.amount(dev.pyquest.domain.rewards.RewardKind.XP);
        assertTrue(xp > new dev.pyquest.domain.rewards.RewardRules(dev.pyquest.domain.rewards.Economy.bundled()).firstPassXp(dev.pyquest.domain.content.Difficulty.EASY));
        JsonNode me = api.get("/me", t).body();
        assertEquals(xp, me.path("xp").asLong());
        assertEquals(expected.amount(dev.pyquest.domain.rewards.RewardKind.DIAMONDS), me.path("diamonds").asLong());
        JsonNode tx = api.get("/me/transactions", t).body();
        assertEquals(2, tx.size(), tx.toString());
        assertTrue(tx.findValuesAsText("reason").contains("first pass on the first try: sum-of-evens"), tx.toString());

        // A second pass of the same exercise: judged PASSED again, but no more XP.
        JsonNode again = submitAndWait("sum-of-evens", t, SUM_OF_EVENS + "# again\n", false);
        assertEquals("PASSED", again.path("status").asText());
        Api.sleep(500);
        assertEquals(xp, api.get("/me", t).body().path("xp").asLong());
        assertEquals(2, api.get("/me/transactions", t).body().size());
        assertEquals(0, api.get("/submissions/" + again.path("submissionId").asText(), t).body().path("rewards").size());
    }

    @Test
    void wrongAnswerFailsOnAHiddenTestRevealingNothingAndEarnsNothing() {
        String t = learner();
        // Forgets negatives: passes every public example, fails hidden ones.
        String code = "def sum_of_evens(nums):\n    return sum(n for n in nums if n % 2 == 0 and n > 0)\n";
        JsonNode v = submitAndWait("sum-of-evens", t, code, false);
        assertEquals("FAILED", v.path("status").asText(), v.toString());
        boolean hiddenWrong = false;
        for (JsonNode test : v.path("verdict").path("tests")) {
            if (test.path("visibility").asText().equals("hidden")) {
                assertFalse(test.has("expected") || test.has("actual") || test.has("stdout"), "hidden test leaks: " + test);
                hiddenWrong |= test.path("status").asText().equals("WRONG_ANSWER");
            } else {
                assertTrue(test.has("expected"), "public tests show expected: " + test);
            }
        }
        assertTrue(hiddenWrong, v.toString());
        Api.sleep(500);
        assertEquals(0, api.get("/me", t).body().path("xp").asLong());
        assertEquals(0, api.get("/me/transactions", t).body().size());
    }

    @Test
    void syntaxErrorAndInfiniteLoopAreReportedAsSuch() {
        String t = learner();
        JsonNode syntax = submitAndWait("fizzbuzz", t, "def fizzbuzz(n)\n    return []\n", false);
        assertEquals("FAILED", syntax.path("status").asText());
        for (JsonNode test : syntax.path("verdict").path("tests")) {
            assertEquals("SYNTAX_ERROR", test.path("status").asText());
            assertTrue(test.path("message").asText().startsWith("line 1"), test.toString());
        }
        JsonNode loop = submitAndWait("reverse-words", t, "def reverse_words(s):\n    while True:\n        pass\n", false);
        assertEquals("FAILED", loop.path("status").asText());
        List<String> statuses = loop.path("verdict").path("tests").findValuesAsText("status");
        // The first time-out settles the verdict: the other tests, public and hidden, are not run.
        assertEquals("TIME_LIMIT", statuses.get(0), loop.toString());
        assertEquals(java.util.Collections.nCopies(statuses.size() - 1, "NOT_RUN"), statuses.subList(1, statuses.size()), loop.toString());
    }

    @Test
    void aLongPollAnswersWhenTheVerdictIsRecordedOrWhenItsWaitIsOver() {
        String t = learner();
        // An endless loop: judged TIME_LIMIT only once the wall-clock limit has passed.
        Api.Response r = api.submit("reverse-words", t, "lp-1", "def reverse_words(s):\n    while True:\n        pass\n");
        String id = r.body().path("submissionId").asText();
        long a = System.nanoTime();
        Api.Response early = api.get("/submissions/" + id + "?wait=1", t);
        long waitedMs = (System.nanoTime() - a) / 1_000_000;
        assertEquals(200, early.status());
        assertTrue(java.util.Set.of("QUEUED", "RUNNING").contains(early.body().path("status").asText()), early.body().toString());
        assertTrue(waitedMs >= 900, "answered after its wait, not at once: " + waitedMs + " ms");
        // The first test runs into its time limit, which ends the run (the rest is not run).
        JsonNode judged = api.awaitVerdict(id, t, false, VERDICT);
        assertEquals("FAILED", judged.path("status").asText(), judged.toString());
        assertEquals("TIME_LIMIT", judged.path("verdict").path("tests").get(0).path("status").asText());
        // A final submission answers at once, whatever the wait.
        long b = System.nanoTime();
        assertEquals("FAILED", api.get("/submissions/" + id + "?wait=20", t).body().path("status").asText());
        assertTrue((System.nanoTime() - b) / 1_000_000 < 5_000, "a final submission is not held");
        for (String bad : List.of("21", "-1", "abc", "1.5", "")) {
            Api.Response v = api.get("/submissions/" + id + "?wait=" + bad, t);
            assertEquals(400, v.status(), bad + " -> " + v.body());
            assertEquals("VALIDATION", v.code());
        }
        // Someone else's submission: 404 at once, not after the wait.
        long c = System.nanoTime();
        assertEquals(404, api.get("/submissions/" + id + "?wait=20", learner()).status());
        assertTrue((System.nanoTime() - c) / 1_000_000 < 5_000);
    }

    @Test
    void anotherLearnersSubmissionIsNotFound() {
        String alice = learner(), bob = learner();
        Api.Response r = api.submit("sum-of-evens", alice, "k1", SUM_OF_EVENS);
        String id = r.body().path("submissionId").asText();
        Api.Response seen = api.get("/submissions/" + id, bob);
        assertEquals(404, seen.status());
        assertEquals("NOT_FOUND", seen.code());
        assertEquals(404, api.get("/submissions/s-doesnotexist", alice).status());
        api.awaitVerdict(id, alice, false, VERDICT);
    }

    @Test
    void idempotencyKeyReplaysRefusesOtherBodiesAndIsRequired() {
        String t = learner();
        Api.Response first = api.submit("sum-of-evens", t, "same-key", SUM_OF_EVENS);
        Api.Response replay = api.submit("sum-of-evens", t, "same-key", SUM_OF_EVENS);
        assertEquals(202, first.status());
        assertEquals(first.body(), replay.body());
        Api.Response other = api.submit("sum-of-evens", t, "same-key", SUM_OF_EVENS + "\n# changed\n");
        assertEquals(422, other.status());
        assertEquals("IDEMPOTENCY_KEY_REUSED", other.code());
        Api.Response missing = api.submit("sum-of-evens", t, null, SUM_OF_EVENS);
        assertEquals(400, missing.status());
        assertEquals("IDEMPOTENCY_KEY_REQUIRED", missing.code());
        Api.Response tooLong = api.submit("sum-of-evens", t, "k".repeat(65), SUM_OF_EVENS);
        assertEquals(400, tooLong.status());
        // Another learner with the same key gets a submission of their own.
        Api.Response theirs = api.submit("sum-of-evens", learner(), "same-key", SUM_OF_EVENS);
        assertNotEquals(first.body().path("submissionId"), theirs.body().path("submissionId"));
        api.awaitVerdict(first.body().path("submissionId").asText(), t, false, VERDICT);
    }

    @Test
    void badInputGetsClearFourHundreds() {
        String t = learner();
        Api.Response big = api.submit("sum-of-evens", t, "big", "#".repeat(64 * 1024 + 1));
        assertEquals(413, big.status());
        assertEquals("PAYLOAD_TOO_LARGE", big.code());
        Api.Response unknown = api.submit("no-such-exercise", t, "u", SUM_OF_EVENS);
        assertEquals(404, unknown.status());
        assertEquals(404, api.get("/activities/no-such-exercise", t).status());
        Api.Response notJson = api.post("/activities/sum-of-evens/submissions", t, Map.of("Idempotency-Key", "nj"), "code=1");
        assertEquals(400, notJson.status());
        assertEquals("VALIDATION", notJson.code());
        Api.Response noCode = api.post("/activities/sum-of-evens/submissions", t, Map.of("Idempotency-Key", "nc"), "{\"code\": 5}");
        assertEquals(400, noCode.status());
        // Valid JSON, but not Unicode: the job the box gets could not be written as UTF-8 (it was an ERROR verdict).
        Api.Response lone = api.post("/activities/sum-of-evens/submissions", t, Map.of("Idempotency-Key", "ls"),
                "{\"code\": \"def sum_of_evens(nums):\\n    return '\\ud800'\\n\"}");
        assertEquals(400, lone.status(), String.valueOf(lone.body()));
        assertEquals("VALIDATION", lone.code());
        Api.Response tz = api.put("/me/timezone", t, Map.of("Idempotency-Key", "tz-mars"), "{\"timezone\":\"Mars/Olympus\"}");
        assertEquals(400, tz.status());
        assertEquals("VALIDATION", tz.code());
        for (Api.Response r : List.of(big, unknown, notJson, noCode, lone, tz)) assertFalse(r.body().path("message").asText().isBlank());
    }

    @Test
    void catalogShowsPublicExamplesOnly() {
        String t = learner();
        JsonNode list = api.get("/activities", t).body();
        List<String> slugs = list.findValuesAsText("slug");
        assertTrue(slugs.containsAll(List.of("sum-of-evens", "reverse-words", "fizzbuzz")), slugs.toString());
        Api.Response view = api.get("/activities/sum-of-evens", t);
        assertEquals(200, view.status());
        JsonNode ex = view.body().path("examples");
        assertTrue(ex.size() >= 3);
        assertTrue(ex.get(0).path("input").asText().startsWith("sum_of_evens("), ex.toString());
        assertFalse(view.raw().body().contains("\"tests\""), "hidden tests must not be served");
    }

    @Test
    void theTimeZoneIsSetThenLimitedToOneChangeAWeek() {
        String t = learner();
        Api.Response set = api.put("/me/timezone", t, Map.of("Idempotency-Key", "tz-1"), "{\"timezone\":\"Europe/Paris\"}");
        assertEquals(200, set.status(), String.valueOf(set.body()));
        assertEquals("Europe/Paris", set.body().path("timezone").asText());
        assertEquals("Europe/Paris", api.get("/me", t).body().path("timezone").asText());
        Api.Response again = api.put("/me/timezone", t, Map.of("Idempotency-Key", "tz-2"), "{\"timezone\":\"Asia/Tokyo\"}");
        assertEquals(429, again.status(), String.valueOf(again.body()));
        assertEquals("RATE_LIMITED", again.code());
        assertTrue(again.raw().headers().firstValue("retry-after").isPresent());
        assertEquals("Europe/Paris", api.get("/me", t).body().path("timezone").asText());
    }

    @Test
    void dailyLoginRewardsOncePerLocalDay() {
        String t = learner();
        Api.Response noKey = api.post("/daily-login", t, Map.of(), "");
        assertEquals(400, noKey.status());
        assertEquals("IDEMPOTENCY_KEY_REQUIRED", noKey.code());
        JsonNode first = api.post("/daily-login", t, Map.of("Idempotency-Key", "login-1"), "").body();
        assertEquals(1, first.path("rewards").size(), first.toString());
        assertEquals(1, first.path("streak").path("current").asInt());
        Api.Response replay = api.post("/daily-login", t, Map.of("Idempotency-Key", "login-1"), "");
        assertEquals("true", replay.raw().headers().firstValue("idempotent-replay").orElse(null));
        assertEquals(first, replay.body());
        JsonNode second = api.post("/daily-login", t, Map.of("Idempotency-Key", "login-2"), "").body();
        assertEquals(0, second.path("rewards").size(), second.toString());
        assertEquals(first.path("localDate"), second.path("localDate"));
        JsonNode tx = api.get("/me/transactions", t).body();
        assertEquals(1, tx.size());
        assertEquals("daily login " + first.path("localDate").asText(), tx.get(0).path("reason").asText());
    }

    @Test
    void tokensApiGatewayWouldRefuseAreRefusedOnEveryRoute() throws Exception {
        String good = learner();
        JwtKeys keys = JwtKeys.loadOrCreate(data.resolve("jwt-key.json"));
        String expired = new TokenIssuer(keys, LocalStack.JWT_ISSUER, LocalStack.JWT_AUDIENCE,
                Clock.fixed(Instant.now().minus(Duration.ofHours(3)), ZoneOffset.UTC)).issue("learner-x", List.of(), Duration.ofHours(1));
        String[] parts = good.split("\\.");
        String claims = new String(Base64URL.from(parts[1]).decode(), StandardCharsets.UTF_8).replaceFirst("\"sub\":\"[^\"]+\"", "\"sub\":\"admin\"");
        String tampered = parts[0] + "." + Base64URL.encode(claims) + "." + parts[2];
        JWTClaimsSet set = new JWTClaimsSet.Builder().subject("learner-x").issuer(LocalStack.JWT_ISSUER)
                .audience(LocalStack.JWT_AUDIENCE).expirationTime(Date.from(Instant.now().plusSeconds(600))).build();
        String none = new PlainJWT(set).serialize();
        SignedJWT hs = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).keyID(keys.kid()).build(), set);
        hs.sign(new MACSigner(keys.jwksJson().getBytes(StandardCharsets.UTF_8)));
        List<String> bad = java.util.Arrays.asList(null, "garbage", none, tampered, hs.serialize(), expired);
        // Every route the template declares, so a new route cannot slip through unauthenticated.
        List<String[]> routes = new java.util.ArrayList<>();
        for (JsonNode f : Template.read(LocalStack.findRoot().resolve("template.yaml")).resources("AWS::Serverless::Function").values()) {
            for (JsonNode p : Template.events(f, "HttpApi").values()) {
                if (p.path("Auth").path("Authorizer").asText("").equals("NONE")) {
                    // The one route without a JWT: the payment provider's webhook, authenticated by its signature.
                    assertEquals("POST /webhooks/payments", p.path("Method").asText() + " " + p.path("Path").asText(),
                            "a route without the JWT authorizer");
                    continue;
                }
                routes.add(new String[]{p.path("Method").asText().toUpperCase(java.util.Locale.ROOT),
                        p.path("Path").asText().replace("{slug}", "sum-of-evens").replace("{id}", "x")});
            }
        }
        assertTrue(routes.size() >= 10, "routes: " + routes.size());
        for (String token : bad) {
            for (String[] route : routes) {
                Api.Response r = switch (route[0]) {
                    case "GET" -> api.get(route[1], token);
                    case "PUT" -> api.put(route[1], token, "{\"timezone\":\"UTC\"}");
                    default -> api.post(route[1], token, Map.of("Idempotency-Key", "x"), "{\"code\":\"x\"}");
                };
                assertEquals(401, r.status(), route[0] + " " + route[1] + " with " + token);
                assertEquals("UNAUTHORIZED", r.code());
            }
            // The webhook: no token to check, and whatever token comes with it, an unsigned body is refused.
            Api.Response hook = api.post("/webhooks/payments", token, Map.of(), "{\"id\":\"evt_1\",\"type\":\"checkout.session.completed\"}");
            assertEquals(400, hook.status(), String.valueOf(hook.body()));
            assertEquals("WEBHOOK_SIGNATURE", hook.code());
        }
        assertEquals(200, api.get("/me", good).status());
    }

    @Test
    void everyEventTheStackWroteFollowsItsSchema() {
        submitAndWait("sum-of-evens", learner(), SUM_OF_EVENS, true);
        submitAndWait("sum-of-evens", learner(), "def sum_of_evens(nums):\n    return 0\n", false);
        java.util.Set<String> seen = new java.util.TreeSet<>();
        stack.bean(DynamoDbClient.class).scanPaginator(b -> b.tableName(stack.bean(Tables.class).outbox())).items().forEach(i -> {
            String type = i.get("detailType").s();
            seen.add(type);
            try {
                EventSchemas.assertValid(type, dev.pyquest.domain.Json.MAPPER.readTree(i.get("detail").s()));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        assertTrue(seen.containsAll(List.of("CodePassed", "CodeFailed", "RewardGranted")), seen.toString());
    }

    @Test
    void aRestartKeepsEveryLearnersXpAndDiamonds() {
        String t = learner();
        submitAndWait("fizzbuzz", t, """
                def fizzbuzz(n):
                    out = []
                    for i in range(1, n + 1):
                        out.append("FizzBuzz" if i % 15 == 0 else "Fizz" if i % 3 == 0 else "Buzz" if i % 5 == 0 else str(i))
                    return out
                """, true);
        JsonNode before = api.get("/me", t).body();
        assertTrue(before.path("xp").asLong() > 0);
        stack.close();
        stack = LocalStack.start(LocalStack.Config.fromEnvironment().withoutFunctions(Stacks.ACHIEVEMENTS).withDataDir(data).withPort(0));
        api = new Api(stack.port());
        JsonNode after = api.get("/me", t).body();
        assertEquals(before, after);
    }
}
