package dev.pyquest.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.pyquest.api.ProfileFunction;
import dev.pyquest.api.ShopFunction;
import dev.pyquest.domain.Json;
import dev.pyquest.domain.rewards.Economy;
import dev.pyquest.domain.rewards.Grant;
import dev.pyquest.domain.rewards.Reward;
import dev.pyquest.domain.rewards.RewardKind;
import dev.pyquest.domain.rewards.RewardRules;
import dev.pyquest.domain.rewards.RewardSource;
import dev.pyquest.shared.config.Tables;
import dev.pyquest.shared.rewards.RewardsService;
import dev.pyquest.shared.store.Attr;
import dev.pyquest.shared.store.Learner;
import dev.pyquest.shared.store.LearnerRepository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The economy on DynamoDB Local, through the real functions and the one rewards service: daily XP
 * caps under races, purchases under races (never below zero, never past a limit, never twice per
 * key), streak freezes used exactly once, streak milestones paid once, and "today" at the edges of
 * time zones. After each test, per learner: ledger sum = wallet, nothing negative.
 */
class EconomyIT {
    private static final RewardRules RULES = new RewardRules(Economy.bundled());
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-23T12:00:00Z"));
    private final Clock clock = new Clock() {
        @Override public ZoneId getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(ZoneId zone) { return Clock.fixed(now.get(), zone); }
        @Override public Instant instant() { return now.get(); }
    };
    private final Economy economy = Economy.bundled();
    private final List<String> learners = new ArrayList<>();
    private Engines engines;
    private ProfileFunction profile;
    private ShopFunction shop;

    @BeforeEach
    void start() {
        engines = new Engines(clock);
        profile = engines.bean(ProfileFunction.class);
        shop = engines.bean(ShopFunction.class);
    }

    /** Whatever a test did, the economy's invariants hold afterwards (ledger sum = wallet, nothing negative, held items within limits). */
    @AfterEach
    void invariantsThenStop() {
        try {
            dev.pyquest.local.economy.InvariantCheck.Report report =
                    dev.pyquest.local.economy.InvariantCheck.run(engines.bean(DynamoDbClient.class), engines.bean(Tables.class));
            assertTrue(report.clean(), report.summary() + ": " + report.violations());
            assertTrue(report.learners() >= learners.size(), report.summary());
        } finally {
            engines.close();
        }
    }

    // ------------------------------------------------------------------ helpers

    private String learner() {
        String u = "u-" + UUID.randomUUID();
        learners.add(u);
        return u;
    }

    private void seedDiamonds(String userId, long diamonds) {
        assertEquals(RewardsService.Outcome.GRANTED, engines.bean(RewardsService.class).grant(new Grant(userId, "TEST_SEED#" + diamonds,
                List.of(new Reward(RewardKind.DIAMONDS, diamonds, "test seed")), "seed", null)));
    }

    private APIGatewayV2HTTPResponse call(dev.pyquest.api.http.ApiFunction fn, String routeKey, String userId, String key, String body) {
        APIGatewayV2HTTPEvent e = new APIGatewayV2HTTPEvent();
        e.setRouteKey(routeKey);
        Map<String, String> headers = new HashMap<>(Map.of("content-type", "application/json"));
        if (key != null) headers.put("idempotency-key", key);
        e.setHeaders(headers);
        e.setBody(body);
        APIGatewayV2HTTPEvent.RequestContext rc = new APIGatewayV2HTTPEvent.RequestContext();
        rc.setRequestId(UUID.randomUUID().toString());
        APIGatewayV2HTTPEvent.RequestContext.Authorizer auth = new APIGatewayV2HTTPEvent.RequestContext.Authorizer();
        APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT jwt = new APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT();
        jwt.setClaims(Map.of("sub", userId));
        auth.setJwt(jwt);
        rc.setAuthorizer(auth);
        e.setRequestContext(rc);
        return fn.handleRequest(e, null);
    }

    private JsonNode ok(APIGatewayV2HTTPResponse r) throws Exception {
        assertTrue(r.getStatusCode() / 100 == 2, r.getStatusCode() + " " + r.getBody());
        return Json.MAPPER.readTree(r.getBody());
    }

