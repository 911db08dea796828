package dev.pyquest.api.aws;

import dev.pyquest.shared.ports.WorkflowStarter;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;

/**
 * StartExecution with name = submission id. A Standard workflow treats a repeated name with the
 * same input as the same execution, so a retried POST cannot start a second run.
 */
public final class SfnWorkflowStarter implements WorkflowStarter {
    private final SfnClient sfn;
    private final String stateMachineArn;

    public SfnWorkflowStarter(SfnClient sfn, String stateMachineArn) {
        this.sfn = sfn;
        this.stateMachineArn = stateMachineArn;
    }

    @Override
    public void start(String executionName, String inputJson) {
        try {
            sfn.startExecution(b -> b.stateMachineArn(stateMachineArn).name(executionName).input(inputJson));
        } catch (ExecutionAlreadyExistsException alreadyStarted) {
            // Same name with another input cannot happen: the input is derived from the stored submission.
        }
    }
}
