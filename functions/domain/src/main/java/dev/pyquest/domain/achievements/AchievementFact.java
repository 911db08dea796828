package dev.pyquest.domain.achievements;

import dev.pyquest.domain.content.Difficulty;
import dev.pyquest.domain.events.AchievementUnlocked;
import dev.pyquest.domain.events.ActivitySkipped;
import dev.pyquest.domain.events.CodeFailed;
import dev.pyquest.domain.events.CodePassed;
import dev.pyquest.domain.events.DomainEvent;
import dev.pyquest.domain.events.LessonCompleted;
import dev.pyquest.domain.events.QuizPassed;
import dev.pyquest.domain.events.RewardGranted;
import dev.pyquest.domain.rewards.Grant;
import dev.pyquest.domain.rewards.RewardKind;
import dev.pyquest.domain.rewards.RewardSource;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.IsoFields;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One thing that happened to a learner, normalized for the achievement rules: whose, our event id (what the
 * consumer dedupes on, never EventBridge's), when, the learner's local day and ISO week (in the zone stored
 * for the learner: a day's XP is the learner's day, not UTC's), what happened and its attributes.
 *
 * <p>Unknown attributes are {@code null} and never match a condition: a first pass whose producer did not say
 * whether a hint was bought does not count as "no hint" (no unlock is better than a wrong one; the backfill
 * catches up once the producer says). {@code xp} is the XP the ledger actually wrote (after daily caps), 0
 * for facts that are not grants; periodic rules sum it whatever the kind.
 */
public record AchievementFact(String userId, String eventId, Instant at, LocalDate localDate, String isoWeek,
                              FactKind kind, String activityId, Difficulty difficulty, Boolean firstTry,
                              Boolean hintBought, List<String> skills, int percent, int streakDays, long xp) {

    public AchievementFact {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(localDate, "localDate");
        Objects.requireNonNull(isoWeek, "isoWeek");
        Objects.requireNonNull(kind, "kind");
        skills = skills == null ? List.of() : List.copyOf(skills);
        if (percent < 0 || percent > 100) throw new IllegalArgumentException("percent must be 0 to 100, got " + percent);
        if (streakDays < 0) throw new IllegalArgumentException("streakDays must not be negative, got " + streakDays);
        if (xp < 0) throw new IllegalArgumentException("xp must not be negative, got " + xp);
    }

    /** A fact with no attributes beyond its kind, at {@code at} in {@code zone} (tests and the backfill build on it). */
    public static AchievementFact of(String userId, String eventId, Instant at, ZoneId zone, FactKind kind) {
        LocalDate d = LocalDate.ofInstant(at, zone);
        return new AchievementFact(userId, eventId, at, d, isoWeek(d), kind, null, null, null, null, List.of(), 0, 0, 0);
    }

    /**
     * The fact of {@code event} for a learner living in {@code zone}; empty for events no rule reads
     * (CodePassed and CodeFailed: the first pass is the ledger's grant, as for quests; grants of achievements
     * themselves, which must not feed achievements). {@code busTime} is the bus event's time, the fallback
     * for a RewardGranted without {@code at} (null outside the bus). Throws {@link IllegalArgumentException}
     * for a grant with no time at all or a malformed attribute, so the event goes to the DLQ instead of counting wrongly.
     */
    public static Optional<AchievementFact> of(DomainEvent event, Instant busTime, ZoneId zone, SkillCatalog catalog) {
        return switch (event) {
            case RewardGranted g -> of(g, busTime, zone, catalog);
            case QuizPassed q -> Optional.of(of(q, zone, catalog));
            case LessonCompleted l -> Optional.of(of(l, zone, catalog));
            case CodePassed ignored -> Optional.empty();
            case CodeFailed ignored -> Optional.empty();
            case AchievementUnlocked ignored -> Optional.empty(); // what the rules make, never what they read
            case ActivitySkipped ignored -> Optional.empty(); // a skip earns nothing, badges included
        };
    }

    public static Optional<AchievementFact> of(RewardGranted g, Instant busTime, ZoneId zone, SkillCatalog catalog) {
        Instant at = g.at() != null ? g.at() : busTime;
        if (at == null) throw new IllegalArgumentException("RewardGranted has neither detail.at nor the bus event's time");
        String source = g.source();
        // An unlock's own pay, diamonds bought with money and a referral's reward are not achievements' facts.
        if (RewardSource.ACHIEVEMENT.configName().equals(source) || RewardSource.PURCHASE.configName().equals(source)
                || RewardSource.REFERRAL.configName().equals(source)) return Optional.empty();
        long xp = g.amount(RewardKind.XP);
        LocalDate d = LocalDate.ofInstant(at, zone);
        String week = isoWeek(d);
        Difficulty difficulty = difficulty(g.attributes().get("difficulty"));
        if (RewardSource.EXERCISE.configName().equals(source)) {
            String activity = activityOf(g.grantKey());
            return Optional.of(new AchievementFact(g.userId(), g.eventId(), at, d, week, FactKind.EXERCISE_FIRST_PASS, activity,
                    difficulty, bool(g.attributes().get("firstTry")), bool(g.attributes().get(Grant.ATTR_HINT_BOUGHT)),
                    activity == null ? List.of() : catalog.skillsOf(activity), 0, 0, xp));
        }
        if (RewardSource.QUIZ.configName().equals(source)) {
            String activity = activityOf(g.grantKey());
            return Optional.of(new AchievementFact(g.userId(), g.eventId(), at, d, week, FactKind.QUIZ_FIRST_PASS, activity,
                    difficulty, null, null, activity == null ? List.of() : catalog.skillsOf(activity), 0, 0, xp));
        }
        if (RewardSource.DAILY_LOGIN.configName().equals(source)) {
            String s = g.attributes().get(Grant.ATTR_STREAK_DAYS);
            int streak;
            try {
                streak = s == null ? 0 : Integer.parseInt(s);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("RewardGranted attribute " + Grant.ATTR_STREAK_DAYS + " is not a whole number: " + s);
            }
            if (streak < 0) throw new IllegalArgumentException("RewardGranted attribute " + Grant.ATTR_STREAK_DAYS + " is negative: " + s);
            return Optional.of(new AchievementFact(g.userId(), g.eventId(), at, d, week, FactKind.DAILY_LOGIN, null, null, null,
                    null, List.of(), 0, streak, xp));
        }
        if (xp == 0) return Optional.empty();
        return Optional.of(new AchievementFact(g.userId(), g.eventId(), at, d, week, FactKind.XP_EARNED, null, null, null,
                null, List.of(), 0, 0, xp));
    }

    public static AchievementFact of(QuizPassed q, ZoneId zone, SkillCatalog catalog) {
        return quizPassed(q.userId(), q.eventId(), q.activityId(), q.difficulty(), q.at(), q.percent(), zone, catalog);
    }

    /**
     * The fact of a passed quiz attempt, from what the event says or what the learner's progress kept of it (the
     * backfill: the attempt row has the quiz and the score, the catalog the difficulty, null when the quiz is gone).
     */
    public static AchievementFact quizPassed(String userId, String eventId, String activityId, Difficulty difficulty, Instant at,
                                             int percent, ZoneId zone, SkillCatalog catalog) {
        LocalDate d = LocalDate.ofInstant(at, zone);
        return new AchievementFact(userId, eventId, at, d, isoWeek(d), FactKind.QUIZ_PASSED, activityId,
                difficulty, null, null, catalog.skillsOf(activityId), percent, 0, 0);
    }

    public static AchievementFact of(LessonCompleted l, ZoneId zone, SkillCatalog catalog) {
        return lessonCompleted(l.userId(), l.eventId(), l.activityId(), l.difficulty(), l.at(), zone, catalog);
    }

    /** The fact of a completed lesson, from its event or from the learner's progress row (as {@link #quizPassed}). */
    public static AchievementFact lessonCompleted(String userId, String eventId, String activityId, Difficulty difficulty, Instant at,
                                                  ZoneId zone, SkillCatalog catalog) {
        LocalDate d = LocalDate.ofInstant(at, zone);
        return new AchievementFact(userId, eventId, at, d, isoWeek(d), FactKind.LESSON_COMPLETED, activityId,
                difficulty, null, null, catalog.skillsOf(activityId), 0, 0, 0);
    }

    /** {@code yyyy-Www} with the week-based year, as ISO 8601 writes it (2027-01-01 is in 2026-W53). */
    public static String isoWeek(LocalDate d) {
        int w = d.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
        return d.get(IsoFields.WEEK_BASED_YEAR) + (w < 10 ? "-W0" : "-W") + w;
    }

    /** The local day as {@code yyyy-mm-dd}. */
    public String localDay() {
        return localDate.toString();
    }

    /** The activity id after the rule name of a grant key ({@code FIRST_PASS#ex-0001} → {@code ex-0001}). */
    private static String activityOf(String grantKey) {
        int hash = grantKey.indexOf('#');
        return hash < 0 || hash == grantKey.length() - 1 ? null : grantKey.substring(hash + 1);
    }

    private static Boolean bool(String s) {
        if (s == null) return null;
        return switch (s) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException("RewardGranted attribute is not true or false: " + s);
        };
    }

    private static Difficulty difficulty(String s) {
        if (s == null) return null;
        try {
            return Difficulty.valueOf(s);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("RewardGranted attribute difficulty is not EASY, MEDIUM or HARD: " + s);
        }
    }
}
