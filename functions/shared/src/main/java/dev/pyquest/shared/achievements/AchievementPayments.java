package dev.pyquest.shared.achievements;

import dev.pyquest.domain.achievements.Achievements;
import dev.pyquest.domain.achievements.Unlock;
import dev.pyquest.shared.rewards.RewardsService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Optional;

/**
 * How an unlock is paid, by the consumer and by the backfill alike: through the one {@link RewardsService}, under
 * the level's grant key ({@link Unlock#grant}), so paying after the unlock's transaction, paying again after a
 * crash between the two, and two payers racing all end in one payment. The grant names the fact that made the
 * unlock ({@code eventId}: a fact's id, or the backfill's) and the submission it came from, if any.
 */
public final class AchievementPayments {
    private static final Logger LOG = LoggerFactory.getLogger(AchievementPayments.class);

    private AchievementPayments() {}

    /** Pays {@code unlocks}, just made by {@code eventId}; returns how many grants were written (the others were paid already). */
    public static int pay(RewardsService rewards, String userId, List<Unlock> unlocks, String eventId, String submissionId) {
        int granted = 0;
        for (Unlock u : unlocks) {
            if (rewards.grant(u.grant(userId, eventId, submissionId)) == RewardsService.Outcome.GRANTED) granted++;
        }
        return granted;
    }

    /**
     * Pays again the stored unlocks {@code levelKeys} of {@code eventId}, in case their payment never happened; the
     * ledger refuses a second one. A level the rules no longer have is logged and not paid (its amounts are gone
     * with it). Returns how many grants were written.
     */
    public static int payStored(RewardsService rewards, Achievements rules, String userId, List<String> levelKeys, String eventId,
                                String submissionId) {
        int granted = 0;
        for (String key : levelKeys) {
            Optional<Unlock> u = rules.unlock(key);
            if (u.isEmpty()) {
                LOG.warn("unlock {} of {} names no level of the current rules; not paid again", key, userId);
                continue;
            }
            if (rewards.grant(u.get().grant(userId, eventId, submissionId)) == RewardsService.Outcome.GRANTED) granted++;
        }
        return granted;
    }
}
