package dev.pyquest.local;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pyquest.domain.Json;
import dev.pyquest.domain.content.Difficulty;
import dev.pyquest.domain.rewards.Economy;
import dev.pyquest.domain.rewards.Grant;
import dev.pyquest.domain.rewards.Reward;
import dev.pyquest.domain.rewards.RewardKind;
import dev.pyquest.domain.rewards.RewardRules;
import dev.pyquest.events.OutboxRelayFunction;
import dev.pyquest.events.RewardsFunction;
import dev.pyquest.local.economy.InvariantCheck;
import dev.pyquest.shared.config.Tables;
import dev.pyquest.shared.rewards.RewardsService;
import dev.pyquest.shared.store.Attr;
import dev.pyquest.shared.store.LearnerRepository;
import dev.pyquest.shared.store.Submission;
import dev.pyquest.shared.store.SubmissionRepository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rewards service and consumers on DynamoDB Local: exactly once under races and redelivery. */
class RewardsIT {
    private static final RewardRules RULES = new RewardRules(Economy.bundled());
    private static final Path EVENTS = LocalStack.findRoot().resolve("events");
    private Engines engines;

    @BeforeEach
    void start() {
        engines = new Engines(Clock.systemUTC());
    }

    /** Whatever a test did, the economy's invariants hold over every table afterwards. */
    @AfterEach
    void stop() {
        try {
            InvariantCheck.Report report = InvariantCheck.run(engines.bean(DynamoDbClient.class), engines.bean(Tables.class));
            assertTrue(report.clean(), report.summary() + ": " + report.violations());
        } finally {
            engines.close();
        }
    }

    private static <T> List<T> race(int n, Callable<T> task) throws Exception {
        return Race.run(n, task);
    }

    private List<Map<String, AttributeValue>> ledger(String userId) {
        return engines.bean(DynamoDbClient.class).query(b -> b.tableName(engines.bean(Tables.class).ledger())
                .keyConditionExpression("userId = :u").expressionAttributeValues(Map.of(":u", Attr.s(userId)))
                .consistentRead(true)).items();
    }

    /** Per learner, through the invariant checker: ledger sum = wallet, nothing negative, one grant per key. */
    private void assertInvariant(String userId) {
        InvariantCheck.Report report = InvariantCheck.run(engines.bean(DynamoDbClient.class), engines.bean(Tables.class));
        assertEquals(List.of(), report.of(userId), report.summary());
    }

    @Test
    void fiftyConcurrentIdenticalGrantsWriteOneLedgerEntryPerReward() throws Exception {
        RewardsService rewards = engines.bean(RewardsService.class);
        List<RewardsService.Outcome> outcomes = race(50, () -> rewards.grant(
                RULES.firstPass("u1", "ex-0001", "sum-of-evens", Difficulty.EASY, "judged#s-1", null)));
        assertEquals(1, outcomes.stream().filter(o -> o == RewardsService.Outcome.GRANTED).count(), outcomes.toString());
        assertEquals(49, outcomes.stream().filter(o -> o == RewardsService.Outcome.ALREADY_GRANTED).count());
        assertEquals(2, ledger("u1").size());
        assertEquals(10, engines.bean(LearnerRepository.class).get("u1").xp());
        assertInvariant("u1");
    }

    @Test
    void twentyConcurrentDistinctGrantsAllLand() throws Exception {
        RewardsService rewards = engines.bean(RewardsService.class);
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        List<RewardsService.Outcome> outcomes = race(20, () -> {
            int i = next.getAndIncrement();
            return rewards.grant(new Grant("u2", "TEST#" + i, List.of(new Reward(RewardKind.XP, i + 1, "test " + i),
                    new Reward(RewardKind.DIAMONDS, 1, "test " + i)), "e" + i, null));
        });
        assertTrue(outcomes.stream().allMatch(o -> o == RewardsService.Outcome.GRANTED), outcomes.toString());
        assertEquals(210, engines.bean(LearnerRepository.class).get("u2").xp()); // 1 + 2 + ... + 20
        assertEquals(20, engines.bean(LearnerRepository.class).get("u2").diamonds());
        assertInvariant("u2");
    }

