package dev.pyquest.shared.achievements;

import dev.pyquest.domain.achievements.AchievementEngine;
import dev.pyquest.domain.achievements.AchievementFact;
import dev.pyquest.domain.achievements.Achievements;
import dev.pyquest.domain.achievements.FactKind;
import dev.pyquest.domain.achievements.SkillCatalog;
import dev.pyquest.domain.content.Difficulty;
import dev.pyquest.domain.rewards.Economy;
import dev.pyquest.shared.rewards.RewardsService;
import dev.pyquest.shared.store.AchievementRepository;
import dev.pyquest.shared.store.Attr;
import dev.pyquest.shared.store.LearnerRepository;
import dev.pyquest.shared.store.LearningRepository;
import dev.pyquest.shared.testing.RecordingDynamo;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The history the backfill replays, rebuilt from stored rows as the consumer read the events: ledger lines grouped into
 * grants (old lines without source or attributes included), passed quiz attempts, completed lessons; debits and
 * achievements' own grants left out; times in the learner's zone.
 */
class AchievementsBackfillTest {
    private static final Instant LATE = Instant.parse("2026-12-01T23:30:00Z"); // already Dec 2 in Paris
    private static final SkillCatalog CATALOG = new SkillCatalog(Set.of("loops"),
            Map.of("ex-1", List.of("loops"), "qz-1", List.of("loops")), Map.of("loops", 1));
    private static final AchievementEngine ENGINE = new AchievementEngine(Achievements.parse("""
            achievements:
              - id: hello-world
                name: "Hello"
                description: "d"
                kind: first
                event: EXERCISE_FIRST_PASS
                tiers: [{ target: 1, xp: 10, diamonds: 1 }]
            """, null), CATALOG);

    private static Map<String, AttributeValue> line(String entryId, long amount, String source, Map<String, String> attributes,
                                                    String submissionId) {
        Map<String, AttributeValue> i = new HashMap<>(Map.of("userId", Attr.s("u-1"), "entryId", Attr.s(entryId),
                "kind", Attr.s(entryId.substring(entryId.indexOf('|') + 1)), "amount", Attr.n(amount), "reason", Attr.s("why"),
                "at", Attr.s(LATE.toString()), "sourceEventId", Attr.s("src#" + entryId)));
        if (source != null) i.put("source", Attr.s(source));
        if (!attributes.isEmpty()) {
            Map<String, AttributeValue> m = new HashMap<>();
            attributes.forEach((k, v) -> m.put(k, Attr.s(v)));
            i.put("attributes", AttributeValue.fromM(m));
        }
        if (submissionId != null) i.put("submissionId", Attr.s(submissionId));
        return i;
    }

    private static final List<Map<String, AttributeValue>> LEDGER = List.of(
            // Written before lines kept their grant's source and attributes.
            line("FIRST_PASS#ex-1|XP", 10, null, Map.of(), "s-1"),
            line("FIRST_PASS#ex-1|DIAMONDS", 1, null, Map.of(), "s-1"),
            line("FIRST_PASS#ex-2|XP", 45, "exercise", Map.of("difficulty", "HARD", "firstTry", "true", "hintBought", "false"), "s-2"),
            line("DAILY_LOGIN#2026-12-02|XP", 5, null, Map.of("streakDays", "3"), null),
            line("QUEST#2026-W49#pass-3|XP", 30, null, Map.of(), null),
            line("PURCHASE#p-1|DIAMONDS", -5, null, Map.of(), null),
            line("ACHIEVEMENT#hello-world|BADGE", 1, "achievement", Map.of("achievement", "hello-world"), "s-1"),
            line("ACHIEVEMENT#hello-world|XP", 10, "achievement", Map.of("achievement", "hello-world"), "s-1"));

