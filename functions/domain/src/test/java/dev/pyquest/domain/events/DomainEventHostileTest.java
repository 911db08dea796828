package dev.pyquest.domain.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pyquest.domain.content.Difficulty;
import dev.pyquest.domain.rewards.Reward;
import dev.pyquest.domain.rewards.RewardKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Malformed events are refused with {@link IllegalArgumentException} (EventBridge retries, then the
 * rule's DLQ), one rule at a time, each on a real sample broken in one place. Rules that follow from
 * the schema (required fields, string ids, whole numbers) are driven by the schema itself.
 */
class DomainEventHostileTest {
    private static final Instant AT = Instant.parse("2026-11-23T10:15:30Z");

    static List<String> samples() {
        return EventSchemas.busEventSamples();
    }

    private static ObjectNode event(String file) {
        return EventSchemas.sample(file).deepCopy();
    }

    private static String typeOf(String file) {
        return EventSchemas.sample(file).path("detail-type").asText();
    }

    /** The sample {@code file} with {@code breakIt} applied to its detail must be refused. */
    private static void assertRefused(String file, Consumer<ObjectNode> breakIt) {
        ObjectNode e = event(file);
        breakIt.accept((ObjectNode) e.path("detail"));
        assertRefusedEvent(e);
    }

    private static void assertRefusedEvent(JsonNode e) {
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class, () -> BusEvent.read(e), e.path("detail").toString());
        assertTrue(x.getMessage() != null && !x.getMessage().isBlank());
    }

    private static void assertAccepted(String file, Consumer<ObjectNode> change) {
        ObjectNode e = event(file);
        change.accept((ObjectNode) e.path("detail"));
        assertTrue(BusEvent.read(e).isPresent(), e.toString());
    }

    /** The schema's properties of {@code type} whose JSON type is {@code jsonType}. */
    private static List<String> propertiesOfType(String type, String jsonType) {
        List<String> out = new ArrayList<>();
        EventSchemas.schema(type).path("properties").fields().forEachRemaining(p -> {
            if (jsonType.equals(p.getValue().path("type").asText())) out.add(p.getKey());
        });
        return out;
    }

    // ------------------------------------------------------------------ every type, from its schema

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void everyFieldTheSchemaRequiresIsRequiredAbsentOrNull(String file) {
        for (JsonNode f : EventSchemas.schema(typeOf(file)).path("required")) {
            assertRefused(file, d -> d.remove(f.asText()));
            assertRefused(file, d -> d.putNull(f.asText()));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void everyStringFieldIsRefusedBlankOrAsANumber(String file) {
        List<String> strings = propertiesOfType(typeOf(file), "string");
        assertTrue(strings.contains("eventId") && strings.contains("userId"), strings.toString());
        for (String f : strings) {
            assertRefused(file, d -> d.put(f, ""));
            assertRefused(file, d -> d.put(f, "   "));
            assertRefused(file, d -> d.put(f, 42));
            assertRefused(file, d -> d.putObject(f));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void everyWholeNumberIsRefusedAsTextAsAFractionOrOutOfRange(String file) {
        for (String f : propertiesOfType(typeOf(file), "integer")) {
            assertRefused(file, d -> d.put(f, "13"));
            assertRefused(file, d -> d.put(f, 1.5));
            assertRefused(file, d -> d.put(f, 13.0));
            assertRefused(file, d -> d.put(f, -1));
            assertRefused(file, d -> d.put(f, 1L << 40));
            assertRefused(file, d -> d.put(f, true));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void anUnknownDifficultyOrATimeThatIsNoInstantIsRefused(String file) {
        if (EventSchemas.schema(typeOf(file)).path("properties").has("difficulty")) {
            assertRefused(file, d -> d.put("difficulty", "EXTREME"));
            assertRefused(file, d -> d.put("difficulty", "easy"));
            assertRefused(file, d -> d.put("difficulty", 1));
        }
        assertRefused(file, d -> d.put("at", "not a time"));
        assertRefused(file, d -> d.put("at", "2026-11-23"));
        assertRefused(file, d -> d.put("at", 1795428929000L));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void anEventOfOursWithoutADetailObjectOrWithoutAUsableTimeIsRefused(String file) {
        ObjectNode noDetail = event(file);
        noDetail.remove("detail");
        assertRefusedEvent(noDetail);
        ObjectNode arrayDetail = event(file);
        arrayDetail.putArray("detail");
        assertRefusedEvent(arrayDetail);
        ObjectNode textDetail = event(file);
        textDetail.put("detail", EventSchemas.sample(file).path("detail").toString());
        assertRefusedEvent(textDetail);
        ObjectNode noTime = event(file);
        noTime.remove("time");
        assertRefusedEvent(noTime);
        ObjectNode badTime = event(file);
        badTime.put("time", "last tuesday");
        assertRefusedEvent(badTime);
        assertThrows(IllegalArgumentException.class, () -> BusEvent.read((Map<String, Object>) null));
        assertThrows(IllegalArgumentException.class, () -> DomainEvent.fromDetailJson(
                EventSchemas.sample(file).path("source").asText(), typeOf(file), "{\"eventId\":"));
    }

    // ------------------------------------------------------------------ per type

    @Test
    void aPassWithNoTestPassedOrNoTestsOrAnAttemptBeforeTheFirstIsRefused() {
        assertRefused("code-passed.json", d -> d.put("passed", 0));
        assertAccepted("code-failed.json", d -> d.put("passed", 0));
        for (String f : List.of("code-passed.json", "code-failed.json")) {
            assertRefused(f, d -> d.put("total", 0));
            assertRefused(f, d -> d.put("attempt", 0));
        }
    }

    @Test
    void aQuizPassWithoutACorrectAnswerOrAPercentOutsideOneToAHundredIsRefused() {
        assertRefused("quiz-passed.json", d -> d.put("correct", 0));
        assertRefused("quiz-passed.json", d -> d.put("total", 0));
        assertRefused("quiz-passed.json", d -> d.put("percent", 0));
        assertRefused("quiz-passed.json", d -> d.put("percent", 101));
        assertAccepted("quiz-passed.json", d -> d.put("percent", 100));
    }

    @Test
    void aRewardGrantedEventIdLongerThan512IsRefused() {
        assertAccepted("reward-granted.json", d -> d.put("eventId", "reward#" + "x".repeat(RewardGranted.MAX_EVENT_ID - 7)));
        assertRefused("reward-granted.json", d -> d.put("eventId", "reward#" + "x".repeat(RewardGranted.MAX_EVENT_ID - 6)));
    }

    private static ObjectNode reward(ObjectNode d, int i) {
        return (ObjectNode) d.path("rewards").get(i);
    }

    @Test
    void aRewardGrantedWithoutRewardsOrWithAnAmountThatIsNotAWholeNonNegativeNumberIsRefused() {
        String f = "reward-granted.json";
        assertRefused(f, d -> d.putArray("rewards"));
        assertRefused(f, d -> d.putObject("rewards"));
        assertRefused(f, d -> ((ArrayNode) d.path("rewards")).add(1));
        assertRefused(f, d -> reward(d, 0).put("amount", -5));
        assertRefused(f, d -> reward(d, 1).put("amount", -1));
        assertRefused(f, d -> reward(d, 0).put("amount", "15"));
        assertRefused(f, d -> reward(d, 0).put("amount", 1.5));
        assertRefused(f, d -> reward(d, 0).put("amount", BigInteger.TWO.pow(70)));
        assertRefused(f, d -> reward(d, 0).remove("amount"));
        assertRefused(f, d -> reward(d, 0).putNull("amount"));
        assertRefused(f, d -> reward(d, 0).remove("kind"));
        assertRefused(f, d -> reward(d, 0).put("kind", "GEMS"));
        assertRefused(f, d -> reward(d, 0).remove("reason"));
        assertRefused(f, d -> reward(d, 0).put("reason", " "));
        assertAccepted(f, d -> reward(d, 0).put("amount", 0));
    }

    @Test
    void aRewardGrantedWhoseAmountsOfAKindOverflowIsRefused() {
        assertRefused("reward-granted.json", d -> {
            reward(d, 0).put("amount", Long.MAX_VALUE);
            reward(d, 1).put("kind", "XP").put("amount", 1);
        });
    }

    @Test
    void aRewardGrantedSourceOrAttributesOfTheWrongShapeAreRefused() {
        String f = "reward-granted.json";
        assertRefused(f, d -> d.put("source", 3));
        assertRefused(f, d -> d.put("source", ""));
        assertRefused(f, d -> d.put("attributes", "HARD"));
        assertRefused(f, d -> d.withObject("attributes").put("firstTry", true));
        assertRefused(f, d -> d.withObject("attributes").putNull("difficulty"));
        assertAccepted(f, d -> d.put("source", "achievement"));
    }

    // ------------------------------------------------------------------ producers meet the same rules

    @Test
    void aProducerCannotBuildWhatAConsumerWouldRefuse() {
        assertThrows(IllegalArgumentException.class, () -> new CodePassed(" ", "s-1", "u", "ex-1", "x", Difficulty.EASY, 1, 1, AT, 1));
        assertThrows(IllegalArgumentException.class, () -> new CodePassed("e", "s-1", "u", "ex-1", "x", null, 1, 1, AT, 1));
        assertThrows(IllegalArgumentException.class, () -> new CodePassed("e", "s-1", "u", "ex-1", "x", Difficulty.EASY, 1, 1, null, 1));
        assertThrows(IllegalArgumentException.class, () -> new CodeFailed("e", "s-1", "", "ex-1", "x", Difficulty.EASY, 0, 1, AT, 1));
        assertThrows(IllegalArgumentException.class, () -> new QuizPassed("e", "u", "qz-1", "x", Difficulty.EASY, AT, null, 1, 1, 100));
        assertThrows(IllegalArgumentException.class, () -> new LessonCompleted("e", "u", "ls-1", null, Difficulty.EASY, AT));
        List<Reward> ok = List.of(new Reward(RewardKind.XP, 5, "r"));
        assertThrows(IllegalArgumentException.class, () -> new RewardGranted("e", "u", "K", "s", null, List.of(), AT, null, Map.of()));
        assertThrows(IllegalArgumentException.class, () -> new RewardGranted("e", "u", "K", "s", null, null, AT, null, Map.of()));
        assertThrows(IllegalArgumentException.class, () -> new RewardGranted("e", "u", "K", "s", null,
                List.of(new Reward(RewardKind.DIAMONDS, -1, "r")), AT, null, Map.of()));
        assertThrows(IllegalArgumentException.class, () -> new RewardGranted("e", "u", "K", "s", null,
                List.of(new Reward(null, 1, "r")), AT, null, Map.of()));
        assertThrows(IllegalArgumentException.class, () -> new RewardGranted("e", "u", "K", "s", "", ok, AT, null, Map.of()));
        Map<String, String> nullValue = new HashMap<>();
        nullValue.put("difficulty", null);
        assertThrows(IllegalArgumentException.class, () -> new RewardGranted("e", "u", "K", "s", null, ok, AT, null, nullValue));
        assertEquals(Map.of(), new RewardGranted("e", "u", "K", "s", null, ok, null, null, null).attributes(), "absent attributes are empty");
    }
}
