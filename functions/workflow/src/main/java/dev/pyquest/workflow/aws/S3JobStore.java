package dev.pyquest.workflow.aws;

import dev.pyquest.shared.ports.JobStore;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import java.time.Duration;

/** Jobs and results in S3; the Fargate task only ever sees presigned URLs, never credentials. */
public final class S3JobStore implements JobStore {
    private static final Duration URL_TTL = Duration.ofMinutes(15);
    private final S3Client s3;
    private final S3Presigner presigner;
    private final String bucket;

    public S3JobStore(S3Client s3, S3Presigner presigner, String bucket) {
        this.s3 = s3;
        this.presigner = presigner;
        this.bucket = bucket;
    }

    @Override
    public void put(String key, byte[] data) {
        s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(data));
    }

    @Override
    public byte[] get(String key) {
        try {
            return s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray();
        } catch (NoSuchKeyException e) {
            return null;
        }
    }

    @Override
    public String downloadUrl(String key) {
        return presigner.presignGetObject(b -> b.signatureDuration(URL_TTL).getObjectRequest(g -> g.bucket(bucket).key(key)))
                .url().toString();
    }

    @Override
    public String uploadUrl(String key) {
        return presigner.presignPutObject(b -> b.signatureDuration(URL_TTL).putObjectRequest(p -> p.bucket(bucket).key(key)))
                .url().toString();
    }
}
