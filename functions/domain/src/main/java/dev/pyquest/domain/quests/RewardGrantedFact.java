package dev.pyquest.domain.quests;

import dev.pyquest.domain.events.RewardGranted;
import dev.pyquest.domain.rewards.Economy.Metric;
import dev.pyquest.domain.rewards.RewardKind;
import dev.pyquest.domain.rewards.RewardSource;

import java.time.Instant;
import java.util.Map;

/**
 * What quests need from a {@link RewardGranted}: whose grant, our event id (never EventBridge's), when
 * ({@code at}, or the bus event's {@code time} from older producers), what earned it ({@code source},
 * {@code attributes}) and the XP actually written (after daily caps). The event's record has already
 * refused what a consumer must not guess at; {@link #of} refuses a grant with no time at all
 * ({@link IllegalArgumentException}: such an event goes to the rule's DLQ rather than counting wrongly).
 */
public record RewardGrantedFact(String eventId, String userId, String source, Map<String, String> attributes,
                                Instant at, long xp) {
    public RewardGrantedFact {
        attributes = Map.copyOf(attributes);
    }

    /** The fact of {@code granted}, delivered at {@code busTime} (null when there is no bus event, e.g. in a test). */
    public static RewardGrantedFact of(RewardGranted granted, Instant busTime) {
        Instant at = granted.at() != null ? granted.at() : busTime;
        if (at == null) throw new IllegalArgumentException("RewardGranted has neither detail.at nor the bus event's time");
        return new RewardGrantedFact(granted.eventId(), granted.userId(), granted.source(), granted.attributes(), at,
                granted.amount(RewardKind.XP));
    }

    /** How much this grant moves a quest counting {@code metric}. */
    public long increment(Metric metric) {
        return switch (metric) {
            // Exercise grants are first passes only (the ledger pays each exercise once).
            case EXERCISES_PASSED -> is(RewardSource.EXERCISE) ? 1 : 0;
            case FIRST_TRY_PASSES -> is(RewardSource.EXERCISE) && "true".equals(attributes.get("firstTry")) ? 1 : 0;
            case HARD_PASSES -> is(RewardSource.EXERCISE) && "HARD".equals(attributes.get("difficulty")) ? 1 : 0;
            // Quest and achievement rewards do not feed quests (a claim would otherwise move the next quest, and an
            // unlock is a reward for work the quests already counted), nor do purchases and referrals (paid for someone else's arrival); unknown or absent sources do.
            case XP_EARNED -> is(RewardSource.QUEST) || is(RewardSource.ACHIEVEMENT) || is(RewardSource.PURCHASE)
                    || is(RewardSource.REFERRAL) ? 0 : xp;
            case QUIZZES_PASSED -> is(RewardSource.QUIZ) ? 1 : 0;
            case LESSONS_COMPLETED -> is(RewardSource.LESSON) ? 1 : 0;
        };
    }

    private boolean is(RewardSource s) {
        return s.configName().equals(source);
    }
}
