package dev.pyquest.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pyquest.domain.Hashing;
import dev.pyquest.domain.Json;
import dev.pyquest.domain.content.Quiz;
import dev.pyquest.domain.events.LessonCompleted;
import dev.pyquest.domain.events.ActivitySkipped;
import dev.pyquest.domain.events.QuizPassed;
import dev.pyquest.domain.learning.QuizScoring;
import dev.pyquest.shared.Container;
import dev.pyquest.shared.mastery.ActivityGates;
import dev.pyquest.api.http.ApiError;
import dev.pyquest.api.http.ApiFunction;
import dev.pyquest.api.http.EdgeIdempotency;
import dev.pyquest.shared.store.CatalogRepository.Activity;
import dev.pyquest.shared.store.CatalogRepository;
import dev.pyquest.shared.store.LearningRepository;
import dev.pyquest.shared.store.OutboxEvent;
import dev.pyquest.shared.rewards.RewardsService;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * {@code POST /activities/{slug}/answers} (a quiz, scored here against the answer key only the
 * server holds; a pass emits {@code QuizPassed}) and {@code POST /activities/{slug}/complete} (a
 * lesson read; the first completion emits {@code LessonCompleted}). Rewards follow from those
 * events through the rewards consumer. Both routes take an {@code Idempotency-Key}.
 */
@Singleton
public class LearningFunction extends ApiFunction {
    /** The shop item a skip spends (economy.yaml). */
    static final String SKIP_TOKEN = "skip-token";
    static final int MAX_BODY_BYTES = 16 * 1024;



    private final CatalogRepository catalog;
    private final LearningRepository learning;
    private final EdgeIdempotency idempotency;
    private final RewardsService rewards;
    private final ActivityGates gates;
    private final Clock clock;

    /** Lambda's entry (init phase): the collaborators from the container's context. */
    public LearningFunction() {
        this(Container.bean(CatalogRepository.class), Container.bean(LearningRepository.class),
                Container.bean(EdgeIdempotency.class), Container.bean(RewardsService.class), Container.bean(ActivityGates.class),
                Container.bean(Clock.class));
    }

    @Inject
    public LearningFunction(CatalogRepository catalog, LearningRepository learning, EdgeIdempotency idempotency, RewardsService rewards,
                            ActivityGates gates, Clock clock) {
        this.catalog = catalog;
        this.learning = learning;
        this.idempotency = idempotency;
        this.rewards = rewards;
        this.gates = gates;
        this.clock = clock;
    }

    @Override
    protected APIGatewayV2HTTPResponse route(String routeKey, APIGatewayV2HTTPEvent e) {
        return switch (routeKey) {
            case "POST /activities/{slug}/answers" -> answers(e);
            case "POST /activities/{slug}/complete" -> complete(e);
            case "POST /activities/{slug}/skip" -> skip(e);
            default -> throw ApiError.notFound("no route " + routeKey);
        };
    }

    /** The activity of the route, of this kind and open to the learner (403 {@code ACTIVITY_LOCKED} otherwise). */
    private Activity activity(APIGatewayV2HTTPEvent e, String kind, String userId) {
        String slug = pathParam(e, "slug");
        Activity a = catalog.bySlug(slug).orElseThrow(() -> ApiError.notFound("no activity '" + slug + "'"));
        if (!kind.equals(a.kind())) throw ApiError.validation("'" + slug + "' is not a " + kind + " (its kind is " + a.kind() + ")");
        requireOpen(gates, userId, a);
        return a;
    }

    private static byte[] body(APIGatewayV2HTTPEvent e) {
        return bodyBytes(e, MAX_BODY_BYTES);
    }

