package dev.pyquest.shared.ports;

/** Starts the submission workflow. Idempotent on the execution name (= the submission id). */
public interface WorkflowStarter {
    void start(String executionName, String inputJson);
}
