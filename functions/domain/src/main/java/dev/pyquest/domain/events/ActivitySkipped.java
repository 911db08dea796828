package dev.pyquest.domain.events;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pyquest.domain.content.Difficulty;

import java.time.Instant;

/**
 * {@code ActivitySkipped} v1 (source {@code pyquest.learning}): a learner spent a skip token on an exercise, which
 * now counts as done for the path and prerequisites and earns nothing (no consumer grants on it).
 */
public record ActivitySkipped(String eventId, String userId, String activityId, String activitySlug, Difficulty difficulty,
                              Instant at) implements DomainEvent {
    public ActivitySkipped {
        String t = DomainEvents.ACTIVITY_SKIPPED;
        Detail.id(t, "eventId", eventId);
        Detail.id(t, "userId", userId);
        Detail.id(t, "activityId", activityId);
        Detail.id(t, "activitySlug", activitySlug);
        Detail.required(t, "difficulty", difficulty);
        Detail.required(t, "at", at);
    }

    /** The id of the skip of {@code userId} on {@code activityId}: one per learner and activity ever. */
    public static String eventId(String userId, String activityId) {
        return "skip#" + userId + "#" + activityId;
    }

    public static ActivitySkipped fromDetail(JsonNode detail) {
        Detail d = Detail.of(DomainEvents.ACTIVITY_SKIPPED, detail);
        return new ActivitySkipped(d.text("eventId"), d.text("userId"), d.text("activityId"), d.text("activitySlug"),
                d.oneOf("difficulty", Difficulty.class), d.instant("at"));
    }

    @Override
    public String detailType() {
        return DomainEvents.ACTIVITY_SKIPPED;
    }

    @Override
    public String busSource() {
        return DomainEvents.SOURCE_LEARNING;
    }
}
