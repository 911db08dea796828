package dev.pyquest.sandbox;

/**
 * The sandbox started but the run gave no usable report: the runner crashed or was killed, the
 * whole run passed its wall-clock limit, its report was larger than the configured cap or was
 * not a JSON report. Learner code can provoke this (for example by killing the runner), so it
 * must lead to an ERROR verdict, never to a pass.
 */
public class SandboxFailedException extends SandboxUnavailableException {
    public SandboxFailedException(String message) {
        super(message);
    }

    public SandboxFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
