package dev.pyquest.shared.store;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.function.IntFunction;
import java.util.Map;
import java.util.Optional;

public final class SubmissionRepository {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SubmissionRepository.class);
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
     * How long a learner's in-flight slot may be held before it is taken back: longer than the
     * workflow's own {@code TimeoutSeconds} (600 s in statemachines/submission.asl.json), so by then
     * the execution that should have released it has surely ended. It is the safety net for a
     * submission that never reaches Record or RecordError (a workflow that timed out as a whole,
     * a StartExecution that failed and was never retried); every other path releases the slot in
     * the same transaction that ends the submission.
     */
    public static final Duration STALE_SLOT = Duration.ofMinutes(15);

    /** The key of a learner's slots item, in this table: never a submission id (those start with "s-"). */
    static String slotsKey(String userId) {
        return SLOTS_PREFIX + userId;
    }

    private static final String SLOTS_PREFIX = "slots#";
    /** The slots item's string set of the learner's submissions that are QUEUED or RUNNING. */
    private static final String HELD = "held";
    /** Per held submission, when it took its slot (epoch seconds): what {@link #STALE_SLOT} is measured on. */
    private static final String ACQUIRED = "acquiredAt:";
    /** The slots item's count of submissions on a local day ({@code runs:<YYYY-MM-DD>}): the daily allowance. */
    private static final String RUNS = "runs:";

    /** A write without a limit on the learner's submissions in flight (tests and tools). */
    public Submission createOrGet(Submission s) {
        return createOrGet(s, Integer.MAX_VALUE);
    }

    /**
     * Writes a new submission unless its id exists, and takes one of the learner's
     * {@code maxInFlight} slots in the same transaction. The id is derived from the learner and the
     * Idempotency-Key, so the conditional put is what makes a retried POST land on the same
     * submission; a retry finds it there whatever the learner's slots hold. Returns the stored
     * submission: the new one, or the one already there.
     *
     * <p>The slots are one item per learner (key {@code slots#<userId>}, in this table) holding the ids
     * of the learner's QUEUED and RUNNING submissions; the put is conditional on that set having
     * fewer than {@code maxInFlight} ids, so concurrent POSTs can never take more. The slot is given
     * back by the transaction that gives the submission its final status ({@link #recordVerdict},
     * {@link #markError}); a slot held past {@link #STALE_SLOT} is taken back here.
     *
     * @throws InFlightLimitException the learner already has {@code maxInFlight} submissions in flight
     */
    public Submission createOrGet(Submission s, int maxInFlight) {
        return createOrGet(s, maxInFlight, null);
    }

    /**
     * A plan's daily allowance: at most {@code cap} new submissions on the learner's local {@code day}, counted on the
     * slots item ({@code runs:<day>}) in the same transaction as the slot, so concurrent POSTs never pass it; a retry of
     * an accepted submission is never counted twice nor refused.
     */
    public record DailyAllowance(java.time.LocalDate day, int cap) {}

    /**
     * As {@link #createOrGet(Submission, int)}, counting the submission against {@code allowance} (null: none).
     *
     * @throws DailyAllowanceExhausted the learner has had {@code allowance.cap()} submissions this local day
     */
    public Submission createOrGet(Submission s, int maxInFlight, DailyAllowance allowance) {
        if (maxInFlight < 1) throw new IllegalArgumentException("maxInFlight must be at least 1");
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("submissionId", Attr.s(s.submissionId()));
        item.put("userId", Attr.s(s.userId()));
        item.put("activityId", Attr.s(s.activityId()));
        item.put("activitySlug", Attr.s(s.activitySlug()));
        item.put("code", Attr.s(s.code()));
        item.put("requestHash", Attr.s(s.requestHash()));
        item.put("status", Attr.s(s.status().name()));
        item.put("createdAt", Attr.s(s.createdAt().toString()));
        Put submission = Put.builder().tableName(table).item(item).conditionExpression("attribute_not_exists(submissionId)").build();
        Map<String, String> names = new HashMap<>(Map.of("#held", HELD, "#acquired", ACQUIRED + s.submissionId()));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":id", AttributeValue.fromSs(List.of(s.submissionId())),
                ":now", Attr.n(s.createdAt().getEpochSecond()), ":max", Attr.n(maxInFlight)));
        String update = "ADD #held :id SET #acquired = :now";
        String condition = "attribute_not_exists(#held) OR size(#held) < :max";
        if (allowance != null) {
            names.put("#runs", RUNS + allowance.day());
            names.put("#old1", RUNS + allowance.day().minusDays(1));
            names.put("#old2", RUNS + allowance.day().minusDays(2));
            values.put(":one", Attr.n(1));
            values.put(":cap", Attr.n(allowance.cap()));
            update = "ADD #held :id, #runs :one SET #acquired = :now REMOVE #old1, #old2";
            condition = "(" + condition + ") AND (attribute_not_exists(#runs) OR #runs < :cap)";
        }
        Update slot = Update.builder().tableName(table).key(Map.of("submissionId", Attr.s(slotsKey(s.userId()))))
                .updateExpression(update).conditionExpression(condition)
                .expressionAttributeNames(names).expressionAttributeValues(values)
                .build();
        List<TransactWriteItem> items = List.of(TransactWriteItem.builder().put(submission).build(),
                TransactWriteItem.builder().update(slot).build());
        for (int attempt = 0; ; attempt++) {
            Transactions.Result r = Transactions.writeDetailed(dynamo, items);
            if (r.outcome() == Transactions.Outcome.COMMITTED) return s;
            if (r.failedIndex() == 0) {
                // The submission is there already (a retry): the same answer, whatever the slots hold.
                // (Conditions are reported in item order, so a full set with the submission there reads as this.)
                return get(s.submissionId()).orElseThrow(() -> new IllegalStateException("submission vanished: " + s.submissionId()));
            }
            if (allowance != null && runs(s.userId(), allowance.day()) >= allowance.cap()) {
                throw new DailyAllowanceExhausted(allowance.cap());
            }
            if (attempt > 0 || !reclaimStaleSlots(s.userId(), s.createdAt())) {
                throw new InFlightLimitException(maxInFlight);
            }
        }
    }

    /** How many submissions the learner's slots item counts on local {@code day}. */
    public long runs(String userId, java.time.LocalDate day) {
        Map<String, AttributeValue> slots = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                .key(Map.of("submissionId", Attr.s(slotsKey(userId))))).item();
        return slots == null ? 0 : Attr.num(slots, RUNS + day, 0);
    }

    /**
     * Takes back the learner's slots held longer than {@link #STALE_SLOT}; true when one was. Each is
     * removed only if it is still the one read (conditional on its acquisition time).
     */
    private boolean reclaimStaleSlots(String userId, Instant now) {
        Map<String, AttributeValue> key = Map.of("submissionId", Attr.s(slotsKey(userId)));
        Map<String, AttributeValue> slots = dynamo.getItem(b -> b.tableName(table).key(key).consistentRead(true)).item();
        if (slots == null || !slots.containsKey(HELD)) return false;
        boolean reclaimed = false;
        for (String id : slots.get(HELD).ss()) {
            long at = Attr.num(slots, ACQUIRED + id, 0);
            if (now.getEpochSecond() - at < STALE_SLOT.toSeconds()) continue;
            try {
                dynamo.updateItem(b -> b.tableName(table).key(key)
                        .updateExpression("DELETE #held :id REMOVE #acquired")
                        .conditionExpression(at == 0 ? "contains(#held, :sid)" : "contains(#held, :sid) AND #acquired = :at")
                        .expressionAttributeNames(Map.of("#held", HELD, "#acquired", ACQUIRED + id))
                        .expressionAttributeValues(at == 0
                                ? Map.of(":id", AttributeValue.fromSs(List.of(id)), ":sid", Attr.s(id))
                                : Map.of(":id", AttributeValue.fromSs(List.of(id)), ":sid", Attr.s(id), ":at", Attr.n(at))));
                LOG.warn("took back the in-flight slot of submission {} of {}, held since {}", id, userId, Instant.ofEpochSecond(at));
                reclaimed = true;
            } catch (ConditionalCheckFailedException releasedMeanwhile) {
                reclaimed = true;
            }
        }
        return reclaimed;
    }

    /** The learner's submissions holding an in-flight slot (QUEUED or RUNNING), for checks and tests. */
    public java.util.Set<String> inFlight(String userId) {
        Map<String, AttributeValue> slots = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                .key(Map.of("submissionId", Attr.s(slotsKey(userId))))).item();
        if (slots == null || !slots.containsKey(HELD)) return java.util.Set.of();
        return java.util.Set.copyOf(slots.get(HELD).ss());
    }

    /** Gives the submission's slot back: part of the transaction that ends it (no condition: it must never cancel it). */
    private TransactWriteItem releaseSlot(String userId, String submissionId) {
        return TransactWriteItem.builder().update(Update.builder().tableName(table)
                .key(Map.of("submissionId", Attr.s(slotsKey(userId))))
                .updateExpression("DELETE #held :id REMOVE #acquired")
                .expressionAttributeNames(Map.of("#held", HELD, "#acquired", ACQUIRED + submissionId))
                .expressionAttributeValues(Map.of(":id", AttributeValue.fromSs(List.of(submissionId))))
                .build()).build();
    }

    public Optional<Submission> get(String id) {
        return submission(dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                .key(Map.of("submissionId", Attr.s(id)))).item());
    }

    private static Optional<Submission> submission(Map<String, AttributeValue> item) {
        // The learners' slots items share the table; they are no submission (and ids never start "slots#").
        if (item == null || item.isEmpty() || !item.containsKey("status")) return Optional.empty();
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

    /**
     * QUEUED → RUNNING, and the submission as it is then: one write instead of a read and a write on the
     * way to the judge. A retried Prepare finds it RUNNING already (or final: Record's own condition keeps a
     * final verdict final) and gets it unchanged; empty when there is no such submission.
     */
    public Optional<Submission> startRunning(String id, Instant now) {
        try {
            return submission(dynamo.updateItem(b -> b.tableName(table).key(Map.of("submissionId", Attr.s(id)))
                    .updateExpression("SET #s = :running, updatedAt = :now")
                    .conditionExpression("#s = :queued")
                    .expressionAttributeNames(Map.of("#s", "status"))
                    .expressionAttributeValues(Map.of(":running", Attr.s("RUNNING"), ":queued", Attr.s("QUEUED"),
                            ":now", Attr.s(now.toString())))
                    .returnValues(software.amazon.awssdk.services.dynamodb.model.ReturnValue.ALL_NEW)
                    .returnValuesOnConditionCheckFailure(
                            software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure.ALL_OLD)).attributes());
        } catch (ConditionalCheckFailedException notQueued) {
            return submission(notQueued.hasItem() ? notQueued.item() : null);
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
                    TransactWriteItem.builder().put(outbox).build(),
                    releaseSlot(userId, submissionId)));
            if (r.outcome() == Transactions.Outcome.COMMITTED) return true;
            if (r.failedIndex() != 1) return false;
            // Another verdict of this learner on this activity was counted meanwhile: number ours after it.
        }
        throw new IllegalStateException("attempt count of " + userId + " on " + activityId + " kept changing");
    }

    /**
     * Ends the submission in ERROR (our fault: no verdict, no reward) unless it already ended, and
     * gives its in-flight slot back in the same transaction.
     */
    public void markError(String id, String message, Instant now) {
        markError(id, message, now, false);
    }

    /**
     * As above; {@code countAttempt}: the learner's code ran and ended the run without a report, so
     * the learner's progress counts an attempt in the same transaction (a later pass is then not
     * "on the first try"). No outbox event: an ERROR earns and moves nothing else.
     */
    public void markError(String id, String message, Instant now, boolean countAttempt) {
        Optional<Submission> s = get(id);
        if (s.isEmpty() || s.get().status().isFinal()) return;
        Update submission = Update.builder().tableName(table).key(Map.of("submissionId", Attr.s(id)))
                .updateExpression("SET #s = :error, #e = :message, updatedAt = :now")
                .conditionExpression("#s IN (:queued, :running)")
                .expressionAttributeNames(Map.of("#s", "status", "#e", "error"))
                .expressionAttributeValues(Map.of(":error", Attr.s("ERROR"), ":message", Attr.s(message),
                        ":now", Attr.s(now.toString()), ":queued", Attr.s("QUEUED"), ":running", Attr.s("RUNNING")))
                .build();
        // CONDITION_FAILED: a verdict was recorded before the failure was reported; it stands (and gave the slot back).
        List<TransactWriteItem> items = new java.util.ArrayList<>(List.of(TransactWriteItem.builder().update(submission).build(),
                releaseSlot(s.get().userId(), id)));
        if (countAttempt) {
            // Unconditional ADD: recordVerdict's numbering reads the count under a condition and
            // retries when this moved it, so a verdict recorded meanwhile still gets its own number.
            items.add(TransactWriteItem.builder().update(Update.builder().tableName(progressTable)
                    .key(Map.of("userId", Attr.s(s.get().userId()), "activityId", Attr.s(s.get().activityId())))
                    .updateExpression("SET lastAttemptAt = :now ADD attempts :one")
                    .expressionAttributeValues(Map.of(":now", Attr.s(now.toString()), ":one", Attr.n(1))).build()).build());
        }
        Transactions.write(dynamo, items);
    }
}
