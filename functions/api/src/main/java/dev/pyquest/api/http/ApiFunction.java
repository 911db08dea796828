package dev.pyquest.api.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pyquest.domain.Json;
import dev.pyquest.domain.learning.Gates;
import dev.pyquest.shared.LambdaFunction;
import dev.pyquest.shared.mastery.ActivityGates;
import dev.pyquest.shared.store.CatalogRepository.Activity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An HTTP API Lambda (payload format 2.0) serving a few routes. The learner is the verified JWT's
 * {@code sub}, read from the authorizer's claims; nothing in a body or query overrides it.
 */
public abstract class ApiFunction extends LambdaFunction<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private static final Logger LOG = LoggerFactory.getLogger(ApiFunction.class);

    protected ApiFunction() {
        super("requestContext.requestId");
    }

    @Override
    protected final APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event) {
        try {
            // Before any route code: no value of the wrong shape reaches a key.
            PathParameters.check(event.getRouteKey(), event.getPathParameters());
            return route(event.getRouteKey(), event);
        } catch (ApiError e) {
            return response(e);
        } catch (RuntimeException e) {
            String requestId = event.getRequestContext() == null ? "?" : event.getRequestContext().getRequestId();
            LOG.error("request {} failed on {}", requestId, event.getRouteKey(), e);
            return error(500, "INTERNAL", "internal error, request " + requestId, Map.of());
        }
    }

    /** Serves one route; throws {@link ApiError} for the caller's mistakes. */
    protected abstract APIGatewayV2HTTPResponse route(String routeKey, APIGatewayV2HTTPEvent event);

    protected static String learner(APIGatewayV2HTTPEvent e) {
        String sub = Optional.ofNullable(e.getRequestContext())
                .map(APIGatewayV2HTTPEvent.RequestContext::getAuthorizer)
                .map(APIGatewayV2HTTPEvent.RequestContext.Authorizer::getJwt)
                .map(APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT::getClaims)
                .map(c -> c.get("sub")).orElse(null);
        if (sub == null || sub.isBlank()) throw new ApiError(401, "UNAUTHORIZED", "no verified identity");
        return sub;
    }

    protected static String pathParam(APIGatewayV2HTTPEvent e, String name) {
        PathParameters.require(e.getRouteKey(), name);
        String v = e.getPathParameters() == null ? null : e.getPathParameters().get(name);
        if (v == null || v.isBlank()) throw ApiError.validation("missing path parameter " + name);
        return v;
    }

    /**
     * The one gate of every route that acts on an activity (submit, answer, complete, skip, buy its hint): a locked
     * activity answers 403 {@code ACTIVITY_LOCKED} with its unmet {@code requires}, before anything is written. The
     * view ({@code GET /activities/{slug}}) asks the same {@link ActivityGates} and shows the summary and requires only.
     */
    protected static void requireOpen(ActivityGates gates, String userId, Activity a) {
        if (gates.proRequired(userId, a)) throw proRequired("'" + a.slug() + "' is a Pro challenge", a);
        List<Gates.Unmet> unmet = gates.unmet(userId, a);
        if (unmet.isEmpty()) return;
        throw new ApiError(403, "ACTIVITY_LOCKED", "'" + a.slug() + "' is locked: " + unmet.get(0).reason()
                + (unmet.size() > 1 ? " (and " + (unmet.size() - 1) + " more, see requires)" : ""),
                Map.of(), Map.of("activity", a.slug(), "requires", requires(unmet)));
    }

    /**
     * 403 {@code PRO_REQUIRED}: the one answer of every Pro gate (a premium challenge, a walkthrough, ...), naming
     * what needs Pro and where to get it; {@code a}: the activity it is about, if any (its slug and title).
     */
    public static ApiError proRequired(String what, Activity a) {
        Map<String, Object> details = new java.util.LinkedHashMap<>();
        if (a != null) {
            details.put("activity", a.slug());
            details.put("title", a.title());
        }
        details.put("pricing", "/pricing");
        return new ApiError(403, "PRO_REQUIRED", what + ": it needs PyQuest Pro (GET /pricing, POST /checkout)", Map.of(), details);
    }

    /** {@code requires} as clients read it: {@code [{"slug"|"skill", "reason"}]}, a skill's entry naming a quiz that meets it. */
    public static ArrayNode requires(List<Gates.Unmet> unmet) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (Gates.Unmet u : unmet) {
            ObjectNode o = out.addObject();
            if (u.slug() != null) o.put("slug", u.slug());
            if (u.skill() != null) o.put("skill", u.skill());
            if (u.quiz() != null) o.put("quiz", u.quiz());
            o.put("reason", u.reason());
        }
        return out;
    }

    protected static String header(APIGatewayV2HTTPEvent e, String name) {
        if (e.getHeaders() == null) return null;
        for (Map.Entry<String, String> h : e.getHeaders().entrySet()) {
            if (h.getKey().toLowerCase(Locale.ROOT).equals(name)) return h.getValue();
        }
        return null;
    }

    private static final java.util.regex.Pattern IDEMPOTENCY_KEY = java.util.regex.Pattern.compile("[\\x21-\\x7e]{1,64}");

    /** The {@code Idempotency-Key} every mutating route requires: 1-64 printable ASCII characters. */
    protected static String idempotencyKey(APIGatewayV2HTTPEvent e) {
        String key = header(e, "idempotency-key");
        if (key == null || key.isEmpty()) {
            throw new ApiError(400, "IDEMPOTENCY_KEY_REQUIRED", "the Idempotency-Key header is required (1-64 printable ASCII characters)");
        }
        if (!IDEMPOTENCY_KEY.matcher(key).matches()) {
            throw ApiError.validation("Idempotency-Key must be 1-64 printable ASCII characters without spaces");
        }
        return key;
    }

    protected static byte[] bodyBytes(APIGatewayV2HTTPEvent e) {
        if (e.getBody() == null) return new byte[0];
        return e.getIsBase64Encoded() ? Base64.getDecoder().decode(e.getBody()) : e.getBody().getBytes(StandardCharsets.UTF_8);
    }

    /** The body, refused with 413 {@code PAYLOAD_TOO_LARGE} above {@code maxBytes}. */
    protected static byte[] bodyBytes(APIGatewayV2HTTPEvent e, int maxBytes) {
        byte[] body = bodyBytes(e);
        if (body.length > maxBytes) throw new ApiError(413, "PAYLOAD_TOO_LARGE", "the body must be at most " + maxBytes + " bytes");
        return body;
    }

    protected static JsonNode jsonBody(byte[] body) {
        if (body.length == 0) throw ApiError.validation("request body must be a JSON object");
        try {
            JsonNode n = Json.MAPPER.readTree(body);
            if (n == null || !n.isObject()) throw ApiError.validation("request body must be a JSON object");
            return n;
        } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
            // The parser's own words say what is wrong ("Duplicate field 'code'"); its location is
            // about our parser, not the caller's text, so it is left out.
            throw ApiError.validation("request body is not valid JSON: " + PathParameters.clip(String.valueOf(ex.getOriginalMessage()), 200));
        } catch (java.io.IOException ex) {
            throw ApiError.validation("request body is not valid JSON");
        }
    }

    public static APIGatewayV2HTTPResponse json(int status, Object body) {
        return json(status, body, Map.of());
    }

    public static APIGatewayV2HTTPResponse json(int status, Object body, Map<String, String> headers) {
        try {
            Map<String, String> h = new java.util.HashMap<>(headers);
            h.put("content-type", "application/json");
            return APIGatewayV2HTTPResponse.builder().withStatusCode(status).withHeaders(h)
                    .withBody(Json.MAPPER.writeValueAsString(body)).build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The answer of a caller's mistake: {@code {"code","message", …details}} with its status and headers. */
    public static APIGatewayV2HTTPResponse response(ApiError e) {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("code", e.code);
        body.put("message", e.getMessage());
        body.putAll(e.details);
        return json(e.status, body, e.headers);
    }

    public static APIGatewayV2HTTPResponse error(int status, String code, String message, Map<String, String> headers) {
        return json(status, Map.of("code", code, "message", message), headers);
    }
}
