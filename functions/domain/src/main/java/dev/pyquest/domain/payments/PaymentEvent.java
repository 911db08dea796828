package dev.pyquest.domain.payments;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pyquest.domain.Json;

import java.io.IOException;
import java.time.Instant;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A payment provider's event as PyQuest acts on it, read from Stripe's event shape
 * ({@code {"id","type","created","data":{"object":{…}}}}). Only ids, the provider's times and the provider's
 * amounts are read from it: who the learner is and what was bought always come from our own checkout record,
 * which {@link #checkoutId()} names (the session's {@code client_reference_id}, or {@code metadata.checkoutId}
 * that the checkout put on the payment and the subscription), or which the payment intent leads to.
 */
public sealed interface PaymentEvent {
    String eventId();
    String type();
    Instant created();
    /** Our checkout id, when the event names it; else null (then {@link #paymentIntent()} may lead to it). */
    String checkoutId();
    default String paymentIntent() { return null; }

    /** A checkout paid: Pro starts ({@code subscriptionId}) or a pack is bought. Amounts as the provider charged them. */
    record CheckoutCompleted(String eventId, String type, Instant created, String checkoutId, long amount, String currency,
                             String subscriptionId, String paymentIntent) implements PaymentEvent {}

    /** A subscription's invoice paid (its first or a renewal): the subscription runs to {@code periodEnd}. */
    record InvoicePaid(String eventId, String type, Instant created, String checkoutId, String subscriptionId,
                       Instant periodEnd) implements PaymentEvent {}

    record InvoicePaymentFailed(String eventId, String type, Instant created, String checkoutId, String subscriptionId)
            implements PaymentEvent {}

    /** The subscription ended (cancelled at once, or at the end of a cancelled period). */
    record SubscriptionEnded(String eventId, String type, Instant created, String checkoutId, String subscriptionId)
            implements PaymentEvent {}

    /** Money went back: a refund, or a chargeback ({@code dispute}). */
    record Refunded(String eventId, String type, Instant created, String checkoutId, String paymentIntent, boolean dispute)
            implements PaymentEvent {}

    /** An event type PyQuest does not act on: acknowledged and recorded, nothing else. */
    record Ignored(String eventId, String type, Instant created, String checkoutId) implements PaymentEvent {}

    /** A well-signed body that is not an event we can read: a 400, nothing written. */
    final class Malformed extends Exception {
        public Malformed(String message) {
            super(message);
        }
    }

    Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,128}");

    static PaymentEvent parse(byte[] body) throws Malformed {
        JsonNode e;
        try {
            e = Json.MAPPER.readTree(body);
        } catch (IOException ex) {
            throw new Malformed("the body is not JSON");
        }
        if (e == null || !e.isObject()) throw new Malformed("the body is not a JSON object");
        String id = id(e, "id");
        String type = e.path("type").asText("");
        if (type.isEmpty()) throw new Malformed("the event has no type");
        JsonNode createdNode = e.get("created");
        if (createdNode == null || !createdNode.canConvertToLong()) throw new Malformed("the event has no created time");
        Instant created = Instant.ofEpochSecond(createdNode.asLong());
        JsonNode o = e.path("data").path("object");
        if (!o.isObject()) throw new Malformed("the event has no data.object");
        return switch (type) {
            case "checkout.session.completed" -> {
                if (!"paid".equals(o.path("payment_status").asText())) yield new Ignored(id, type, created, optional(o, "client_reference_id"));
                JsonNode amount = o.get("amount_total");
                if (amount == null || !amount.canConvertToLong() || amount.asLong() < 0) throw new Malformed("the session has no amount_total");
                String currency = o.path("currency").asText("").toUpperCase(Locale.ROOT);
                if (!currency.matches("[A-Z]{3}")) throw new Malformed("the session has no currency");
                yield new CheckoutCompleted(id, type, created, required(o, "client_reference_id"), amount.asLong(), currency,
                        optional(o, "subscription"), optional(o, "payment_intent"));
            }
            case "invoice.paid" -> {
                JsonNode end = o.path("lines").path("data").path(0).path("period").path("end");
                if (!end.canConvertToLong()) throw new Malformed("the invoice has no lines.data[0].period.end");
                yield new InvoicePaid(id, type, created, subscriptionCheckout(o), required(o, "subscription"), Instant.ofEpochSecond(end.asLong()));
            }
            case "invoice.payment_failed" -> new InvoicePaymentFailed(id, type, created, subscriptionCheckout(o), required(o, "subscription"));
            case "customer.subscription.deleted" ->
                    new SubscriptionEnded(id, type, created, metadataCheckout(o), required(o, "id"));
            case "charge.refunded", "charge.dispute.created" ->
                    new Refunded(id, type, created, metadataCheckout(o), optional(o, "payment_intent"), type.equals("charge.dispute.created"));
            default -> new Ignored(id, type, created, null);
        };
    }

    private static String subscriptionCheckout(JsonNode invoice) throws Malformed {
        String c = optional(invoice.path("subscription_details").path("metadata"), "checkoutId");
        if (c == null) c = optional(invoice.path("metadata"), "checkoutId");
        return c;
    }

    private static String metadataCheckout(JsonNode o) throws Malformed {
        return optional(o.path("metadata"), "checkoutId");
    }

    private static String id(JsonNode n, String field) throws Malformed {
        String v = optional(n, field);
        if (v == null) throw new Malformed("the event has no " + field);
        return v;
    }

    private static String required(JsonNode n, String field) throws Malformed {
        String v = optional(n, field);
        if (v == null) throw new Malformed("data.object." + field + " is missing");
        return v;
    }

    /** A provider id or ours: 1-128 of A-Z a-z 0-9 _ -; anything else is malformed, never a key. */
    private static String optional(JsonNode n, String field) throws Malformed {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) return null;
        if (!v.isTextual() || !ID.matcher(v.asText()).matches()) throw new Malformed(field + " is not an id");
        return v.asText();
    }
}
