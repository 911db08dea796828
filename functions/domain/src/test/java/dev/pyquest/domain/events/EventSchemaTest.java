package dev.pyquest.domain.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;

/** The sample events in events/ follow the versioned schemas, and the schemas reject what they must. */
class EventSchemaTest {
    private static JsonNode sample(String file) {
        return EventSchemas.sample(file);
    }

    @Test
    void samplesMatchTheirSchemas() throws Exception {
        for (String f : new String[]{"code-passed.json", "code-failed.json", "reward-granted.json"}) {
            JsonNode e = sample(f);
            EventSchemas.assertValid(e.path("detail-type").asText(), e.path("detail"));
        }
    }

    @Test
    void schemasRejectBrokenDetails() throws Exception {
        ObjectNode noEventId = (ObjectNode) sample("code-passed.json").path("detail").deepCopy();
        noEventId.remove("eventId");
        assertFalse(EventSchemas.validate("CodePassed", noEventId).isEmpty());
        ObjectNode stringCount = (ObjectNode) sample("code-passed.json").path("detail").deepCopy();
        stringCount.put("passed", "13");
        assertFalse(EventSchemas.validate("CodePassed", stringCount).isEmpty());
        ObjectNode extra = (ObjectNode) sample("code-failed.json").path("detail").deepCopy();
        extra.put("expected", 42);
        assertFalse(EventSchemas.validate("CodeFailed", extra).isEmpty(), "unknown fields must not slip into the contract");
    }

    @Test
    void theRewardGrantedSchemaRejectsWhatTheLeaderboardCannotUse() throws Exception {
        ObjectNode noRewards = (ObjectNode) sample("reward-granted.json").path("detail").deepCopy();
        noRewards.remove("rewards");
        assertFalse(EventSchemas.validate("RewardGranted", noRewards).isEmpty());
        ObjectNode textAmount = (ObjectNode) sample("reward-granted.json").path("detail").deepCopy();
        ((ObjectNode) textAmount.path("rewards").get(0)).put("amount", "10");
        assertFalse(EventSchemas.validate("RewardGranted", textAmount).isEmpty());
        ObjectNode foreignId = (ObjectNode) sample("reward-granted.json").path("detail").deepCopy();
        foreignId.put("eventId", "3c1d9e52-8f4b-4a7e-b0d6-51a2c9e8f704");
        assertFalse(EventSchemas.validate("RewardGranted", foreignId).isEmpty(), "our own event ids only, never EventBridge's");
    }
}
