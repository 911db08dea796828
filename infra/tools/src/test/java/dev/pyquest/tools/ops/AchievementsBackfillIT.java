package dev.pyquest.tools.ops;

import dev.pyquest.domain.Json;
import dev.pyquest.domain.achievements.AchievementEngine;
import dev.pyquest.domain.achievements.AchievementFact;
import dev.pyquest.domain.achievements.Achievements;
import dev.pyquest.domain.achievements.Evaluation;
import dev.pyquest.domain.content.Difficulty;
import dev.pyquest.domain.events.BusEvent;
import dev.pyquest.domain.events.CodePassed;
import dev.pyquest.domain.events.LessonCompleted;
import dev.pyquest.domain.events.QuizPassed;
import dev.pyquest.events.AchievementsFunction;
import dev.pyquest.local.LocalBus;
import dev.pyquest.local.LocalStack;
import dev.pyquest.local.LocalTables;
import dev.pyquest.local.Template;
import dev.pyquest.local.content.LoadContent;
import dev.pyquest.local.economy.InvariantCheck;
import dev.pyquest.shared.Container;
import dev.pyquest.shared.LambdaFunction;
import dev.pyquest.shared.achievements.AchievementBeans;
import dev.pyquest.shared.achievements.AchievementEngines;
import dev.pyquest.shared.config.Env;
import dev.pyquest.shared.config.Tables;
import dev.pyquest.shared.ports.EventPublisher;
import dev.pyquest.shared.rewards.RewardsService;
import dev.pyquest.shared.store.AchievementRepository;
import dev.pyquest.shared.store.Attr;
import dev.pyquest.shared.store.CatalogRepository;
import dev.pyquest.shared.store.Learner;
import dev.pyquest.shared.store.LearnerRepository;
import dev.pyquest.shared.store.LearningRepository;
import dev.pyquest.shared.store.OutboxEvent;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code ./pyquest achievements-backfill} on DynamoDB Local (over HTTP, as an operator's run reaches it): learners
 * earn their history through the real path (CodePassed, QuizPassed, LessonCompleted on the template's bus rules to
 * the real rewards and achievements consumers), then a rule is added that some of them already qualify for. The
 * backfill unlocks it once and pays it once; a second run writes nothing; a learner it does not concern is
 * untouched; a dry run writes nothing; a fact still on its way counts once; a crash between an unlock and its
 * payment is repaired once; a learner too large for one transaction is named and left as it was. The invariant
 * check holds after each, and so do the rarity counters.
 */
class AchievementsBackfillIT {
    private static final Path ROOT = LocalStack.findRoot();
    private static final Instant T0 = Instant.parse("2026-11-02T09:00:00Z");
    /** The rule added after the learners did the work: three exercises passed. */
    private static final String HAT_TRICK = """
              - id: hat-trick
                name: "Hat trick"
                description: "Pass three exercises."
                kind: count
                event: EXERCISE_FIRST_PASS
                tiers: [{ target: 3, xp: 12, diamonds: 2 }]
            """;

    @TempDir
    Path dlq;

    private DynamoDBProxyServer server;
    private int port;
    private DynamoDbClient dynamo;
    private ApplicationContext context;
    private final Map<String, String> env = new HashMap<>();
    private final MovableClock clock = new MovableClock(T0);
    private final Map<String, Function<Map<String, Object>, Object>> targets = new HashMap<>();
    private String achievementsTarget;
    private LocalBus bus;
    private final Set<String> published = new HashSet<>();
    private final Set<String> held = new HashSet<>();
    private List<CatalogRepository.Activity> exercises, lessons, quizzes;
    private int submissions;
    private final Map<String, String> credentials = new HashMap<>();

    // ------------------------------------------------------------------ the engines

    @BeforeEach
    void start() throws Exception {
        // The command builds its client as in AWS: credentials from the default chain (here, system properties).
        credentials.clear();
        for (String p : List.of("aws.accessKeyId", "aws.secretAccessKey")) {
            credentials.put(p, System.getProperty(p));
            System.setProperty(p, "local");
        }
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        server = ServerRunner.createServerFromCommandLineArgs(new String[]{"-inMemory", "-port", Integer.toString(port), "-disableTelemetry"});
        server.start();
        dynamo = DynamoDbClient.builder().endpointOverride(URI.create("http://127.0.0.1:" + port)).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"))).build();
        Template template = Template.read(ROOT.resolve("template.yaml"));
        LocalTables.create(template, dynamo);
        for (String t : template.resources("AWS::DynamoDB::Table").keySet()) {
            env.put(t.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT), t);
        }
        EventPublisher unused = events -> { throw new IllegalStateException("this test relays the outbox itself"); };
        context = Container.local(new Env(env), dynamo, clock, unused);
        CatalogRepository catalog = context.getBean(CatalogRepository.class);
        LoadContent.load(ROOT.resolve("content"), catalog);
        List<CatalogRepository.Activity> all = catalog.list().stream().sorted(Comparator.comparing(CatalogRepository.Activity::activityId)).toList();
        exercises = all.stream().filter(a -> CatalogRepository.EXERCISE.equals(a.kind()) && a.difficulty() == Difficulty.EASY).toList();
        lessons = all.stream().filter(a -> CatalogRepository.LESSON.equals(a.kind())).toList();
        quizzes = all.stream().filter(a -> CatalogRepository.QUIZ.equals(a.kind())).toList();

        // The template's EventBridge rules, matched by Event Ruler, to the real consumers.
        List<LocalBus.Rule> rules = new ArrayList<>();
        template.resources("AWS::Serverless::Function").forEach((id, f) -> {
            Template.events(f, "EventBridgeRule").forEach((name, e) -> rules.add(new LocalBus.Rule(id + "." + name,
                    e.path("Pattern").toString(), id, 0, id + "-dlq")));
            if (!Template.events(f, "EventBridgeRule").isEmpty()) {
                String handler = f.path("Properties").path("Handler").asText();
                if (handler.equals(AchievementsFunction.class.getName())) achievementsTarget = id;
                targets.put(id, input -> function(handler).handleRequest(input, null));
            }
        });
        bus = new LocalBus(rules, targets::get, dlq, 1);
    }

    @SuppressWarnings("unchecked")
    private LambdaFunction<Map<String, Object>, Map<String, Object>> function(String handler) {
        try {
            return (LambdaFunction<Map<String, Object>, Map<String, Object>>) context.getBean(Class.forName(handler));
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterEach
    void stop() throws Exception {
        credentials.forEach((p, v) -> {
            if (v == null) System.clearProperty(p);
            else System.setProperty(p, v);
        });
        if (context != null) context.close();
        if (dynamo != null) dynamo.close();
        if (server != null) server.stop();
    }

    private <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    /** The rules as deployed with the new one added (the backfill's, and the consumer's after the deploy). */
    private static Achievements rulesWith(String extra) throws Exception {
        return Achievements.parse(Files.readString(ROOT.resolve("content/achievements.yaml")) + extra, null);
    }

    private AchievementEngine engine(Achievements rules) {
        return AchievementEngines.fromCatalog(rules, bean(CatalogRepository.class), clock).current();
    }

    /** The deploy of {@code rules}: from now on the bus hands facts to a consumer running them. */
    private AchievementsFunction deploy(Achievements rules) {
        AchievementsFunction fn = new AchievementsFunction(bean(AchievementRepository.class), bean(LearnerRepository.class),
                bean(RewardsService.class), AchievementEngines.fixed(engine(rules)), clock);
        targets.put(achievementsTarget, input -> fn.handleRequest(input, null));
        return fn;
    }

    // ------------------------------------------------------------------ a learner's history, through the real path

    /** Publishes the outbox items not published yet (except held ones), oldest first, until the consumers write no more. */
    private void relay() {
        while (true) {
            List<OutboxEvent> fresh = new ArrayList<>();
            for (Map<String, AttributeValue> i : scan(env.get("OUTBOX_TABLE"))) {
                String id = Attr.str(i, "eventId");
                if (published.contains(id) || held.contains(id)) continue;
                fresh.add(new OutboxEvent(id, Attr.str(i, "source"), Attr.str(i, "detailType"), Attr.str(i, "detail"),
                        Instant.parse(Attr.str(i, "at"))));
            }
            if (fresh.isEmpty()) return;
            fresh.sort(Comparator.comparing(OutboxEvent::at).thenComparing(OutboxEvent::eventId));
            fresh.forEach(e -> published.add(e.eventId()));
            bus.publish(fresh);
        }
    }

    /** The learner's first pass of the n-th easy exercise, on the first try: the workflow's CodePassed on the bus. */
    private void pass(String user, int n) {
        clock.advance(Duration.ofMinutes(7));
        CatalogRepository.Activity ex = exercises.get(n);
        String submissionId = "s-" + user + "-" + (++submissions);
        // The submission the workflow recorded (the rewards consumer lists the grant's lines in it).
        dynamo.putItem(b -> b.tableName(env.get("SUBMISSIONS_TABLE")).item(Map.of("submissionId", Attr.s(submissionId),
                "userId", Attr.s(user), "activityId", Attr.s(ex.activityId()))));
        Instant now = clock.instant();
        bus.publish(List.of(OutboxEvent.of(new CodePassed("judged#" + submissionId, submissionId, user, ex.activityId(), ex.slug(),
                ex.difficulty(), 3, 3, now, 1), now)));
        relay();
    }

    private void lesson(String user, int n) {
        clock.advance(Duration.ofMinutes(5));
        CatalogRepository.Activity l = lessons.get(n);
        Instant now = clock.instant();
        bean(LearningRepository.class).completeLesson(user, l.activityId(), OutboxEvent.of(new LessonCompleted(
                LessonCompleted.eventId(user, l.activityId()), user, l.activityId(), l.slug(), l.difficulty(), now), now), now);
        relay();
    }

    private void quiz(String user, int n, int percent) {
        clock.advance(Duration.ofMinutes(3));
        CatalogRepository.Activity q = quizzes.get(n);
        Instant now = clock.instant();
        String attempt = "qa-" + user + "-" + n;
        bean(LearningRepository.class).recordQuizAttempt(user, q.activityId(), attempt, percent, true, OutboxEvent.of(new QuizPassed(
                QuizPassed.eventId(attempt), user, q.activityId(), q.slug(), q.difficulty(), now, attempt, percent, 100, percent), now), now);
        relay();
    }

    private String firstPassEvent(String user, int n) {
        return "reward#" + user + "#FIRST_PASS#" + exercises.get(n).activityId();
    }

    /** The outbox item {@code eventId} as the bus delivers it. */
    private Map<String, Object> delivery(String eventId) {
        Map<String, AttributeValue> i = dynamo.getItem(b -> b.tableName(env.get("OUTBOX_TABLE")).key(Map.of("eventId", Attr.s(eventId)))).item();
        assertTrue(i != null && !i.isEmpty(), "no outbox item " + eventId);
        OutboxEvent e = new OutboxEvent(eventId, Attr.str(i, "source"), Attr.str(i, "detailType"), Attr.str(i, "detail"),
                Instant.parse(Attr.str(i, "at")));
        Map<String, Object> env = new HashMap<>(Map.of("version", "0", "id", java.util.UUID.randomUUID().toString(),
                "detail-type", e.detailType(), "source", e.source(), "time", e.at().toString(), "region", "local",
                "account", "000000000000", "resources", List.of()));
        try {
            env.put("detail", Json.MAPPER.readValue(e.detailJson(), Map.class));
        } catch (java.io.IOException ex) {
            throw new IllegalStateException(ex);
        }
        return env;
    }

    // ------------------------------------------------------------------ the command

    private record Run(int exit, String out, String err) {}

    private Run backfill(Achievements rules, String... args) {
        clock.advance(Duration.ofHours(1));
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        Map<String, String> vars = new HashMap<>(env);
        vars.put("AWS_ENDPOINT_URL", "http://127.0.0.1:" + port);
        vars.put("AWS_REGION", "us-east-1");
        int exit = AchievementsBackfillCommand.execute(new Env(vars), rules, clock, args,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        Run run = new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        System.out.print("$ ./pyquest achievements-backfill " + String.join(" ", args) + "\n" + run.out() + run.err() + "exit " + exit + "\n");
        return run;
    }

    // ------------------------------------------------------------------ what the tables say

    private List<Map<String, AttributeValue>> scan(String table) {
        List<Map<String, AttributeValue>> out = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            var r = dynamo.scan(b -> {
                b.tableName(table).consistentRead(true);
                if (from != null) b.exclusiveStartKey(from);
            });
            out.addAll(r.items());
            start = r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty() ? r.lastEvaluatedKey() : null;
        } while (start != null);
        return out;
    }

    /** Every item of every table, by table: two equal snapshots mean nothing was written in between. */
    private Map<String, Set<Map<String, AttributeValue>>> everything() {
        Map<String, Set<Map<String, AttributeValue>>> out = new TreeMap<>();
        for (String table : new TreeSet<>(env.values())) out.put(table, new HashSet<>(scan(table)));
        return out;
    }

    /** Every item that is about {@code user}, in any table: theirs, or an outbox event about them. */
    private Set<Map<String, AttributeValue>> itemsOf(String user) {
        Set<Map<String, AttributeValue>> out = new HashSet<>();
        for (Set<Map<String, AttributeValue>> items : everything().values()) {
            for (Map<String, AttributeValue> i : items) {
                String detail = Attr.str(i, "detail");
                if (user.equals(Attr.str(i, "userId")) || (detail != null && detail.contains("\"userId\":\"" + user + "\""))) out.add(i);
            }
        }
        return out;
    }

    private Map<String, Map<String, AttributeValue>> ledger(String user) {
        Map<String, Map<String, AttributeValue>> out = new TreeMap<>();
        for (Map<String, AttributeValue> l : dynamo.query(b -> b.tableName(env.get("LEDGER_TABLE")).consistentRead(true)
                .keyConditionExpression("userId = :u").expressionAttributeValues(Map.of(":u", Attr.s(user)))).items()) {
            out.put(Attr.str(l, "entryId"), l);
        }
        return out;
    }

    private long outboxCount(String eventId) {
        return scan(env.get("OUTBOX_TABLE")).stream().filter(i -> eventId.equals(Attr.str(i, "eventId"))).count();
    }

    private AchievementRepository.Snapshot achievements(String user) {
        return bean(AchievementRepository.class).read(user);
    }

    private Learner wallet(String user) {
        return bean(LearnerRepository.class).get(user);
    }

    /**
     * Every stored unlock is paid exactly once (the ledger's ACHIEVEMENT lines are the unlocks, with the kinds their
     * level pays, and one RewardGranted each) under {@code rules}; the wallet is the ledger's sum (the invariant
     * check); the rarity counters hold every learner once and every unlock once; nothing is in a DLQ.
     */
    private void assertConsistent(Achievements rules, String... users) {
        for (String user : users) {
            Set<String> unlocked = achievements(user).unlocks().keySet();
            Map<String, Set<String>> paid = new TreeMap<>();
            for (String entry : ledger(user).keySet()) {
                if (!entry.startsWith("ACHIEVEMENT#")) continue;
                paid.computeIfAbsent(entry.substring("ACHIEVEMENT#".length(), entry.indexOf('|')), k -> new TreeSet<>())
                        .add(entry.substring(entry.indexOf('|') + 1));
            }
            assertEquals(new TreeSet<>(unlocked), paid.keySet(), "paid levels = unlocked levels of " + user);
            for (String key : unlocked) {
                var level = rules.unlock(key).orElseThrow().level();
                Set<String> kinds = new TreeSet<>(List.of("BADGE"));
                if (level.xp() > 0) kinds.add("XP");
                if (level.diamonds() > 0) kinds.add("DIAMONDS");
                assertEquals(kinds, paid.get(key), key + " of " + user);
                assertEquals(1, outboxCount("reward#" + user + "#ACHIEVEMENT#" + key), "one RewardGranted for " + key + " of " + user);
                assertEquals(1, outboxCount("achievement#" + user + "#" + key), "one AchievementUnlocked for " + key + " of " + user);
            }
            assertEquals(unlocked.size(), wallet(user).badges(), "badges of " + user);
        }
        // Wallet = ledger, each unlock paid once, rarity counters = the learners and holders of each day.
        InvariantCheck.Report r = InvariantCheck.run(dynamo, Tables.from(new Env(env)));
        assertTrue(r.clean(), r.violations().toString());
        for (String target : targets.keySet()) assertEquals(List.of(), bus.deadLetters(target + "-dlq"), target);
    }

    // ------------------------------------------------------------------ tests

    @Test
    void aNewRuleUnlocksOnceForLearnersWhoQualifyASecondRunChangesNothingAndOthersAreUntouched() throws Exception {
        // ada passes three exercises, reads a lesson, passes a quiz; bob passes one; cy only reads a lesson.
        pass("ada", 0);
        lesson("ada", 0);
        pass("ada", 1);
        quiz("ada", 0, 100);
        pass("ada", 2);
        pass("bob", 0);
        lesson("cy", 0);
        Achievements before = AchievementBeans.bundled();
        assertConsistent(before, "ada", "bob", "cy");
        assertEquals(3, achievements("ada").state().value("problem-solver"));
        Set<String> adaBefore = achievements("ada").unlocks().keySet();

        Achievements after = rulesWith(HAT_TRICK);
        AchievementsFunction consumer = deploy(after);

        // Under the rules the consumer ran, there is nothing to backfill.
        var snapshot = everything();
        Run same = backfill(before);
        assertEquals(0, same.exit(), same.err());
        assertTrue(same.out().contains("achievements-backfill: 3 learners, 0 changed, 0 unlocks"), same.out());
        assertEquals(snapshot, everything(), "nothing written");

        // A dry run with the new rule says what it would do and writes nothing.
        Run dry = backfill(after, "--dry-run");
        assertEquals(0, dry.exit(), dry.err());
        assertTrue(dry.out().contains("learner ada: would unlock [hat-trick], 1 progress values, 0 markers"), dry.out());
        assertTrue(dry.out().contains("learner bob: would unlock [], 1 progress values"), dry.out());
        assertFalse(dry.out().contains("learner cy"), dry.out());
        assertTrue(dry.out().contains("(dry run, nothing written): 3 learners, 2 would change, 1 unlocks"), dry.out());
        assertEquals(snapshot, everything(), "a dry run writes nothing");

        Learner adaWallet = wallet("ada"), bobWallet = wallet("bob");
        var bobLedger = ledger("bob");
        var cyItems = itemsOf("cy");
        Run run = backfill(after);
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("achievements-backfill: 3/3 learners"), run.out());
        assertTrue(run.out().contains("learner ada: unlocked [hat-trick], 1 progress values, 0 markers, pay again [], 1 grants paid"), run.out());
        assertTrue(run.out().contains("achievements-backfill: 3 learners, 2 changed, 1 unlocks, 2 progress values, 0 markers, 1 grants paid"),
                run.out());
        relay(); // the backfill's RewardGranted and AchievementUnlocked reach the other consumers

        // ada: unlocked once, paid once (12 XP, 2 diamonds, a badge), named after the backfill.
        AchievementRepository.Snapshot ada = achievements("ada");
        assertEquals(3, ada.state().value("hat-trick"));
        Set<String> expected = new TreeSet<>(adaBefore);
        expected.add("hat-trick");
        assertEquals(expected, new TreeSet<>(ada.unlocks().keySet()));
        assertTrue(ada.unlocks().get("hat-trick").eventId().startsWith("backfill#"), ada.unlocks().toString());
        assertEquals(adaWallet.xp() + 12, wallet("ada").xp());
        assertEquals(adaWallet.diamonds() + 2, wallet("ada").diamonds());
        assertEquals(adaWallet.badges() + 1, wallet("ada").badges());
        assertEquals(12, Attr.num(ledger("ada").get("ACHIEVEMENT#hat-trick|XP"), "amount", 0));
        // bob does not qualify: his count is kept (so his third pass unlocks it), nothing unlocked, nothing paid.
        assertEquals(1, achievements("bob").state().value("hat-trick"));
        assertFalse(achievements("bob").unlocks().containsKey("hat-trick"));
        assertEquals(bobLedger, ledger("bob"));
        assertEquals(bobWallet, wallet("bob"));
        // cy has nothing the rule reads: not one item of hers changed.
        assertEquals(cyItems, itemsOf("cy"));
        assertConsistent(after, "ada", "bob", "cy");

        // A second run changes nothing: no write at all, the same ledger.
        snapshot = everything();
        Run again = backfill(after);
        assertEquals(0, again.exit(), again.err());
        assertTrue(again.out().contains("achievements-backfill: 3 learners, 0 changed, 0 unlocks, 0 progress values, 0 markers, 0 grants paid"),
                again.out());
        assertEquals(snapshot, everything(), "a second run writes nothing");

        // An old fact delivered again after the backfill counts nothing.
        Map<String, Object> out = consumer.handleRequest(delivery(firstPassEvent("ada", 0)), null);
        assertEquals("ALREADY_APPLIED", out.get("outcome"), out.toString());
        assertEquals(3, achievements("ada").state().value("hat-trick"));
        assertEquals(3, achievements("ada").state().value("problem-solver"));

        // bob goes on under the new rules: his third pass unlocks hat-trick through the consumer, counted from the backfill's 1.
        pass("bob", 1);
        assertFalse(achievements("bob").unlocks().containsKey("hat-trick"));
        pass("bob", 2);
        assertTrue(achievements("bob").unlocks().containsKey("hat-trick"), achievements("bob").unlocks().toString());
        assertFalse(achievements("bob").unlocks().get("hat-trick").eventId().startsWith("backfill#"));
        assertConsistent(after, "ada", "bob", "cy");
    }

    @Test
    void aFactStillOnItsWayWhenTheBackfillRunsCountsOnceWhenItArrives() throws Exception {
        pass("dan", 0);
        pass("dan", 1);
        // dan's third pass is granted, but its RewardGranted has not reached the consumers yet.
        String late = firstPassEvent("dan", 2);
        held.add(late);
        pass("dan", 2);
        assertEquals(2, achievements("dan").state().value("problem-solver"));

        Achievements after = rulesWith(HAT_TRICK);
        AchievementsFunction consumer = deploy(after);
        Run run = backfill(after, "--user", "dan");
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains(", 1 markers,"), "the late fact is marked: " + run.out());
        assertEquals(3, achievements("dan").state().value("problem-solver"), "the backfill counted the late pass");
        assertEquals(3, achievements("dan").state().value("hat-trick"));
        // The new rule, and what the late pass itself crosses (its third first-try pass: sharpshooter bronze).
        Map<String, AchievementRepository.Unlocked> unlocks = achievements("dan").unlocks();
        for (String key : List.of("hat-trick", "sharpshooter#bronze")) {
            assertTrue(unlocks.containsKey(key) && unlocks.get(key).eventId().startsWith("backfill#"), key + ": " + unlocks);
        }

        // It arrives: applied already, nothing counted again (twice, as EventBridge may deliver it).
        for (int i = 0; i < 2; i++) {
            Map<String, Object> out = consumer.handleRequest(delivery(late), null);
            assertEquals("ALREADY_APPLIED", out.get("outcome"), out.toString());
            assertEquals(List.of(), out.get("unlocked"));
        }
        held.remove(late);
        relay();
        assertEquals(3, achievements("dan").state().value("problem-solver"), "not counted twice");
        assertEquals(3, achievements("dan").state().value("hat-trick"), "not counted twice");
        assertConsistent(after, "dan");
        var snapshot = everything();
        assertTrue(backfill(after).out().contains("1 learners, 0 changed"));
        assertEquals(snapshot, everything());
    }

    @Test
    void anUnlockWhosePaymentWasLostIsPaidOnceByTheBackfillAndItsSubmissionListsIt() {
        // eve's first pass: the consumer's transaction commits, then it dies before paying (RewardGranted held back).
        String first = firstPassEvent("eve", 0);
        held.add(first);
        pass("eve", 0);
        AchievementRepository repo = bean(AchievementRepository.class);
        Achievements rules = AchievementBeans.bundled();
        AchievementEngine engine = engine(rules);
        BusEvent e = BusEvent.read(delivery(first)).orElseThrow();
        AchievementFact fact = AchievementFact.of(e.detail(), e.time(), ZoneOffset.UTC, engine.catalog()).orElseThrow();
        AchievementRepository.Snapshot read = repo.read("eve");
        Evaluation ev = engine.evaluate(fact, read.state());
        assertEquals(AchievementRepository.Applied.APPLIED, repo.apply("eve", fact.eventId(), ev, read, fact.at(), clock.instant()));
        assertTrue(ledger("eve").keySet().stream().noneMatch(k -> k.startsWith("ACHIEVEMENT#")), "nothing paid yet");
        List<String> lost = ev.unlocks().stream().map(u -> u.key()).sorted().toList();
        assertTrue(lost.contains("hello-world"), lost.toString());

        Run run = backfill(rules, "--user", "eve");
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("learner eve: unlocked [], 0 progress values, 0 markers, pay again " + lost + ", " + lost.size()
                + " grants paid"), run.out());
        var line = ledger("eve").get("ACHIEVEMENT#hello-world|BADGE");
        assertEquals(first, Attr.str(line, "sourceEventId"), "paid under the fact that made it");
        String submissionId = "s-eve-" + submissions;
        List<String> rewards = dynamo.getItem(b -> b.tableName(env.get("SUBMISSIONS_TABLE"))
                .key(Map.of("submissionId", Attr.s(submissionId)))).item().get("rewards").l().stream().map(AttributeValue::s).toList();
        assertTrue(rewards.stream().anyMatch(r -> r.contains("\"badge\":\"hello-world\"")), rewards.toString());

        // The delivery finally comes: its marker is there, its unlocks paid: nothing more.
        held.remove(first);
        relay();
        assertConsistent(rules, "eve");
        var snapshot = everything();
        Run again = backfill(rules, "--user", "eve");
        assertTrue(again.out().contains("1 learners, 0 changed"), again.out());
        assertEquals(snapshot, everything());
    }

    @Test
    void aLearnerWhoseBackfillExceedsOneTransactionIsNamedAndLeftAsTheyWere() throws Exception {
        pass("fay", 0);
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            many.append("  - id: first-of-many-").append(i).append('\n')
                    .append("    name: \"Many ").append(i).append("\"\n")
                    .append("    description: \"Pass an exercise.\"\n")
                    .append("    kind: first\n    event: EXERCISE_FIRST_PASS\n")
                    .append("    tiers: [{ target: 1, xp: 1, diamonds: 0 }]\n");
        }
        Achievements rules = rulesWith(many.toString());
        var fay = itemsOf("fay");
        Run run = backfill(rules, "--user", "fay");
        assertEquals(1, run.exit(), run.out());
        assertTrue(run.err().contains("learner fay failed"), run.err());
        assertTrue(run.err().contains("writes in one transaction"), run.err());
        assertTrue(run.out().contains("1 learners, 0 changed, 0 unlocks, 0 progress values, 0 markers, 0 grants paid (0 unlocks paid again), 1 failed"),
                run.out());
        assertEquals(fay, itemsOf("fay"), "nothing written for fay");
    }

    @Test
    void badArgumentsAndMissingTablesStopBeforeAnyRead() {
        Run bad = backfill(AchievementBeans.bundled(), "--everyone");
        assertEquals(2, bad.exit());
        assertTrue(bad.err().contains("unknown argument --everyone"), bad.err());
        assertEquals(2, backfill(AchievementBeans.bundled(), "--user").exit());
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = AchievementsBackfillCommand.execute(new Env(Map.of("LEARNERS_TABLE", "LearnersTable")), AchievementBeans.bundled(), clock,
                new String[0], new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(2, exit);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("is not set"), err.toString(StandardCharsets.UTF_8));
    }

    /** The server clock, moved by the test (grants, markers and the backfill read it). */
    static final class MovableClock extends Clock {
        private volatile Instant now;

        MovableClock(Instant start) {
            now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
