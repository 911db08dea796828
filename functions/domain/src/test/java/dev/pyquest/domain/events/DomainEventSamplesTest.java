package dev.pyquest.domain.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pyquest.domain.Json;
import dev.pyquest.domain.content.Difficulty;
import dev.pyquest.domain.rewards.Grant;
import dev.pyquest.domain.rewards.Reward;
import dev.pyquest.domain.rewards.RewardKind;
import dev.pyquest.domain.rewards.RewardSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The typed events against the samples in events/ and the schemas in events/schemas/: read, written, and read again. */
class DomainEventSamplesTest {
    private static final Instant AT = Instant.parse("2026-11-23T10:15:30.123456Z");

    static List<String> samples() {
        return EventSchemas.busEventSamples();
    }

    private static BusEvent read(JsonNode event) {
        return BusEvent.read(event).orElseThrow(() -> new AssertionError("not read as ours: " + event));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void everySampleReadsIntoItsRecordAndWritesBackTheSameDetailWhichItsSchemaAccepts(String file) {
        JsonNode sample = EventSchemas.sample(file);
        BusEvent e = read(sample);
        String type = sample.path("detail-type").asText();
        assertEquals(type, e.detail().getClass().getSimpleName(), "the record is named as its detail-type");
        assertEquals(type, e.detailType());
        assertEquals(sample.path("source").asText(), e.source());
        assertEquals(sample.path("id").asText(), e.id());
        assertEquals(Instant.parse(sample.path("time").asText()), e.time());
        ObjectNode written = e.detail().toDetail();
        EventSchemas.assertValid(type, written);
        // Compared as text read back: a long written is a LongNode, the same number read is an IntNode.
        assertEquals(sample.path("detail"), readTree(e.detail().toDetailJson()), "nothing lost, nothing added");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void aRecordWrittenAndReadAgainIsEqualToItself(String file) {
        DomainEvent d = read(EventSchemas.sample(file)).detail();
        DomainEvent again = DomainEvent.fromDetailJson(d.busSource(), d.detailType(), d.toDetailJson()).orElseThrow();
        assertEquals(d, again);
        assertEquals(d.hashCode(), again.hashCode());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void eachOptionalFieldOfTheSchemaMayBeLeftOutAndStaysOut(String file) {
        JsonNode sample = EventSchemas.sample(file);
        String type = sample.path("detail-type").asText();
        JsonNode schema = EventSchemas.schema(type);
        Set<String> required = new HashSet<>();
        schema.path("required").forEach(r -> required.add(r.asText()));
        for (var it = schema.path("properties").fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (required.contains(field)) continue;
            ObjectNode detail = sample.path("detail").deepCopy();
            detail.remove(field);
            DomainEvent d = DomainEvent.fromDetail(sample.path("source").asText(), type, detail).orElseThrow();
            ObjectNode written = d.toDetail();
            assertFalse(written.has(field), type + " wrote " + field + " that was absent");
            EventSchemas.assertValid(type, written);
            assertEquals(d, DomainEvent.fromDetail(d.busSource(), type, written).orElseThrow());
        }
    }

    @Test
    void theSamplesAndSchemasCoverTheWholeFamily() {
        Set<String> family = Arrays.stream(DomainEvent.class.getPermittedSubclasses()).map(Class::getSimpleName).collect(Collectors.toSet());
        Set<String> sampled = samples().stream().map(f -> EventSchemas.sample(f).path("detail-type").asText()).collect(Collectors.toSet());
        assertEquals(family, sampled, "one sample per record");
        family.forEach(EventSchemas::schema);
    }

    @Test
    void theOutboxSampleHoldsACodePassedDetailAsText() {
        JsonNode image = EventSchemas.sample("outbox-insert.json").path("Records").get(0).path("dynamodb").path("NewImage");
        DomainEvent d = DomainEvent.fromDetailJson(image.path("source").path("S").asText(), image.path("detailType").path("S").asText(),
                image.path("detail").path("S").asText()).orElseThrow();
        CodePassed p = assertInstanceOf(CodePassed.class, d);
        assertEquals(image.path("eventId").path("S").asText(), p.eventId());
        assertTrue(p.firstTry());
    }

    @Test
    void aFieldThisCodeDoesNotKnowIsIgnoredSoANewOptionalFieldBreaksNoOlderConsumer() {
        for (String file : samples()) {
            ObjectNode event = EventSchemas.sample(file).deepCopy();
            ((ObjectNode) event.path("detail")).put("addedInAFutureVersion", "x").putObject("andNested").put("n", 1);
            assertEquals(read(EventSchemas.sample(file)).detail(), read(event).detail(), file);
            assertFalse(read(event).detail().toDetail().has("addedInAFutureVersion"), "a producer writes only the contract");
        }
    }

    @Test
    void anEventNotOfOursIsIgnoredWithoutReadingItsDetail() {
        ObjectNode other = EventSchemas.sample("code-passed.json").deepCopy();
        other.put("detail-type", "SomethingElse").set("detail", other.textNode("not even an object"));
        assertTrue(BusEvent.read(other).isEmpty());
        ObjectNode foreign = EventSchemas.sample("reward-granted.json").deepCopy();
        foreign.put("source", "pyquest.judge");
        assertTrue(BusEvent.read(foreign).isEmpty(), "a detail-type of ours from another source is not ours");
        ObjectNode untyped = EventSchemas.sample("code-passed.json").deepCopy();
        untyped.remove("detail-type");
        assertTrue(BusEvent.read(untyped).isEmpty());
    }

    @Test
    void theBusVocabularyIsTheConstantsOfDomainEvents() {
        Map<String, String> sources = Map.of("CodePassed", DomainEvents.SOURCE_JUDGE, "CodeFailed", DomainEvents.SOURCE_JUDGE,
                "QuizPassed", DomainEvents.SOURCE_LEARNING, "LessonCompleted", DomainEvents.SOURCE_LEARNING,
                "RewardGranted", DomainEvents.SOURCE_REWARDS, "AchievementUnlocked", DomainEvents.SOURCE_ACHIEVEMENTS,
                "ActivitySkipped", DomainEvents.SOURCE_LEARNING);
        for (String file : samples()) {
            DomainEvent d = read(EventSchemas.sample(file)).detail();
            assertEquals(sources.get(d.detailType()), d.busSource());
        }
        assertEquals(List.of(DomainEvents.CODE_PASSED, DomainEvents.CODE_FAILED, DomainEvents.QUIZ_PASSED,
                DomainEvents.LESSON_COMPLETED, DomainEvents.REWARD_GRANTED, DomainEvents.ACHIEVEMENT_UNLOCKED,
                DomainEvents.ACTIVITY_SKIPPED, DomainEvents.SOURCE_ACHIEVEMENTS), List.of("CodePassed", "CodeFailed", "QuizPassed",
                "LessonCompleted", "RewardGranted", "AchievementUnlocked", "ActivitySkipped", "pyquest.achievements"));
    }

    // ------------------------------------------------------------------ producers

    @Test
    void aRewardGrantedOfAGrantIsWhatTheRewardsServiceAnnounces() {
        Grant g = new Grant("learner-1", "FIRST_PASS#ex-0001",
                List.of(new Reward(RewardKind.XP, 15, "first pass"), new Reward(RewardKind.DIAMONDS, 1, "first pass")),
                "judged#s-0f1e2d3c4b5a69788796a5b4c3d2e1f0", "s-0f1e2d3c4b5a69788796a5b4c3d2e1f0", RewardSource.EXERCISE,
                Map.of("firstTry", "true", "difficulty", "EASY"));
        RewardGranted r = RewardGranted.of(g, AT);
        assertEquals("reward#learner-1#FIRST_PASS#ex-0001", r.eventId());
        assertEquals("exercise", r.source());
        assertEquals(15, r.amount(RewardKind.XP));
        assertEquals(0, r.amount(RewardKind.BADGE));
        ObjectNode d = r.toDetail();
        EventSchemas.assertValid("RewardGranted", d);
        assertEquals("2026-11-23T10:15:30.123456Z", d.path("at").asText(), "an ISO-8601 instant, to the microsecond");
        assertEquals(List.of("difficulty", "firstTry"), iterable(d.path("attributes").fieldNames()), "in a stable order");
        // A grant under no cap, of nothing in particular: the optional fields stay out.
        ObjectNode bare = RewardGranted.of(new Grant("u", "STREAK#7", List.of(new Reward(RewardKind.XP, 50, "streak")), "login#u#d", null), AT).toDetail();
        EventSchemas.assertValid("RewardGranted", bare);
        assertFalse(bare.has("source") || bare.has("attributes") || bare.has("submissionId"), bare.toString());
    }

    /** Every source a grant can name (achievements' included) is one the contract accepts, BADGE lines too. */
    @Test
    void aGrantOfEverySourceIsARewardGrantedTheSchemaAccepts() {
        for (RewardSource source : RewardSource.values()) {
            Grant g = new Grant("learner-1", "KEY#" + source.name(), List.of(new Reward(RewardKind.BADGE, 1, "badge"),
                    new Reward(RewardKind.XP, 20, "badge")), "src#" + source.name(), null, source, Map.of("achievement", "hello-world"));
            EventSchemas.assertValid("RewardGranted", RewardGranted.of(g, AT).toDetail());
        }
    }

    @Test
    void producersWriteDetailsTheirSchemasAccept() {
        List<DomainEvent> events = List.of(
                new CodePassed("judged#s-0f1e2d3c4b5a69788796a5b4c3d2e1f0", "s-0f1e2d3c4b5a69788796a5b4c3d2e1f0", "learner-1", "ex-0001",
                        "sum-of-evens", Difficulty.HARD, 13, 13, AT, 3),
                new CodePassed("judged#s-0f1e2d3c4b5a69788796a5b4c3d2e1f0", "s-0f1e2d3c4b5a69788796a5b4c3d2e1f0", "learner-1", "ex-0001",
                        "sum-of-evens", Difficulty.HARD, 13, 13, AT, null),
                new CodeFailed("judged#s-0f1e2d3c4b5a69788796a5b4c3d2e1f0", "s-0f1e2d3c4b5a69788796a5b4c3d2e1f0", "learner-1", "ex-0001",
                        "sum-of-evens", Difficulty.MEDIUM, 0, 13, AT, 1),
                new QuizPassed("quiz#qa-5d41402abc4b2a76b9719d911017c592", "learner-1", "qz-0002", "strings-quiz", Difficulty.EASY, AT,
                        "qa-5d41402abc4b2a76b9719d911017c592", 6, 6, 100),
                new LessonCompleted("lesson#learner-1#ls-0002", "learner-1", "ls-0002", "strings-basics", Difficulty.EASY, AT));
        for (DomainEvent e : events) {
            EventSchemas.assertValid(e.detailType(), e.toDetail());
            assertEquals(e, DomainEvent.fromDetailJson(e.busSource(), e.detailType(), e.toDetailJson()).orElseThrow());
        }
        assertFalse(events.get(1).toDetail().has("attempt"));
        assertFalse(((CodePassed) events.get(1)).firstTry(), "an older producer's pass is not a first try");
    }

    private static JsonNode readTree(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<String> iterable(java.util.Iterator<String> it) {
        List<String> out = new java.util.ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }
}
