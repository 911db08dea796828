package dev.pyquest.api.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.pyquest.domain.Hashing;
import dev.pyquest.shared.store.Attr;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Edge idempotency for mutating routes ({@code Idempotency-Key}): the first request with a key runs
 * and its response is stored; the same key and body replays that response, the same key with another
 * body is refused with 422, and a request whose first run is still in flight gets 409.
 *
 * <p>Powertools' idempotency module does this for Java, but its v2 artifact is not in the Maven
 * repository this project builds from; this is the same record-then-replay design on one DynamoDB
 * table with conditional writes. A run that fails with a 5xx or an exception deletes its record so a
 * retry runs again; a run that dies outright leaves a lock that expires after {@link #IN_FLIGHT}.
 * The work itself must still be safe to run twice (our writes are conditional on ids derived from the
 * key): this layer makes replies stable, it is not what makes rewards exactly-once.
 */
public final class EdgeIdempotency {
    public static final Duration IN_FLIGHT = Duration.ofSeconds(30);
    public static final Duration KEEP = Duration.ofHours(24);
    private static final int MAX_STORED_BODY = 256 * 1024;

    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;

    public EdgeIdempotency(DynamoDbClient dynamo, String table, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.clock = clock;
    }

    /**
     * Runs {@code work} once per (learner, scope, key). {@code requestHash} identifies the request
     * body (and target); a different hash under the same key is a reused key.
     */
    public APIGatewayV2HTTPResponse run(String userId, String scope, String key, String requestHash,
                                        Supplier<APIGatewayV2HTTPResponse> work) {
        String id = Hashing.sha256Hex(userId + "\0" + scope + "\0" + key);
        for (int attempt = 0; attempt < 3; attempt++) {
            long now = clock.millis();
            long lock = now + IN_FLIGHT.toMillis();
            Map<String, AttributeValue> item = new HashMap<>();
            item.put("id", Attr.s(id));
            item.put("requestHash", Attr.s(requestHash));
            item.put("state", Attr.s("IN_PROGRESS"));
            item.put("lockedUntil", Attr.n(lock));
            item.put("expiresAt", Attr.n((now + KEEP.toMillis()) / 1000));
            try {
                dynamo.putItem(b -> b.tableName(table).item(item)
                        .conditionExpression("attribute_not_exists(id) OR expiresAt < :nowSec")
                        .expressionAttributeValues(Map.of(":nowSec", Attr.n(now / 1000))));
                return runLocked(id, lock, work);
            } catch (ConditionalCheckFailedException taken) {
                Map<String, AttributeValue> stored = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                        .key(Map.of("id", Attr.s(id)))).item();
                if (stored == null || stored.isEmpty()) continue; // deleted by a failed run meanwhile: try again
                if (!requestHash.equals(Attr.str(stored, "requestHash"))) {
                    throw new ApiError(422, "IDEMPOTENCY_KEY_REUSED", "this Idempotency-Key was used with another request");
                }
                if ("DONE".equals(Attr.str(stored, "state"))) return replay(stored);
                long lockedUntil = Attr.num(stored, "lockedUntil", 0);
                if (lockedUntil > now) throw inProgress();
                // The first run died without a word: take its lock over, if nobody else did.
                try {
                    dynamo.updateItem(b -> b.tableName(table).key(Map.of("id", Attr.s(id)))
                            .updateExpression("SET lockedUntil = :lock")
                            .conditionExpression("#st = :inProgress AND lockedUntil = :old")
                            .expressionAttributeNames(Map.of("#st", "state"))
                            .expressionAttributeValues(Map.of(":lock", Attr.n(lock), ":inProgress", Attr.s("IN_PROGRESS"),
                                    ":old", Attr.n(lockedUntil))));
                } catch (ConditionalCheckFailedException other) {
                    throw inProgress();
                }
                return runLocked(id, lock, work);
            }
        }
        throw inProgress();
    }

    private APIGatewayV2HTTPResponse runLocked(String id, long lock, Supplier<APIGatewayV2HTTPResponse> work) {
        APIGatewayV2HTTPResponse response;
        try {
            response = work.get();
        } catch (ApiError e) {
            response = ApiFunction.response(e); // its details too (requires, items): the replay is the same answer
        } catch (RuntimeException e) {
            release(id, lock);
            throw e;
        }
        String body = response.getBody() == null ? "" : response.getBody();
        if (response.getStatusCode() >= 500 || body.length() > MAX_STORED_BODY) {
            release(id, lock);
            return response;
        }
        String contentType = response.getHeaders() == null ? null : response.getHeaders().get("content-type");
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":done", Attr.s("DONE"));
        values.put(":status", Attr.n(response.getStatusCode()));
        values.put(":body", Attr.s(body));
        values.put(":type", Attr.s(contentType == null ? "application/json" : contentType));
        values.put(":lock", Attr.n(lock));
        try {
            dynamo.updateItem(b -> b.tableName(table).key(Map.of("id", Attr.s(id)))
                    .updateExpression("SET #st = :done, statusCode = :status, body = :body, contentType = :type")
                    .conditionExpression("lockedUntil = :lock")
                    .expressionAttributeNames(Map.of("#st", "state"))
                    .expressionAttributeValues(values));
        } catch (ConditionalCheckFailedException slow) {
            // This run outlived its lock and another took over; that one's reply is the one kept.
        }
        return response;
    }

    private void release(String id, long lock) {
        try {
            dynamo.deleteItem(b -> b.tableName(table).key(Map.of("id", Attr.s(id)))
                    .conditionExpression("lockedUntil = :lock").expressionAttributeValues(Map.of(":lock", Attr.n(lock))));
        } catch (ConditionalCheckFailedException ignored) {
            // Taken over already.
        }
    }

    private static APIGatewayV2HTTPResponse replay(Map<String, AttributeValue> stored) {
        Map<String, String> headers = new HashMap<>();
        headers.put("content-type", Attr.str(stored, "contentType"));
        headers.put("idempotent-replay", "true");
        return APIGatewayV2HTTPResponse.builder().withStatusCode((int) Attr.num(stored, "statusCode", 200))
                .withHeaders(headers).withBody(Attr.str(stored, "body")).build();
    }

    private static ApiError inProgress() {
        return new ApiError(409, "IDEMPOTENCY_IN_PROGRESS", "a request with this Idempotency-Key is still being processed; retry shortly",
                Map.of("retry-after", "1"));
    }
}
