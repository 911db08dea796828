package dev.pyquest.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pyquest.domain.events.CodeFailed;
import dev.pyquest.domain.events.CodePassed;
import dev.pyquest.domain.events.DomainEvent;
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
        String eventId = "judged#" + id;
        int passed = verdict.path("passed").asInt(), total = verdict.path("total").asInt();
        Submission.Status finalStatus = status;
        java.util.function.IntFunction<OutboxEvent> event = attempt -> {
            DomainEvent d = finalStatus == Submission.Status.PASSED
                    ? new CodePassed(eventId, id, userId, activityId, activity.slug(), activity.difficulty(), passed, total, now, attempt)
                    : new CodeFailed(eventId, id, userId, activityId, activity.slug(), activity.difficulty(), passed, total, now, attempt);
            return OutboxEvent.of(d, now);
        };
        boolean recorded = submissions.recordVerdict(id, userId, activityId, status, verdict.toString(), event, now);
        return Map.of("status", status.name(), "recorded", recorded);
    }
}
