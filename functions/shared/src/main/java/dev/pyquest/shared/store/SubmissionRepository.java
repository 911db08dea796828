package dev.pyquest.shared.store;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.function.IntFunction;
import java.util.Map;
import java.util.Optional;

public final class SubmissionRepository {
    private static final int RECORD_ATTEMPTS = 8;
    private final DynamoDbClient dynamo;
    private final String table;
    private final String progressTable;
    private final String outboxTable;

    public SubmissionRepository(DynamoDbClient dynamo, String table, String progressTable, String outboxTable) {
        this.dynamo = dynamo;
        this.table = table;
        this.progressTable = progressTable;
        this.outboxTable = outboxTable;
    }

    /**
     * Writes a new submission unless its id exists. The id is derived from the learner and the
     * Idempotency-Key, so this conditional put is what makes a retried POST land on the same
     * submission. Returns the stored submission: the new one, or the one already there.
     */
    public Submission createOrGet(Submission s) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("submissionId", Attr.s(s.submissionId()));
        item.put("userId", Attr.s(s.userId()));
        item.put("activityId", Attr.s(s.activityId()));
        item.put("activitySlug", Attr.s(s.activitySlug()));
        item.put("code", Attr.s(s.code()));
        item.put("requestHash", Attr.s(s.requestHash()));
        item.put("status", Attr.s(s.status().name()));
        item.put("createdAt", Attr.s(s.createdAt().toString()));
        try {
            dynamo.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(submissionId)"));
            return s;
        } catch (ConditionalCheckFailedException e) {
            return get(s.submissionId()).orElseThrow(() -> new IllegalStateException("submission vanished: " + s.submissionId()));
        }
    }

    public Optional<Submission> get(String id) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                .key(Map.of("submissionId", Attr.s(id)))).item();
        if (item == null || item.isEmpty()) return Optional.empty();
        return Optional.of(new Submission(Attr.str(item, "submissionId"), Attr.str(item, "userId"),
                Attr.str(item, "activityId"), Attr.str(item, "activitySlug"), Attr.str(item, "code"),
                Attr.str(item, "requestHash"), Submission.Status.valueOf(Attr.str(item, "status")),
                Attr.str(item, "verdict"), rewards(item), Attr.str(item, "error"),
                Instant.parse(Attr.str(item, "createdAt"))));
    }

    private static String rewards(Map<String, AttributeValue> item) {
        AttributeValue v = item.get("rewards");
        if (v == null || !v.hasL()) return "[]";
        return "[" + String.join(",", v.l().stream().map(AttributeValue::s).toList()) + "]";
    }

    /** QUEUED → RUNNING; a no-op when a retried Prepare finds it RUNNING already. */
    public void markRunning(String id, Instant now) {
        try {
            dynamo.updateItem(b -> b.tableName(table).key(Map.of("submissionId", Attr.s(id)))
                    .updateExpression("SET #s = :running, updatedAt = :now")
                    .conditionExpression("#s = :queued")
                    .expressionAttributeNames(Map.of("#s", "status"))
                    .expressionAttributeValues(Map.of(":running", Attr.s("RUNNING"), ":queued", Attr.s("QUEUED"),
                            ":now", Attr.s(now.toString()))));
        } catch (ConditionalCheckFailedException alreadyRunningOrDone) {
            // Retries of Prepare land here; Record's own condition keeps a final verdict final.
        }
    }

    /**
     * One transaction: the verdict on the submission (only if it has none yet), the learner's
     * progress on the activity, and the outbox event, which {@code event} builds knowing which
     * attempt of the learner's this is (1 = the first). The progress update is conditional on the
     * attempt count we read, so two verdicts recorded at once each get their own number. Returns
     * false when the submission already had a final status (a redelivered Record): then nothing is
     * written.
     */
    public boolean recordVerdict(String submissionId, String userId, String activityId, Submission.Status status,
                                 String verdictJson, IntFunction<OutboxEvent> event, Instant now) {
        Update submission = Update.builder().tableName(table).key(Map.of("submissionId", Attr.s(submissionId)))
                .updateExpression("SET #s = :status, verdict = :verdict, updatedAt = :now")
                .conditionExpression("#s IN (:queued, :running)")
                .expressionAttributeNames(Map.of("#s", "status"))
                .expressionAttributeValues(Map.of(":status", Attr.s(status.name()), ":verdict", Attr.s(verdictJson),
                        ":now", Attr.s(now.toString()), ":queued", Attr.s("QUEUED"), ":running", Attr.s("RUNNING")))
                .build();
        boolean passed = status == Submission.Status.PASSED;
        Map<String, AttributeValue> key = Map.of("userId", Attr.s(userId), "activityId", Attr.s(activityId));
        for (int attempt = 0; attempt < RECORD_ATTEMPTS; attempt++) {
            Map<String, AttributeValue> p = dynamo.getItem(b -> b.tableName(progressTable).key(key).consistentRead(true)).item();
            long before = p == null ? 0 : Attr.num(p, "attempts", 0);
            Map<String, AttributeValue> values = new HashMap<>(Map.of(":one", Attr.n(1), ":now", Attr.s(now.toString())));
            String expr = passed
                    ? "SET lastAttemptAt = :now, firstPassedAt = if_not_exists(firstPassedAt, :now) ADD attempts :one, passes :one"
                    : "SET lastAttemptAt = :now ADD attempts :one";
            String condition = "attribute_not_exists(attempts)";
            if (before > 0) {
                condition = "attempts = :before";
                values.put(":before", Attr.n(before));
            }
            Update progress = Update.builder().tableName(progressTable).key(key)
                    .updateExpression(expr).conditionExpression(condition).expressionAttributeValues(values).build();
            Put outbox = Put.builder().tableName(outboxTable).item(event.apply((int) before + 1).item())
                    .conditionExpression("attribute_not_exists(eventId)").build();
            Transactions.Result r = Transactions.writeDetailed(dynamo, List.of(
                    TransactWriteItem.builder().update(submission).build(),
                    TransactWriteItem.builder().update(progress).build(),
                    TransactWriteItem.builder().put(outbox).build()));
            if (r.outcome() == Transactions.Outcome.COMMITTED) return true;
            if (r.failedIndex() != 1) return false;
            // Another verdict of this learner on this activity was counted meanwhile: number ours after it.
        }
        throw new IllegalStateException("attempt count of " + userId + " on " + activityId + " kept changing");
    }

    /** Ends the submission in ERROR (our fault: no verdict, no reward) unless it already ended. */
    public void markError(String id, String message, Instant now) {
        try {
            dynamo.updateItem(b -> b.tableName(table).key(Map.of("submissionId", Attr.s(id)))
                    .updateExpression("SET #s = :error, #e = :message, updatedAt = :now")
                    .conditionExpression("#s IN (:queued, :running)")
                    .expressionAttributeNames(Map.of("#s", "status", "#e", "error"))
                    .expressionAttributeValues(Map.of(":error", Attr.s("ERROR"), ":message", Attr.s(message),
                            ":now", Attr.s(now.toString()), ":queued", Attr.s("QUEUED"), ":running", Attr.s("RUNNING"))));
        } catch (ConditionalCheckFailedException alreadyFinal) {
            // A verdict was recorded before the failure was reported; it stands.
        }
    }
}
