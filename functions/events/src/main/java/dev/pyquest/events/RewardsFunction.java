package dev.pyquest.events;

import dev.pyquest.domain.events.BusEvent;
import dev.pyquest.domain.events.CodePassed;
import dev.pyquest.domain.events.LessonCompleted;
import dev.pyquest.domain.events.QuizPassed;
import dev.pyquest.domain.rewards.Grant;
import dev.pyquest.domain.rewards.RewardRules;
import dev.pyquest.shared.Container;
import dev.pyquest.shared.LambdaFunction;
import dev.pyquest.shared.payments.ReferralsService;
import dev.pyquest.shared.rewards.RewardsService;
import dev.pyquest.shared.store.LearningRepository;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.Map;

/**
 * Rewards consumer: the first pass of an exercise ({@code CodePassed}) or of a quiz ({@code QuizPassed})
 * grants XP and diamonds; a completed lesson ({@code LessonCompleted}) grants XP.
 * Idempotent on our own ids: the grant key is derived from the rule and the activity, so a
 * redelivered event, or the event of a later pass, finds the ledger item there and grants nothing.
 * A malformed event throws, so EventBridge retries it and then parks it in the rule's DLQ.
 *
 * <p>A first pass says whether the learner bought a hint of the exercise ({@code hintBought}, read when the
 * event is handled: a hint bought between the pass and this moment counts as bought, which can only withhold
 * a "no hint" achievement, never award one wrongly).
 *
 * <p>A pass also settles the learner's referral, if one is pending ({@link ReferralsService#passed}): both learners
 * are paid once, in one transaction keyed by the referee, so a redelivery, a later pass or a crash before it is
 * handled again never pays twice (no rule of its own: this consumer already sees every pass).
 */
@Singleton
public class RewardsFunction extends LambdaFunction<Map<String, Object>, Map<String, Object>> {
    private final RewardsService rewards;
    private final RewardRules rules;
    private final LearningRepository learning;
    private final ReferralsService referrals;

    /** Lambda's entry (init phase): the collaborators from the container's context. */
    public RewardsFunction() {
        this(Container.bean(RewardsService.class), Container.bean(RewardRules.class), Container.bean(LearningRepository.class),
                Container.bean(ReferralsService.class));
    }

    @Inject
    public RewardsFunction(RewardsService rewards, RewardRules rules, LearningRepository learning, ReferralsService referrals) {
        super("detail.eventId");
        this.rewards = rewards;
        this.rules = rules;
        this.learning = learning;
        this.referrals = referrals;
    }

    @Override
    protected Map<String, Object> handle(Map<String, Object> input) {
        Object detail = BusEvent.read(input).map(BusEvent::detail).orElse(null);
        Grant grant = switch (detail) {
            // attempt 1: the learner's first submission on the exercise passed (the first-try bonus).
            case CodePassed p -> rules.firstPass(p.userId(), p.activityId(), p.activitySlug(), p.difficulty(),
                    p.firstTry(), learning.hintsRevealed(p.userId(), p.activityId()) > 0, p.eventId(), p.submissionId());
            case QuizPassed q -> rules.quizPassed(q.userId(), q.activityId(), q.activitySlug(), q.difficulty(), q.eventId());
            case LessonCompleted l -> rules.lessonCompleted(l.userId(), l.activityId(), l.activitySlug(), l.eventId());
            case null, default -> null;
        };
        if (grant == null) return Map.of("outcome", "IGNORED");
        String outcome = rewards.grant(grant).name();
        if (detail instanceof CodePassed p) {
            // After the pass's own grant: if this throws, the redelivery finds that grant there and settles the referral.
            ReferralsService.Outcome referral = referrals.passed(p.userId(), p.eventId());
            if (referral != ReferralsService.Outcome.NOT_REFERRED) return Map.of("outcome", outcome, "referral", referral.name());
        }
        return Map.of("outcome", outcome);
    }
}
