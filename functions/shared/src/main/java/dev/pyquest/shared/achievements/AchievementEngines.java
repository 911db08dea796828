package dev.pyquest.shared.achievements;

import dev.pyquest.domain.achievements.AchievementEngine;
import dev.pyquest.domain.achievements.Achievements;
import dev.pyquest.domain.achievements.SkillCatalog;
import dev.pyquest.shared.store.CatalogRepository;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The achievement engine as of the catalog now: the rules are fixed for the deployment (bundled), the skills
 * come from the catalog table, which content loads fill after a deploy, while containers already run (and the
 * local stack builds its functions before it loads the course). So the skill catalog is re-read once it is
 * older than {@link #REFRESH}: an engine built on an empty catalog would never see a skill mastered.
 */
public final class AchievementEngines {
    /** Content changes at deploy time: a minute late is fine, a scan per event is not. */
    public static final Duration REFRESH = Duration.ofMinutes(1);

    private final Supplier<AchievementEngine> build;
    private final Clock clock;
    private final Duration refresh;
    private AchievementEngine engine;
    private Instant builtAt;

    private AchievementEngines(Supplier<AchievementEngine> build, Clock clock, Duration refresh) {
        this.build = build;
        this.clock = clock;
        this.refresh = refresh;
    }

    /** Always {@code engine} (tests, and anything that holds its course already). */
    public static AchievementEngines fixed(AchievementEngine engine) {
        AchievementEngines e = new AchievementEngines(() -> engine, Clock.systemUTC(), null);
        e.engine = engine;
        return e;
    }

    /** {@code rules} with the skills of {@code catalog}, re-read every {@link #REFRESH}. */
    public static AchievementEngines fromCatalog(Achievements rules, CatalogRepository catalog, Clock clock) {
        return new AchievementEngines(() -> new AchievementEngine(rules, skills(catalog.list())), clock, REFRESH);
    }

    public synchronized AchievementEngine current() {
        if (engine == null || (refresh != null && !clock.instant().isBefore(builtAt.plus(refresh)))) {
            engine = build.get();
            builtAt = clock.instant();
        }
        return engine;
    }

    /** The skills of each activity and the exercises per skill, as {@link SkillCatalog#of} takes them from the course. */
    static SkillCatalog skills(List<CatalogRepository.Activity> activities) {
        Set<String> skills = new HashSet<>();
        Map<String, List<String>> byActivity = new HashMap<>();
        Map<String, Integer> perSkill = new HashMap<>();
        for (CatalogRepository.Activity a : activities) {
            List<String> s = a.skills() == null ? List.of() : List.copyOf(a.skills());
            byActivity.put(a.activityId(), s);
            skills.addAll(s);
            if (CatalogRepository.EXERCISE.equals(a.kind())) {
                for (String skill : new LinkedHashSet<>(s)) perSkill.merge(skill, 1, Integer::sum);
            }
        }
        return new SkillCatalog(skills, byActivity, perSkill);
    }
}
