package dev.pyquest.local.payments;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pyquest.domain.Json;
import dev.pyquest.domain.payments.PriceBook;
import dev.pyquest.domain.payments.WebhookSignature;
import dev.pyquest.shared.payments.Checkout;
import dev.pyquest.shared.ports.PaymentProvider;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The local stack's payment provider: a checkout's url is {@code /dev/payments/{checkoutId}} on the stack itself, and
 * {@code POST /dev/payments/{checkoutId}/{action}} makes it send the webhook Stripe would send for that action, in
 * Stripe's event shape, signed with Stripe's scheme under this data folder's own secret
 * ({@code payments-webhook-secret}, created on first start, owner-only), to the stack's own
 * {@code POST /webhooks/payments}: the same route, signature check and effects as in AWS.
 */
public final class LocalPaymentProvider implements PaymentProvider {
    /** What the local provider can do to a checkout, and the Stripe event type each sends. */
    public enum Action {
        COMPLETE("checkout.session.completed"), RENEW("invoice.paid"), FAIL("invoice.payment_failed"),
        CANCEL("customer.subscription.deleted"), REFUND("charge.refunded"), DISPUTE("charge.dispute.created");

        public final String type;

        Action(String type) {
            this.type = type;
        }

        public static Action of(String name) {
            try {
                return valueOf(name.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
    }

    private final byte[] secret;
    private final Supplier<String> baseUrl;
    private final PriceBook prices;
    private final SecureRandom random = new SecureRandom();

    public LocalPaymentProvider(Path secretFile, Supplier<String> baseUrl, PriceBook prices) {
        this.secret = loadOrCreate(secretFile);
        this.baseUrl = baseUrl;
        this.prices = prices;
    }

    @Override
    public Session create(Order order) {
        return new Session(baseUrl.get() + "/dev/payments/" + order.checkoutId(), "cs_local_" + order.checkoutId());
    }

    @Override
    public byte[] webhookSecret() {
        return secret.clone();
    }

    /** The {@code Stripe-Signature} header for {@code body} signed at {@code at}. */
    public String sign(byte[] body, Instant at) {
        return WebhookSignature.header(secret, at, body);
    }

    public String newEventId() {
        byte[] b = new byte[12];
        random.nextBytes(b);
        return "evt_local_" + HexFormat.of().formatHex(b);
    }

    /**
     * The event Stripe would send for {@code action} on {@code c}, created at {@code created}. {@code periods}: for a
     * renewal, how many periods from the checkout's start are paid (2: the first renewal).
     */
    public byte[] event(Action action, Checkout c, String eventId, Instant created, int periods) {
        PriceBook.Product product = prices.product(c.product()).orElseThrow();
        boolean pro = product.kind() == PriceBook.Kind.PRO;
        String sub = "sub_local_" + c.checkoutId(), pi = "pi_local_" + c.checkoutId();
        ObjectNode e = Json.MAPPER.createObjectNode().put("id", eventId).put("object", "event").put("type", action.type)
                .put("created", created.getEpochSecond()).put("livemode", false);
        ObjectNode o = e.putObject("data").putObject("object");
        switch (action) {
            case COMPLETE -> {
                o.put("id", "cs_local_" + c.checkoutId()).put("object", "checkout.session").put("client_reference_id", c.checkoutId())
                        .put("mode", pro ? "subscription" : "payment").put("payment_status", "paid")
                        .put("amount_total", c.amount()).put("currency", c.currency().toLowerCase(Locale.ROOT));
                if (pro) o.put("subscription", sub); else o.put("payment_intent", pi);
                o.putObject("metadata").put("checkoutId", c.checkoutId());
            }
            case RENEW, FAIL -> {
                o.put("id", "in_local_" + eventId).put("object", "invoice").put("subscription", sub)
                        .put("amount_paid", action == Action.RENEW ? c.amount() : 0).put("currency", c.currency().toLowerCase(Locale.ROOT));
                o.putObject("subscription_details").putObject("metadata").put("checkoutId", c.checkoutId());
                Instant start = c.createdAt();
                Instant end = start.atOffset(ZoneOffset.UTC).plusMonths((long) product.months() * Math.max(1, periods)).toInstant();
                o.putObject("lines").putArray("data").addObject().putObject("period")
                        .put("start", start.getEpochSecond()).put("end", end.getEpochSecond());
            }
            case CANCEL -> {
                o.put("id", sub).put("object", "subscription").put("status", "canceled");
                o.putObject("metadata").put("checkoutId", c.checkoutId());
            }
            case REFUND, DISPUTE -> {
                o.put("id", (action == Action.REFUND ? "ch_local_" : "dp_local_") + c.checkoutId())
                        .put("object", action == Action.REFUND ? "charge" : "dispute").put("payment_intent", pi)
                        .put("amount", c.amount()).put("currency", c.currency().toLowerCase(Locale.ROOT));
                o.putObject("metadata").put("checkoutId", c.checkoutId());
            }
        }
        return e.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] loadOrCreate(Path file) {
        try {
            if (Files.exists(file)) return Files.readString(file, StandardCharsets.UTF_8).trim().getBytes(StandardCharsets.UTF_8);
            byte[] b = new byte[32];
            new SecureRandom().nextBytes(b);
            String s = "whsec_local_" + HexFormat.of().formatHex(b);
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), ".whsec-", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try {
                Files.writeString(tmp, s, StandardCharsets.UTF_8);
                try {
                    Files.createLink(file, tmp);
                } catch (java.nio.file.FileAlreadyExistsException raced) {
                    return Files.readString(file, StandardCharsets.UTF_8).trim().getBytes(StandardCharsets.UTF_8);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
            return s.getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the local webhook secret " + file, e);
        }
    }
}
