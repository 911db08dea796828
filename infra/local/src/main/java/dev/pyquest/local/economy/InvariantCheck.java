package dev.pyquest.local.economy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pyquest.domain.Json;
import dev.pyquest.domain.achievements.Achievement;
import dev.pyquest.domain.achievements.Level;
import dev.pyquest.domain.achievements.Unlock;
import dev.pyquest.domain.events.DomainEvent;
import dev.pyquest.domain.events.DomainEvents;
import dev.pyquest.domain.events.RewardGranted;
import dev.pyquest.domain.rewards.Reward;
import dev.pyquest.domain.rewards.RewardKind;
import dev.pyquest.domain.rewards.RewardSource;
import dev.pyquest.shared.achievements.AchievementBeans;
import dev.pyquest.shared.config.Tables;
import dev.pyquest.shared.store.AchievementRepository;
import dev.pyquest.shared.store.Attr;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * The economy's invariants, proved over whole tables:
 * <ul>
 *   <li>per learner, the ledger's XP items sum to the wallet's {@code xp}, its DIAMONDS items to
 *       {@code diamonds} and its BADGE items to {@code badges} (a learner with ledger items and no wallet item
 *       has a wallet of 0);</li>
 *   <li>no balance out of range: {@code xp}, {@code diamonds} and {@code badges} are ≥ 0, and every shop item
 *       held ({@code held:<item>}) is within 0..its {@code maxHeld} in economy.yaml (0..2 streak freezes);</li>
 *   <li>one ledger item per grant key and kind: every ledger item's {@code entryId} is
 *       {@code <grantKey>|<kind>} of its own {@code kind} (the key the conditional put guards), every
 *       {@code RewardGranted} outbox item still present names ledger items that exist with the amounts it
 *       announced, and no two {@code RewardGranted} items share a grant key for one learner;</li>
 *   <li>every achievement unlock is paid exactly once, as ruled: each stored unlock {@code ach#u#<level>}
 *       (economy table) has its award in the ledger, the lines {@code ACHIEVEMENT#<level>|<kind>} with the kinds
 *       and amounts the bundled achievements.yaml gives the level (BADGE 1 always, XP and DIAMONDS when above 0;
 *       for a level the rules no longer name, the BADGE line), and every {@code ACHIEVEMENT#} ledger line, and every
 *       line of source {@code achievement}, is the award of a stored unlock of its own key. As the ledger holds one
 *       line per learner and key, and a level has one key, "paid, and nothing paid without an unlock" is "paid
 *       exactly once";</li>
 *   <li>the rarity counters count exactly the holders: on each counter item ({@code @rarity#<shard>}, UTC day),
 *       {@code learners} is the number of learners whose {@code ach#seen} names that shard and day, and each
 *       {@code h:<level>} the number of those learners holding the level (none below 0, none for nobody); each
 *       {@code ach#seen.levels} is its learner's number of unlocks, and a learner with unlocks has an
 *       {@code ach#seen}. Per shard and day is stricter than the per-day sums {@link AchievementRepository#rarity}
 *       reads, and holds as well: a learner's counts move within the shard stored with them.</li>
 * </ul>
 * Each table is read with a parallel, strongly consistent scan. The outbox is read <em>before</em> the
 * ledger: a grant's ledger items commit with its outbox item and are never deleted, so every outbox
 * item seen is backed by ledger items the later ledger scan must see, even on a live table. Wallet
 * and ledger sums are not one snapshot on a live table, so each learner whose sums disagree is read
 * again (wallet, the learner's ledger, wallet): the disagreement is reported only when it holds
 * while the wallet stays the same, or when the wallet never holds still over a few tries.
 *
 * <p><b>A quiet system for achievements.</b> The achievements consumer commits an unlock in one transaction and
 * pays it in the next (the rewards service's); a consumer that dies in between leaves the unlock unpaid until the
 * fact's redelivery pays it. The check assumes no fact in flight: on a quiet system an unpaid unlock is a
 * violation. A learner whose unlocks and awards disagree in the scans is read again, the ledger before the
 * unlocks: an award commits after its unlock, so an award without an unlock holds even on a live table; an
 * unlock without its award may be a fact in flight there. The rarity counters move with the {@code ach#seen}
 * items in one transaction, but a scan is not a snapshot: their checks are exact on a quiet system only.
 * The stack's tests run it after their races; operators run it over deployed tables with
 * {@code ./pyquest check-invariants} ({@code dev.pyquest.tools.ops.InvariantCheckCommand}), with the
 * achievements consumer drained (a violation of a counter of today, or of an unlock of the last minutes, on a
 * live table is worth a second run before anything else).
 */
public final class InvariantCheck {
    /** The shop items a learner may hold, as learner attributes, and their upper bounds (economy.yaml). */
    static final Map<String, Long> COUNTER_MAX = dev.pyquest.domain.rewards.Economy.bundled().shop().stream()
            .collect(java.util.stream.Collectors.toMap(i -> dev.pyquest.shared.store.Learner.heldAttribute(i.id()),
                    i -> i.maxHeld() > 0 ? (long) i.maxHeld() : Long.MAX_VALUE));
    /** The ledger lines each level of the bundled achievements.yaml pays, by level key: kind to amount. */
    static final Map<String, Map<String, Long>> AWARDS = awards(AchievementBeans.bundled().all());
    public static final int DEFAULT_SEGMENTS = 4;
    private static final int RECHECKS = 3;
    static final String UNLOCK = AchievementRepository.UNLOCK;
    static final String SEEN = AchievementRepository.SEEN;
    static final String LEARNERS = AchievementRepository.LEARNERS;
    static final String HOLDERS = AchievementRepository.HOLDERS;
    /** How many learners a rarity violation names. */
    private static final int NAMED = 5;

    public enum Rule {
        /** The wallet's xp, diamonds or badges differs from the sum of the learner's ledger items of that kind. */
        WALLET_NOT_LEDGER_SUM,
        /** A balance or counter below 0 or above its maximum. */
        BALANCE_OUT_OF_RANGE,
        /** An item lacks what the economy needs of it (a number, a kind, the key shape). */
        MALFORMED_ITEM,
        /** A RewardGranted outbox item names a ledger item that is missing or says something else. */
        GRANT_WITHOUT_LEDGER_ENTRY,
        /** Two RewardGranted outbox items for one learner and one grant key. */
        DUPLICATE_GRANT_KEY,
        /** A stored achievement unlock whose award is missing from the ledger, or pays other than the rules say. */
        UNLOCK_WITHOUT_AWARD,
        /** An achievement award in the ledger that no stored unlock of its key backs (a second award included). */
        AWARD_WITHOUT_UNLOCK,
        /** A rarity counter other than the learners and holders it counts, or an ach#seen other than its learner's unlocks. */
        RARITY_NOT_HOLDERS
    }

    /** {@code userId}: the learner, or the partition of the item at fault when it is no learner's ({@code @rarity#2}). */
    public record Violation(String userId, Rule rule, String message) {
        @Override
        public String toString() {
            return "violation " + rule + (userId.startsWith("@") ? " " : " learner ") + userId + ": " + message;
        }
    }

    public record Report(int learners, long ledgerItems, long rewardEvents, long unlocks, List<Violation> violations) {
        public Report {
            violations = List.copyOf(violations);
        }

        public boolean clean() {
            return violations.isEmpty();
        }

        public String summary() {
            return "invariants: " + learners + " learners, " + ledgerItems + " ledger items, " + unlocks + " unlocks, "
                    + violations.size() + " violations";
        }

        public List<Violation> of(String userId) {
            return violations.stream().filter(v -> v.userId().equals(userId)).toList();
        }
    }

    private InvariantCheck() {}

    public static Report run(DynamoDbClient dynamo, Tables tables) {
        return run(dynamo, tables, DEFAULT_SEGMENTS);
    }

    /** Reads the learners, ledger, outbox and economy tables of {@code tables}. */
    public static Report run(DynamoDbClient dynamo, Tables tables, int segments) {
        if (segments < 1) throw new IllegalArgumentException("segments must be >= 1, got " + segments);
        Objects.requireNonNull(tables.economy(), "the economy table (achievements) is needed");
        ExecutorService pool = Executors.newFixedThreadPool(segments * 2, r -> {
            Thread t = new Thread(r, "invariant-scan");
            t.setDaemon(true);
            return t;
        });
        try {
            return new Run(dynamo, tables, segments, pool).check();
        } finally {
            pool.shutdownNow();
        }
    }

    private record LedgerKey(String userId, String entryId) {}

    private record Announced(String eventId, String kind, long amount) {}

    private static final class Sums {
        final LongAdder xp = new LongAdder();
        final LongAdder diamonds = new LongAdder();
        final LongAdder badges = new LongAdder();
    }

    /** A wallet as read: a null balance is one that is not a number (reported already). */
    private record Wallet(Long xp, Long diamonds, Long badges) {
        static final Wallet NONE = new Wallet(0L, 0L, 0L);

        boolean differs(long xp, long diamonds, long badges) {
            return (this.xp != null && this.xp != xp) || (this.diamonds != null && this.diamonds != diamonds)
                    || (this.badges != null && this.badges != badges);
        }
    }

    /** A learner's {@code ach#seen}: the day and shard whose counter counts them, and how many levels it counts. */
    private record Seen(String day, long shard, long levels) {}

    /** A rarity counter item: its partition ({@code @rarity#<shard>}) and UTC day. */
    private record Counter(String partition, String day) {}

    private static final class Run {
        private final DynamoDbClient dynamo;
        private final Tables tables;
        private final int segments;
        private final ExecutorService pool;
        private final ConcurrentLinkedQueue<Violation> violations = new ConcurrentLinkedQueue<>();
        private final Map<LedgerKey, Announced> announced = new ConcurrentHashMap<>();
        private final Map<List<String>, List<String>> eventsByGrant = new ConcurrentHashMap<>();
        private final Map<String, Sums> sums = new ConcurrentHashMap<>();
        private final Map<String, Wallet> wallets = new ConcurrentHashMap<>();
        private final AtomicLong ledgerItems = new AtomicLong();
        private final AtomicLong rewardEvents = new AtomicLong();
        /** Per learner, the achievement awards in the ledger: level key to kind to amount. */
        private final Map<String, Map<String, Map<String, Long>>> awards = new ConcurrentHashMap<>();
        /** Per learner, the levels unlocked. */
        private final Map<String, Set<String>> unlocks = new ConcurrentHashMap<>();
        private final Map<String, Seen> seen = new ConcurrentHashMap<>();
        private final Map<Counter, Map<String, Long>> counters = new ConcurrentHashMap<>();
        private final AtomicLong unlockItems = new AtomicLong();

        Run(DynamoDbClient dynamo, Tables tables, int segments, ExecutorService pool) {
            this.dynamo = dynamo;
            this.tables = tables;
            this.segments = segments;
            this.pool = pool;
        }

        Report check() {
            // The outbox first (see the class comment: this order makes the outbox→ledger check sound on a live table).
            await(scan(tables.outbox(), this::outboxItem));
            List<Future<?>> rest = new ArrayList<>(scan(tables.ledger(), this::ledgerItem));
            rest.addAll(scan(tables.learners(), this::learnerItem));
            rest.addAll(scan(tables.economy(), this::economyItem));
            await(rest);

            eventsByGrant.forEach((grant, events) -> {
                if (events.size() > 1) {
                    List<String> sorted = events.stream().sorted().toList();
                    violations.add(new Violation(grant.get(0), Rule.DUPLICATE_GRANT_KEY,
                            "grant key " + grant.get(1) + " has " + events.size() + " RewardGranted outbox items " + sorted));
                }
            });
            announced.forEach((key, a) -> violations.add(new Violation(key.userId(), Rule.GRANT_WITHOUT_LEDGER_ENTRY,
                    "RewardGranted " + a.eventId() + " names ledger entry " + key.entryId() + " (" + a.kind() + " " + a.amount()
                            + "), which does not exist")));

            Set<String> learners = new HashSet<>(wallets.keySet());
            learners.addAll(sums.keySet());
            for (String userId : learners) {
                Wallet w = wallets.getOrDefault(userId, Wallet.NONE);
                Sums s = sums.get(userId);
                if (s == null ? w.differs(0, 0, 0) : w.differs(s.xp.sum(), s.diamonds.sum(), s.badges.sum())) confirmMismatch(userId);
            }

            Set<String> achievers = new HashSet<>(unlocks.keySet());
            achievers.addAll(awards.keySet());
            for (String userId : achievers) {
                if (!paid(userId, unlocks.getOrDefault(userId, Set.of()), awards.getOrDefault(userId, Map.of())).isEmpty()) {
                    confirmAwards(userId);
                }
            }
            rarity();

            List<Violation> out = new ArrayList<>(violations);
            out.sort(Comparator.comparing(Violation::userId).thenComparing(Violation::rule).thenComparing(Violation::message));
            return new Report(learners.size(), ledgerItems.get(), rewardEvents.get(), unlockItems.get(), out);
        }

        // ------------------------------------------------------------------ per item

        private void outboxItem(Map<String, AttributeValue> item) {
            if (!DomainEvents.REWARD_GRANTED.equals(Attr.str(item, "detailType"))) return;
            rewardEvents.incrementAndGet();
            String eventId = Objects.toString(Attr.str(item, "eventId"), "?");
            // Read as every consumer reads it: the typed record refuses what a consumer would refuse.
            RewardGranted g;
            try {
                g = DomainEvent.fromDetailJson(Attr.str(item, "source"), DomainEvents.REWARD_GRANTED, Attr.str(item, "detail"))
                        .filter(RewardGranted.class::isInstance).map(RewardGranted.class::cast)
                        .orElseThrow(() -> new IllegalArgumentException("its source is " + Attr.str(item, "source") + ", not "
                                + DomainEvents.SOURCE_REWARDS));
            } catch (IllegalArgumentException e) {
                violations.add(new Violation(userOf(item), Rule.MALFORMED_ITEM, "RewardGranted " + eventId
                        + " cannot be read as a consumer reads it: " + e.getMessage()));
                return;
            }
            eventsByGrant.computeIfAbsent(List.of(g.userId(), g.grantKey()), k -> new java.util.concurrent.CopyOnWriteArrayList<>()).add(eventId);
            for (Reward r : g.rewards()) {
                // A duplicate grant key announces the same entries twice; DUPLICATE_GRANT_KEY reports that.
                announced.putIfAbsent(new LedgerKey(g.userId(), g.grantKey() + "|" + r.kind()), new Announced(eventId, r.kind().name(), r.amount()));
            }
        }

        /** The learner an unreadable outbox item concerns, as far as its detail tells ("?" when it does not). */
        private static String userOf(Map<String, AttributeValue> item) {
            try {
                JsonNode d = Json.MAPPER.readTree(Objects.toString(Attr.str(item, "detail"), ""));
                String u = d == null ? null : text(d, "userId");
                return u == null ? "?" : u;
            } catch (java.io.IOException e) {
                return "?";
            }
        }

        private void ledgerItem(Map<String, AttributeValue> item) {
            ledgerItems.incrementAndGet();
            String userId = Attr.str(item, "userId"), entryId = Attr.str(item, "entryId");
            String kind = Attr.str(item, "kind");
            Long amount = number(item, "amount");
            String where = "ledger entry " + entryId;
            Announced a = announced.remove(new LedgerKey(userId, entryId));
            if (kind == null || amount == null) {
                violations.add(new Violation(userId, Rule.MALFORMED_ITEM, where + " has kind " + kind + " and amount "
                        + show(item.get("amount")) + " (a kind and an integral amount are needed)"));
                return;
            }
            if (!isKind(kind) || !entryId.endsWith("|" + kind) || entryId.length() == kind.length() + 1) {
                violations.add(new Violation(userId, Rule.MALFORMED_ITEM, where + " of kind " + kind
                        + " is not keyed <grantKey>|" + kind + ": its grant could be written twice"));
            }
            if (a != null && (!a.kind().equals(kind) || a.amount() != amount)) {
                violations.add(new Violation(userId, Rule.GRANT_WITHOUT_LEDGER_ENTRY, "RewardGranted " + a.eventId()
                        + " announced " + a.kind() + " " + a.amount() + " for " + entryId + " but the ledger holds " + kind + " " + amount));
            }
            Sums s = sums.computeIfAbsent(userId, k -> new Sums());
            if (RewardKind.XP.name().equals(kind)) s.xp.add(amount);
            if (RewardKind.DIAMONDS.name().equals(kind)) s.diamonds.add(amount);
            if (RewardKind.BADGE.name().equals(kind)) s.badges.add(amount);
            String level = levelOf(entryId);
            if (level != null) {
                awards.computeIfAbsent(userId, k -> new ConcurrentHashMap<>()).computeIfAbsent(level, k -> new ConcurrentHashMap<>())
                        .put(kind, amount);
            } else if (RewardSource.ACHIEVEMENT.configName().equals(Attr.str(item, "source"))) {
                violations.add(new Violation(userId, Rule.AWARD_WITHOUT_UNLOCK, where + " is an achievement award (source "
                        + RewardSource.ACHIEVEMENT.configName() + ") off the key " + Unlock.GRANT_PREFIX + "<level>|" + kind
                        + ": no unlock backs it, and the level can be paid again"));
            }
        }

        /**
         * The level an achievement award's ledger line pays ({@code ACHIEVEMENT#<level>|<kind>}), null for any other
         * line. A line off that shape is MALFORMED_ITEM already.
         */
        private static String levelOf(String entryId) {
            int bar = entryId.lastIndexOf('|');
            if (!entryId.startsWith(Unlock.GRANT_PREFIX) || bar <= Unlock.GRANT_PREFIX.length()) return null;
            return entryId.substring(Unlock.GRANT_PREFIX.length(), bar);
        }

        private void learnerItem(Map<String, AttributeValue> item) {
            String userId = Attr.str(item, "userId");
            Long xp = balance(userId, item, "xp", Long.MAX_VALUE, true);
            Long diamonds = balance(userId, item, "diamonds", Long.MAX_VALUE, true);
            Long badges = balance(userId, item, "badges", Long.MAX_VALUE, true);
            COUNTER_MAX.forEach((name, max) -> balance(userId, item, name, max, false));
            wallets.put(userId, new Wallet(xp, diamonds, badges));
        }

        /** The economy table: achievement unlocks, each learner's {@code ach#seen}, the rarity counters; the rest is not ours. */
        private void economyItem(Map<String, AttributeValue> item) {
            String userId = Attr.str(item, "userId"), itemId = Attr.str(item, "itemId");
            if (userId == null || itemId == null) return;
            if (userId.startsWith(AchievementRepository.RARITY)) {
                counterItem(userId, itemId, item);
            } else if (itemId.startsWith(UNLOCK)) {
                unlockItems.incrementAndGet();
                unlocks.computeIfAbsent(userId, k -> ConcurrentHashMap.newKeySet()).add(itemId.substring(UNLOCK.length()));
            } else if (itemId.equals(SEEN)) {
                String day = Attr.str(item, "day");
                Long shard = number(item, "shard"), levels = number(item, "levels");
                if (!isDay(day) || shard == null || shard < 0 || levels == null) {
                    violations.add(new Violation(userId, Rule.MALFORMED_ITEM, SEEN + " has day " + show(item.get("day")) + ", shard "
                            + show(item.get("shard")) + " and levels " + show(item.get("levels"))
                            + " (a UTC date, a shard ≥ 0 and a whole number of levels are needed)"));
                    return;
                }
                seen.put(userId, new Seen(day, shard, levels));
            }
        }

        private void counterItem(String partition, String day, Map<String, AttributeValue> item) {
            String where = "rarity counter " + partition + " " + day;
            String shard = partition.substring(AchievementRepository.RARITY.length());
            if (!isDay(day) || !shard.matches("[0-9]{1,9}")) {
                violations.add(new Violation(partition, Rule.MALFORMED_ITEM, where + " is not keyed " + AchievementRepository.RARITY
                        + "<shard>, <UTC date>: no learner's activity moves it"));
                return;
            }
            Map<String, Long> counts = new HashMap<>();
            item.forEach((name, v) -> {
                if (!name.equals(LEARNERS) && !name.startsWith(HOLDERS)) return;
                Long n = number(item, name);
                if (n == null) {
                    violations.add(new Violation(partition, Rule.MALFORMED_ITEM, where + ": " + name + " is " + show(v) + ", not an integer"));
                } else {
                    counts.put(name, n);
                }
            });
            counters.put(new Counter(partition, day), counts);
        }

        /** A balance in 0..max; absent is 0 when {@code zeroWhenAbsent}, else unchecked. Null when not a number. */
        private Long balance(String userId, Map<String, AttributeValue> item, String name, long max, boolean zeroWhenAbsent) {
            if (!item.containsKey(name)) return zeroWhenAbsent ? 0L : null;
            Long v = number(item, name);
            if (v == null) {
                violations.add(new Violation(userId, Rule.MALFORMED_ITEM, "wallet " + name + " is " + show(item.get(name)) + ", not an integer"));
                return null;
            }
            if (v < 0 || v > max) {
                violations.add(new Violation(userId, Rule.BALANCE_OUT_OF_RANGE, "wallet " + name + " is " + v + ", outside 0.."
                        + (max == Long.MAX_VALUE ? "" : Long.toString(max))));
            }
            return v;
        }

        // ------------------------------------------------------------------ re-check of one learner

        /**
         * Reads the wallet, the learner's ledger, and the wallet again (all strongly consistent): a grant
         * commits its ledger items and its wallet update together, so when the wallet held still across
         * the ledger query, the sums compared belong together.
         */
        private void confirmMismatch(String userId) {
            Map<String, AttributeValue> before = null, after = null;
            long xp = 0, diamonds = 0, badges = 0;
            for (int attempt = 0; attempt < RECHECKS; attempt++) {
                before = wallet(userId);
                xp = 0;
                diamonds = 0;
                badges = 0;
                for (Map<String, AttributeValue> i : dynamo.queryPaginator(b -> b.tableName(tables.ledger()).consistentRead(true)
                        .keyConditionExpression("userId = :u").expressionAttributeValues(Map.of(":u", Attr.s(userId)))).items()) {
                    Long amount = number(i, "amount");
                    if (amount == null) continue;
                    if (RewardKind.XP.name().equals(Attr.str(i, "kind"))) xp += amount;
                    if (RewardKind.DIAMONDS.name().equals(Attr.str(i, "kind"))) diamonds += amount;
                    if (RewardKind.BADGE.name().equals(Attr.str(i, "kind"))) badges += amount;
                }
                after = wallet(userId);
                if (before.equals(after)) break;
            }
            Long wxp = after.containsKey("xp") ? number(after, "xp") : Long.valueOf(0);
            Long wd = after.containsKey("diamonds") ? number(after, "diamonds") : Long.valueOf(0);
            Long wb = after.containsKey("badges") ? number(after, "badges") : Long.valueOf(0);
            String nowallet = after.isEmpty() ? " (no wallet item)" : "";
            if (!before.equals(after)) {
                violations.add(new Violation(userId, Rule.WALLET_NOT_LEDGER_SUM, "wallet and ledger disagreed in the scan and the wallet"
                        + " changed on each of " + RECHECKS + " re-reads; last: wallet xp " + wxp + ", diamonds " + wd + ", badges " + wb
                        + "; ledger XP " + xp + ", DIAMONDS " + diamonds + ", BADGE " + badges));
                return;
            }
            if (wxp != null && wxp != xp) {
                violations.add(new Violation(userId, Rule.WALLET_NOT_LEDGER_SUM, "wallet xp is " + wxp + nowallet
                        + " but the ledger's XP entries sum to " + xp));
            }
            if (wd != null && wd != diamonds) {
                violations.add(new Violation(userId, Rule.WALLET_NOT_LEDGER_SUM, "wallet diamonds is " + wd + nowallet
                        + " but the ledger's DIAMONDS entries sum to " + diamonds));
            }
            if (wb != null && wb != badges) {
                violations.add(new Violation(userId, Rule.WALLET_NOT_LEDGER_SUM, "wallet badges is " + wb + nowallet
                        + " but the ledger's BADGE entries sum to " + badges));
            }
        }

        // ------------------------------------------------------------------ achievements

        /**
         * Reads the learner's awards again, then their unlocks (both strongly consistent), and reports what is still
         * amiss. In this order an award read has its unlock committed before it (the consumer pays after its
         * transaction), so "an award without an unlock" never comes from a fact in flight.
         */
        private void confirmAwards(String userId) {
            Map<String, Map<String, Long>> paid = new HashMap<>();
            for (Map<String, AttributeValue> i : dynamo.queryPaginator(b -> b.tableName(tables.ledger()).consistentRead(true)
                    .keyConditionExpression("userId = :u AND begins_with(entryId, :p)")
                    .expressionAttributeValues(Map.of(":u", Attr.s(userId), ":p", Attr.s(Unlock.GRANT_PREFIX)))).items()) {
                String level = levelOf(Attr.str(i, "entryId")), kind = Attr.str(i, "kind");
                Long amount = number(i, "amount");
                if (level != null && kind != null && amount != null) paid.computeIfAbsent(level, k -> new HashMap<>()).put(kind, amount);
            }
            Set<String> unlocked = new HashSet<>();
            for (Map<String, AttributeValue> i : dynamo.queryPaginator(b -> b.tableName(tables.economy()).consistentRead(true)
                    .keyConditionExpression("userId = :u AND begins_with(itemId, :p)")
                    .expressionAttributeValues(Map.of(":u", Attr.s(userId), ":p", Attr.s(UNLOCK)))).items()) {
                unlocked.add(Attr.str(i, "itemId").substring(UNLOCK.length()));
            }
            violations.addAll(paid(userId, unlocked, paid));
        }

        /**
         * Each learner counted once, on the counter of their {@code ach#seen} (shard and day), with every level they
         * hold; every counter item equal to what it counts (an item nobody is counted on holds 0s).
         */
        private void rarity() {
            Map<Counter, Map<String, Long>> expected = new HashMap<>();
            Map<Counter, List<String>> counted = new HashMap<>();
            seen.forEach((userId, s) -> {
                Set<String> held = unlocks.getOrDefault(userId, Set.of());
                if (s.levels() != held.size()) {
                    violations.add(new Violation(userId, Rule.RARITY_NOT_HOLDERS, SEEN + ".levels is " + s.levels()
                            + " but the learner holds " + held.size() + " unlocks " + new TreeSet<>(held)
                            + " (the counters count what levels says, and the consumer refuses to move such a learner to a new day)"));
                }
                Counter c = new Counter(AchievementRepository.RARITY + s.shard(), s.day());
                Map<String, Long> counts = expected.computeIfAbsent(c, k -> new HashMap<>());
                counts.merge(LEARNERS, 1L, Long::sum);
                for (String level : held) counts.merge(HOLDERS + level, 1L, Long::sum);
                counted.computeIfAbsent(c, k -> new ArrayList<>()).add(userId);
            });
            unlocks.forEach((userId, held) -> {
                if (!seen.containsKey(userId)) {
                    violations.add(new Violation(userId, Rule.RARITY_NOT_HOLDERS, "the learner holds " + held.size() + " unlocks "
                            + new TreeSet<>(held) + " but has no readable " + SEEN + ": no rarity counter counts them"));
                }
            });
            Set<Counter> all = new HashSet<>(expected.keySet());
            all.addAll(counters.keySet());
            for (Counter c : all) {
                Map<String, Long> want = expected.getOrDefault(c, Map.of()), got = counters.getOrDefault(c, Map.of());
                // learners first, then the levels in key order
                Set<String> attributes = new TreeSet<>(Comparator.comparing((String n) -> !n.equals(LEARNERS)).thenComparing(n -> n));
                attributes.addAll(want.keySet());
                attributes.addAll(got.keySet());
                List<String> who = counted.getOrDefault(c, List.of());
                for (String name : attributes) {
                    long w = want.getOrDefault(name, 0L), g = got.getOrDefault(name, 0L);
                    if (w == g) continue;
                    String of;
                    List<String> named;
                    if (name.equals(LEARNERS)) {
                        of = w + " learner(s) have this shard and day on their " + SEEN;
                        named = who;
                    } else {
                        String level = name.substring(HOLDERS.length());
                        of = w + " of the day's learners hold " + level;
                        named = who.stream().filter(u -> unlocks.getOrDefault(u, Set.of()).contains(level)).toList();
                    }
                    violations.add(new Violation(c.partition(), Rule.RARITY_NOT_HOLDERS, "day " + c.day() + ": " + name + " is " + g
                            + (g < 0 ? " (below 0)" : "") + " but " + of + names(named)));
                }
            }
        }

        private Map<String, AttributeValue> wallet(String userId) {
            Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(tables.learners()).consistentRead(true)
                    .key(Map.of("userId", Attr.s(userId)))).item();
            return item == null ? Map.of() : item;
        }

        // ------------------------------------------------------------------ scans

        private List<Future<?>> scan(String table, Consumer<Map<String, AttributeValue>> sink) {
            List<Future<?>> fs = new ArrayList<>();
            for (int i = 0; i < segments; i++) {
                int segment = i;
                fs.add(pool.submit(() -> dynamo.scanPaginator(b -> b.tableName(table).consistentRead(true)
                        .segment(segment).totalSegments(segments)).items().forEach(sink)));
            }
            return fs;
        }

        private static void await(List<Future<?>> fs) {
            for (Future<?> f : fs) {
                try {
                    f.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while scanning", e);
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException re) throw re;
                    throw new IllegalStateException(e.getCause());
                }
            }
        }
    }

    /**
     * What is amiss between a learner's unlocks and their achievement awards (level to kind to amount): empty when
     * each unlock is paid as the rules say and nothing else is paid.
     */
    static List<Violation> paid(String userId, Set<String> unlocked, Map<String, Map<String, Long>> awards) {
        List<Violation> out = new ArrayList<>();
        for (String level : new TreeSet<>(unlocked)) {
            Map<String, Long> got = awards.getOrDefault(level, Map.of());
            String unlock = "unlock " + UNLOCK + level;
            Map<String, Long> ruled = AWARDS.get(level);
            if (got.isEmpty()) {
                out.add(new Violation(userId, Rule.UNLOCK_WITHOUT_AWARD, unlock + " has no award: the ledger holds no "
                        + Unlock.GRANT_PREFIX + level + " line" + (ruled == null ? "" : " (the rules pay " + show(ruled) + ")")
                        + "; on a quiet system every unlock is paid (a consumer that died before paying is redelivered)"));
            } else if (ruled == null) {
                if (!Long.valueOf(1).equals(got.get(RewardKind.BADGE.name()))) {
                    out.add(new Violation(userId, Rule.UNLOCK_WITHOUT_AWARD, unlock + " is paid " + show(got)
                            + " without its BADGE 1 (the rules name the level no more: only its badge is checked)"));
                }
            } else if (!ruled.equals(got)) {
                out.add(new Violation(userId, Rule.UNLOCK_WITHOUT_AWARD, unlock + " is paid " + show(got) + " but the rules pay "
                        + show(ruled)));
            }
        }
        for (String level : new TreeSet<>(awards.keySet())) {
            if (unlocked.contains(level)) continue;
            out.add(new Violation(userId, Rule.AWARD_WITHOUT_UNLOCK, "the ledger pays " + Unlock.GRANT_PREFIX + level + " ("
                    + show(awards.get(level)) + ") but the learner has no unlock " + UNLOCK + level));
        }
        return out;
    }

    /** Per level key: BADGE 1, and XP and DIAMONDS when the level pays them (what {@code Unlock.grant} must write). */
    private static Map<String, Map<String, Long>> awards(List<Achievement> rules) {
        Map<String, Map<String, Long>> out = new HashMap<>();
        for (Achievement a : rules) {
            for (Level l : a.levels()) {
                Map<String, Long> kinds = new HashMap<>(Map.of(RewardKind.BADGE.name(), 1L));
                if (l.xp() > 0) kinds.put(RewardKind.XP.name(), l.xp());
                if (l.diamonds() > 0) kinds.put(RewardKind.DIAMONDS.name(), l.diamonds());
                out.put(l.key(), Map.copyOf(kinds));
            }
        }
        return Map.copyOf(out);
    }

    /** {@code XP 10, DIAMONDS 1, BADGE 1}: the kinds in RewardKind's order, any other after. */
    private static String show(Map<String, Long> amounts) {
        Map<String, Long> ordered = new LinkedHashMap<>();
        for (RewardKind k : RewardKind.values()) if (amounts.containsKey(k.name())) ordered.put(k.name(), amounts.get(k.name()));
        new TreeMap<>(amounts).forEach(ordered::putIfAbsent);
        List<String> parts = new ArrayList<>();
        ordered.forEach((k, v) -> parts.add(k + " " + v));
        return String.join(", ", parts);
    }

    /** {@code " [ada, bob]"}, at most {@value #NAMED} names; empty for none. */
    private static String names(List<String> userIds) {
        if (userIds.isEmpty()) return "";
        List<String> sorted = userIds.stream().sorted().toList();
        return " " + (sorted.size() <= NAMED ? sorted : sorted.subList(0, NAMED) + " and " + (sorted.size() - NAMED) + " more");
    }

    private static boolean isDay(String s) {
        if (s == null) return false;
        try {
            return LocalDate.parse(s).toString().equals(s);
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static boolean isKind(String kind) {
        for (RewardKind k : RewardKind.values()) if (k.name().equals(kind)) return true;
        return false;
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v != null && v.isTextual() && !v.asText().isBlank() ? v.asText() : null;
    }

    /** An integral number attribute, or null when absent or not one. */
    private static Long number(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        if (v == null || v.n() == null) return null;
        try {
            return Long.parseLong(v.n());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String show(AttributeValue v) {
        if (v == null) return "absent";
        if (v.n() != null) return v.n();
        if (v.s() != null) return "\"" + v.s() + "\"";
        return v.toString();
    }
}
