package dev.pyquest.domain.rewards;

import dev.pyquest.domain.content.Difficulty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RewardRulesTest {
    private static final RewardRules RULES = new RewardRules(Economy.bundled());
    @Test
    void firstPassKeyDependsOnlyOnTheActivity() {
        Grant a = RULES.firstPass("learner-1", "ex-0001", "sum-of-evens", Difficulty.EASY, "evt-1", "sub-1");
        Grant b = RULES.firstPass("learner-1", "ex-0001", "sum-of-evens", Difficulty.EASY, "evt-2", "sub-2");
        assertEquals("FIRST_PASS#ex-0001", a.grantKey());
        assertEquals(a.grantKey(), b.grantKey());
        assertEquals("evt-1", a.sourceEventId());
        assertEquals("sub-2", b.submissionId());
        // a renamed slug keeps the key: it is built on the stable id
        Grant renamed = RULES.firstPass("learner-1", "ex-0001", "even-sum", Difficulty.EASY, "evt-3", "sub-3");
        assertEquals(a.grantKey(), renamed.grantKey());
        assertNotEquals(a.grantKey(),
                RULES.firstPass("learner-1", "ex-0002", "sum-of-evens", Difficulty.EASY, "evt-1", "sub-1").grantKey());
        assertEquals("learner-1", a.userId());
    }

    @ParameterizedTest
    @CsvSource({"EASY, 10, 1", "MEDIUM, 25, 2", "HARD, 50, 4"})
    void firstPassAmountsByDifficulty(Difficulty d, long xp, long diamonds) {
        Grant g = RULES.firstPass("u", "ex-0005", "flatten", d, "e", "s");
        assertEquals(List.of(new Reward(RewardKind.XP, xp, "first pass: flatten"),
                new Reward(RewardKind.DIAMONDS, diamonds, "first pass: flatten")), g.rewards());
        assertEquals(xp, RULES.firstPassXp(d));
        assertEquals(diamonds, RULES.firstPassDiamonds(d));
    }

    @Test
    void dailyLoginIsOnePerLocalDay() {
        Grant g = RULES.dailyLogin("learner-1", LocalDate.of(2026, 11, 23), 1);
        assertEquals("DAILY_LOGIN#2026-11-23", g.grantKey());
        assertEquals(List.of(new Reward(RewardKind.XP, 5, "daily login 2026-11-23")), g.rewards());
        assertEquals(g.grantKey(), RULES.dailyLogin("learner-1", LocalDate.of(2026, 11, 23), 1).grantKey());
        assertNotEquals(g.grantKey(), RULES.dailyLogin("learner-1", LocalDate.of(2026, 11, 24), 1).grantKey());
        assertEquals("daily login 2027-01-05",
                RULES.dailyLogin("u", LocalDate.of(2027, 1, 5), 1).rewards().get(0).reason());
        assertEquals(RULES.dailyLogin("a", LocalDate.of(2026, 1, 1), 1).sourceEventId(),
                RULES.dailyLogin("a", LocalDate.of(2026, 1, 1), 1).sourceEventId());
    }

    @Test
    void grantRefusesEmptyRewards() {
        assertThrows(IllegalArgumentException.class, () -> new Grant("u", "K#1", List.of(), "e", null));
        assertThrows(IllegalArgumentException.class, () -> new Grant("u", "K#1", new ArrayList<>(), "e", null));
    }

    @Test
    void grantRefusesKeysWithAPipe() {
        List<Reward> r = List.of(new Reward(RewardKind.XP, 1, "x"));
        assertThrows(IllegalArgumentException.class, () -> new Grant("u", "FIRST_PASS#a|b", r, "e", null));
        assertThrows(IllegalArgumentException.class, () -> new Grant("u", "|", r, "e", null));
        assertThrows(IllegalArgumentException.class,
                () -> RULES.firstPass("u", "ex|1", "s", Difficulty.EASY, "e", "s"));
        assertEquals("FIRST_PASS#ex-1", new Grant("u", "FIRST_PASS#ex-1", r, "e", null).grantKey());
    }
}
