package dev.pyquest.shared.store;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Quiz attempts and lesson completions: each is one transaction of the learner's progress on the
 * activity and, when it earns something, the outbox event the rewards consumer turns into a grant.
 * Progress rows are keyed by the activity's stable id, so renaming a slug keeps them attached.
 */
public final class LearningRepository {
    /** The key prefix of a quiz attempt's row ({@code attempt#<attemptId>}) among the learner's activity rows. */
    static final String ATTEMPT = "attempt#";
    private final DynamoDbClient dynamo;
    private final String progressTable;
    private final String outboxTable;

    public LearningRepository(DynamoDbClient dynamo, String progressTable, String outboxTable) {
        this.dynamo = dynamo;
        this.progressTable = progressTable;
        this.outboxTable = outboxTable;
    }

    /**
     * Records a scored quiz attempt once per {@code attemptId} (a marker row conditional on
     * {@code attribute_not_exists}); a passed attempt also writes its {@code QuizPassed} event.
     * Returns false when this attempt was already recorded (a retry): then nothing is written.
     */
    public boolean recordQuizAttempt(String userId, String activityId, String attemptId, int percent, boolean passed,
                                     OutboxEvent passedEvent, Instant now) {
        List<TransactWriteItem> items = new ArrayList<>();
        items.add(TransactWriteItem.builder().put(Put.builder().tableName(progressTable)
                .item(Map.of("userId", Attr.s(userId), "activityId", Attr.s(ATTEMPT + attemptId),
                        "quizId", Attr.s(activityId), "percent", Attr.n(percent), "passed", Attr.bool(passed),
                        "at", Attr.s(now.toString())))
                .conditionExpression("attribute_not_exists(activityId)").build()).build());
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":one", Attr.n(1), ":now", Attr.s(now.toString())));
        String expr = passed
                ? "SET lastAttemptAt = :now, firstPassedAt = if_not_exists(firstPassedAt, :now) ADD attempts :one, passes :one"
                : "SET lastAttemptAt = :now ADD attempts :one";
        items.add(TransactWriteItem.builder().update(Update.builder().tableName(progressTable)
                .key(Map.of("userId", Attr.s(userId), "activityId", Attr.s(activityId)))
                .updateExpression(expr).expressionAttributeValues(values).build()).build());
        if (passed) items.add(outbox(passedEvent));
        return Transactions.write(dynamo, items) == Transactions.Outcome.COMMITTED;
    }

    /**
     * Marks the lesson completed and writes its {@code LessonCompleted} event, once per learner and
     * lesson. Returns empty when this call completed it, or the first completion's time.
     */
    public Optional<Instant> completeLesson(String userId, String activityId, OutboxEvent event, Instant now) {
        Update progress = Update.builder().tableName(progressTable)
                .key(Map.of("userId", Attr.s(userId), "activityId", Attr.s(activityId)))
                .updateExpression("SET completedAt = :now").conditionExpression("attribute_not_exists(completedAt)")
                .expressionAttributeValues(Map.of(":now", Attr.s(now.toString()))).build();
        if (Transactions.write(dynamo, List.of(TransactWriteItem.builder().update(progress).build(), outbox(event)))
                == Transactions.Outcome.COMMITTED) {
            return Optional.empty();
        }
        Map<String, AttributeValue> row = dynamo.getItem(b -> b.tableName(progressTable).consistentRead(true)
                .key(Map.of("userId", Attr.s(userId), "activityId", Attr.s(activityId)))).item();
        String at = row == null ? null : Attr.str(row, "completedAt");
        return Optional.of(at == null ? now : Instant.parse(at));
    }

    /**
     * What a skip of exercise {@code activityId} writes, for the rewards service's {@link
     * dev.pyquest.shared.rewards.RewardsService#use} to commit with the token it spends: the progress row's
     * {@code skippedAt}, on the condition that the exercise is neither passed ({@code firstPassedAt}) nor skipped
     * already, and the {@code ActivitySkipped} event.
     */
    public List<TransactWriteItem> skipEffects(String userId, String activityId, OutboxEvent skipped, Instant now) {
        Update progress = Update.builder().tableName(progressTable)
                .key(Map.of("userId", Attr.s(userId), "activityId", Attr.s(activityId)))
                .updateExpression("SET skippedAt = :now")
                .conditionExpression("attribute_not_exists(skippedAt) AND attribute_not_exists(firstPassedAt)")
                .expressionAttributeValues(Map.of(":now", Attr.s(now.toString()))).build();
        return List.of(TransactWriteItem.builder().update(progress).build(), outbox(skipped));
    }

    /** The exercise's progress row says passed or skipped: why a skip was refused. */
    public Optional<String> doneAs(String userId, String activityId) {
        Map<String, AttributeValue> row = dynamo.getItem(b -> b.tableName(progressTable).consistentRead(true)
                .key(Map.of("userId", Attr.s(userId), "activityId", Attr.s(activityId)))).item();
        if (row == null) return Optional.empty();
        if (row.containsKey("firstPassedAt")) return Optional.of("passed");
        if (row.containsKey("skippedAt")) return Optional.of("skipped");
        return Optional.empty();
    }

    /**
     * What the learner has done, as their progress rows say (one consistent, paginated query): lessons completed,
     * quizzes and exercises passed, exercises skipped, and each quiz's best score. The authority for gates.
     */
    public dev.pyquest.domain.learning.LearnerProgress progress(String userId) {
        java.util.Set<String> done = new java.util.HashSet<>(), skipped = new java.util.HashSet<>();
        Map<String, Integer> best = new HashMap<>();
        for (Map<String, AttributeValue> i : dynamo.queryPaginator(b -> b.tableName(progressTable).consistentRead(true)
                .keyConditionExpression("userId = :u").expressionAttributeValues(Map.of(":u", Attr.s(userId)))
                .projectionExpression("activityId, completedAt, firstPassedAt, skippedAt, quizId, #p")
                .expressionAttributeNames(Map.of("#p", "percent"))).items()) {
            String id = Attr.str(i, "activityId");
            if (id.startsWith(ATTEMPT)) {
                best.merge(Attr.str(i, "quizId"), (int) Attr.num(i, "percent", 0), Math::max);
            } else {
                if (i.containsKey("completedAt") || i.containsKey("firstPassedAt") || i.containsKey("skippedAt")) done.add(id);
                if (i.containsKey("skippedAt")) skipped.add(id);
            }
        }
        return new dev.pyquest.domain.learning.LearnerProgress(done, skipped, best);
    }

    /** A quiz attempt that passed, as its row keeps it: the attempt, the quiz, the score, when. */
    public record PassedAttempt(String attemptId, String quizId, int percent, Instant at) {}

    /** A lesson completed: which, and when first. */
    public record CompletedLesson(String lessonId, Instant at) {}

    /** What the learner's progress rows say they did: passed quiz attempts and completed lessons (the achievements backfill replays them). */
    public record History(List<PassedAttempt> passedAttempts, List<CompletedLesson> completedLessons) {
        public History {
            passedAttempts = List.copyOf(passedAttempts);
            completedLessons = List.copyOf(completedLessons);
        }
    }

    /** The learner's passed attempts and completed lessons (one consistent, paginated query of their progress rows). */
    public History history(String userId) {
        List<PassedAttempt> attempts = new ArrayList<>();
        List<CompletedLesson> lessons = new ArrayList<>();
        for (Map<String, AttributeValue> i : dynamo.queryPaginator(b -> b.tableName(progressTable)
                .consistentRead(true)
                .keyConditionExpression("userId = :u")
                .expressionAttributeValues(Map.of(":u", Attr.s(userId)))).items()) {
            String id = Attr.str(i, "activityId");
            if (id.startsWith(ATTEMPT)) {
                AttributeValue passed = i.get("passed");
                if (passed != null && Boolean.TRUE.equals(passed.bool())) {
                    attempts.add(new PassedAttempt(id.substring(ATTEMPT.length()), Attr.str(i, "quizId"),
                            (int) Attr.num(i, "percent", 0), Instant.parse(Attr.str(i, "at"))));
                }
            } else if (Attr.str(i, "completedAt") != null) {
                lessons.add(new CompletedLesson(id, Instant.parse(Attr.str(i, "completedAt"))));
            }
        }
        return new History(attempts, lessons);
    }

    private TransactWriteItem outbox(OutboxEvent event) {
        return TransactWriteItem.builder().put(Put.builder().tableName(outboxTable).item(event.item())
                .conditionExpression("attribute_not_exists(eventId)").build()).build();
    }

    /** How many hints of the activity the learner has bought (consistent read). */
    /** How many judged submissions the learner has made to the exercise (its progress row's {@code attempts}). */
    public long attempts(String userId, String activityId) {
        Map<String, AttributeValue> row = dynamo.getItem(b -> b.tableName(progressTable).consistentRead(true)
                .key(Map.of("userId", Attr.s(userId), "activityId", Attr.s(activityId)))).item();
        return row == null ? 0 : Attr.num(row, "attempts", 0);
    }

    public int hintsRevealed(String userId, String activityId) {
        Map<String, AttributeValue> row = dynamo.getItem(b -> b.tableName(progressTable).consistentRead(true)
                .key(Map.of("userId", Attr.s(userId), "activityId", Attr.s(activityId)))).item();
        return row == null ? 0 : (int) Attr.num(row, "hintsRevealed", 0);
    }

    /**
     * The write that reveals hint number {@code seen + 1}: conditional on the learner having seen
     * exactly {@code seen}, so a purchase reveals one hint, two purchases never the same one.
     */
    public TransactWriteItem revealHint(String userId, String activityId, int seen) {
        Map<String, AttributeValue> values = new java.util.HashMap<>(Map.of(":one", Attr.n(1)));
        String condition = "attribute_not_exists(hintsRevealed)";
        if (seen > 0) {
            condition = "hintsRevealed = :seen";
            values.put(":seen", Attr.n(seen));
        }
        return TransactWriteItem.builder().update(software.amazon.awssdk.services.dynamodb.model.Update.builder()
                .tableName(progressTable).key(Map.of("userId", Attr.s(userId), "activityId", Attr.s(activityId)))
                .updateExpression("ADD hintsRevealed :one").conditionExpression(condition)
                .expressionAttributeValues(values).build()).build();
    }
}
