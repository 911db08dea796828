package dev.pyquest.shared.payments;

import dev.pyquest.domain.Json;
import dev.pyquest.domain.payments.Entitlement;
import dev.pyquest.domain.payments.PaymentEvent;
import dev.pyquest.shared.store.Attr;
import dev.pyquest.shared.store.LearnerRepository;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The payments table ({@code pk}): {@code checkout#<id>} (our checkout records), {@code event#<provider event id>}
 * (each event's one effect, and what it was), {@code pi#<payment intent>} (which checkout a payment belongs to);
 * and the entitlement record on the learner item, versioned.
 */
public final class PaymentsRepository {
    static final String CHECKOUT = "checkout#";
    static final String EVENT = "event#";
    static final String PAYMENT_INTENT = "pi#";

    private final DynamoDbClient dynamo;
    private final String payments;
    private final String learners;
    private final String ledger;

    public PaymentsRepository(DynamoDbClient dynamo, String payments, String learners, String ledger) {
        this.dynamo = dynamo;
        this.payments = payments;
        this.learners = learners;
        this.ledger = ledger;
    }

    /** Stores a new checkout; false when one with that id exists (a retry of the same request). */
    public boolean create(Checkout c) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", Attr.s(CHECKOUT + c.checkoutId()));
        item.put("userId", Attr.s(c.userId()));
        item.put("product", Attr.s(c.product()));
        item.put("amount", Attr.n(c.amount()));
        item.put("currency", Attr.s(c.currency()));
        if (c.country() != null) item.put("country", Attr.s(c.country()));
        item.put("createdAt", Attr.s(c.createdAt().toString()));
        try {
            dynamo.putItem(b -> b.tableName(payments).item(item).conditionExpression("attribute_not_exists(pk)"));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    public void setUrl(String checkoutId, String url, String providerRef) {
        dynamo.updateItem(b -> b.tableName(payments).key(key(CHECKOUT + checkoutId))
                .updateExpression("SET #url = :url, providerRef = :ref")
                .expressionAttributeNames(Map.of("#url", "url"))
                .expressionAttributeValues(Map.of(":url", Attr.s(url), ":ref", Attr.s(providerRef))));
    }

    public Optional<Checkout> checkout(String checkoutId) {
        Map<String, AttributeValue> i = dynamo.getItem(b -> b.tableName(payments).consistentRead(true).key(key(CHECKOUT + checkoutId))).item();
        if (i == null || i.isEmpty()) return Optional.empty();
        String country = Attr.str(i, "country"), url = Attr.str(i, "url"), done = Attr.str(i, "completedAt"), refunded = Attr.str(i, "refundedAt");
        return Optional.of(new Checkout(checkoutId, Attr.str(i, "userId"), Attr.str(i, "product"), Attr.num(i, "amount", 0),
                Attr.str(i, "currency"), country, Instant.parse(Attr.str(i, "createdAt")), url,
                done == null ? null : Instant.parse(done), refunded == null ? null : Instant.parse(refunded)));
    }

    /** The checkout a payment intent was recorded for when its checkout completed. */
    public Optional<String> checkoutOfPayment(String paymentIntent) {
        Map<String, AttributeValue> i = dynamo.getItem(b -> b.tableName(payments).consistentRead(true)
                .key(key(PAYMENT_INTENT + paymentIntent))).item();
        return i == null || i.isEmpty() ? Optional.empty() : Optional.ofNullable(Attr.str(i, "checkoutId"));
    }

    /** What an event id did, if it was seen: its stored outcome. */
    public Optional<String> eventOutcome(String eventId) {
        Map<String, AttributeValue> i = dynamo.getItem(b -> b.tableName(payments).consistentRead(true).key(key(EVENT + eventId))).item();
        return i == null || i.isEmpty() ? Optional.empty() : Optional.ofNullable(Attr.str(i, "outcome"));
    }

    /** A learner's entitlement record and its version (0: none written yet). */
    public record Versioned(Entitlement entitlement, long version) {}

    public Versioned entitlement(String userId) {
        Map<String, AttributeValue> i = dynamo.getItem(b -> b.tableName(learners).consistentRead(true)
                .key(Map.of("userId", Attr.s(userId)))
                .projectionExpression("userId, " + LearnerRepository.ENTITLEMENT + ", " + LearnerRepository.ENTITLEMENT_VERSION)).item();
        return new Versioned(LearnerRepository.entitlement(i), i == null ? 0 : Attr.num(i, LearnerRepository.ENTITLEMENT_VERSION, 0));
    }

    /** The learner's current diamonds (for a reclaim's "what is left"). */
    public long diamonds(String userId) {
        Map<String, AttributeValue> i = dynamo.getItem(b -> b.tableName(learners).consistentRead(true)
                .key(Map.of("userId", Attr.s(userId))).projectionExpression("diamonds")).item();
        return i == null ? 0 : Attr.num(i, "diamonds", 0);
    }

    /** Whether a ledger line exists (a pack's grant, before its refund takes it back). */
    public boolean ledgerHas(String userId, String entryId) {
        Map<String, AttributeValue> i = dynamo.getItem(b -> b.tableName(ledger).consistentRead(true)
                .key(Map.of("userId", Attr.s(userId), "entryId", Attr.s(entryId)))).item();
        return i != null && !i.isEmpty();
    }

    // ------------------------------------------------------------------ transaction items

    /** Commits {@code items} as one transaction (which item's condition failed, if one did). */
    dev.pyquest.shared.store.Transactions.Result write(List<TransactWriteItem> items) {
        return dev.pyquest.shared.store.Transactions.writeDetailed(dynamo, items);
    }

    /** The event's one-time record: conditional on the event id never seen. Always the first item of its transaction. */
    TransactWriteItem eventItem(PaymentEvent e, String checkoutId, String outcome, Instant now) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", Attr.s(EVENT + e.eventId()));
        item.put("type", Attr.s(e.type()));
        item.put("created", Attr.s(e.created().toString()));
        item.put("receivedAt", Attr.s(now.toString()));
        item.put("outcome", Attr.s(outcome));
        if (checkoutId != null) item.put("checkoutId", Attr.s(checkoutId));
        return TransactWriteItem.builder().put(Put.builder().tableName(payments).item(item)
                .conditionExpression("attribute_not_exists(pk)").build()).build();
    }

    /** The entitlement written over {@code version} (conditional on it: a concurrent event makes this one re-read). */
    TransactWriteItem entitlementItem(String userId, Entitlement next, long version, Instant now, String flag) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":e", Attr.s(json(next)));
        values.put(":next", Attr.n(version + 1));
        values.put(":now", Attr.s(now.toString()));
        String update = "SET #e = :e, #v = :next, updatedAt = :now";
        if (flag != null) {
            values.put(":flag", AttributeValue.fromSs(List.of(flag)));
            values.put(":true", AttributeValue.fromBool(true));
            update += ", flagged = :true ADD flags :flag";
        }
        String condition;
        if (version == 0) {
            condition = "attribute_not_exists(#v)";
        } else {
            values.put(":v", Attr.n(version));
            condition = "#v = :v";
        }
        return TransactWriteItem.builder().update(Update.builder().tableName(learners).key(Map.of("userId", Attr.s(userId)))
                .updateExpression(update).conditionExpression(condition)
                .expressionAttributeNames(Map.of("#e", LearnerRepository.ENTITLEMENT, "#v", LearnerRepository.ENTITLEMENT_VERSION))
                .expressionAttributeValues(values).build()).build();
    }

    /** A checkout completed: conditional on no refund recorded (a refund that overtook it wins). */
    TransactWriteItem completedItem(String checkoutId, Instant at, String paymentIntent) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":at", Attr.s(at.toString()));
        String update = "SET completedAt = if_not_exists(completedAt, :at)";
        if (paymentIntent != null) {
            values.put(":pi", Attr.s(paymentIntent));
            update += ", paymentIntent = :pi";
        }
        return TransactWriteItem.builder().update(Update.builder().tableName(payments).key(key(CHECKOUT + checkoutId))
                .updateExpression(update).conditionExpression("attribute_exists(pk) AND attribute_not_exists(refundedAt)")
                .expressionAttributeValues(values).build()).build();
    }

    TransactWriteItem refundedItem(String checkoutId, Instant at) {
        return TransactWriteItem.builder().update(Update.builder().tableName(payments).key(key(CHECKOUT + checkoutId))
                .updateExpression("SET refundedAt = if_not_exists(refundedAt, :at)")
                .conditionExpression("attribute_exists(pk)")
                .expressionAttributeValues(Map.of(":at", Attr.s(at.toString()))).build()).build();
    }

    TransactWriteItem paymentIntentItem(String paymentIntent, String checkoutId) {
        return TransactWriteItem.builder().put(Put.builder().tableName(payments)
                .item(Map.of("pk", Attr.s(PAYMENT_INTENT + paymentIntent), "checkoutId", Attr.s(checkoutId))).build()).build();
    }

    /** Holds only while the ledger line does not exist (a refund that found no grant to take back). */
    TransactWriteItem ledgerAbsentItem(String userId, String entryId) {
        return TransactWriteItem.builder().conditionCheck(ConditionCheck.builder().tableName(ledger)
                .key(Map.of("userId", Attr.s(userId), "entryId", Attr.s(entryId)))
                .conditionExpression("attribute_not_exists(entryId)").build()).build();
    }

    /** Flags the learner (a refused or suspicious payment), idempotent. */
    TransactWriteItem flagItem(String userId, String flag) {
        return TransactWriteItem.builder().update(Update.builder().tableName(learners).key(Map.of("userId", Attr.s(userId)))
                .updateExpression("SET flagged = :true ADD flags :flag")
                .expressionAttributeValues(Map.of(":true", AttributeValue.fromBool(true), ":flag", AttributeValue.fromSs(List.of(flag))))
                .build()).build();
    }

    private static Map<String, AttributeValue> key(String pk) {
        return Map.of("pk", Attr.s(pk));
    }

    private static String json(Entitlement e) {
        try {
            return Json.MAPPER.writeValueAsString(e);
        } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
