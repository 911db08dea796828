package dev.pyquest.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pyquest.domain.Json;
import dev.pyquest.domain.judge.JudgeFault;
import dev.pyquest.domain.judge.JudgeSpec;
import dev.pyquest.domain.judge.Scorer;
import dev.pyquest.domain.judge.Verdict;
import dev.pyquest.shared.store.Submission;
import io.micronaut.context.ApplicationContext;

import java.util.Map;

/** Score: compares the sandbox's untrusted report with the expected values, which only this side has. */
public class ScoreFunction extends TaskFunction {
    public ScoreFunction() {}

    public ScoreFunction(ApplicationContext context) {
        super(context);
    }

    @Override
    protected Object run(JsonNode input) {
        String id = required(input, "submissionId");
        String resultKey = required(input, "resultKey");
        if (!resultKey.equals("results/" + id + ".json")) throw new IllegalArgumentException("result key does not belong to " + id);
        String activityId = required(input, "activityId");
        JudgeSpec spec = platform.catalog().judgeSpec(activityId)
                .orElseThrow(() -> new JudgeFault("no judge spec for activity " + activityId));
        byte[] report = platform.jobs().get(resultKey);
        if (report == null) throw new JudgeFault("the sandbox left no result for " + id);
        Verdict v = Scorer.score(spec, report);
        return Map.of("status", (v.allPassed() ? Submission.Status.PASSED : Submission.Status.FAILED).name(),
                "verdict", Json.MAPPER.valueToTree(v));
    }
}
