package dev.pyquest.local;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Plays the Lambda runtime in a child JVM whose classpath is one shaded jar (plus this class):
 * the init phase builds the handler class named like template.yaml's Handler with its no-argument
 * constructor and prints {@code INIT_MS <ms>} (class loading, the Micronaut context, the clients);
 * then, given an event file, reads it into the handler's input type, calls handleRequest with a
 * Lambda context (so Powertools' logging runs as in Lambda), and prints {@code RESULT <json>} or,
 * when the handler throws, {@code THREW <exception class> <message>}.
 * Only the jar's own classes are used: the mapper here is the plain one the Java runtime's is.
 */
public final class LambdaInvoker {
    /** Like the Lambda runtime: the input type is RequestHandler's first type argument, resolved up the class hierarchy. */
    static Class<?> inputType(Class<?> c) {
        for (Class<?> k = c; k != null; k = k.getSuperclass()) {
            if (k.getGenericSuperclass() instanceof java.lang.reflect.ParameterizedType p) {
                java.lang.reflect.Type t = p.getActualTypeArguments()[0];
                if (t instanceof Class<?> cls) return cls;
                if (t instanceof java.lang.reflect.ParameterizedType pt) return (Class<?>) pt.getRawType();
            }
        }
        throw new IllegalArgumentException(c + " has no concrete input type");
    }

    /** {@code handler [event.json]}. */
    public static void main(String[] args) throws Exception {
        long start = System.nanoTime();
        Class<?> handler = Class.forName(args[0]);
        Object fn = handler.getConstructor().newInstance();
        System.out.printf(java.util.Locale.ROOT, "INIT_MS %.1f%n", (System.nanoTime() - start) / 1e6);
        if (args.length < 2) {
            System.out.flush();
            System.exit(0);
        }
        Method m = null;
        for (Method x : handler.getMethods()) {
            if (x.getName().equals("handleRequest") && x.getParameterCount() == 2 && !x.isBridge()) m = x;
        }
        ObjectMapper mapper = new ObjectMapper().configure(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        Object input = mapper.readValue(Files.readString(Path.of(args[1])), inputType(handler));
        try {
            Object out = m.invoke(fn, input, new InvokerContext(handler.getSimpleName()));
            System.out.println("RESULT " + mapper.writeValueAsString(out));
        } catch (InvocationTargetException e) {
            Throwable t = e.getCause();
            System.out.println("THREW " + t.getClass().getName() + " " + t.getMessage());
            if (t instanceof Error) {
                t.printStackTrace(System.out);
                System.exit(3);
            }
        }
        System.out.flush();
        System.exit(0);
    }

    /** The context the runtime passes: enough for Powertools' logging fields. */
    private record InvokerContext(String functionName) implements Context {
        @Override public String getAwsRequestId() { return "invoker-" + ProcessHandle.current().pid(); }
        @Override public String getLogGroupName() { return "/aws/lambda/" + functionName; }
        @Override public String getLogStreamName() { return "invoker"; }
        @Override public String getFunctionName() { return functionName; }
        @Override public String getFunctionVersion() { return "$LATEST"; }
        @Override public String getInvokedFunctionArn() { return "arn:aws:lambda:us-east-1:000000000000:function:" + functionName; }
        @Override public CognitoIdentity getIdentity() { return null; }
        @Override public ClientContext getClientContext() { return null; }
        @Override public int getRemainingTimeInMillis() { return 30_000; }
        @Override public int getMemoryLimitInMB() { return 1024; }
        @Override public LambdaLogger getLogger() {
            return new LambdaLogger() {
                @Override public void log(String message) { System.err.print(message); }
                @Override public void log(byte[] message) { System.err.print(new String(message, StandardCharsets.UTF_8)); }
            };
        }
    }
}
