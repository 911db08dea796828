package dev.pyquest.domain.events;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pyquest.domain.content.Difficulty;

import java.time.Instant;

/** {@code LessonCompleted} v1 (source {@code pyquest.learning}): a learner completed a lesson for the first time. */
public record LessonCompleted(String eventId, String userId, String activityId, String activitySlug, Difficulty difficulty,
                              Instant at) implements DomainEvent {
    public LessonCompleted {
        String t = DomainEvents.LESSON_COMPLETED;
        Detail.id(t, "eventId", eventId);
        Detail.id(t, "userId", userId);
        Detail.id(t, "activityId", activityId);
        Detail.id(t, "activitySlug", activitySlug);
        Detail.required(t, "difficulty", difficulty);
        Detail.required(t, "at", at);
    }

    /** The id of the LessonCompleted of {@code userId} and lesson {@code activityId}: one per learner and lesson ever. */
    public static String eventId(String userId, String activityId) {
        return "lesson#" + userId + "#" + activityId;
    }

    public static LessonCompleted fromDetail(JsonNode detail) {
        Detail d = Detail.of(DomainEvents.LESSON_COMPLETED, detail);
        return new LessonCompleted(d.text("eventId"), d.text("userId"), d.text("activityId"), d.text("activitySlug"),
                d.oneOf("difficulty", Difficulty.class), d.instant("at"));
    }

    @Override
    public String detailType() {
        return DomainEvents.LESSON_COMPLETED;
    }

    @Override
    public String busSource() {
        return DomainEvents.SOURCE_LEARNING;
    }
}
