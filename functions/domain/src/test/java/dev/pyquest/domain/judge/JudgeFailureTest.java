package dev.pyquest.domain.judge;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JudgeFailureTest {
    private static final String STOPPED = """
            {"Attachments":[],"Containers":[{"Name":"runner","ExitCode":%s,"LastStatus":"STOPPED"}],
             "StoppedReason":"Essential container in task exited","LastStatus":"STOPPED"}""";

    @Test
    void aSandboxTaskThatExitedWithTheRunFailedStatusIsTheLearnersRun() {
        assertTrue(JudgeFailure.learnersRunFailed("States.TaskFailed", STOPPED.formatted("3")));
    }

    @Test
    void otherExitsMissingTasksAndOtherErrorsAreOurs() {
        assertFalse(JudgeFailure.learnersRunFailed("States.TaskFailed", STOPPED.formatted("1")));
        assertFalse(JudgeFailure.learnersRunFailed("States.TaskFailed", STOPPED.formatted("null")));
        assertFalse(JudgeFailure.learnersRunFailed("States.TaskFailed", "sandbox unavailable: bwrap is not installed"));
        assertFalse(JudgeFailure.learnersRunFailed("States.TaskFailed", ""));
        assertFalse(JudgeFailure.learnersRunFailed("States.TaskFailed", null));
        assertFalse(JudgeFailure.learnersRunFailed("States.Timeout", STOPPED.formatted("3")));
        assertFalse(JudgeFailure.learnersRunFailed("JudgeFault", STOPPED.formatted("3")));
        assertFalse(JudgeFailure.learnersRunFailed("States.TaskFailed", "{\"Containers\":{\"ExitCode\":3}}"));
    }
}
