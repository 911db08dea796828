package dev.pyquest.shared.config;

import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.net.URI;

/**
 * The one way an AWS client is configured. Every client honours {@code AWS_ENDPOINT_URL} (LocalStack,
 * or any endpoint override) and {@code AWS_REGION}, and sends through the URL-connection HTTP client
 * (the only one in the jars: Apache's and Netty's are excluded, which keeps jars and cold starts small).
 * Each function group builds the clients it calls, in its own factory: only the API's jar holds the
 * Step Functions SDK, only the workflow's S3, only the events' EventBridge.
 */
public final class AwsClients {
    private AwsClients() {}

    public static DynamoDbClient dynamo(Env env) {
        return client(DynamoDbClient.builder(), env);
    }

    /** Any synchronous client of the SDK, configured from {@code env}. */
    public static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C client(B builder, Env env) {
        return configure(builder, env).httpClient(UrlConnectionHttpClient.create()).build();
    }

    /** Region and endpoint override only (for builders that are not clients, such as S3's presigner). */
    public static <B extends AwsClientBuilder<B, ?>> B configure(B builder, Env env) {
        env.optional(Env.AWS_REGION).map(Region::of).ifPresent(builder::region);
        env.optional(Env.AWS_ENDPOINT_URL).map(URI::create).ifPresent(builder::endpointOverride);
        return builder;
    }
}