    @Test
    void theRewardsConsumerIsIdempotentOnOurIdsAndIgnoresOtherEvents() throws Exception {
        JsonNode passed = Json.MAPPER.readTree(Files.readString(EVENTS.resolve("code-passed.json")));
        String submissionId = passed.path("detail").path("submissionId").asText();
        engines.bean(SubmissionRepository.class).createOrGet(new Submission(submissionId, "learner-1", "ex-0001", "sum-of-evens",
                "code", "h", Submission.Status.QUEUED, null, null, null, Instant.now()));
        RewardsFunction fn = engines.bean(RewardsFunction.class);
        @SuppressWarnings("unchecked") Map<String, Object> event = Json.MAPPER.convertValue(passed, Map.class);
        assertEquals("GRANTED", fn.handleRequest(event, null).get("outcome"));
        // EventBridge redelivers with a new id of its own: still one grant.
        ObjectNode redelivered = passed.deepCopy();
        redelivered.put("id", "another-eventbridge-id");
        @SuppressWarnings("unchecked") Map<String, Object> again = Json.MAPPER.convertValue(redelivered, Map.class);
        assertEquals("ALREADY_GRANTED", fn.handleRequest(again, null).get("outcome"));
        // A later pass of the same exercise (another submission, another event id) grants nothing.
        ObjectNode later = passed.deepCopy();
        ((ObjectNode) later.path("detail")).put("eventId", "judged#s-later").put("submissionId", submissionId);
        @SuppressWarnings("unchecked") Map<String, Object> laterMap = Json.MAPPER.convertValue(later, Map.class);
        assertEquals("ALREADY_GRANTED", fn.handleRequest(laterMap, null).get("outcome"));
        // The sample is the learner's first submission (attempt 1): the first pass with the first-try bonus.
        long firstTryXp = RULES.firstPass("learner-1", "ex-0001", "sum-of-evens", Difficulty.EASY, true, "e", null)
                .amount(RewardKind.XP);
        assertEquals(RULES.firstPassXp(Difficulty.EASY) + Economy.bundled().firstTryBonusXp(), firstTryXp);
        assertEquals(firstTryXp, engines.bean(LearnerRepository.class).get("learner-1").xp());
        assertEquals(2, Json.MAPPER.readTree(engines.bean(SubmissionRepository.class).get(submissionId).get().rewardsJson()).size());
        assertInvariant("learner-1");

        @SuppressWarnings("unchecked") Map<String, Object> failed = Json.MAPPER.convertValue(
                Json.MAPPER.readTree(Files.readString(EVENTS.resolve("code-failed.json"))), Map.class);
        assertEquals("IGNORED", fn.handleRequest(failed, null).get("outcome"));
        assertEquals(firstTryXp, engines.bean(LearnerRepository.class).get("learner-1").xp());
    }

    @Test
    void poisonEventsThrowSoTheyReachTheDlqAndGrantNothing() throws Exception {
        RewardsFunction fn = engines.bean(RewardsFunction.class);
        ObjectNode bad = (ObjectNode) Json.MAPPER.readTree(Files.readString(EVENTS.resolve("code-passed.json")));
        ((ObjectNode) bad.path("detail")).remove("userId");
        @SuppressWarnings("unchecked") Map<String, Object> noUser = Json.MAPPER.convertValue(bad, Map.class);
        assertThrows(IllegalArgumentException.class, () -> fn.handleRequest(noUser, null));
        // A well-formed event naming a submission we do not have: thrown, not silently "already granted".
        @SuppressWarnings("unchecked") Map<String, Object> unknown = Json.MAPPER.convertValue(
                Json.MAPPER.readTree(Files.readString(EVENTS.resolve("code-passed.json"))), Map.class);
        assertThrows(IllegalStateException.class, () -> fn.handleRequest(unknown, null));
        assertTrue(ledger("learner-1").isEmpty());
    }

    @Test
    void theRelayPublishesOutboxInsertsWithOurEventId() throws Exception {
        DynamodbEvent batch = com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers
                .serializerFor(DynamodbEvent.class, RewardsIT.class.getClassLoader())
                .fromJson(Files.readString(EVENTS.resolve("outbox-insert.json")));
        engines.bean(OutboxRelayFunction.class).handleRequest(batch, null);
        assertEquals(1, engines.published.size());
        var e = engines.published.get(0);
        assertEquals("judged#s-0f1e2d3c4b5a69788796a5b4c3d2e1f0", e.eventId());
        assertEquals("CodePassed", e.detailType());
        assertEquals("pyquest.judge", e.source());
        assertEquals(e.eventId(), Json.MAPPER.readTree(e.detailJson()).path("eventId").asText());
    }

    @Test
    void dailyLoginRacesGrantOnce() throws Exception {
        var fn = engines.bean(dev.pyquest.api.ProfileFunction.class);
        List<Integer> granted = race(20, () -> {
            var ev = Json.MAPPER.readValue(Files.readString(EVENTS.resolve("submit-request.json")),
                    com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent.class);
            ev.setRouteKey("POST /daily-login");
            ev.setHeaders(new HashMap<>(Map.of("idempotency-key", java.util.UUID.randomUUID().toString())));
            ev.getRequestContext().getAuthorizer().getJwt().setClaims(new HashMap<>(Map.of("sub", "racer")));
            var r = fn.handleRequest(ev, null);
            assertEquals(200, r.getStatusCode(), r.getBody());
            return Json.MAPPER.readTree(r.getBody()).path("rewards").size();
        });
        assertEquals(1, granted.stream().mapToInt(Integer::intValue).sum(), granted.toString());
        assertEquals(1, engines.bean(LearnerRepository.class).get("racer").streak().current());
        assertInvariant("racer");
    }
}
