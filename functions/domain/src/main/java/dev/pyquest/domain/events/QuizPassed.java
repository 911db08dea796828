package dev.pyquest.domain.events;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pyquest.domain.content.Difficulty;

import java.time.Instant;

/** {@code QuizPassed} v1 (source {@code pyquest.learning}): a quiz attempt reached the quiz's pass mark. */
public record QuizPassed(String eventId, String userId, String activityId, String activitySlug, Difficulty difficulty,
                         Instant at, String attemptId, int correct, int total, int percent) implements DomainEvent {
    public QuizPassed {
        String t = DomainEvents.QUIZ_PASSED;
        Detail.id(t, "eventId", eventId);
        Detail.id(t, "userId", userId);
        Detail.id(t, "activityId", activityId);
        Detail.id(t, "activitySlug", activitySlug);
        Detail.required(t, "difficulty", difficulty);
        Detail.required(t, "at", at);
        Detail.id(t, "attemptId", attemptId);
        Detail.atLeast(t, "correct", 1, correct);
        Detail.atLeast(t, "total", 1, total);
        Detail.atLeast(t, "percent", 1, percent);
        if (percent > 100) throw new IllegalArgumentException(t + " percent must be at most 100, got " + percent);
    }

    /** The id of the QuizPassed of attempt {@code attemptId}: {@code quiz#<attemptId>} (an attempt passes once or never). */
    public static String eventId(String attemptId) {
        return "quiz#" + attemptId;
    }

    public static QuizPassed fromDetail(JsonNode detail) {
        Detail d = Detail.of(DomainEvents.QUIZ_PASSED, detail);
        return new QuizPassed(d.text("eventId"), d.text("userId"), d.text("activityId"), d.text("activitySlug"),
                d.oneOf("difficulty", Difficulty.class), d.instant("at"), d.text("attemptId"),
                d.wholeInt("correct"), d.wholeInt("total"), d.wholeInt("percent"));
    }

    @Override
    public String detailType() {
        return DomainEvents.QUIZ_PASSED;
    }

    @Override
    public String busSource() {
        return DomainEvents.SOURCE_LEARNING;
    }
}
