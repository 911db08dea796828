package dev.pyquest.shared.achievements;

import dev.pyquest.domain.achievements.SkillCatalog;
import dev.pyquest.domain.content.Difficulty;
import dev.pyquest.shared.store.CatalogRepository.Activity;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The engines' skill catalog, built from the stored catalog, leaves premium exercises out of mastery like the course's. */
class CatalogSkillsTest {
    private static Activity exercise(String id, boolean premium, String... skills) {
        return new Activity(id, id, id, "exercise", Difficulty.HARD, List.of(skills), "", "", "[]", List.of(), "f", null, 0, List.of(), premium);
    }

    @Test
    void premiumExercisesNeitherRaiseNorFillASkillsBar() {
        SkillCatalog c = AchievementEngines.skills(List.of(exercise("ex-1", false, "loops"), exercise("ex-2", false, "loops", "lists"),
                exercise("ex-9", true, "loops", "lists")));
        assertEquals(Map.of("loops", 2, "lists", 1), c.exercisesPerSkill());
        assertEquals(Set.of("ex-9"), c.premiumExercises());
        assertFalse(c.countsTowardsMastery("ex-9"));
        assertTrue(c.countsTowardsMastery("ex-1"));
        assertEquals(List.of("loops", "lists"), c.skillsOf("ex-9"), "its skills are still known (facts, BKT)");
    }
}
