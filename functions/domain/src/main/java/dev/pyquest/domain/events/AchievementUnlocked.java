package dev.pyquest.domain.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/**
 * {@code AchievementUnlocked} v1 (source {@code pyquest.achievements}): a learner reached a level of an
 * achievement, once per learner and level ever ({@code eventId} {@code achievement#<userId>#<levelKey>}).
 * {@code tier} is absent for an untiered achievement; {@code xp} and {@code diamonds} are what the level pays
 * (paid through the rewards service, whose own RewardGranted follows); {@code sourceEventId} is the fact that
 * made it (ours: a RewardGranted, QuizPassed or LessonCompleted id, or the backfill's).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AchievementUnlocked(String eventId, String userId, String achievementId, String tier, int xp, int diamonds,
                                  String sourceEventId, Instant at) implements DomainEvent {
    public AchievementUnlocked {
        String t = DomainEvents.ACHIEVEMENT_UNLOCKED;
        Detail.id(t, "eventId", eventId);
        Detail.id(t, "userId", userId);
        Detail.id(t, "achievementId", achievementId);
        if (tier != null) Detail.id(t, "tier", tier);
        if (xp < 0 || diamonds < 0) throw new IllegalArgumentException(t + " pays a negative amount");
        Detail.id(t, "sourceEventId", sourceEventId);
        Detail.required(t, "at", at);
    }

    /** The event of {@code userId} reaching level {@code levelKey} ({@code first-try}, {@code problem-solver#silver}). */
    public static AchievementUnlocked of(String userId, String levelKey, String achievementId, String tier, int xp, int diamonds,
                                         String sourceEventId, Instant at) {
        return new AchievementUnlocked("achievement#" + userId + "#" + levelKey, userId, achievementId, tier, xp, diamonds,
                sourceEventId, at);
    }

    public static AchievementUnlocked fromDetail(JsonNode detail) {
        Detail d = Detail.of(DomainEvents.ACHIEVEMENT_UNLOCKED, detail);
        return new AchievementUnlocked(d.text("eventId"), d.text("userId"), d.text("achievementId"), d.optionalText("tier"),
                d.wholeInt("xp"), d.wholeInt("diamonds"), d.text("sourceEventId"), d.instant("at"));
    }

    @Override
    public String detailType() {
        return DomainEvents.ACHIEVEMENT_UNLOCKED;
    }

    @Override
    public String busSource() {
        return DomainEvents.SOURCE_ACHIEVEMENTS;
    }
}
