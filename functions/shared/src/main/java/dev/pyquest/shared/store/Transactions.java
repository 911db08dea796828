package dev.pyquest.shared.store;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * TransactWriteItems with the two outcomes our exactly-once logic needs told apart: a condition
 * failed (the work was already done: "already granted", "already recorded") or it committed.
 * Conflicts with concurrent transactions are retried with jittered backoff; anything else throws.
 */
public final class Transactions {
    public enum Outcome { COMMITTED, CONDITION_FAILED }

    private static final int ATTEMPTS = 8;

    private Transactions() {}

    public static Outcome write(DynamoDbClient dynamo, List<TransactWriteItem> items) {
        return writeDetailed(dynamo, items).outcome();
    }

    /** As {@link #write}, also telling which item's condition failed (its index), or -1. */
    public static Result writeDetailed(DynamoDbClient dynamo, List<TransactWriteItem> items) {
        for (int attempt = 1; ; attempt++) {
            try {
                dynamo.transactWriteItems(b -> b.transactItems(items));
                return new Result(Outcome.COMMITTED, -1);
            } catch (TransactionCanceledException e) {
                List<CancellationReason> reasons = e.cancellationReasons();
                for (int i = 0; i < reasons.size(); i++) {
                    if ("ConditionalCheckFailed".equals(reasons.get(i).code())) return new Result(Outcome.CONDITION_FAILED, i);
                }
                boolean conflict = reasons.stream().anyMatch(r -> "TransactionConflict".equals(r.code()));
                if (!conflict || attempt == ATTEMPTS) throw e;
                backoff(attempt);
            } catch (software.amazon.awssdk.services.dynamodb.model.TransactionInProgressException e) {
                if (attempt == ATTEMPTS) throw e;
                backoff(attempt);
            }
        }
    }

    private static void backoff(int attempt) {
        long cap = Math.min(200, 5L << attempt);
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, cap + 1));
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying a transaction", ie);
        }
    }

    public record Result(Outcome outcome, int failedIndex) {}
}
