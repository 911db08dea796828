package dev.pyquest.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pyquest.asl.Execution;
import dev.pyquest.asl.StateMachine;
import dev.pyquest.asl.TaskBinding;
import dev.pyquest.asl.TaskFailure;
import dev.pyquest.domain.Json;
import dev.pyquest.domain.content.Course;
import dev.pyquest.gateway.JwtAuthorizer;
import dev.pyquest.gateway.JwtKeys;
import dev.pyquest.gateway.LocalGateway;
import dev.pyquest.gateway.Route;
import dev.pyquest.gateway.StaticFiles;
import dev.pyquest.gateway.TokenIssuer;
import dev.pyquest.domain.payments.PriceBook;
import dev.pyquest.local.payments.DevPayments;
import dev.pyquest.local.payments.LocalPaymentProvider;
import dev.pyquest.shared.payments.PaymentsRepository;
import dev.pyquest.shared.ports.CountrySource;
import dev.pyquest.shared.Container;
import dev.pyquest.shared.config.Env;
import dev.pyquest.shared.config.Tables;
import dev.pyquest.shared.ports.WorkflowStarter;
import dev.pyquest.shared.store.Attr;
import dev.pyquest.shared.store.CatalogRepository;
import dev.pyquest.shared.store.SubmissionRepository;
import io.micronaut.context.ApplicationContext;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.dynamodb.services.local.embedded.DynamoDBEmbedded;
import software.amazon.dynamodb.services.local.shared.access.AmazonDynamoDBLocal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The whole platform in one process, on real engines, read from the project's sources of truth:
 * DynamoDB Local (tables from {@code template.yaml}), the template's HTTP routes behind the JWT
 * authorizer's checks, its EventBridge rules matched by Event Ruler, {@code statemachines/*.asl.json}
 * run by our interpreter with Lambda tasks bound to the in-process functions and the Fargate task
 * bound to the bubblewrap sandbox, and {@code content/} loaded by stable id.
 */
public final class LocalStack implements AutoCloseable {
    public static final String JWT_ISSUER = "https://pyquest.local";
    public static final String JWT_AUDIENCE = "pyquest";
    private static final System.Logger LOG = System.getLogger(LocalStack.class.getName());

    /**
     * How the local stack is set up; {@link #fromEnvironment()} reads PYQUEST_* variables. {@code functionsOff}: logical ids of the template's functions whose EventBridge rules the bus leaves out
     * (a test that pins exact wallet amounts of one feature switches off a consumer that pays asynchronously
     * on top, e.g. AchievementsFunction); empty in {@link #fromEnvironment()}: the stack runs every function.
     */
    public record Config(Path root, Path dataDir, String host, int port, int workers, int judgeSlots, Sandbox sandbox, Clock clock,
                         java.util.Set<String> functionsOff, Path webDir) {
        public Config {
            functionsOff = java.util.Set.copyOf(functionsOff);
        }

        public static Config fromEnvironment() {
            Path root = findRoot();
            String data = System.getenv().getOrDefault("PYQUEST_DATA", root.resolve(".pyquest").toString());
            int port = Integer.parseInt(System.getenv().getOrDefault("PYQUEST_PORT", "8080"));
            int workers = Integer.parseInt(System.getenv().getOrDefault("PYQUEST_WORKERS",
                    Integer.toString(Math.max(2, Runtime.getRuntime().availableProcessors()))));
            // The learner app's build (web/build.mjs); absent until built, and then / says how to build it.
            String web = System.getenv().getOrDefault("PYQUEST_WEB_DIR", root.resolve("web").resolve("dist").toString());
            return new Config(root, Path.of(data), "127.0.0.1", port, workers, JudgeQueue.slotsFromEnvironment(), Sandbox.local(), Clock.systemUTC(),
                    java.util.Set.of(), Path.of(web));
        }

        public Config withDataDir(Path d) { return new Config(root, d, host, port, workers, judgeSlots, sandbox, clock, functionsOff, webDir); }
        public Config withPort(int p) { return new Config(root, dataDir, host, p, workers, judgeSlots, sandbox, clock, functionsOff, webDir); }
        public Config withSandbox(Sandbox s) { return new Config(root, dataDir, host, port, workers, judgeSlots, s, clock, functionsOff, webDir); }
        public Config withClock(Clock c) { return new Config(root, dataDir, host, port, workers, judgeSlots, sandbox, c, functionsOff, webDir); }
        public Config withJudgeSlots(int n) { return new Config(root, dataDir, host, port, workers, n, sandbox, clock, functionsOff, webDir); }
        public Config withoutFunctions(String... logicalIds) {
            java.util.Set<String> off = new java.util.HashSet<>(functionsOff);
            off.addAll(List.of(logicalIds));
            return new Config(root, dataDir, host, port, workers, judgeSlots, sandbox, clock, off, webDir);
        }

        public Config withWebDir(Path w) { return new Config(root, dataDir, host, port, workers, judgeSlots, sandbox, clock, functionsOff, w); }
    }

