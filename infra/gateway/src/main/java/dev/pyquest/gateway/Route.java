package dev.pyquest.gateway;

import java.util.Objects;

/**
 * One HTTP API route: {@code method} ("GET", "POST", ... or "ANY") and a path template made of literal
 * segments and {@code {name}} segments (a last {@code {name+}} segment is greedy), e.g.
 * {@code "/activities/{slug}/submissions"}. {@code authorized} routes run the JWT authorizer first.
 */
public record Route(String method, String path, boolean authorized, HttpFunction function) {
    public Route {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(function, "function");
        if (!method.matches("[A-Z]+")) throw new IllegalArgumentException("method must be upper-case letters: " + method);
        PathTemplate.parse(path); // throws IllegalArgumentException when malformed
    }

    /** The API Gateway route key, e.g. {@code "POST /activities/{slug}/submissions"}. */
    public String routeKey() {
        return method + " " + path;
    }
}
