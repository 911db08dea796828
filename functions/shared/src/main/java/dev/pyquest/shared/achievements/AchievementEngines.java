package dev.pyquest.shared.achievements;

import dev.pyquest.domain.achievements.AchievementEngine;
import dev.pyquest.domain.achievements.Achievements;
import dev.pyquest.domain.achievements.SkillCatalog;
import dev.pyquest.shared.store.CatalogRepository;
import dev.pyquest.shared.store.Refreshing;

import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The achievement engine as of the catalog now: the rules are fixed for the deployment (bundled), the skills
 * come from the catalog table, re-read once they are older than {@link Refreshing#REFRESH}: an engine built on an
 * empty catalog would never see a skill mastered.
 */
public final class AchievementEngines {
    private final Refreshing<AchievementEngine> engine;

    private AchievementEngines(Refreshing<AchievementEngine> engine) {
        this.engine = engine;
    }

    /** Always {@code engine} (tests, and anything that holds its course already). */
    public static AchievementEngines fixed(AchievementEngine engine) {
        return new AchievementEngines(Refreshing.fixed(engine));
    }

    /** {@code rules} with the skills of {@code catalog}, re-read every {@link Refreshing#REFRESH}. */
    public static AchievementEngines fromCatalog(Achievements rules, CatalogRepository catalog, Clock clock) {
        return new AchievementEngines(Refreshing.every(() -> new AchievementEngine(rules, skills(catalog.list())), clock));
    }

    public AchievementEngine current() {
        return engine.current();
    }

    /** The skills of each activity and the exercises per skill, as {@link SkillCatalog#of} takes them from the course. */
    static SkillCatalog skills(List<CatalogRepository.Activity> activities) {
        Set<String> skills = new HashSet<>();
        Map<String, List<String>> byActivity = new HashMap<>();
        Map<String, Integer> perSkill = new HashMap<>();
        Set<String> premium = new HashSet<>();
        for (CatalogRepository.Activity a : activities) {
            List<String> s = a.skills() == null ? List.of() : List.copyOf(a.skills());
            byActivity.put(a.activityId(), s);
            skills.addAll(s);
            if (a.premium()) {
                premium.add(a.activityId()); // left out of mastery, as SkillCatalog.of leaves it out of the course's
            } else if (CatalogRepository.EXERCISE.equals(a.kind())) {
                for (String skill : new LinkedHashSet<>(s)) perSkill.merge(skill, 1, Integer::sum);
            }
        }
        return new SkillCatalog(skills, byActivity, perSkill, premium);
    }
}
