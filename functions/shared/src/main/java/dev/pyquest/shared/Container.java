package dev.pyquest.shared;

import io.micronaut.context.ApplicationContext;

/**
 * The Micronaut context of a Lambda container, started once, in the init phase, by the first
 * function class Lambda builds (its no-argument constructor asks for its collaborators here). Every
 * bean is a lazy singleton: a container builds the clients, repositories and services its function
 * asks for and nothing else (the leaderboard consumer never builds an S3 client).
 *
 * <p>The local stack and the tests start their own context in the {@link #LOCAL} environment, with
 * their adapters (DynamoDB Local, the in-process bus, the job folder, the clock) registered as
 * singletons; the AWS factories stand aside there ({@code @Requires(notEnv = LOCAL)}).
 */
public final class Container {
    /** The Micronaut environment of the local stack and the tests: their own adapters replace AWS's. */
    public static final String LOCAL = "pyquest-local";

    private static volatile ApplicationContext context;

    private Container() {}

    /** The container's context (started on first use, in Lambda's init phase). */
    public static ApplicationContext context() {
        ApplicationContext c = context;
        if (c == null) {
            synchronized (Container.class) {
                if (context == null) {
                    // No environment deduction: it inspects the stack and the host (cloud probes) at each cold start.
                    context = ApplicationContext.builder().deduceEnvironment(false).deduceCloudEnvironment(false).start();
                }
                c = context;
            }
        }
        return c;
    }

    /**
     * A context of the {@link #LOCAL} environment (the local stack, tests): {@code adapters} stand in
     * for AWS's ({@code Env}, {@code Clock}, a {@code DynamoDbClient}, and where the caller needs
     * them a {@code WorkflowStarter}, an {@code EventPublisher}, a {@code JobStore}); every
     * repository, service and function is built from them by the same factories as in Lambda.
     */
    public static ApplicationContext local(Object... adapters) {
        return ApplicationContext.builder().environments(LOCAL).deduceEnvironment(false).deduceCloudEnvironment(false)
                .singletons(adapters).start();
    }

    /** A collaborator for a function Lambda built with its no-argument constructor. */
    public static <T> T bean(Class<T> type) {
        return context().getBean(type);
    }
}
