package dev.pyquest.events;

import dev.pyquest.domain.achievements.AchievementEngine;
import dev.pyquest.domain.mastery.Bkt;
import dev.pyquest.domain.mastery.Evidence;
import dev.pyquest.domain.mastery.Fsrs;
import dev.pyquest.domain.mastery.Grade;
import dev.pyquest.shared.achievements.AchievementEngines;
import dev.pyquest.shared.store.Attr;
import dev.pyquest.shared.store.LearnerRepository;
import dev.pyquest.shared.store.MasteryRepository;
import dev.pyquest.shared.testing.RecordingDynamo;
import dev.pyquest.shared.testing.Samples;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The mastery consumer on the sample events of {@code events/}, its reads answered from {@code stored} and its writes recorded. */
class MasteryFunctionTest {
    private static final AchievementEngine ENGINE = AchievementEngine.load(Samples.root().resolve("content"));
    private static final Instant NOW = Instant.parse("2026-11-23T10:16:00Z");
    private static final LocalDate DAY = LocalDate.parse("2026-11-23");
    /** The sample events' exercises are easy. */
    private static final Bkt EXERCISE = Bkt.forExercise(dev.pyquest.domain.content.Difficulty.EASY);

    /** Mastery items by itemId (learner-1's). */
    private final Map<String, Map<String, AttributeValue>> stored = new HashMap<>();
    private final RecordingDynamo dynamo = new RecordingDynamo(this::find);

    private Map<String, AttributeValue> find(GetItemRequest r) {
        return "Mastery".equals(r.tableName()) ? stored.get(r.key().get("itemId").s()) : null;
    }

