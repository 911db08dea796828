package dev.pyquest.events;

import dev.pyquest.domain.Json;
import dev.pyquest.domain.content.Difficulty;
import dev.pyquest.domain.rewards.Grant;
import dev.pyquest.domain.rewards.Economy;
import dev.pyquest.domain.rewards.RewardRules;
import dev.pyquest.shared.rewards.RewardsService;
import dev.pyquest.shared.store.LearningRepository;
import dev.pyquest.shared.testing.RecordingDynamo;
import dev.pyquest.shared.testing.Samples;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rewards consumer on the sample events of {@code events/}, its writes recorded instead of sent. */
class RewardsFunctionTest {
    private final Economy economy = Economy.bundled();
    /** Hints learner-1 bought of ex-0001 (the progress row the consumer reads); 0: no row. */
    private int hintsBought;
    private final RecordingDynamo dynamo = new RecordingDynamo(get -> get.tableName().equals("Progress") && hintsBought > 0
            && get.key().get("activityId").s().equals("ex-0001") && get.key().get("userId").s().equals("learner-1")
            ? Map.of("hintsRevealed", AttributeValue.fromN(Integer.toString(hintsBought))) : null);
    private final RewardsService rewards = new RewardsService(dynamo.client(), "Ledger", "Learners", "Outbox", "Submissions", "Economy",
            economy, Clock.fixed(Instant.parse("2026-11-23T10:16:00Z"), ZoneOffset.UTC));
    private final RewardsFunction function = new RewardsFunction(rewards,
            new RewardRules(economy), new LearningRepository(dynamo.client(), "Progress", "Outbox"),
            new dev.pyquest.shared.payments.ReferralsService(new dev.pyquest.shared.payments.ReferralsRepository(dynamo.client(),
                    "Payments", "Learners", "Ledger"), rewards, Clock.systemUTC()));

    /** The attributes of the RewardGranted the grant put in the outbox. */
    private Map<String, String> grantedAttributes() throws Exception {
        for (TransactWriteItem i : dynamo.transactItems()) {
            if (i.put() != null && i.put().tableName().equals("Outbox")) {
                Map<String, String> out = new HashMap<>();
                Json.MAPPER.readTree(i.put().item().get("detail").s()).path("attributes").fields()
                        .forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
                return out;
            }
        }
        throw new AssertionError("no RewardGranted in the outbox: " + dynamo.requests);
    }

    /** The ledger items the grant wrote, entry id to amount. */
    private Map<String, Long> ledger() {
        Map<String, Long> out = new HashMap<>();
        for (TransactWriteItem i : dynamo.transactItems()) {
            if (i.put() != null && i.put().tableName().equals("Ledger")) {
                out.put(i.put().item().get("entryId").s(), Long.parseLong(i.put().item().get("amount").n()));
            }
        }
        return out;
    }

    @Test
    void aFirstPassOnTheFirstTryGrantsTheExercisesXpWithTheBonusAndItsDiamonds() {
        assertEquals(Map.of("outcome", "GRANTED"), function.handleRequest(Samples.event("code-passed.json"), null));
        assertEquals(Map.of("FIRST_PASS#ex-0001|XP", economy.exerciseXp().get(Difficulty.EASY) + economy.firstTryBonusXp(),
                "FIRST_PASS#ex-0001|DIAMONDS", economy.exerciseDiamonds().get(Difficulty.EASY)), ledger());
    }

    @Test
    void aFirstPassSaysWhetherTheLearnerBoughtAHintOfTheExercise() throws Exception {
        function.handleRequest(Samples.event("code-passed.json"), null);
        assertEquals("false", grantedAttributes().get(Grant.ATTR_HINT_BOUGHT));
        dynamo.requests.clear();
        hintsBought = 2;
        function.handleRequest(Samples.event("code-passed.json"), null);
        assertEquals("true", grantedAttributes().get(Grant.ATTR_HINT_BOUGHT));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aPassOnALaterAttemptGrantsNoFirstTryBonus() {
        Map<String, Object> event = Samples.event("code-passed.json");
        ((Map<String, Object>) event.get("detail")).put("attempt", 3);
        function.handleRequest(event, null);
        assertEquals(economy.exerciseXp().get(Difficulty.EASY), ledger().get("FIRST_PASS#ex-0001|XP"));
    }

    @Test
    void aQuizPassAndACompletedLessonGrantWhatTheEconomySays() {
        assertEquals(Map.of("outcome", "GRANTED"), function.handleRequest(Samples.event("quiz-passed.json"), null));
        assertEquals(Map.of("outcome", "GRANTED"), function.handleRequest(Samples.event("lesson-completed.json"), null));
        Map<String, Long> ledger = ledger();
        assertTrue(ledger.keySet().stream().anyMatch(k -> k.startsWith("QUIZ_PASSED#") && k.endsWith("|XP")), ledger.toString());
        assertTrue(ledger.entrySet().stream().anyMatch(e -> e.getKey().startsWith("LESSON_COMPLETED#") && e.getKey().endsWith("|XP")
                && e.getValue() == economy.lessonXp()), ledger.toString());
    }

    @Test
    void aFailedSubmissionGrantsNothingAndWritesNothing() {
        assertEquals(Map.of("outcome", "IGNORED"), function.handleRequest(Samples.event("code-failed.json"), null));
        assertEquals(List.of(), dynamo.requests);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aPassWithoutAUserIsRefusedSoTheBusRetriesAndParksIt() {
        Map<String, Object> event = Samples.event("code-passed.json");
        ((Map<String, Object>) event.get("detail")).remove("userId");
        assertThrows(IllegalArgumentException.class, () -> function.handleRequest(event, null));
        assertEquals(List.of(), dynamo.requests);
    }
}
