package dev.pyquest.local;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pyquest.domain.Json;
import dev.pyquest.domain.achievements.AchievementEngine;
import dev.pyquest.domain.achievements.AchievementFact;
import dev.pyquest.domain.achievements.Evaluation;
import dev.pyquest.domain.achievements.LearnerAchievements;
import dev.pyquest.domain.achievements.Period;
import dev.pyquest.domain.achievements.Unlock;
import dev.pyquest.domain.events.BusEvent;
import dev.pyquest.shared.achievements.AchievementEngines;
import dev.pyquest.events.AchievementsFunction;
import dev.pyquest.local.economy.InvariantCheck;
import dev.pyquest.shared.config.Tables;
import dev.pyquest.shared.rewards.RewardsService;
import dev.pyquest.shared.store.AchievementRepository;
import dev.pyquest.shared.store.Attr;
import dev.pyquest.shared.store.LearnerRepository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Achievements through the real consumer on DynamoDB Local: duplicated and shuffled deliveries, concurrent
 * facts that cross a threshold together, and a crash between the transaction and the grants. Every case
 * ends on the same proof: each unlock stored once, each one paid once in the ledger (one line per kind of
 * its level's rewards, one RewardGranted in the outbox), nothing paid that is not unlocked, wallet = ledger;
 * and the invariant check over all the tables (which also holds the rarity counters to the holders).
 */
class AchievementsIT {
    private static final Instant DAY = Instant.parse("2026-11-25T09:00:00Z");
    private static final String BRONZE = "problem-solver#bronze";

    private final Engines engines = new Engines(Clock.fixed(DAY.plusSeconds(3600), ZoneOffset.UTC));

    @AfterEach
    void stopEngines() {
        engines.close();
    }

    // ------------------------------------------------------------------ helpers

    private AchievementEngine engine() {
        return engines.bean(AchievementEngines.class).current();
    }

    /**
     * A RewardGranted of the first pass of exercise {@code n}, as RewardsService writes it. No submissionId: the
     * grant would add the badge to a submission this test does not store (RewardsService refuses an unknown one).
     */
    static Map<String, Object> passed(String userId, int n, Instant at) {
        ObjectNode detail = Json.MAPPER.createObjectNode()
                .put("eventId", "reward#" + userId + "#FIRST_PASS#ex-" + n).put("userId", userId)
                .put("grantKey", "FIRST_PASS#ex-" + n).put("sourceEventId", "judged#s-" + userId + "-" + n)
                .put("source", "exercise").put("at", at.toString());
        detail.putObject("attributes").put("difficulty", "EASY").put("firstTry", "false");
        detail.putArray("rewards").addObject().put("kind", "XP").put("amount", 10).put("reason", "first pass: ex-" + n);
        return QuestsIT.envelope(detail, at);
    }

    private Map<String, Object> deliver(Map<String, Object> event) {
        return engines.bean(AchievementsFunction.class).handleRequest(event, null);
    }

    private AchievementFact fact(Map<String, Object> event) {
        BusEvent e = BusEvent.read(event).orElseThrow();
        return AchievementFact.of(e.detail(), e.time(), ZoneOffset.UTC, engine().catalog()).orElseThrow();
    }

    /** What the pure engine unlocks over {@code facts} applied once each, in order: the expected unlocks. */
    private Set<String> expectedUnlocks(List<Map<String, Object>> distinct) {
        AchievementEngine engine = engine();
        Map<String, Long> progress = new HashMap<>();
        Set<String> unlocked = new TreeSet<>();
        for (Map<String, Object> e : distinct) {
            Evaluation ev = engine.evaluate(fact(e), new LearnerAchievements(progress, unlocked));
            for (Evaluation.Change c : ev.changes()) progress.put(c.key(), c.after());
            for (Unlock u : ev.unlocks()) unlocked.add(u.key());
        }
        return unlocked;
    }

    private Set<String> unlocks(String userId) {
        return new TreeSet<>(engines.bean(AchievementRepository.class).state(userId).unlocked());
    }

    private List<Map<String, AttributeValue>> ledger(String userId) {
        return engines.bean(DynamoDbClient.class).query(b -> b.tableName(engines.bean(Tables.class).ledger()).consistentRead(true)
                .keyConditionExpression("userId = :u").expressionAttributeValues(Map.of(":u", Attr.s(userId)))).items();
    }

    /**
     * Every unlock paid once and nothing else paid: the ledger's ACHIEVEMENT# lines are exactly the levels
     * unlocked, each with the kinds its level pays; one outbox RewardGranted per unlock; wallet = ledger; and
     * {@link InvariantCheck} clean over every table.
     */
    private void assertEachUnlockPaidOnce(String userId, Set<String> expected) {
        assertEquals(expected, unlocks(userId), "unlocks of " + userId);
        AchievementEngine engine = engine();
        Map<String, List<String>> paid = new TreeMap<>();
        long xp = 0, diamonds = 0;
        for (Map<String, AttributeValue> line : ledger(userId)) {
            String entry = Attr.str(line, "entryId");
            assertTrue(entry.startsWith("ACHIEVEMENT#"), "only achievements are paid in this test: " + entry);
            paid.computeIfAbsent(entry.substring("ACHIEVEMENT#".length(), entry.indexOf('|')), k -> new ArrayList<>())
                    .add(entry.substring(entry.indexOf('|') + 1));
            if ("XP".equals(Attr.str(line, "kind"))) xp += Attr.num(line, "amount", 0);
            if ("DIAMONDS".equals(Attr.str(line, "kind"))) diamonds += Attr.num(line, "amount", 0);
        }
        assertEquals(expected, paid.keySet(), "paid levels = unlocked levels");
        long expectedXp = 0, expectedDiamonds = 0;
        for (String key : expected) {
            var level = engine.rules().all().stream().flatMap(a -> a.levels().stream()).filter(l -> l.key().equals(key))
                    .findFirst().orElseThrow();
            List<String> kinds = new ArrayList<>(List.of("BADGE"));
            if (level.xp() > 0) kinds.add("XP");
            if (level.diamonds() > 0) kinds.add("DIAMONDS");
            assertEquals(new TreeSet<>(kinds), new TreeSet<>(paid.get(key)), key);
            expectedXp += level.xp();
            expectedDiamonds += level.diamonds();
        }
        var learner = engines.bean(LearnerRepository.class).get(userId);
        assertEquals(expectedXp, learner.xp(), "wallet XP = the levels' XP, once each");
        assertEquals(expectedDiamonds, learner.diamonds(), "wallet diamonds = the levels' diamonds, once each");
        long events = engines.bean(DynamoDbClient.class).scan(b -> b.tableName(engines.bean(Tables.class).outbox())).items().stream()
                .filter(i -> Attr.str(i, "eventId").startsWith("reward#" + userId + "#ACHIEVEMENT#")).count();
        assertEquals(expected.size(), events, "one RewardGranted per unlock");
        InvariantCheck.Report report = InvariantCheck.run(engines.bean(DynamoDbClient.class), engines.bean(Tables.class));
        assertTrue(report.clean(), report.violations().toString());
        assertEquals(expected.size(), report.unlocks(), report.summary());
    }

    // ------------------------------------------------------------------ tests

    @Test
    void fiftyDuplicatedAndShuffledDeliveriesUnlockEachLevelOnceAndPayItOnce() {
        String u = "shuffled";
        List<Map<String, Object>> distinct = new ArrayList<>();
        for (int n = 1; n <= 6; n++) distinct.add(passed(u, n, DAY.plusSeconds(60L * n)));
        List<Map<String, Object>> deliveries = new ArrayList<>();
        for (int i = 0; i < 50; i++) deliveries.add(QuestsIT.redelivered(distinct.get(i % distinct.size())));
        Collections.shuffle(deliveries, new Random(13));

        Set<Object> seen = new HashSet<>();
        Map<String, Integer> outcomes = new TreeMap<>();
        for (Map<String, Object> d : deliveries) {
            Map<String, Object> out = deliver(d);
            outcomes.merge(String.valueOf(out.get("outcome")), 1, Integer::sum);
            seen.add(((Map<?, ?>) d.get("detail")).get("eventId"));
            // Bronze at the 5th distinct pass, not the 4th, whatever the order and the duplicates.
            assertEquals(seen.size() >= 5, unlocks(u).contains(BRONZE), seen.size() + " distinct passes: " + unlocks(u));
        }
        assertEquals(Map.of("APPLIED", 6, "ALREADY_APPLIED", 44), outcomes);
        assertEquals(6, engines.bean(AchievementRepository.class).state(u).value("problem-solver"));
        Set<String> expected = expectedUnlocks(distinct);
        assertTrue(expected.containsAll(List.of("hello-world", BRONZE)), expected.toString());
        assertEachUnlockPaidOnce(u, expected);
    }

    @Test
    void concurrentFactsThatCrossAThresholdTogetherUnlockItOnce() throws Exception {
        String u = "concurrent";
        List<Map<String, Object>> distinct = new ArrayList<>();
        for (int n = 1; n <= 8; n++) distinct.add(passed(u, n, DAY.plusSeconds(60L * n)));
        for (int n = 0; n < 4; n++) assertEquals("APPLIED", deliver(distinct.get(n)).get("outcome"));
        assertFalse(unlocks(u).contains(BRONZE));
        // Passes 5 to 8 at once, each delivered twice: four facts race on the same counters and the 5th crosses.
        List<Map<String, Object>> burst = new ArrayList<>();
        for (int n = 4; n < 8; n++) {
            burst.add(distinct.get(n));
            burst.add(QuestsIT.redelivered(distinct.get(n)));
        }
        AtomicInteger next = new AtomicInteger();
        List<Map<String, Object>> outs = Race.run(burst.size(), () -> deliver(burst.get(next.getAndIncrement())));
        Map<String, Integer> outcomes = new TreeMap<>();
        List<Object> bronzes = new ArrayList<>();
        for (Map<String, Object> o : outs) {
            outcomes.merge(String.valueOf(o.get("outcome")), 1, Integer::sum);
            if ("APPLIED".equals(o.get("outcome")) && ((List<?>) o.get("unlocked")).contains(BRONZE)) bronzes.add(o);
        }
        assertEquals(Map.of("APPLIED", 4, "ALREADY_APPLIED", 4), outcomes, outs.toString());
        assertEquals(1, bronzes.size(), "one delivery unlocked bronze: " + outs);
        assertEquals(8, engines.bean(AchievementRepository.class).state(u).value("problem-solver"), "no pass lost, none counted twice");
        assertEachUnlockPaidOnce(u, expectedUnlocks(distinct));
    }

    @Test
    void aRedeliveryAfterACrashBetweenTheTransactionAndTheGrantsPaysOnce() {
        String u = "crashed";
        Map<String, Object> first = passed(u, 1, DAY);
        AchievementFact fact = fact(first);
        AchievementRepository repo = engines.bean(AchievementRepository.class);
        AchievementRepository.Snapshot read = repo.read(u);
        Evaluation ev = engine().evaluate(fact, read.state());
        assertTrue(ev.unlocks().stream().anyMatch(x -> x.key().equals("hello-world")), ev.toString());
        // The first delivery's transaction commits, then its Lambda dies before a single grant.
        assertEquals(AchievementRepository.Applied.APPLIED, repo.apply(u, fact.eventId(), ev, read, DAY, DAY));
        assertTrue(ledger(u).isEmpty());

        Map<String, Object> out = deliver(QuestsIT.redelivered(first));
        assertEquals("ALREADY_APPLIED", out.get("outcome"));
        Set<String> expected = new LinkedHashSet<>(ev.unlocks().stream().map(Unlock::key).sorted().toList());
        assertEquals(List.copyOf(expected), out.get("unlocked"), "the redelivery pays what its fact unlocked");
        assertEachUnlockPaidOnce(u, new TreeSet<>(expected));
        assertEquals(1, repo.state(u).value("problem-solver"), "and counts nothing again");

        // Redelivered again (and while a later fact moved on): still once.
        assertEquals("APPLIED", deliver(passed(u, 2, DAY.plusSeconds(60))).get("outcome"));
        assertEquals("ALREADY_APPLIED", deliver(QuestsIT.redelivered(first)).get("outcome"));
        assertEachUnlockPaidOnce(u, expectedUnlocks(List.of(first, passed(u, 2, DAY.plusSeconds(60)))));
    }

    @Test
    void anUnlockPaidInItsOwnTransactionIsNeverStoredUnpaid() {
        String u = "together";
        Map<String, Object> first = passed(u, 1, DAY);
        Map<String, Object> out = deliver(first);
        assertEquals("APPLIED", out.get("outcome"));
        assertTrue(((List<?>) out.get("unlocked")).contains("hello-world"), out.toString());
        assertEachUnlockPaidOnce(u, expectedUnlocks(List.of(first)));
        assertEquals("ALREADY_APPLIED", deliver(QuestsIT.redelivered(first)).get("outcome"));
        assertEachUnlockPaidOnce(u, expectedUnlocks(List.of(first)));
    }

    @Test
    void aLevelFoundPaidAlreadyStillUnlocksWithItsFactAndTheOthersArePaidOnce() {
        // The ledger line of hello-world exists before its unlock (paid by an earlier attempt of another payer): the
        // fact's transaction, payments included, is refused on it; the fact is then written alone and every grant
        // made one by one, hello-world's found already paid.
        String u = "prepaid";
        Map<String, Object> first = passed(u, 1, DAY);
        @SuppressWarnings("unchecked") Map<String, Object> detail = (Map<String, Object>) first.get("detail");
        @SuppressWarnings("unchecked") Map<String, Object> attributes = (Map<String, Object>) detail.get("attributes");
        attributes.put("firstTry", "true"); // hello-world and first-try
        Unlock helloWorld = engine().rules().unlock("hello-world").orElseThrow();
        assertEquals(RewardsService.Outcome.GRANTED,
                engines.bean(RewardsService.class).grant(helloWorld.grant(u, "reward#" + u + "#FIRST_PASS#ex-1", null)));

        Map<String, Object> out = deliver(first);
        assertEquals("APPLIED", out.get("outcome"), out.toString());
        Set<String> expected = expectedUnlocks(List.of(first));
        assertTrue(expected.size() > 1, "another level to pay beside hello-world: " + expected);
        assertEquals(expected, new TreeSet<>(((List<?>) out.get("unlocked")).stream().map(Object::toString).toList()));
        assertEachUnlockPaidOnce(u, expected);
        assertEquals(1, engines.bean(AchievementRepository.class).state(u).value("problem-solver"), "counted once");
    }

    @Test
    void aFactReadsThePeriodsOfItsWeekOnlyAndCountsOnAPeriodStoredTheOldWay() {
        String u = "periods";
        AchievementRepository repo = engines.bean(AchievementRepository.class);
        // Stored before periods were set apart: today's sum as ach#p#busy-day@<day>.
        String today = "busy-day@" + LocalDate.ofInstant(DAY, ZoneOffset.UTC);
        engines.bean(DynamoDbClient.class).putItem(b -> b.tableName(engines.bean(Tables.class).economy())
                .item(Map.of("userId", Attr.s(u), "itemId", Attr.s(AchievementRepository.PROGRESS + today), "value", Attr.n(40))));
        assertEquals("APPLIED", deliver(passed(u, 1, DAY)).get("outcome"));
        assertEquals(50, repo.state(u).value(today), "counted on where it is");

        Instant later = DAY.plus(java.time.Duration.ofDays(8));
        assertEquals("APPLIED", deliver(passed(u, 2, later)).get("outcome"));
        String then = "busy-day@" + LocalDate.ofInstant(later, ZoneOffset.UTC);
        assertEquals(10, repo.state(u).value(then));
        AchievementFact next = fact(passed(u, 3, later.plusSeconds(60)));
        var recent = repo.read(u, Period.earliestStart(next)).state();
        String firstWeek = "big-week@" + AchievementFact.isoWeek(LocalDate.ofInstant(DAY, ZoneOffset.UTC));
        assertEquals(10, repo.state(u).value(firstWeek));
        assertEquals(10, recent.value(then), "the fact's own periods are read");
        assertEquals(0, recent.value(firstWeek), "a past week's are not");
        assertEquals(50, recent.value(today), "except those stored the old way, read with the lasting ones");
        assertEquals(2, recent.value("problem-solver"), "nothing lasting is left out");
        assertEquals(repo.read(u).unlocks(), repo.read(u, Period.earliestStart(next)).unlocks());
        Set<String> expected = new TreeSet<>(expectedUnlocks(List.of(passed(u, 1, DAY), passed(u, 2, later))));
        expected.add("busy-day#bronze"); // 40 stored + 10: the 50 XP of its target in one day
        assertEachUnlockPaidOnce(u, expected);
    }

    @Test
    void aFactThatChangesNothingOnRedeliveryStillPaysWhatItUnlockedBeforeACrash() {
        // A login that made a 7-day streak and paid only diamonds: once applied, its redelivery moves nothing
        // (the best streak is already 7, no XP to sum); the consumer finds the fact's marker and must still pay.
        String u = "login";
        ObjectNode detail = Json.MAPPER.createObjectNode()
                .put("eventId", "reward#" + u + "#DAILY_LOGIN#2026-11-25").put("userId", u)
                .put("grantKey", "DAILY_LOGIN#2026-11-25").put("sourceEventId", "login#" + u + "#2026-11-25")
                .put("source", "dailyLogin").put("at", DAY.toString());
        detail.putObject("attributes").put("streakDays", "7");
        detail.putArray("rewards").addObject().put("kind", "DIAMONDS").put("amount", 1).put("reason", "daily login");
        Map<String, Object> login = QuestsIT.envelope(detail, DAY);
        AchievementFact fact = fact(login);
        AchievementRepository repo = engines.bean(AchievementRepository.class);
        AchievementRepository.Snapshot read = repo.read(u);
        Evaluation ev = engine().evaluate(fact, read.state());
        assertTrue(ev.unlocks().stream().anyMatch(x -> x.key().equals("on-a-roll#bronze")), ev.toString());
        assertEquals(AchievementRepository.Applied.APPLIED, repo.apply(u, fact.eventId(), ev, read, DAY, DAY));
        assertTrue(engine().evaluate(fact, repo.state(u)).isEmpty(), "nothing left to change");

        Map<String, Object> out = deliver(QuestsIT.redelivered(login));
        assertEquals("ALREADY_APPLIED", out.get("outcome"));
        Set<String> expected = new TreeSet<>(ev.unlocks().stream().map(Unlock::key).toList());
        assertEquals(List.copyOf(expected), out.get("unlocked"));
        assertEachUnlockPaidOnce(u, expected);
        assertEquals("ALREADY_APPLIED", deliver(QuestsIT.redelivered(login)).get("outcome"));
        assertEachUnlockPaidOnce(u, expected);
    }

    // ------------------------------------------------------------------ through the local stack

    @org.junit.jupiter.api.io.TempDir
    java.nio.file.Path data;

    @Test
    void aFirstPassOverHttpUnlocksHelloWorldThroughTheStacksRuleAndPaysItOnce() {
        try (LocalStack stack = LocalStack.start(LocalStack.Config.fromEnvironment().withDataDir(data).withPort(0))) {
            Api api = new Api(stack.port());
            String t = api.token("e2e-achiever");
            Api.Response sub = api.submit("sum-of-evens", t, "pass", CoreLoopIT.SUM_OF_EVENS);
            assertEquals(202, sub.status(), String.valueOf(sub.body()));
            com.fasterxml.jackson.databind.JsonNode verdict = api.awaitVerdict(sub.body().path("submissionId").asText(), t, true,
                    java.time.Duration.ofSeconds(60));
            assertEquals("PASSED", verdict.path("status").asText(), verdict.toString());
            // RewardGranted: outbox -> relay -> bus -> AchievementsFunction -> RewardsService -> ledger.
            List<String> badges = List.of();
            com.fasterxml.jackson.databind.JsonNode ledger = null;
            long end = System.nanoTime() + java.time.Duration.ofSeconds(20).toNanos();
            while (System.nanoTime() < end) {
                ledger = api.get("/me/transactions", t).body();
                List<String> b = new ArrayList<>();
                for (com.fasterxml.jackson.databind.JsonNode line : ledger) {
                    if ("BADGE".equals(line.path("kind").asText())) b.add(line.path("reason").asText());
                }
                badges = b;
                if (badges.contains("achievement: Hello, world")) break;
                Api.sleep(20);
            }
            assertTrue(badges.contains("achievement: Hello, world"), ledger + ", dead letters: " + stack.bus().deadLetters("AchievementsDlq"));
            assertEquals(badges.size(), new HashSet<>(badges).size(), "each badge once: " + badges);
            Api.sleep(300);
            long xp = 0, diamonds = 0;
            for (com.fasterxml.jackson.databind.JsonNode line : api.get("/me/transactions", t).body()) {
                if ("XP".equals(line.path("kind").asText())) xp += line.path("amount").asLong();
                if ("DIAMONDS".equals(line.path("kind").asText())) diamonds += line.path("amount").asLong();
            }
            com.fasterxml.jackson.databind.JsonNode me = api.get("/me", t).body();
            assertEquals(xp, me.path("xp").asLong(), "wallet = ledger: " + me);
            assertEquals(diamonds, me.path("diamonds").asLong(), "wallet = ledger: " + me);
            assertTrue(stack.bus().deadLetters("AchievementsDlq").isEmpty(), String.valueOf(stack.bus().deadLetters("AchievementsDlq")));
        }
    }
}
