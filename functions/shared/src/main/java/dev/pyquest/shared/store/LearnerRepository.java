package dev.pyquest.shared.store;

import dev.pyquest.domain.payments.Entitlement;
import dev.pyquest.domain.streak.LearnerClock;
import dev.pyquest.domain.streak.Streak;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

public final class LearnerRepository {
    public static final String LEDGER_BY_TIME = "byTime";
    /** The learner item's attributes of the entitlement record (JSON) and its version (each write conditional on it). */
    public static final String ENTITLEMENT = "entitlement";
    public static final String ENTITLEMENT_VERSION = "entitlementVersion";
    /** How often a learner may change time zone: often enough for a move, too rarely to farm days by travelling. */
    public static final Duration TIMEZONE_CHANGE_INTERVAL = Duration.ofDays(7);

    private final DynamoDbClient dynamo;
    private final String learners;
    private final String ledger;

    public LearnerRepository(DynamoDbClient dynamo, String learners, String ledger) {
        this.dynamo = dynamo;
        this.learners = learners;
        this.ledger = ledger;
    }

    public Learner get(String userId) {
        Map<String, AttributeValue> i = dynamo.getItem(b -> b.tableName(learners).consistentRead(true)
                .key(Map.of("userId", Attr.s(userId)))).item();
        if (i == null || i.isEmpty()) {
            return new Learner(userId, 0, 0, 0, LearnerClock.DEFAULT_ZONE, null, Streak.NONE, Entitlement.NONE, Map.of(), Map.of());
        }
        Map<String, Long> held = new java.util.HashMap<>();
        Map<String, String> equipped = new java.util.HashMap<>();
        i.forEach((name, v) -> {
            if (name.startsWith("held:") && v.n() != null) held.put(name.substring("held:".length()), Long.parseLong(v.n()));
            if (name.startsWith("equipped:") && v.s() != null) equipped.put(name.substring("equipped:".length()), v.s());
        });
        String last = Attr.str(i, "streakLast");
        String tzAt = Attr.str(i, "timezoneChangedAt");
        String tz = Attr.str(i, "timezone");
        return new Learner(userId, Attr.num(i, "xp", 0), Attr.num(i, "diamonds", 0), Attr.num(i, "badges", 0),
                tz == null ? LearnerClock.DEFAULT_ZONE : tz, tzAt == null ? null : Instant.parse(tzAt),
                new Streak((int) Attr.num(i, "streakCurrent", 0), (int) Attr.num(i, "streakLongest", 0),
                        last == null ? null : LocalDate.parse(last)),
                entitlement(i), held, equipped);
    }

    /** The entitlement record kept on the learner item ({@link #ENTITLEMENT}, JSON), {@link Entitlement#NONE} when there is none. */
    public static Entitlement entitlement(Map<String, AttributeValue> item) {
        String json = item == null ? null : Attr.str(item, ENTITLEMENT);
        if (json == null) return Entitlement.NONE;
        try {
            return dev.pyquest.domain.Json.MAPPER.readValue(json, Entitlement.class);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("the entitlement of learner " + Attr.str(item, "userId") + " is not readable", e);
        }
    }

