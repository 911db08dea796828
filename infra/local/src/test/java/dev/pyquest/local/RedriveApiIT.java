package dev.pyquest.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pyquest.shared.config.Tables;
import dev.pyquest.shared.store.Attr;
import dev.pyquest.shared.store.OutboxEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code POST /dev/dlq/{queue}/redrive} on the running local stack: the events of a dead-letter queue go back to
 * their consumer once, a redrive of an event already granted grants nothing (the ledger is unchanged), the queue
 * is empty after, and a name that is no queue of the template (a path trick included) is refused.
 */
class RedriveApiIT {
    @TempDir
    Path data;

    @Test
    void aRedriveHandsTheQueuedEventsBackOnceAndGrantsNothingTwice() throws Exception {
        try (LocalStack stack = LocalStack.start(LocalStack.Config.fromEnvironment().withoutFunctions(Stacks.ACHIEVEMENTS).withDataDir(data).withPort(0))) {
            Api api = new Api(stack.port());
            String t = api.token("redrive-1");
            JsonNode v = api.judge("sum-of-evens", t, "k-1", CoreLoopIT.SUM_OF_EVENS, "PASSED");
            api.awaitVerdict(v.path("submissionId").asText(), t, true, Duration.ofSeconds(30));
            long xp = api.get("/me", t).body().path("xp").asLong();
            assertTrue(xp > 0);

            // The CodePassed as the bus carried it, put in the rewards DLQ as if the consumer had failed on it.
            DynamoDbClient dynamo = stack.bean(DynamoDbClient.class);
            Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(stack.bean(Tables.class).outbox()).consistentRead(true)
                    .key(Map.of("eventId", Attr.s("judged#" + v.path("submissionId").asText())))).item();
            OutboxEvent e = new OutboxEvent(Attr.str(item, "eventId"), Attr.str(item, "source"), Attr.str(item, "detailType"),
                    Attr.str(item, "detail"), Instant.parse(Attr.str(item, "at")));
            var line = dev.pyquest.domain.Json.MAPPER.createObjectNode().put("at", Instant.now().toString())
                    .put("rule", "RewardsFunction.CodePassed").put("target", "RewardsFunction").put("error", "injected");
            line.set("event", LocalBus.envelope(e));
            Files.createDirectories(data.resolve("dlq"));
            Files.writeString(data.resolve("dlq/RewardsDlq.jsonl"), line + "\n", StandardCharsets.UTF_8);
            assertEquals(1, stack.bus().deadLetters("RewardsDlq").size());

            Api.Response r = api.post("/dev/dlq/RewardsDlq/redrive", null, Map.of(), "");
            assertEquals(200, r.status(), String.valueOf(r.body()));
            assertEquals(1, r.body().path("redriven").asInt(), r.body().toString());
            assertEquals(0, r.body().path("left").asInt());
            assertEquals(0, stack.bus().deadLetters("RewardsDlq").size());
            Api.sleep(300);
            assertEquals(xp, api.get("/me", t).body().path("xp").asLong(), "granted once: the redriven event found its grant made");

            Api.Response again = api.post("/dev/dlq/RewardsDlq/redrive", null, Map.of(), "");
            assertEquals(0, again.body().path("redriven").asInt());

            for (String hostile : new String[]{"NoSuchDlq", "..%2Fjwt-key.json", "%2E%2E", "RewardsDlq.jsonl"}) {
                Api.Response no = api.post("/dev/dlq/" + hostile + "/redrive", null, Map.of(), "");
                assertTrue(no.status() == 404 || no.status() == 400, hostile + " -> " + no.status() + " " + no.body());
            }
            assertTrue(Files.exists(data.resolve("jwt-key.json")), "nothing outside the DLQ folder was touched");
        }
    }
}
