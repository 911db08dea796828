package dev.pyquest.tools.content;

import dev.pyquest.domain.judge.JudgeFault;
import dev.pyquest.domain.judge.JudgeSpec;
import dev.pyquest.domain.judge.Scorer;
import dev.pyquest.domain.judge.Verdict;
import dev.pyquest.local.Sandbox;
import dev.pyquest.sandbox.SandboxFailedException;

import java.util.List;

/** One sandbox run scored by the real {@link Scorer}, as a submission is judged; faults become {@link ToolFailure}. */
record Judge(Sandbox sandbox) {
    Verdict verdict(JudgeSpec spec, String code) {
        return judged(spec, code).verdict();
    }

    /** A verdict with the slowest test's own time as the runner measured it (0 when none was reported). */
    record Judged(Verdict verdict, long slowestTestMs) {}

    Judged judged(JudgeSpec spec, String code) {
        byte[] job = spec.sandboxJob(code);
        byte[] report;
        try {
            report = runOnceMore(job);
        } catch (Sandbox.Unavailable e) {
            throw new ToolFailure("the sandbox gave no verdict (" + spec.slug() + "): " + e.getMessage(), e);
        }
        try {
            long slowest = 0;
            try {
                for (com.fasterxml.jackson.databind.JsonNode r : dev.pyquest.domain.Json.MAPPER.readTree(report).path("results")) {
                    slowest = Math.max(slowest, r.path("timeMs").asLong(0));
                }
            } catch (java.io.IOException ignored) {
                // the Scorer below says what is wrong with the report
            }
            return new Judged(Scorer.score(spec, report), slowest);
        } catch (JudgeFault e) {
            throw new ToolFailure("the sandbox report could not be scored (" + spec.slug() + "): " + e.getMessage(), e);
        }
    }

    /**
     * A run that started but gave no report (its wall clock passed on a machine busy with other
     * builds, say) is tried once more before it counts as a tool failure; a box that cannot be built
     * is not retried.
     */
    private byte[] runOnceMore(byte[] job) throws Sandbox.Unavailable {
        try {
            return sandbox.run(job);
        } catch (Sandbox.Unavailable e) {
            if (!(e.getCause() instanceof SandboxFailedException)) throw e;
            return sandbox.run(job);
        }
    }

    /** The exercise's hidden tests only: one box, no public examples (publicCount 0 runs a single box). */
    static JudgeSpec hiddenOnly(JudgeSpec spec) {
        return new JudgeSpec(spec.activityId(), spec.slug(), spec.function(), spec.limits(), List.of(), spec.tests());
    }
}
