package dev.pyquest.shared.achievements;

import dev.pyquest.domain.achievements.Achievements;
import dev.pyquest.domain.achievements.Evaluation;
import dev.pyquest.domain.achievements.Unlock;
import dev.pyquest.domain.rewards.Grant;
import dev.pyquest.shared.rewards.RewardsService;
import dev.pyquest.shared.store.AchievementRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

import java.util.List;
import java.util.Optional;

/**
 * How an unlock is paid, by the consumer and by the backfill alike: through the one {@link RewardsService}, under
 * the level's grant key ({@link Unlock#grant}), so paying in the unlock's transaction, paying after it, paying again
 * after a crash between the two, and two payers racing all end in one payment. The grant names the fact that made the
 * unlock ({@code eventId}: a fact's id, or the backfill's) and the submission it came from, if any.
 */
public final class AchievementPayments {
    private static final Logger LOG = LoggerFactory.getLogger(AchievementPayments.class);

    private AchievementPayments() {}

    /**
     * The payments of {@code ev}'s unlocks, made by {@code eventId}, as writes to commit in the fact's own transaction
     * ({@link RewardsService#grantItems}); empty when it unlocks nothing, when a grant needs what only a grant of its
     * own does (a daily cap), or when they would not fit in one transaction with the fact's writes: those unlocks are
     * paid after it ({@link #pay}).
     */
    public static List<TransactWriteItem> along(RewardsService rewards, String userId, Evaluation ev, String eventId, String submissionId) {
        if (ev.unlocks().isEmpty()) return List.of();
        List<Grant> grants = ev.unlocks().stream().map(u -> u.grant(userId, eventId, submissionId)).toList();
        return rewards.grantItems(grants)
                .filter(items -> AchievementRepository.writes(ev) + items.size() <= AchievementRepository.MAX_TRANSACTION_ITEMS)
                .orElse(List.of());
    }

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
