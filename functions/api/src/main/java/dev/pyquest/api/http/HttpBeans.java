package dev.pyquest.api.http;

import dev.pyquest.shared.config.Tables;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;

/** What only the HTTP API's functions use: the Idempotency-Key store of mutating routes. */
@Factory
public class HttpBeans {
    @Singleton
    EdgeIdempotency idempotency(DynamoDbClient dynamo, Tables t, Clock clock) {
        return new EdgeIdempotency(dynamo, t.idempotency(), clock);
    }
}
