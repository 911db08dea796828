package dev.pyquest.local;

import dev.pyquest.sandbox.LocalSandbox;
import dev.pyquest.sandbox.SandboxUnavailableException;

/** The sandbox task's engine: a job in, the runner's report out. */
@FunctionalInterface
public interface Sandbox {
    byte[] run(byte[] job) throws Unavailable;

    /** No sandbox, so no verdict: the workflow ends the submission in ERROR. Never an unsandboxed run. */
    final class Unavailable extends Exception {
        public Unavailable(String message, Throwable cause) { super(message, cause); }
    }

    static Sandbox local() {
        LocalSandbox box = new LocalSandbox();
        box.warmUp();
        return job -> {
            try {
                return box.run(job);
            } catch (SandboxUnavailableException e) {
                throw new Unavailable(e.getMessage(), e);
            }
        };
    }
}
