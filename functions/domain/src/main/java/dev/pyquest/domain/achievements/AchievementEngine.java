package dev.pyquest.domain.achievements;

import dev.pyquest.domain.content.ContentLoader;
import dev.pyquest.domain.content.Course;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The rules with the course they are about, evaluating one fact at a time: a pure function of the fact
 * and the learner's state, with no I/O and no clock, so redeliveries, reordering and backfills are a
 * matter of what state it is given. Rules are indexed by what they read at construction, so a fact only
 * visits the rules it can move (a login never looks at the exercise counters).
 */
public final class AchievementEngine {
    /** The progress key of the number of skills mastered. */
    public static final String SKILLS_MASTERED = "skills:mastered";
    private static final String SKILL_PREFIX = "skill:";

    private final Achievements rules;
    private final SkillCatalog catalog;
    private final Map<FactKind, Achievement[]> counting = new EnumMap<>(FactKind.class);
    private final Achievement[] streaks;
    private final Achievement[] periodic;
    private final Achievement[] mastery;
    private final Achievement[] skillsMastered;

    public AchievementEngine(Achievements rules, SkillCatalog catalog) {
        this.rules = Objects.requireNonNull(rules);
        this.catalog = Objects.requireNonNull(catalog);
        for (FactKind k : FactKind.values()) {
            counting.put(k, rules.all().stream()
                    .filter(a -> (a.kind() == RuleKind.FIRST || a.kind() == RuleKind.COUNT) && a.event() == k)
                    .toArray(Achievement[]::new));
        }
        streaks = of(rules, RuleKind.STREAK);
        periodic = of(rules, RuleKind.PERIODIC);
        mastery = of(rules, RuleKind.MASTERY);
        skillsMastered = of(rules, RuleKind.SKILLS_MASTERED);
    }

    /** {@code content/achievements.yaml} with the course of {@code contentDir}; fails like the content loader on a bad file. */
    public static AchievementEngine load(Path contentDir) {
        Course course = ContentLoader.load(contentDir);
        SkillCatalog catalog = SkillCatalog.of(course);
        return new AchievementEngine(Achievements.load(contentDir, catalog.skills()), catalog);
    }

    private static Achievement[] of(Achievements rules, RuleKind kind) {
        return rules.all().stream().filter(a -> a.kind() == kind).toArray(Achievement[]::new);
    }

    public Achievements rules() {
        return rules;
    }

    public SkillCatalog catalog() {
        return catalog;
    }

    /**
     * What {@code fact} does given {@code state}. A level unlocks when its progress is at or past the target
     * and it is not unlocked yet, so crossing two tiers at once unlocks both, and a rule added after the
     * learner qualified unlocks on the next fact that touches it (or by the backfill). The caller applies
     * each fact once (dedupe on {@link AchievementFact#eventId()} in the same transaction).
     */
    public Evaluation evaluate(AchievementFact fact, LearnerAchievements state) {
        List<Evaluation.Change> changes = new ArrayList<>(4);
        List<Unlock> unlocks = null;

        if (fact.kind() == FactKind.EXERCISE_FIRST_PASS && !fact.skills().isEmpty() && catalog.countsTowardsMastery(fact.activityId())) {
            long newlyMastered = 0;
            for (String skill : fact.skills()) {
                String key = SKILL_PREFIX + skill;
                long before = state.value(key), after = before + 1;
                changes.add(new Evaluation.Change(key, before, after));
                int n = catalog.exerciseCount(skill);
                if (n > 0 && before < n && after >= n) newlyMastered++;
            }
            if (newlyMastered > 0) {
                long before = state.value(SKILLS_MASTERED);
                changes.add(new Evaluation.Change(SKILLS_MASTERED, before, before + newlyMastered));
            }
            for (Achievement a : mastery) {
                int target = catalog.exerciseCount(a.skill());
                if (target > 0 && fact.skills().contains(a.skill())) {
                    unlocks = unlocked(a, value(changes, state, SKILL_PREFIX + a.skill()), target, state, unlocks);
                }
            }
            if (newlyMastered > 0) {
                for (Achievement a : skillsMastered) unlocks = unlocked(a, value(changes, state, SKILLS_MASTERED), 0, state, unlocks);
            }
        }

        for (Achievement a : counting.get(fact.kind())) {
            // A first-event rule stops counting once unlocked: nothing left to show or to write.
            if (a.kind() == RuleKind.FIRST && state.isUnlocked(a.levels().getFirst().key())) continue;
            if (!a.where().matches(fact)) continue;
            long before = state.value(a.id()), after = before + 1;
            changes.add(new Evaluation.Change(a.id(), before, after));
            unlocks = unlocked(a, after, 0, state, unlocks);
        }

        if (fact.kind() == FactKind.DAILY_LOGIN && fact.streakDays() > 0) {
            for (Achievement a : streaks) {
                long best = state.value(a.id());
                // The best streak ever reached: a broken streak keeps it, a late or repeated login cannot lower it.
                if (fact.streakDays() > best) changes.add(new Evaluation.Change(a.id(), best, fact.streakDays()));
                unlocks = unlocked(a, Math.max(best, fact.streakDays()), 0, state, unlocks);
            }
        }

        if (fact.xp() > 0) {
            for (Achievement a : periodic) {
                String key = a.progressKey(fact);
                long before = state.value(key), after = before + fact.xp();
                changes.add(new Evaluation.Change(key, before, after));
                unlocks = unlocked(a, after, 0, state, unlocks);
            }
        }

        if (changes.isEmpty() && unlocks == null) return Evaluation.NOTHING;
        return new Evaluation(changes, unlocks == null ? List.of() : unlocks);
    }

    /** Adds the levels of {@code a} that {@code value} reaches and {@code state} does not hold yet. */
    private static List<Unlock> unlocked(Achievement a, long value, long masteryTarget, LearnerAchievements state, List<Unlock> out) {
        for (Level l : a.levels()) {
            long target = a.kind() == RuleKind.MASTERY ? masteryTarget : l.target();
            if (value < target) break;
            if (state.isUnlocked(l.key())) continue;
            if (out == null) out = new ArrayList<>(2);
            out.add(new Unlock(a, l));
        }
        return out;
    }

    private static long value(List<Evaluation.Change> changes, LearnerAchievements state, String key) {
        for (Evaluation.Change c : changes) if (c.key().equals(key)) return c.after();
        return state.value(key);
    }

    // ------------------------------------------------------------------ what the API shows

    /** The progress {@code a} shows on {@code today} (a periodic rule shows today's or this week's sum). */
    public long current(Achievement a, LearnerAchievements state, LocalDate today) {
        return switch (a.kind()) {
            case FIRST, COUNT, STREAK -> state.value(a.id());
            case PERIODIC -> state.value(a.id() + "@" + (a.period() == Period.DAY ? today.toString() : AchievementFact.isoWeek(today)));
            case MASTERY -> state.value(SKILL_PREFIX + a.skill());
            case SKILLS_MASTERED -> state.value(SKILLS_MASTERED);
        };
    }

    /** What {@code level} of {@code a} needs: its target, or for mastery the skill's exercise count. */
    public long target(Achievement a, Level level) {
        return a.kind() == RuleKind.MASTERY ? catalog.exerciseCount(a.skill()) : level.target();
    }
}
