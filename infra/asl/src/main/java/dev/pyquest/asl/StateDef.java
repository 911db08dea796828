package dev.pyquest.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Parsed, validated states. Path fields: a {@code null} InputPath/OutputPath means JSON {@code null} (the state
 * sees / emits {@code {}}); a {@code null} ResultPath means discard the result.
 */
sealed interface StateDef {
    String name();

    /** {@code null} for terminal states. */
    String next();

    boolean end();

    record Task(String name, String resource, ReferencePath inputPath, ReferencePath outputPath,
                PayloadTemplate parameters, PayloadTemplate resultSelector, ReferencePath resultPath,
                Integer timeoutSeconds, List<Retrier> retriers, List<Catcher> catchers, String next, boolean end)
            implements StateDef {}

    record Pass(String name, ReferencePath inputPath, ReferencePath outputPath, PayloadTemplate parameters,
                JsonNode result, ReferencePath resultPath, String next, boolean end) implements StateDef {}

    record Choice(String name, ReferencePath inputPath, ReferencePath outputPath, List<ChoiceRule> choices,
                  String defaultNext) implements StateDef {
        @Override
        public String next() {
            return null;
        }

        @Override
        public boolean end() {
            return false;
        }
    }

    record Wait(String name, ReferencePath inputPath, ReferencePath outputPath, Integer seconds,
                ReferencePath secondsPath, String next, boolean end) implements StateDef {}

    /** Succeed and Fail end the execution: no Next, always End. */
    sealed interface Terminal extends StateDef {
        @Override
        default String next() {
            return null;
        }

        @Override
        default boolean end() {
            return true;
        }
    }

    record Succeed(String name, ReferencePath inputPath, ReferencePath outputPath) implements Terminal {}

    record Fail(String name, String error, String cause) implements Terminal {}

    record ChoiceRule(Condition condition, String next) {}

    record Retrier(List<String> errorEquals, int intervalSeconds, int maxAttempts, double backoffRate,
                   Integer maxDelaySeconds) {}

    record Catcher(List<String> errorEquals, ReferencePath resultPath, String next) {}
}
