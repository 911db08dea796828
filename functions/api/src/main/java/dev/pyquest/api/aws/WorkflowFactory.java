package dev.pyquest.api.aws;

import dev.pyquest.shared.Container;
import dev.pyquest.shared.config.AwsClients;
import dev.pyquest.shared.config.Env;
import dev.pyquest.shared.ports.WorkflowStarter;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.sfn.SfnClient;

/** In AWS, a submission's workflow starts on Step Functions (the state machine the template names). */
@Factory
@Requires(notEnv = Container.LOCAL)
public class WorkflowFactory {
    @Singleton
    SfnClient sfn(Env env) {
        return AwsClients.client(SfnClient.builder(), env);
    }

    @Singleton
    WorkflowStarter workflowStarter(SfnClient sfn, Env env) {
        return new SfnWorkflowStarter(sfn, env.required(Env.STATE_MACHINE_ARN));
    }
}
