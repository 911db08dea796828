package dev.pyquest.shared;

import dev.pyquest.shared.config.AwsClients;
import dev.pyquest.shared.config.Env;
import dev.pyquest.shared.config.Tables;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sfn.SfnClient;

import java.net.URI;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AwsClientsTest {
    private final Env env = new Env(Map.of(Env.AWS_ENDPOINT_URL, "http://127.0.0.1:4566", Env.AWS_REGION, "eu-west-1"));

    /** Builds clients only: no request is sent, so no credentials are looked up. */
    @Test
    void everyClientHonoursTheStandardEndpointOverride() {
        URI expected = URI.create("http://127.0.0.1:4566");
        try (var d = AwsClients.dynamo(env); var s = AwsClients.client(SfnClient.builder(), env);
             var e = AwsClients.client(EventBridgeClient.builder(), env); var s3 = AwsClients.client(S3Client.builder(), env)) {
            assertEquals(expected, d.serviceClientConfiguration().endpointOverride().orElseThrow());
            assertEquals(expected, s.serviceClientConfiguration().endpointOverride().orElseThrow());
            assertEquals(expected, e.serviceClientConfiguration().endpointOverride().orElseThrow());
            assertEquals(expected, s3.serviceClientConfiguration().endpointOverride().orElseThrow());
            assertEquals("eu-west-1", d.serviceClientConfiguration().region().id());
        }
    }

    @Test
    void aMissingVariableNamesItself() {
        var e = assertThrows(IllegalStateException.class, () -> Tables.from(new Env(Map.of())));
        assertTrue(e.getMessage().contains("SUBMISSIONS_TABLE"), e.getMessage());
    }
}
