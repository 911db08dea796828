package dev.pyquest.local;

import dev.pyquest.sandbox.LocalSandbox;
import dev.pyquest.sandbox.SandboxUnavailableException;

/** The sandbox task's engine: a job in, the runner's report out. */
@FunctionalInterface
public interface Sandbox {
    byte[] run(byte[] job) throws Unavailable;

    /** No sandbox, so no verdict: the workflow ends the submission in ERROR. Never an unsandboxed run. */
    class Unavailable extends Exception {
        public Unavailable(String message, Throwable cause) { super(message, cause); }
    }

    /**
     * The box ran the learner's code, but the run gave no usable report (it passed its wall clock,
     * its report was too large, the runner was killed). Still an ERROR with no verdict, but one
     * the learner's code may have caused: it counts as an attempt (see JudgeFailure).
     */
    final class RunFailed extends Unavailable {
        public RunFailed(String message, Throwable cause) { super(message, cause); }
    }

    static Sandbox local() {
        LocalSandbox box = new LocalSandbox();
        box.warmUp();
        return job -> {
            try {
                return box.run(job);
            } catch (dev.pyquest.sandbox.SandboxFailedException e) {
                throw new RunFailed(e.getMessage(), e);
            } catch (SandboxUnavailableException e) {
                throw new Unavailable(e.getMessage(), e);
            }
        };
    }
}
