package dev.pyquest.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.pyquest.domain.Json;
import dev.pyquest.domain.content.ContentLoader;
import dev.pyquest.domain.content.Course;
import dev.pyquest.domain.content.Difficulty;
import dev.pyquest.domain.content.Exercise;
import dev.pyquest.domain.rewards.Economy;
import dev.pyquest.domain.rewards.Grant;
import dev.pyquest.domain.rewards.RewardKind;
import dev.pyquest.domain.rewards.RewardRules;
import dev.pyquest.events.OutboxRelayFunction;
import dev.pyquest.local.economy.InvariantCheck;
import dev.pyquest.shared.Container;
import dev.pyquest.shared.config.Env;
import dev.pyquest.shared.config.Tables;
import dev.pyquest.shared.ports.EventPublisher;
import dev.pyquest.shared.store.Attr;
import dev.pyquest.shared.store.CatalogRepository;
import dev.pyquest.shared.store.LearnerRepository;
import dev.pyquest.shared.store.OutboxEvent;
import dev.pyquest.shared.store.Submission;
import dev.pyquest.shared.store.SubmissionRepository;
import dev.pyquest.workflow.RecordFunction;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.dynamodb.services.local.embedded.DynamoDBEmbedded;
import software.amazon.dynamodb.services.local.shared.access.AmazonDynamoDBLocal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Crashes of the outbox relay, injected where they hurt, on DynamoDB Local and its stream, with the
 * real pieces: Record's transaction writes {@code CodePassed} to the outbox; the real
 * {@link OutboxRelayPoller} reads the stream and keeps its checkpoint file; the real
 * {@link OutboxRelayFunction} publishes to a {@link LocalBus} holding the template's rules, which
 * delivers to the real consumers (RewardsFunction and whatever else the template routes to), whose
 * grants write {@code RewardGranted} to the outbox in turn. Each test ends with the economy's
 * invariants checked over every table.
 */
class RelayCrashIT {
    private static final RewardRules RULES = new RewardRules(Economy.bundled());
    private static final Path ROOT = LocalStack.findRoot();

    /** A crash we inject: a process dying at that point, or the relay invocation failing there. */
    static final class Crash extends RuntimeException {
        Crash(String where) {
            super("injected crash: " + where);
        }
    }

    @TempDir
    Path data;
    private AmazonDynamoDBLocal dynamoLocal;
    private DynamoDbClient dynamo;
    private ApplicationContext context;
    private LocalBus bus;
    private OutboxRelayFunction relayFunction;
    private String streamArn;
    private Path checkpoint;
    private Exercise easy;
    private Exercise hard;
    private final Map<String, RequestHandler<Object, Object>> consumers = new ConcurrentHashMap<>();
    /** Our event ids, in the order the relay handed them to the bus (a publish repeated after a crash shows twice). */
    private final List<String> published = new CopyOnWriteArrayList<>();
    /** "eventId=OUTCOME" of every RewardsFunction invocation that returned. */
    private final List<String> outcomes = new CopyOnWriteArrayList<>();
    /** When >= 0: the relay publishes that many more events, then dies in the middle of its batch. */
    private final AtomicInteger publishThenCrash = new AtomicInteger(-1);