    private String code(APIGatewayV2HTTPResponse r) throws Exception {
        return Json.MAPPER.readTree(r.getBody()).path("code").asText();
    }

    private JsonNode login(String userId) throws Exception {
        return ok(call(profile, "POST /daily-login", userId, UUID.randomUUID().toString(), null));
    }

    private void setZone(String userId, String zone) throws Exception {
        ok(call(profile, "PUT /me/timezone", userId, UUID.randomUUID().toString(), "{\"timezone\":\"" + zone + "\"}"));
    }

    private APIGatewayV2HTTPResponse buy(String userId, String key, String body) {
        return call(shop, "POST /shop/purchases", userId, key, body);
    }

    private static <T> List<T> race(int n, Callable<T> task) throws Exception {
        return Race.run(n, task);
    }

    private List<Map<String, AttributeValue>> ledger(String userId) {
        return engines.bean(DynamoDbClient.class).query(b -> b.tableName(engines.bean(Tables.class).ledger()).consistentRead(true)
                .keyConditionExpression("userId = :u").expressionAttributeValues(Map.of(":u", Attr.s(userId)))).items();
    }

    // ------------------------------------------------------------------ daily caps

    @Test
    void concurrentGrantsOfOneSourceStopExactlyAtTheDailyCapAndTheNextLocalDayStartsAfresh() throws Exception {
        String u = learner();
        long cap = economy.dailyXpCap(RewardSource.LESSON).orElseThrow();
        long each = economy.lessonXp();
        int n = (int) (cap / each) + 8; // 8 grants more than the cap allows
        AtomicInteger next = new AtomicInteger();
        List<RewardsService.Outcome> outcomes = race(n, () -> engines.bean(RewardsService.class)
                .grant(RULES.lessonCompleted(u, "ls-" + next.incrementAndGet(), "lesson-" + next.get(), "e")));
        assertTrue(outcomes.stream().allMatch(o -> o == RewardsService.Outcome.GRANTED), outcomes.toString());
        assertEquals(cap, engines.bean(LearnerRepository.class).get(u).xp(), "XP stops exactly at the cap");
        List<Map<String, AttributeValue>> xpLines = ledger(u).stream().filter(i -> "XP".equals(Attr.str(i, "kind"))).toList();
        assertEquals(n, xpLines.size(), "every grant has its line: the over-cap ones at 0, saying why");
        assertEquals(8, xpLines.stream().filter(i -> Attr.num(i, "amount", -1) == 0).count());
        assertTrue(xpLines.stream().filter(i -> Attr.num(i, "amount", -1) == 0)
                .allMatch(i -> Attr.str(i, "reason").contains("daily lesson XP cap of " + cap + " reached")), xpLines.toString());
        // A redelivered grant is still "already granted", not a new 0-XP line.
        assertEquals(RewardsService.Outcome.ALREADY_GRANTED,
                engines.bean(RewardsService.class).grant(RULES.lessonCompleted(u, "ls-1", "lesson-1", "e")));
        // Another source has its own cap; the lesson cap does not touch it.
        assertEquals(RewardsService.Outcome.GRANTED, engines.bean(RewardsService.class).grant(RULES.dailyLogin(u, java.time.LocalDate.of(2026, 11, 23), 1)));
        assertEquals(cap + economy.dailyLoginXp(), engines.bean(LearnerRepository.class).get(u).xp());
        // The next local day (UTC here) has a fresh cap.
        now.set(now.get().plusSeconds(86_400));
        engines.bean(RewardsService.class).grant(RULES.lessonCompleted(u, "ls-next-day", "lesson-next-day", "e"));
        assertEquals(cap + economy.dailyLoginXp() + each, engines.bean(LearnerRepository.class).get(u).xp());
    }

