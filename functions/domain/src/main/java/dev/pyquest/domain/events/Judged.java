package dev.pyquest.domain.events;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pyquest.domain.content.Difficulty;

import java.time.Instant;

/** What {@link CodePassed} and {@link CodeFailed} share: the fields and rules of one submission's verdict. */
final class Judged {
    @FunctionalInterface
    interface Constructor<E> {
        E of(String eventId, String submissionId, String userId, String activityId, String activitySlug,
             Difficulty difficulty, int passed, int total, Instant at, Integer attempt);
    }

    private Judged() {}

    /** {@code minPassed}: 1 for a pass, 0 for a failure. */
    static void check(String type, int minPassed, String eventId, String submissionId, String userId, String activityId,
                      String activitySlug, Difficulty difficulty, int passed, int total, Instant at, Integer attempt) {
        Detail.id(type, "eventId", eventId);
        Detail.id(type, "submissionId", submissionId);
        Detail.id(type, "userId", userId);
        Detail.id(type, "activityId", activityId);
        Detail.id(type, "activitySlug", activitySlug);
        Detail.required(type, "difficulty", difficulty);
        Detail.atLeast(type, "passed", minPassed, passed);
        Detail.atLeast(type, "total", 1, total);
        Detail.required(type, "at", at);
        if (attempt != null) Detail.atLeast(type, "attempt", 1, attempt);
    }

    static <E> E read(String type, JsonNode detail, Constructor<E> constructor) {
        Detail d = Detail.of(type, detail);
        return constructor.of(d.text("eventId"), d.text("submissionId"), d.text("userId"), d.text("activityId"),
                d.text("activitySlug"), d.oneOf("difficulty", Difficulty.class), d.wholeInt("passed"), d.wholeInt("total"),
                d.instant("at"), d.optionalWholeInt("attempt"));
    }
}