    @BeforeEach
    @SuppressWarnings({"unchecked", "rawtypes"})
    void start() throws Exception {
        Template template = Template.read(ROOT.resolve("template.yaml"));
        dynamoLocal = DynamoDBEmbedded.create();
        dynamo = dynamoLocal.dynamoDbClient();
        LocalTables.create(template, dynamo);
        Map<String, String> env = new HashMap<>();
        for (String t : template.resources("AWS::DynamoDB::Table").keySet()) {
            env.put(t.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(java.util.Locale.ROOT), t);
        }
        // The template's EventBridge rules, as the local stack builds them, with fast retries; without the
        // achievements consumer, whose grants would add ledger lines to the first passes this test counts.
        List<LocalBus.Rule> rules = LocalStack.rules(template).stream().filter(r -> !r.target().equals(Stacks.ACHIEVEMENTS)).toList();
        bus = new LocalBus(rules, id -> input -> consume(id, input), data.resolve("dlq"), 1);
        EventPublisher relayBus = events -> {
            for (OutboxEvent e : events) {
                if (publishThenCrash.getAndUpdate(n -> n > 0 ? n - 1 : n) == 0) {
                    publishThenCrash.set(-1);
                    throw new Crash("relay died in the middle of its batch");
                }
                published.add(e.eventId());
                bus.publish(List.of(e));
            }
        };
        context = Container.local(new Env(env), dynamo, java.time.Clock.systemUTC(), relayBus);
        for (LocalBus.Rule r : rules) {
            String handler = template.resource(r.target()).orElseThrow().path("Properties").path("Handler").asText();
            consumers.computeIfAbsent(r.target(), k -> {
                try {
                    return (RequestHandler) context.getBean(Class.forName(handler));
                } catch (ClassNotFoundException e) {
                    throw new IllegalStateException(handler, e);
                }
            });
        }
        relayFunction = context.getBean(OutboxRelayFunction.class);
        streamArn = dynamo.describeTable(b -> b.tableName(context.getBean(Tables.class).outbox())).table().latestStreamArn();
        checkpoint = data.resolve("relay-checkpoint.json");
        Course course = ContentLoader.load(ROOT.resolve("content"));
        easy = course.exercises().stream().filter(x -> x.difficulty() == Difficulty.EASY).findFirst().orElseThrow();
        hard = course.exercises().stream().filter(x -> x.difficulty() == Difficulty.HARD).findFirst().orElseThrow();
        context.getBean(CatalogRepository.class).upsert(easy, List.of());
        context.getBean(CatalogRepository.class).upsert(hard, List.of());
    }

    @AfterEach
    void stop() throws Exception {
        try {
            InvariantCheck.Report report = InvariantCheck.run(dynamo, context.getBean(Tables.class));
            assertTrue(report.clean(), report.summary() + ": " + report.violations());
            if (Files.exists(data.resolve("dlq"))) {
                try (Stream<Path> dlq = Files.list(data.resolve("dlq"))) {
                    assertEquals(List.of(), dlq.map(f -> f.getFileName().toString()).toList(), "nothing may reach a dead-letter queue");
                }
            }
        } finally {
            context.close();
            dynamoLocal.shutdown();
        }
    }

    @SuppressWarnings("unchecked")
    /** How many more times the rewards consumer throws before it works again (a fault we inject). */
    private final AtomicInteger rewardsFailures = new AtomicInteger();

    private Object consume(String target, Map<String, Object> event) {
        if ((Object) consumers.get(target) instanceof dev.pyquest.events.RewardsFunction && rewardsFailures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new IllegalStateException("injected: the rewards consumer is failing");
        }
        Object out = consumers.get(target).handleRequest(event, null);
        // The rewards consumer's outcomes; other consumers (the leaderboard) are fed too but not recorded here.
        if ((Object) consumers.get(target) instanceof dev.pyquest.events.RewardsFunction && out instanceof Map<?, ?> m && m.get("outcome") != null) {
            outcomes.add(((Map<String, Object>) event.get("detail")).get("eventId") + "=" + m.get("outcome"));
        }
        return out;
    }

    // ------------------------------------------------------------------ the pieces

    /** A passed submission, recorded by the real Record function: verdict + progress + CodePassed outbox item. */
    private String pass(String userId, String submissionId, Exercise ex) {
        context.getBean(SubmissionRepository.class).createOrGet(new Submission(submissionId, userId, ex.id(), ex.slug(), "code", "h",
                Submission.Status.QUEUED, null, null, null, Instant.now()));
        int n = ex.allTests().size();
        Map<String, Object> out = context.getBean(RecordFunction.class).handleRequest(Map.of("submissionId", submissionId, "userId", userId,
                "activityId", ex.id(), "scored", Map.of("status", "PASSED", "verdict", Map.of("passed", n, "total", n, "tests", List.of()))), null);
        assertEquals(Boolean.TRUE, out.get("recorded"), out.toString());
        return "judged#" + submissionId;
    }