    @Test
    void theCapDayIsTheLearnersLocalDay() throws Exception {
        String u = learner();
        setZone(u, "Pacific/Kiritimati"); // UTC+14
        long cap = economy.dailyXpCap(RewardSource.LESSON).orElseThrow();
        int full = (int) (cap / economy.lessonXp());
        now.set(Instant.parse("2026-11-23T09:00:00Z")); // 23:00 on the 23rd in Kiritimati
        for (int i = 0; i < full; i++) engines.bean(RewardsService.class).grant(RULES.lessonCompleted(u, "ls-a" + i, "a" + i, "e"));
        assertEquals(cap, engines.bean(LearnerRepository.class).get(u).xp());
        now.set(Instant.parse("2026-11-23T10:30:00Z")); // still the 23rd in UTC, already the 24th there
        engines.bean(RewardsService.class).grant(RULES.lessonCompleted(u, "ls-b", "b", "e"));
        assertEquals(cap + economy.lessonXp(), engines.bean(LearnerRepository.class).get(u).xp(), "a new local day, a new cap");
    }

    // ------------------------------------------------------------------ purchases

    @Test
    void thirtyConcurrentPurchasesWithFundsForThreeBuyExactlyThree() throws Exception {
        String u = learner();
        Economy.ShopItem unlimited = new Economy.ShopItem("test-item", "Test item", "no held limit", 10, 0, false);
        seedDiamonds(u, 3 * unlimited.price() + unlimited.price() - 1);
        AtomicInteger k = new AtomicInteger();
        List<RewardsService.SpendOutcome> outcomes = race(30, () ->
                engines.bean(RewardsService.class).spend(u, "p-" + k.incrementAndGet(), unlimited, "bought: test item", null));
        assertEquals(3, outcomes.stream().filter(o -> o == RewardsService.SpendOutcome.PURCHASED).count(), outcomes.toString());
        assertEquals(27, outcomes.stream().filter(o -> o == RewardsService.SpendOutcome.INSUFFICIENT_FUNDS).count(), outcomes.toString());
        assertEquals(unlimited.price() - 1, engines.bean(LearnerRepository.class).get(u).diamonds());
        assertEquals(3, ledger(u).stream().filter(i -> Attr.str(i, "entryId").startsWith("PURCHASE#")).count());
    }

    @Test
    void thirtyConcurrentFreezePurchasesThroughTheRouteStopAtTheHeldLimit() throws Exception {
        String u = learner();
        Economy.ShopItem freeze = economy.shopItem("streak-freeze").orElseThrow();
        seedDiamonds(u, freeze.price() * 10);
        List<Integer> statuses = race(30, () -> buy(u, UUID.randomUUID().toString(), "{\"item\":\"streak-freeze\"}").getStatusCode());
        assertEquals(freeze.maxHeld(), statuses.stream().filter(s -> s == 201).count(), statuses.toString());
        assertEquals(30 - freeze.maxHeld(), statuses.stream().filter(s -> s == 409).count(), statuses.toString());
        Learner l = engines.bean(LearnerRepository.class).get(u);
        assertEquals(freeze.maxHeld(), l.freezes());
        assertEquals(freeze.price() * (10 - freeze.maxHeld()), l.diamonds());
        APIGatewayV2HTTPResponse more = buy(u, "one-more", "{\"item\":\"streak-freeze\"}");
        assertEquals(409, more.getStatusCode());
        assertEquals("LIMIT_REACHED", code(more));
    }

