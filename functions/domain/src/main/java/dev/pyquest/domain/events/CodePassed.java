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
        Judged.check(DomainEvents.CODE_PASSED, 1, eventId, submissionId, userId, activityId, activitySlug, difficulty, passed, total,
                at, attempt);
    }

    public static CodePassed fromDetail(JsonNode detail) {
        return Judged.read(DomainEvents.CODE_PASSED, detail, CodePassed::new);
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
