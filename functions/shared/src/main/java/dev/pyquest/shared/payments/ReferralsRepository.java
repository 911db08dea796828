package dev.pyquest.shared.payments;

import dev.pyquest.shared.store.Attr;
import dev.pyquest.shared.store.LearnerRepository;
import dev.pyquest.shared.store.Transactions;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Referrals in the payments table ({@code pk}): {@code refcode#<CODE>} (whose code it is), {@code referrer#<userId>}
 * (the learner's own code, counters, last known address and device, the reward times of the last 30 days, versioned),
 * {@code referee#<userId>} (the one code a learner redeemed: referrer, status PENDING, REWARDED or REFUSED) and
 * {@code refusal#<userId>#<at>#<reason>} (each refused redemption or reward, for analysts).
 */
public final class ReferralsRepository {
    static final String CODE = "refcode#";
    static final String REFERRER = "referrer#";
    static final String REFEREE = "referee#";
    static final String REFUSAL = "refusal#";

    public enum Status { PENDING, REWARDED, REFUSED }

    /** A referrer's record; {@code version} 0: none written yet. */
    public record Referrer(String userId, String code, long invited, long pending, long rewarded, String lastAddress,
                           String lastDevice, List<Instant> rewardTimes, long version) {}

    public record Referee(String userId, String referrerId, String code, Status status, Instant at) {}

    private final DynamoDbClient dynamo;
    private final String payments;
    private final String learners;
    private final String ledger;

    public ReferralsRepository(DynamoDbClient dynamo, String payments, String learners, String ledger) {
        this.dynamo = dynamo;
        this.payments = payments;
        this.learners = learners;
        this.ledger = ledger;
    }

    public Referrer referrer(String userId) {
        Map<String, AttributeValue> i = get(REFERRER + userId);
        if (i == null) return new Referrer(userId, null, 0, 0, 0, null, null, List.of(), 0);
        List<Instant> times = new ArrayList<>();
        AttributeValue t = i.get("rewardTimes");
        if (t != null && t.hasL()) t.l().forEach(v -> times.add(Instant.parse(v.s())));
        return new Referrer(userId, Attr.str(i, "code"), Attr.num(i, "invited", 0), Attr.num(i, "pending", 0),
                Attr.num(i, "rewarded", 0), Attr.str(i, "lastAddress"), Attr.str(i, "lastDevice"), times, Attr.num(i, "version", 0));
    }

    /** Whose code {@code code} is. */
    public Optional<String> owner(String code) {
        return Optional.ofNullable(get(CODE + code)).map(i -> Attr.str(i, "userId"));
    }

    public Optional<Referee> referee(String userId) {
        Map<String, AttributeValue> i = get(REFEREE + userId);
        if (i == null) return Optional.empty();
        return Optional.of(new Referee(userId, Attr.str(i, "referrerId"), Attr.str(i, "code"), Status.valueOf(Attr.str(i, "status")),
                Instant.parse(Attr.str(i, "at"))));
    }

    /**
     * Claims {@code code} for {@code userId} and makes it their code, in one transaction: the code item conditional on
     * the code being free, the referrer's record on having no code yet. False: the code is taken (draw another) or the
     * learner got a code meanwhile (read it).
     */
    public boolean claim(String userId, String code, Instant now) {
        TransactWriteItem codeItem = TransactWriteItem.builder().put(Put.builder().tableName(payments)
                .item(Map.of("pk", Attr.s(CODE + code), "userId", Attr.s(userId), "createdAt", Attr.s(now.toString())))
                .conditionExpression("attribute_not_exists(pk)").build()).build();
        TransactWriteItem mine = TransactWriteItem.builder().update(Update.builder().tableName(payments).key(key(REFERRER + userId))
                .updateExpression("SET code = :c, createdAt = if_not_exists(createdAt, :now)")
                .conditionExpression("attribute_not_exists(code)")
                .expressionAttributeValues(Map.of(":c", Attr.s(code), ":now", Attr.s(now.toString()))).build()).build();
        return Transactions.write(dynamo, List.of(codeItem, mine)) == Transactions.Outcome.COMMITTED;
    }

    /** The referrer's last known address and device (a null device leaves the stored one). */
    public void seen(String userId, String address, String device, Instant now) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":now", Attr.s(now.toString()));
        StringBuilder set = new StringBuilder("SET seenAt = :now");
        if (address != null) {
            values.put(":a", Attr.s(address));
            set.append(", lastAddress = :a");
        }
        if (device != null) {
            values.put(":d", Attr.s(device));
            set.append(", lastDevice = :d");
        }
        String update = set.toString();
        dynamo.updateItem(b -> b.tableName(payments).key(key(REFERRER + userId)).updateExpression(update).expressionAttributeValues(values));
    }

    /**
     * The learner's first activity: their oldest ledger line, or their learner record's creation (first seen) when that
     * is older; null when there is neither (a new learner).
     */
    public Instant firstActivity(String userId) {
        Instant first = null;
        List<Map<String, AttributeValue>> oldest = dynamo.query(b -> b.tableName(ledger).indexName(LearnerRepository.LEDGER_BY_TIME)
                .keyConditionExpression("userId = :u").expressionAttributeValues(Map.of(":u", Attr.s(userId)))
                .scanIndexForward(true).limit(1).projectionExpression("#at").expressionAttributeNames(Map.of("#at", "at"))).items();
        if (!oldest.isEmpty() && Attr.str(oldest.get(0), "at") != null) first = Instant.parse(Attr.str(oldest.get(0), "at"));
        Map<String, AttributeValue> l = dynamo.getItem(b -> b.tableName(learners).key(Map.of("userId", Attr.s(userId)))
                .projectionExpression("createdAt")).item();
        String created = l == null ? null : Attr.str(l, "createdAt");
        if (created != null) {
            Instant c = Instant.parse(created);
            if (first == null || c.isBefore(first)) first = c;
        }
        return first;
    }

    /**
     * Accepts a redemption: the referee's record (conditional on none: a learner redeems one code ever) and the
     * referrer's counters, in one transaction. False: the learner had already redeemed a code.
     */
    public boolean accept(String refereeId, String referrerId, String code, Instant now) {
        TransactWriteItem referee = TransactWriteItem.builder().put(Put.builder().tableName(payments)
                .item(Map.of("pk", Attr.s(REFEREE + refereeId), "referrerId", Attr.s(referrerId), "code", Attr.s(code),
                        "status", Attr.s(Status.PENDING.name()), "at", Attr.s(now.toString())))
                .conditionExpression("attribute_not_exists(pk)").build()).build();
        TransactWriteItem counters = TransactWriteItem.builder().update(Update.builder().tableName(payments).key(key(REFERRER + referrerId))
                .updateExpression("ADD invited :one, pending :one").expressionAttributeValues(Map.of(":one", Attr.n(1))).build()).build();
        return Transactions.write(dynamo, List.of(referee, counters)) == Transactions.Outcome.COMMITTED;
    }

    /** A refused redemption or reward, for analysts: who, which code, why, when (and whose code it was, if known). */
    public void refusal(String userId, String code, String reason, String referrerId, Instant now) {
        dynamo.putItem(b -> b.tableName(payments).item(refusalItem(userId, code, reason, referrerId, now)));
    }

    private Map<String, AttributeValue> refusalItem(String userId, String code, String reason, String referrerId, Instant now) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", Attr.s(REFUSAL + userId + "#" + now + "#" + reason));
        item.put("userId", Attr.s(userId));
        if (code != null) item.put("code", Attr.s(code));
        item.put("reason", Attr.s(reason));
        item.put("at", Attr.s(now.toString()));
        if (referrerId != null) item.put("referrerId", Attr.s(referrerId));
        return item;
    }

    /**
     * Pays a pending referral in one transaction: {@code grants} (both learners' ledger lines and wallets, from
     * RewardsService), the referee's status PENDING → REWARDED, and the referrer's counters and reward times (conditional
     * on the version read, so two referees rewarded at once cannot pass the referrer's limit together). The result says
     * which condition failed, if one did.
     */
    public Transactions.Result reward(Referee r, Referrer referrer, List<TransactWriteItem> grants, List<Instant> times, Instant now) {
        List<TransactWriteItem> items = new ArrayList<>(grants);
        items.add(statusItem(r.userId(), Status.REWARDED, now));
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":one", Attr.n(1));
        values.put(":minus", Attr.n(-1));
        values.put(":times", AttributeValue.fromL(times.stream().map(t -> Attr.s(t.toString())).toList()));
        values.put(":next", Attr.n(referrer.version() + 1));
        String condition;
        if (referrer.version() == 0) {
            condition = "attribute_not_exists(version)";
        } else {
            condition = "version = :v";
            values.put(":v", Attr.n(referrer.version()));
        }
        items.add(TransactWriteItem.builder().update(Update.builder().tableName(payments).key(key(REFERRER + r.referrerId()))
                .updateExpression("SET rewardTimes = :times, version = :next ADD rewarded :one, pending :minus")
                .conditionExpression(condition).expressionAttributeValues(values).build()).build());
        return Transactions.writeDetailed(dynamo, items);
    }

    /** Refuses a pending referral's reward (the referrer's limit): status REFUSED, the pending counter back, a refusal record. */
    public boolean refuseReward(Referee r, String reason, Instant now) {
        TransactWriteItem counters = TransactWriteItem.builder().update(Update.builder().tableName(payments).key(key(REFERRER + r.referrerId()))
                .updateExpression("ADD pending :minus").expressionAttributeValues(Map.of(":minus", Attr.n(-1))).build()).build();
        TransactWriteItem record = TransactWriteItem.builder().put(Put.builder().tableName(payments)
                .item(refusalItem(r.userId(), r.code(), reason, r.referrerId(), now)).build()).build();
        return Transactions.write(dynamo, List.of(statusItem(r.userId(), Status.REFUSED, now), counters, record)) == Transactions.Outcome.COMMITTED;
    }

    private TransactWriteItem statusItem(String refereeId, Status to, Instant now) {
        return TransactWriteItem.builder().update(Update.builder().tableName(payments).key(key(REFEREE + refereeId))
                .updateExpression("SET #s = :to, settledAt = :now").conditionExpression("#s = :pending")
                .expressionAttributeNames(Map.of("#s", "status"))
                .expressionAttributeValues(Map.of(":to", Attr.s(to.name()), ":pending", Attr.s(Status.PENDING.name()),
                        ":now", Attr.s(now.toString()))).build()).build();
    }

    /** For tests and operators: sets a referrer's reward times (e.g. seeding the 30-day limit). */
    public void setRewardTimes(String userId, List<Instant> times) {
        dynamo.updateItem(b -> b.tableName(payments).key(key(REFERRER + userId))
                .updateExpression("SET rewardTimes = :t, version = if_not_exists(version, :zero) + :one")
                .expressionAttributeValues(Map.of(":t", AttributeValue.fromL(times.stream().map(t -> Attr.s(t.toString())).toList()),
                        ":zero", Attr.n(0), ":one", Attr.n(1))));
    }

    private Map<String, AttributeValue> get(String pk) {
        Map<String, AttributeValue> i = dynamo.getItem(b -> b.tableName(payments).consistentRead(true).key(key(pk))).item();
        return i == null || i.isEmpty() ? null : i;
    }

    private static Map<String, AttributeValue> key(String pk) {
        return Map.of("pk", Attr.s(pk));
    }
}