    /**
     * Equips (or, for a null item, takes off) cosmetics by slot, in one update conditional on the learner holding every
     * item equipped: false, and nothing changed, when one is not held.
     */
    public boolean equip(String userId, Map<String, String> itemBySlot, Instant now) {
        Map<String, String> names = new java.util.HashMap<>();
        Map<String, AttributeValue> values = new java.util.HashMap<>(Map.of(":now", Attr.s(now.toString())));
        List<String> set = new java.util.ArrayList<>(List.of("updatedAt = :now"));
        List<String> remove = new java.util.ArrayList<>();
        List<String> conditions = new java.util.ArrayList<>();
        int n = 0;
        for (Map.Entry<String, String> e : new java.util.TreeMap<>(itemBySlot).entrySet()) {
            String slot = "#s" + n, item = ":i" + n, held = "#h" + n;
            names.put(slot, Learner.equippedAttribute(e.getKey()));
            if (e.getValue() == null) {
                remove.add(slot);
            } else {
                names.put(held, Learner.heldAttribute(e.getValue()));
                values.put(item, Attr.s(e.getValue()));
                set.add(slot + " = " + item);
                conditions.add(held + " >= :one");
                values.put(":one", Attr.n(1));
            }
            n++;
        }
        String update = "SET " + String.join(", ", set) + (remove.isEmpty() ? "" : " REMOVE " + String.join(", ", remove));
        try {
            dynamo.updateItem(b -> {
                b.tableName(learners).key(Map.of("userId", Attr.s(userId))).updateExpression(update)
                        .expressionAttributeNames(names).expressionAttributeValues(values);
                if (!conditions.isEmpty()) b.conditionExpression(String.join(" AND ", conditions));
            });
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /** Thrown when the zone was changed less than {@link #TIMEZONE_CHANGE_INTERVAL} ago. */
    public static final class TimezoneChangeLimited extends RuntimeException {
        public final Instant nextAllowed;

        TimezoneChangeLimited(Instant nextAllowed) {
            super("time zone can change again at " + nextAllowed);
            this.nextAllowed = nextAllowed;
        }
    }

    /**
     * Stores a new zone. The condition makes the limit hold under concurrent requests too: the
     * write only happens if the last change is old enough (or there was none).
     */
    public void setTimezone(String userId, String zone, Instant now) {
        Learner current = get(userId);
        if (zone.equals(current.timezone()) && current.timezoneChangedAt() != null) return;
        try {
            dynamo.updateItem(b -> b.tableName(learners).key(Map.of("userId", Attr.s(userId)))
                    // "timezone" is a DynamoDB reserved word: named through #tz.
                    .updateExpression("SET #tz = :tz, timezoneChangedAt = :now")
                    .expressionAttributeNames(Map.of("#tz", "timezone"))
                    .conditionExpression("attribute_not_exists(timezoneChangedAt) OR timezoneChangedAt <= :cutoff")
                    .expressionAttributeValues(Map.of(":tz", Attr.s(zone), ":now", Attr.s(now.toString()),
                            ":cutoff", Attr.s(now.minus(TIMEZONE_CHANGE_INTERVAL).toString()))));
        } catch (ConditionalCheckFailedException e) {
            Instant last = get(userId).timezoneChangedAt();
            throw new TimezoneChangeLimited(last == null ? now : last.plus(TIMEZONE_CHANGE_INTERVAL));
        }
    }

    /** Whether the grant {@code grantKey} has written any ledger line for the learner (consistent read). */
    public boolean hasLedgerEntry(String userId, String grantKey) {
        return dynamo.query(b -> b.tableName(ledger).consistentRead(true).limit(1)
                .keyConditionExpression("userId = :u AND begins_with(entryId, :k)")
                .expressionAttributeValues(Map.of(":u", Attr.s(userId), ":k", Attr.s(grantKey + "|")))).count() > 0;
    }

    public record LedgerEntry(String id, String kind, long amount, String reason, String at) {}

    /**
     * A ledger line as stored: {@code entryId} {@code <grantKey>|<kind>}, and what the grant said (its source event,
     * submission, source and attributes; {@code source} null and {@code attributes} empty on lines written before
     * lines kept them).
     */
    public record LedgerLine(String entryId, String kind, long amount, String reason, Instant at, String sourceEventId,
                             String submissionId, String source, Map<String, String> attributes) {
        public LedgerLine {
            attributes = Map.copyOf(attributes);
        }

        public String grantKey() {
            int bar = entryId.lastIndexOf('|');
            return bar < 0 ? entryId : entryId.substring(0, bar);
        }
    }

    /** Every ledger line of the learner, in key order (consistent, paginated): what the achievements backfill replays. */
    public List<LedgerLine> ledger(String userId) {
        List<LedgerLine> out = new java.util.ArrayList<>();
        for (Map<String, AttributeValue> i : dynamo.queryPaginator(b -> b.tableName(ledger)
                .consistentRead(true)
                .keyConditionExpression("userId = :u")
                .expressionAttributeValues(Map.of(":u", Attr.s(userId)))).items()) {
            Map<String, String> attributes = new java.util.HashMap<>();
            AttributeValue m = i.get("attributes");
            if (m != null && m.hasM()) m.m().forEach((k, v) -> { if (v.s() != null) attributes.put(k, v.s()); });
            String at = Attr.str(i, "at");
            out.add(new LedgerLine(Attr.str(i, "entryId"), Attr.str(i, "kind"), Attr.num(i, "amount", 0), Attr.str(i, "reason"),
                    at == null ? null : Instant.parse(at), Attr.str(i, "sourceEventId"), Attr.str(i, "submissionId"),
                    Attr.str(i, "source"), attributes));
        }
        return out;
    }

    /**
     * Every learner's id, in no particular order: one scan of the learners table reading keys only. A learner has
     * an item from their first grant or profile write on.
     */
    public List<String> allIds() {
        List<String> out = new java.util.ArrayList<>();
        for (Map<String, AttributeValue> i : dynamo.scanPaginator(b -> b.tableName(learners)
                .projectionExpression("userId")).items()) {
            out.add(Attr.str(i, "userId"));
        }
        return out;
    }

    /** The ledger, newest first. */
    public List<LedgerEntry> transactions(String userId, int limit) {
        return dynamo.query(b -> b.tableName(ledger).indexName(LEDGER_BY_TIME)
                        .keyConditionExpression("userId = :u").expressionAttributeValues(Map.of(":u", Attr.s(userId)))
                        .scanIndexForward(false).limit(limit))
                .items().stream()
                .map(i -> new LedgerEntry(Attr.str(i, "entryId"), Attr.str(i, "kind"), Attr.num(i, "amount", 0),
                        Attr.str(i, "reason"), Attr.str(i, "at")))
                .toList();
    }
}
