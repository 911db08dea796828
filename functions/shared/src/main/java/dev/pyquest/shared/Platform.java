package dev.pyquest.shared;

import dev.pyquest.domain.rewards.Economy;
import dev.pyquest.shared.aws.EventBridgePublisher;
import dev.pyquest.shared.aws.S3JobStore;
import dev.pyquest.shared.aws.SfnWorkflowStarter;
import dev.pyquest.shared.config.AwsClients;
import dev.pyquest.shared.config.Env;
import dev.pyquest.shared.config.Tables;
import dev.pyquest.shared.ports.EventPublisher;
import dev.pyquest.shared.ports.JobStore;
import dev.pyquest.shared.ports.WorkflowStarter;
import dev.pyquest.shared.rewards.RewardsService;
import dev.pyquest.shared.store.CatalogRepository;
import dev.pyquest.shared.store.QuestRepository;
import dev.pyquest.shared.http.EdgeIdempotency;
import dev.pyquest.shared.store.LearnerRepository;
import dev.pyquest.shared.store.LearningRepository;
import dev.pyquest.shared.store.LeaderboardRepository;
import dev.pyquest.domain.leaderboard.Shards;
import dev.pyquest.shared.store.SubmissionRepository;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The composition root every function gets from the application context: clients, repositories,
 * the rewards service and the ports. Built once per container (Lambda's init phase). Ports are
 * created on first use, so a function whose template gives it no state machine never needs one.
 */
public final class Platform {
    private final Env env;
    private final Clock clock;
    private final DynamoDbClient dynamo;
    private final Tables tables;
    private final SubmissionRepository submissions;
    private final CatalogRepository catalog;
    private final LearnerRepository learners;
    private final QuestRepository quests;
    private final RewardsService rewards;
    private final LearningRepository learning;
    private final EdgeIdempotency idempotency;
    private final LeaderboardRepository leaderboard;
    private final Lazy<WorkflowStarter> workflow;
    private final Lazy<EventPublisher> publisher;
    private final Lazy<JobStore> jobs;

    private Platform(Builder b) {
        this.env = b.env;
        this.clock = b.clock;
        this.dynamo = b.dynamo != null ? b.dynamo : AwsClients.dynamo(env);
        this.tables = Tables.from(env);
        this.submissions = new SubmissionRepository(dynamo, tables.submissions(), tables.progress(), tables.outbox());
        this.catalog = new CatalogRepository(dynamo, tables.catalog(), tables.judge());
        this.quests = new QuestRepository(dynamo, tables.economy());
        this.learners = new LearnerRepository(dynamo, tables.learners(), tables.ledger());
        this.learning = new LearningRepository(dynamo, tables.progress(), tables.outbox());
        this.idempotency = new EdgeIdempotency(dynamo, tables.idempotency(), clock);
        this.leaderboard = new LeaderboardRepository(dynamo, tables.leaderboard(), leaderboardShards(env), clock);
        this.rewards = new RewardsService(dynamo, tables.ledger(), tables.learners(), tables.outbox(), tables.submissions(),
                tables.economy(), Economy.standard(), clock);
        this.workflow = new Lazy<>(b.workflow != null ? () -> b.workflow
                : () -> new SfnWorkflowStarter(AwsClients.sfn(env), env.required(Env.STATE_MACHINE_ARN)));
        this.publisher = new Lazy<>(b.publisher != null ? () -> b.publisher
                : () -> new EventBridgePublisher(AwsClients.events(env), env.required(Env.EVENT_BUS_NAME)));
        this.jobs = new Lazy<>(b.jobs != null ? () -> b.jobs
                : () -> new S3JobStore(AwsClients.s3(env), AwsClients.presigner(env), env.required(Env.JOBS_BUCKET)));
    }

    /** The deployed shape: real AWS clients, configured by the environment. */
    public static Platform fromEnvironment(Env env) {
        return builder(env).build();
    }

    public static Builder builder(Env env) {
        return new Builder(env);
    }

    public Env env() { return env; }
    public Clock clock() { return clock; }
    public DynamoDbClient dynamo() { return dynamo; }
    public Tables tables() { return tables; }
    public SubmissionRepository submissions() { return submissions; }
    public CatalogRepository catalog() { return catalog; }
    public QuestRepository quests() { return quests; }
    public LearnerRepository learners() { return learners; }
    public RewardsService rewards() { return rewards; }
    public LearningRepository learning() { return learning; }
    public EdgeIdempotency idempotency() { return idempotency; }
    public LeaderboardRepository leaderboard() { return leaderboard; }
    public WorkflowStarter workflow() { return workflow.get(); }
    public EventPublisher publisher() { return publisher.get(); }
    public JobStore jobs() { return jobs.get(); }

    private static Shards leaderboardShards(Env env) {
        String v = env.optional(Env.LEADERBOARD_SHARDS).orElse(Integer.toString(LeaderboardRepository.DEFAULT_SHARDS));
        try {
            return new Shards(Integer.parseInt(v.trim()));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(Env.LEADERBOARD_SHARDS + " must be a whole number from 1 to " + Shards.MAX + ", not " + v, e);
        }
    }

    public static final class Builder {
        private final Env env;
        private Clock clock = Clock.systemUTC();
        private DynamoDbClient dynamo;
        private WorkflowStarter workflow;
        private EventPublisher publisher;
        private JobStore jobs;

        private Builder(Env env) { this.env = Objects.requireNonNull(env); }

        public Builder clock(Clock c) { this.clock = c; return this; }
        public Builder dynamo(DynamoDbClient d) { this.dynamo = d; return this; }
        public Builder workflow(WorkflowStarter w) { this.workflow = w; return this; }
        public Builder publisher(EventPublisher p) { this.publisher = p; return this; }
        public Builder jobs(JobStore j) { this.jobs = j; return this; }
        public Platform build() { return new Platform(this); }
    }

    private static final class Lazy<T> {
        private final Supplier<T> supplier;
        private volatile T value;

        Lazy(Supplier<T> supplier) { this.supplier = supplier; }

        T get() {
            T v = value;
            if (v == null) {
                synchronized (this) {
                    if (value == null) value = supplier.get();
                    v = value;
                }
            }
            return v;
        }
    }
}