    private APIGatewayV2HTTPResponse answers(APIGatewayV2HTTPEvent e) {
        String userId = learner(e);
        String key = idempotencyKey(e);
        JsonNode answers = jsonBody(body(e)).get("answers");
        if (answers == null || !answers.isObject()) {
            throw ApiError.validation("body.answers must be an object mapping question ids to answers");
        }
        Activity a = activity(e, CatalogRepository.QUIZ, userId);
        String requestHash = Hashing.sha256Hex(a.activityId() + "\0" + answers);
        return idempotency.run(userId, "quiz-answers", key, requestHash, () -> {
            Quiz quiz = catalog.quizKey(a.activityId())
                    .orElseThrow(() -> new IllegalStateException("no answer key for quiz " + a.activityId()));
            QuizScoring.Result r;
            try {
                r = QuizScoring.score(quiz, answers);
            } catch (QuizScoring.InvalidAnswers bad) {
                throw ApiError.validation(bad.getMessage());
            }
            Instant now = clock.instant();
            String attemptId = "qa-" + Hashing.sha256Hex(userId + "\0" + key).substring(0, 32);
            OutboxEvent passed = null;
            if (r.passed()) {
                passed = OutboxEvent.of(new QuizPassed(QuizPassed.eventId(attemptId), userId, a.activityId(), a.slug(), a.difficulty(), now,
                        attemptId, r.correct(), r.total(), r.percent()), now);
            }
            learning.recordQuizAttempt(userId, a.activityId(), attemptId, r.percent(), r.passed(), passed, now);
            ObjectNode out = Json.MAPPER.createObjectNode();
            out.put("attemptId", attemptId).put("activity", a.slug()).put("score", r.percent())
                    .put("correct", r.correct()).put("total", r.total()).put("passed", r.passed()).put("passPercent", r.passPercent());
            ArrayNode results = out.putArray("results");
            for (QuizScoring.QuestionResult q : r.results()) {
                results.addObject().put("question", q.question()).put("answered", q.answered())
                        .put("correct", q.correct()).put("explanation", q.explanation());
            }
            return json(200, out);
        });
    }

    private APIGatewayV2HTTPResponse complete(APIGatewayV2HTTPEvent e) {
        String userId = learner(e);
        String key = idempotencyKey(e);
        byte[] body = body(e);
        if (body.length > 0) jsonBody(body); // optional; when present it must be a JSON object
        Activity a = activity(e, CatalogRepository.LESSON, userId);
        return idempotency.run(userId, "lesson-complete", key, Hashing.sha256Hex(a.activityId()), () -> {
            Instant now = clock.instant();
            Optional<Instant> earlier = learning.completeLesson(userId, a.activityId(),
                    OutboxEvent.of(new LessonCompleted(LessonCompleted.eventId(userId, a.activityId()), userId, a.activityId(), a.slug(),
                            a.difficulty(), now), now),
                    now);
            ObjectNode out = Json.MAPPER.createObjectNode();
            out.put("activity", a.slug()).put("completed", true)
                    .put("completedAt", earlier.orElse(now).toString()).put("firstCompletion", earlier.isEmpty());
            return json(200, out);
        });
    }

    /**
     * Spends one held skip token on an exercise: it counts as done for the path and prerequisites, earns nothing, and
     * shows {@code "skipped": true}. No token held: 409 {@code NO_SKIP_TOKEN}; already passed or skipped: 409
     * {@code ALREADY_DONE}, and no token is spent.
     */
    private APIGatewayV2HTTPResponse skip(APIGatewayV2HTTPEvent e) {
        String userId = learner(e);
        String key = idempotencyKey(e);
        byte[] body = body(e);
        if (body.length > 0) jsonBody(body);
        Activity a = activity(e, CatalogRepository.EXERCISE, userId);
        return idempotency.run(userId, "activity-skip", key, Hashing.sha256Hex(a.activityId()), () -> {
            Instant now = clock.instant();
            OutboxEvent event = OutboxEvent.of(new ActivitySkipped(ActivitySkipped.eventId(userId, a.activityId()), userId, a.activityId(),
                    a.slug(), a.difficulty(), now), now);
            switch (rewards.use(userId, SKIP_TOKEN, learning.skipEffects(userId, a.activityId(), event, now))) {
                case USED -> {
                    ObjectNode out = Json.MAPPER.createObjectNode();
                    out.put("activity", a.slug()).put("skipped", true).put("skippedAt", now.toString());
                    return json(200, out);
                }
                case NONE_HELD -> throw new ApiError(409, "NO_SKIP_TOKEN", "you hold no skip token: buy one in the shop (POST /shop/purchases)");
                case EFFECT_REFUSED -> throw new ApiError(409, "ALREADY_DONE", "'" + a.slug() + "' is already "
                        + learning.doneAs(userId, a.activityId()).orElse("done") + ": no token was spent");
                default -> throw new IllegalStateException();
            }
        });
    }
}