    private static String rewardEvent(String userId, Exercise ex) {
        return "reward#" + userId + "#FIRST_PASS#" + ex.id();
    }

    private OutboxRelayPoller poller(Consumer<DynamodbEvent> relay) {
        return new OutboxRelayPoller(dynamoLocal.dynamoDbStreamsClient(), streamArn, relay, checkpoint);
    }

    private void realRelay(DynamodbEvent batch) {
        relayFunction.handleRequest(batch, null);
    }

    private static boolean holds(DynamodbEvent batch, String eventId) {
        return batch.getRecords().stream().anyMatch(r -> eventId.equals(r.getDynamodb().getKeys().get("eventId").getS()));
    }

    /** Polls until the stream has nothing new for a while; a crash injected on the way propagates. */
    private static void drain(OutboxRelayPoller p) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        for (int idle = 0; idle < 5; ) {
            if (System.nanoTime() > deadline) fail("the outbox stream did not settle within 30 s");
            if (p.pollOnce()) {
                idle = 0;
            } else {
                idle++;
                Thread.sleep(20);
            }
        }
    }

    private long count(String eventId) {
        return published.stream().filter(eventId::equals).count();
    }

    private List<Map<String, AttributeValue>> ledger(String userId) {
        return dynamo.query(b -> b.tableName(context.getBean(Tables.class).ledger()).consistentRead(true)
                .keyConditionExpression("userId = :u").expressionAttributeValues(Map.of(":u", Attr.s(userId)))).items();
    }

    /**
     * One first-pass grant per exercise, and a wallet holding exactly what the rules give for them: the
     * first-try bonus when the event that made the grant was the learner's first submission (attempt 1).
     */
    private void assertGrantedOnce(String userId, Exercise... exercises) throws Exception {
        List<Map<String, AttributeValue>> entries = ledger(userId);
        assertEquals(2 * exercises.length, entries.size(), userId + " ledger: " + entries);
        long xp = 0, diamonds = 0;
        for (Exercise ex : exercises) {
            String key = "FIRST_PASS#" + ex.id();
            Map<String, AttributeValue> xpLine = entries.stream().filter(i -> (key + "|XP").equals(Attr.str(i, "entryId"))).findFirst()
                    .orElseThrow(() -> new AssertionError(key + " XP for " + userId));
            assertTrue(entries.stream().anyMatch(i -> (key + "|DIAMONDS").equals(Attr.str(i, "entryId"))), key + " DIAMONDS for " + userId);
            int attempt = Json.MAPPER.readTree(outboxEvent(Attr.str(xpLine, "sourceEventId")).detailJson()).path("attempt").asInt();
            Grant expected = RULES.firstPass(userId, ex.id(), ex.slug(), ex.difficulty(), attempt == 1, "e", null);
            xp += expected.amount(RewardKind.XP);
            diamonds += expected.amount(RewardKind.DIAMONDS);
        }
        var learner = context.getBean(LearnerRepository.class).get(userId);
        assertEquals(xp, learner.xp(), "xp of " + userId);
        assertEquals(diamonds, learner.diamonds(), "diamonds of " + userId);
    }

    // ------------------------------------------------------------------ (a) after commit, before publish

    /** The relay invocation fails before publishing (twice); the running poller retries from its checkpoint. */
    @Test
    void aRelayThatFailsBeforePublishingIsRetriedAndTheGrantLandsOnce() throws Exception {
        String passed = pass("ada", "s-a1", easy);
        AtomicInteger deliveries = new AtomicInteger();
        OutboxRelayPoller p = poller(batch -> {
            if (holds(batch, passed) && deliveries.incrementAndGet() <= 2) throw new Crash("after commit, before publish");
            realRelay(batch);
        });
        Thread t = new Thread(p, "relay-under-test");
        t.start();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (count(rewardEvent("ada", easy)) == 0) {
            if (System.nanoTime() > deadline) fail("the grant's event was never published; published: " + published);
            Thread.sleep(20);
        }
        p.stop();
        t.interrupt();
        t.join(5000);
        assertEquals(3, deliveries.get(), "two failed deliveries of the batch, then one that went through");
        assertEquals(1, count(passed), "published once: nothing before the crashes, once after");
        assertEquals(1, count(rewardEvent("ada", easy)));
        assertEquals(List.of(passed + "=GRANTED"), outcomes);
        assertGrantedOnce("ada", easy);
        // The checkpoint moved past both: a poller started from it has nothing to replay.
        int before = published.size();
        drain(poller(this::realRelay));
        assertEquals(before, published.size(), "replayed after acknowledgement: " + published);
    }

    /** The poller process dies before publishing; a new one, from the same checkpoint file, delivers the event. */
    @Test
    void aPollerThatDiesBeforePublishingLosesNothing() throws Exception {
        String earlier = pass("bob", "s-b1", hard);
        OutboxRelayPoller first = poller(this::realRelay);
        drain(first);
        assertTrue(Files.exists(checkpoint), "the first batch was acknowledged");
        String passed = pass("ada", "s-a1", easy);
        first = poller(batch -> {
            if (holds(batch, passed)) throw new Crash("after commit, before publish");
            realRelay(batch);
        });
        OutboxRelayPoller dying = first;
        assertThrows(Crash.class, () -> drain(dying));
        assertEquals(0, count(passed), "the crash came before publishing");
        assertGrantedOnce("ada");

        drain(poller(this::realRelay));
        assertEquals(1, count(passed), "published by the next poller: nothing lost");
        assertEquals(1, count(rewardEvent("ada", easy)));
        assertEquals(1, count(earlier), "what was acknowledged before the crash is not replayed");
        assertEquals(List.of(earlier + "=GRANTED", passed + "=GRANTED"), outcomes);
        assertGrantedOnce("ada", easy);
        assertGrantedOnce("bob", hard);
    }

    // ------------------------------------------------------------------ (b) after publish, before acknowledgement

    /** The function published (and the consumer granted); the poller dies before its checkpoint moves; the next one replays. */
    @Test
    void aPollerThatDiesAfterPublishingReplaysTheBatchAndTheGrantStaysSingle() throws Exception {
        String passed = pass("ada", "s-a1", easy);
        OutboxRelayPoller dying = poller(this::realRelay);
        dying.beforeCheckpoint(batch -> {
            if (holds(batch, passed)) throw new Crash("after publish, before checkpoint");
        });
        assertThrows(Crash.class, () -> drain(dying));
        assertEquals(1, count(passed));
        assertEquals(List.of(passed + "=GRANTED"), outcomes);
        assertGrantedOnce("ada", easy);

        drain(poller(this::realRelay));
        assertEquals(2, count(passed), "the unacknowledged batch is replayed: " + published);
        assertEquals(List.of(passed + "=GRANTED", passed + "=ALREADY_GRANTED"), outcomes);
        assertEquals(1, count(rewardEvent("ada", easy)), "the grant happened once, so its event exists once");
        assertGrantedOnce("ada", easy);
        Grant expected = RULES.firstPass("ada", easy.id(), easy.slug(), easy.difficulty(), true, "e", null);
        assertEquals("[{\"kind\":\"XP\",\"amount\":" + expected.amount(RewardKind.XP) + ",\"reason\":\"" + expected.rewards().get(0).reason()
                + "\"},{\"kind\":\"DIAMONDS\",\"amount\":" + expected.amount(RewardKind.DIAMONDS) + ",\"reason\":\"" + expected.rewards().get(1).reason()
                + "\"}]", context.getBean(SubmissionRepository.class).get("s-a1").orElseThrow().rewardsJson(), "the submission lists its rewards once");
    }

    /** The relay published the head of a batch and died: the retry publishes the head again, and each grant stays single. */
    @Test
    void aRelayDyingInTheMiddleOfABatchRepublishesItsHeadAndEachGrantStaysSingle() throws Exception {
        List<String> passes = List.of(pass("ada", "s-a1", easy), pass("bob", "s-b1", hard), pass("cyd", "s-c1", easy));
        List<Integer> batchSizes = new CopyOnWriteArrayList<>();
        publishThenCrash.set(1);
        OutboxRelayPoller dying = poller(batch -> {
            batchSizes.add(batch.getRecords().size());
            realRelay(batch);
        });
        assertThrows(Crash.class, () -> drain(dying));
        assertEquals(List.of(3), batchSizes, "the three passes came in one batch");
        assertEquals(List.of(passes.get(0)), published);

        drain(poller(this::realRelay));
        assertEquals(2, count(passes.get(0)), "the head of the batch, published again");
        assertEquals(1, count(passes.get(1)));
        assertEquals(1, count(passes.get(2)));
        assertEquals(List.of(passes.get(0) + "=GRANTED", passes.get(0) + "=ALREADY_GRANTED", passes.get(1) + "=GRANTED",
                passes.get(2) + "=GRANTED"), outcomes);
        assertGrantedOnce("ada", easy);
        assertGrantedOnce("bob", hard);
        assertGrantedOnce("cyd", easy);
    }

    /** The checkpoint is lost (or the mapping re-created at TRIM_HORIZON): the whole stream again grants nothing twice. */
    @Test
    void replayingTheWholeStreamFromItsStartGrantsNothingTwice() throws Exception {
        List<String> passes = List.of(pass("ada", "s-a1", easy), pass("bob", "s-b1", hard), pass("ada", "s-a2", hard));
        drain(poller(this::realRelay));
        List<String> firstRun = List.copyOf(published);
        assertEquals(6, firstRun.size(), "three passes and their three grants: " + firstRun);
        Files.delete(checkpoint);
        drain(poller(this::realRelay));
        for (String id : firstRun) assertEquals(2, count(id), id + " replayed once: " + published);
        assertEquals(6, outcomes.size(), outcomes.toString());
        for (String p : passes) {
            assertEquals(List.of(p + "=GRANTED", p + "=ALREADY_GRANTED"), outcomes.stream().filter(o -> o.startsWith(p + "=")).toList());
        }
        assertGrantedOnce("ada", easy, hard);
        assertGrantedOnce("bob", hard);
    }

    // ------------------------------------------------------------------ a consumer failing past its retries

    /**
     * The rewards consumer fails on every attempt the template allows (Lambda's retries of an asynchronous
     * invoke): the event lands in the rewards DLQ, nothing is granted; once the consumer works again, a redrive
     * grants it exactly once, a second redrive finds nothing, and a duplicate delivery grants nothing more.
     */
    @Test
    void aConsumerFailingPastItsRetriesLeavesItsEventInItsDlqAndARedriveGrantsItOnce() throws Exception {
        LocalBus.Rule rule = LocalStack.rules(Template.read(ROOT.resolve("template.yaml"))).stream()
                .filter(r -> r.name().equals("RewardsFunction.CodePassed")).findFirst().orElseThrow();
        assertEquals("RewardsDlq", rule.deadLetterQueue());
        String passed = pass("ada", "s-a1", easy);
        rewardsFailures.set(rule.maxRetries() + 1);
        drain(poller(this::realRelay));
        assertEquals(0, rewardsFailures.get(), "tried once and retried " + rule.maxRetries() + " times");
        List<JsonNode> dead = bus.deadLetters("RewardsDlq");
        assertEquals(1, dead.size(), String.valueOf(dead));
        assertEquals(passed, dead.get(0).path("event").path("detail").path("eventId").asText());
        assertTrue(dead.get(0).path("error").asText().contains("injected"), dead.get(0).toString());
        assertGrantedOnce("ada");

        rewardsFailures.set(1);                           // still failing: the event stays, with the new error
        assertEquals(0, bus.redrive("RewardsDlq"));
        assertEquals(1, bus.deadLetters("RewardsDlq").size());
        assertGrantedOnce("ada");

        assertEquals(1, bus.redrive("RewardsDlq"));       // working again
        assertEquals(List.of(), bus.deadLetters("RewardsDlq"));
        assertEquals(0, bus.redrive("RewardsDlq"));
        bus.publish(List.of(outboxEvent(passed)));        // and EventBridge's at-least-once: a duplicate
        drain(poller(this::realRelay));                   // the grant's own events reach their consumers
        assertEquals(List.of(passed + "=GRANTED", passed + "=ALREADY_GRANTED"), outcomes);
        assertGrantedOnce("ada", easy);
    }

    // ------------------------------------------------------------------ duplicates and disorder at the consumer

    private OutboxEvent outboxEvent(String eventId) {
        Map<String, AttributeValue> i = dynamo.getItem(b -> b.tableName(context.getBean(Tables.class).outbox()).consistentRead(true)
                .key(Map.of("eventId", Attr.s(eventId)))).item();
        assertTrue(i != null && !i.isEmpty(), "no outbox item " + eventId);
        return new OutboxEvent(eventId, Attr.str(i, "source"), Attr.str(i, "detailType"), Attr.str(i, "detail"), Instant.parse(Attr.str(i, "at")));
    }

    /** A later pass's event arrives before the first pass's: the later one earns the grant, the first one then grants nothing. */
    @Test
    void aLaterPassArrivingFirstTakesTheGrantAndTheEarlierOneGrantsNothing() throws Exception {
        String first = pass("ada", "s-a1", easy);
        String later = pass("ada", "s-a2", easy);
        bus.publish(List.of(outboxEvent(later)));
        bus.publish(List.of(outboxEvent(first)));
        bus.publish(List.of(outboxEvent(later), outboxEvent(first), outboxEvent(later)));
        assertEquals(List.of(later + "=GRANTED", first + "=ALREADY_GRANTED", later + "=ALREADY_GRANTED",
                first + "=ALREADY_GRANTED", later + "=ALREADY_GRANTED"), outcomes);
        // The grant came from the second submission's event: no first-try bonus (the bonus rides on the first pass's grant).
        assertGrantedOnce("ada", easy);
        for (Map<String, AttributeValue> e : ledger("ada")) {
            assertEquals(later, Attr.str(e, "sourceEventId"));
            assertEquals("s-a2", Attr.str(e, "submissionId"));
        }
        assertEquals(2, Json.MAPPER.readTree(context.getBean(SubmissionRepository.class).get("s-a2").orElseThrow().rewardsJson()).size());
        assertEquals("[]", context.getBean(SubmissionRepository.class).get("s-a1").orElseThrow().rewardsJson(), "the earlier pass earned nothing");
    }

    /**
     * Every learner passes two exercises twice; each of those events is delivered three times, in a
     * shuffled order, by four threads at once: one grant per learner and exercise, nothing else.
     */
    @Test
    void aShuffledConcurrentStormOfDuplicatesGrantsEachFirstPassOnce() throws Exception {
        List<String> learners = Stream.of("u0", "u1", "u2", "u3", "u4", "u5").toList();
        List<OutboxEvent> deliveries = new ArrayList<>();
        int n = 0;
        for (String u : learners) {
            for (Exercise ex : List.of(easy, hard)) {
                for (int k = 0; k < 2; k++) {
                    OutboxEvent e = outboxEvent(pass(u, "s-" + (n++), ex));
                    for (int copy = 0; copy < 3; copy++) deliveries.add(e);
                }
            }
        }
        long seed = 20261123L;
        Collections.shuffle(deliveries, new Random(seed));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        AtomicInteger next = new AtomicInteger();
        List<Future<?>> fs = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            fs.add(pool.submit(() -> {
                for (int i; (i = next.getAndIncrement()) < deliveries.size(); ) bus.publish(List.of(deliveries.get(i)));
                return null;
            }));
        }
        for (Future<?> f : fs) f.get();
        pool.shutdown();
        assertEquals(deliveries.size(), outcomes.size(), "every delivery reached the consumer (seed " + seed + ")");
        assertEquals(learners.size() * 2L, outcomes.stream().filter(o -> o.endsWith("=GRANTED")).count(), outcomes.toString());
        assertEquals(deliveries.size() - learners.size() * 2L, outcomes.stream().filter(o -> o.endsWith("=ALREADY_GRANTED")).count());
        for (String u : learners) assertGrantedOnce(u, easy, hard);
    }
}
