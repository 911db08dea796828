package dev.pyquest.shared;

import dev.pyquest.shared.config.Env;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

/**
 * Micronaut builds the platform once per container. Where the process embeds several functions
 * (the local stack, tests) it registers its own Platform singleton and sets
 * {@code pyquest.embedded}, and this factory stands aside.
 */
@Factory
public class PlatformFactory {
    public static final String EMBEDDED = "pyquest.embedded";

    @Singleton
    @Requires(missingProperty = EMBEDDED)
    Platform platform() {
        return Platform.fromEnvironment(Env.system());
    }
}
