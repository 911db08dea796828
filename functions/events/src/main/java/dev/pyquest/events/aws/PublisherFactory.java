package dev.pyquest.events.aws;

import dev.pyquest.shared.Container;
import dev.pyquest.shared.config.AwsClients;
import dev.pyquest.shared.config.Env;
import dev.pyquest.shared.ports.EventPublisher;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/** In AWS, the outbox relay publishes to the EventBridge bus the template names. */
@Factory
@Requires(notEnv = Container.LOCAL)
public class PublisherFactory {
    @Singleton
    EventBridgeClient events(Env env) {
        return AwsClients.client(EventBridgeClient.builder(), env);
    }

    @Singleton
    EventPublisher publisher(EventBridgeClient events, Env env) {
        return new EventBridgePublisher(events, env.required(Env.EVENT_BUS_NAME));
    }
}
