package dev.pyquest.domain.quests;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pyquest.domain.Hashing;
import dev.pyquest.domain.Json;
import dev.pyquest.domain.events.RewardGranted;
import dev.pyquest.domain.rewards.Economy;
import dev.pyquest.domain.rewards.Economy.QuestDef;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QuestBoardTest {
    private static final Economy ECONOMY = Economy.bundled();
    private static final LocalDate DAY = LocalDate.parse("2026-11-24");

    private static Set<String> ids(List<QuestDef> qs) {
        return qs.stream().map(QuestDef::id).collect(Collectors.toSet());
    }

    @Test
    void theSameLearnerAndDateAlwaysGetTheSameQuests() {
        List<QuestDef> first = QuestBoard.daily(ECONOMY, "learner-1", DAY);
        // A container started later parses the same configuration anew: same answer, nothing stored.
        Economy reparsed = Economy.parse(new String(readEconomyYaml()));
        assertEquals(first, QuestBoard.daily(reparsed, "learner-1", DAY));
        assertEquals(first, QuestBoard.daily(ECONOMY, "learner-1", LocalDate.of(2026, 11, 24)));
    }

    private static byte[] readEconomyYaml() {
        try (var in = Economy.class.getResourceAsStream(Economy.RESOURCE)) {
            return in.readAllBytes();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void eachDayHasDailyCountDistinctQuestsOfThePool() {
        Set<String> pool = ids(ECONOMY.dailyQuests());
        for (int u = 0; u < 20; u++) {
            for (int d = 0; d < 120; d++) {
                List<QuestDef> qs = QuestBoard.daily(ECONOMY, "learner-" + u, DAY.plusDays(d));
                assertEquals(ECONOMY.dailyQuestCount(), qs.size());
                assertEquals(qs.size(), ids(qs).size(), "no duplicates: " + qs);
                assertTrue(pool.containsAll(ids(qs)));
            }
        }
    }

    @Test
    void overManyDatesEveryPoolQuestAppearsAndTheDaysVary() {
        Set<String> seen = new HashSet<>();
        Set<Set<String>> combinations = new HashSet<>();
        for (int d = 0; d < 60; d++) {
            List<QuestDef> qs = QuestBoard.daily(ECONOMY, "learner-1", DAY.plusDays(d));
            seen.addAll(ids(qs));
            combinations.add(ids(qs));
        }
        assertEquals(ids(ECONOMY.dailyQuests()), seen);
        assertTrue(combinations.size() >= 8, "60 days drew only " + combinations.size() + " of the 20 possible sets");
        assertNotEquals(ids(QuestBoard.daily(ECONOMY, "learner-1", DAY)), ids(QuestBoard.daily(ECONOMY, "learner-1", DAY.plusDays(1))),
                "this learner's next day differs (a fixed fact of the hash, checked so a change of the rule shows)");
    }

    @Test
    void learnersOfTheSameDayGetDifferentQuests() {
        Set<Set<String>> combinations = new HashSet<>();
        for (int u = 0; u < 50; u++) combinations.add(ids(QuestBoard.daily(ECONOMY, "learner-" + u, DAY)));
        assertTrue(combinations.size() >= 8, "50 learners drew only " + combinations.size() + " sets");
    }

    @Test
    void theOrderIsSha256OfLearnerDateAndQuest() {
        // The rule is part of the contract: changing it reshuffles every learner's quests mid-day.
        String user = "learner-7";
        List<String> expected = ECONOMY.dailyQuests().stream()
                .sorted(Comparator.comparing(q -> Hashing.sha256Hex(user + "|" + DAY + "|" + q.id())))
                .limit(ECONOMY.dailyQuestCount()).map(QuestDef::id).toList();
        assertEquals(expected, QuestBoard.daily(ECONOMY, user, DAY).stream().map(QuestDef::id).toList());
    }

    @Test
    void theWeeklyChallengeIsSharedAndRotates() {
        QuestPeriod w48 = QuestPeriod.parseWeek("2026-W48").orElseThrow();
        QuestDef challenge = QuestBoard.weekly(ECONOMY, w48);
        assertEquals(challenge, QuestBoard.weekly(ECONOMY, QuestPeriod.weekOf(Instant.parse("2026-11-29T23:59:59Z"))));
        assertNotEquals(challenge, QuestBoard.weekly(ECONOMY, QuestPeriod.weekOf(Instant.parse("2026-11-30T00:00:00Z"))),
                "Monday 00:00 UTC starts the next challenge");
        Set<String> seen = new HashSet<>();
        QuestDef previous = null;
        for (int i = 0; i < 20; i++) {
            QuestDef q = QuestBoard.weekly(ECONOMY, QuestPeriod.weekOf(w48.start().plus(java.time.Duration.ofDays(7L * i))));
            assertNotEquals(previous, q, "two weeks in a row never repeat a challenge");
            seen.add(q.id());
            previous = q;
        }
        assertEquals(ids(ECONOMY.weeklyQuests()), seen);
        // across the year end too
        assertNotEquals(QuestBoard.weekly(ECONOMY, QuestPeriod.parseWeek("2026-W53").orElseThrow()),
                QuestBoard.weekly(ECONOMY, QuestPeriod.parseWeek("2027-W01").orElseThrow()));
    }

    private static ObjectNode exercise(String user, String at, String difficulty, boolean firstTry, long xp) {
        ObjectNode d = Json.MAPPER.createObjectNode().put("eventId", "reward#" + user + "#FIRST_PASS#ex-1").put("userId", user)
                .put("grantKey", "FIRST_PASS#ex-1").put("sourceEventId", "judged#s-1").put("source", "exercise").put("at", at);
        d.putObject("attributes").put("difficulty", difficulty).put("firstTry", Boolean.toString(firstTry));
        d.putArray("rewards").addObject().put("kind", "XP").put("amount", xp).put("reason", "first pass: x");
        return d;
    }

    private static RewardGrantedFact fact(ObjectNode detail) {
        return RewardGrantedFact.of(RewardGranted.fromDetail(detail), null);
    }

    @Test
    void aPassMovesTheQuestsOfTheLocalDayItHappenedOnAndTheWeek() {
        ZoneId paris = ZoneId.of("Europe/Paris");
        // 23:30 UTC on the 23rd is already the 24th in Paris, and still the 23rd in UTC.
        RewardGrantedFact f = fact(exercise("learner-1", "2026-11-23T23:30:00Z", "EASY", true, 15));
        for (ZoneId zone : List.of(paris, ZoneOffset.UTC)) {
            LocalDate local = zone.equals(paris) ? DAY : DAY.minusDays(1);
            List<QuestBoard.Step> steps = QuestBoard.steps(ECONOMY, f, zone);
            List<QuestBoard.Step> expected = new java.util.ArrayList<>();
            for (QuestDef q : QuestBoard.daily(ECONOMY, "learner-1", local)) {
                if (f.increment(q.metric()) > 0) expected.add(new QuestBoard.Step(QuestPeriod.day(local, zone), q, f.increment(q.metric())));
            }
            QuestDef w = QuestBoard.weekly(ECONOMY, QuestPeriod.parseWeek("2026-W48").orElseThrow());
            if (f.increment(w.metric()) > 0) expected.add(new QuestBoard.Step(QuestPeriod.parseWeek("2026-W48").orElseThrow(), w, f.increment(w.metric())));
            assertEquals(expected, steps, zone.toString());
            assertTrue(steps.stream().allMatch(s -> s.amount() > 0));
        }
    }

    @Test
    void aLearnerWithAPassQuestTodaySeesItMove() {
        // Find a learner whose quests today include pass-1, as the API tests do.
        String user = null;
        for (int u = 0; user == null; u++) {
            if (ids(QuestBoard.daily(ECONOMY, "learner-" + u, DAY)).contains("pass-1")) user = "learner-" + u;
        }
        RewardGrantedFact f = fact(exercise(user, "2026-11-24T12:00:00Z", "HARD", false, 50));
        List<QuestBoard.Step> steps = QuestBoard.steps(ECONOMY, f, ZoneOffset.UTC);
        QuestBoard.Step pass1 = steps.stream().filter(s -> s.quest().id().equals("pass-1")).findFirst().orElseThrow();
        assertEquals(1, pass1.amount());
        assertEquals("2026-11-24", pass1.period().id());
        assertTrue(steps.stream().noneMatch(s -> s.quest().id().equals("first-try")), "not a first try");
        assertEquals(steps.size(), steps.stream().map(s -> s.period().id() + s.quest().id()).distinct().count());
    }

    @Test
    void aQuestRewardMovesNothing() {
        ObjectNode d = Json.MAPPER.createObjectNode().put("eventId", "reward#u#QUEST#2026-11-24#pass-1").put("userId", "u")
                .put("grantKey", "QUEST#2026-11-24#pass-1").put("sourceEventId", "quest#2026-11-24#pass-1").put("source", "quest").put("at", "2026-11-24T12:00:00Z");
        d.putArray("rewards").addObject().put("kind", "XP").put("amount", 10).put("reason", "quest");
        for (int u = 0; u < 30; u++) {
            d.put("userId", "learner-" + u);
            assertEquals(List.of(), QuestBoard.steps(ECONOMY, fact(d), ZoneOffset.UTC));
        }
    }

    @Test
    void assignedAnswersOnlyForTheLearnersOwnQuests() {
        QuestPeriod day = QuestPeriod.day(DAY, ZoneOffset.UTC);
        Set<String> mine = ids(QuestBoard.daily(ECONOMY, "learner-1", DAY));
        for (QuestDef q : ECONOMY.dailyQuests()) {
            assertEquals(mine.contains(q.id()), QuestBoard.assigned(ECONOMY, "learner-1", QuestRef.of(day, q.id()), day).isPresent(), q.id());
        }
        QuestPeriod week = QuestPeriod.parseWeek("2026-W48").orElseThrow();
        QuestDef w = QuestBoard.weekly(ECONOMY, week);
        for (QuestDef q : ECONOMY.weeklyQuests()) {
            assertEquals(q.equals(w), QuestBoard.assigned(ECONOMY, "anyone", QuestRef.of(week, q.id()), week).isPresent(), q.id());
        }
    }
}
