package dev.pyquest.api.http;

import java.util.Map;

/** An error the caller can act on: an HTTP status, a stable code and a message for a human. */
public class ApiError extends RuntimeException {
    public final int status;
    public final String code;
    public final Map<String, String> headers;
    /** Fields of the body beside {@code code} and {@code message} (e.g. {@code requires} of {@code ACTIVITY_LOCKED}). */
    public final Map<String, Object> details;

    public ApiError(int status, String code, String message) {
        this(status, code, message, Map.of());
    }

    public ApiError(int status, String code, String message, Map<String, String> headers) {
        this(status, code, message, headers, Map.of());
    }

    public ApiError(int status, String code, String message, Map<String, String> headers, Map<String, Object> details) {
        super(message);
        this.status = status;
        this.code = code;
        this.headers = headers;
        this.details = Map.copyOf(details);
    }

    public static ApiError validation(String message) { return new ApiError(400, "VALIDATION", message); }
    public static ApiError notFound(String message) { return new ApiError(404, "NOT_FOUND", message); }
}
