package dev.pyquest.domain.events;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pyquest.domain.Json;

import java.util.Optional;

/**
 * Our domain events, typed: each record is the {@code detail} of one {@code events/schemas/<Type>.v1.json}.
 * Producers build a record and write {@link #toDetailJson()}; consumers get one from
 * {@link BusEvent#read} (or {@link #fromDetail} for a stored detail) and switch over the family.
 *
 * <p>Reading is tolerant of what it does not know and strict about what it does. A field this code
 * does not know is ignored, so a consumer still deployed from before a new optional field (the way
 * CodePassed's {@code attempt} and RewardGranted's {@code at}, {@code source}, {@code attributes}
 * came) keeps working; the schemas' {@code additionalProperties: false} binds producers, and tests
 * check everything we write against them. A field we do know must have its JSON type (no {@code "15"}
 * for 15, no 1.5 for a whole number) and a value the record's constructor accepts; otherwise reading
 * throws {@link IllegalArgumentException}, so EventBridge retries the event and then parks it in the
 * rule's DLQ rather than a consumer guessing. Id and slug patterns are the producers' contract, checked
 * by the schemas in tests; a consumer only needs a non-blank id to dedupe on.
 */
public sealed interface DomainEvent permits CodePassed, CodeFailed, QuizPassed, LessonCompleted, RewardGranted,
        AchievementUnlocked, ActivitySkipped {
    /** Ours, deterministic; what consumers dedupe on (never EventBridge's id). */
    String eventId();

    String userId();

    /** The bus event's {@code detail-type}. */
    @JsonIgnore
    String detailType();

    /** The bus event's {@code source} (named so, since RewardGranted has a {@code source} field of its own). */
    @JsonIgnore
    String busSource();

    /** The {@code detail} as the schema spells it: optional fields left out when absent. */
    default ObjectNode toDetail() {
        return Json.MAPPER.valueToTree(this);
    }

    default String toDetailJson() {
        try {
            return Json.MAPPER.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(detailType() + " could not be written", e);
        }
    }

    /**
     * The event of {@code source} and {@code detailType}, read from {@code detail}; empty when that pair
     * is not one of ours (a consumer ignores it). Throws {@link IllegalArgumentException} for a detail
     * of ours that is malformed.
     */
    static Optional<DomainEvent> fromDetail(String source, String detailType, JsonNode detail) {
        if (detailType == null) return Optional.empty();
        DomainEvent e = switch (detailType) {
            case DomainEvents.CODE_PASSED -> DomainEvents.SOURCE_JUDGE.equals(source) ? CodePassed.fromDetail(detail) : null;
            case DomainEvents.CODE_FAILED -> DomainEvents.SOURCE_JUDGE.equals(source) ? CodeFailed.fromDetail(detail) : null;
            case DomainEvents.QUIZ_PASSED -> DomainEvents.SOURCE_LEARNING.equals(source) ? QuizPassed.fromDetail(detail) : null;
            case DomainEvents.LESSON_COMPLETED -> DomainEvents.SOURCE_LEARNING.equals(source) ? LessonCompleted.fromDetail(detail) : null;
            case DomainEvents.ACTIVITY_SKIPPED -> DomainEvents.SOURCE_LEARNING.equals(source) ? ActivitySkipped.fromDetail(detail) : null;
            case DomainEvents.REWARD_GRANTED -> DomainEvents.SOURCE_REWARDS.equals(source) ? RewardGranted.fromDetail(detail) : null;
            case DomainEvents.ACHIEVEMENT_UNLOCKED ->
                    DomainEvents.SOURCE_ACHIEVEMENTS.equals(source) ? AchievementUnlocked.fromDetail(detail) : null;
            default -> null;
        };
        return Optional.ofNullable(e);
    }

    /** {@link #fromDetail(String, String, JsonNode)} of a detail stored as text (an outbox item's). */
    static Optional<DomainEvent> fromDetailJson(String source, String detailType, String detailJson) {
        JsonNode detail;
        try {
            detail = detailJson == null ? null : Json.MAPPER.readTree(detailJson);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(detailType + " detail is not JSON: " + e.getOriginalMessage());
        }
        return fromDetail(source, detailType, detail);
    }
}
