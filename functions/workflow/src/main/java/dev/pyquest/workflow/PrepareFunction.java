package dev.pyquest.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pyquest.domain.judge.JudgeFault;
import dev.pyquest.domain.judge.JudgeSpec;
import dev.pyquest.shared.Container;
import dev.pyquest.shared.ports.JobStore;
import dev.pyquest.shared.store.CatalogRepository;
import dev.pyquest.shared.store.Submission;
import dev.pyquest.shared.store.SubmissionRepository;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.Map;

/**
 * Prepare: writes the sandbox job (code + test names and arguments, no expected values) where the
 * sandbox task can fetch it, and hands on the URLs. Marks the submission RUNNING, reading it in the same write.
 */
@Singleton
public class PrepareFunction extends TaskFunction {

    /** The learner's judge group: "learner-" and the SHA-256 of their id (an ECS task group is at most 255 characters). */
    static String judgeGroup(String userId) {
        return "learner-" + dev.pyquest.domain.Hashing.sha256Hex(userId);
    }

    private final CatalogRepository catalog;
    private final SubmissionRepository submissions;
    private final JobStore jobs;
    private final Clock clock;

    /** Lambda's entry (init phase): the collaborators from the container's context. */
    public PrepareFunction() {
        this(Container.bean(CatalogRepository.class), Container.bean(SubmissionRepository.class),
                Container.bean(JobStore.class), Container.bean(Clock.class));
    }

    @Inject
    public PrepareFunction(CatalogRepository catalog, SubmissionRepository submissions, JobStore jobs, Clock clock) {
        this.catalog = catalog;
        this.submissions = submissions;
        this.jobs = jobs;
        this.clock = clock;
    }

    @Override
    protected Object run(JsonNode input) {
        String id = required(input, "submissionId");
        // RUNNING before the job is written: a status a learner sees, no promise; if the job cannot be written the
        // workflow's Catch ends the submission in ERROR all the same.
        Submission s = submissions.startRunning(id, clock.instant()).orElseThrow(() -> new JudgeFault("no submission " + id));
        JudgeSpec spec = catalog.judgeSpec(s.activityId())
                .orElseThrow(() -> new JudgeFault("no judge spec for activity " + s.activityId()));
        String jobKey = "jobs/" + id + ".json";
        String resultKey = "results/" + id + ".json";
        jobs.put(jobKey, spec.sandboxJob(s.code()));
        // Who and what travel on in the workflow's state (ours, never the sandbox's), so Score and
        // Record need not read the submission again.
        // judgeGroup names the learner to the judge without naming them (a hash, as a task group in
        // ECS): the local judge queue runs one job per group at a time and takes groups in turn.
        return Map.of("jobUrl", jobs.downloadUrl(jobKey),
                "resultUrl", jobs.uploadUrl(resultKey),
                "resultKey", resultKey,
                "userId", s.userId(),
                "activityId", s.activityId(),
                "judgeGroup", judgeGroup(s.userId()));
    }
}
