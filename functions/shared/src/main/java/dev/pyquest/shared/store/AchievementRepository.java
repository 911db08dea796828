package dev.pyquest.shared.store;

import dev.pyquest.domain.Hashing;
import dev.pyquest.domain.achievements.Backfill;
import dev.pyquest.domain.achievements.Evaluation;
import dev.pyquest.domain.achievements.LearnerAchievements;
import dev.pyquest.domain.achievements.Period;
import dev.pyquest.domain.achievements.Unlock;
import dev.pyquest.domain.events.AchievementUnlocked;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Achievements on the economy table, per learner (partition {@code userId}):
 * <ul>
 *   <li>{@code ach#p#<progressKey>}: {@code value}, a progress of {@link LearnerAchievements};</li>
 *   <li>{@code ach#o#<first day>#<progressKey>}: {@code value}, the progress of a periodic rule over one day or week
 *       ({@code <rule id>@<period id>}), sorted by the period's first day ({@link Period#startOf}), so that a fact reads
 *       the periods it can count in and none of the past ones, which pile up with every day a learner is active
 *       (before this layout they were {@code ach#p#<progressKey>} items; those are still read and written in place);</li>
 *   <li>{@code ach#u#<levelKey>}: an unlock, {@code at} and the {@code eventId} of the fact that made it
 *       (permanent: one per learner and level ever);</li>
 *   <li>{@code ach#e#<eventId>}: the marker of a fact already applied (expires {@link #KEEP_MARKER} after it);</li>
 *   <li>{@code ach#seen}: the learner's last active day (UTC, the latest fact's), the rarity shard, and how
 *       many levels the rarity counters hold for the learner.</li>
 * </ul>
 * A fact's marker, changes, unlocks, their {@code AchievementUnlocked} outbox events and the rarity counts are
 * one transaction: each change conditional on the value it was computed from, each unlock, event and the
 * marker on {@code attribute_not_exists}, the activity on what was read. So two concurrent facts never both
 * count from the same value, a level never unlocks twice, and a redelivered fact writes nothing. The backfill
 * ({@link #backfill}) writes a learner's recomputed progress, unlocks and the markers of facts it counted ahead of
 * the consumer the same way, in one transaction conditional on everything it read.
 *
 * <p><b>Rarity, exact and cheap.</b> Counters on partitions {@code @rarity#<shard>}, one item per UTC day:
 * {@code learners}, the learners whose last active day it is, and {@code h:<levelKey>}, how many of them hold
 * the level. A learner counts in exactly one day's item: when their active day moves from P to D, one
 * transaction takes the learner and every level they hold out of P and adds them to D (conditional on the
 * day and the number of levels read, so an unlock cannot slip between); an unlock adds its level to the
 * learner's current day. So the sum over the last 30 days' items is, exactly, the learners active in the
 * last 30 days and how many of them hold each level ({@link #rarity}): {@value #RARITY_SHARDS} queries of
 * at most 30 items, whatever the number of learners. The sum over all days is every learner ever counted
 * and every holder (the invariant check compares it with the unlocks). The shards spread the write of each
 * day's first activities over {@value #RARITY_SHARDS} partitions; a learner keeps the shard stored with
 * them, so raising the count later is safe (lowering it is not).
 */
public final class AchievementRepository {
    /**
     * Longer than any redelivery: EventBridge retries for a day, the rule's DLQ keeps a message 14 days
     * (a redrive after that would count the fact again, which nothing re-sends).
     */
    public static final Duration KEEP_MARKER = Duration.ofDays(30);
    public static final String PROGRESS = "ach#p#";
    /** Periodic progress: sorts after the markers and before {@link #PROGRESS}, so one range reads the recent periods and the rest. */
    public static final String PERIODIC = "ach#o#";
    public static final String UNLOCK = "ach#u#";
    public static final String MARKER = "ach#e#";
    public static final String SEEN = "ach#seen";
    /** The partition key prefix of the rarity counters ({@code @} is no learner id's first character). */
    public static final String RARITY = "@rarity#";
    public static final int RARITY_SHARDS = 4;
    /** "Learners active in the last 30 days": today and the 29 days before it. */
    public static final int ACTIVE_DAYS = 30;
    /** A rarity counter's attributes: learners counted on its day, and holders of each level ({@code h:<level>}). */
    public static final String LEARNERS = "learners";
    public static final String HOLDERS = "h:";
    /** What one TransactWriteItems takes. */
    public static final int MAX_TRANSACTION_ITEMS = 100;

    /**
     * {@code CONFLICT}: a progress value or an unlock changed since the state was read; re-read and re-evaluate.
     * {@code ALONG_REFUSED}: the fact's own writes would have committed, but one of the writes given along with them
     * failed its condition (see {@link #apply(String, String, Evaluation, Snapshot, Instant, Instant, List)}).
     */
    public enum Applied { APPLIED, ALREADY_APPLIED, CONFLICT, ALONG_REFUSED }

    /** A stored unlock: the level's key, when, and the id of the fact that made it. */
    public record Unlocked(String levelKey, Instant at, String eventId) {}

    /** The learner's place in the rarity counters: last active day, shard, levels counted there. */
    public record Activity(LocalDate day, int shard, long levels) {}

    /**
     * What one consistent read found: the engine's state, the stored unlocks by level key, the learner's activity
     * (null before their first fact), and the periodic progress keys found stored the way they were before
     * {@link #PERIODIC} (as {@code ach#p#<progressKey>}), which are written back where they are.
     */
    public record Snapshot(LearnerAchievements state, Map<String, Unlocked> unlocks, Activity activity, Set<String> legacyPeriodic) {
        public Snapshot {
            unlocks = Map.copyOf(unlocks);
            legacyPeriodic = Set.copyOf(legacyPeriodic);
        }

        public Snapshot(LearnerAchievements state, Map<String, Unlocked> unlocks, Activity activity) {
            this(state, unlocks, activity, Set.of());
        }

        /** The level keys unlocked by fact {@code eventId}, in key order. */
        public List<String> unlockedBy(String eventId) {
            return unlocks.values().stream().filter(u -> eventId.equals(u.eventId())).map(Unlocked::levelKey).sorted().toList();
        }
    }

    /**
     * Over the learners active in the last {@value #ACTIVE_DAYS} days (UTC): how many, and how many of them hold
     * each level (by level key; a level nobody active holds is absent).
     */
    public record Rarity(long activeLearners, Map<String, Long> holders) {
        public Rarity {
            holders = Map.copyOf(holders);
        }

        /** Holders of {@code levelKey} / active learners, 0 when nobody is active. */
        public double of(String levelKey) {
            return activeLearners == 0 ? 0 : (double) holders.getOrDefault(levelKey, 0L) / activeLearners;
        }
    }

    private final DynamoDbClient dynamo;
    private final String table;
    private final String outbox;

    public AchievementRepository(DynamoDbClient dynamo, String economyTable, String outboxTable) {
        this.dynamo = dynamo;
        this.table = economyTable;
        this.outbox = outboxTable;
    }

    public LearnerAchievements state(String userId) {
        return read(userId).state();
    }

    /**
     * All the learner's progress (every period's), unlocks and activity: {@link #read(String, LocalDate)} from the
     * first period ever.
     */
    public Snapshot read(String userId) {
        return read(userId, null);
    }

    /**
     * Progress, unlocks and activity, one consistent query (paginated) over {@code ach#o#<periodsFrom>} to
     * {@code ach#u$} ({@code $} sorts right after {@code #}): every lasting progress value, unlock and the activity,
     * and the periodic progress of the periods starting on or after {@code periodsFrom} (null: all of them). A fact
     * needs those from {@link Period#earliestStart} on. It leaves out the {@code ach#e#} markers, which sort before
     * {@code ach#o#}: they grow with every fact and the engine never reads them.
     */
    public Snapshot read(String userId, LocalDate periodsFrom) {
        Map<String, Long> progress = new HashMap<>();
        Map<String, Unlocked> unlocks = new LinkedHashMap<>();
        Set<String> legacy = new HashSet<>();
        Activity activity = null;
        String lo = periodsFrom == null ? PERIODIC : PERIODIC + periodsFrom;
        for (Map<String, AttributeValue> i : dynamo.queryPaginator(b -> b.tableName(table)
                .consistentRead(true)
                .keyConditionExpression("userId = :u AND itemId BETWEEN :lo AND :hi")
                .expressionAttributeValues(Map.of(":u", Attr.s(userId), ":lo", Attr.s(lo), ":hi", Attr.s("ach#u$")))).items()) {
            String id = Attr.str(i, "itemId");
            if (id.startsWith(PERIODIC)) {
                progress.put(id.substring(id.indexOf('#', PERIODIC.length()) + 1), Attr.num(i, "value", 0));
            } else if (id.startsWith(PROGRESS)) {
                String key = id.substring(PROGRESS.length());
                progress.put(key, Attr.num(i, "value", 0));
                if (Period.startOf(key).isPresent()) legacy.add(key);
            } else if (id.startsWith(UNLOCK)) {
                String key = id.substring(UNLOCK.length());
                String at = Attr.str(i, "at");
                unlocks.put(key, new Unlocked(key, at == null ? null : Instant.parse(at), Attr.str(i, "eventId")));
            } else if (id.equals(SEEN)) {
                activity = new Activity(LocalDate.parse(Attr.str(i, "day")), (int) Attr.num(i, "shard", 0), Attr.num(i, "levels", 0));
            }
        }
        return new Snapshot(new LearnerAchievements(progress, unlocks.keySet()), unlocks, activity, legacy);
    }

    /** The item of progress key {@code key}: {@code ach#o#<first day>#<key>} for a periodic rule's, else {@code ach#p#<key>}. */
    public static String progressItemId(String key) {
        return Period.startOf(key).map(start -> PERIODIC + start + "#" + key).orElse(PROGRESS + key);
    }

    /**
     * Applies fact {@code eventId}'s evaluation once, against {@code read} (the snapshot it was computed from):
     * the marker, every change, every unlock with its {@code AchievementUnlocked} event, and the learner's
     * activity on day {@code at} (UTC) with the rarity counters, in one transaction. An empty evaluation still
     * writes the marker (and the activity): "the consumer counted this fact" is "its marker exists", which
     * the backfill relies on. {@code ALREADY_APPLIED}: the marker was there; {@code CONFLICT}: the state moved
     * since it was read. Nothing is written unless {@code APPLIED}.
     */
    public Applied apply(String userId, String eventId, Evaluation ev, Snapshot read, Instant at, Instant now) {
        return apply(userId, eventId, ev, read, at, now, List.of());
    }

    /**
     * As {@link #apply(String, String, Evaluation, Snapshot, Instant, Instant)}, with {@code along} (e.g. the unlocks'
     * payments, which {@code RewardsService} builds) in the same transaction, after the fact's own writes: all commit
     * or nothing does. {@code ALONG_REFUSED}: only a condition of {@code along} failed. The fact's own writes and
     * {@code along} must fit one transaction together: at most {@link #writes(Evaluation)} plus {@code along.size()}
     * is {@value #MAX_TRANSACTION_ITEMS}.
     */
    public Applied apply(String userId, String eventId, Evaluation ev, Snapshot read, Instant at, Instant now,
                         List<TransactWriteItem> along) {
        List<TransactWriteItem> items = new ArrayList<>(writes(ev) + along.size());
        items.add(marker(userId, eventId, now));
        for (Evaluation.Change c : ev.changes()) items.add(change(userId, c, read));
        List<String> unlocked = new ArrayList<>();
        for (Unlock u : ev.unlocks()) {
            items.addAll(unlock(userId, u, eventId, now));
            unlocked.add(u.key());
        }
        items.addAll(activity(userId, read, LocalDate.ofInstant(at, ZoneOffset.UTC), unlocked));
        int own = items.size();
        if (own + along.size() > MAX_TRANSACTION_ITEMS) {
            throw new IllegalArgumentException("a fact's " + own + " writes and " + along.size() + " along exceed one transaction");
        }
        items.addAll(along);
        Transactions.Result r = Transactions.writeDetailed(dynamo, items);
        if (r.outcome() == Transactions.Outcome.COMMITTED) return Applied.APPLIED;
        // The marker is first and the writes along last: DynamoDB reports every failed condition, and Transactions
        // names the first, so "along refused" means the fact's own writes all held.
        if (r.failedIndex() == 0) return Applied.ALREADY_APPLIED;
        return r.failedIndex() < own ? Applied.CONFLICT : Applied.ALONG_REFUSED;
    }

    /** At most how many writes {@link #apply} makes of {@code ev}: the marker, the changes, two per unlock, three for the activity. */
    public static int writes(Evaluation ev) {
        return 1 + ev.changes().size() + 2 * ev.unlocks().size() + 3;
    }

    /** The event ids of the facts whose marker is stored (an expired marker DynamoDB has not deleted yet still counts). */
    public Set<String> markers(String userId) {
        Set<String> out = new HashSet<>();
        for (Map<String, AttributeValue> i : dynamo.queryPaginator(b -> b.tableName(table)
                .consistentRead(true)
                .projectionExpression("itemId")
                .keyConditionExpression("userId = :u AND begins_with(itemId, :m)")
                .expressionAttributeValues(Map.of(":u", Attr.s(userId), ":m", Attr.s(MARKER)))).items()) {
            out.add(Attr.str(i, "itemId").substring(MARKER.length()));
        }
        return out;
    }

    /** A backfill needs more writes than one transaction holds; nothing was written. */
    public static final class TooLarge extends IllegalStateException {
        TooLarge(String message) {
            super(message);
        }
    }

    /**
     * Writes {@code plan} (the learner's backfill, computed from {@code read} and the markers read with it) in one
     * transaction: the pending facts' markers, every change conditional on the value read, every unlock with its
     * {@code AchievementUnlocked} event (their source {@code sourceEventId}, e.g. {@code backfill#2026-12-10}),
     * and the activity with the rarity counters on the day of the plan's latest fact (the learner's, when it is
     * later). {@code CONFLICT}: a marker, a value, an unlock or the activity moved since the read (the consumer
     * applied a fact meanwhile): nothing was written, re-read and plan again. Throws {@link TooLarge}, writing
     * nothing, when the plan needs more than {@value #MAX_TRANSACTION_ITEMS} items.
     */
    public Applied backfill(String userId, Backfill.Plan plan, Snapshot read, String sourceEventId, Instant now) {
        if (plan.isEmpty()) throw new IllegalArgumentException("an empty backfill plan has nothing to write");
        List<TransactWriteItem> items = new ArrayList<>();
        for (String eventId : plan.markers()) items.add(marker(userId, eventId, now));
        for (Evaluation.Change c : plan.changes()) items.add(change(userId, c, read));
        List<String> unlocked = new ArrayList<>();
        for (Unlock u : plan.unlocks()) {
            items.addAll(unlock(userId, u, sourceEventId, now));
            unlocked.add(u.key());
        }
        items.addAll(activity(userId, read, LocalDate.ofInstant(plan.lastFactAt(), ZoneOffset.UTC), unlocked));
        if (items.size() > MAX_TRANSACTION_ITEMS) {
            throw new TooLarge("achievements backfill of " + userId + " needs " + items.size() + " writes in one transaction ("
                    + plan.markers().size() + " markers, " + plan.changes().size() + " progress values, " + plan.unlocks().size()
                    + " unlocks); DynamoDB takes " + MAX_TRANSACTION_ITEMS + ": nothing written");
        }
        Transactions.Result r = Transactions.writeDetailed(dynamo, items);
        return r.outcome() == Transactions.Outcome.COMMITTED ? Applied.APPLIED : Applied.CONFLICT;
    }

    /** A fact's marker: put once ({@code attribute_not_exists}), kept {@link #KEEP_MARKER}. */
    private TransactWriteItem marker(String userId, String eventId, Instant now) {
        Map<String, AttributeValue> marker = key(userId, MARKER + eventId);
        marker.put("at", Attr.s(now.toString()));
        marker.put("expiresAt", Attr.n(now.plus(KEEP_MARKER).getEpochSecond()));
        return put(marker, "attribute_not_exists(itemId)", null);
    }

    /** A progress value, conditional on the value it was computed from (absent when that was 0), where {@code read} found it. */
    private TransactWriteItem change(String userId, Evaluation.Change c, Snapshot read) {
        Map<String, AttributeValue> item = key(userId, read.legacyPeriodic().contains(c.key()) ? PROGRESS + c.key() : progressItemId(c.key()));
        item.put("value", Attr.n(c.after()));
        return c.before() == 0
                ? put(item, "attribute_not_exists(itemId) OR #v = :before", c.before())
                : put(item, "#v = :before", c.before());
    }

    /** An unlock and its {@code AchievementUnlocked} outbox event, each put once ever. */
    private List<TransactWriteItem> unlock(String userId, Unlock u, String eventId, Instant now) {
        Map<String, AttributeValue> item = key(userId, UNLOCK + u.key());
        item.put("at", Attr.s(now.toString()));
        item.put("eventId", Attr.s(eventId));
        item.put("achievementId", Attr.s(u.achievementId()));
        if (u.tier() != null) item.put("tier", Attr.s(u.tier().key()));
        AchievementUnlocked e = AchievementUnlocked.of(userId, u.key(), u.achievementId(), u.tier() == null ? null : u.tier().key(),
                Math.toIntExact(u.level().xp()), Math.toIntExact(u.level().diamonds()), eventId, now);
        return List.of(put(item, "attribute_not_exists(itemId)", null),
                TransactWriteItem.builder().put(Put.builder().tableName(outbox).item(OutboxEvent.of(e, now).item())
                        .conditionExpression("attribute_not_exists(eventId)").build()).build());
    }

    /**
     * The writes that keep the rarity counters exact for a fact of day {@code day} that unlocks {@code unlocked}:
     * nothing when the learner's day does not move and nothing unlocks; the unlocks added to the learner's
     * current day; or, when the day moves forward (or on the learner's first fact), the learner and every level
     * they hold moved from the old day's item to the new one's.
     */
    private List<TransactWriteItem> activity(String userId, Snapshot read, LocalDate day, List<String> unlocked) {
        Activity a = read.activity();
        List<TransactWriteItem> out = new ArrayList<>(3);
        if (a != null && !day.isAfter(a.day())) {
            if (unlocked.isEmpty()) return out;
            out.add(TransactWriteItem.builder().update(Update.builder().tableName(table).key(key(userId, SEEN))
                    .updateExpression("ADD levels :n").conditionExpression("#day = :day")
                    .expressionAttributeNames(Map.of("#day", "day"))
                    .expressionAttributeValues(Map.of(":n", Attr.n(unlocked.size()), ":day", Attr.s(a.day().toString())))
                    .build()).build());
            out.add(counter(a.shard(), a.day(), 0, unlocked, 1));
            return out;
        }
        // Before the learner's first fact there is no item: levels they held then (unlocked before the counters
        // existed) count from now on, in the new day.
        int shard = a == null ? shardOf(userId) : a.shard();
        List<String> held = new ArrayList<>(read.unlocks().keySet());
        Map<String, AttributeValue> seen = key(userId, SEEN);
        seen.put("day", Attr.s(day.toString()));
        seen.put("shard", Attr.n(shard));
        seen.put("levels", Attr.n(held.size() + unlocked.size()));
        Put.Builder p = Put.builder().tableName(table).item(seen);
        if (a == null) {
            p.conditionExpression("attribute_not_exists(itemId)");
        } else {
            p.conditionExpression("#day = :day AND levels = :levels").expressionAttributeNames(Map.of("#day", "day"))
                    .expressionAttributeValues(Map.of(":day", Attr.s(a.day().toString()), ":levels", Attr.n(a.levels())));
            if (a.levels() != held.size()) {
                throw new IllegalStateException("achievements of " + userId + ": " + a.levels() + " levels counted for rarity but "
                        + held.size() + " unlocked");
            }
            out.add(counter(a.shard(), a.day(), -1, held, -1));
        }
        out.add(TransactWriteItem.builder().put(p.build()).build());
        List<String> now = new ArrayList<>(held);
        now.addAll(unlocked);
        out.add(counter(shard, day, 1, now, 1));
        return out;
    }

    /** {@code ADD learners :l, h:<level> :h ...} on day {@code day}'s counter item of {@code shard}. */
    private TransactWriteItem counter(int shard, LocalDate day, int learners, Collection<String> levels, int perLevel) {
        StringBuilder add = new StringBuilder("ADD ");
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        List<String> parts = new ArrayList<>();
        if (learners != 0) {
            parts.add(LEARNERS + " :l");
            values.put(":l", Attr.n(learners));
        }
        int i = 0;
        for (String level : levels) {
            names.put("#h" + i, HOLDERS + level);
            parts.add("#h" + i + " :h");
            i++;
        }
        if (!levels.isEmpty()) values.put(":h", Attr.n(perLevel));
        add.append(String.join(", ", parts));
        Update.Builder u = Update.builder().tableName(table)
                .key(Map.of("userId", Attr.s(RARITY + shard), "itemId", Attr.s(day.toString())))
                .updateExpression(add.toString()).expressionAttributeValues(values);
        if (!names.isEmpty()) u.expressionAttributeNames(names);
        return TransactWriteItem.builder().update(u.build()).build();
    }

    /** The shard a learner's counts go to, fixed at their first fact (kept on {@code ach#seen}). */
    static int shardOf(String userId) {
        return Math.floorMod(Hashing.sha256Hex(userId).hashCode(), RARITY_SHARDS);
    }

    /**
     * Rarity over the learners active in the {@value #ACTIVE_DAYS} days ending {@code today} (UTC): one query per
     * shard over the days' counter items, summed. Eventually consistent: a count a second old is still exact
     * for the moment it was read.
     */
    public Rarity rarity(LocalDate today) {
        long learners = 0;
        Map<String, Long> holders = new HashMap<>();
        String from = today.minusDays(ACTIVE_DAYS - 1).toString(), to = today.toString();
        for (int shard = 0; shard < RARITY_SHARDS; shard++) {
            String partition = RARITY + shard;
            for (Map<String, AttributeValue> item : dynamo.queryPaginator(b -> b.tableName(table)
                    .keyConditionExpression("userId = :p AND itemId BETWEEN :from AND :to")
                    .expressionAttributeValues(Map.of(":p", Attr.s(partition), ":from", Attr.s(from), ":to", Attr.s(to)))).items()) {
                learners += Attr.num(item, LEARNERS, 0);
                item.forEach((name, v) -> {
                    if (name.startsWith(HOLDERS) && v.n() != null) {
                        holders.merge(name.substring(HOLDERS.length()), Long.parseLong(v.n()), Long::sum);
                    }
                });
            }
        }
        holders.values().removeIf(n -> n == 0);
        return new Rarity(learners, holders);
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
