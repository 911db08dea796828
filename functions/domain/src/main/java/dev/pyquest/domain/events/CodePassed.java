package dev.pyquest.domain.events;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.pyquest.domain.content.Difficulty;

import java.time.Instant;

/**
 * {@code CodePassed} v1 (source {@code pyquest.judge}): a submission passed every test. {@code attempt} is optional (older
 * producers left it out): which verdict of this learner on this activity this is, 1 for the first.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CodePassed(String eventId, String submissionId, String userId, String activityId, String activitySlug,
                         Difficulty difficulty, int passed, int total, Instant at, Integer attempt) implements DomainEvent {
    public CodePassed {
        String t = DomainEvents.CODE_PASSED;
        Detail.id(t, "eventId", eventId);
        Detail.id(t, "submissionId", submissionId);
        Detail.id(t, "userId", userId);
        Detail.id(t, "activityId", activityId);
        Detail.id(t, "activitySlug", activitySlug);
        Detail.required(t, "difficulty", difficulty);
        Detail.atLeast(t, "passed", 1, passed);
        Detail.atLeast(t, "total", 1, total);
        Detail.required(t, "at", at);
        if (attempt != null) Detail.atLeast(t, "attempt", 1, attempt);
    }

    public static CodePassed fromDetail(JsonNode detail) {
        Detail d = Detail.of(DomainEvents.CODE_PASSED, detail);
        return new CodePassed(d.text("eventId"), d.text("submissionId"), d.text("userId"), d.text("activityId"),
                d.text("activitySlug"), d.oneOf("difficulty", Difficulty.class), d.wholeInt("passed"), d.wholeInt("total"),
                d.instant("at"), d.optionalWholeInt("attempt"));
    }

    /** The learner's first submission on the activity (the first-try bonus); false when an older producer did not say. */
    @JsonIgnore
    public boolean firstTry() {
        return attempt != null && attempt == 1;
    }

    @Override
    public String detailType() {
        return DomainEvents.CODE_PASSED;
    }

    @Override
    public String busSource() {
        return DomainEvents.SOURCE_JUDGE;
    }
}
