package dev.pyquest.tools.bench;

import dev.pyquest.domain.content.Difficulty;
import dev.pyquest.domain.events.DomainEvents;
import dev.pyquest.domain.rewards.Economy;
import dev.pyquest.domain.rewards.Grant;
import dev.pyquest.domain.rewards.Reward;
import dev.pyquest.domain.rewards.RewardRules;
import dev.pyquest.local.LocalStack;
import dev.pyquest.local.LocalTables;
import dev.pyquest.local.Template;
import dev.pyquest.local.economy.InvariantCheck;
import dev.pyquest.shared.config.Env;
import dev.pyquest.shared.config.Tables;
import dev.pyquest.shared.rewards.RewardsService;
import dev.pyquest.shared.store.Attr;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.dynamodb.services.local.embedded.DynamoDBEmbedded;
import software.amazon.dynamodb.services.local.shared.access.AmazonDynamoDBLocal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Grants per second through the rewards service against the raw engine, measured in the same run.
 * <pre>./pyquest bench-rewards [rounds=5] [grants=400] [--disk]</pre>
 * On DynamoDB Local in this process (in memory, or a database file with {@code --disk}, as the local
 * stack keeps it) with the template's tables, for T = 1, 4 and 8 threads, each round runs
 * {@code grants} distinct first-pass grants through {@link RewardsService#grant} (2 ledger puts with
 * {@code attribute_not_exists}, the wallet update, the RewardGranted outbox put) and as many
 * {@code TransactWriteItems} of the same shape built by hand (same items, same attributes, same sizes,
 * same conditions and update expression) into the same tables, alternating which goes first, so
 * drift (JIT, table growth, the machine's other load) falls on both alike. Each thread grants to its
 * own four learners, so neither side meets transaction conflicts it did not cause. Prints per-grant
 * latency (median, p99), grants/s, and the service/raw ratio (goal >= 0.5); then checks the economy's
 * invariants over everything both sides wrote.
 */
public final class RewardsBench {
    private static final RewardRules RULES = new RewardRules(Economy.bundled());
    private static final int[] THREADS = {1, 4, 8};
    /** Enough learners that none passes the daily exercise XP cap during a run (each gets < 60 first passes). */
    private static final int LEARNERS_PER_THREAD = 64;

    private record Batch(List<Double> latenciesMs, double seconds, int ops) {}

    private static final class Side {
        final List<Double> latencies = new ArrayList<>();
        double seconds;
        int ops;

        void add(Batch b) {
            latencies.addAll(b.latenciesMs());
            seconds += b.seconds();
            ops += b.ops();
        }

        double rate() {
            return ops / seconds;
        }
    }

    /** An operation timed per call: grant number {@code seq} to {@code userId}. */
    private interface Op {
        void run(String userId, long seq);
    }

    public static void main(String[] args) throws Exception {
        int rounds = 5, grants = 400;
        boolean disk = false;
        List<String> positional = new ArrayList<>();
        for (String a : args) {
            if (a.equals("--disk")) disk = true;
            else positional.add(a);
        }
        if (!positional.isEmpty()) rounds = Integer.parseInt(positional.get(0));
        if (positional.size() > 1) grants = Integer.parseInt(positional.get(1));
        if (rounds < 1 || grants < 8) throw new IllegalArgumentException("usage: bench-rewards [rounds>=1] [grants>=8] [--disk]");

        Path dbFile = null;
        AmazonDynamoDBLocal local;
        if (disk) {
            dbFile = Files.createTempDirectory("pyquest-rewards-bench").resolve("bench.db");
            local = DynamoDBEmbedded.create(dbFile.toFile());
        } else {
            local = DynamoDBEmbedded.create();
        }
        try {
            DynamoDbClient dynamo = local.dynamoDbClient();
            Template template = Template.read(LocalStack.findRoot().resolve("template.yaml"));
            LocalTables.create(template, dynamo);
            Map<String, String> env = new HashMap<>();
            for (String t : template.resources("AWS::DynamoDB::Table").keySet()) {
                env.put(t.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT), t);
            }
            Tables tables = Tables.from(new Env(env));
            Clock clock = Clock.systemUTC();
            RewardsService service = new RewardsService(dynamo, tables.ledger(), tables.learners(), tables.outbox(), tables.submissions(),
                    tables.economy(), dev.pyquest.domain.rewards.Economy.bundled(), clock);
            AtomicLong seq = new AtomicLong();
            AtomicLong notGranted = new AtomicLong(), rawConflicts = new AtomicLong();
            Op viaService = (user, n) -> {
                if (service.grant(grant(user, n)) != RewardsService.Outcome.GRANTED) notGranted.incrementAndGet();
            };
            Op raw = (user, n) -> {
                List<TransactWriteItem> items = rawItems(tables, grant(user, n), clock.instant());
                while (true) {
                    try {
                        dynamo.transactWriteItems(b -> b.transactItems(items));
                        return;
                    } catch (TransactionCanceledException e) {
                        if (e.cancellationReasons().stream().noneMatch(r -> "TransactionConflict".equals(r.code()))) throw e;
                        rawConflicts.incrementAndGet();
                    }
                }
            };

            System.out.printf(Locale.ROOT, "PyQuest rewards benchmark: DynamoDB Local in-process (%s), grant = 2 conditional ledger puts"
                            + " + wallet update + conditional outbox put + conditional daily-cap counter (the service also reads the learner's zone); %d rounds x %d grants per side and thread count; %d cores%n",
                    disk ? "database file" : "in memory", rounds, grants, Runtime.getRuntime().availableProcessors());
            for (int t : THREADS) { // warm-up: JIT, the engine's tables, every learner item created
                batch("svc", t, Math.max(grants / 2, t * LEARNERS_PER_THREAD), seq, viaService);
                batch("raw", t, Math.max(grants / 2, t * LEARNERS_PER_THREAD), seq, raw);
            }
            Map<Integer, Side> svc = new HashMap<>(), rawSide = new HashMap<>();
            for (int t : THREADS) {
                svc.put(t, new Side());
                rawSide.put(t, new Side());
            }
            for (int r = 0; r < rounds; r++) {
                for (int t : THREADS) {
                    if (r % 2 == 0) {
                        svc.get(t).add(batch("svc", t, grants, seq, viaService));
                        rawSide.get(t).add(batch("raw", t, grants, seq, raw));
                    } else {
                        rawSide.get(t).add(batch("raw", t, grants, seq, raw));
                        svc.get(t).add(batch("svc", t, grants, seq, viaService));
                    }
                }
            }
            if (notGranted.get() > 0) throw new IllegalStateException(notGranted.get() + " distinct grants were not GRANTED");

            for (int t : THREADS) {
                Side s = svc.get(t), w = rawSide.get(t);
                System.out.printf(Locale.ROOT, "T=%d  service  median %6.3f ms   p99 %6.3f ms   %7.1f grants/s   (n=%d)%n",
                        t, CoreLoopBench.median(s.latencies), CoreLoopBench.p99(s.latencies), s.rate(), s.ops);
                System.out.printf(Locale.ROOT, "T=%d  raw      median %6.3f ms   p99 %6.3f ms   %7.1f txn/s      (n=%d)%n",
                        t, CoreLoopBench.median(w.latencies), CoreLoopBench.p99(w.latencies), w.rate(), w.ops);
                System.out.printf(Locale.ROOT, "T=%d  ratio service/raw: rate %.2fx (goal >= 0.5), median latency %.2fx%n",
                        t, s.rate() / w.rate(), CoreLoopBench.median(s.latencies) / CoreLoopBench.median(w.latencies));
            }
            System.out.printf(Locale.ROOT, "transaction conflicts retried: raw %d (the service retries its own inside grant)%n", rawConflicts.get());
            printSizes(dynamo, tables);

            long t0 = System.nanoTime();
            InvariantCheck.Report report = InvariantCheck.run(dynamo, tables);
            System.out.printf(Locale.ROOT, "%s (both sides; checked in %.0f ms)%n", report.summary(), (System.nanoTime() - t0) / 1e6);
            report.violations().stream().limit(10).forEach(System.out::println);
        } finally {
            local.shutdown();
            if (dbFile != null) {
                Files.deleteIfExists(dbFile);
                Files.deleteIfExists(dbFile.getParent());
            }
        }
        System.exit(0);
    }

    /** A first pass of an easy exercise; every name and id has the same length on both sides. */
    private static Grant grant(String userId, long n) {
        String id = String.format(Locale.ROOT, "%09d", n);
        return RULES.firstPass(userId, "ex-" + id, "sum-of-evens", Difficulty.EASY, "judged#s-" + id, null);
    }

    /** {@code ops} calls of {@code op}, spread over {@code threads} threads, each on its own learners. */
    private static Batch batch(String side, int threads, int ops, AtomicLong seq, Op op) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<double[]>> fs = new ArrayList<>();
        int per = ops / threads;
        for (int t = 0; t < threads; t++) {
            int thread = t;
            fs.add(pool.submit(() -> {
                double[] lat = new double[per];
                go.await();
                for (int i = 0; i < per; i++) {
                    String user = String.format(Locale.ROOT, "%s-t%d-%d-%d", side, threads, thread, i % LEARNERS_PER_THREAD);
                    long n = seq.getAndIncrement();
                    long a = System.nanoTime();
                    op.run(user, n);
                    lat[i] = (System.nanoTime() - a) / 1e6;
                }
                return lat;
            }));
        }
        long start = System.nanoTime();
        go.countDown();
        List<Double> all = new ArrayList<>(per * threads);
        for (Future<double[]> f : fs) for (double d : f.get()) all.add(d);
        double secs = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        return new Batch(all, secs, per * threads);
    }

    /** The items RewardsService writes for {@code g} (no submission), built by hand. */
    static List<TransactWriteItem> rawItems(Tables tables, Grant g, Instant now) {
        List<TransactWriteItem> items = new ArrayList<>();
        long xp = 0, diamonds = 0;
        for (Reward r : g.rewards()) {
            Map<String, AttributeValue> item = new HashMap<>();
            item.put("userId", Attr.s(g.userId()));
            item.put("entryId", Attr.s(g.grantKey() + "|" + r.kind()));
            item.put("kind", Attr.s(r.kind().name()));
            item.put("amount", Attr.n(r.amount()));
            item.put("reason", Attr.s(r.reason()));
            item.put("at", Attr.s(now.toString()));
            item.put("sourceEventId", Attr.s(g.sourceEventId()));
            items.add(TransactWriteItem.builder().put(Put.builder().tableName(tables.ledger()).item(item)
                    .conditionExpression("attribute_not_exists(entryId)").build()).build());
            switch (r.kind()) {
                case XP -> xp += r.amount();
                case DIAMONDS -> diamonds += r.amount();
                default -> { }
            }
        }
        items.add(TransactWriteItem.builder().update(Update.builder().tableName(tables.learners())
                .key(Map.of("userId", Attr.s(g.userId())))
                .updateExpression("SET createdAt = if_not_exists(createdAt, :now), updatedAt = :now ADD xp :xp, diamonds :d")
                .expressionAttributeValues(Map.of(":xp", Attr.n(xp), ":d", Attr.n(diamonds), ":now", Attr.s(now.toString())))
                .build()).build());
        long cap = dev.pyquest.domain.rewards.Economy.bundled().dailyXpCap(g.source()).orElseThrow();
        items.add(TransactWriteItem.builder().update(Update.builder().tableName(tables.economy())
                .key(Map.of("userId", Attr.s(g.userId()), "itemId", Attr.s("cap#" + now.toString().substring(0, 10) + "#" + g.source().configName())))
                .updateExpression("SET expiresAt = :exp ADD xp :add").conditionExpression("attribute_not_exists(xp) OR xp <= :limit")
                .expressionAttributeValues(Map.of(":add", Attr.n(xp), ":limit", Attr.n(cap - xp), ":exp", Attr.n(now.getEpochSecond() + 3 * 86_400)))
                .build()).build());
        // The event's detail as the service writes it (the typed record), so both sides write the same bytes.
        dev.pyquest.domain.events.RewardGranted event = dev.pyquest.domain.events.RewardGranted.of(g, now);
        String eventId = event.eventId();
        items.add(TransactWriteItem.builder().put(Put.builder().tableName(tables.outbox())
                .item(Map.of("eventId", Attr.s(eventId), "source", Attr.s(DomainEvents.SOURCE_REWARDS),
                        "detailType", Attr.s(DomainEvents.REWARD_GRANTED), "detail", Attr.s(event.toDetailJson()), "at", Attr.s(now.toString())))
                .conditionExpression("attribute_not_exists(eventId)").build()).build());
        return items;
    }

    /** Bytes per item (names + values, as DynamoDB counts them roughly) of one grant of each side, per table. */
    private static void printSizes(DynamoDbClient dynamo, Tables tables) {
        StringBuilder sb = new StringBuilder("item bytes service/raw:");
        String svcUser = "svc-t1-0-0", rawUser = "raw-t1-0-0";
        Map<String, AttributeValue> svcLedger = first(dynamo, tables.ledger(), svcUser), rawLedger = first(dynamo, tables.ledger(), rawUser);
        sb.append(String.format(Locale.ROOT, " ledger %d/%d", bytes(svcLedger), bytes(rawLedger)));
        sb.append(String.format(Locale.ROOT, ", wallet %d/%d", bytes(get(dynamo, tables.learners(), "userId", svcUser)),
                bytes(get(dynamo, tables.learners(), "userId", rawUser))));
        String svcKey = Attr.str(svcLedger, "entryId").split("\\|")[0], rawKey = Attr.str(rawLedger, "entryId").split("\\|")[0];
        sb.append(String.format(Locale.ROOT, ", outbox %d/%d", bytes(get(dynamo, tables.outbox(), "eventId", "reward#" + svcUser + "#" + svcKey)),
                bytes(get(dynamo, tables.outbox(), "eventId", "reward#" + rawUser + "#" + rawKey))));
        System.out.println(sb);
    }

    private static Map<String, AttributeValue> first(DynamoDbClient dynamo, String table, String userId) {
        return dynamo.query(b -> b.tableName(table).limit(1).keyConditionExpression("userId = :u")
                .expressionAttributeValues(Map.of(":u", Attr.s(userId)))).items().get(0);
    }

    private static Map<String, AttributeValue> get(DynamoDbClient dynamo, String table, String key, String value) {
        return dynamo.getItem(b -> b.tableName(table).key(Map.of(key, Attr.s(value)))).item();
    }

    private static int bytes(Map<String, AttributeValue> item) {
        int n = 0;
        for (Map.Entry<String, AttributeValue> e : item.entrySet()) {
            n += e.getKey().length();
            AttributeValue v = e.getValue();
            n += v.s() != null ? v.s().getBytes(java.nio.charset.StandardCharsets.UTF_8).length : v.n() != null ? v.n().length() : 1;
        }
        return n;
    }

    private RewardsBench() {}
}
