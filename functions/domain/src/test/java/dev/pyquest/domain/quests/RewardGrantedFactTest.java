package dev.pyquest.domain.quests;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pyquest.domain.Json;
import dev.pyquest.domain.events.RewardGranted;
import dev.pyquest.domain.rewards.Economy.Metric;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** What quests take from a RewardGranted; what a malformed one is refused for is RewardGranted's own test (DomainEventHostileTest). */
class RewardGrantedFactTest {
    private static ObjectNode detail(String source, String difficulty, String firstTry, long xp, long diamonds) {
        ObjectNode d = Json.MAPPER.createObjectNode().put("eventId", "reward#u#K").put("userId", "u").put("grantKey", "K")
                .put("sourceEventId", "e").put("at", "2026-11-24T10:00:00Z");
        if (source != null) d.put("source", source);
        if (difficulty != null || firstTry != null) {
            ObjectNode a = d.putObject("attributes");
            if (difficulty != null) a.put("difficulty", difficulty);
            if (firstTry != null) a.put("firstTry", firstTry);
        }
        var rewards = d.putArray("rewards");
        rewards.addObject().put("kind", "XP").put("amount", xp).put("reason", "r");
        if (diamonds > 0) rewards.addObject().put("kind", "DIAMONDS").put("amount", diamonds).put("reason", "r");
        return d;
    }

    private static RewardGrantedFact fact(ObjectNode detail, String busTime) {
        return RewardGrantedFact.of(RewardGranted.fromDetail(detail), busTime == null ? null : Instant.parse(busTime));
    }

    /** Columns: source, difficulty, firstTry, xp | EXERCISES_PASSED, FIRST_TRY_PASSES, HARD_PASSES, XP_EARNED, QUIZZES_PASSED, LESSONS_COMPLETED. */
    @ParameterizedTest(name = "{0} {1} firstTry={2} xp={3}")
    @CsvSource(nullValues = "-", value = {
            "exercise,   EASY,   true,  15,  1, 1, 0, 15, 0, 0",
            "exercise,   EASY,   false, 10,  1, 0, 0, 10, 0, 0",
            "exercise,   HARD,   false, 50,  1, 0, 1, 50, 0, 0",
            "exercise,   HARD,   true,  55,  1, 1, 1, 55, 0, 0",
            "exercise,   MEDIUM, true,  0,   1, 1, 0, 0,  0, 0",   // XP cut to 0 by the daily cap: still a pass
            "quiz,       MEDIUM, -,     10,  0, 0, 0, 10, 1, 0",
            "lesson,     -,      -,     5,   0, 0, 0, 5,  0, 1",
            "dailyLogin, -,      -,     5,   0, 0, 0, 5,  0, 0",
            "streak,     -,      -,     50,  0, 0, 0, 50, 0, 0",
            "quest,      -,      -,     30,  0, 0, 0, 0,  0, 0",   // quest rewards never feed quests
            "-,          HARD,   true,  25,  0, 0, 0, 25, 0, 0",   // an older producer without source: XP only
            "achievement,-,      -,     40,  0, 0, 0, 0,  0, 0",   // achievement rewards never feed quests either
            "mystery,    -,      -,     40,  0, 0, 0, 40, 0, 0",   // a source this code does not know: XP only
    })
    void incrementsPerMetric(String source, String difficulty, String firstTry, long xp,
                             long passes, long firstTries, long hard, long xpEarned, long quizzes, long lessons) {
        RewardGrantedFact f = fact(detail(source, difficulty, firstTry, xp, 2), null);
        assertEquals(passes, f.increment(Metric.EXERCISES_PASSED));
        assertEquals(firstTries, f.increment(Metric.FIRST_TRY_PASSES));
        assertEquals(hard, f.increment(Metric.HARD_PASSES));
        assertEquals(xpEarned, f.increment(Metric.XP_EARNED), "diamonds are not XP");
        assertEquals(quizzes, f.increment(Metric.QUIZZES_PASSED));
        assertEquals(lessons, f.increment(Metric.LESSONS_COMPLETED));
    }

    @Test
    void readsOurIdsAndTime() {
        RewardGrantedFact f = fact(detail("exercise", "EASY", "true", 15, 1), "2030-01-01T00:00:00Z");
        assertEquals("reward#u#K", f.eventId());
        assertEquals("u", f.userId());
        assertEquals(Instant.parse("2026-11-24T10:00:00Z"), f.at(), "detail.at wins over the bus time");
        assertEquals(15, f.xp());
    }

    @Test
    void withoutAtTheBusTimeIsUsed() {
        ObjectNode d = detail(null, null, null, 5, 0);
        d.remove("at");
        RewardGrantedFact f = fact(d, "2026-11-23T10:15:31Z");
        assertEquals(Instant.parse("2026-11-23T10:15:31Z"), f.at());
        assertNull(f.source());
        assertThrows(IllegalArgumentException.class, () -> fact(d, null), "no time at all");
    }
}
