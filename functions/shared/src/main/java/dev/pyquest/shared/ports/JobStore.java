package dev.pyquest.shared.ports;

/**
 * Where sandbox jobs and results travel: S3 in AWS (the Fargate task gets presigned URLs and no
 * credentials), a folder locally.
 */
public interface JobStore {
    void put(String key, byte[] data);

    /** The object's bytes, or null when it does not exist. */
    byte[] get(String key);

    /** A URL the sandbox task can GET the object from without credentials. */
    String downloadUrl(String key);

    /** A URL the sandbox task can PUT the object to without credentials. */
    String uploadUrl(String key);
}