    @Test
    void aPurchaseIsIdempotentOnItsKeyAndRefusesWhatItCannotPayFor() throws Exception {
        String u = learner();
        Economy.ShopItem token = economy.shopItem("skip-token").orElseThrow();
        APIGatewayV2HTTPResponse poor = buy(u, "k-poor", "{\"item\":\"skip-token\"}");
        assertEquals(409, poor.getStatusCode());
        assertEquals("INSUFFICIENT_FUNDS", code(poor));
        assertTrue(ledger(u).isEmpty(), "nothing written for a refused purchase");
        // A refusal is the key's answer (replayed, like any 4xx); the learner buys with a new key.
        seedDiamonds(u, token.price() + 1);
        APIGatewayV2HTTPResponse refusedAgain = buy(u, "k-poor", "{\"item\":\"skip-token\"}");
        assertEquals(409, refusedAgain.getStatusCode());
        assertEquals("true", refusedAgain.getHeaders().get("idempotent-replay"));
        JsonNode bought = ok(buy(u, "k-rich", "{\"item\":\"skip-token\"}"));
        assertEquals(1, bought.path("diamonds").asLong());
        assertEquals(1, bought.path("held").asLong());
        APIGatewayV2HTTPResponse replay = buy(u, "k-rich", "{\"item\":\"skip-token\"}");
        assertEquals(201, replay.getStatusCode());
        assertEquals("true", replay.getHeaders().get("idempotent-replay"));
        assertEquals(bought.path("purchaseId"), Json.MAPPER.readTree(replay.getBody()).path("purchaseId"));
        assertEquals(422, buy(u, "k-rich", "{\"item\":\"streak-freeze\"}").getStatusCode());
        assertEquals(1, engines.bean(LearnerRepository.class).get(u).diamonds(), "charged once");
        // Once the edge record is gone (24 h), the purchase id derived from the key still refuses a second debit.
        engines.bean(DynamoDbClient.class).scanPaginator(b -> b.tableName(engines.bean(Tables.class).idempotency())).items()
                .forEach(i -> engines.bean(DynamoDbClient.class).deleteItem(b -> b.tableName(engines.bean(Tables.class).idempotency())
                        .key(Map.of("id", i.get("id")))));
        seedDiamonds(u, token.price() * 2);
        JsonNode again = ok(buy(u, "k-rich", "{\"item\":\"skip-token\"}"));
        assertTrue(again.path("alreadyPurchased").asBoolean(), again.toString());
        assertEquals(1, engines.bean(LearnerRepository.class).get(u).held("skip-token"));

        APIGatewayV2HTTPResponse huge = buy(u, "k-huge", "{\"item\":\"skip-token\",\"pad\":\"" + "x".repeat(5000) + "\"}");
        assertEquals(413, huge.getStatusCode(), huge.getBody());
        assertEquals("PAYLOAD_TOO_LARGE", code(huge));
        APIGatewayV2HTTPResponse noKey = buy(u, null, "{\"item\":\"skip-token\"}");
        assertEquals(400, noKey.getStatusCode());
        assertEquals("IDEMPOTENCY_KEY_REQUIRED", code(noKey));
        for (String bad : List.of("{}", "{\"item\":\"gold-bar\"}", "{\"item\":7}", "[]", "{\"item\":\"hint\"}",
                "{\"item\":\"skip-token\",\"activity\":\"sum-of-evens\"}", "{\"item\":\"skip-token\",\"price\":0}")) {
            APIGatewayV2HTTPResponse r = buy(u, UUID.randomUUID().toString(), bad);
            assertEquals(400, r.getStatusCode(), bad + " -> " + r.getBody());
            assertEquals("VALIDATION", code(r), bad);
        }
    }

    // ------------------------------------------------------------------ streaks, freezes, milestones

    @Test
    void freezesCoverMissedDaysExactlyOnceEvenUnderConcurrentLogins() throws Exception {
        String u = learner();
        seedDiamonds(u, 100);
        login(u); // day 1
        ok(buy(u, "f1", "{\"item\":\"streak-freeze\"}"));
        ok(buy(u, "f2", "{\"item\":\"streak-freeze\"}"));
        now.set(now.get().plusSeconds(3 * 86_400)); // days 2 and 3 missed; day 4
        JsonNode me = ok(call(profile, "GET /me", u, null, null));
        assertEquals(1, me.path("streak").path("current").asInt(), "two freezes keep the streak showing: " + me);
        List<JsonNode> results = race(20, () -> login(u));
        assertEquals(1, results.stream().filter(r -> r.path("freezesUsed").asInt() == 2).count(), results.toString());
        assertTrue(results.stream().allMatch(r -> r.path("streak").path("current").asInt() == 2), results.toString());
        Learner l = engines.bean(LearnerRepository.class).get(u);
        assertEquals(0, l.freezes(), "both used, once");
        assertEquals(2, l.streak().current());
        // The login's RewardGranted names the streak it made (what the streak achievements count).
        String day4 = l.streak().last().toString();
        var announced = engines.bean(software.amazon.awssdk.services.dynamodb.DynamoDbClient.class).getItem(b -> b
                .tableName(engines.bean(dev.pyquest.shared.config.Tables.class).outbox()).consistentRead(true)
                .key(Map.of("eventId", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(
                        "reward#" + u + "#DAILY_LOGIN#" + day4)))).item();
        assertEquals("2", Json.MAPPER.readTree(announced.get("detail").s()).path("attributes").path("streakDays").asText(),
                announced.toString());
        // Three missed days with one freeze: the streak restarts and the freeze is kept.
        ok(buy(u, "f3", "{\"item\":\"streak-freeze\"}"));
        now.set(now.get().plusSeconds(4 * 86_400));
        JsonNode restarted = login(u);
        assertEquals(1, restarted.path("streak").path("current").asInt());
        assertEquals(0, restarted.path("freezesUsed").asInt());
        assertEquals(1, engines.bean(LearnerRepository.class).get(u).freezes());
    }

