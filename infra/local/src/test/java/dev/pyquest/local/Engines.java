package dev.pyquest.local;

import dev.pyquest.shared.Container;
import dev.pyquest.shared.config.Env;
import dev.pyquest.shared.ports.EventPublisher;
import dev.pyquest.shared.store.OutboxEvent;
import io.micronaut.context.ApplicationContext;
import software.amazon.dynamodb.services.local.embedded.DynamoDBEmbedded;
import software.amazon.dynamodb.services.local.shared.access.AmazonDynamoDBLocal;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * DynamoDB Local in memory with the template's tables, and the platform's beans on it (the local
 * Micronaut environment) with a bus that records what it is given.
 */
final class Engines implements AutoCloseable {
    final AmazonDynamoDBLocal dynamoLocal = DynamoDBEmbedded.create();
    final List<OutboxEvent> published = new CopyOnWriteArrayList<>();
    final ApplicationContext context;

    Engines(Clock clock) {
        Template template = Template.read(LocalStack.findRoot().resolve("template.yaml"));
        LocalTables.create(template, dynamoLocal.dynamoDbClient());
        Map<String, String> env = new HashMap<>();
        for (String t : template.resources("AWS::DynamoDB::Table").keySet()) {
            env.put(t.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(java.util.Locale.ROOT), t);
        }
        EventPublisher bus = published::addAll;
        context = Container.local(new Env(env), dynamoLocal.dynamoDbClient(), clock, bus);
    }

    /** A repository, a service or a function, built as Lambda builds it, on these engines. */
    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    @Override
    public void close() {
        context.close();
        dynamoLocal.shutdown();
    }
}