    private MasteryFunction function(DynamoDbClient client) {
        return new MasteryFunction(new MasteryRepository(client, "Mastery"), new LearnerRepository(client, "Learners", "Ledger"),
                AchievementEngines.fixed(ENGINE), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private MasteryFunction function() {
        return function(dynamo.client());
    }

    private List<TransactWriteItemsRequest> transactions() {
        return dynamo.of(TransactWriteItemsRequest.class);
    }

    private static Put put(TransactWriteItemsRequest r, String itemId) {
        return r.transactItems().stream().map(TransactWriteItem::put)
                .filter(p -> p != null && itemId.equals(p.item().get("itemId").s())).findFirst()
                .orElseThrow(() -> new AssertionError("no " + itemId + " in " + r));
    }

    private static boolean writes(TransactWriteItemsRequest r, String itemId) {
        return r.transactItems().stream().map(TransactWriteItem::put).anyMatch(p -> p != null && itemId.equals(p.item().get("itemId").s()));
    }

    private static double n(Put p, String attr) {
        return Double.parseDouble(p.item().get(attr).n());
    }

    /** A skill item as the repository stores it, at version {@code version}. */
    private static Map<String, AttributeValue> skill(String id, double pKnown, int observations, String level, int attempts, long version) {
        Map<String, AttributeValue> i = new HashMap<>();
        i.put("userId", Attr.s("learner-1"));
        i.put("itemId", Attr.s("skill#" + id));
        i.put("pKnown", AttributeValue.fromN(Double.toString(pKnown)));
        i.put("observations", Attr.n(observations));
        i.put("level", Attr.s(level));
        i.put("attempts", Attr.n(attempts));
        i.put("lessons", Attr.n(0));
        i.put("stability", AttributeValue.fromN("2.3065"));
        i.put("difficulty", AttributeValue.fromN("2.118103970459016"));
        i.put("lastReviewed", Attr.s("2026-11-20"));
        i.put("due", Attr.s("2026-11-22"));
        i.put("reviews", Attr.n(1));
        i.put("lapses", Attr.n(0));
        i.put("version", Attr.n(version));
        return i;
    }

    private void passedAt(String activityId, int attempt, long version) {
        stored.put("act#" + activityId, Map.of("userId", Attr.s("learner-1"), "itemId", Attr.s("act#" + activityId),
                "passedAttempt", Attr.n(attempt), "version", Attr.n(version)));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> withAttempt(String sample, int attempt) {
        Map<String, Object> e = Samples.event(sample);
        ((Map<String, Object>) e.get("detail")).put("attempt", attempt);
        return e;
    }

    @Test
    void aFirstPassOfAnExerciseIsOneRightAnswerOnEachOfItsSkillsWrittenWithItsMarkerInOneTransaction() {
        Map<String, Object> out = function().handleRequest(Samples.event("code-passed.json"), null);
        assertEquals("APPLIED", out.get("outcome"), out.toString());
        assertEquals(true, out.get("evidence"));
        assertEquals(Map.of("loops", "FAMILIAR", "conditionals", "FAMILIAR"), out.get("levels"));

        assertEquals(1, transactions().size());
        TransactWriteItemsRequest tx = transactions().get(0);
        Put marker = tx.transactItems().get(0).put();
        assertEquals("event#judged#s-0f1e2d3c4b5a69788796a5b4c3d2e1f0", marker.item().get("itemId").s(), "the marker first: its failure means already applied");
        assertEquals("attribute_not_exists(itemId)", marker.conditionExpression());
        assertEquals(NOW.plus(MasteryRepository.KEEP_MARKER).getEpochSecond(), Long.parseLong(marker.item().get("expiresAt").n()));
        for (String s : List.of("loops", "conditionals")) {
            Put p = put(tx, "skill#" + s);
            assertEquals("Mastery", p.tableName());
            assertEquals("attribute_not_exists(itemId)", p.conditionExpression(), "a skill never stored: created, not overwritten");
            assertEquals(EXERCISE.update(Bkt.PRIOR, true), n(p, "pKnown"), 1e-12);
            assertEquals("FAMILIAR", p.item().get("level").s());
            assertEquals("1", p.item().get("observations").n());
            assertEquals("1", p.item().get("attempts").n());
            assertEquals("1", p.item().get("version").n());
            // A first pass at the first attempt is a Good review, due the interval of FSRS's initial Good stability later.
            var first = Fsrs.PYQUEST.first(Grade.GOOD, DAY);
            assertEquals(first.due().toString(), p.item().get("due").s());
            assertEquals(first.memory().stability(), n(p, "stability"), 1e-12);
            assertEquals("2026-11-23", p.item().get("lastReviewed").s());
        }
        Put act = put(tx, "act#ex-0001");
        assertEquals("1", act.item().get("passedAttempt").n(), "later submissions of ex-0001 are no longer evidence");
        assertEquals("attribute_not_exists(itemId)", act.conditionExpression());
        assertEquals(4, tx.transactItems().size(), "marker, two skills, the activity: " + tx);
    }

    @Test
    void aStoredSkillIsUpdatedFromItsReadValuesOnTheConditionThatItsVersionHasNotMoved() {
        stored.put("skill#loops", skill("loops", 0.6, 2, "FAMILIAR", 3, 7));
        function().handleRequest(Samples.event("code-passed.json"), null);
        Put p = put(transactions().get(0), "skill#loops");
        assertEquals("#ver = :v", p.conditionExpression());
        assertEquals("version", p.expressionAttributeNames().get("#ver"));
        assertEquals("7", p.expressionAttributeValues().get(":v").n());
        assertEquals("8", p.item().get("version").n());
        assertEquals(EXERCISE.update(0.6, true), n(p, "pKnown"), 1e-12);
        assertEquals("3", p.item().get("observations").n());
        assertEquals("4", p.item().get("attempts").n());
        assertEquals("2", p.item().get("reviews").n(), "a second review of the stored schedule");
        assertEquals("attribute_not_exists(itemId)", put(transactions().get(0), "skill#conditionals").conditionExpression());
    }

    @Test
    void everyFailedAttemptBeforeThePassIsAWrongAnswerAndAnAgainReview() {
        Map<String, Object> out = function().handleRequest(Samples.event("code-failed.json"), null);  // ex-0002, attempt 2
        assertEquals(true, out.get("evidence"));
        TransactWriteItemsRequest tx = transactions().get(0);
        for (String s : List.of("strings", "lists")) {
            Put p = put(tx, "skill#" + s);
            // Both skills at the prior share the blame of one failed answer that needed both (conjunctive BKT):
            // 0.1 * (1 - 0.9 * 0.18) / (1 - 0.18^2) = 0.0838 / 0.9676 = 0.086606; then + 0.913394 * 0.1 = 0.177945.
            // The independent update would give each the full blame: 0.111.
            assertEquals(0.177945, n(p, "pKnown"), 1e-6);
            assertTrue(n(p, "pKnown") > EXERCISE.update(Bkt.PRIOR, false));
            assertEquals("ATTEMPTED", p.item().get("level").s());
            assertEquals(Fsrs.PYQUEST.first(Grade.AGAIN, DAY).due().toString(), p.item().get("due").s());
        }
        Put act = put(tx, "act#ex-0002");
        assertNull(act.item().get("passedAttempt"), "a fail does not pass the activity");
        assertEquals("2", act.item().get("attempts").n(), "the judge's attempt 2: two failures so far, what the next step steps back on");
        assertEquals("attribute_not_exists(itemId)", act.conditionExpression());
    }

    @Test
    void aSubmissionAfterTheExerciseWasPassedCountsAsAnAttemptAndAReviewButNotAsEvidence() {
        stored.put("skill#loops", skill("loops", 0.6, 1, "FAMILIAR", 1, 1));
        stored.put("skill#conditionals", skill("conditionals", 0.6, 1, "FAMILIAR", 1, 1));
        passedAt("ex-0001", 1, 1);
        Map<String, Object> out = function().handleRequest(withAttempt("code-passed.json", 2), null);
        assertEquals(false, out.get("evidence"), "re-sending a solution one has is no evidence");
        TransactWriteItemsRequest tx = transactions().get(0);
        Put p = put(tx, "skill#loops");
        assertEquals(0.6, n(p, "pKnown"), 0);
        assertEquals("1", p.item().get("observations").n());
        assertEquals("2", p.item().get("attempts").n(), "every attempt counts");
        assertEquals("2", p.item().get("reviews").n());
        Put act = put(tx, "act#ex-0001");
        assertEquals("1", act.item().get("passedAttempt").n(), "the first pass stays the first");
        assertEquals("2", act.item().get("attempts").n());
        assertEquals("#ver = :v", act.conditionExpression());
    }

    @Test
    void aFailedAttemptDeliveredAfterALaterPassStillCountsBecauseTheJudgeNumberedItBeforeThePass() {
        passedAt("ex-0002", 3, 1);
        Map<String, Object> out = function().handleRequest(Samples.event("code-failed.json"), null);  // attempt 2
        assertEquals(true, out.get("evidence"));
        passedAt("ex-0002", 1, 2);
        dynamo.requests.clear();
        assertEquals(false, function().handleRequest(Samples.event("code-failed.json"), null).get("evidence"),
                "attempt 2 after a first-attempt pass is past the pass");
    }

    @Test
    void aPassedQuizIsOneChoiceAnswerPerQuestionTheMissesFirstOnItsFirstPassOnly() {
        function().handleRequest(Samples.event("quiz-passed.json"), null);  // qz-0002 (strings), 5 of 6
        TransactWriteItemsRequest tx = transactions().get(0);
        Bkt choice = Bkt.forEvidence(Evidence.CHOICE_QUESTION);
        double p = choice.update(Bkt.PRIOR, false);
        for (int i = 0; i < 5; i++) p = choice.update(p, true);
        Put strings = put(tx, "skill#strings");
        assertEquals(p, n(strings, "pKnown"), 1e-12);
        assertEquals("6", strings.item().get("observations").n());
        assertEquals("1", strings.item().get("attempts").n());
        assertEquals("1", put(tx, "act#qz-0002").item().get("passedAttempt").n());

        passedAt("qz-0002", 1, 1);
        dynamo.requests.clear();
        assertEquals(false, function().handleRequest(Samples.event("quiz-passed.json"), null).get("evidence"));
    }

    @Test
    void aLessonReadIsALearningOpportunityButNeitherEvidenceNorAReviewAndMarksTheLessonDone() {
        function().handleRequest(Samples.event("lesson-completed.json"), null);
        Put strings = put(transactions().get(0), "skill#strings");
        assertEquals("1", strings.item().get("lessons").n());
        assertEquals("0", strings.item().get("attempts").n());
        assertEquals("0", strings.item().get("observations").n());
        assertEquals("NOT_STARTED", strings.item().get("level").s(), "no answer yet: the level does not move");
        assertEquals(0.1 + 0.9 * Bkt.LESSON_LEARN, n(strings, "pKnown"), 1e-12, "BKT's learning step, without an observation");
        assertNull(strings.item().get("due"));
        String lesson = transactions().get(0).transactItems().stream().map(t -> t.put().item().get("itemId").s())
                .filter(i -> i.startsWith("act#")).findFirst().orElseThrow();
        assertEquals("1", put(transactions().get(0), lesson).item().get("passedAttempt").n(), "read: done for the path");
    }

    @Test
    void aSkipMarksTheActivitysRecordSkippedKeepsItsAttemptsAndMovesNoSkill() {
        stored.put("act#ex-0029", Map.of("userId", Attr.s("learner-1"), "itemId", Attr.s("act#ex-0029"), "attempts", Attr.n(2),
                "version", Attr.n(3)));
        Map<String, Object> out = function().handleRequest(Samples.event("activity-skipped.json"), null);
        assertEquals("APPLIED", out.get("outcome"), out.toString());
        TransactWriteItemsRequest tx = transactions().get(0);
        assertEquals(2, tx.transactItems().size(), "the marker and the activity, no skill: " + tx);
        assertEquals("event#skip#learner-1#ex-0029", tx.transactItems().get(0).put().item().get("itemId").s());
        Put act = put(tx, "act#ex-0029");
        assertEquals(true, act.item().get("skipped").bool());
        assertEquals("2", act.item().get("attempts").n(), "the failures before the skip stay");
        assertNull(act.item().get("passedAttempt"), "skipped is not passed");
        assertEquals("#ver = :v", act.conditionExpression());
    }

    @Test
    void aRedeliveryFindsItsMarkerAndCountsNothingAgain() {
        AtomicInteger calls = new AtomicInteger();
        DynamoDbClient client = failing(calls, 1, 0);
        assertEquals(Map.of("outcome", "ALREADY_APPLIED"), function(client).handleRequest(Samples.event("code-passed.json"), null));
        assertEquals(1, calls.get(), "no second try");
    }

    @Test
    void aConcurrentChangeOfASkillIsReReadAndCountedAgain() {
        AtomicInteger calls = new AtomicInteger();
        DynamoDbClient client = failing(calls, 1, 1);
        assertEquals("APPLIED", function(client).handleRequest(Samples.event("code-passed.json"), null).get("outcome"));
        assertEquals(2, calls.get());
        long reads = dynamo.of(GetItemRequest.class).stream().filter(r -> r.tableName().equals("Mastery") && r.key().get("itemId").s().equals("skill#loops")).count();
        assertEquals(2, reads, "the skill read again before the second try");
        assertTrue(dynamo.of(GetItemRequest.class).stream().allMatch(r -> Boolean.TRUE.equals(r.consistentRead())));
    }

    @Test
    void aSkillThatNeverStopsMovingThrowsForEventBridgeToRetry() {
        AtomicInteger calls = new AtomicInteger();
        DynamoDbClient client = failing(calls, Integer.MAX_VALUE, 1);
        assertThrows(IllegalStateException.class, () -> function(client).handleRequest(Samples.event("code-passed.json"), null));
        assertEquals(MasteryFunction.ATTEMPTS, calls.get());
    }

    @Test
    void eventsOfNoActivityOrOfAnActivityWithoutSkillsAreIgnoredWithoutAWrite() {
        assertEquals(Map.of("outcome", "IGNORED"), function().handleRequest(Samples.event("reward-granted.json"), null));
        Map<String, Object> unknown = Samples.event("code-passed.json");
        @SuppressWarnings("unchecked") Map<String, Object> d = (Map<String, Object>) unknown.get("detail");
        d.put("activityId", "ex-9999");
        assertEquals(Map.of("outcome", "IGNORED"), function().handleRequest(unknown, null));
        assertEquals(List.of(), dynamo.requests);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aBrokenDetailThrowsSoTheRuleRetriesAndParksIt() {
        Map<String, Object> event = Samples.event("code-failed.json");
        ((Map<String, Object>) event.get("detail")).remove("userId");
        assertThrows(IllegalArgumentException.class, () -> function().handleRequest(event, null));
        Map<String, Object> zero = withAttempt("code-passed.json", 0);
        assertThrows(IllegalArgumentException.class, () -> function().handleRequest(zero, null));
        assertEquals(List.of(), transactions(), "nothing half-written");
    }

    /**
     * The recording client, whose first {@code failures} transactions are cancelled on the condition of item
     * {@code index} (0: the marker, already there; 1: the first skill, moved).
     */
    private DynamoDbClient failing(AtomicInteger calls, int failures, int index) {
        DynamoDbClient inner = dynamo.client();
        return (DynamoDbClient) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{DynamoDbClient.class}, (proxy, m, args) -> {
            if (m.getName().equals("transactWriteItems") && calls.incrementAndGet() <= failures) {
                List<CancellationReason> reasons = new ArrayList<>();
                for (int i = 0; i < 4; i++) reasons.add(CancellationReason.builder().code(i == index ? "ConditionalCheckFailed" : "None").build());
                throw TransactionCanceledException.builder().cancellationReasons(reasons).message("cancelled").build();
            }
            try {
                return m.invoke(inner, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        });
    }
}
