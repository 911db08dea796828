package dev.pyquest.shared.config;

import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.sfn.SfnClient;

import java.net.URI;

/**
 * The one client factory. Every client honours {@code AWS_ENDPOINT_URL} (LocalStack, or any
 * endpoint override) and {@code AWS_REGION}; the URL-connection HTTP client keeps cold starts short.
 */
public final class AwsClients {
    private AwsClients() {}

    public static DynamoDbClient dynamo(Env env) {
        return configure(DynamoDbClient.builder(), env).httpClient(UrlConnectionHttpClient.create()).build();
    }

    public static SfnClient sfn(Env env) {
        return configure(SfnClient.builder(), env).httpClient(UrlConnectionHttpClient.create()).build();
    }

    public static EventBridgeClient events(Env env) {
        return configure(EventBridgeClient.builder(), env).httpClient(UrlConnectionHttpClient.create()).build();
    }

    public static S3Client s3(Env env) {
        return configure(S3Client.builder(), env).httpClient(UrlConnectionHttpClient.create()).build();
    }

    public static S3Presigner presigner(Env env) {
        S3Presigner.Builder b = S3Presigner.builder();
        env.optional(Env.AWS_REGION).map(Region::of).ifPresent(b::region);
        env.optional(Env.AWS_ENDPOINT_URL).map(URI::create).ifPresent(b::endpointOverride);
        return b.build();
    }

    private static <B extends AwsClientBuilder<B, ?>> B configure(B builder, Env env) {
        env.optional(Env.AWS_REGION).map(Region::of).ifPresent(builder::region);
        env.optional(Env.AWS_ENDPOINT_URL).map(URI::create).ifPresent(builder::endpointOverride);
        return builder;
    }
}
