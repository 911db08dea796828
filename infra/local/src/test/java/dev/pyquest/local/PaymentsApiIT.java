package dev.pyquest.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pyquest.domain.Json;
import dev.pyquest.local.economy.InvariantCheck;
import dev.pyquest.local.payments.LocalPaymentProvider;
import dev.pyquest.shared.config.Tables;
import dev.pyquest.shared.payments.Checkout;
import dev.pyquest.shared.payments.PaymentsRepository;
import dev.pyquest.shared.store.Attr;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.net.URI;
import java.nio.file.Path;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Prices, checkout, the provider's signed webhooks and the entitlement, end to end over HTTP on the local stack:
 * prices differ by the token's country and a checkout charges the price shown; forged, tampered and stale webhooks
 * change nothing; the local provider's signed webhook turns Pro on; one event delivered 20 times has one effect; a
 * cancellation that arrives before its creation leaves Pro off; a pack grants its diamonds once and a refund takes
 * back what is left, never below zero; a paid amount other than the price grants nothing; the ledger equals the
 * wallets after all of it.
 */
class PaymentsApiIT {
    @TempDir
    Path data;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void pricesCheckoutWebhooksAndTheEntitlement() throws Exception {
        try (LocalStack stack = LocalStack.start(LocalStack.Config.fromEnvironment().withoutFunctions(Stacks.ACHIEVEMENTS)
                .withDataDir(data).withPort(0))) {
            Api api = new Api(stack.port());
            String ada = token(api, "pay-ada", "DE");
            String ravi = token(api, "pay-ravi", "IN");
            String zoe = token(api, "pay-zoe", null);

            // Prices: by the token's country only; a query or a body cannot choose another country's price.
            JsonNode de = api.get("/pricing?country=IN", ada).body();
            JsonNode in = api.get("/pricing", ravi).body();
            JsonNode none = api.get("/pricing", zoe).body();
            assertEquals("DE", de.path("country").asText());
            assertEquals(999, de.path("pro").path("monthly").path("amount").asLong(), de.toString());
            assertEquals("EUR", de.path("pro").path("monthly").path("currency").asText());
            assertEquals(24900, in.path("pro").path("monthly").path("amount").asLong(), in.toString());
            assertEquals("INR", in.path("currency").asText());
            assertEquals("USD", none.path("currency").asText(), "no country: the default region");
            assertTrue(none.path("country").isNull());
            assertEquals(3, in.path("diamondPacks").size());

            // Free: no Pro anywhere.
            assertFalse(api.get("/me/entitlements", ada).body().path("pro").path("active").asBoolean());
            assertFalse(api.get("/me", ada).body().path("pro").asBoolean());

            // Checkout: only the product; the price is the one shown for the token's country.
            assertEquals("IDEMPOTENCY_KEY_REQUIRED", api.post("/checkout", ada, Map.of(), "{\"product\":\"pro-monthly\"}").code());
            assertEquals(400, checkout(api, ada, "k-price", "{\"product\":\"pro-monthly\",\"amount\":1}").status());
            assertEquals(400, checkout(api, ada, "k-country", "{\"product\":\"pro-monthly\",\"country\":\"IN\"}").status());
            assertEquals(400, checkout(api, ada, "k-none", "{\"product\":\"pro-lifetime\"}").status());
            Api.Response opened = checkout(api, ada, "k-1", "{\"product\":\"pro-monthly\"}");
            assertEquals(201, opened.status(), String.valueOf(opened.body()));
            assertEquals(de.path("pro").path("monthly").path("amount").asLong(), opened.body().path("price").path("amount").asLong());
            assertEquals("EUR", opened.body().path("price").path("currency").asText());
            String adaCheckout = opened.body().path("checkoutId").asText();
            assertTrue(opened.body().path("url").asText().endsWith("/dev/payments/" + adaCheckout), opened.body().toString());
            Api.Response again = checkout(api, ada, "k-1", "{\"product\":\"pro-monthly\"}");
            assertEquals(adaCheckout, again.body().path("checkoutId").asText(), "the same key opens one checkout");

            // Forged, tampered, stale and future webhooks: 400 and no effect.
            Checkout c = stack.bean(PaymentsRepository.class).checkout(adaCheckout).orElseThrow();
            LocalPaymentProvider provider = stack.payments();
            Instant now = Instant.now();
            byte[] body = provider.event(LocalPaymentProvider.Action.COMPLETE, c, "evt_forged_1", now, 1);
            assertEquals(400, webhook(stack, body, null).statusCode());
            assertEquals(400, webhook(stack, body, "t=" + now.getEpochSecond() + ",v1=" + "0".repeat(64)).statusCode());
            byte[] tampered = new String(body, StandardCharsets.UTF_8).replace("\"amount_total\":999", "\"amount_total\":1")
                    .getBytes(StandardCharsets.UTF_8);
            assertNotEquals(new String(body, StandardCharsets.UTF_8), new String(tampered, StandardCharsets.UTF_8));
            assertEquals(400, webhook(stack, tampered, provider.sign(body, now)).statusCode());
            // Well past the 300 s either way (the exact edges are WebhookSignatureTest's, on a fixed clock): this
            // test's clock and the stack's may be seconds apart on a busy machine.
            assertEquals(400, webhook(stack, body, provider.sign(body, now.minusSeconds(600))).statusCode());
            assertEquals(400, webhook(stack, body, provider.sign(body, now.plusSeconds(600))).statusCode());
            assertEquals(400, webhook(stack, body, WebhookSignatureOf.other(body, now)).statusCode());
            assertFalse(api.get("/me/entitlements", ada).body().path("pro").path("active").asBoolean(), "no forged delivery took effect");

            // The local provider completes: Pro on, in /me and /me/entitlements alike.
            JsonNode paid = api.post("/dev/payments/" + adaCheckout + "/complete", null, Map.of(), "{\"eventId\":\"evt_ada_paid\"}").body();
            assertEquals(200, paid.path("webhookStatus").asInt(), paid.toString());
            assertTrue(paid.path("webhook").path("outcome").asText().startsWith("APPLIED"), paid.toString());
            JsonNode ent = api.get("/me/entitlements", ada).body().path("pro");
            assertTrue(ent.path("active").asBoolean(), ent.toString());
            assertEquals("subscription", ent.path("source").asText());
            Instant expires = Instant.parse(ent.path("expiresAt").asText());
            assertTrue(expires.isAfter(Instant.now().plus(27, ChronoUnit.DAYS)) && expires.isBefore(Instant.now().plus(32, ChronoUnit.DAYS)), ent.toString());
            assertTrue(api.get("/me", ada).body().path("pro").asBoolean());
            String stored = entitlementJson(stack, "pay-ada");

            // The same event delivered 20 more times: each acknowledged as a redelivery, one effect.
            for (int i = 0; i < 20; i++) {
                JsonNode d = api.post("/dev/payments/" + adaCheckout + "/complete", null, Map.of(), "{\"eventId\":\"evt_ada_paid\"}").body();
                assertTrue(d.path("webhook").path("duplicate").asBoolean(), d.toString());
            }
            assertEquals(stored, entitlementJson(stack, "pay-ada"), "a redelivery writes nothing");

            // A renewal pays the next period; a cancellation ends Pro at once.
            api.post("/dev/payments/" + adaCheckout + "/renew", null, Map.of(), "{\"periods\":2}");
            Instant renewed = Instant.parse(api.get("/me/entitlements", ada).body().path("pro").path("expiresAt").asText());
            assertTrue(renewed.isAfter(expires.plus(27, ChronoUnit.DAYS)), renewed + " after " + expires);
            api.post("/dev/payments/" + adaCheckout + "/cancel", null, Map.of(), "");
            assertFalse(api.get("/me/entitlements", ada).body().path("pro").path("active").asBoolean());
            assertFalse(api.get("/me", ada).body().path("pro").asBoolean());

            // Out of order: zoe's cancellation arrives before the creation it follows; Pro stays off.
            String zoeCheckout = checkout(api, zoe, "z-1", "{\"product\":\"pro-yearly\"}").body().path("checkoutId").asText();
            long t = Instant.now().getEpochSecond();
            api.post("/dev/payments/" + zoeCheckout + "/cancel", null, Map.of(), "{\"created\":" + (t - 100) + "}");
            JsonNode late = api.post("/dev/payments/" + zoeCheckout + "/complete", null, Map.of(), "{\"created\":" + (t - 200) + "}").body();
            assertEquals(200, late.path("webhookStatus").asInt(), late.toString());
            assertFalse(api.get("/me/entitlements", zoe).body().path("pro").path("active").asBoolean(), "a cancellation before the creation leaves Pro off");

            // A pack: granted once whatever the redeliveries, then refunded: what is left is taken back, never below zero.
            Api.Response pack = checkout(api, ravi, "r-1", "{\"product\":\"diamonds-550\"}");
            assertEquals(in.path("diamondPacks").get(1).path("price").path("amount").asLong(), pack.body().path("price").path("amount").asLong());
            String raviCheckout = pack.body().path("checkoutId").asText();
            for (int i = 0; i < 20; i++) api.post("/dev/payments/" + raviCheckout + "/complete", null, Map.of(), "{\"eventId\":\"evt_ravi_paid\"}");
            JsonNode other = api.post("/dev/payments/" + raviCheckout + "/complete", null, Map.of(), "").body();
            assertTrue(other.path("webhook").path("outcome").asText().contains("already granted"), other.toString());
            assertEquals(550, api.get("/me", ravi).body().path("diamonds").asLong());
            assertEquals(201, api.post("/shop/purchases", ravi, Map.of("Idempotency-Key", "freeze-1"), "{\"item\":\"streak-freeze\"}").status());
            long left = api.get("/me", ravi).body().path("diamonds").asLong();
            assertTrue(left < 550);
            JsonNode refund = api.post("/dev/payments/" + raviCheckout + "/refund", null, Map.of(), "").body();
            assertTrue(refund.path("webhook").path("outcome").asText().contains("took back " + left + " of 550"), refund.toString());
            assertEquals(0, api.get("/me", ravi).body().path("diamonds").asLong(), "never below zero");
            JsonNode dispute = api.post("/dev/payments/" + raviCheckout + "/dispute", null, Map.of(), "").body();
            assertTrue(dispute.path("webhook").path("outcome").asText().contains("already taken back"), dispute.toString());
            assertEquals(0, api.get("/me", ravi).body().path("diamonds").asLong());
            assertTrue(flagged(stack, "pay-ravi"));
            assertTrue(api.get("/me/transactions", ravi).body().toString().contains("refunded: 550 diamonds"));

            // A completion whose paid amount is not the checkout's price grants nothing and flags the learner.
            String cheap = checkout(api, ravi, "r-2", "{\"product\":\"diamonds-1200\"}").body().path("checkoutId").asText();
            Checkout cc = stack.bean(PaymentsRepository.class).checkout(cheap).orElseThrow();
            byte[] underpaid = new String(provider.event(LocalPaymentProvider.Action.COMPLETE, cc, "evt_underpaid", Instant.now(), 1),
                    StandardCharsets.UTF_8).replace("\"amount_total\":" + cc.amount(), "\"amount_total\":100").getBytes(StandardCharsets.UTF_8);
            HttpResponse<String> r = webhook(stack, underpaid, provider.sign(underpaid, Instant.now()));
            assertEquals(200, r.statusCode(), r.body());
            assertTrue(Json.MAPPER.readTree(r.body()).path("outcome").asText().startsWith("REFUSED"), r.body());
            assertEquals(0, api.get("/me", ravi).body().path("diamonds").asLong());

            InvariantCheck.Report report = InvariantCheck.run(stack.bean(DynamoDbClient.class), stack.bean(Tables.class));
            assertTrue(report.clean(), report.summary() + ": " + report.violations());
        }
    }

