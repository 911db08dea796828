package dev.pyquest.events;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pyquest.domain.Json;
import dev.pyquest.domain.content.Difficulty;
import dev.pyquest.domain.events.DomainEvents;
import dev.pyquest.domain.rewards.RewardRules;
import dev.pyquest.shared.LambdaFunction;
import dev.pyquest.shared.rewards.RewardsService;
import io.micronaut.context.ApplicationContext;

import java.util.Map;

/**
 * Rewards consumer: on {@code CodePassed}, the first pass of an exercise grants XP and diamonds.
 * Idempotent on our own ids: the grant key is derived from the rule and the activity, so a
 * redelivered event, or the event of a later pass, finds the ledger item there and grants nothing.
 * A malformed event throws, so EventBridge retries it and then parks it in the rule's DLQ.
 */
public class RewardsFunction extends LambdaFunction<Map<String, Object>, Map<String, Object>> {
    public RewardsFunction() {
        super("detail.eventId");
    }

    public RewardsFunction(ApplicationContext context) {
        super(context, "detail.eventId");
    }

    @Override
    protected Map<String, Object> handle(Map<String, Object> input) {
        BusEvent e = Json.MAPPER.convertValue(input, BusEvent.class);
        if (!DomainEvents.CODE_PASSED.equals(e.detailType())) {
            return Map.of("outcome", "IGNORED");
        }
        JsonNode d = e.detail();
        if (d == null || !d.isObject()) throw new IllegalArgumentException("CodePassed without detail");
        RewardsService.Outcome outcome = platform.rewards().grant(RewardRules.firstPass(
                text(d, "userId"), text(d, "activityId"), text(d, "activitySlug"),
                Difficulty.valueOf(text(d, "difficulty")), text(d, "eventId"), text(d, "submissionId")));
        return Map.of("outcome", outcome.name());
    }

    private static String text(JsonNode d, String field) {
        JsonNode v = d.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw new IllegalArgumentException("CodePassed detail lacks " + field);
        }
        return v.asText();
    }
}
