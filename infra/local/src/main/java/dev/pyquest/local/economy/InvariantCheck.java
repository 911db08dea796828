package dev.pyquest.local.economy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pyquest.domain.Json;
import dev.pyquest.domain.events.DomainEvent;
import dev.pyquest.domain.events.DomainEvents;
import dev.pyquest.domain.events.RewardGranted;
import dev.pyquest.domain.rewards.Reward;
import dev.pyquest.domain.rewards.RewardKind;
import dev.pyquest.shared.config.Tables;
import dev.pyquest.shared.store.Attr;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
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
 *   <li>per learner, the ledger's XP items sum to the wallet's {@code xp} and its DIAMONDS items to
 *       {@code diamonds} (a learner with ledger items and no wallet item has a wallet of 0);</li>
 *   <li>no balance out of range: {@code xp} and {@code diamonds} are ≥ 0, and every shop item held
 *       ({@code held:<item>}) is within 0..its {@code maxHeld} in economy.yaml (0..2 streak freezes);</li>
 *   <li>one ledger item per grant key and kind: every ledger item's {@code entryId} is
 *       {@code <grantKey>|<kind>} of its own {@code kind} (the key the conditional put guards), every
 *       {@code RewardGranted} outbox item still present names ledger items that exist with the amounts it
 *       announced, and no two {@code RewardGranted} items share a grant key for one learner.</li>
 * </ul>
 * Each table is read with a parallel, strongly consistent scan. The outbox is read <em>before</em> the
 * ledger: a grant's ledger items commit with its outbox item and are never deleted, so every outbox
 * item seen is backed by ledger items the later ledger scan must see, even on a live table. Wallet
 * and ledger sums are not one snapshot on a live table, so each learner whose sums disagree is read
 * again (wallet, the learner's ledger, wallet): the disagreement is reported only when it holds
 * while the wallet stays the same, or when the wallet never holds still over a few tries.
 * The stack's tests run it after their races; operators run it over deployed tables with
 * {@code ./pyquest check-invariants} ({@code dev.pyquest.tools.ops.InvariantCheckCommand}).
 */
public final class InvariantCheck {
    /** The shop items a learner may hold, as learner attributes, and their upper bounds (economy.yaml). */
    static final Map<String, Long> COUNTER_MAX = dev.pyquest.domain.rewards.Economy.bundled().shop().stream()
            .collect(java.util.stream.Collectors.toMap(i -> dev.pyquest.shared.store.Learner.heldAttribute(i.id()),
                    i -> i.maxHeld() > 0 ? (long) i.maxHeld() : Long.MAX_VALUE));
    public static final int DEFAULT_SEGMENTS = 4;
    private static final int RECHECKS = 3;

    public enum Rule {
        /** The wallet's xp or diamonds differs from the sum of the learner's ledger items of that kind. */
        WALLET_NOT_LEDGER_SUM,
        /** A balance or counter below 0 or above its maximum. */
        BALANCE_OUT_OF_RANGE,
        /** An item lacks what the economy needs of it (a number, a kind, the key shape). */
        MALFORMED_ITEM,
        /** A RewardGranted outbox item names a ledger item that is missing or says something else. */
        GRANT_WITHOUT_LEDGER_ENTRY,
        /** Two RewardGranted outbox items for one learner and one grant key. */
        DUPLICATE_GRANT_KEY
    }

    public record Violation(String userId, Rule rule, String message) {
        @Override
        public String toString() {
            return "violation " + rule + " learner " + userId + ": " + message;
        }
    }

    public record Report(int learners, long ledgerItems, long rewardEvents, List<Violation> violations) {
        public Report {
            violations = List.copyOf(violations);
        }

        public boolean clean() {
            return violations.isEmpty();
        }

        public String summary() {
            return "invariants: " + learners + " learners, " + ledgerItems + " ledger items, " + violations.size() + " violations";
        }

        public List<Violation> of(String userId) {
            return violations.stream().filter(v -> v.userId().equals(userId)).toList();
        }
    }

    private InvariantCheck() {}

    public static Report run(DynamoDbClient dynamo, Tables tables) {
        return run(dynamo, tables, DEFAULT_SEGMENTS);
    }

    public static Report run(DynamoDbClient dynamo, Tables tables, int segments) {
        if (segments < 1) throw new IllegalArgumentException("segments must be >= 1, got " + segments);
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
    }

    /** A wallet as read: a null balance is one that is not a number (reported already). */
    private record Wallet(Long xp, Long diamonds) {}

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
                Wallet w = wallets.getOrDefault(userId, new Wallet(0L, 0L));
                Sums s = sums.get(userId);
                long xp = s == null ? 0 : s.xp.sum(), diamonds = s == null ? 0 : s.diamonds.sum();
                boolean differs = (w.xp() != null && w.xp() != xp) || (w.diamonds() != null && w.diamonds() != diamonds);
                if (differs) confirmMismatch(userId);
            }
            List<Violation> out = new ArrayList<>(violations);
            out.sort(Comparator.comparing(Violation::userId).thenComparing(Violation::rule).thenComparing(Violation::message));
            return new Report(learners.size(), ledgerItems.get(), rewardEvents.get(), out);
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
        }

        private void learnerItem(Map<String, AttributeValue> item) {
            String userId = Attr.str(item, "userId");
            Long xp = balance(userId, item, "xp", Long.MAX_VALUE, true);
            Long diamonds = balance(userId, item, "diamonds", Long.MAX_VALUE, true);
            COUNTER_MAX.forEach((name, max) -> balance(userId, item, name, max, false));
            wallets.put(userId, new Wallet(xp, diamonds));
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
            long xp = 0, diamonds = 0;
            for (int attempt = 0; attempt < RECHECKS; attempt++) {
                before = wallet(userId);
                xp = 0;
                diamonds = 0;
                for (Map<String, AttributeValue> i : dynamo.queryPaginator(b -> b.tableName(tables.ledger()).consistentRead(true)
                        .keyConditionExpression("userId = :u").expressionAttributeValues(Map.of(":u", Attr.s(userId)))).items()) {
                    Long amount = number(i, "amount");
                    if (amount == null) continue;
                    if (RewardKind.XP.name().equals(Attr.str(i, "kind"))) xp += amount;
                    if (RewardKind.DIAMONDS.name().equals(Attr.str(i, "kind"))) diamonds += amount;
                }
                after = wallet(userId);
                if (before.equals(after)) break;
            }
            Long wxp = after.containsKey("xp") ? number(after, "xp") : Long.valueOf(0);
            Long wd = after.containsKey("diamonds") ? number(after, "diamonds") : Long.valueOf(0);
            String nowallet = after.isEmpty() ? " (no wallet item)" : "";
            if (!before.equals(after)) {
                violations.add(new Violation(userId, Rule.WALLET_NOT_LEDGER_SUM, "wallet and ledger disagreed in the scan and the wallet"
                        + " changed on each of " + RECHECKS + " re-reads; last: wallet xp " + wxp + ", diamonds " + wd
                        + "; ledger XP " + xp + ", DIAMONDS " + diamonds));
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
