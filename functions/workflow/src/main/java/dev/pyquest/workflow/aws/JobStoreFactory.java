package dev.pyquest.workflow.aws;

import dev.pyquest.shared.Container;
import dev.pyquest.shared.config.AwsClients;
import dev.pyquest.shared.config.Env;
import dev.pyquest.shared.ports.JobStore;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import java.net.URI;

/** In AWS, jobs and results live in the jobs bucket; the sandbox sees presigned URLs only. */
@Factory
@Requires(notEnv = Container.LOCAL)
public class JobStoreFactory {
    @Singleton
    S3Client s3(Env env) {
        return AwsClients.client(S3Client.builder(), env);
    }

    @Singleton
    S3Presigner presigner(Env env) {
        S3Presigner.Builder b = S3Presigner.builder();
        env.optional(Env.AWS_REGION).map(Region::of).ifPresent(b::region);
        env.optional(Env.AWS_ENDPOINT_URL).map(URI::create).ifPresent(b::endpointOverride);
        return b.build();
    }

    @Singleton
    JobStore jobStore(S3Client s3, S3Presigner presigner, Env env) {
        return new S3JobStore(s3, presigner, env.required(Env.JOBS_BUCKET));
    }
}
