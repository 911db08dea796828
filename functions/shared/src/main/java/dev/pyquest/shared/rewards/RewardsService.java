package dev.pyquest.shared.rewards;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pyquest.domain.Json;
import dev.pyquest.domain.events.RewardGranted;
import dev.pyquest.domain.rewards.Economy;
import dev.pyquest.domain.rewards.Grant;
import dev.pyquest.domain.rewards.Reward;
import dev.pyquest.domain.rewards.RewardKind;
import dev.pyquest.domain.rewards.RewardRules;
import dev.pyquest.domain.rewards.RewardSource;
import dev.pyquest.domain.streak.LearnerClock;
import dev.pyquest.domain.streak.Streak;
import dev.pyquest.shared.store.Attr;
import dev.pyquest.shared.store.Learner;
import dev.pyquest.shared.store.OutboxEvent;
import dev.pyquest.shared.store.Transactions;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The one rewards service: every XP and diamond the platform grants, and every diamond it takes
 * for a purchase, is written here, as one DynamoDB transaction of
 * <ol>
 *   <li>a ledger item per reward, conditional on {@code attribute_not_exists} of its key
 *       ({@code userId}, {@code grantKey|KIND}): the permanent exactly-once guarantee;</li>
 *   <li>the wallet update on the learner ({@code ADD xp, diamonds}), with the streak and the freezes
 *       it used when the grant moves it (conditional on the streak being what we read);</li>
 *   <li>the daily XP cap counter of the grant's source, when it has a cap (conditional on the
 *       cap not being passed: a grant over it is cut to what is left and says so);</li>
 *   <li>a {@code RewardGranted} outbox event per grant;</li>
 *   <li>the rewards list of the submission that earned it, if any.</li>
 * </ol>
 * Redelivered events, retries and races all resolve to the same keys, so at most one commits.
 * A purchase ({@link #spend}) is one transaction of the ledger debit (its key from the purchase id),
 * the wallet debit conditional on {@code diamonds >= price} (and on the held limit), and the item's
 * own effect.
 */
public final class RewardsService {
    public enum Outcome { GRANTED, ALREADY_GRANTED, STREAK_CHANGED }

    /** What a grant did; {@code granted}: the grants as written (amounts after daily caps), empty unless GRANTED. */
    public record Result(Outcome outcome, List<Grant> granted) {}

    /** A streak moved by the grant: from {@code before} to {@code after}, using {@code freezesUsed} freezes. */
    public record StreakMove(Streak before, Streak after, int freezesUsed) {}

    private static final int CAP_ATTEMPTS = 6;
    private static final long CAP_COUNTER_DAYS = 3;

    private final DynamoDbClient dynamo;
    private final String ledger;
    private final String learners;
    private final String outbox;
    private final String submissions;
    private final String economyTable;
    private final Economy economy;
    private final Clock clock;

    public RewardsService(DynamoDbClient dynamo, String ledger, String learners, String outbox, String submissions,
                          String economyTable, Economy economy, Clock clock) {
        this.dynamo = dynamo;
        this.ledger = ledger;
        this.learners = learners;
        this.outbox = outbox;
        this.submissions = submissions;
        this.economyTable = economyTable;
        this.economy = economy;
        this.clock = clock;
    }

    public Economy economy() {
        return economy;
    }

    public Outcome grant(Grant g) {
        return grantAll(List.of(g), null).outcome();
    }

    /**
     * Grants every one of {@code parts} (one learner) in one transaction; when {@code move} is given,
     * also moves the learner's streak. {@code STREAK_CHANGED}: the streak changed concurrently and
     * nothing was written (re-read, try again). {@code ALREADY_GRANTED}: a part's key exists, nothing
     * was written.
     */
    public Result grantAll(List<Grant> parts, StreakMove move) {
        String userId = learnerOf(parts);
        Instant now = clock.instant();
        LocalDate capDay = null;
        Map<RewardSource, Long> used = new EnumMap<>(RewardSource.class); // XP already counted today, once read
        for (int attempt = 0; attempt < CAP_ATTEMPTS; attempt++) {
            Map<RewardSource, Long> capped = new EnumMap<>(RewardSource.class);
            for (Grant p : parts) {
                if (capped(p)) capped.merge(p.source(), p.amount(RewardKind.XP), Long::sum);
            }
            if (!capped.isEmpty() && capDay == null) capDay = localDate(userId, now);
            List<Grant> written = cut(parts, used);
            Plan plan = plan(userId, written, move, capped.keySet(), capDay, now);
            Transactions.Result r = Transactions.writeDetailed(dynamo, plan.items);
            if (r.outcome() == Transactions.Outcome.COMMITTED) return new Result(Outcome.GRANTED, written);
            int failed = r.failedIndex();
            if (failed == plan.learnerIndex) return new Result(Outcome.STREAK_CHANGED, List.of());
            if (plan.capIndexes.containsKey(failed)) {
                // Another grant of the same source counted first: read what today's counter holds and cut to it.
                RewardSource s = plan.capIndexes.get(failed);
                used.put(s, capUsed(userId, s, capDay));
                continue;
            }
            int grantOfSubmission = plan.submissionIndexes.indexOf(failed);
            if (grantOfSubmission >= 0) {
                // Not "already granted": the event names a submission we do not have. Throwing sends the
                // event to its DLQ with this reason instead of dropping the grant silently.
                Grant g = written.get(grantOfSubmission);
                throw new IllegalStateException("grant " + g.grantKey() + " names unknown submission " + g.submissionId());
            }
            return new Result(Outcome.ALREADY_GRANTED, List.of());
        }
        throw new IllegalStateException("daily cap counter kept changing under " + CAP_ATTEMPTS + " attempts for " + userId);
    }

    /**
     * The writes of granting every one of {@code parts} (one learner), for a caller to commit in its own transaction
     * beside writes of its own, so that what it records and what it pays commit together: the same ledger lines
     * (each conditional on its key, so a part already paid cancels the whole transaction), {@code RewardGranted}
     * events, wallet update and submission lines as {@link #grantAll} writes, built by the same code. A caller whose
     * transaction is refused on one of these items writes nothing: it then commits its own writes alone and grants
     * with {@link #grantAll}, which tells "already granted" from an unknown submission. Empty when a part has XP
     * under a daily cap: capping reads the day's counter and retries against it, which only {@link #grantAll} does.
     */
    public Optional<List<TransactWriteItem>> grantItems(List<Grant> parts) {
        String userId = learnerOf(parts);
        if (parts.stream().anyMatch(this::capped)) return Optional.empty();
        return Optional.of(plan(userId, parts, null, Set.of(), null, clock.instant()).items);
    }

    private static String learnerOf(List<Grant> parts) {
        if (parts.isEmpty()) throw new IllegalArgumentException("nothing to grant");
        String userId = parts.get(0).userId();
        if (parts.stream().anyMatch(p -> !p.userId().equals(userId))) throw new IllegalArgumentException("one learner per transaction");
        return userId;
    }

    private boolean capped(Grant p) {
        return p.source() != null && economy.dailyXpCap(p.source()).isPresent() && p.amount(RewardKind.XP) > 0;
    }

    /** The parts with XP cut to what each source's daily cap leaves, given what is known to be used (0 until read). */
    private List<Grant> cut(List<Grant> parts, Map<RewardSource, Long> used) {
        Map<RewardSource, Long> left = new EnumMap<>(RewardSource.class);
        List<Grant> out = new ArrayList<>();
        for (Grant p : parts) {
            long xp = p.amount(RewardKind.XP);
            if (p.source() == null || xp == 0 || economy.dailyXpCap(p.source()).isEmpty()) {
                out.add(p);
                continue;
            }
            long cap = economy.dailyXpCap(p.source()).get();
            long remaining = left.computeIfAbsent(p.source(), s -> Math.max(0, cap - used.getOrDefault(s, 0L)));
            long give = Math.min(xp, remaining);
            left.put(p.source(), remaining - give);
            out.add(give == xp ? p : p.withAmount(RewardKind.XP, give,
                    "(daily " + p.source().configName() + " XP cap of " + cap + " reached: " + give + " of " + xp + ")"));
        }
        return out;
    }

    private record Plan(List<TransactWriteItem> items, int learnerIndex, Map<Integer, RewardSource> capIndexes,
                        List<Integer> submissionIndexes) {}

    private Plan plan(String userId, List<Grant> parts, StreakMove move, Set<RewardSource> cappedSources,
                      LocalDate capDay, Instant now) {
        List<TransactWriteItem> items = new ArrayList<>();
        long xp = 0, diamonds = 0, badges = 0;
        Map<RewardSource, Long> capAdd = new LinkedHashMap<>();
        for (Grant g : parts) {
            for (Reward r : g.rewards()) {
                items.add(TransactWriteItem.builder().put(Put.builder().tableName(ledger)
                        .item(ledgerItem(userId, g.grantKey() + "|" + r.kind(), r, g, now))
                        .conditionExpression("attribute_not_exists(entryId)").build()).build());
                if (r.kind() == RewardKind.XP) xp += r.amount();
                if (r.kind() == RewardKind.DIAMONDS) diamonds += r.amount();
                if (r.kind() == RewardKind.BADGE) badges += r.amount();
            }
            if (g.source() != null && cappedSources.contains(g.source())) capAdd.merge(g.source(), g.amount(RewardKind.XP), Long::sum);
            items.add(TransactWriteItem.builder().put(Put.builder().tableName(outbox).item(event(g, now).item())
                    .conditionExpression("attribute_not_exists(eventId)").build()).build());
        }
        int learnerIndex = items.size();
        items.add(TransactWriteItem.builder().update(learnerUpdate(userId, xp, diamonds, badges, now, move)).build());
        Map<Integer, RewardSource> capIndexes = new HashMap<>();
        // The counter never passes the cap: each grant is cut to what is left before it is counted.
        for (Map.Entry<RewardSource, Long> c : capAdd.entrySet()) {
            long cap = economy.dailyXpCap(c.getKey()).orElseThrow();
            capIndexes.put(items.size(), c.getKey());
            items.add(TransactWriteItem.builder().update(Update.builder().tableName(economyTable)
                    .key(capKey(userId, c.getKey(), capDay))
                    .updateExpression("SET expiresAt = :exp ADD xp :add")
                    // Counted against what the cap leaves: fails (and the grant is cut) once a concurrent grant took it.
                    .conditionExpression("attribute_not_exists(xp) OR xp <= :limit")
                    .expressionAttributeValues(Map.of(":add", Attr.n(c.getValue()), ":limit", Attr.n(cap - c.getValue()),
                            ":exp", Attr.n(capDay.plusDays(CAP_COUNTER_DAYS).toEpochDay() * 86_400)))
                    .build()).build());
        }
        // One update per submission (a transaction touches an item once), with the lines of every grant naming it.
        Map<String, List<AttributeValue>> lines = new LinkedHashMap<>();
        for (Grant g : parts) {
            if (g.submissionId() == null) continue;
            List<AttributeValue> of = lines.computeIfAbsent(g.submissionId(), k -> new ArrayList<>());
            for (Reward r : g.rewards()) of.add(Attr.s(json(rewardNode(g, r))));
        }
        Map<String, Integer> submissionIndex = new HashMap<>();
        for (Map.Entry<String, List<AttributeValue>> l : lines.entrySet()) {
            submissionIndex.put(l.getKey(), items.size());
            items.add(TransactWriteItem.builder().update(Update.builder().tableName(submissions)
                    .key(Map.of("submissionId", Attr.s(l.getKey())))
                    .updateExpression("SET rewards = list_append(if_not_exists(rewards, :empty), :new)")
                    .conditionExpression("attribute_exists(submissionId)")
                    .expressionAttributeValues(Map.of(":empty", AttributeValue.fromL(List.of()), ":new", AttributeValue.fromL(l.getValue())))
                    .build()).build());
        }
        // Per grant, the index of its submission's item (-1: the grant names no submission).
        List<Integer> submissionIndexes = parts.stream().map(g -> g.submissionId() == null ? -1 : submissionIndex.get(g.submissionId())).toList();
        return new Plan(items, learnerIndex, capIndexes, submissionIndexes);
    }

    private Map<String, AttributeValue> capKey(String userId, RewardSource s, LocalDate day) {
        return Map.of("userId", Attr.s(userId), "itemId", Attr.s("cap#" + day + "#" + s.configName()));
    }

    private long capUsed(String userId, RewardSource s, LocalDate day) {
        Map<String, AttributeValue> i = dynamo.getItem(b -> b.tableName(economyTable).consistentRead(true)
                .key(capKey(userId, s, day))).item();
        return i == null ? 0 : Attr.num(i, "xp", 0);
    }

    /** The learner's local date now: caps are per local day of the stored zone, like streaks. */
    private LocalDate localDate(String userId, Instant now) {
        Map<String, AttributeValue> i = dynamo.getItem(b -> b.tableName(learners).key(Map.of("userId", Attr.s(userId)))
                .projectionExpression("#tz").expressionAttributeNames(Map.of("#tz", "timezone"))).item();
        return LearnerClock.today(Clock.fixed(now, java.time.ZoneOffset.UTC), i == null ? null : Attr.str(i, "timezone"));
    }

    private Update learnerUpdate(String userId, long xp, long diamonds, long badges, Instant now, StreakMove move) {
        Map<String, AttributeValue> values = new HashMap<>();
        Map<String, String> names = new HashMap<>();
        values.put(":xp", Attr.n(xp));
        values.put(":d", Attr.n(diamonds));
        String add = " ADD xp :xp, diamonds :d";
        if (badges > 0) {
            values.put(":b", Attr.n(badges));
            add += ", badges :b";
        }
        values.put(":now", Attr.s(now.toString()));
        String set = "SET createdAt = if_not_exists(createdAt, :now), updatedAt = :now";
        String condition = null;
        if (move != null) {
            Streak after = move.after(), before = move.before();
            set += ", streakCurrent = :sc, streakLongest = :sl, streakLast = :slast";
            values.put(":sc", Attr.n(after.current()));
            values.put(":sl", Attr.n(after.longest()));
            values.put(":slast", Attr.s(after.last().toString()));
            if (before == null || before.last() == null) {
                condition = "attribute_not_exists(streakLast)";
            } else {
                condition = "streakLast = :prev";
                values.put(":prev", Attr.s(before.last().toString()));
            }
            if (move.freezesUsed() > 0) {
                // Relative, so a freeze bought meanwhile is not lost; the condition makes each used once.
                names.put("#fz", Learner.heldAttribute(Learner.STREAK_FREEZE));
                values.put(":used", Attr.n(move.freezesUsed()));
                set += ", #fz = #fz - :used";
                condition += " AND #fz >= :used";
            }
        }
        Update.Builder b = Update.builder().tableName(learners).key(Map.of("userId", Attr.s(userId)))
                .updateExpression(set + add).expressionAttributeValues(values);
        if (!names.isEmpty()) b.expressionAttributeNames(names);
        if (condition != null) b.conditionExpression(condition);
        return b.build();
    }

    // ------------------------------------------------------------------ purchases

    public enum SpendOutcome { PURCHASED, ALREADY_PURCHASED, INSUFFICIENT_FUNDS, LIMIT_REACHED, EFFECT_REFUSED }

    /**
     * Buys {@code item} once per {@code purchaseId}: the ledger debit ({@code PURCHASE#<id>|DIAMONDS},
     * a negative amount), the wallet debit conditional on {@code diamonds >= price} (and, for an item
     * held, on holding fewer than its limit, which it then increments), and {@code effect} (another
     * conditional write the item needs, e.g. revealing a hint), all or nothing.
     */
    public SpendOutcome spend(String userId, String purchaseId, Economy.ShopItem item, String reason, TransactWriteItem effect) {
        Instant now = clock.instant();
        List<TransactWriteItem> items = new ArrayList<>();
        Reward debit = new Reward(RewardKind.DIAMONDS, -item.price(), reason);
        items.add(TransactWriteItem.builder().put(Put.builder().tableName(ledger)
                .item(ledgerItem(userId, RewardRules.PURCHASE + purchaseId + "|" + RewardKind.DIAMONDS, debit, "purchase#" + purchaseId, null, null,
                        Map.of(), now))
                .conditionExpression("attribute_not_exists(entryId)").build()).build());
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":price", Attr.n(item.price()));
        values.put(":now", Attr.s(now.toString()));
        Map<String, String> names = new HashMap<>();
        String update = "SET diamonds = diamonds - :price, updatedAt = :now";
        String condition = "diamonds >= :price";
        if (item.maxHeld() > 0) {
            names.put("#held", Learner.heldAttribute(item.id()));
            values.put(":one", Attr.n(1));
            values.put(":max", Attr.n(item.maxHeld()));
            update += " ADD #held :one";
            condition += " AND (attribute_not_exists(#held) OR #held < :max)";
        }
        Update.Builder learner = Update.builder().tableName(learners).key(Map.of("userId", Attr.s(userId)))
                .updateExpression(update).conditionExpression(condition).expressionAttributeValues(values);
        if (!names.isEmpty()) learner.expressionAttributeNames(names);
        items.add(TransactWriteItem.builder().update(learner.build()).build());
        if (effect != null) items.add(effect);
        Transactions.Result r = Transactions.writeDetailed(dynamo, items);
        if (r.outcome() == Transactions.Outcome.COMMITTED) return SpendOutcome.PURCHASED;
        return switch (r.failedIndex()) {
            case 0 -> SpendOutcome.ALREADY_PURCHASED;
            case 1 -> {
                Map<String, AttributeValue> l = dynamo.getItem(b -> b.tableName(learners).consistentRead(true)
                        .key(Map.of("userId", Attr.s(userId)))).item();
                long balance = l == null ? 0 : Attr.num(l, "diamonds", 0);
                yield balance < item.price() ? SpendOutcome.INSUFFICIENT_FUNDS : SpendOutcome.LIMIT_REACHED;
            }
            default -> SpendOutcome.EFFECT_REFUSED;
        };
    }

    /**
     * The writes of taking back up to {@code amount} diamonds once per {@code reclaimKey} (a refunded or charged-back
     * pack: what is left of it, never below zero), for the caller's own transaction: the ledger line
     * {@code <reclaimKey>|DIAMONDS} of {@code -taken} (conditional on its key: once), and the wallet debit conditional
     * on the balance still being {@code balance} (so a concurrent spend makes the caller re-read and recompute, and the
     * wallet never goes below zero). {@code taken} is {@code min(amount, balance)}; the learner is flagged with
     * {@code flag} in the same update.
     */
    public List<TransactWriteItem> reclaimItems(String userId, String reclaimKey, long amount, long balance, String reason,
                                                String sourceEventId, String flag) {
        if (amount < 0 || balance < 0) throw new IllegalArgumentException("amounts are not negative");
        long taken = Math.min(amount, balance);
        Instant now = clock.instant();
        Reward debit = new Reward(RewardKind.DIAMONDS, -taken, reason + (taken < amount ? " (" + taken + " of " + amount + " were left)" : ""));
        List<TransactWriteItem> items = new ArrayList<>();
        items.add(TransactWriteItem.builder().put(Put.builder().tableName(ledger)
                .item(ledgerItem(userId, reclaimKey + "|" + RewardKind.DIAMONDS, debit, sourceEventId, null, RewardSource.PURCHASE,
                        Map.of(), now))
                .conditionExpression("attribute_not_exists(entryId)").build()).build());
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":taken", Attr.n(taken));
        values.put(":balance", Attr.n(balance));
        values.put(":now", Attr.s(now.toString()));
        values.put(":flag", AttributeValue.fromSs(List.of(flag)));
        values.put(":true", AttributeValue.fromBool(true));
        items.add(TransactWriteItem.builder().update(Update.builder().tableName(learners).key(Map.of("userId", Attr.s(userId)))
                .updateExpression("SET diamonds = diamonds - :taken, updatedAt = :now, flagged = :true ADD flags :flag")
                .conditionExpression(balance == 0 ? "attribute_not_exists(diamonds) OR diamonds = :balance" : "diamonds = :balance")
                .expressionAttributeValues(values).build()).build());
        return items;
    }

    public enum UseOutcome { USED, NONE_HELD, EFFECT_REFUSED }

    /**
     * Uses one held {@code itemId} (a skip token) for {@code effects}, all or nothing: the effects (conditional writes
     * of what the item does, e.g. marking an exercise skipped, and its outbox event) and the learner's held count
     * decremented on the condition that one is held. Diamonds do not move (they moved when it was bought), so the
     * ledger has no line. {@code EFFECT_REFUSED}: an effect's condition failed (e.g. already done), nothing spent.
     */
    public UseOutcome use(String userId, String itemId, List<TransactWriteItem> effects) {
        List<TransactWriteItem> items = new ArrayList<>(effects);
        items.add(TransactWriteItem.builder().update(Update.builder().tableName(learners).key(Map.of("userId", Attr.s(userId)))
                .updateExpression("SET updatedAt = :now ADD #held :minusOne").conditionExpression("#held >= :one")
                .expressionAttributeNames(Map.of("#held", Learner.heldAttribute(itemId)))
                .expressionAttributeValues(Map.of(":one", Attr.n(1), ":minusOne", Attr.n(-1), ":now", Attr.s(clock.instant().toString())))
                .build()).build());
        Transactions.Result r = Transactions.writeDetailed(dynamo, items);
        if (r.outcome() == Transactions.Outcome.COMMITTED) return UseOutcome.USED;
        return r.failedIndex() < effects.size() ? UseOutcome.EFFECT_REFUSED : UseOutcome.NONE_HELD;
    }

    // ------------------------------------------------------------------ items and events

    private static Map<String, AttributeValue> ledgerItem(String userId, String entryId, Reward r, Grant g, Instant now) {
        return ledgerItem(userId, entryId, r, g.sourceEventId(), g.submissionId(), g.source(), g.attributes(), now);
    }

    /**
     * A ledger line. {@code source} and {@code attributes} are the grant's (what earned it, the facts consumers
     * read): kept on the line so the achievements backfill can rebuild the grant's event from the ledger alone.
     */
    private static Map<String, AttributeValue> ledgerItem(String userId, String entryId, Reward r, String sourceEventId,
                                                          String submissionId, RewardSource source,
                                                          Map<String, String> attributes, Instant now) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("userId", Attr.s(userId));
        item.put("entryId", Attr.s(entryId));
        item.put("kind", Attr.s(r.kind().name()));
        item.put("amount", Attr.n(r.amount()));
        item.put("reason", Attr.s(r.reason()));
        item.put("at", Attr.s(now.toString()));
        item.put("sourceEventId", Attr.s(sourceEventId));
        if (submissionId != null) item.put("submissionId", Attr.s(submissionId));
        if (source != null) item.put("source", Attr.s(source.configName()));
        if (!attributes.isEmpty()) {
            Map<String, AttributeValue> m = new HashMap<>();
            attributes.forEach((k, v) -> m.put(k, Attr.s(v)));
            item.put("attributes", AttributeValue.fromM(m));
        }
        return item;
    }

    private static OutboxEvent event(Grant g, Instant now) {
        return OutboxEvent.of(RewardGranted.of(g, now), now);
    }

    /**
     * A line of the submission's {@code rewards}, as the API shows it: kind, amount, reason; a BADGE line also
     * names the achievement and its tier ({@code null} for an untiered one), from the grant's attributes.
     */
    static ObjectNode rewardNode(Grant g, Reward r) {
        ObjectNode o = Json.MAPPER.createObjectNode().put("kind", r.kind().name()).put("amount", r.amount()).put("reason", r.reason());
        if (r.kind() == RewardKind.BADGE) {
            o.put("badge", g.attributes().get(Grant.ATTR_ACHIEVEMENT));
            o.put("tier", g.attributes().get(Grant.ATTR_TIER));
        }
        return o;
    }

    private static String json(Object o) {
        try {
            return Json.MAPPER.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
