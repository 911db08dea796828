package dev.pyquest.sandbox;

/**
 * No trustworthy result: the sandbox could not be set up (bubblewrap, python or setpriv missing,
 * no user namespaces, required cgroups not writable) or, as the subclass
 * {@link SandboxFailedException}, the sandboxed run itself failed. Either way the caller records
 * an ERROR verdict with no reward; the code is never run outside the sandbox instead.
 */
public class SandboxUnavailableException extends Exception {
    public SandboxUnavailableException(String message) {
        super(message);
    }

    public SandboxUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
