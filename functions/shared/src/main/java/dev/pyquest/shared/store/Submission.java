package dev.pyquest.shared.store;

import java.time.Instant;

/** A learner's submission; {@code verdictJson} and {@code rewardsJson} are the stored API documents. */
public record Submission(String submissionId, String userId, String activityId, String activitySlug,
                         String code, String requestHash, Status status, String verdictJson, String rewardsJson,
                         String error, Instant createdAt) {
    public enum Status {
        QUEUED, RUNNING, PASSED, FAILED, ERROR;

        public boolean isFinal() { return this == PASSED || this == FAILED || this == ERROR; }
    }
}
