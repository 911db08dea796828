package dev.pyquest.domain.rewards;

import dev.pyquest.domain.content.Difficulty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** economy.yaml is the one place amounts live; a bad edit fails at start naming its field. */
class EconomyTest {
    private static final RewardRules RULES = new RewardRules(Economy.bundled());
    private static String shipped() throws IOException {
        try (InputStream in = Economy.class.getResourceAsStream(Economy.RESOURCE)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void theShippedEconomyParsesAndIsWhatTheRulesGrant() {
        Economy e = Economy.bundled();
        assertEquals(3, e.dailyQuestCount());
        assertTrue(e.dailyQuests().size() >= e.dailyQuestCount());
        assertEquals(java.util.List.of(7, 30, 100), e.streakMilestones().stream().map(Economy.Milestone::days).toList());
        assertEquals(2, e.shopItem("streak-freeze").orElseThrow().maxHeld(), "at most 2 freezes equipped");
        assertTrue(e.shopItem("hint").orElseThrow().needsExercise());
        for (Difficulty d : Difficulty.values()) {
            Grant g = RULES.firstPass("u", "ex-1", "s", d, true, "e", "s-1");
            assertEquals(e.exerciseXp().get(d) + e.firstTryBonusXp(), g.amount(RewardKind.XP));
            assertEquals(e.exerciseDiamonds().get(d), g.amount(RewardKind.DIAMONDS));
            assertEquals(e.exerciseXp().get(d), RULES.firstPass("u", "ex-1", "s", d, false, "e", "s-1").amount(RewardKind.XP));
        }
        assertTrue(e.dailyXpCap(RewardSource.EXERCISE).isPresent());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "'  exercise: { EASY: 10, MEDIUM: 25, HARD: 50 }'|'  exercise: { EASY: 10, MEDIUM: 25 }'|xp.exercise.HARD is missing",
            "'  lesson: 5 '|'  lesson: -5 '|xp.lesson must be a whole number from 0",
            "'  lesson: 5 '|'  lesson: 2.5 '|xp.lesson must be a whole number",
            "'  - { days: 30, xp: 200, diamonds: 20 }'|'  - { days: 5, xp: 200, diamonds: 20 }'|streakMilestones[1].days must be greater than the milestone before (7)",
            "'  quiz: 150'|'  quizz: 150'|dailyXpCaps.quizz is not a source",
            "'    price: 10'|'    price: 0'|shop[0].price must be a whole number from 1",
            "'  - id: skip-token'|'  - id: hint'|shop[2].id 'hint' is used twice",
            "'  dailyCount: 3 '|'  dailyCount: 9 '|quests.dailyCount is 9 but the daily pool has 6 quests",
            "'metric: HARD_PASSES'|'metric: HARDER_PASSES'|quests.weekly[1].metric must be one of",
            "'firstTryBonus: 5 '|'firstTryBonuss: 5 '|xp.firstTryBonuss is not a known field",
            "'price: 60, maxHeld: 1, cosmetic: frame'|'price: 60, maxHeld: 1, cosmetic: hat'|shop[4].cosmetic must be one of [frame, theme, title]",
            "'price: 60, maxHeld: 1, cosmetic: frame'|'price: 60, maxHeld: 2, cosmetic: frame'|shop[4] a cosmetic is bought once",
    })
    void aBadEditIsRefusedNamingTheField(String from, String to, String message) throws IOException {
        String yaml = shipped();
        assertTrue(yaml.contains(from), "fixture out of date: economy.yaml no longer contains '" + from + "'");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Economy.parse(yaml.replace(from, to)));
        assertTrue(e.getMessage().startsWith("economy.yaml: "), e.getMessage());
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @Test
    void theShopSellsCosmeticsForEverySlotEachBoughtOnce() {
        Economy e = Economy.bundled();
        assertEquals(java.util.Set.copyOf(Economy.COSMETIC_SLOTS),
                e.cosmetics().stream().map(Economy.ShopItem::cosmetic).collect(java.util.stream.Collectors.toSet()));
        assertTrue(e.cosmetics().stream().allMatch(i -> i.maxHeld() == 1 && !i.needsExercise()));
    }

    @Test
    void notYamlOrNotAMappingIsRefused() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Economy.parse("xp: [")).getMessage().contains("not valid YAML"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Economy.parse("- 1")).getMessage().contains("must be a mapping"));
    }

    @Test
    void aRepeatedKeyIsRefusedNamingItInsteadOfKeepingTheLastOne() throws IOException {
        String yaml = shipped();
        assertTrue(yaml.contains("  lesson: 5 "), "fixture out of date");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Economy.parse(yaml.replace("  lesson: 5 ", "  lesson: 5\n  lesson: 500 ")));
        assertTrue(e.getMessage().startsWith("economy.yaml: "), e.getMessage());
        assertTrue(e.getMessage().contains("Duplicate field 'lesson'"), e.getMessage());
    }
}
