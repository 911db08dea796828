package dev.pyquest.shared.store;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Quest progress on the economy table, per learner (partition {@code userId}):
 * <ul>
 *   <li>{@code quest#<period>#<questId>}: {@code progress}, the raw count (never capped: the API shows
 *       it capped at the target);</li>
 *   <li>{@code applied#<eventId>}: the marker of a {@code RewardGranted} already counted.</li>
 * </ul>
 * An event's increments and its marker are one transaction, the marker conditional on
 * {@code attribute_not_exists}: a redelivered event finds its marker and adds nothing. Both kinds of
 * item expire (TTL {@code expiresAt}) {@link #KEEP_AFTER_PERIOD} after the last period they touch
 * ends; a claim is only allowed while its period is open, so nothing needs them after that.
 */
public final class QuestRepository {
    /** Longer than any redelivery of an event into a period that is still open (a week, plus EventBridge's day of retries). */
    public static final Duration KEEP_AFTER_PERIOD = Duration.ofDays(8);
    static final String QUEST = "quest#";
    static final String APPLIED = "applied#";
    private static final int BATCH_ATTEMPTS = 5;

    public enum Applied { APPLIED, ALREADY_APPLIED }

    /** One quest of a period and the learner's progress key for it. */
    public record Key(String periodId, String questId) {
        String itemId() {
            return QUEST + periodId + "#" + questId;
        }
    }

    /** Adds {@code amount} to a quest of a period ending at {@code periodEnd}. */
    public record Increment(Key key, long amount, Instant periodEnd) {
        public Increment {
            if (amount <= 0) throw new IllegalArgumentException("an increment is positive: " + amount);
        }
    }

    private final DynamoDbClient dynamo;
    private final String table;

    public QuestRepository(DynamoDbClient dynamo, String economyTable) {
        this.dynamo = dynamo;
        this.table = economyTable;
    }

    /**
     * Counts event {@code eventId} once: every increment and the event's marker in one transaction.
     * {@code ALREADY_APPLIED}: the marker was there, nothing was written.
     */
    public Applied apply(String userId, String eventId, List<Increment> increments, Instant now) {
        if (increments.isEmpty()) throw new IllegalArgumentException("nothing to apply");
        List<TransactWriteItem> items = new ArrayList<>();
        Instant lastEnd = increments.stream().map(Increment::periodEnd).max(Instant::compareTo).orElseThrow();
        Map<String, AttributeValue> marker = new HashMap<>();
        marker.put("userId", Attr.s(userId));
        marker.put("itemId", Attr.s(APPLIED + eventId));
        marker.put("at", Attr.s(now.toString()));
        marker.put("expiresAt", Attr.n(expiry(lastEnd)));
        items.add(TransactWriteItem.builder().put(Put.builder().tableName(table).item(marker)
                .conditionExpression("attribute_not_exists(itemId)").build()).build());
        for (Increment i : increments) {
            items.add(TransactWriteItem.builder().update(Update.builder().tableName(table)
                    .key(Map.of("userId", Attr.s(userId), "itemId", Attr.s(i.key().itemId())))
                    .updateExpression("SET expiresAt = :exp ADD progress :n")
                    .expressionAttributeValues(Map.of(":n", Attr.n(i.amount()), ":exp", Attr.n(expiry(i.periodEnd()))))
                    .build()).build());
        }
        // Only the marker has a condition: a failed one means this event was counted before.
        return Transactions.write(dynamo, items) == Transactions.Outcome.COMMITTED ? Applied.APPLIED : Applied.ALREADY_APPLIED;
    }

    /** The learner's raw progress on each of {@code keys} (0 where nothing counted yet); consistent reads. */
    public Map<Key, Long> progress(String userId, Collection<Key> keys) {
        Map<String, Key> byItem = new LinkedHashMap<>();
        for (Key k : keys) byItem.put(k.itemId(), k);
        Map<Key, Long> out = new LinkedHashMap<>();
        for (Key k : keys) out.put(k, 0L);
        if (byItem.isEmpty()) return out;
        Map<String, KeysAndAttributes> request = Map.of(table, KeysAndAttributes.builder().consistentRead(true)
                .keys(byItem.keySet().stream().map(id -> Map.of("userId", Attr.s(userId), "itemId", Attr.s(id))).toList())
                .projectionExpression("itemId, progress").build());
        for (int attempt = 0; !request.isEmpty(); attempt++) {
            if (attempt == BATCH_ATTEMPTS) throw new IllegalStateException("quest progress of " + userId + " kept coming back unprocessed");
            Map<String, KeysAndAttributes> ask = request;
            BatchGetItemResponse r = dynamo.batchGetItem(b -> b.requestItems(ask));
            for (Map<String, AttributeValue> item : r.responses().getOrDefault(table, List.of())) {
                Key k = byItem.get(Attr.str(item, "itemId"));
                if (k != null) out.put(k, Attr.num(item, "progress", 0));
            }
            request = r.hasUnprocessedKeys() ? r.unprocessedKeys() : Map.of();
            if (!request.isEmpty()) sleep(10L << attempt);
        }
        return out;
    }

    private static long expiry(Instant periodEnd) {
        return periodEnd.plus(KEEP_AFTER_PERIOD).getEpochSecond();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading quest progress", e);
        }
    }
}
