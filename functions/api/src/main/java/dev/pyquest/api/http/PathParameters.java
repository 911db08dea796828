package dev.pyquest.api.http;

import dev.pyquest.domain.quests.QuestRef;

import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The shape of every path parameter of the API, checked in {@link ApiFunction} before a route runs,
 * so no value of another shape reaches a DynamoDB key. A key over 2,048 bytes, or one holding our
 * key separators ({@code #}, {@code |}), made DynamoDB refuse the request and the learner got a 500
 * for a typo. A value of the wrong shape names nothing we store: 404 for an id or a slug, or what
 * the route's contract says (400 for a quest id, whose shape the message explains).
 */
public final class PathParameters {
    /** Activity slugs as the content loader allows them (lower-case-hyphenated), with room to spare. */
    static final Pattern SLUG = Pattern.compile("[a-z0-9]+(?:-[a-z0-9]+)*");
    static final int MAX_SLUG = 100;
    /** Submission ids are {@code s-} and 32 hex digits of a hash (SubmissionsFunction). */
    static final Pattern SUBMISSION_ID = Pattern.compile("s-[0-9a-f]{32}");

    record Shape(Predicate<String> accepts, ApiErrorFor refusal) {}

    @FunctionalInterface
    interface ApiErrorFor {
        ApiError of(String value);
    }

    private static final Shape ACTIVITY = new Shape(
            v -> v.length() <= MAX_SLUG && SLUG.matcher(v).matches(),
            v -> ApiError.notFound("no activity '" + clip(v) + "'"));
    private static final Shape SUBMISSION = new Shape(
            v -> SUBMISSION_ID.matcher(v).matches(),
            v -> ApiError.notFound("no submission '" + clip(v) + "'"));
    private static final Shape QUEST = new Shape(
            v -> QuestRef.parse(v).isPresent(),
            v -> ApiError.validation("a quest id looks like daily:2026-11-24:pass-3 or weekly:2026-W48:weekly-10-passes, got '"
                    + clip(v) + "'"));

    /** By route path, then parameter name: every {@code {param}} of the template's routes is here (PathParametersTest). */
    private static final Map<String, Map<String, Shape>> BY_ROUTE = Map.of(
            "/activities/{slug}", Map.of("slug", ACTIVITY),
            "/activities/{slug}/submissions", Map.of("slug", ACTIVITY),
            "/activities/{slug}/answers", Map.of("slug", ACTIVITY),
            "/activities/{slug}/complete", Map.of("slug", ACTIVITY),
            "/activities/{slug}/skip", Map.of("slug", ACTIVITY),
            "/activities/{slug}/walkthrough", Map.of("slug", ACTIVITY),
            "/submissions/{id}", Map.of("id", SUBMISSION),
            "/quests/{id}/claim", Map.of("id", QUEST));

    private PathParameters() {}

    /** Whether {@code name} of the route at {@code path} has a declared shape. */
    public static boolean declared(String path, String name) {
        return BY_ROUTE.getOrDefault(path, Map.of()).containsKey(name);
    }

    /** Whether {@code value} has the shape of {@code name} of the route at {@code path} (false when none is declared). */
    public static boolean accepts(String path, String name, String value) {
        Shape shape = BY_ROUTE.getOrDefault(path, Map.of()).get(name);
        return shape != null && value != null && shape.accepts().test(value);
    }

    /**
     * Throws the route's {@link ApiError} for the first declared parameter of the wrong shape. A name
     * the route does not declare is not read by it ({@link #require} refuses that), so it is left alone:
     * API Gateway never sends one, and events built by hand may carry another route's.
     */
    static void check(String routeKey, Map<String, String> params) {
        if (params == null || params.isEmpty()) return;
        Map<String, Shape> shapes = BY_ROUTE.getOrDefault(path(routeKey), Map.of());
        for (Map.Entry<String, Shape> s : shapes.entrySet()) {
            if (!params.containsKey(s.getKey())) continue;
            String v = params.get(s.getKey());
            if (v == null || !s.getValue().accepts().test(v)) throw s.getValue().refusal().of(v == null ? "" : v);
        }
    }

    /** A route reading a parameter with no declared shape is our mistake, not the caller's: a 500 and a log line. */
    static void require(String routeKey, String name) {
        if (!declared(path(routeKey), name)) throw new IllegalStateException("no declared shape for {" + name + "} of " + routeKey);
    }

    private static String path(String routeKey) {
        return routeKey == null ? "" : routeKey.substring(routeKey.indexOf(' ') + 1);
    }

    static String clip(String v) {
        return clip(v, 64);
    }

    /** At most {@code max} characters of what the caller sent, control characters escaped: a message, not a mirror. */
    static String clip(String v, int max) {
        StringBuilder b = new StringBuilder();
        v.codePoints().limit(max).forEach(c -> {
            if (Character.isISOControl(c)) b.append(String.format("\\u%04x", c));
            else b.appendCodePoint(c);
        });
        if (v.codePointCount(0, v.length()) > max) b.append("...");
        return b.toString();
    }
}
