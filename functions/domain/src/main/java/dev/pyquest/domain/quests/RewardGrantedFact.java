package dev.pyquest.domain.quests;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pyquest.domain.rewards.Economy.Metric;
import dev.pyquest.domain.rewards.RewardKind;
import dev.pyquest.domain.rewards.RewardSource;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * What quests need from a {@code RewardGranted} detail: whose grant, our event id (never
 * EventBridge's), when ({@code at}, or the bus event's {@code time} from older producers), what
 * earned it ({@code source}, {@code attributes}) and the XP actually written (after daily caps).
 * {@link #from} refuses a detail a consumer must not guess at (no user, no event id, a negative or
 * non-integral amount, no time at all) with {@link IllegalArgumentException}: such an event goes to
 * the rule's DLQ rather than counting wrongly.
 */
public record RewardGrantedFact(String eventId, String userId, String source, Map<String, String> attributes,
                                Instant at, long xp) {
    public static final int MAX_EVENT_ID = 512;

    public RewardGrantedFact {
        attributes = Map.copyOf(attributes);
    }

    public static RewardGrantedFact from(JsonNode detail, String busTime) {
        if (detail == null || !detail.isObject()) throw new IllegalArgumentException("RewardGranted without detail");
        String eventId = text(detail, "eventId");
        if (eventId.length() > MAX_EVENT_ID) throw new IllegalArgumentException("RewardGranted eventId is longer than " + MAX_EVENT_ID);
        String userId = text(detail, "userId");
        String source = null;
        JsonNode s = detail.get("source");
        if (s != null && !s.isNull()) {
            if (!s.isTextual() || s.asText().isBlank()) throw new IllegalArgumentException("RewardGranted source must be a string");
            source = s.asText();
        }
        Map<String, String> attributes = new HashMap<>();
        JsonNode a = detail.get("attributes");
        if (a != null && !a.isNull()) {
            if (!a.isObject()) throw new IllegalArgumentException("RewardGranted attributes must be an object");
            for (Iterator<Map.Entry<String, JsonNode>> it = a.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                if (!f.getValue().isTextual()) throw new IllegalArgumentException("RewardGranted attribute " + f.getKey() + " must be a string");
                attributes.put(f.getKey(), f.getValue().asText());
            }
        }
        JsonNode atNode = detail.get("at");
        Instant at = instant(atNode != null && atNode.isTextual() ? atNode.asText() : busTime);
        JsonNode rewards = detail.get("rewards");
        if (rewards == null || !rewards.isArray()) throw new IllegalArgumentException("RewardGranted detail lacks rewards");
        long xp = 0;
        for (JsonNode r : rewards) {
            JsonNode amount = r.get("amount");
            if (amount == null || !amount.isIntegralNumber() || !amount.canConvertToLong()) {
                throw new IllegalArgumentException("RewardGranted reward amount must be a whole number: " + r);
            }
            if (amount.asLong() < 0) throw new IllegalArgumentException("RewardGranted reward amount is negative: " + r);
            if (RewardKind.XP.name().equals(r.path("kind").asText())) xp = Math.addExact(xp, amount.asLong());
        }
        return new RewardGrantedFact(eventId, userId, source, attributes, at, xp);
    }

    /** How much this grant moves a quest counting {@code metric}. */
    public long increment(Metric metric) {
        return switch (metric) {
            // Exercise grants are first passes only (the ledger pays each exercise once).
            case EXERCISES_PASSED -> is(RewardSource.EXERCISE) ? 1 : 0;
            case FIRST_TRY_PASSES -> is(RewardSource.EXERCISE) && "true".equals(attributes.get("firstTry")) ? 1 : 0;
            case HARD_PASSES -> is(RewardSource.EXERCISE) && "HARD".equals(attributes.get("difficulty")) ? 1 : 0;
            // Quest rewards do not feed quests (a claim would otherwise move the next one); unknown or absent sources do.
            case XP_EARNED -> is(RewardSource.QUEST) ? 0 : xp;
            case QUIZZES_PASSED -> is(RewardSource.QUIZ) ? 1 : 0;
            case LESSONS_COMPLETED -> is(RewardSource.LESSON) ? 1 : 0;
        };
    }

    private boolean is(RewardSource s) {
        return s.configName().equals(source);
    }

    private static String text(JsonNode d, String field) {
        JsonNode v = d.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) throw new IllegalArgumentException("RewardGranted detail lacks " + field);
        return v.asText();
    }

    private static Instant instant(String s) {
        if (s == null || s.isBlank()) throw new IllegalArgumentException("RewardGranted has neither detail.at nor the bus event's time");
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("RewardGranted time is not an ISO-8601 instant: " + s);
        }
    }
}
