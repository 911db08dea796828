package dev.pyquest.shared.payments;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pyquest.domain.Json;
import dev.pyquest.domain.payments.PriceBook;
import dev.pyquest.shared.ports.PaymentProvider;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Stripe behind {@link PaymentProvider}, over its documented REST API (no SDK in the Lambda jar): a Checkout Session
 * ({@code POST /v1/checkout/sessions}, form-encoded) with the price PyQuest decided as inline {@code price_data},
 * {@code mode=subscription} for Pro (monthly or yearly) and {@code payment} for a pack; our checkout id as
 * {@code client_reference_id} and as {@code metadata.checkoutId} on the session, the subscription and the payment, so
 * every later event leads back to our record; Stripe's {@code Idempotency-Key} is the checkout id, so a retried
 * request opens one session. Tested against a local HTTP server that plays Stripe's part
 * ({@code StripePaymentProviderTest}); it has not been run against Stripe itself from this repository.
 */
public final class StripePaymentProvider implements PaymentProvider {
    public static final URI API = URI.create("https://api.stripe.com");

    private final String apiKey;
    private final byte[] webhookSecret;
    private final String appUrl;
    private final URI api;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public StripePaymentProvider(String apiKey, String webhookSecret, String appUrl, URI api) {
        this.apiKey = apiKey;
        this.webhookSecret = webhookSecret.getBytes(StandardCharsets.UTF_8);
        this.appUrl = appUrl.endsWith("/") ? appUrl.substring(0, appUrl.length() - 1) : appUrl;
        this.api = api;
    }

    @Override
    public Session create(Order order) {
        if (!apiKey.startsWith("sk_") && !apiKey.startsWith("rk_")) {
            throw new NotConfigured("Stripe's API key is not set (PaymentsSecret.apiKey, docs/deploy.md \"Payments\")");
        }
        Map<String, String> form = form(order, appUrl);
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest req = HttpRequest.newBuilder(api.resolve("/v1/checkout/sessions")).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + apiKey)
                .header("Idempotency-Key", "pyquest-" + order.checkoutId())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> r;
        try {
            r = http.send(req, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new Unavailable("Stripe could not be reached: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted while calling Stripe", e);
        }
        if (r.statusCode() / 100 != 2) {
            throw new Unavailable("Stripe refused the checkout session: HTTP " + r.statusCode() + " " + clip(r.body()), null);
        }
        try {
            JsonNode s = Json.MAPPER.readTree(r.body());
            String url = s.path("url").asText(""), id = s.path("id").asText("");
            if (url.isEmpty() || id.isEmpty()) throw new Unavailable("Stripe's answer has no session id or url: " + clip(r.body()), null);
            return new Session(url, id);
        } catch (IOException e) {
            throw new Unavailable("Stripe's answer is not JSON", e);
        }
    }

    /** The session's form fields (Stripe's bracket notation), in a stable order. */
    static Map<String, String> form(Order o, String appUrl) {
        Map<String, String> f = new LinkedHashMap<>();
        boolean pro = o.product().kind() == PriceBook.Kind.PRO;
        f.put("mode", pro ? "subscription" : "payment");
        f.put("client_reference_id", o.checkoutId());
        f.put("success_url", appUrl + "/?checkout=" + o.checkoutId() + "&status=paid");
        f.put("cancel_url", appUrl + "/?checkout=" + o.checkoutId() + "&status=cancelled");
        f.put("line_items[0][quantity]", "1");
        f.put("line_items[0][price_data][currency]", o.price().currency().toLowerCase(Locale.ROOT));
        f.put("line_items[0][price_data][unit_amount]", Long.toString(o.price().amount()));
        f.put("line_items[0][price_data][product_data][name]", o.product().title());
        if (pro) {
            boolean yearly = o.product().months() % 12 == 0;
            f.put("line_items[0][price_data][recurring][interval]", yearly ? "year" : "month");
            f.put("line_items[0][price_data][recurring][interval_count]", Integer.toString(yearly ? o.product().months() / 12 : o.product().months()));
            f.put("subscription_data[metadata][checkoutId]", o.checkoutId());
        } else {
            f.put("payment_intent_data[metadata][checkoutId]", o.checkoutId());
        }
        f.put("metadata[checkoutId]", o.checkoutId());
        return f;
    }

    /** Stripe's endpoint secret; until one is set ("unset" in a fresh deploy) no webhook is believed. */
    @Override
    public byte[] webhookSecret() {
        if (!new String(webhookSecret, StandardCharsets.UTF_8).startsWith("whsec_") || webhookSecret.length < 20) {
            throw new NotConfigured("Stripe's webhook secret is not set (PaymentsSecret.webhookSecret, docs/deploy.md \"Payments\")");
        }
        return webhookSecret.clone();
    }

    private static String clip(String s) {
        return s == null ? "" : s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }
}
