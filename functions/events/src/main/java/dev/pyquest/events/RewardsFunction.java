package dev.pyquest.events;

import dev.pyquest.domain.events.BusEvent;
import dev.pyquest.domain.events.CodePassed;
import dev.pyquest.domain.events.LessonCompleted;
import dev.pyquest.domain.events.QuizPassed;
import dev.pyquest.domain.rewards.Grant;
import dev.pyquest.domain.rewards.RewardRules;
import dev.pyquest.shared.LambdaFunction;
import dev.pyquest.shared.rewards.RewardsService;
import io.micronaut.context.ApplicationContext;

import java.util.Map;

/**
 * Rewards consumer: the first pass of an exercise ({@code CodePassed}) or of a quiz ({@code QuizPassed})
 * grants XP and diamonds; a completed lesson ({@code LessonCompleted}) grants XP.
 * Idempotent on our own ids: the grant key is derived from the rule and the activity, so a
 * redelivered event, or the event of a later pass, finds the ledger item there and grants nothing.
 * A malformed event throws, so EventBridge retries it and then parks it in the rule's DLQ.
 */
public class RewardsFunction extends LambdaFunction<Map<String, Object>, Map<String, Object>> {
    public RewardsFunction() {
        super("detail.eventId");
    }

    public RewardsFunction(ApplicationContext context) {
        super(context, "detail.eventId");
    }

    @Override
    protected Map<String, Object> handle(Map<String, Object> input) {
        Grant grant = switch (BusEvent.read(input).map(BusEvent::detail).orElse(null)) {
            // attempt 1: the learner's first submission on the exercise passed (the first-try bonus).
            case CodePassed p -> RewardRules.firstPass(p.userId(), p.activityId(), p.activitySlug(), p.difficulty(),
                    p.firstTry(), p.eventId(), p.submissionId());
            case QuizPassed q -> RewardRules.quizPassed(q.userId(), q.activityId(), q.activitySlug(), q.difficulty(), q.eventId());
            case LessonCompleted l -> RewardRules.lessonCompleted(l.userId(), l.activityId(), l.activitySlug(), l.eventId());
            case null, default -> null;
        };
        if (grant == null) return Map.of("outcome", "IGNORED");
        return Map.of("outcome", platform.rewards().grant(grant).name());
    }
}
