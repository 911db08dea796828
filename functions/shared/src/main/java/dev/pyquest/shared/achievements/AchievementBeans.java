package dev.pyquest.shared.achievements;

import dev.pyquest.domain.achievements.Achievements;
import dev.pyquest.shared.store.CatalogRepository;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

/**
 * The achievement engine of the achievements consumer, {@code GET /achievements} and the backfill: the rules
 * of {@code content/achievements.yaml}, bundled in the jar at build time (code-reviewed data, deployed with
 * the code that reads them, parsed in the init phase so a bad file fails the start), and the skills of the
 * catalog table (the course actually served).
 */
@Factory
public class AchievementBeans {
    /** Where the build copies {@code content/achievements.yaml} (functions/shared/pom.xml). */
    static final String RULES = "/dev/pyquest/shared/achievements/" + Achievements.FILE;

    @Singleton
    AchievementEngines achievementEngines(CatalogRepository catalog, Clock clock) {
        // Skill ids are not checked against the catalog here: the domain tests check the file against the
        // course at build time, and a catalog still empty (before load-content) must not fail the start.
        return AchievementEngines.fromCatalog(bundled(), catalog, clock);
    }

    /**
     * The rules this build bundles, parsed (skill ids not checked, as above): what the consumer runs and pays,
     * what the backfill applies, and what the invariant check holds the ledger's awards to.
     */
    public static Achievements bundled() {
        return Achievements.parse(bundledRules(), null);
    }

    static String bundledRules() {
        try (InputStream in = AchievementBeans.class.getResourceAsStream(RULES)) {
            if (in == null) throw new IllegalStateException(RULES + " is missing from the class path");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + RULES, e);
        }
    }
}