    /** The repository root: $PYQUEST_HOME, or the nearest folder upwards holding template.yaml. */
    public static Path findRoot() {
        String home = System.getenv("PYQUEST_HOME");
        if (home != null && !home.isBlank()) return Path.of(home).toAbsolutePath();
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("template.yaml")) && Files.isDirectory(p.resolve("statemachines"))) return p;
        }
        throw new IllegalStateException("cannot find the PyQuest repository (template.yaml); set PYQUEST_HOME");
    }

    private final Config config;
    private final AmazonDynamoDBLocal dynamoLocal;
    private final ApplicationContext context;
    /** Whose submission an execution judges (the workflow's turns are per learner). */
    private final SubmissionRepository submissions;
    private final Map<String, RequestHandler<Object, Object>> functions = new LinkedHashMap<>();
    private final Map<String, Integer> timeouts = new HashMap<>();
    private final Map<String, StateMachine> stateMachines = new HashMap<>();
    private final ExecutorService workflows;
    /** Threads for executions, most of them waiting for their turn (two per learner at most: the in-flight cap). */
    private static final int MAX_EXECUTION_THREADS = 256;
    /**
     * Executions running at once (PYQUEST_WORKERS), one per learner at a time, learners in turn (the
     * same discipline as the judge's). Their Lambda tasks are most of this JVM's writes to DynamoDB
     * Local, whose SQLite serves every request on one thread, each write synced to disk: the more
     * executions at once, the more writes an API read waits behind (40 learners saturating the
     * judge: reads p99 300-500 ms with 4 at once, 130-200 ms with 2). Verdicts queue here instead.
     */
    private final JudgeQueue executions;
    private final Set<String> runningExecutions = ConcurrentHashMap.newKeySet();
    private final LocalSubmissionWatch watch = new LocalSubmissionWatch();
    private final Map<String, Execution> finishedExecutions = new ConcurrentHashMap<>();
    private final LocalBus bus;
    private final OutboxRelayPoller relay;
    private final Thread relayThread;
    private final LocalGateway gateway;
    private final LocalJobStore jobs;
    private final JudgeQueue judge;
    private final LocalPaymentProvider payments;
    private final DevPayments devPayments;

    @SuppressWarnings({"unchecked", "rawtypes"})
    private LocalStack(Config config) {
        this.config = config;
        Template template = Template.read(config.root().resolve("template.yaml"));
        try {
            Files.createDirectories(config.dataDir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data folder " + config.dataDir(), e);
        }
        Path dbDir = config.dataDir().resolve("dynamodb");
        try {
            Files.createDirectories(dbDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // Embedded mode takes the database file itself (the server's -dbPath takes a folder).
        this.dynamoLocal = openDatabase(dbDir.resolve("pyquest.db"));
        DynamoDbClient dynamo = dynamoLocal.dynamoDbClient();
        List<String> created = LocalTables.create(template, dynamo);
        if (!created.isEmpty()) LOG.log(System.Logger.Level.INFO, "created tables " + created);

        this.jobs = new LocalJobStore(config.dataDir().resolve("jobs"));
        this.judge = new JudgeQueue(config.judgeSlots());
        // A thread per execution, waiting for its turn in `executions`: a learner's execution that
        // has to wait (their previous one still runs) holds no place another learner needs, as a
        // FIFO pool in front of the judge did.
        java.util.concurrent.ThreadPoolExecutor pool = new java.util.concurrent.ThreadPoolExecutor(
                MAX_EXECUTION_THREADS, MAX_EXECUTION_THREADS, 30, TimeUnit.SECONDS, new java.util.concurrent.LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "workflow");
            t.setDaemon(true);
            return t;
        });
        pool.allowCoreThreadTimeOut(true);
        this.workflows = pool;
        this.executions = new JudgeQueue(config.workers());
        WorkflowStarter starter = this::startExecution;
        List<LocalBus.Rule> rules = rules(template).stream().filter(r -> !config.functionsOff().contains(r.target())).toList();
        this.bus = new LocalBus(rules, name -> input -> invoke(name, input), config.dataDir().resolve("dlq"), 50);
        // The adapters of the local stack in place of AWS's; the functions, repositories and services
        // are built from them by the same factories as in Lambda.
        this.payments = new LocalPaymentProvider(config.dataDir().resolve("payments-webhook-secret"),
                () -> "http://" + config.host() + ":" + port(), PriceBook.bundled());
        this.context = Container.local(new Env(environment(template)), dynamo, config.clock(), starter, bus, jobs, watch,
                payments, CountrySource.TOKEN_CLAIM);
        this.submissions = context.getBean(SubmissionRepository.class);

        for (Map.Entry<String, JsonNode> f : template.resources("AWS::Serverless::Function").entrySet()) {
            String handler = f.getValue().path("Properties").path("Handler").asText();
            functions.put(f.getKey(), (RequestHandler) instantiate(handler));
            timeouts.put(f.getKey(), f.getValue().path("Properties").path("Timeout")
                    .asInt(template.root().path("Globals").path("Function").path("Timeout").asInt(30)));
        }
        for (Map.Entry<String, JsonNode> sm : template.resources("AWS::Serverless::StateMachine").entrySet()) {
            stateMachines.put(sm.getKey(), stateMachine(template, sm.getValue()));
        }

        loadContent(config.root().resolve("content"));

        this.relay = relayPoller(template, dynamoLocal);
        this.relayThread = new Thread(relay, "outbox-relay");
        this.relayThread.setDaemon(true);
        this.relayThread.start();

        this.devPayments = new DevPayments(payments, context.getBean(PaymentsRepository.class), config.clock(),
                () -> "http://" + config.host() + ":" + port());
        JwtKeys keys = JwtKeys.loadOrCreate(config.dataDir().resolve("jwt-key.json"));
        this.gateway = new LocalGateway(new InetSocketAddress(config.host(), config.port()), routes(template),
                new JwtAuthorizer(keys, JWT_ISSUER, JWT_AUDIENCE, config.clock()),
                new TokenIssuer(keys, JWT_ISSUER, JWT_AUDIENCE, config.clock()), StaticFiles.at(config.webDir()));
        this.gateway.start();
        resumeUnfinishedSubmissions();
    }

    /**
     * DynamoDB Local on its SQLite file. A stack that has just stopped (a restart, a test reopening
     * the same folder) may still hold the file's lock for a moment while its last writes finish:
     * opening waits up to 10 s for it rather than failing the start.
     */
    private static AmazonDynamoDBLocal openDatabase(Path file) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try {
                return DynamoDBEmbedded.create(file.toFile());
            } catch (RuntimeException e) {
                boolean locked = String.valueOf(e.getMessage()).contains("database is locked");
                if (!locked || System.nanoTime() > deadline) throw e;
                LOG.log(System.Logger.Level.INFO, "the database " + file + " is still locked by a stack stopping; waiting");
                try {
                    Thread.sleep(200);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    public static LocalStack start(Config config) {
        return new LocalStack(config);
    }

    public int port() { return gateway.port(); }
    /** A collaborator as the stack's functions get it (a repository, the rewards service, a function). */
    public <T> T bean(Class<T> type) { return context.getBean(type); }
    public LocalBus bus() { return bus; }
    public Config config() { return config; }
    public JudgeQueue judge() { return judge; }
    /** The local payment provider (its secret signs the webhooks it sends; tests sign their own deliveries with it). */
    public LocalPaymentProvider payments() { return payments; }

    /** The last finished execution of that name, if any (for tests and debugging). */
    public Execution execution(String name) {
        return finishedExecutions.get(name);
    }

    public static String functionArn(String logicalId) {
        return "arn:aws:lambda:local:000000000000:function:" + logicalId;
    }

    // ------------------------------------------------------------------ functions

    private Object instantiate(String handler) {
        try {
            return context.getBean(Class.forName(handler));
        } catch (ClassNotFoundException | io.micronaut.context.exceptions.NoSuchBeanException e) {
            throw new IllegalStateException("template Handler " + handler + " is not a PyQuest function class: " + e, e);
        }
    }

    private Object invoke(String logicalId, Object input) {
        return invoke(logicalId, input, true);
    }

    /**
     * Calls function {@code logicalId}; {@code mayWrite}: it may have written the outbox, so the relay reads the
     * stream when it returns. A GET route writes no event, and under a read load (dozens of polls a second)
     * nudging after each would keep the relay reading the stream back to back; its idle tick still covers it.
     */
    private Object invoke(String logicalId, Object input, boolean mayWrite) {
        RequestHandler<Object, Object> fn = functions.get(logicalId);
        if (fn == null) throw new IllegalStateException("no function " + logicalId);
        try {
            return fn.handleRequest(input, new LocalContext(logicalId, timeouts.getOrDefault(logicalId, 30)));
        } finally {
            OutboxRelayPoller r = relay;      // null while the stack is still starting
            if (mayWrite && r != null) r.nudge();
        }
    }

    static Map<String, String> environment(Template template) {
        Map<String, String> env = new HashMap<>();
        for (JsonNode f : template.resources("AWS::Serverless::Function").values()) {
            template.environment(f).forEach((k, v) -> env.put(k, resolve(template, v)));
        }
        return env;
    }

    /** Locally a !Ref to a resource is its logical id (tables, bus, bucket) or a local ARN. */
    static String resolve(Template template, JsonNode v) {
        if (v.isTextual()) return v.asText();
        if (v.has("Fn::Sub") && v.get("Fn::Sub").isTextual()) {
            // ${Name} as a !Ref of Name resolves locally, ${Name.Attr} as its !GetAtt; pseudo parameters are "local".
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\$\\{([A-Za-z0-9:]+)(?:\\.[A-Za-z0-9.]+)?}").matcher(v.get("Fn::Sub").asText());
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                String name = m.group(1);
                String value = name.startsWith("AWS::") ? "local" : resolve(template, Json.MAPPER.createObjectNode().put("Ref", name));
                m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(value));
            }
            m.appendTail(out);
            return out.toString();
        }
        String target = Template.target(v).orElseThrow(() -> new IllegalStateException("cannot resolve " + v + " locally"));
        String type = template.resource(target).map(r -> r.path("Type").asText()).orElse("");
        return switch (type) {
            case "AWS::Serverless::StateMachine" -> "arn:aws:states:local:000000000000:stateMachine:" + target;
            case "AWS::Serverless::Function" -> functionArn(target);
            default -> target;
        };
    }

    // ------------------------------------------------------------------ HTTP API

    /** One HTTP route of the template: its method, its path and the function behind it. */
    /** {@code authorized}: behind the API's JWT authorizer, unless the event says {@code Auth: {Authorizer: NONE}}. */
    record RouteSpec(String method, String path, String function, boolean authorized) {}

    static List<RouteSpec> routeSpecs(Template template) {
        List<RouteSpec> routes = new ArrayList<>();
        template.resources("AWS::Serverless::Function").forEach((id, f) ->
                Template.events(f, "HttpApi").values().forEach(e -> routes.add(new RouteSpec(
                        e.path("Method").asText().toUpperCase(java.util.Locale.ROOT), e.path("Path").asText(), id,
                        !e.path("Auth").path("Authorizer").asText("").equals("NONE")))));
        return routes;
    }

    private List<Route> routes(Template template) {
        List<Route> routes = new ArrayList<>(routeSpecs(template).stream().map(r -> new Route(r.method(), r.path(), r.authorized(),
                event -> (APIGatewayV2HTTPResponse) invoke(r.function(), event, !r.method().equals("GET")))).toList());
        routes.add(new Route("POST", "/dev/dlq/{queue}/redrive", false, this::redrive));
        routes.add(new Route("GET", "/dev/payments/{checkoutId}", false, e -> devPayments.checkout(e)));
        routes.add(new Route("POST", "/dev/payments/{checkoutId}/{action}", false, e -> devPayments.act(e)));
        return routes;
    }

    /**
     * The local stack's own route (like {@code /dev/token}, never deployed): hands each event of dead-letter queue
     * {@code queue} to its consumer once more ({@link LocalBus#redrive}) and answers how many went through and how
     * many are left. Only the queues the template's rules name; anything else is a 404 naming them.
     */
    private APIGatewayV2HTTPResponse redrive(com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent event) {
        String queue = event.getPathParameters() == null ? "" : event.getPathParameters().getOrDefault("queue", "");
        java.util.Set<String> queues = new java.util.TreeSet<>();
        bus.rules().forEach(r -> queues.add(r.deadLetterQueue()));
        APIGatewayV2HTTPResponse r = new APIGatewayV2HTTPResponse();
        r.setHeaders(Map.of("content-type", "application/json"));
        if (!queues.contains(queue)) {
            r.setStatusCode(404);
            r.setBody(Json.MAPPER.createObjectNode().put("code", "NOT_FOUND")
                    .put("message", "no dead-letter queue '" + queue + "'; the template's are " + queues).toString());
            return r;
        }
        int redriven = bus.redrive(queue);
        r.setStatusCode(200);
        r.setBody(Json.MAPPER.createObjectNode().put("queue", queue).put("redriven", redriven)
                .put("left", bus.deadLetters(queue).size()).toString());
        return r;
    }

    // ------------------------------------------------------------------ bus and relay

    /**
     * The template's EventBridge rules as AWS wires them (SAM's translation; {@code SamTranslationTest} holds the
     * two together). EventBridge hands an event to Lambda asynchronously, so a consumer that throws is retried
     * by Lambda ({@code EventInvokeConfig.MaximumRetryAttempts}, 2 when absent) and then goes to the function's
     * {@code OnFailure} destination; the rule's own {@code RetryPolicy} and {@code DeadLetterConfig} are for
     * events EventBridge could not hand over at all, which cannot happen in one process. So locally a rule
     * retries and dead-letters as its function's invoke config says. Refused at start: a consumer without an
     * OnFailure queue (AWS would drop the event after its retries), and a rule whose dead-letter queue is named
     * with anything but {@code DeadLetterConfig.Arn} (SAM ignores other keys, and {@code Type} makes a queue of
     * its own that nothing watches).
     */
    static List<LocalBus.Rule> rules(Template template) {
        List<LocalBus.Rule> rules = new ArrayList<>();
        template.resources("AWS::Serverless::Function").forEach((id, f) ->
                Template.events(f, "EventBridgeRule").forEach((name, e) -> {
                    JsonNode dlq = e.path("DeadLetterConfig");
                    java.util.Set<String> keys = new java.util.TreeSet<>();
                    dlq.fieldNames().forEachRemaining(keys::add);
                    if (!keys.equals(java.util.Set.of("Arn")) || Template.target(dlq.path("Arn")).isEmpty()) {
                        throw new IllegalStateException("template.yaml: the rule " + id + "." + name + " must name its dead-letter queue"
                                + " as DeadLetterConfig: {Arn: !GetAtt <Queue>.Arn} and nothing else (SAM ignores other keys, and"
                                + " Type makes a queue of its own), not " + keys);
                    }
                    JsonNode invoke = f.path("Properties").path("EventInvokeConfig");
                    String onFailure = Template.target(invoke.path("DestinationConfig").path("OnFailure").path("Destination"))
                            .orElseThrow(() -> new IllegalStateException("template.yaml: " + id + " consumes the rule " + name
                                    + " but has no EventInvokeConfig.DestinationConfig.OnFailure queue: AWS would drop an event"
                                    + " it failed on after Lambda's retries"));
                    rules.add(new LocalBus.Rule(id + "." + name, e.path("Pattern").toString(), id,
                            invoke.path("MaximumRetryAttempts").asInt(2), onFailure));
                }));
        return rules;
    }

    private OutboxRelayPoller relayPoller(Template template, AmazonDynamoDBLocal local) {
        for (Map.Entry<String, JsonNode> f : template.resources("AWS::Serverless::Function").entrySet()) {
            for (JsonNode e : Template.events(f.getValue(), "DynamoDB").values()) {
                String table = Template.target(e.path("Stream")).orElseThrow();
                String arn = local.dynamoDbClient().describeTable(b -> b.tableName(table)).table().latestStreamArn();
                String fn = f.getKey();
                return new OutboxRelayPoller(local.dynamoDbStreamsClient(), arn, (DynamodbEvent ev) -> invoke(fn, ev),
                        config.dataDir().resolve("relay-checkpoint.json"));
            }
        }
        throw new IllegalStateException("template.yaml has no function reading a DynamoDB stream (the outbox relay)");
    }

    // ------------------------------------------------------------------ workflow

    private StateMachine stateMachine(Template template, JsonNode sm) {
        Path file = template.dir().resolve(sm.path("Properties").path("DefinitionUri").asText());
        Map<String, String> subs = new HashMap<>();
        sm.path("Properties").path("DefinitionSubstitutions").fields()
                .forEachRemaining(e -> subs.put(e.getKey(), resolve(template, e.getValue())));
        try {
            return StateMachine.parse(Files.readString(file), subs);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private void startExecution(String name, String input) {
        if (!runningExecutions.add(name)) return;
        StateMachine sm = stateMachines.values().iterator().next();
        JsonNode in;
        try {
            in = Json.MAPPER.readTree(input);
        } catch (IOException e) {
            runningExecutions.remove(name);
            throw new IllegalArgumentException("execution input is not JSON", e);
        }
        workflows.execute(() -> {
            try (JudgeQueue.Permit turn = executions.acquire(learnerOf(name, in))) {
                Execution ex = sm.start(name, in, this::task);
                finishedExecutions.put(name, ex);
                if (ex.status() == Execution.Status.FAILED) {
                    LOG.log(System.Logger.Level.WARNING, "execution " + name + " failed: " + ex.error() + " " + ex.cause());
                }
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "execution " + name + " crashed", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                runningExecutions.remove(name);
                watch.executionEnded();
            }
        });
    }

    /**
     * Whose submission an execution judges: the input's {@code userId} (the API names the learner when it
     * starts one, which saves a read on the way to the judge), else the submission's (its id is the
     * execution's name), else the name itself.
     */
    private String learnerOf(String submissionId, JsonNode input) {
        String named = input.path("userId").asText("");
        if (!named.isEmpty()) return named;
        return submissions.get(submissionId).map(dev.pyquest.shared.store.Submission::userId).orElse(submissionId);
    }

    private JsonNode task(String resource, JsonNode parameters, dev.pyquest.asl.TaskContext ctx) throws TaskFailure {
        return switch (resource) {
            case "arn:aws:states:::lambda:invoke" -> lambdaTask(parameters);
            case "arn:aws:states:::ecs:runTask.sync" -> sandboxTask(parameters);
            default -> throw new TaskFailure("States.Runtime", "the local stack has no binding for resource " + resource);
        };
    }

    @SuppressWarnings("unchecked")
    private JsonNode lambdaTask(JsonNode parameters) throws TaskFailure {
        String arn = parameters.path("FunctionName").asText();
        String id = arn.substring(arn.lastIndexOf(':') + 1);
        try {
            Object out = invoke(id, Json.MAPPER.convertValue(parameters.path("Payload"), Map.class));
            ObjectNode result = Json.MAPPER.createObjectNode();
            result.put("StatusCode", 200);
            result.set("Payload", Json.MAPPER.valueToTree(out));
            return result;
        } catch (RuntimeException e) {
            // As Lambda reports a function error: errorType is the exception's simple class name.
            throw new TaskFailure(e.getClass().getSimpleName(), String.valueOf(e.getMessage()));
        }
    }

    /**
     * The Fargate task, played by the bubblewrap sandbox: same job in, same report out. Jobs take
     * their turn in the {@link JudgeQueue} by the task's {@code Group} (the learner's judge group,
     * from Prepare): one job per learner at a time, learners in turn, at most the judge's slots at once.
     */
    private JsonNode sandboxTask(JsonNode parameters) throws TaskFailure {
        String group = parameters.path("Group").asText("");
        // Fail closed: without the learner's group the queue could run two of their jobs at once.
        if (group.isBlank()) throw new TaskFailure("States.TaskFailed", "the sandbox task names no Group (the learner's judge group)");
        try (JudgeQueue.Permit turn = judge.acquire(group)) {
            return runSandbox(parameters);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TaskFailure("States.TaskFailed", "interrupted while waiting for the judge");
        }
    }

    private JsonNode runSandbox(JsonNode parameters) throws TaskFailure {
        Map<String, String> env = new HashMap<>();
        for (JsonNode o : parameters.path("Overrides").path("ContainerOverrides")) {
            for (JsonNode e : o.path("Environment")) env.put(e.path("Name").asText(), e.path("Value").asText());
        }
        String jobKey = LocalJobStore.keyOf(env.get("JOB_URL"));
        String resultKey = LocalJobStore.keyOf(env.get("RESULT_URL"));
        byte[] job = jobs.get(jobKey);
        if (job == null) throw new TaskFailure("States.TaskFailed", "no job at " + jobKey);
        byte[] report;
        try {
            report = config.sandbox().run(job);
        } catch (Sandbox.RunFailed e) {
            // As ECS describes the stopped task when fargate_entry.py exits with its run-failed status.
            ObjectNode task = Json.MAPPER.createObjectNode().put("StoppedReason", "Essential container in task exited");
            task.putArray("Containers").addObject().put("Name", "runner")
                    .put("ExitCode", dev.pyquest.domain.judge.JudgeFailure.RUN_FAILED_EXIT).put("Reason", e.getMessage());
            throw new TaskFailure("States.TaskFailed", task.toString());
        } catch (Sandbox.Unavailable e) {
            throw new TaskFailure("States.TaskFailed", "sandbox unavailable: " + e.getMessage());
        }
        jobs.put(resultKey, report);
        return Json.MAPPER.createObjectNode().put("StoppedReason", "Essential container in task exited");
    }

    /** After a restart, submissions left QUEUED or RUNNING are judged again: nothing is lost. */
    private void resumeUnfinishedSubmissions() {
        bean(DynamoDbClient.class).scanPaginator(b -> b.tableName(bean(Tables.class).submissions())
                        .filterExpression("#s IN (:q, :r)").expressionAttributeNames(Map.of("#s", "status"))
                        .expressionAttributeValues(Map.of(":q", Attr.s("QUEUED"), ":r", Attr.s("RUNNING"))))
                .items().forEach(i -> {
                    String id = Attr.str(i, "submissionId");
                    startExecution(id, Json.MAPPER.createObjectNode().put("submissionId", id).put("userId", Attr.str(i, "userId")).toString());
                });
    }

    // ------------------------------------------------------------------ content

    /**
     * Loads (upserts by stable id) the course under {@code dir}: nothing of an invalid batch, nothing
     * for unchanged activities; a renamed slug leaves a redirect. Returns how many activities changed.
     */
    public int loadContent(Path dir) {
        dev.pyquest.local.content.LoadContent.Result r = dev.pyquest.local.content.LoadContent.load(dir, bean(CatalogRepository.class));
        Course course = r.course();
        LOG.log(System.Logger.Level.INFO, "content: " + course.exercises().size() + " exercises, " + course.lessons().size()
                + " lessons, " + course.quizzes().size() + " quizzes, " + r.changed() + " changed");
        return r.changed();
    }

    // ------------------------------------------------------------------ lifecycle

    @Override
    public void close() {
        gateway.close();
        relay.stop();
        relayThread.interrupt();
        workflows.shutdown();
        try {
            if (!workflows.awaitTermination(15, TimeUnit.SECONDS)) {
                workflows.shutdownNow();
                // Interrupted executions finish their current write before the database goes away.
                workflows.awaitTermination(10, TimeUnit.SECONDS);
            }
            relayThread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        context.close();
        dynamoLocal.shutdown();
    }

    public static void main(String[] args) {
        Config config = Config.fromEnvironment();
        LocalStack stack;
        try {
            stack = start(config);
        } catch (RuntimeException e) {
            System.err.println("PyQuest failed to start: " + e.getMessage());
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("PyQuest stopping");
            stack.close();
            System.out.println("PyQuest stopped");
        }, "shutdown"));
        System.out.println("PyQuest ready on http://" + config.host() + ":" + stack.port()
                + " (data in " + config.dataDir().toAbsolutePath() + ")");
    }
}
