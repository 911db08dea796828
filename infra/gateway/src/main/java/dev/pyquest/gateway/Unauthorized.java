package dev.pyquest.gateway;

/** The JWT authorizer refused a request. The message is safe to show the client (no token contents). */
public final class Unauthorized extends Exception {
    private final boolean credentialsPresent;

    Unauthorized(String message) {
        this(message, true);
    }

    Unauthorized(String message, boolean credentialsPresent) {
        super(message, null, false, false);
        this.credentialsPresent = credentialsPresent;
    }

    /** False when no token was sent at all (RFC 6750 then wants a bare {@code WWW-Authenticate: Bearer}). */
    public boolean credentialsPresent() {
        return credentialsPresent;
    }
}
