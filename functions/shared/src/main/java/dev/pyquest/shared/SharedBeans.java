package dev.pyquest.shared;

import dev.pyquest.domain.leaderboard.Shards;
import dev.pyquest.domain.rewards.Economy;
import dev.pyquest.domain.rewards.RewardRules;
import dev.pyquest.shared.config.AwsClients;
import dev.pyquest.shared.config.Env;
import dev.pyquest.shared.config.Tables;
import dev.pyquest.shared.rewards.RewardsService;
import dev.pyquest.shared.store.AchievementRepository;
import dev.pyquest.shared.store.CatalogRepository;
import dev.pyquest.shared.store.LeaderboardRepository;
import dev.pyquest.shared.store.LearnerRepository;
import dev.pyquest.shared.store.LearningRepository;
import dev.pyquest.shared.store.MasteryRepository;
import dev.pyquest.shared.store.QuestRepository;
import dev.pyquest.shared.store.SubmissionRepository;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;

/**
 * How each collaborator every function group shares is built: one place to read. All are lazy
 * singletons, built when a function asks for them (in Lambda's init phase) and only then. The
 * environment is bound once, here ({@link Env}, {@link Tables}, the leaderboard's shards); the
 * adapters of AWS ({@link Env} from the process, the system clock, a DynamoDB client) give way in
 * the {@link Container#LOCAL} environment to the ones the local stack or a test registers.
 * The clients of one group only (Step Functions, S3, EventBridge) are built by that group's factory.
 */
@Factory
public class SharedBeans {
    @Singleton
    @Requires(notEnv = Container.LOCAL)
    Env env() {
        return Env.system();
    }

    @Singleton
    @Requires(notEnv = Container.LOCAL)
    Clock clock() {
        return Clock.systemUTC();
    }

    @Singleton
    @Requires(notEnv = Container.LOCAL)
    DynamoDbClient dynamo(Env env) {
        return AwsClients.dynamo(env);
    }

    /** How a long poll waits: in Lambda it sleeps; the local stack registers one its workflow wakes. */
    @Singleton
    @Requires(notEnv = Container.LOCAL)
    dev.pyquest.shared.ports.SubmissionWatch submissionWatch() {
        return dev.pyquest.shared.ports.SubmissionWatch.SLEEP;
    }

    @Singleton
    Tables tables(Env env) {
        return Tables.from(env);
    }

    /** The economy every amount comes from (economy.yaml): a value, passed to whatever decides an amount. */
    @Singleton
    Economy economy() {
        return Economy.bundled();
    }

    @Singleton
    RewardRules rewardRules(Economy economy) {
        return new RewardRules(economy);
    }

    @Singleton
    SubmissionRepository submissions(DynamoDbClient dynamo, Tables t) {
        return new SubmissionRepository(dynamo, t.submissions(), t.progress(), t.outbox());
    }

    @Singleton
    CatalogRepository catalog(DynamoDbClient dynamo, Tables t) {
        return new CatalogRepository(dynamo, t.catalog(), t.judge());
    }

    @Singleton
    LearnerRepository learners(DynamoDbClient dynamo, Tables t) {
        return new LearnerRepository(dynamo, t.learners(), t.ledger());
    }

    @Singleton
    LearningRepository learning(DynamoDbClient dynamo, Tables t) {
        return new LearningRepository(dynamo, t.progress(), t.outbox());
    }

    @Singleton
    QuestRepository quests(DynamoDbClient dynamo, Tables t) {
        return new QuestRepository(dynamo, t.economy());
    }

    @Singleton
    AchievementRepository achievements(DynamoDbClient dynamo, Tables t) {
        return new AchievementRepository(dynamo, t.economy(), t.outbox());
    }

    @Singleton
    MasteryRepository mastery(DynamoDbClient dynamo, Tables t) {
        return new MasteryRepository(dynamo, t.mastery());
    }

    @Singleton
    LeaderboardRepository leaderboard(DynamoDbClient dynamo, Tables t, Env env, Clock clock) {
        return new LeaderboardRepository(dynamo, t.leaderboard(), leaderboardShards(env), clock);
    }

    @Singleton
    RewardsService rewards(DynamoDbClient dynamo, Tables t, Economy economy, Clock clock) {
        return new RewardsService(dynamo, t.ledger(), t.learners(), t.outbox(), t.submissions(), t.economy(), economy, clock);
    }

    static Shards leaderboardShards(Env env) {
        String v = env.optional(Env.LEADERBOARD_SHARDS).orElse(Integer.toString(LeaderboardRepository.DEFAULT_SHARDS));
        try {
            return new Shards(Integer.parseInt(v.trim()));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(Env.LEADERBOARD_SHARDS + " must be a whole number from 1 to " + Shards.MAX + ", not " + v, e);
        }
    }
}
