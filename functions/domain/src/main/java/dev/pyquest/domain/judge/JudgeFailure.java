package dev.pyquest.domain.judge;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pyquest.domain.Json;

/**
 * Why a submission could not be judged, as the workflow's Catch hands it to RecordError: the
 * state's {@code Error} and {@code Cause}. Tells our faults (no box, an upload that failed, a bug)
 * from a run the learner's code ended without a report: that one counts as an attempt, so that
 * breaking the judge is never a free try (a probe of the hidden tests that keeps the first-try
 * bonus).
 */
public final class JudgeFailure {
    /**
     * The sandbox container's exit status when the learner's code ran but the run gave no usable
     * report (fargate_entry.py; the local stack's sandbox binding reports the same).
     */
    public static final int RUN_FAILED_EXIT = 3;

    private JudgeFailure() {}

    /**
     * Whether the failure is a run of the learner's code that ended without a usable report: a
     * {@code States.TaskFailed} whose cause (ECS's description of the stopped task) shows a container
     * that exited with {@link #RUN_FAILED_EXIT}. Anything else, or a cause that cannot be read, is ours.
     */
    public static boolean learnersRunFailed(String error, String cause) {
        if (!"States.TaskFailed".equals(error) || cause == null || cause.isBlank()) return false;
        JsonNode task;
        try {
            task = Json.MAPPER.readTree(cause);
        } catch (java.io.IOException | RuntimeException notJson) {
            return false;
        }
        if (task == null) return false;
        for (JsonNode c : task.path("Containers")) {
            if (c.path("ExitCode").isInt() && c.path("ExitCode").intValue() == RUN_FAILED_EXIT) return true;
        }
        return false;
    }
}
