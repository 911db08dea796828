package dev.pyquest.local;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pyquest.domain.Json;
import dev.pyquest.domain.events.BusEvent;
import dev.pyquest.domain.events.EventSchemas;
import dev.pyquest.domain.mastery.Practice;
import dev.pyquest.domain.mastery.SkillProgress;
import dev.pyquest.events.MasteryFunction;
import dev.pyquest.shared.store.CatalogRepository;
import dev.pyquest.shared.store.MasteryRepository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Per-skill mastery through the real consumer on DynamoDB Local, with the course's catalog loaded: duplicated
 * and shuffled deliveries count each attempt once, and concurrent events of one learner on shared skills lose
 * none. The stored state is held to the pure domain ({@link Practice#applyTo}) replayed over the events in the
 * order the consumer applied them: exactly, not approximately.
 */
class MasteryIT {
    private static final Instant DAY = Instant.parse("2026-11-25T09:00:00Z");

    private final Engines engines = new Engines(Clock.fixed(DAY.plusSeconds(7200), ZoneOffset.UTC));

    @BeforeEach
    void loadCatalog() {
        dev.pyquest.local.content.LoadContent.load(LocalStack.findRoot().resolve("content"), engines.bean(CatalogRepository.class));
    }

    @AfterEach
    void stopEngines() {
        engines.close();
    }

    /** A CodePassed or CodeFailed of {@code userId}'s attempt {@code attempt} on exercise {@code activityId}. */
    static Map<String, Object> judged(String userId, String activityId, String slug, int attempt, boolean passed, Instant at) {
        String submission = "s-" + dev.pyquest.domain.Hashing.sha256Hex(userId + "/" + activityId + "/" + attempt).substring(0, 32);
        ObjectNode detail = Json.MAPPER.createObjectNode()
                .put("eventId", "judged#" + submission).put("submissionId", submission)
                .put("userId", userId).put("activityId", activityId).put("activitySlug", slug).put("difficulty", "EASY")
                .put("passed", passed ? 5 : 2).put("total", 5).put("attempt", attempt).put("at", at.toString());
        return envelope(passed ? "code-passed.json" : "code-failed.json", detail, at);
    }

    static Map<String, Object> lesson(String userId, String activityId, String slug, Instant at) {
        ObjectNode detail = Json.MAPPER.createObjectNode().put("eventId", "lesson#" + userId + "#" + activityId).put("userId", userId)
                .put("activityId", activityId).put("activitySlug", slug).put("difficulty", "EASY").put("at", at.toString());
        return envelope("lesson-completed.json", detail, at);
    }

    private static Map<String, Object> envelope(String sample, ObjectNode detail, Instant at) {
        ObjectNode env;
        try {
            env = (ObjectNode) Json.MAPPER.readTree(Files.readString(LocalStack.findRoot().resolve("events").resolve(sample)));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        EventSchemas.assertValid(env.path("detail-type").asText(), detail);
        env.put("id", UUID.randomUUID().toString()).put("time", at.toString()).set("detail", detail);
        @SuppressWarnings("unchecked") Map<String, Object> m = Json.MAPPER.convertValue(env, Map.class);
        return m;
    }

    private Map<String, Object> deliver(Map<String, Object> event) {
        return engines.bean(MasteryFunction.class).handleRequest(event, null);
    }

    private static String eventId(Map<String, Object> event) {
        return String.valueOf(((Map<?, ?>) event.get("detail")).get("eventId"));
    }

    /** The course's skills of each activity these tests use. */
    private static final Map<String, List<String>> SKILLS = Map.of("ex-0001", List.of("loops", "conditionals"),
            "ex-0002", List.of("strings", "lists"), "ls-0002", List.of("strings"));

    /** What the pure domain gives over {@code applied}, in that order (each once), per skill. */
    private static Map<String, SkillProgress> replay(List<Map<String, Object>> applied) {
        Map<String, SkillProgress> skills = new TreeMap<>();
        Map<String, Integer> passed = new HashMap<>();
        for (Map<String, Object> e : applied) {
            Practice p = Practice.of(BusEvent.read(e).orElseThrow().detail()).orElseThrow();
            Integer before = passed.get(p.activityId());
            boolean evidence = p.isEvidence(before);
            Integer after = p.passedAttemptAfter(before);
            if (after != null) passed.put(p.activityId(), after);
            Map<String, SkillProgress> mine = new java.util.LinkedHashMap<>();
            for (String s : SKILLS.get(p.activityId())) mine.put(s, skills.getOrDefault(s, SkillProgress.NOT_STARTED));
            skills.putAll(p.applyTo(mine, evidence, LocalDate.ofInstant(p.at(), ZoneOffset.UTC)));
        }
        return skills;
    }

    private Map<String, SkillProgress> stored(String userId) {
        return new TreeMap<>(engines.bean(MasteryRepository.class).skills(userId));
    }

    @Test
    void duplicatedAndShuffledDeliveriesCountEachAttemptOnceInTheOrderApplied() {
        String u = "shuffled";
        List<Map<String, Object>> distinct = new ArrayList<>(List.of(
                judged(u, "ex-0001", "sum-of-evens", 1, false, DAY),
                judged(u, "ex-0001", "sum-of-evens", 2, false, DAY.plusSeconds(60)),
                judged(u, "ex-0001", "sum-of-evens", 3, true, DAY.plusSeconds(120)),
                judged(u, "ex-0002", "reverse-words", 1, false, DAY.plusSeconds(180)),
                judged(u, "ex-0002", "reverse-words", 2, true, DAY.plusSeconds(240)),
                lesson(u, "ls-0002", "strings-basics", DAY.plusSeconds(300))));
        List<Map<String, Object>> deliveries = new ArrayList<>();
        for (int i = 0; i < 40; i++) deliveries.add(QuestsIT.redelivered(distinct.get(i % distinct.size())));
        Collections.shuffle(deliveries, new Random(14));

        Map<String, Integer> outcomes = new TreeMap<>();
        List<Map<String, Object>> applied = new ArrayList<>();
        for (Map<String, Object> d : deliveries) {
            Map<String, Object> out = deliver(d);
            outcomes.merge(String.valueOf(out.get("outcome")), 1, Integer::sum);
            if ("APPLIED".equals(out.get("outcome"))) applied.add(d);
        }
        assertEquals(Map.of("APPLIED", 6, "ALREADY_APPLIED", 34), outcomes);
        assertEquals(distinct.stream().map(MasteryIT::eventId).sorted().toList(), applied.stream().map(MasteryIT::eventId).sorted().toList(),
                "each event applied once");

        Map<String, SkillProgress> mine = stored(u);
        assertEquals(replay(applied), mine);
        // Whatever the order: every attempt up to the first pass is an answer, and each one an attempt.
        assertEquals(3, mine.get("loops").attempts());
        assertEquals(3, mine.get("loops").mastery().observations());
        assertEquals(2, mine.get("strings").attempts());
        assertEquals(2, mine.get("strings").mastery().observations());
        assertEquals(1, mine.get("strings").lessons());
        assertEquals(0, mine.get("lists").lessons());
        assertEquals(Map.of(), stored("someone-else"));
    }

    @Test
    void concurrentEventsOfOneLearnerOnSharedSkillsLoseNone() throws Exception {
        String u = "concurrent";
        List<Map<String, Object>> distinct = new ArrayList<>();
        for (int a = 1; a <= 4; a++) distinct.add(judged(u, "ex-0001", "sum-of-evens", a, false, DAY.plusSeconds(60L * a)));
        distinct.add(judged(u, "ex-0001", "sum-of-evens", 5, true, DAY.plusSeconds(300)));
        for (int a = 1; a <= 2; a++) distinct.add(judged(u, "ex-0002", "reverse-words", a, false, DAY.plusSeconds(400L + a)));
        distinct.add(lesson(u, "ls-0002", "strings-basics", DAY.plusSeconds(500)));
        List<Map<String, Object>> burst = new ArrayList<>();
        for (Map<String, Object> e : distinct) {
            burst.add(e);
            burst.add(QuestsIT.redelivered(e));
        }
        AtomicInteger next = new AtomicInteger();
        List<Map<String, Object>> outs = Race.run(burst.size(), () -> {
            Map<String, Object> e = burst.get(next.getAndIncrement());
            Map<String, Object> out = new HashMap<>(deliver(e));
            out.put("event", e);
            return out;
        });
        Map<String, Integer> outcomes = new TreeMap<>();
        for (Map<String, Object> o : outs) outcomes.merge(String.valueOf(o.get("outcome")), 1, Integer::sum);
        assertEquals(Map.of("APPLIED", distinct.size(), "ALREADY_APPLIED", distinct.size()), outcomes);

        Map<String, SkillProgress> mine = stored(u);
        // Every fail precedes the pass in the judge's numbering: all are answers, whatever the order they won in.
        assertEquals(5, mine.get("loops").attempts());
        assertEquals(5, mine.get("conditionals").mastery().observations());
        assertEquals(5, mine.get("loops").review().reviews());
        assertEquals(2, mine.get("lists").attempts());
        assertEquals(2, mine.get("strings").attempts());
        assertEquals(1, mine.get("strings").lessons());
    }
}
