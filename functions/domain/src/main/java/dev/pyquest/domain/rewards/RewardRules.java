package dev.pyquest.domain.rewards;

import dev.pyquest.domain.content.Difficulty;

import java.time.LocalDate;
import java.util.List;

/**
 * The economy's rules. Every grant the platform makes is decided here and written by the one
 * rewards service; nothing else computes amounts.
 */
public final class RewardRules {
    private RewardRules() {}

    public static long firstPassXp(Difficulty d) {
        return switch (d) { case EASY -> 10; case MEDIUM -> 25; case HARD -> 50; };
    }

    public static long firstPassDiamonds(Difficulty d) {
        return switch (d) { case EASY -> 1; case MEDIUM -> 2; case HARD -> 4; };
    }

    public static final long DAILY_LOGIN_XP = 5;
    public static final long LESSON_XP = 5;

    public static long quizPassXp(Difficulty d) {
        return switch (d) { case EASY -> 5; case MEDIUM -> 10; case HARD -> 20; };
    }

    /** The first pass of an exercise by a learner; later passes map onto the same key and grant nothing. */
    public static Grant firstPass(String userId, String activityId, String slug, Difficulty d,
                                  String eventId, String submissionId) {
        String reason = "first pass: " + slug;
        return new Grant(userId, "FIRST_PASS#" + activityId,
                List.of(new Reward(RewardKind.XP, firstPassXp(d), reason),
                        new Reward(RewardKind.DIAMONDS, firstPassDiamonds(d), reason)),
                eventId, submissionId);
    }

    /** The first passed attempt of a quiz; later passes map onto the same key and grant nothing. */
    public static Grant quizPassed(String userId, String activityId, String slug, Difficulty d, String eventId) {
        String reason = "quiz passed: " + slug;
        return new Grant(userId, "QUIZ_PASSED#" + activityId,
                List.of(new Reward(RewardKind.XP, quizPassXp(d), reason), new Reward(RewardKind.DIAMONDS, 1, reason)),
                eventId, null);
    }

    /** A lesson read to the end, once per learner and lesson. */
    public static Grant lessonCompleted(String userId, String activityId, String slug, String eventId) {
        return new Grant(userId, "LESSON_COMPLETED#" + activityId,
                List.of(new Reward(RewardKind.XP, LESSON_XP, "lesson completed: " + slug)), eventId, null);
    }

    /** One daily-login reward per local day of the learner's stored time zone. */
    public static Grant dailyLogin(String userId, LocalDate localDate) {
        return new Grant(userId, "DAILY_LOGIN#" + localDate,
                List.of(new Reward(RewardKind.XP, DAILY_LOGIN_XP, "daily login " + localDate)),
                "daily-login#" + userId + "#" + localDate, null);
    }
}