    private static final List<Map<String, AttributeValue>> PROGRESS = List.of(
            Map.of("userId", Attr.s("u-1"), "activityId", Attr.s("attempt#qa-1"), "quizId", Attr.s("qz-1"), "percent", Attr.n(90),
                    "passed", Attr.bool(true), "at", Attr.s(LATE.toString())),
            Map.of("userId", Attr.s("u-1"), "activityId", Attr.s("attempt#qa-2"), "quizId", Attr.s("qz-1"), "percent", Attr.n(20),
                    "passed", Attr.bool(false), "at", Attr.s(LATE.toString())),
            Map.of("userId", Attr.s("u-1"), "activityId", Attr.s("qz-1"), "attempts", Attr.n(2), "passes", Attr.n(1)),
            Map.of("userId", Attr.s("u-1"), "activityId", Attr.s("ls-1"), "completedAt", Attr.s(LATE.toString())));

    private static AchievementsBackfill backfill(RecordingDynamo dynamo) {
        Clock clock = Clock.fixed(LATE, ZoneOffset.UTC);
        return new AchievementsBackfill(new AchievementRepository(dynamo.client(), "Economy", "Outbox"),
                new LearnerRepository(dynamo.client(), "Learners", "Ledger"), new LearningRepository(dynamo.client(), "Progress", "Outbox"),
                new RewardsService(dynamo.client(), "Ledger", "Learners", "Outbox", "Submissions", "Economy", Economy.bundled(), clock),
                ENGINE, Map.of("qz-1", Difficulty.MEDIUM, "ls-1", Difficulty.EASY), "backfill#2026-12-01", clock);
    }

    @Test
    void theHistoryIsTheEventsTheConsumerSawRebuiltFromTheLedgerAndTheProgressRows() {
        RecordingDynamo dynamo = new RecordingDynamo(g -> null, q -> switch (q.tableName()) {
            case "Ledger" -> LEDGER;
            case "Progress" -> PROGRESS;
            default -> List.of();
        });
        AchievementsBackfill.History h = backfill(dynamo).history("u-1", ZoneId.of("Europe/Paris"));
        Map<String, AchievementFact> facts = new TreeMap<>();
        h.facts().forEach(f -> facts.put(f.eventId(), f));
        assertEquals(Set.of("reward#u-1#FIRST_PASS#ex-1", "reward#u-1#FIRST_PASS#ex-2", "reward#u-1#DAILY_LOGIN#2026-12-02",
                "reward#u-1#QUEST#2026-W49#pass-3", "quiz#qa-1", "lesson#u-1#ls-1"), facts.keySet(),
                "no debit, no achievement's own grant, no failed attempt, no quiz summary row");

        AchievementFact old = facts.get("reward#u-1#FIRST_PASS#ex-1");
        assertEquals(FactKind.EXERCISE_FIRST_PASS, old.kind(), "source read from the grant key");
        assertEquals(10, old.xp());
        assertEquals(List.of("loops"), old.skills());
        assertNull(old.firstTry(), "an attribute the line never kept is unknown, never false");
        assertNull(old.difficulty());
        assertEquals(LocalDate.parse("2026-12-02"), old.localDate(), "the learner's day, in their zone");

        AchievementFact hard = facts.get("reward#u-1#FIRST_PASS#ex-2");
        assertEquals(Difficulty.HARD, hard.difficulty());
        assertEquals(Boolean.TRUE, hard.firstTry());
        assertEquals(Boolean.FALSE, hard.hintBought());
        assertEquals(3, facts.get("reward#u-1#DAILY_LOGIN#2026-12-02").streakDays());
        assertEquals(FactKind.XP_EARNED, facts.get("reward#u-1#QUEST#2026-W49#pass-3").kind());
        assertEquals(30, facts.get("reward#u-1#QUEST#2026-W49#pass-3").xp());

        AchievementFact quiz = facts.get("quiz#qa-1");
        assertEquals(FactKind.QUIZ_PASSED, quiz.kind());
        assertEquals(90, quiz.percent());
        assertEquals(Difficulty.MEDIUM, quiz.difficulty(), "from the catalog, as the event had it");
        assertEquals(FactKind.LESSON_COMPLETED, facts.get("lesson#u-1#ls-1").kind());

        assertEquals(Map.of("reward#u-1#FIRST_PASS#ex-1", "s-1", "reward#u-1#FIRST_PASS#ex-2", "s-2"), h.submissionOfEvent());
        assertTrue(h.grantKeys().contains("ACHIEVEMENT#hello-world"), "what is paid, to find what is not");
    }
}
