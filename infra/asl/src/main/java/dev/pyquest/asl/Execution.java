package dev.pyquest.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The outcome of {@link StateMachine#start}. On {@code SUCCEEDED}, {@code output} is the last state's
 * output and {@code error}/{@code cause} are {@code null}. On {@code FAILED}, {@code output} is
 * {@code null} and {@code error}/{@code cause} describe the failure (a Fail state without
 * {@code Error}/{@code Cause} leaves them {@code null}).
 */
public record Execution(String name, Status status, JsonNode output, String error, String cause,
                        List<HistoryEvent> history) {
    public enum Status { SUCCEEDED, FAILED }

    public Execution {
        history = List.copyOf(history);
    }

    public boolean succeeded() {
        return status == Status.SUCCEEDED;
    }
}
