package dev.pyquest.local.payments;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pyquest.domain.Json;
import dev.pyquest.shared.payments.Checkout;
import dev.pyquest.shared.payments.PaymentsRepository;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The local stack's own payment routes (like {@code /dev/token}, never deployed):
 * {@code GET /dev/payments/{checkoutId}} shows a checkout as the local provider's "payment page" would, and
 * {@code POST /dev/payments/{checkoutId}/{action}} ({@code complete}, {@code renew}, {@code fail}, {@code cancel},
 * {@code refund}, {@code dispute}) makes the local provider send that event's signed webhook over HTTP to the stack's
 * {@code POST /webhooks/payments}, and answers what the webhook answered. An optional body
 * {@code {"eventId","created","periods"}} sends a chosen event id (a redelivery), a chosen provider time (events out
 * of order) and, for {@code renew}, how many periods are paid.
 */
public final class DevPayments {
    private static final Pattern EVENT_ID = Pattern.compile("[A-Za-z0-9_-]{1,128}");

    private final LocalPaymentProvider provider;
    private final PaymentsRepository repo;
    private final Clock clock;
    private final Supplier<String> baseUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public DevPayments(LocalPaymentProvider provider, PaymentsRepository repo, Clock clock, Supplier<String> baseUrl) {
        this.provider = provider;
        this.repo = repo;
        this.clock = clock;
        this.baseUrl = baseUrl;
    }

    public APIGatewayV2HTTPResponse checkout(APIGatewayV2HTTPEvent e) {
        Optional<Checkout> c = find(e);
        if (c.isEmpty()) return error(404, "NOT_FOUND", "no checkout '" + param(e, "checkoutId") + "'");
        ObjectNode o = Json.MAPPER.createObjectNode().put("checkoutId", c.get().checkoutId()).put("product", c.get().product());
        o.putObject("price").put("amount", c.get().amount()).put("currency", c.get().currency());
        o.put("completed", c.get().completedAt() != null).put("refunded", c.get().refundedAt() != null);
        o.put("pay", "POST /dev/payments/" + c.get().checkoutId() + "/complete");
        return json(200, o);
    }

    public APIGatewayV2HTTPResponse act(APIGatewayV2HTTPEvent e) {
        LocalPaymentProvider.Action action = LocalPaymentProvider.Action.of(param(e, "action"));
        if (action == null) return error(404, "NOT_FOUND", "no action '" + param(e, "action") + "'; actions: complete, renew, fail, cancel, refund, dispute");
        Optional<Checkout> c = find(e);
        if (c.isEmpty()) return error(404, "NOT_FOUND", "no checkout '" + param(e, "checkoutId") + "'");
        JsonNode body;
        try {
            String text = e.getBody() == null ? "" : e.getIsBase64Encoded()
                    ? new String(Base64.getDecoder().decode(e.getBody()), StandardCharsets.UTF_8) : e.getBody();
            body = text.isBlank() ? Json.MAPPER.createObjectNode() : Json.MAPPER.readTree(text);
        } catch (IOException | IllegalArgumentException ex) {
            return error(400, "VALIDATION", "the body must be empty or a JSON object {\"eventId\",\"created\",\"periods\"}");
        }
        if (body == null || !body.isObject()) return error(400, "VALIDATION", "the body must be a JSON object");
        String eventId = body.path("eventId").asText(provider.newEventId());
        if (!EVENT_ID.matcher(eventId).matches()) return error(400, "VALIDATION", "eventId must be 1-128 of A-Z a-z 0-9 _ -");
        JsonNode cr = body.get("created");
        if (cr != null && !cr.canConvertToLong()) return error(400, "VALIDATION", "created must be Unix seconds");
        Instant now = clock.instant();
        Instant created = cr == null ? now : Instant.ofEpochSecond(cr.asLong());
        int periods = body.path("periods").asInt(2);
        if (periods < 1 || periods > 120) return error(400, "VALIDATION", "periods must be 1..120");
        byte[] event = provider.event(action, c.get(), eventId, created, periods);
        HttpResponse<String> r;
        try {
            r = http.send(HttpRequest.newBuilder(URI.create(baseUrl.get() + "/webhooks/payments")).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json").header("Stripe-Signature", provider.sign(event, now))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(event)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException ex) {
            return error(502, "WEBHOOK_UNDELIVERED", "the local provider could not reach /webhooks/payments: " + ex.getMessage());
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return error(502, "WEBHOOK_UNDELIVERED", "interrupted");
        }
        ObjectNode o = Json.MAPPER.createObjectNode().put("action", action.name().toLowerCase(java.util.Locale.ROOT))
                .put("eventId", eventId).put("type", action.type).put("webhookStatus", r.statusCode());
        try {
            o.set("webhook", Json.MAPPER.readTree(r.body()));
        } catch (IOException ex) {
            o.put("webhook", r.body());
        }
        return json(200, o);
    }

    private Optional<Checkout> find(APIGatewayV2HTTPEvent e) {
        String id = param(e, "checkoutId");
        return id == null || !EVENT_ID.matcher(id).matches() ? Optional.empty() : repo.checkout(id);
    }

    private static String param(APIGatewayV2HTTPEvent e, String name) {
        return e.getPathParameters() == null ? null : e.getPathParameters().get(name);
    }

    private static APIGatewayV2HTTPResponse json(int status, Object body) {
        APIGatewayV2HTTPResponse r = new APIGatewayV2HTTPResponse();
        r.setStatusCode(status);
        r.setHeaders(Map.of("content-type", "application/json", "cache-control", "no-store"));
        r.setBody(body.toString());
        return r;
    }

    private static APIGatewayV2HTTPResponse error(int status, String code, String message) {
        return json(status, Json.MAPPER.createObjectNode().put("code", code).put("message", message));
    }
}