    @Test
    void aFreezeBoughtWhileALoginUsesOneIsNotLost() throws Exception {
        String u = learner();
        seedDiamonds(u, 200);
        login(u);
        ok(buy(u, "f1", "{\"item\":\"streak-freeze\"}"));
        now.set(now.get().plusSeconds(2 * 86_400)); // one missed day
        AtomicInteger turn = new AtomicInteger();
        List<Integer> done = race(10, () -> {
            if (turn.incrementAndGet() % 2 == 0) return buy(u, UUID.randomUUID().toString(), "{\"item\":\"streak-freeze\"}").getStatusCode();
            return login(u).path("freezesUsed").asInt() * 1000;
        });
        Learner l = engines.bean(LearnerRepository.class).get(u);
        long bought = ledger(u).stream().filter(i -> Attr.str(i, "entryId").startsWith("PURCHASE#")).count();
        long used = l.streak().current() == 2 ? 1 : 0;
        assertEquals(2, l.streak().current(), done.toString());
        assertEquals(bought - used, l.freezes(), "held = bought - used, whatever the interleaving: " + done);
    }

    @Test
    void aSevenDayStreakPaysItsMilestoneOnceEver() throws Exception {
        String u = learner();
        Economy.Milestone seven = economy.streakMilestones().get(0);
        JsonNode last = null;
        for (int day = 1; day <= seven.days(); day++) {
            last = login(u);
            if (day < seven.days()) now.set(now.get().plusSeconds(86_400));
        }
        assertEquals(seven.days(), last.path("streak").path("current").asInt());
        List<String> reasons = new ArrayList<>();
        last.path("rewards").forEach(r -> reasons.add(r.path("kind").asText() + " " + r.path("amount").asLong() + " " + r.path("reason").asText()));
        assertTrue(reasons.contains("XP " + seven.xp() + " " + seven.days() + "-day streak"), reasons.toString());
        assertTrue(reasons.contains("DIAMONDS " + seven.diamonds() + " " + seven.days() + "-day streak"), reasons.toString());
        assertEquals(seven.diamonds(), engines.bean(LearnerRepository.class).get(u).diamonds());
        // Break it, build it again: the milestone does not pay twice.
        now.set(now.get().plusSeconds(3 * 86_400));
        for (int day = 1; day <= seven.days(); day++) {
            JsonNode r = login(u);
            assertEquals(day, r.path("streak").path("current").asInt());
            assertFalse(r.path("rewards").toString().contains("-day streak"), r.toString());
            now.set(now.get().plusSeconds(86_400));
        }
        assertEquals(1, ledger(u).stream().filter(i -> Attr.str(i, "entryId").startsWith("STREAK_MILESTONE#" + seven.days() + "|XP")).count());
    }

