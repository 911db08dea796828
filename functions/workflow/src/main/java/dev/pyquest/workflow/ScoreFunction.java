package dev.pyquest.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pyquest.domain.Json;
import dev.pyquest.domain.judge.JudgeFault;
import dev.pyquest.domain.judge.JudgeSpec;
import dev.pyquest.domain.judge.Scorer;
import dev.pyquest.domain.judge.Verdict;
import dev.pyquest.shared.Container;
import dev.pyquest.shared.ports.JobStore;
import dev.pyquest.shared.store.CatalogRepository;
import dev.pyquest.shared.store.Submission;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.Map;

/** Score: compares the sandbox's untrusted report with the expected values, which only this side has. */
@Singleton
public class ScoreFunction extends TaskFunction {
    private final CatalogRepository catalog;
    private final JobStore jobs;

    /** Lambda's entry (init phase): the collaborators from the container's context. */
    public ScoreFunction() {
        this(Container.bean(CatalogRepository.class), Container.bean(JobStore.class));
    }

    @Inject
    public ScoreFunction(CatalogRepository catalog, JobStore jobs) {
        this.catalog = catalog;
        this.jobs = jobs;
    }

    @Override
    protected Object run(JsonNode input) {
        String id = required(input, "submissionId");
        String resultKey = required(input, "resultKey");
        if (!resultKey.equals("results/" + id + ".json")) throw new IllegalArgumentException("result key does not belong to " + id);
        String activityId = required(input, "activityId");
        JudgeSpec spec = catalog.judgeSpec(activityId)
                .orElseThrow(() -> new JudgeFault("no judge spec for activity " + activityId));
        byte[] report = jobs.get(resultKey);
        if (report == null) throw new JudgeFault("the sandbox left no result for " + id);
        Verdict v = Scorer.score(spec, report);
        return Map.of("status", (v.allPassed() ? Submission.Status.PASSED : Submission.Status.FAILED).name(),
                "verdict", Json.MAPPER.valueToTree(v));
    }
}
