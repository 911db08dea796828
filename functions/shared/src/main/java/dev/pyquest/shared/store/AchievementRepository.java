package dev.pyquest.shared.store;

import dev.pyquest.domain.achievements.Evaluation;
import dev.pyquest.domain.achievements.LearnerAchievements;
import dev.pyquest.domain.achievements.Unlock;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Achievements on the economy table, per learner (partition {@code userId}):
 * <ul>
 *   <li>{@code ach#p#<progressKey>}: {@code value}, a progress of {@link LearnerAchievements};</li>
 *   <li>{@code ach#u#<levelKey>}: an unlock, {@code at} and the {@code eventId} of the fact that made it
 *       (permanent: one per learner and level ever);</li>
 *   <li>{@code ach#e#<eventId>}: the marker of a fact already applied (expires {@link #KEEP_MARKER} after it).</li>
 * </ul>
 * A fact's changes, unlocks and marker are one transaction: each change conditional on the value it was
 * computed from, each unlock and the marker on {@code attribute_not_exists}. So two concurrent facts never
 * both count from the same value, a level never unlocks twice, and a redelivered fact writes nothing.
 */
public final class AchievementRepository {
    /**
     * Longer than any redelivery: EventBridge retries for a day, the rule's DLQ keeps a message 14 days
     * (a redrive after that would count the fact again, which nothing re-sends).
     */
    public static final Duration KEEP_MARKER = Duration.ofDays(30);
    static final String PROGRESS = "ach#p#";
    static final String UNLOCK = "ach#u#";
    static final String MARKER = "ach#e#";

    /** {@code CONFLICT}: a progress value or an unlock changed since the state was read; re-read and re-evaluate. */
    public enum Applied { APPLIED, ALREADY_APPLIED, CONFLICT }

    /** A stored unlock: the level's key, when, and the id of the fact that made it. */
    public record Unlocked(String levelKey, Instant at, String eventId) {}

    /** What one consistent read found: the engine's state and the stored unlocks, by level key. */
    public record Snapshot(LearnerAchievements state, Map<String, Unlocked> unlocks) {
        public Snapshot {
            unlocks = Map.copyOf(unlocks);
        }

        /** The level keys unlocked by fact {@code eventId}, in key order. */
        public List<String> unlockedBy(String eventId) {
            return unlocks.values().stream().filter(u -> eventId.equals(u.eventId())).map(Unlocked::levelKey).sorted().toList();
        }
    }

    private final DynamoDbClient dynamo;
    private final String table;

    public AchievementRepository(DynamoDbClient dynamo, String economyTable) {
        this.dynamo = dynamo;
        this.table = economyTable;
    }

    public LearnerAchievements state(String userId) {
        return read(userId).state();
    }

    /**
     * Progress and unlocks, one consistent query (paginated) over {@code ach#p#} to {@code ach#u$} ({@code $}
     * sorts right after {@code #}). It leaves out the {@code ach#e#} markers, which sort before {@code ach#p#}:
     * they grow with every fact and the engine never reads them.
     */
    public Snapshot read(String userId) {
        Map<String, Long> progress = new HashMap<>();
        Map<String, Unlocked> unlocks = new LinkedHashMap<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse r = dynamo.query(b -> {
                b.tableName(table).consistentRead(true)
                        .keyConditionExpression("userId = :u AND itemId BETWEEN :lo AND :hi")
                        .expressionAttributeValues(Map.of(":u", Attr.s(userId), ":lo", Attr.s(PROGRESS),
                                ":hi", Attr.s("ach#u$")));
                if (from != null) b.exclusiveStartKey(from);
            });
            for (Map<String, AttributeValue> i : r.items()) {
                String id = Attr.str(i, "itemId");
                if (id.startsWith(PROGRESS)) {
                    progress.put(id.substring(PROGRESS.length()), Attr.num(i, "value", 0));
                } else if (id.startsWith(UNLOCK)) {
                    String key = id.substring(UNLOCK.length());
                    String at = Attr.str(i, "at");
                    unlocks.put(key, new Unlocked(key, at == null ? null : Instant.parse(at), Attr.str(i, "eventId")));
                }
            }
            start = r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty() ? r.lastEvaluatedKey() : null;
        } while (start != null);
        return new Snapshot(new LearnerAchievements(progress, unlocks.keySet()), unlocks);
    }

    /**
     * Applies fact {@code eventId}'s evaluation once: the marker, every change and every unlock in one
     * transaction. {@code ALREADY_APPLIED}: the marker was there; {@code CONFLICT}: the state moved since
     * it was read. Nothing is written unless {@code APPLIED}.
     */
    public Applied apply(String userId, String eventId, Evaluation ev, Instant now) {
        List<TransactWriteItem> items = new ArrayList<>(1 + ev.changes().size() + ev.unlocks().size());
        Map<String, AttributeValue> marker = key(userId, MARKER + eventId);
        marker.put("at", Attr.s(now.toString()));
        marker.put("expiresAt", Attr.n(now.plus(KEEP_MARKER).getEpochSecond()));
        items.add(put(marker, "attribute_not_exists(itemId)", null));
        for (Evaluation.Change c : ev.changes()) {
            Map<String, AttributeValue> item = key(userId, PROGRESS + c.key());
            item.put("value", Attr.n(c.after()));
            items.add(c.before() == 0
                    ? put(item, "attribute_not_exists(itemId) OR #v = :before", c.before())
                    : put(item, "#v = :before", c.before()));
        }
        for (Unlock u : ev.unlocks()) {
            Map<String, AttributeValue> item = key(userId, UNLOCK + u.key());
            item.put("at", Attr.s(now.toString()));
            item.put("eventId", Attr.s(eventId));
            item.put("achievementId", Attr.s(u.achievementId()));
            if (u.tier() != null) item.put("tier", Attr.s(u.tier().key()));
            items.add(put(item, "attribute_not_exists(itemId)", null));
        }
        Transactions.Result r = Transactions.writeDetailed(dynamo, items);
        if (r.outcome() == Transactions.Outcome.COMMITTED) return Applied.APPLIED;
        // The marker is first: DynamoDB reports every failed condition, and Transactions names the first.
        return r.failedIndex() == 0 ? Applied.ALREADY_APPLIED : Applied.CONFLICT;
    }

    private static Map<String, AttributeValue> key(String userId, String itemId) {
        Map<String, AttributeValue> m = new HashMap<>();
        m.put("userId", Attr.s(userId));
        m.put("itemId", Attr.s(itemId));
        return m;
    }

    private TransactWriteItem put(Map<String, AttributeValue> item, String condition, Long before) {
        Put.Builder p = Put.builder().tableName(table).item(item).conditionExpression(condition);
        if (before != null) {
            p.expressionAttributeNames(Map.of("#v", "value")).expressionAttributeValues(Map.of(":before", Attr.n(before)));
        }
        return TransactWriteItem.builder().put(p.build()).build();
    }
}