    /**
     * Two logins at the given instants in the zone: the streak they make, and the freezes used with one freeze held.
     * Paris springs forward on 2026-03-29 and falls back on 2026-10-25; New York on 2026-03-08 and 2026-11-01;
     * Sao Paulo had no midnight on 2015-10-18; Apia had no 2011-12-30.
     */
    @ParameterizedTest
    @CsvSource({
            // Paris: 22:30Z is 23:30 on the 28th (UTC+1), the next 22:30Z is 00:30 on the 30th (UTC+2): the 29th was missed.
            "Europe/Paris, 2026-03-28T22:30:00Z, 2026-03-29T22:30:00Z, 1, 2, 1",
            // ...and at 21:30Z each day it is the 28th then the 29th: consecutive.
            "Europe/Paris, 2026-03-28T21:30:00Z, 2026-03-29T21:30:00Z, 0, 2, 0",
            // Fall back: 22:30Z is 00:30 on the 25th (UTC+2) then 23:30 on the 25th (UTC+1): the same day twice.
            "Europe/Paris, 2026-10-24T22:30:00Z, 2026-10-25T22:30:00Z, 0, 1, 0",
            // New York: 04:30Z is 23:30 on the 7th (UTC-5); 03:30Z the next day is 23:30 on the 8th (UTC-4): consecutive...
            "America/New_York, 2026-03-08T04:30:00Z, 2026-03-09T03:30:00Z, 0, 2, 0",
            // ...but 04:30Z that day is already 00:30 on the 9th: the 8th was missed, and a held freeze covers it.
            "America/New_York, 2026-03-08T04:30:00Z, 2026-03-09T04:30:00Z, 1, 2, 1",
            "America/New_York, 2026-03-08T04:30:00Z, 2026-03-09T04:30:00Z, 0, 1, 0",
            // Fall back: 23:30 on Oct 31 (UTC-4), then 04:30Z on Nov 2 is 23:30 on Nov 1 (UTC-5): consecutive.
            "America/New_York, 2026-11-01T03:30:00Z, 2026-11-02T04:30:00Z, 0, 2, 0",
            // Sao Paulo 2015-10-18 had no midnight: 03:00Z was 00:00 (UTC-3) and became 01:00 (UTC-2); 03:30Z is 01:30 on the 18th.
            "America/Sao_Paulo, 2015-10-17T12:00:00Z, 2015-10-18T03:30:00Z, 0, 2, 0",
            // Apia: the 29th (UTC-10) then the 31st (UTC+14) are consecutive local days: the 30th never existed.
            "Pacific/Apia, 2011-12-29T20:00:00Z, 2011-12-30T12:00:00Z, 0, 2, 0",
            // Leap day and year end.
            "UTC, 2028-02-28T12:00:00Z, 2028-02-29T12:00:00Z, 0, 2, 0",
            "UTC, 2028-02-28T12:00:00Z, 2028-03-01T12:00:00Z, 1, 2, 1",
            "Asia/Tokyo, 2026-12-31T14:30:00Z, 2026-12-31T15:30:00Z, 0, 2, 0",
    })
    void theStreakFollowsLocalDaysAcrossDstGapsAndSkippedDates(String zone, Instant first, Instant second,
                                                               int freezesToBuy, int streak, int freezesUsed) throws Exception {
        String u = learner();
        setZone(u, zone);
        seedDiamonds(u, 50);
        for (int i = 0; i < freezesToBuy; i++) ok(buy(u, "f" + i, "{\"item\":\"streak-freeze\"}"));
        now.set(first);
        login(u);
        now.set(second);
        JsonNode r = login(u);
        assertEquals(streak, r.path("streak").path("current").asInt(), r.toString());
        assertEquals(freezesUsed, r.path("freezesUsed").asInt(), r.toString());
    }

    @Test
    void aLearnerFlippingBetweenUtcPlus14AndMinus12CannotFarmDays() throws Exception {
        String u = learner();
        now.set(Instant.parse("2026-11-23T11:00:00Z"));
        setZone(u, "Pacific/Kiritimati"); // UTC+14: the 24th
        assertEquals("2026-11-24", login(u).path("localDate").asText());
        APIGatewayV2HTTPResponse flip = call(profile, "PUT /me/timezone", u, "flip", "{\"timezone\":\"Etc/GMT+12\"}");
        assertEquals(429, flip.getStatusCode(), flip.getBody());
        assertEquals("RATE_LIMITED", code(flip));
        JsonNode again = login(u);
        assertEquals("2026-11-24", again.path("localDate").asText());
        assertEquals(0, again.path("rewards").size(), "one login reward per local day");
        assertEquals(economy.dailyLoginXp(), engines.bean(LearnerRepository.class).get(u).xp());
    }
}
