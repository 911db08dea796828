package dev.pyquest.domain.rewards;

import dev.pyquest.domain.content.Difficulty;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The grants the platform makes, with their deterministic keys. Amounts come from the economy it is
 * given ({@link Economy}: economy.yaml, or a promotion's overlay of it); nothing here decides a number.
 */
public final class RewardRules {
    /** The grant keys' prefixes: each names its rule, and the rule's source ({@link #sourceOf}). */
    public static final String FIRST_PASS = "FIRST_PASS#";
    public static final String QUIZ_PASSED = "QUIZ_PASSED#";
    public static final String LESSON_COMPLETED = "LESSON_COMPLETED#";
    public static final String DAILY_LOGIN = "DAILY_LOGIN#";
    public static final String STREAK_MILESTONE = "STREAK_MILESTONE#";
    public static final String QUEST = "QUEST#";
    /** Achievements' grants ({@code dev.pyquest.domain.achievements.Unlock#GRANT_PREFIX}). */
    public static final String ACHIEVEMENT = "ACHIEVEMENT#";
    /** A referral's reward, keyed by the referee on both learners' ledgers: {@code REFERRAL#<refereeId>}. */
    public static final String REFERRAL = "REFERRAL#";
    /** A purchase's debit ({@code RewardsService.spend}): not a grant. */
    public static final String PURCHASE = "PURCHASE#";

    private static final Map<String, RewardSource> SOURCES = Map.of(FIRST_PASS, RewardSource.EXERCISE, QUIZ_PASSED, RewardSource.QUIZ,
            LESSON_COMPLETED, RewardSource.LESSON, DAILY_LOGIN, RewardSource.DAILY_LOGIN, STREAK_MILESTONE, RewardSource.STREAK,
            QUEST, RewardSource.QUEST, ACHIEVEMENT, RewardSource.ACHIEVEMENT, REFERRAL, RewardSource.REFERRAL);

    private final Economy economy;

    public RewardRules(Economy economy) {
        this.economy = java.util.Objects.requireNonNull(economy);
    }

    public Economy economy() {
        return economy;
    }

    /**
     * The source of the grant keyed {@code grantKey}, read from the rule its key names: for ledger lines written
     * before lines kept their grant's source. Empty for a key of no grant rule (a purchase's debit, a key unknown here).
     */
    public static Optional<RewardSource> sourceOf(String grantKey) {
        int hash = grantKey.indexOf('#');
        return hash < 0 ? Optional.empty() : Optional.ofNullable(SOURCES.get(grantKey.substring(0, hash + 1)));
    }

    public long firstPassXp(Difficulty d) {
        return economy.exerciseXp().get(d);
    }

    public long firstPassDiamonds(Difficulty d) {
        return economy.exerciseDiamonds().get(d);
    }

    /** The first pass of an exercise by a learner; later passes map onto the same key and grant nothing. */
    public Grant firstPass(String userId, String activityId, String slug, Difficulty d,
                                  String eventId, String submissionId) {
        return firstPass(userId, activityId, slug, d, false, eventId, submissionId);
    }

    /** As above; {@code firstTry}: the learner's first submission passed, which adds the first-try bonus XP. */
    public Grant firstPass(String userId, String activityId, String slug, Difficulty d, boolean firstTry,
                                  String eventId, String submissionId) {
        return firstPass(userId, activityId, slug, d, firstTry, null, eventId, submissionId);
    }

    /**
     * As above; {@code hintBought}: whether the learner bought a hint of the exercise before the pass
     * (attribute {@value Grant#ATTR_HINT_BOUGHT}, which achievements read), null when the producer does not know.
     */
    public Grant firstPass(String userId, String activityId, String slug, Difficulty d, boolean firstTry,
                           Boolean hintBought, String eventId, String submissionId) {
        String reason = (firstTry ? "first pass on the first try: " : "first pass: ") + slug;
        long xp = firstPassXp(d) + (firstTry ? economy.firstTryBonusXp() : 0);
        Map<String, String> attributes = new java.util.TreeMap<>(Map.of("difficulty", d.name(), "firstTry", Boolean.toString(firstTry)));
        if (hintBought != null) attributes.put(Grant.ATTR_HINT_BOUGHT, hintBought.toString());
        return new Grant(userId, FIRST_PASS + activityId,
                List.of(new Reward(RewardKind.XP, xp, reason), new Reward(RewardKind.DIAMONDS, firstPassDiamonds(d), reason)),
                eventId, submissionId, RewardSource.EXERCISE, attributes);
    }

    /** The first passed attempt of a quiz; later passes map onto the same key and grant nothing. */
    public Grant quizPassed(String userId, String activityId, String slug, Difficulty d, String eventId) {
        String reason = "quiz passed: " + slug;
        return new Grant(userId, QUIZ_PASSED + activityId,
                List.of(new Reward(RewardKind.XP, economy.quizXp().get(d), reason),
                        new Reward(RewardKind.DIAMONDS, economy.quizDiamonds(), reason)),
                eventId, null, RewardSource.QUIZ, Map.of("difficulty", d.name()));
    }

    /** A lesson read to the end, once per learner and lesson. */
    public Grant lessonCompleted(String userId, String activityId, String slug, String eventId) {
        return new Grant(userId, LESSON_COMPLETED + activityId,
                List.of(new Reward(RewardKind.XP, economy.lessonXp(), "lesson completed: " + slug)), eventId, null,
                RewardSource.LESSON);
    }

    /**
     * One daily-login reward per local day of the learner's stored time zone. {@code streakDays}: the
     * streak this login makes (its RewardGranted carries it, for the streak achievements).
     */
    public Grant dailyLogin(String userId, LocalDate localDate, int streakDays) {
        if (streakDays < 1) throw new IllegalArgumentException("a login makes a streak of at least 1 day, not " + streakDays);
        return new Grant(userId, DAILY_LOGIN + localDate,
                List.of(new Reward(RewardKind.XP, economy.dailyLoginXp(), "daily login " + localDate)),
                "daily-login#" + userId + "#" + localDate, null, RewardSource.DAILY_LOGIN,
                Map.of(Grant.ATTR_STREAK_DAYS, Integer.toString(streakDays)));
    }

    /** The milestone a streak of {@code days} reaches, once per learner and milestone ever. */
    public Grant streakMilestone(String userId, Economy.Milestone m, LocalDate localDate) {
        String reason = m.days() + "-day streak";
        List<Reward> rewards = new ArrayList<>();
        if (m.xp() > 0) rewards.add(new Reward(RewardKind.XP, m.xp(), reason));
        if (m.diamonds() > 0) rewards.add(new Reward(RewardKind.DIAMONDS, m.diamonds(), reason));
        return new Grant(userId, STREAK_MILESTONE + m.days(), rewards,
                "daily-login#" + userId + "#" + localDate, null, RewardSource.STREAK);
    }

    /** A claimed quest, once per learner, quest and period ({@code 2026-11-24} or {@code 2026-W48}). */
    public Grant questClaimed(String userId, Economy.QuestDef q, String period) {
        String reason = "quest: " + q.title() + " (" + period + ")";
        List<Reward> rewards = new ArrayList<>();
        if (q.xp() > 0) rewards.add(new Reward(RewardKind.XP, q.xp(), reason));
        if (q.diamonds() > 0) rewards.add(new Reward(RewardKind.DIAMONDS, q.diamonds(), reason));
        return new Grant(userId, QUEST + period + "#" + q.id(), rewards,
                "quest#" + userId + "#" + period + "#" + q.id(), null, RewardSource.QUEST);
    }

    /**
     * A referral's two rewards, paid when {@code refereeId} first passes an exercise: the referee's and the referrer's,
     * each keyed {@code REFERRAL#<refereeId>} on its own ledger (a learner is referred once ever, so the key is once ever).
     * Empty for a side the economy pays nothing.
     */
    public List<Grant> referral(String referrerId, String refereeId, String eventId) {
        Economy.Referral r = economy.referral();
        List<Grant> out = new ArrayList<>();
        grant(out, refereeId, r.refereeXp(), r.refereeDiamonds(), "joined through a referral", refereeId, eventId);
        grant(out, referrerId, r.referrerXp(), r.referrerDiamonds(), "referred a learner who passed their first exercise", refereeId, eventId);
        return out;
    }

    private static void grant(List<Grant> out, String userId, long xp, long diamonds, String reason, String refereeId, String eventId) {
        List<Reward> rewards = new ArrayList<>();
        if (xp > 0) rewards.add(new Reward(RewardKind.XP, xp, reason));
        if (diamonds > 0) rewards.add(new Reward(RewardKind.DIAMONDS, diamonds, reason));
        if (!rewards.isEmpty()) out.add(new Grant(userId, REFERRAL + refereeId, rewards, eventId, null, RewardSource.REFERRAL));
    }
}
