package dev.pyquest.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pyquest.domain.judge.JudgeFault;
import dev.pyquest.domain.judge.JudgeSpec;
import dev.pyquest.shared.store.Submission;
import io.micronaut.context.ApplicationContext;

import java.util.Map;

/**
 * Prepare: writes the sandbox job (code + test names and arguments, no expected values) where the
 * sandbox task can fetch it, and hands on the URLs. Marks the submission RUNNING.
 */
public class PrepareFunction extends TaskFunction {
    public PrepareFunction() {}

    public PrepareFunction(ApplicationContext context) {
        super(context);
    }

    /** The learner's judge group: "learner-" and the SHA-256 of their id (an ECS task group is at most 255 characters). */
    static String judgeGroup(String userId) {
        return "learner-" + dev.pyquest.domain.Hashing.sha256Hex(userId);
    }

    @Override
    protected Object run(JsonNode input) {
        String id = required(input, "submissionId");
        Submission s = platform.submissions().get(id).orElseThrow(() -> new JudgeFault("no submission " + id));
        JudgeSpec spec = platform.catalog().judgeSpec(s.activityId())
                .orElseThrow(() -> new JudgeFault("no judge spec for activity " + s.activityId()));
        String jobKey = "jobs/" + id + ".json";
        String resultKey = "results/" + id + ".json";
        platform.jobs().put(jobKey, spec.sandboxJob(s.code()));
        platform.submissions().markRunning(id, platform.clock().instant());
        // Who and what travel on in the workflow's state (ours, never the sandbox's), so Score and
        // Record need not read the submission again.
        // judgeGroup names the learner to the judge without naming them (a hash, as a task group in
        // ECS): the local judge queue runs one job per group at a time and takes groups in turn.
        return Map.of("jobUrl", platform.jobs().downloadUrl(jobKey),
                "resultUrl", platform.jobs().uploadUrl(resultKey),
                "resultKey", resultKey,
                "userId", s.userId(),
                "activityId", s.activityId(),
                "judgeGroup", judgeGroup(s.userId()));
    }
}
