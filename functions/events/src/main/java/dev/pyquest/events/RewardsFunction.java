package dev.pyquest.events;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pyquest.domain.Json;
import dev.pyquest.domain.content.Difficulty;
import dev.pyquest.domain.events.DomainEvents;
import dev.pyquest.domain.rewards.Grant;
import dev.pyquest.domain.rewards.RewardRules;
import dev.pyquest.shared.Container;
import dev.pyquest.shared.LambdaFunction;
import dev.pyquest.shared.rewards.RewardsService;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.Map;

/**
 * Rewards consumer: the first pass of an exercise ({@code CodePassed}) or of a quiz ({@code QuizPassed})
 * grants XP and diamonds; a completed lesson ({@code LessonCompleted}) grants XP.
 * Idempotent on our own ids: the grant key is derived from the rule and the activity, so a
 * redelivered event, or the event of a later pass, finds the ledger item there and grants nothing.
 * A malformed event throws, so EventBridge retries it and then parks it in the rule's DLQ.
 */
@Singleton
public class RewardsFunction extends LambdaFunction<Map<String, Object>, Map<String, Object>> {
    private final RewardsService rewards;
    private final RewardRules rules;

    /** Lambda's entry (init phase): the collaborators from the container's context. */
    public RewardsFunction() {
        this(Container.bean(RewardsService.class), Container.bean(RewardRules.class));
    }

    @Inject
    public RewardsFunction(RewardsService rewards, RewardRules rules) {
        super("detail.eventId");
        this.rewards = rewards;
        this.rules = rules;
    }

    @Override
    protected Map<String, Object> handle(Map<String, Object> input) {
        BusEvent e = Json.MAPPER.convertValue(input, BusEvent.class);
        String type = e.detailType();
        if (!DomainEvents.CODE_PASSED.equals(type) && !DomainEvents.QUIZ_PASSED.equals(type)
                && !DomainEvents.LESSON_COMPLETED.equals(type)) {
            return Map.of("outcome", "IGNORED");
        }
        JsonNode d = e.detail();
        if (d == null || !d.isObject()) throw new IllegalArgumentException(type + " without detail");
        String userId = text(d, "userId", type);
        String activityId = text(d, "activityId", type);
        String slug = text(d, "activitySlug", type);
        String eventId = text(d, "eventId", type);
        Grant grant = switch (type) {
            // attempt 1: the learner's first submission on the exercise passed (the first-try bonus).
            case DomainEvents.CODE_PASSED -> rules.firstPass(userId, activityId, slug,
                    Difficulty.valueOf(text(d, "difficulty", type)), d.path("attempt").asInt(0) == 1,
                    eventId, text(d, "submissionId", type));
            case DomainEvents.QUIZ_PASSED -> rules.quizPassed(userId, activityId, slug,
                    Difficulty.valueOf(text(d, "difficulty", type)), eventId);
            default -> rules.lessonCompleted(userId, activityId, slug, eventId);
        };
        return Map.of("outcome", rewards.grant(grant).name());
    }

    private static String text(JsonNode d, String field, String type) {
        JsonNode v = d.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw new IllegalArgumentException(type + " detail lacks " + field);
        }
        return v.asText();
    }
}
