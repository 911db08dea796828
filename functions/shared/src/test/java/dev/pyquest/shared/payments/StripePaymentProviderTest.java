package dev.pyquest.shared.payments;

import com.sun.net.httpserver.HttpServer;
import dev.pyquest.domain.payments.PriceBook;
import dev.pyquest.shared.ports.PaymentProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Stripe adapter against a local server playing Stripe's part: what it sends (form, key, idempotency), what it reads. */
class StripePaymentProviderTest {
    private HttpServer server;
    private final AtomicReference<Map<String, String>> form = new AtomicReference<>();
    private final AtomicReference<Map<String, String>> headers = new AtomicReference<>();
    private volatile int status = 200;
    private volatile String answer = "{\"id\":\"cs_test_1\",\"url\":\"https://checkout.stripe.com/c/pay/cs_test_1\"}";

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/checkout/sessions", ex -> {
            Map<String, String> f = new HashMap<>();
            for (String pair : new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8).split("&")) {
                int eq = pair.indexOf('=');
                f.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
            form.set(f);
            headers.set(Map.of("auth", ex.getRequestHeaders().getFirst("Authorization"), "key", ex.getRequestHeaders().getFirst("Idempotency-Key"),
                    "method", ex.getRequestMethod()));
            byte[] b = answer.getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(status, b.length);
            ex.getResponseBody().write(b);
            ex.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private StripePaymentProvider provider() {
        return new StripePaymentProvider("sk_test_123", "whsec_abc_long_enough", "https://app.example/",
                URI.create("http://127.0.0.1:" + server.getAddress().getPort()));
    }

    @Test
    void aProSubscriptionSessionCarriesOurPriceAndOurCheckoutIdEverywhere() {
        PriceBook book = PriceBook.bundled();
        PaymentProvider.Session s = provider().create(new PaymentProvider.Order("c-1", "u-1", book.product("pro-yearly").orElseThrow(),
                new PriceBook.Money(7399, "EUR")));
        assertEquals("cs_test_1", s.providerRef());
        assertEquals("https://checkout.stripe.com/c/pay/cs_test_1", s.url());
        Map<String, String> f = form.get();
        assertEquals("subscription", f.get("mode"));
        assertEquals("c-1", f.get("client_reference_id"));
        assertEquals("eur", f.get("line_items[0][price_data][currency]"));
        assertEquals("7399", f.get("line_items[0][price_data][unit_amount]"));
        assertEquals("year", f.get("line_items[0][price_data][recurring][interval]"));
        assertEquals("1", f.get("line_items[0][price_data][recurring][interval_count]"));
        assertEquals("c-1", f.get("subscription_data[metadata][checkoutId]"));
        assertEquals("c-1", f.get("metadata[checkoutId]"));
        assertTrue(f.get("success_url").startsWith("https://app.example/?checkout=c-1"), f.get("success_url"));
        assertEquals("Bearer sk_test_123", headers.get().get("auth"));
        assertEquals("pyquest-c-1", headers.get().get("key"));
        assertEquals("POST", headers.get().get("method"));
    }

    @Test
    void aPackIsAOneOffPaymentWhosePaymentCarriesOurCheckoutId() {
        PriceBook book = PriceBook.bundled();
        provider().create(new PaymentProvider.Order("c-2", "u-1", book.product("diamonds-550").orElseThrow(), new PriceBook.Money(999, "USD")));
        Map<String, String> f = form.get();
        assertEquals("payment", f.get("mode"));
        assertEquals("c-2", f.get("payment_intent_data[metadata][checkoutId]"));
        assertEquals(null, f.get("line_items[0][price_data][recurring][interval]"));
    }

    @Test
    void aRefusalOrAnUnreadableAnswerIsUnavailableNotASession() {
        PriceBook.Product p = PriceBook.bundled().product("pro-monthly").orElseThrow();
        PaymentProvider.Order o = new PaymentProvider.Order("c-3", "u-1", p, new PriceBook.Money(999, "USD"));
        status = 402;
        answer = "{\"error\":{\"message\":\"Your card was declined\"}}";
        PaymentProvider.Unavailable e = assertThrows(PaymentProvider.Unavailable.class, () -> provider().create(o));
        assertTrue(e.getMessage().contains("402"), e.getMessage());
        status = 200;
        answer = "{\"id\":\"cs_x\"}";
        assertThrows(PaymentProvider.Unavailable.class, () -> provider().create(o));
        server.stop(0);
        assertThrows(PaymentProvider.Unavailable.class, () -> provider().create(o));
    }

    @Test
    void aFreshDeployWithoutSecretsChargesNothingAndBelievesNoWebhook() {
        StripePaymentProvider unset = new StripePaymentProvider("unset", "unset", "https://app.example",
                URI.create("http://127.0.0.1:" + server.getAddress().getPort()));
        PriceBook.Product p = PriceBook.bundled().product("pro-monthly").orElseThrow();
        assertThrows(PaymentProvider.NotConfigured.class, () -> unset.create(new PaymentProvider.Order("c-4", "u-1", p, new PriceBook.Money(999, "USD"))));
        assertEquals(null, form.get(), "nothing reached Stripe");
        assertThrows(PaymentProvider.NotConfigured.class, unset::webhookSecret);
        assertEquals("whsec_abc_long_enough", new String(new StripePaymentProvider("sk_x", "whsec_abc_long_enough", "https://a",
                URI.create("http://127.0.0.1:1")).webhookSecret(), StandardCharsets.UTF_8));
    }
}
