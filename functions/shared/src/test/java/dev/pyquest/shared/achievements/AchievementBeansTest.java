package dev.pyquest.shared.achievements;

import dev.pyquest.shared.testing.Samples;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AchievementBeansTest {
    @Test
    void theJarCarriesTheRulesOfContent() throws Exception {
        assertEquals(Files.readString(Samples.root().resolve("content/achievements.yaml")), AchievementBeans.bundledRules());
    }
}
