package dev.pyquest.shared.rewards;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pyquest.domain.Json;
import dev.pyquest.domain.events.DomainEvents;
import dev.pyquest.domain.rewards.Grant;
import dev.pyquest.domain.rewards.Reward;
import dev.pyquest.domain.rewards.RewardKind;
import dev.pyquest.domain.streak.Streak;
import dev.pyquest.shared.store.Attr;
import dev.pyquest.shared.store.OutboxEvent;
import dev.pyquest.shared.store.Transactions;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The one rewards service: every XP and diamond the platform grants is written here, as one
 * DynamoDB transaction of
 * <ol>
 *   <li>a ledger item per reward, conditional on {@code attribute_not_exists} of its key
 *       ({@code userId}, {@code grantKey|KIND}): the permanent exactly-once guarantee;</li>
 *   <li>the wallet update on the learner ({@code ADD xp, diamonds}), with the streak when the
 *       grant moves it (conditional on the streak being what we read);</li>
 *   <li>the {@code RewardGranted} outbox event;</li>
 *   <li>the rewards list of the submission that earned it, if any.</li>
 * </ol>
 * Redelivered events, retries and races all resolve to the same keys, so at most one commits.
 */
public final class RewardsService {
    public enum Outcome { GRANTED, ALREADY_GRANTED, STREAK_CHANGED }

    private final DynamoDbClient dynamo;
    private final String ledger;
    private final String learners;
    private final String outbox;
    private final String submissions;
    private final Clock clock;

    public RewardsService(DynamoDbClient dynamo, String ledger, String learners, String outbox, String submissions, Clock clock) {
        this.dynamo = dynamo;
        this.ledger = ledger;
        this.learners = learners;
        this.outbox = outbox;
        this.submissions = submissions;
        this.clock = clock;
    }

    public Outcome grant(Grant g) {
        return grant(g, null, null);
    }

    /**
     * Grants {@code g}; when {@code before}/{@code after} are given, also moves the learner's streak
     * from {@code before} to {@code after} in the same transaction. {@code STREAK_CHANGED} means the
     * streak was changed concurrently: nothing was written, re-read and try again.
     */
    public Outcome grant(Grant g, Streak before, Streak after) {
        Instant now = clock.instant();
        List<TransactWriteItem> items = new ArrayList<>();
        long xp = 0, diamonds = 0;
        for (Reward r : g.rewards()) {
            Map<String, AttributeValue> item = new HashMap<>();
            item.put("userId", Attr.s(g.userId()));
            item.put("entryId", Attr.s(g.grantKey() + "|" + r.kind()));
            item.put("kind", Attr.s(r.kind().name()));
            item.put("amount", Attr.n(r.amount()));
            item.put("reason", Attr.s(r.reason()));
            item.put("at", Attr.s(now.toString()));
            item.put("sourceEventId", Attr.s(g.sourceEventId()));
            if (g.submissionId() != null) item.put("submissionId", Attr.s(g.submissionId()));
            items.add(TransactWriteItem.builder().put(Put.builder().tableName(ledger).item(item)
                    .conditionExpression("attribute_not_exists(entryId)").build()).build());
            if (r.kind() == RewardKind.XP) xp += r.amount();
            if (r.kind() == RewardKind.DIAMONDS) diamonds += r.amount();
        }
        int learnerIndex = items.size();
        items.add(TransactWriteItem.builder().update(learnerUpdate(g.userId(), xp, diamonds, now, before, after)).build());
        items.add(TransactWriteItem.builder().put(Put.builder().tableName(outbox).item(event(g, now).item())
                .conditionExpression("attribute_not_exists(eventId)").build()).build());
        int submissionIndex = items.size();
        if (g.submissionId() != null) {
            items.add(TransactWriteItem.builder().update(Update.builder().tableName(submissions)
                    .key(Map.of("submissionId", Attr.s(g.submissionId())))
                    .updateExpression("SET rewards = list_append(if_not_exists(rewards, :empty), :new)")
                    .conditionExpression("attribute_exists(submissionId)")
                    .expressionAttributeValues(Map.of(":empty", AttributeValue.fromL(List.of()),
                            ":new", AttributeValue.fromL(g.rewards().stream().map(r -> Attr.s(json(rewardNode(r)))).toList())))
                    .build()).build());
        }
        Transactions.Result result = Transactions.writeDetailed(dynamo, items);
        if (result.outcome() == Transactions.Outcome.COMMITTED) return Outcome.GRANTED;
        if (result.failedIndex() == learnerIndex) return Outcome.STREAK_CHANGED;
        if (g.submissionId() != null && result.failedIndex() == submissionIndex) {
            // Not "already granted": the event names a submission we do not have. Throwing sends the
            // event to its DLQ with this reason instead of dropping the grant silently.
            throw new IllegalStateException("grant " + g.grantKey() + " names unknown submission " + g.submissionId());
        }
        return Outcome.ALREADY_GRANTED;
    }

    private Update learnerUpdate(String userId, long xp, long diamonds, Instant now, Streak before, Streak after) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":xp", Attr.n(xp));
        values.put(":d", Attr.n(diamonds));
        values.put(":now", Attr.s(now.toString()));
        String set = "SET createdAt = if_not_exists(createdAt, :now), updatedAt = :now";
        String condition = null;
        if (after != null) {
            set += ", streakCurrent = :sc, streakLongest = :sl, streakLast = :slast";
            values.put(":sc", Attr.n(after.current()));
            values.put(":sl", Attr.n(after.longest()));
            values.put(":slast", Attr.s(after.last().toString()));
            if (before == null || before.last() == null) {
                condition = "attribute_not_exists(streakLast)";
            } else {
                condition = "streakLast = :prev";
                values.put(":prev", Attr.s(before.last().toString()));
            }
        }
        Update.Builder b = Update.builder().tableName(learners).key(Map.of("userId", Attr.s(userId)))
                .updateExpression(set + " ADD xp :xp, diamonds :d").expressionAttributeValues(values);
        if (condition != null) b.conditionExpression(condition);
        return b.build();
    }

    private static OutboxEvent event(Grant g, Instant now) {
        ObjectNode detail = Json.MAPPER.createObjectNode();
        String eventId = "reward#" + g.userId() + "#" + g.grantKey();
        detail.put("eventId", eventId);
        detail.put("userId", g.userId());
        detail.put("grantKey", g.grantKey());
        detail.put("sourceEventId", g.sourceEventId());
        if (g.submissionId() != null) detail.put("submissionId", g.submissionId());
        ArrayNode rewards = detail.putArray("rewards");
        g.rewards().forEach(r -> rewards.add(rewardNode(r)));
        return new OutboxEvent(eventId, DomainEvents.SOURCE_REWARDS, DomainEvents.REWARD_GRANTED, json(detail), now);
    }

    static ObjectNode rewardNode(Reward r) {
        return Json.MAPPER.createObjectNode().put("kind", r.kind().name()).put("amount", r.amount()).put("reason", r.reason());
    }

    private static String json(Object o) {
        try {
            return Json.MAPPER.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
