package dev.pyquest.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pyquest.domain.Json;
import dev.pyquest.domain.events.DomainEvents;
import dev.pyquest.domain.judge.JudgeFailure;
import dev.pyquest.domain.judge.JudgeFault;
import dev.pyquest.shared.Container;
import dev.pyquest.shared.store.CatalogRepository;
import dev.pyquest.shared.store.OutboxEvent;
import dev.pyquest.shared.store.Submission;
import dev.pyquest.shared.store.SubmissionRepository;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;

/**
 * Record: one transaction of verdict + attempt + outbox event ({@code CodePassed}/{@code CodeFailed}).
 * Also the workflow's Catch target: given a {@code failure}, the submission ends ERROR, with no
 * verdict, no event and so no reward.
 */
@Singleton
public class RecordFunction extends TaskFunction {
    private static final Logger LOG = LoggerFactory.getLogger(RecordFunction.class);



    private final CatalogRepository catalog;
    private final SubmissionRepository submissions;
    private final Clock clock;

    /** Lambda's entry (init phase): the collaborators from the container's context. */
    public RecordFunction() {
        this(Container.bean(CatalogRepository.class), Container.bean(SubmissionRepository.class),
                Container.bean(Clock.class));
    }

    @Inject
    public RecordFunction(CatalogRepository catalog, SubmissionRepository submissions, Clock clock) {
        this.catalog = catalog;
        this.submissions = submissions;
        this.clock = clock;
    }

    @Override
    protected Object run(JsonNode input) {
        String id = required(input, "submissionId");
        Instant now = clock.instant();
        if (input.hasNonNull("failure")) {
            JsonNode f = input.get("failure");
            LOG.warn("submission {} could not be judged: {} {}", id, f.path("Error").asText(), f.path("Cause").asText());
            if (JudgeFailure.learnersRunFailed(f.path("Error").asText(), f.path("Cause").asText(null))) {
                submissions.markError(id, "Your code ended the run before the tests could report (for example by"
                        + " exhausting the sandbox); this counts as an attempt.", now, true);
            } else {
                submissions.markError(id, "We could not judge this submission (our fault, not yours); please submit again.", now);
            }
            return Map.of("status", "ERROR");
        }
        JsonNode scored = input.path("scored");
        Submission.Status status = Submission.Status.valueOf(scored.path("status").asText());
        if (status != Submission.Status.PASSED && status != Submission.Status.FAILED) {
            throw new IllegalArgumentException("Record takes PASSED or FAILED, got " + status);
        }
        String userId = required(input, "userId");
        String activityId = required(input, "activityId");
        CatalogRepository.Activity activity = catalog.byId(activityId)
                .orElseThrow(() -> new JudgeFault("no activity " + activityId));
        JsonNode verdict = scored.path("verdict");
        ObjectNode detail = Json.MAPPER.createObjectNode();
        String eventId = "judged#" + id;
        detail.put("eventId", eventId);
        detail.put("submissionId", id);
        detail.put("userId", userId);
        detail.put("activityId", activityId);
        detail.put("activitySlug", activity.slug());
        detail.put("difficulty", activity.difficulty().name());
        detail.put("passed", verdict.path("passed").asInt());
        detail.put("total", verdict.path("total").asInt());
        detail.put("at", now.toString());
        Submission.Status finalStatus = status;
        java.util.function.IntFunction<OutboxEvent> event = attempt -> {
            ObjectNode d = detail.deepCopy();
            d.put("attempt", attempt);
            return new OutboxEvent(eventId, DomainEvents.SOURCE_JUDGE,
                    finalStatus == Submission.Status.PASSED ? DomainEvents.CODE_PASSED : DomainEvents.CODE_FAILED,
                    d.toString(), now);
        };
        boolean recorded = submissions.recordVerdict(id, userId, activityId, status, verdict.toString(), event, now);
        return Map.of("status", status.name(), "recorded", recorded);
    }
}