    private static String token(Api api, String sub, String country) {
        String body = country == null ? "{\"sub\":\"" + sub + "\"}" : "{\"sub\":\"" + sub + "\",\"country\":\"" + country + "\"}";
        return api.post("/dev/token", null, Map.of(), body).body().path("token").asText();
    }

    private static Api.Response checkout(Api api, String token, String key, String body) {
        return api.post("/checkout", token, Map.of("Idempotency-Key", key), body);
    }

    private HttpResponse<String> webhook(LocalStack stack, byte[] body, String signature) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + stack.port() + "/webhooks/payments"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).header("Content-Type", "application/json");
        if (signature != null) b.header("Stripe-Signature", signature);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String entitlementJson(LocalStack stack, String userId) {
        return Attr.str(learner(stack, userId), "entitlement");
    }

    private static boolean flagged(LocalStack stack, String userId) {
        AttributeValue f = learner(stack, userId).get("flagged");
        return f != null && Boolean.TRUE.equals(f.bool());
    }

    private static Map<String, AttributeValue> learner(LocalStack stack, String userId) {
        return stack.bean(DynamoDbClient.class).getItem(b -> b.tableName(stack.bean(Tables.class).learners()).consistentRead(true)
                .key(Map.of("userId", Attr.s(userId)))).item();
    }

    /** A signature under a secret that is not the stack's. */
    private static final class WebhookSignatureOf {
        static String other(byte[] body, Instant at) {
            return dev.pyquest.domain.payments.WebhookSignature.header("whsec_someone_else".getBytes(StandardCharsets.UTF_8), at, body);
        }
    }
}
