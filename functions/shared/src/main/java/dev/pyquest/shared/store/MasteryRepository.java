package dev.pyquest.shared.store;

import dev.pyquest.domain.mastery.ActivityRecord;
import dev.pyquest.domain.mastery.Fsrs;
import dev.pyquest.domain.mastery.MasteryLevel;
import dev.pyquest.domain.mastery.SkillMastery;
import dev.pyquest.domain.mastery.SkillProgress;
import dev.pyquest.domain.mastery.SpacedReview;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Per-skill mastery on the mastery table, per learner (partition {@code userId}):
 * <ul>
 *   <li>{@code skill#<skill>}: P(known), observations, level, attempts, lessons, the FSRS state (stability,
 *       difficulty, last review day, due day, reviews, lapses) and a {@code version};</li>
 *   <li>{@code act#<activityId>}: the learner's {@link ActivityRecord}: {@code passedAttempt}, the attempt of the first
 *       pass of the activity (what decides whether a later attempt is still evidence; a lesson read is passed at 1),
 *       {@code attempts}, the highest attempt seen (failures before a pass: what the next-step policy steps back on),
 *       {@code skipped}, and a {@code version};</li>
 *   <li>{@code event#<eventId>}: the marker of an event already counted (expires {@link #KEEP_MARKER} after it).</li>
 * </ul>
 * An event's marker and every item it changes are one transaction: the marker on {@code attribute_not_exists},
 * each item on the {@code version} it was read at (or on not existing, when it was not). So a redelivered event
 * writes nothing, and two concurrent events of one learner never both count from the same state: the loser
 * re-reads and counts again.
 */
public final class MasteryRepository {
    /** As the achievements' markers: longer than EventBridge's day of retries and the DLQ's 14 days. */
    public static final Duration KEEP_MARKER = Duration.ofDays(30);
    public static final String SKILL = "skill#";
    public static final String ACTIVITY = "act#";
    public static final String MARKER = "event#";

    public enum Applied { APPLIED, ALREADY_APPLIED, CONFLICT }

    /** A stored item's state and the version it was read at (0: absent). */
    public record Versioned<T>(T value, long version) {}

    /** What one event's read found: its activity's record, and each of its skills. */
    public record Snapshot(Versioned<ActivityRecord> activity, Map<String, Versioned<SkillProgress>> skills) {
        public Snapshot {
            skills = Map.copyOf(skills);
        }
    }

    private final DynamoDbClient dynamo;
    private final String table;

    public MasteryRepository(DynamoDbClient dynamo, String masteryTable) {
        this.dynamo = dynamo;
        this.table = masteryTable;
    }

    /** The activity's and the skills' items, each read consistently (an activity has a handful of skills). */
    public Snapshot read(String userId, String activityId, List<String> skills) {
        Map<String, AttributeValue> act = get(userId, ACTIVITY + activityId);
        Versioned<ActivityRecord> record = act == null ? new Versioned<>(ActivityRecord.NONE, 0) : new Versioned<>(record(act), Attr.num(act, "version", 0));
        Map<String, Versioned<SkillProgress>> out = new LinkedHashMap<>();
        for (String skill : skills) {
            Map<String, AttributeValue> i = get(userId, SKILL + skill);
            out.put(skill, i == null ? new Versioned<>(SkillProgress.NOT_STARTED, 0) : new Versioned<>(progress(i), Attr.num(i, "version", 0)));
        }
        return new Snapshot(record, out);
    }

    /** Every skill of the learner that has an item, by skill id (one query, eventually consistent: a page view). */
    public Map<String, SkillProgress> skills(String userId) {
        return byPrefix(userId, SKILL, MasteryRepository::progress);
    }

    /** Every activity the learner has a record of, by activity id (one query, eventually consistent: a page view). */
    public Map<String, ActivityRecord> activities(String userId) {
        return byPrefix(userId, ACTIVITY, MasteryRepository::record);
    }

    /** The learner's items under {@code prefix}, by the rest of their id (one query, eventually consistent). */
    private <T> Map<String, T> byPrefix(String userId, String prefix, java.util.function.Function<Map<String, AttributeValue>, T> read) {
        Map<String, T> out = new LinkedHashMap<>();
        for (Map<String, AttributeValue> i : dynamo.queryPaginator(b -> b.tableName(table)
                .keyConditionExpression("userId = :u AND begins_with(itemId, :p)")
                .expressionAttributeValues(Map.of(":u", Attr.s(userId), ":p", Attr.s(prefix)))).items()) {
            out.put(Attr.str(i, "itemId").substring(prefix.length()), read.apply(i));
        }
        return out;
    }

    /**
     * Writes event {@code eventId}'s marker, the activity's record (when it changed) and each skill's new
     * progress, against {@code read}, in one transaction. Nothing is written unless {@code APPLIED}.
     */
    public Applied apply(String userId, String activityId, String eventId, Snapshot read, ActivityRecord record,
                         Map<String, SkillProgress> after, Instant now) {
        List<TransactWriteItem> items = new ArrayList<>(2 + after.size());
        Map<String, AttributeValue> marker = key(userId, MARKER + eventId);
        marker.put("at", Attr.s(now.toString()));
        marker.put("activityId", Attr.s(activityId));
        marker.put("expiresAt", Attr.n(now.plus(KEEP_MARKER).getEpochSecond()));
        items.add(TransactWriteItem.builder().put(Put.builder().tableName(table).item(marker)
                .conditionExpression("attribute_not_exists(itemId)").build()).build());
        for (Map.Entry<String, SkillProgress> e : after.entrySet()) {
            Versioned<SkillProgress> before = read.skills().get(e.getKey());
            if (before == null) throw new IllegalArgumentException("skill " + e.getKey() + " was not read");
            items.add(versioned(item(userId, e.getKey(), e.getValue()), before.version()));
        }
        if (!record.equals(read.activity().value())) {
            Map<String, AttributeValue> act = key(userId, ACTIVITY + activityId);
            if (record.passedAttempt() != null) act.put("passedAttempt", Attr.n(record.passedAttempt()));
            act.put("attempts", Attr.n(record.attempts()));
            if (record.skipped()) act.put("skipped", AttributeValue.fromBool(true));
            items.add(versioned(act, read.activity().version()));
        }
        Transactions.Result r = Transactions.writeDetailed(dynamo, items);
        if (r.outcome() == Transactions.Outcome.COMMITTED) return Applied.APPLIED;
        // The marker is first: DynamoDB reports every failed condition, and Transactions names the first.
        return r.failedIndex() == 0 ? Applied.ALREADY_APPLIED : Applied.CONFLICT;
    }

    /** The item's {@code version} goes up by one; the put holds only if it is still the one read (or absent at 0). */
    private TransactWriteItem versioned(Map<String, AttributeValue> item, long version) {
        item.put("version", Attr.n(version + 1));
        Put.Builder p = Put.builder().tableName(table).item(item);
        if (version == 0) {
            p.conditionExpression("attribute_not_exists(itemId)");
        } else {
            p.conditionExpression("#ver = :v").expressionAttributeNames(Map.of("#ver", "version"))
                    .expressionAttributeValues(Map.of(":v", Attr.n(version)));
        }
        return TransactWriteItem.builder().put(p.build()).build();
    }

    static Map<String, AttributeValue> item(String userId, String skill, SkillProgress p) {
        Map<String, AttributeValue> i = key(userId, SKILL + skill);
        SkillMastery m = p.mastery();
        i.put("pKnown", decimal(m.pKnown()));
        i.put("observations", Attr.n(m.observations()));
        i.put("level", Attr.s(m.level().name()));
        i.put("attempts", Attr.n(p.attempts()));
        i.put("lessons", Attr.n(p.lessons()));
        SpacedReview r = p.review();
        if (r != null) {
            i.put("stability", decimal(r.memory().stability()));
            i.put("difficulty", decimal(r.memory().difficulty()));
            i.put("lastReviewed", Attr.s(r.lastReviewed().toString()));
            i.put("due", Attr.s(r.due().toString()));
            i.put("reviews", Attr.n(r.reviews()));
            i.put("lapses", Attr.n(r.lapses()));
        }
        return i;
    }

    static ActivityRecord record(Map<String, AttributeValue> i) {
        Integer passed = i.containsKey("passedAttempt") ? (int) Attr.num(i, "passedAttempt", 0) : null;
        AttributeValue skipped = i.get("skipped");
        return new ActivityRecord(passed, (int) Attr.num(i, "attempts", passed == null ? 0 : passed),
                skipped != null && Boolean.TRUE.equals(skipped.bool()));
    }

    static SkillProgress progress(Map<String, AttributeValue> i) {
        SkillMastery m = new SkillMastery(Double.parseDouble(i.get("pKnown").n()), (int) Attr.num(i, "observations", 0),
                MasteryLevel.valueOf(Attr.str(i, "level").toUpperCase(Locale.ROOT)));
        SpacedReview r = null;
        if (i.containsKey("due")) {
            r = new SpacedReview(new Fsrs.Memory(Double.parseDouble(i.get("stability").n()), Double.parseDouble(i.get("difficulty").n())),
                    LocalDate.parse(Attr.str(i, "lastReviewed")), LocalDate.parse(Attr.str(i, "due")),
                    (int) Attr.num(i, "reviews", 1), (int) Attr.num(i, "lapses", 0));
        }
        return new SkillProgress(m, r, (int) Attr.num(i, "attempts", 0), (int) Attr.num(i, "lessons", 0));
    }

    /** Exact: {@link BigDecimal#valueOf} writes the shortest decimal that reads back as the same double. */
    private static AttributeValue decimal(double d) {
        return AttributeValue.fromN(BigDecimal.valueOf(d).toPlainString());
    }

    private Map<String, AttributeValue> get(String userId, String itemId) {
        Map<String, AttributeValue> i = dynamo.getItem(b -> b.tableName(table).consistentRead(true).key(key(userId, itemId))).item();
        return i == null || i.isEmpty() ? null : i;
    }

    private static Map<String, AttributeValue> key(String userId, String itemId) {
        Map<String, AttributeValue> m = new HashMap<>();
        m.put("userId", Attr.s(userId));
        m.put("itemId", Attr.s(itemId));
        return m;
    }
}
