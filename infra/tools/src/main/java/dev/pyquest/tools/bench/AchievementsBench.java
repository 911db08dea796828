package dev.pyquest.tools.bench;

import dev.pyquest.domain.Json;
import dev.pyquest.domain.achievements.AchievementEngine;
import dev.pyquest.domain.achievements.AchievementFact;
import dev.pyquest.domain.achievements.Achievements;
import dev.pyquest.domain.achievements.Evaluation;
import dev.pyquest.domain.achievements.FactKind;
import dev.pyquest.domain.achievements.LearnerAchievements;
import dev.pyquest.domain.achievements.Unlock;
import dev.pyquest.domain.content.Course;
import dev.pyquest.domain.content.Exercise;
import dev.pyquest.domain.content.Lesson;
import dev.pyquest.domain.content.Quiz;
import dev.pyquest.domain.content.Skill;
import dev.pyquest.domain.events.DomainEvent;
import dev.pyquest.domain.events.LessonCompleted;
import dev.pyquest.domain.events.QuizPassed;
import dev.pyquest.domain.events.RewardGranted;
import dev.pyquest.domain.rewards.Economy;
import dev.pyquest.domain.rewards.RewardRules;
import dev.pyquest.domain.streak.LearnerClock;
import dev.pyquest.events.AchievementsFunction;
import dev.pyquest.local.LocalStack;
import dev.pyquest.local.LocalTables;
import dev.pyquest.local.Template;
import dev.pyquest.local.content.LoadContent;
import dev.pyquest.local.economy.InvariantCheck;
import dev.pyquest.shared.achievements.AchievementBeans;
import dev.pyquest.shared.achievements.AchievementEngines;
import dev.pyquest.shared.config.Env;
import dev.pyquest.shared.config.Tables;
import dev.pyquest.shared.rewards.RewardsService;
import dev.pyquest.shared.store.AchievementRepository;
import dev.pyquest.shared.store.Attr;
import dev.pyquest.shared.store.CatalogRepository;
import dev.pyquest.shared.store.LearnerRepository;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbRequest;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.utils.builder.SdkBuilder;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.paginators.QueryIterable;
import software.amazon.dynamodb.services.local.embedded.DynamoDBEmbedded;
import software.amazon.dynamodb.services.local.shared.access.AmazonDynamoDBLocal;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * The achievements consumer: one fact against all rules (the engine alone), and events per second through
 * {@link AchievementsFunction} against as many raw conditional transactions, measured in the same run.
 * <pre>./pyquest bench-achievements [rounds=5] [events=300] [--disk]</pre>
 * The engine is built as production builds it ({@link AchievementBeans}): the rules bundled in the shared jar
 * ({@code content/achievements.yaml}) with the skills of the catalog table, filled by {@link LoadContent}
 * from {@code content/}. Every learner lives the same kind of life, generated from the course (seeded by
 * the learner's id): a daily login each day (with its streak, broken now and then by a missed day, and the
 * streak milestone's grant when one is reached), then 2 to 5 activities in course order: an exercise's
 * first pass (its difficulty, first try or not, hint bought or not), a lesson (LessonCompleted and its XP
 * grant), a quiz (QuizPassed with its score, its first-pass grant, sometimes a second attempt at full marks).
 * The events are what the producers write: {@code RewardGranted.of(RewardRules...)}, in EventBridge's envelope.
 *
 * <p><b>Evaluation.</b> {@link AchievementEngine#evaluate} alone, timed per call, over the facts of 100
 * learners' whole lives, each against the learner's state as it grows (built before the clock starts, as
 * the consumer reads it); two passes to warm up, then {@code rounds} measured passes. Prints median, p99
 * and mean in µs (goal: median &lt;= 50 µs), and the median per fact kind.
 *
 * <p><b>Throughput.</b> On DynamoDB Local in this process (in memory, or a database file with
 * {@code --disk}, as the local stack keeps it) with the template's tables, for T = 1, 4 and 8 threads,
 * each round delivers {@code events} events to each side, alternating which goes first, so drift (JIT,
 * table growth, the machine's other load) falls on both alike. Each thread has its own
 * {@value #LEARNERS_PER_THREAD} learners per side, each delivered the next events of its life (a learner
 * who finishes the course is followed by a new one), so neither side meets conflicts on a learner's items
 * that it did not cause. Every delivery is prepared before the clock starts (the envelope; for the raw
 * side, the evaluation too); what is timed is:
 * <ul>
 *   <li><b>consumer</b>: {@code AchievementsFunction.handleRequest}, built with its constructor on the real
 *       repositories, {@link RewardsService} and engines: the learner's zone read (GetItem), the snapshot
 *       read (Query), the evaluation, one TransactWriteItems of the fact's marker, every progress change,
 *       every unlock with its AchievementUnlocked outbox event, and the rarity counters when the learner's
 *       day moves or a level unlocks, and the unlocks' payments ({@code RewardsService.grantItems}: ledger lines,
 *       RewardGranted events, wallet).</li>
 *   <li><b>raw</b> (the baseline): for the same fact of a learner at the same point of the same life, one
 *       TransactWriteItems built by hand of the consumer's marker put ({@code attribute_not_exists(itemId)},
 *       same attributes) and one put per progress change the engine makes, each conditional on the value it
 *       was computed from ({@code #v = :before}, or {@code attribute_not_exists(itemId) OR #v = :before}
 *       from 0), exactly as the repository writes them; nothing read, no unlock, outbox event, rarity
 *       counter or payment. The changes come from evaluating the fact against the raw learner's state kept
 *       in memory, before the clock starts.</li>
 * </ul>
 * Prints per-event latency (median, p99), events/s, the consumer/raw ratio (goal &gt;= 0.5), the requests each
 * side sent per event and the transaction conflicts retried (the rarity counters are shared by every
 * learner active on a day: those conflicts are the consumer's own). Then proves what both sides wrote: one
 * marker per event delivered; each learner's stored progress (and, for the consumer, unlocks) equal to
 * the engine's replay of the events it was delivered; the rarity counters summing to the learners and
 * unlocks stored; each unlock paid once (one ACHIEVEMENT# BADGE ledger line each, nothing else); and the
 * economy's invariants ({@link InvariantCheck}). Exits 1 when a check fails.
 */
public final class AchievementsBench {
    private static final RewardRules RULES = new RewardRules(Economy.bundled());
    private static final int[] THREADS = {1, 4, 8};
    /** Few learners per thread, so each lives through much of the course in a run: unlock-heavy first days, then steadier ones. */
    private static final int LEARNERS_PER_THREAD = 4;
    private static final int EVAL_LEARNERS = 100, EVAL_WARMUP_PASSES = 2;
    private static final double EVAL_GOAL_MICROS = 50, RATE_GOAL = 0.5;
    private static final LocalDate START = LocalDate.of(2026, 11, 2);
    /** No learner here stores a zone: the consumer reads each fact in the default zone, and so do the replays. */
    private static final ZoneId ZONE = LearnerClock.zoneOrDefault(null);
    /** AchievementRepository's item prefixes and progress item ids (its layout, written by hand on the raw side). */
    private static final String MARKER = AchievementRepository.MARKER, UNLOCK = AchievementRepository.UNLOCK,
            SEEN = AchievementRepository.SEEN;

    private record Batch(List<Double> latenciesMs, double seconds, int ops, Map<String, Long> requests) {}

    private static final class Side {
        final List<Double> latencies = new ArrayList<>();
        final Map<String, Long> requests = new TreeMap<>();
        double seconds;
        int ops;

        void add(Batch b) {
            latencies.addAll(b.latenciesMs());
            seconds += b.seconds();
            ops += b.ops();
            b.requests().forEach((k, v) -> requests.merge(k, v, Long::sum));
        }

        double rate() {
            return ops / seconds;
        }

        /** Requests per event by operation, with the items per transaction and the time spent in each operation per event. */
        String perEvent() {
            List<String> parts = new ArrayList<>();
            requests.forEach((k, v) -> {
                // Under 1 % of events: the engines' catalog re-read once a minute, nothing per event.
                if (k.equals("conflicts") || k.startsWith("items:") || k.startsWith("ns:") || v < ops / 100.0) return;
                String s = String.format(Locale.ROOT, "%s %.2f", k, (double) v / ops);
                if (requests.containsKey("items:" + k)) {
                    s += String.format(Locale.ROOT, " of %.1f items", (double) requests.get("items:" + k) / v);
                }
                parts.add(s + String.format(Locale.ROOT, " (%.2f ms)", requests.getOrDefault("ns:" + k, 0L) / 1e6 / ops));
            });
            return String.join(", ", parts);
        }
    }

    /** What the engine's state of one learner should be: every fact delivered to it, applied once, in order. */
    private static final class Expected {
        final Map<String, Long> progress = new HashMap<>();
        final Set<String> unlocked = new HashSet<>();
        long events;

        Evaluation apply(AchievementEngine engine, AchievementFact fact) {
            Evaluation ev = engine.evaluate(fact, new LearnerAchievements(progress, unlocked));
            for (Evaluation.Change c : ev.changes()) progress.put(c.key(), c.after());
            for (Unlock u : ev.unlocks()) unlocked.add(u.key());
            events++;
            return ev;
        }
    }

    /** One side of the comparison: the delivery of {@code event} to {@code userId}, prepared; the returned runnable is what is timed. */
    private interface Delivery {
        Runnable prepare(String userId, DomainEvent event);
    }

    public static void main(String[] args) throws Exception {
        int rounds = 5, events = 300;
        boolean disk = false;
        List<String> positional = new ArrayList<>();
        for (String a : args) {
            if (a.equals("--disk")) disk = true;
            else positional.add(a);
        }
        if (!positional.isEmpty()) rounds = Integer.parseInt(positional.get(0));
        if (positional.size() > 1) events = Integer.parseInt(positional.get(1));
        if (rounds < 1 || events < 8) throw new IllegalArgumentException("usage: bench-achievements [rounds>=1] [events>=8] [--disk]");

        Path dbFile = null;
        AmazonDynamoDBLocal local;
        if (disk) {
            dbFile = Files.createTempDirectory("pyquest-achievements-bench").resolve("bench.db");
            local = DynamoDBEmbedded.create(dbFile.toFile());
        } else {
            local = DynamoDBEmbedded.create();
        }
        boolean clean;
        try {
            Requests counts = new Requests();
            DynamoDbClient dynamo = counts.wrap(local.dynamoDbClient());
            Path root = LocalStack.findRoot();
            Template template = Template.read(root.resolve("template.yaml"));
            LocalTables.create(template, dynamo);
            Map<String, String> env = new HashMap<>();
            for (String t : template.resources("AWS::DynamoDB::Table").keySet()) {
                env.put(t.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT), t);
            }
            Tables tables = Tables.from(new Env(env));
            Clock clock = Clock.systemUTC();
            CatalogRepository catalog = new CatalogRepository(dynamo, tables.catalog(), tables.judge());
            Course course = LoadContent.load(root.resolve("content"), catalog).course();
            AchievementEngines engines = AchievementEngines.fromCatalog(AchievementBeans.bundled(), catalog, clock);
            AchievementEngine engine = engines.current();
            AchievementRepository repo = new AchievementRepository(dynamo, tables.economy(), tables.outbox());
            RewardsService rewards = new RewardsService(dynamo, tables.ledger(), tables.learners(), tables.outbox(), tables.submissions(),
                    tables.economy(), Economy.bundled(), clock);
            AchievementsFunction function = new AchievementsFunction(repo, new LearnerRepository(dynamo, tables.learners(), tables.ledger()),
                    rewards, engines, clock);
            Lives lives = new Lives(course);

            int levels = engine.rules().all().stream().mapToInt(a -> a.levels().size()).sum();
            System.out.printf(Locale.ROOT, "PyQuest achievements benchmark: %d achievements (%d levels) of the bundled rules on the catalog's"
                            + " %d exercises, %d lessons, %d quizzes; DynamoDB Local in-process (%s); %d rounds x %d events per side and"
                            + " thread count; %d cores%n", engine.rules().all().size(), levels, course.exercises().size(), course.lessons().size(),
                    course.quizzes().size(), disk ? "database file" : "in memory", rounds, events, Runtime.getRuntime().availableProcessors());

            evaluation(engine, lives, rounds);

            Map<String, Expected> expected = new ConcurrentHashMap<>();
            AtomicLong notApplied = new AtomicLong(), delivered = new AtomicLong();
            Delivery viaConsumer = (user, event) -> {
                AchievementFact fact = AchievementFact.of(event, null, ZONE, engines.current().catalog()).orElseThrow();
                expected.computeIfAbsent(user, u -> new Expected()).apply(engines.current(), fact);
                Map<String, Object> envelope = envelope(event);
                delivered.incrementAndGet();
                return () -> {
                    Object outcome = function.handleRequest(envelope, null).get("outcome");
                    if (!"APPLIED".equals(outcome)) notApplied.incrementAndGet();
                };
            };
            Delivery raw = (user, event) -> {
                AchievementFact fact = AchievementFact.of(event, null, ZONE, engines.current().catalog()).orElseThrow();
                Evaluation ev = expected.computeIfAbsent(user, u -> new Expected()).apply(engines.current(), fact);
                List<TransactWriteItem> items = rawItems(tables.economy(), user, fact.eventId(), ev.changes(), clock.instant());
                delivered.incrementAndGet();
                return () -> {
                    while (true) {
                        try {
                            dynamo.transactWriteItems(b -> b.transactItems(items));
                            return;
                        } catch (TransactionCanceledException e) {
                            if (e.cancellationReasons().stream().noneMatch(r -> "TransactionConflict".equals(r.code()))) throw e;
                        }
                    }
                };
            };

            Map<String, int[]> cursors = new ConcurrentHashMap<>();
            for (int t : THREADS) { // warm-up: JIT, the engine's tables, every learner's first facts
                batch("ach", t, Math.max(events / 2, t * LEARNERS_PER_THREAD), lives, cursors, counts, viaConsumer);
                batch("raw", t, Math.max(events / 2, t * LEARNERS_PER_THREAD), lives, cursors, counts, raw);
            }
            Map<Integer, Side> consumer = new HashMap<>(), rawSide = new HashMap<>();
            for (int t : THREADS) {
                consumer.put(t, new Side());
                rawSide.put(t, new Side());
            }
            for (int r = 0; r < rounds; r++) {
                for (int t : THREADS) {
                    if (r % 2 == 0) {
                        consumer.get(t).add(batch("ach", t, events, lives, cursors, counts, viaConsumer));
                        rawSide.get(t).add(batch("raw", t, events, lives, cursors, counts, raw));
                    } else {
                        rawSide.get(t).add(batch("raw", t, events, lives, cursors, counts, raw));
                        consumer.get(t).add(batch("ach", t, events, lives, cursors, counts, viaConsumer));
                    }
                }
            }
            if (notApplied.get() > 0) throw new IllegalStateException(notApplied.get() + " distinct events were not APPLIED by the consumer");

            for (int t : THREADS) {
                Side s = consumer.get(t), w = rawSide.get(t);
                double ratio = s.rate() / w.rate();
                System.out.printf(Locale.ROOT, "T=%d  consumer  median %6.3f ms   p99 %6.3f ms   %7.1f events/s   (n=%d)%n",
                        t, CoreLoopBench.median(s.latencies), CoreLoopBench.p99(s.latencies), s.rate(), s.ops);
                System.out.printf(Locale.ROOT, "T=%d  raw       median %6.3f ms   p99 %6.3f ms   %7.1f txn/s      (n=%d)%n",
                        t, CoreLoopBench.median(w.latencies), CoreLoopBench.p99(w.latencies), w.rate(), w.ops);
                System.out.printf(Locale.ROOT, "T=%d  ratio consumer/raw: rate %.2fx (goal >= %.1f: %s), median latency %.2fx%n",
                        t, ratio, RATE_GOAL, ratio >= RATE_GOAL ? "met" : "NOT met", CoreLoopBench.median(s.latencies) / CoreLoopBench.median(w.latencies));
                System.out.printf(Locale.ROOT, "T=%d  requests per event (time in them per event, summed over threads): consumer %s; raw %s%n", t, s.perEvent(), w.perEvent());
                System.out.printf(Locale.ROOT, "T=%d  transaction conflicts retried per 1000 events: consumer %.1f, raw %.1f%n", t,
                        1000.0 * s.requests.getOrDefault("conflicts", 0L) / s.ops, 1000.0 * w.requests.getOrDefault("conflicts", 0L) / w.ops);
            }

            long t0 = System.nanoTime();
            clean = check(dynamo, tables, repo, expected, delivered.get());
            InvariantCheck.Report report = InvariantCheck.run(dynamo, tables);
            System.out.printf(Locale.ROOT, "%s (the consumer's payments; checked in %.0f ms with the above)%n", report.summary(), (System.nanoTime() - t0) / 1e6);
            report.violations().stream().limit(10).forEach(System.out::println);
            clean &= report.clean();
        } finally {
            local.shutdown();
            if (dbFile != null) {
                Files.deleteIfExists(dbFile);
                Files.deleteIfExists(dbFile.getParent());
            }
        }
        System.exit(clean ? 0 : 1);
    }

    // ------------------------------------------------------------------ evaluation

    /** The engine alone over {@value #EVAL_LEARNERS} learners' lives, {@code passes} measured passes after the warm-up. */
    private static void evaluation(AchievementEngine engine, Lives lives, int passes) {
        List<List<AchievementFact>> facts = new ArrayList<>();
        for (int i = 0; i < EVAL_LEARNERS; i++) {
            facts.add(lives.of("eval-" + i).stream()
                    .map(e -> AchievementFact.of(e, null, ZONE, engine.catalog()).orElseThrow()).toList());
        }
        Map<FactKind, List<Double>> byKind = new EnumMap<>(FactKind.class);
        List<Double> all = new ArrayList<>();
        long stateSize = 0, maxState = 0, unlocks = 0, changes = 0;
        for (int pass = 0; pass < EVAL_WARMUP_PASSES + passes; pass++) {
            boolean measured = pass >= EVAL_WARMUP_PASSES;
            for (List<AchievementFact> life : facts) {
                Map<String, Long> progress = new HashMap<>();
                Set<String> unlocked = new HashSet<>();
                for (AchievementFact f : life) {
                    LearnerAchievements state = new LearnerAchievements(progress, unlocked);
                    long a = System.nanoTime();
                    Evaluation ev = engine.evaluate(f, state);
                    long ns = System.nanoTime() - a;
                    for (Evaluation.Change c : ev.changes()) progress.put(c.key(), c.after());
                    for (Unlock u : ev.unlocks()) unlocked.add(u.key());
                    if (!measured) continue;
                    double micros = ns / 1e3;
                    all.add(micros);
                    byKind.computeIfAbsent(f.kind(), k -> new ArrayList<>()).add(micros);
                    long size = state.progress().size() + state.unlocked().size();
                    stateSize += size;
                    maxState = Math.max(maxState, size);
                    unlocks += ev.unlocks().size();
                    changes += ev.changes().size();
                }
            }
        }
        double median = CoreLoopBench.median(all);
        System.out.printf(Locale.ROOT, "evaluation, one fact against all rules (engine alone): median %.2f us, p99 %.2f us, mean %.2f us"
                        + " over %d evaluations (%d learners' lives x %d passes, after %d to warm up); goal median <= %.0f us: %s%n",
                median, CoreLoopBench.p99(all), all.stream().mapToDouble(Double::doubleValue).average().orElse(0), all.size(),
                EVAL_LEARNERS, passes, EVAL_WARMUP_PASSES, EVAL_GOAL_MICROS, median <= EVAL_GOAL_MICROS ? "met" : "NOT met");
        List<String> kinds = new ArrayList<>();
        byKind.forEach((k, xs) -> kinds.add(String.format(Locale.ROOT, "%s %.2f (%.0f%%)", k, CoreLoopBench.median(xs), 100.0 * xs.size() / all.size())));
        System.out.printf(Locale.ROOT, "  median by kind, us (share of facts): %s%n", String.join(", ", kinds));
        System.out.printf(Locale.ROOT, "  learner state: %.1f entries on average (progress keys + unlocks), up to %d; per fact %.2f changes, %.3f unlocks%n",
                (double) stateSize / all.size(), maxState, (double) changes / all.size(), (double) unlocks / all.size());
    }

    // ------------------------------------------------------------------ throughput

    /**
     * {@code ops} deliveries through {@code side}, spread over {@code threads} threads, each on its own learners, each
     * learner given the next events of its life; prepared before the clock starts.
     */
    private static Batch batch(String side, int threads, int ops, Lives lives, Map<String, int[]> cursors, Requests counts,
                               Delivery delivery) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch ready = new CountDownLatch(threads), go = new CountDownLatch(1);
        List<Future<double[]>> fs = new ArrayList<>();
        int per = ops / threads;
        for (int t = 0; t < threads; t++) {
            int thread = t;
            fs.add(pool.submit(() -> {
                List<Runnable> prepared = new ArrayList<>(per);
                try {
                    for (int i = 0; i < per; i++) {
                        String learner = String.format(Locale.ROOT, "%s-t%d-%d-%d", side, threads, thread, i % LEARNERS_PER_THREAD);
                        int[] cursor = cursors.computeIfAbsent(learner, k -> new int[2]); // generation, next event
                        if (cursor[1] == lives.of(learner + "-g" + cursor[0]).size()) {
                            cursor[0]++;
                            cursor[1] = 0;
                        }
                        String user = learner + "-g" + cursor[0];
                        prepared.add(delivery.prepare(user, lives.of(user).get(cursor[1]++)));
                    }
                } finally {
                    ready.countDown();
                }
                double[] lat = new double[per];
                go.await();
                for (int i = 0; i < per; i++) {
                    long a = System.nanoTime();
                    prepared.get(i).run();
                    lat[i] = (System.nanoTime() - a) / 1e6;
                }
                return lat;
            }));
        }
        ready.await();
        Map<String, Long> before = counts.snapshot();
        long start = System.nanoTime();
        go.countDown();
        List<Double> all = new ArrayList<>(per * threads);
        for (Future<double[]> f : fs) for (double d : f.get()) all.add(d);
        double secs = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        Map<String, Long> requests = counts.snapshot();
        before.forEach((k, v) -> requests.merge(k, -v, Long::sum));
        return new Batch(all, secs, per * threads, requests);
    }

    /** The consumer's own items for a fact's marker and changes (AchievementRepository.apply), built by hand. */
    static List<TransactWriteItem> rawItems(String economyTable, String userId, String eventId, List<Evaluation.Change> changes, Instant now) {
        List<TransactWriteItem> items = new ArrayList<>(1 + changes.size());
        Map<String, AttributeValue> marker = new HashMap<>();
        marker.put("userId", Attr.s(userId));
        marker.put("itemId", Attr.s(MARKER + eventId));
        marker.put("at", Attr.s(now.toString()));
        marker.put("expiresAt", Attr.n(now.plus(AchievementRepository.KEEP_MARKER).getEpochSecond()));
        items.add(TransactWriteItem.builder().put(Put.builder().tableName(economyTable).item(marker)
                .conditionExpression("attribute_not_exists(itemId)").build()).build());
        for (Evaluation.Change c : changes) {
            Map<String, AttributeValue> item = new HashMap<>();
            item.put("userId", Attr.s(userId));
            item.put("itemId", Attr.s(AchievementRepository.progressItemId(c.key())));
            item.put("value", Attr.n(c.after()));
            items.add(TransactWriteItem.builder().put(Put.builder().tableName(economyTable).item(item)
                    .conditionExpression(c.before() == 0 ? "attribute_not_exists(itemId) OR #v = :before" : "#v = :before")
                    .expressionAttributeNames(Map.of("#v", "value")).expressionAttributeValues(Map.of(":before", Attr.n(c.before())))
                    .build()).build());
        }
        return items;
    }

    /** {@code event} in EventBridge's envelope, as a Lambda target receives it. */
    private static Map<String, Object> envelope(DomainEvent event) {
        Map<String, Object> env = new LinkedHashMap<>();
        env.put("version", "0");
        env.put("id", UUID.randomUUID().toString());
        env.put("detail-type", event.detailType());
        env.put("source", event.busSource());
        env.put("account", "123456789012");
        env.put("time", at(event).toString());
        env.put("region", "eu-west-1");
        env.put("resources", List.of());
        try {
            @SuppressWarnings("unchecked") Map<String, Object> detail = Json.MAPPER.readValue(event.toDetailJson(), Map.class);
            env.put("detail", detail);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return env;
    }

    private static Instant at(DomainEvent e) {
        return switch (e) {
            case RewardGranted g -> g.at();
            case QuizPassed q -> q.at();
            case LessonCompleted l -> l.at();
            default -> throw new IllegalArgumentException("no learner's life has " + e.detailType());
        };
    }

    // ------------------------------------------------------------------ learners' lives

    /** The events the platform emits for a learner going through the course, generated once per learner (seeded by its id). */
    static final class Lives {
        private final List<Object> path = new ArrayList<>();
        private final Map<String, List<DomainEvent>> cache = new ConcurrentHashMap<>();

        /** The course in learning order: per skill (the course's order), its lessons, then its exercises, then its quizzes. */
        Lives(Course course) {
            List<String> skills = course.skills().stream().map(Skill::id).toList();
            record Step(int skill, int kind, int index, Object activity) {}
            List<Step> steps = new ArrayList<>();
            for (int i = 0; i < course.lessons().size(); i++) {
                steps.add(new Step(rank(skills, course.lessons().get(i).skills()), 0, i, course.lessons().get(i)));
            }
            for (int i = 0; i < course.exercises().size(); i++) {
                steps.add(new Step(rank(skills, course.exercises().get(i).skills()), 1, i, course.exercises().get(i)));
            }
            for (int i = 0; i < course.quizzes().size(); i++) {
                steps.add(new Step(rank(skills, course.quizzes().get(i).skills()), 2, i, course.quizzes().get(i)));
            }
            steps.sort(Comparator.comparingInt(Step::skill).thenComparingInt(Step::kind).thenComparingInt(Step::index));
            for (Step s : steps) path.add(s.activity());
        }

        private static int rank(List<String> skills, List<String> of) {
            int i = of.isEmpty() ? -1 : skills.indexOf(of.getFirst());
            return i < 0 ? Integer.MAX_VALUE : i;
        }

        List<DomainEvent> of(String userId) {
            return cache.computeIfAbsent(userId, this::live);
        }

        private List<DomainEvent> live(String userId) {
            Random r = new Random(userId.hashCode());
            List<DomainEvent> out = new ArrayList<>();
            Set<Integer> milestones = new HashSet<>();
            LocalDate day = START;
            int streak = 0, next = 0;
            while (next < path.size()) {
                if (streak == 0) {
                    streak = 1;
                } else if (r.nextInt(8) == 0) { // a missed day breaks the streak
                    day = day.plusDays(2);
                    streak = 1;
                } else {
                    day = day.plusDays(1);
                    streak++;
                }
                Instant t = day.atTime(8, 0).toInstant(ZoneOffset.UTC);
                out.add(RewardGranted.of(RULES.dailyLogin(userId, day, streak), t));
                for (Economy.Milestone m : RULES.economy().streakMilestones()) {
                    if (m.days() == streak && milestones.add(m.days())) out.add(RewardGranted.of(RULES.streakMilestone(userId, m, day), t));
                }
                int today = 2 + r.nextInt(4);
                for (int j = 0; j < today && next < path.size(); j++) {
                    t = t.plusSeconds(540);
                    switch (path.get(next++)) {
                        case Exercise e -> {
                            int firstTryPercent = switch (e.difficulty()) {
                                case EASY -> 60;
                                case MEDIUM -> 40;
                                case HARD -> 25;
                            };
                            boolean firstTry = r.nextInt(100) < firstTryPercent;
                            boolean hintBought = r.nextInt(6) == 0;
                            out.add(RewardGranted.of(RULES.firstPass(userId, e.id(), e.slug(), e.difficulty(), firstTry, hintBought,
                                    "judged#s-" + userId + "-" + e.id(), null), t));
                        }
                        case Lesson l -> {
                            String eventId = "lesson#" + userId + "#" + l.id();
                            out.add(new LessonCompleted(eventId, userId, l.id(), l.slug(), l.difficulty(), t));
                            out.add(RewardGranted.of(RULES.lessonCompleted(userId, l.id(), l.slug(), eventId), t.plusSeconds(1)));
                        }
                        case Quiz q -> {
                            int total = Math.max(1, q.questions().size());
                            int pass = Math.max(1, (int) Math.ceil(total * q.passPercent() / 100.0));
                            int correct = pass + r.nextInt(total - pass + 1);
                            String attempt = "qa-" + userId + "-" + q.id() + "-1";
                            out.add(new QuizPassed("quiz#" + attempt, userId, q.id(), q.slug(), q.difficulty(), t, attempt, correct, total,
                                    100 * correct / total));
                            out.add(RewardGranted.of(RULES.quizPassed(userId, q.id(), q.slug(), q.difficulty(), "quiz#" + attempt), t.plusSeconds(1)));
                            if (correct < total && r.nextInt(3) == 0) { // back for full marks
                                String again = "qa-" + userId + "-" + q.id() + "-2";
                                out.add(new QuizPassed("quiz#" + again, userId, q.id(), q.slug(), q.difficulty(), t.plusSeconds(120), again,
                                        total, total, 100));
                            }
                        }
                        default -> throw new IllegalStateException("not an activity: " + path.get(next - 1));
                    }
                }
            }
            return List.copyOf(out);
        }
    }

    // ------------------------------------------------------------------ requests and checks

    /** Counts the requests sent through a client (by operation), the items of its transactions, and the transaction conflicts it met. */
    private static final class Requests {
        private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

        DynamoDbClient wrap(DynamoDbClient real) {
            return (DynamoDbClient) Proxy.newProxyInstance(DynamoDbClient.class.getClassLoader(), new Class<?>[] {DynamoDbClient.class},
                    (proxy, method, args) -> {
                        Object[] a = args;
                        if (a != null && a.length == 1 && a[0] instanceof Consumer<?> c) {
                            // The builder overloads are default methods that call the request overload on the real client,
                            // out of this proxy's sight: build the request here and send it through the one we see.
                            Method target = requestMethod(method.getName());
                            if (target != null) {
                                Object builder = target.getParameterTypes()[0].getMethod("builder").invoke(null);
                                @SuppressWarnings("unchecked") Consumer<Object> apply = (Consumer<Object>) c;
                                apply.accept(builder);
                                a = new Object[] {((SdkBuilder<?, ?>) builder).build()};
                                method = target;
                            }
                        }
                        if (a != null && a.length == 1 && a[0] instanceof QueryRequest q && method.getName().equals("queryPaginator")) {
                            // The paginator sends its pages lazily, as it is read, through the client it holds: give it
                            // this proxy, so each page is a Query counted and timed here (not the paginator's creation).
                            return new QueryIterable((DynamoDbClient) proxy, q);
                        }
                        String op = null;
                        if (a != null && a.length == 1 && a[0] instanceof DynamoDbRequest) {
                            op = Character.toUpperCase(method.getName().charAt(0)) + method.getName().substring(1);
                            if (a[0] instanceof TransactWriteItemsRequest t) {
                                // Told apart by their first item's table: the fact's own transaction (its marker, in the
                                // economy table) and the payments (their first ledger line).
                                op += "@" + table(t.transactItems().getFirst());
                                counts.computeIfAbsent("items:" + op, k -> new LongAdder()).add(t.transactItems().size());
                            }
                            counts.computeIfAbsent(op, k -> new LongAdder()).increment();
                        }
                        long start = System.nanoTime();
                        try {
                            return method.invoke(real, a);
                        } catch (InvocationTargetException e) {
                            if (e.getCause() instanceof TransactionCanceledException t
                                    && t.cancellationReasons().stream().anyMatch(x -> "TransactionConflict".equals(x.code()))) {
                                counts.computeIfAbsent("conflicts", k -> new LongAdder()).increment();
                            }
                            throw e.getCause();
                        } finally {
                            if (op != null) counts.computeIfAbsent("ns:" + op, k -> new LongAdder()).add(System.nanoTime() - start);
                        }
                    });
        }

        private static String table(TransactWriteItem i) {
            if (i.put() != null) return i.put().tableName();
            if (i.update() != null) return i.update().tableName();
            if (i.delete() != null) return i.delete().tableName();
            return i.conditionCheck().tableName();
        }

        /** By name, looked up once: the lookup copies every method of the client, a cost that would fall on each request. */
        private static final Map<String, Optional<Method>> REQUEST_METHODS = new ConcurrentHashMap<>();

        private static Method requestMethod(String name) {
            return REQUEST_METHODS.computeIfAbsent(name, n -> {
                for (Method m : DynamoDbClient.class.getMethods()) {
                    if (m.getName().equals(n) && m.getParameterCount() == 1 && DynamoDbRequest.class.isAssignableFrom(m.getParameterTypes()[0])) {
                        return Optional.of(m);
                    }
                }
                return Optional.empty();
            }).orElse(null);
        }

        Map<String, Long> snapshot() {
            Map<String, Long> m = new TreeMap<>();
            counts.forEach((k, v) -> m.put(k, v.sum()));
            return m;
        }
    }

    /** What both sides wrote, against what they were delivered; prints each check and returns whether all hold. */
    private static boolean check(DynamoDbClient dynamo, Tables tables, AchievementRepository repo, Map<String, Expected> expected, long delivered) {
        boolean ok = true;
        int stateMismatches = 0;
        for (Map.Entry<String, Expected> e : new TreeMap<>(expected).entrySet()) {
            LearnerAchievements stored = repo.read(e.getKey()).state();
            boolean consumer = e.getKey().startsWith("ach-");
            if (!stored.progress().equals(e.getValue().progress) || !stored.unlocked().equals(consumer ? e.getValue().unlocked : Set.of())) {
                if (stateMismatches++ < 5) {
                    System.out.println("check: " + e.getKey() + " stored " + stored + ", replay " + e.getValue().progress + " " + e.getValue().unlocked);
                }
            }
        }
        ok &= report(stateMismatches == 0, "%d learners' stored progress and unlocks = the engine's replay of their events (%d differ)",
                expected.size(), stateMismatches);

        long markers = 0, seen = 0, learnersCounted = 0;
        Map<String, Long> unlockedPerLevel = new TreeMap<>(), holdersPerLevel = new TreeMap<>();
        Set<String> unlocks = new HashSet<>();
        for (Map<String, AttributeValue> item : scan(dynamo, tables.economy())) {
            String user = Attr.str(item, "userId"), id = Attr.str(item, "itemId");
            if (user.startsWith(AchievementRepository.RARITY)) {
                learnersCounted += Attr.num(item, "learners", 0);
                item.forEach((name, v) -> {
                    if (name.startsWith("h:")) holdersPerLevel.merge(name.substring(2), Long.parseLong(v.n()), Long::sum);
                });
            } else if (id.startsWith(MARKER)) {
                markers++;
            } else if (id.startsWith(UNLOCK)) {
                unlockedPerLevel.merge(id.substring(UNLOCK.length()), 1L, Long::sum);
                unlocks.add(user + " " + id.substring(UNLOCK.length()));
            } else if (id.equals(SEEN)) {
                seen++;
            }
        }
        holdersPerLevel.values().removeIf(n -> n == 0);
        ok &= report(markers == delivered, "%d fact markers for %d events delivered", markers, delivered);
        ok &= report(learnersCounted == seen && holdersPerLevel.equals(unlockedPerLevel),
                "rarity counters: %d learners counted for %d active, %d holders for %d unlocks (%d levels held)",
                learnersCounted, seen, holdersPerLevel.values().stream().mapToLong(Long::longValue).sum(), unlocks.size(), unlockedPerLevel.size());

        Set<String> paid = new HashSet<>();
        long otherLines = 0, badges = 0;
        for (Map<String, AttributeValue> line : scan(dynamo, tables.ledger())) {
            String entry = Attr.str(line, "entryId");
            if (!entry.startsWith(Unlock.GRANT_PREFIX)) {
                otherLines++;
            } else if (entry.endsWith("|BADGE")) {
                badges++;
                paid.add(Attr.str(line, "userId") + " " + entry.substring(Unlock.GRANT_PREFIX.length(), entry.indexOf('|')));
            }
        }
        ok &= report(paid.equals(unlocks) && badges == unlocks.size() && otherLines == 0,
                "each unlock paid once: %d ACHIEVEMENT# badge lines for %d unlocks, %d other ledger lines", badges, unlocks.size(), otherLines);
        return ok;
    }

    private static boolean report(boolean holds, String format, Object... args) {
        System.out.println("check " + (holds ? "ok" : "FAILED") + ": " + String.format(Locale.ROOT, format, args));
        return holds;
    }

    private static List<Map<String, AttributeValue>> scan(DynamoDbClient dynamo, String table) {
        List<Map<String, AttributeValue>> out = new ArrayList<>();
        dynamo.scanPaginator(b -> b.tableName(table).consistentRead(true)).items().forEach(out::add);
        return out;
    }

    private AchievementsBench() {}
}
