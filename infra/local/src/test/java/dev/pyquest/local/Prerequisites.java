package dev.pyquest.local;

import dev.pyquest.domain.content.ContentLoader;
import dev.pyquest.domain.content.Course;
import dev.pyquest.domain.content.Requirement;
import dev.pyquest.shared.config.Tables;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A given of tests that exercise something else than gates (the sandbox's hostile programs): a learner who has already
 * done what a gated exercise requires. It writes the progress rows the platform would have (a lesson completed, a
 * quiz attempt at 100 %, an exercise passed) straight into the progress table, with no event: nothing is earned, so
 * such a test can still assert that its learner earned nothing. Gates themselves are tested through the API
 * ({@code GatesApiIT}).
 */
final class Prerequisites {
    private static final Course COURSE = ContentLoader.load(LocalStack.findRoot().resolve("content"));

    private Prerequisites() {}

    /** Marks done, for {@code userId}, every requirement of the activity {@code slug} (none for an open one). */
    static void meet(LocalStack stack, String userId, String slug) {
        String id = id(slug);
        DynamoDbClient dynamo = stack.bean(DynamoDbClient.class);
        String table = stack.bean(Tables.class).progress();
        for (Requirement r : COURSE.requires(id)) {
            for (String target : targets(r)) {
                String at = "2026-01-01T00:00:00Z";
                String field = target.startsWith("ls-") ? "completedAt" : "firstPassedAt";
                dynamo.putItem(b -> b.tableName(table).item(Map.of("userId", AttributeValue.fromS(userId),
                        "activityId", AttributeValue.fromS(target), field, AttributeValue.fromS(at))));
                if (target.startsWith("qz-")) {
                    dynamo.putItem(b -> b.tableName(table).item(Map.of("userId", AttributeValue.fromS(userId),
                            "activityId", AttributeValue.fromS("attempt#given-" + target), "quizId", AttributeValue.fromS(target),
                            "percent", AttributeValue.fromN("100"), "passed", AttributeValue.fromBool(true), "at", AttributeValue.fromS(at))));
                }
            }
        }
    }

    private static List<String> targets(Requirement r) {
        if (r.activity() != null) return List.of(r.activity());
        List<String> quizzes = new ArrayList<>();
        COURSE.quizzes().stream().filter(q -> q.skills().contains(r.skill())).findFirst().ifPresent(q -> quizzes.add(q.id()));
        return quizzes;
    }

    private static String id(String slug) {
        return COURSE.exercise(slug).map(e -> e.id())
                .or(() -> COURSE.lesson(slug).map(l -> l.id()))
                .or(() -> COURSE.quiz(slug).map(q -> q.id()))
                .orElseThrow(() -> new IllegalArgumentException("no activity '" + slug + "' in content/"));
    }
}
