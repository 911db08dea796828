package dev.pyquest.tools.bench;

import dev.pyquest.domain.achievements.AchievementFact;
import dev.pyquest.domain.achievements.Evaluation;
import dev.pyquest.domain.achievements.FactKind;
import dev.pyquest.domain.achievements.LearnerAchievements;
import dev.pyquest.domain.achievements.SkillCatalog;
import dev.pyquest.domain.content.ContentLoader;
import dev.pyquest.domain.content.Course;
import dev.pyquest.domain.events.DomainEvent;
import dev.pyquest.local.LocalStack;
import dev.pyquest.shared.store.AchievementRepository;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;

import java.lang.reflect.Proxy;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the achievements benchmark compares must stay comparable: its baseline and its learners' lives (no timing here). */
class AchievementsBenchTest {
    private static final Course COURSE = ContentLoader.load(LocalStack.findRoot().resolve("content"));

    @Test
    void theRawBaselineIsTheRepositorysOwnMarkerAndProgressPutsForTheSameEvaluation() {
        List<TransactWriteItemsRequest> sent = new ArrayList<>();
        DynamoDbClient dynamo = (DynamoDbClient) Proxy.newProxyInstance(DynamoDbClient.class.getClassLoader(),
                new Class<?>[] {DynamoDbClient.class}, (proxy, method, args) -> {
                    if (!method.getName().equals("transactWriteItems")) throw new UnsupportedOperationException(method.getName());
                    TransactWriteItemsRequest.Builder b = TransactWriteItemsRequest.builder();
                    @SuppressWarnings("unchecked") Consumer<TransactWriteItemsRequest.Builder> c = (Consumer<TransactWriteItemsRequest.Builder>) args[0];
                    c.accept(b);
                    sent.add(b.build());
                    return TransactWriteItemsResponse.builder().build();
                });
        Instant at = Instant.parse("2026-11-25T09:00:00Z"), now = at.plusSeconds(5);
        Evaluation ev = new Evaluation(List.of(new Evaluation.Change("problem-solver", 0, 1), new Evaluation.Change("skill:loops", 2, 3),
                new Evaluation.Change("busy-day@2026-11-25", 40, 55)), List.of());
        // Seen today already and nothing unlocked: the repository adds no rarity item, as the baseline does not.
        AchievementRepository.Snapshot read = new AchievementRepository.Snapshot(LearnerAchievements.EMPTY, Map.of(),
                new AchievementRepository.Activity(LocalDate.of(2026, 11, 25), 0, 0));

        new AchievementRepository(dynamo, "Economy", "Outbox").apply("learner-1", "reward#learner-1#FIRST_PASS#ex-0001", ev, read, at, now);

        List<TransactWriteItem> raw = AchievementsBench.rawItems("Economy", "learner-1", "reward#learner-1#FIRST_PASS#ex-0001", ev.changes(), now);
        assertEquals(1, sent.size());
        assertEquals(sent.getFirst().transactItems(), raw);
    }

    @Test
    void aLearnersLifeDoesEveryActivityOnceWithDistinctEventIdsThatAreAllFacts() {
        AchievementsBench.Lives lives = new AchievementsBench.Lives(COURSE);
        List<DomainEvent> life = lives.of("ach-t1-0-0-g0");
        assertEquals(life, new AchievementsBench.Lives(COURSE).of("ach-t1-0-0-g0"), "a life depends on the learner's id only");
        SkillCatalog catalog = SkillCatalog.of(COURSE);
        Set<String> eventIds = new HashSet<>(), firstPasses = new HashSet<>(), lessons = new HashSet<>(), quizzes = new HashSet<>();
        Set<FactKind> kinds = new HashSet<>();
        for (DomainEvent e : life) {
            AchievementFact f = AchievementFact.of(e, null, ZoneOffset.UTC, catalog).orElseThrow();
            assertTrue(eventIds.add(f.eventId()), "the consumer would take a repeated id as a redelivery: " + f.eventId());
            kinds.add(f.kind());
            switch (f.kind()) {
                case EXERCISE_FIRST_PASS -> assertTrue(firstPasses.add(f.activityId()), f.activityId());
                case LESSON_COMPLETED -> assertTrue(lessons.add(f.activityId()), f.activityId());
                case QUIZ_FIRST_PASS -> assertTrue(quizzes.add(f.activityId()), f.activityId());
                default -> { }
            }
        }
        assertEquals(Set.of(FactKind.values()), kinds, "every kind of fact the rules read");
        assertEquals(COURSE.exercises().size(), firstPasses.size());
        assertEquals(COURSE.lessons().size(), lessons.size());
        assertEquals(COURSE.quizzes().size(), quizzes.size());
    }
}
