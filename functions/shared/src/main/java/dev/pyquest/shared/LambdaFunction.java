package dev.pyquest.shared;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import io.micronaut.context.ApplicationContext;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * Base of every PyQuest Lambda. Two constructors, as Powertools' own samples do: the no-argument
 * one Lambda calls builds the Micronaut context once, in the init phase (shared by every function
 * class of the container); the other takes a context the caller built (the local stack, tests).
 * Logging goes through Powertools' functional API (structured JSON, Lambda context fields,
 * correlation id), never AspectJ weaving.
 */
public abstract class LambdaFunction<I, O> implements RequestHandler<I, O> {
    private static volatile ApplicationContext containerContext;

    protected final Platform platform;
    private final String correlationIdPath;

    protected LambdaFunction(String correlationIdPath) {
        this(containerContext(), correlationIdPath);
    }

    protected LambdaFunction(ApplicationContext context, String correlationIdPath) {
        this.platform = context.getBean(Platform.class);
        this.correlationIdPath = correlationIdPath;
    }

    private static ApplicationContext containerContext() {
        ApplicationContext c = containerContext;
        if (c == null) {
            synchronized (LambdaFunction.class) {
                if (containerContext == null) containerContext = ApplicationContext.run();
                c = containerContext;
            }
        }
        return c;
    }

    @Override
    public final O handleRequest(I input, Context context) {
        if (context == null) return handle(input);
        return correlationIdPath == null
                ? PowertoolsLogging.withLogging(context, () -> handle(input))
                : PowertoolsLogging.withLogging(context, correlationIdPath, input, () -> handle(input));
    }

    protected abstract O handle(I input);
}
