package dev.pyquest.gateway;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** The local stack's own routes: {@code POST /dev/token} and {@code GET /.well-known/jwks.json}. Never deployed. */
final class DevRoutes {
    static final Duration TOKEN_TTL = Duration.ofHours(1);
    static final List<String> DEFAULT_GROUPS = List.of("learner");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.@-]{1,128}");
    private static final int MAX_GROUPS = 32;
    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");

    private DevRoutes() {}

    static List<Route> routes(TokenIssuer issuer) {
        return List.of(
                new Route("POST", "/dev/token", false, event -> token(issuer, event)),
                new Route("GET", "/.well-known/jwks.json", false, event -> {
                    APIGatewayV2HTTPResponse r = Json.response(200, issuer.keys().jwksJson());
                    r.setHeaders(Map.of("content-type", Json.CONTENT_TYPE, "cache-control", "no-store"));
                    return r;
                }));
    }

    private static APIGatewayV2HTTPResponse token(TokenIssuer issuer, APIGatewayV2HTTPEvent event) {
        JsonNode body;
        try {
            String text = event.getBody() == null ? "" : event.getIsBase64Encoded()
                    ? new String(Base64.getDecoder().decode(event.getBody()), StandardCharsets.UTF_8)
                    : event.getBody();
            body = Json.MAPPER.readTree(text);
        } catch (IOException | IllegalArgumentException e) {
            body = null;
        }
        if (body == null || !body.isObject()) {
            return invalid("body must be a JSON object like {\"sub\":\"learner-1\",\"groups\":[\"learner\"]}");
        }
        JsonNode sub = body.get("sub");
        if (sub == null || !sub.isTextual() || !NAME.matcher(sub.textValue()).matches()) {
            return invalid("sub is required: 1 to 128 characters of A-Z a-z 0-9 _ . @ -");
        }
        List<String> groups;
        JsonNode g = body.get("groups");
        if (g == null || g.isNull()) {
            groups = DEFAULT_GROUPS;
        } else {
            if (!g.isArray() || g.size() > MAX_GROUPS) return invalid("groups must be an array of at most " + MAX_GROUPS + " group names");
            groups = new ArrayList<>();
            for (JsonNode name : g) {
                if (!name.isTextual() || !NAME.matcher(name.textValue()).matches()) {
                    return invalid("each group name must be 1 to 128 characters of A-Z a-z 0-9 _ . @ -");
                }
                groups.add(name.textValue());
            }
        }
        JsonNode c = body.get("country");
        String country = null;
        if (c != null && !c.isNull()) {
            if (!c.isTextual() || !COUNTRY.matcher(c.textValue()).matches()) {
                return invalid("country must be an ISO 3166-1 alpha-2 code in capitals, like \"DE\"");
            }
            country = c.textValue();
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("token", issuer.issue(sub.textValue(), groups, country, TOKEN_TTL));
        out.put("expiresIn", TOKEN_TTL.toSeconds());
        APIGatewayV2HTTPResponse r = Json.response(200, Json.write(out));
        r.setHeaders(Map.of("content-type", Json.CONTENT_TYPE, "cache-control", "no-store"));
        return r;
    }

    private static APIGatewayV2HTTPResponse invalid(String message) {
        return Json.errorResponse(400, "VALIDATION", message);
    }
}
