package dev.pyquest.shared;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * Base of every PyQuest Lambda. A function takes its collaborators in its {@code @Inject}
 * constructor (tests and the local stack build it so, or through their own Micronaut context); its
 * public no-argument constructor, the one Lambda calls in the init phase, asks the container's
 * context ({@link Container#bean}) for those same collaborators, so every client, repository and
 * service it needs is built before the first request (and before a SnapStart snapshot).
 * Logging goes through Powertools' functional API (structured JSON, Lambda context fields,
 * correlation id), never AspectJ weaving.
 */
public abstract class LambdaFunction<I, O> implements RequestHandler<I, O> {
    private final String correlationIdPath;

    /** {@code correlationIdPath}: the JMESPath of the input's correlation id, or null. */
    protected LambdaFunction(String correlationIdPath) {
        this.correlationIdPath = correlationIdPath;
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
