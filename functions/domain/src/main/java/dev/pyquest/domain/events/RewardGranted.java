package dev.pyquest.domain.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.pyquest.domain.rewards.Grant;
import dev.pyquest.domain.rewards.Reward;
import dev.pyquest.domain.rewards.RewardKind;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code RewardGranted} v1 (source {@code pyquest.rewards}): a grant was written to the ledger, exactly
 * once per ({@code userId}, {@code grantKey}); {@code rewards} are the amounts actually written (after
 * daily caps, so an XP of 0 is possible). Optional, because older producers left them out:
 * {@code submissionId}, {@code at} (when the grant was written; consumers fall back to the bus event's
 * {@code time}), {@code source} (what earned it: economy.yaml's source names, kept as text so a source
 * this code does not know yet still reads) and {@code attributes} (empty when absent).
 *
 * <p>A grant grants: a negative amount of any kind is a broken event, not a spend to net out.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RewardGranted(String eventId, String userId, String grantKey, String sourceEventId, String submissionId,
                            List<Reward> rewards, Instant at, String source,
                            @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> attributes) implements DomainEvent {
    /** The longest {@code eventId} we accept: consumers build keys of their own from it (quests' {@code applied#<eventId>}). */
    public static final int MAX_EVENT_ID = 512;

    public RewardGranted {
        String t = DomainEvents.REWARD_GRANTED;
        Detail.id(t, "eventId", eventId);
        if (eventId.length() > MAX_EVENT_ID) throw new IllegalArgumentException(t + " eventId is longer than " + MAX_EVENT_ID);
        Detail.id(t, "userId", userId);
        Detail.id(t, "grantKey", grantKey);
        Detail.id(t, "sourceEventId", sourceEventId);
        if (submissionId != null) Detail.id(t, "submissionId", submissionId);
        if (source != null) Detail.id(t, "source", source);
        if (rewards == null || rewards.isEmpty()) throw new IllegalArgumentException(t + " detail lacks rewards");
        rewards = List.copyOf(rewards);
        Map<RewardKind, Long> sums = new EnumMap<>(RewardKind.class);
        for (Reward r : rewards) {
            if (r.kind() == null) throw new IllegalArgumentException(t + " reward lacks kind: " + r);
            if (r.amount() < 0) throw new IllegalArgumentException(t + " reward amount is negative: " + r);
            Detail.id(t, "rewards.reason", r.reason());
            try {
                sums.merge(r.kind(), r.amount(), Math::addExact);
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException(t + " reward amounts of " + r.kind() + " overflow");
            }
        }
        Map<String, String> sorted = new TreeMap<>();
        if (attributes != null) {
            for (Map.Entry<String, String> a : attributes.entrySet()) {
                if (a.getKey() == null || a.getValue() == null) throw new IllegalArgumentException(t + " attributes must be strings: " + attributes);
                sorted.put(a.getKey(), a.getValue());
            }
        }
        attributes = Collections.unmodifiableMap(sorted);
    }

    /** The event announcing {@code grant}, written at {@code at}; its id is one per learner and grant key, like the grant. */
    public static RewardGranted of(Grant grant, Instant at) {
        return new RewardGranted(eventId(grant.userId(), grant.grantKey()), grant.userId(), grant.grantKey(),
                grant.sourceEventId(), grant.submissionId(), grant.rewards(), at,
                grant.source() == null ? null : grant.source().configName(), grant.attributes());
    }

    /** The id of the RewardGranted of {@code userId}'s grant {@code grantKey}: {@code reward#<userId>#<grantKey>}. */
    public static String eventId(String userId, String grantKey) {
        return "reward#" + userId + "#" + grantKey;
    }

    public static RewardGranted fromDetail(JsonNode detail) {
        Detail d = Detail.of(DomainEvents.REWARD_GRANTED, detail);
        List<Reward> rewards = new ArrayList<>();
        for (Detail r : d.objects("rewards")) {
            rewards.add(new Reward(r.oneOf("kind", RewardKind.class), r.wholeNumber("amount"), r.text("reason")));
        }
        return new RewardGranted(d.text("eventId"), d.text("userId"), d.text("grantKey"), d.text("sourceEventId"),
                d.optionalText("submissionId"), rewards, d.optionalInstant("at"), d.optionalText("source"),
                d.optionalStrings("attributes"));
    }

    /** The total granted of {@code kind} (0 when none). */
    public long amount(RewardKind kind) {
        return rewards.stream().filter(r -> r.kind() == kind).mapToLong(Reward::amount).sum();
    }

    @Override
    public String detailType() {
        return DomainEvents.REWARD_GRANTED;
    }

    @Override
    public String busSource() {
        return DomainEvents.SOURCE_REWARDS;
    }
}
