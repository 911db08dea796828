package dev.pyquest.local;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Plays the Lambda runtime in a child JVM whose classpath is one shaded jar: instantiates the
 * handler class named like template.yaml's Handler with its no-argument constructor (the init
 * phase), reads the event file into the handler's input type, calls handleRequest, prints the result.
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

    public static void main(String[] args) throws Exception {
        Class<?> handler = Class.forName(args[0]);
        Object fn = handler.getConstructor().newInstance();
        Method m = null;
        for (Method x : handler.getMethods()) {
            if (x.getName().equals("handleRequest") && x.getParameterCount() == 2 && !x.isBridge()) m = x;
        }
        ObjectMapper mapper = new ObjectMapper().configure(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        Object input = mapper.readValue(Files.readString(Path.of(args[1])), inputType(handler));
        Object out = m.invoke(fn, input, null);
        System.out.println("RESULT " + mapper.writeValueAsString(out));
        System.exit(0);
    }
}
