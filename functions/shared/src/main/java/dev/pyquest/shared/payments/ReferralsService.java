package dev.pyquest.shared.payments;

import dev.pyquest.domain.referrals.ReferralRules;
import dev.pyquest.domain.rewards.Grant;
import dev.pyquest.domain.rewards.RewardRules;
import dev.pyquest.shared.rewards.RewardsService;
import dev.pyquest.shared.store.Transactions;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Referrals: a learner's code, a new learner's redemption of one (refused, with its reason recorded, by
 * {@link ReferralRules}), and the reward of both learners when the referee first passes an exercise, paid once.
 */
public final class ReferralsService {
    private static final int CODE_ATTEMPTS = 8;
    private static final int REWARD_ATTEMPTS = 8;

    private final ReferralsRepository repo;
    private final RewardsService rewards;
    private final Clock clock;

    public ReferralsService(ReferralsRepository repo, RewardsService rewards, Clock clock) {
        this.repo = repo;
        this.rewards = rewards;
        this.clock = clock;
    }

    public record Summary(String code, long invited, long rewarded, long pending) {}

    /** The learner's code (drawn on the first call, the same one after), their counts; records their address and device. */
    public Summary mine(String userId, String address, String device) {
        Instant now = clock.instant();
        repo.seen(userId, address, device, now);
        ReferralsRepository.Referrer r = repo.referrer(userId);
        for (int i = 0; r.code() == null && i < CODE_ATTEMPTS; i++) {
            // A collision (or a concurrent first call that won) refuses the claim: re-read, and draw again if still none.
            repo.claim(userId, ReferralRules.newCode(), now);
            r = repo.referrer(userId);
        }
        if (r.code() == null) throw new IllegalStateException("no free referral code after " + CODE_ATTEMPTS + " draws for " + userId);
        return new Summary(r.code(), r.invited(), r.rewarded(), r.pending());
    }

    /** A redemption's answer: accepted (pending), or refused with the HTTP status and reason to give. */
    public record Redeemed(boolean accepted, int status, String reason) {
        static Redeemed refused(int status, String reason) { return new Redeemed(false, status, reason); }
    }

    public Redeemed redeem(String userId, String rawCode, String address, String device) {
        Instant now = clock.instant();
        Optional<String> normal = ReferralRules.normalCode(rawCode);
        if (normal.isEmpty()) return refuse(userId, rawCode == null ? null : rawCode.substring(0, Math.min(32, rawCode.length())), 422, ReferralRules.MALFORMED_CODE, null, now);
        String code = normal.get();
        Optional<String> owner = repo.owner(code);
        if (owner.isEmpty()) return refuse(userId, code, 422, ReferralRules.UNKNOWN_CODE, null, now);
        String referrerId = owner.get();
        if (!referrerId.equals(userId) && repo.referee(userId).isPresent()) {
            return refuse(userId, code, 409, ReferralRules.ALREADY_REDEEMED, referrerId, now);
        }
        ReferralsRepository.Referrer referrer = repo.referrer(referrerId);
        Optional<String> reason = ReferralRules.refusal(new ReferralRules.Redemption(userId, referrerId, address, referrer.lastAddress(),
                device, referrer.lastDevice(), repo.firstActivity(userId), referrer.rewardTimes(), now));
        if (reason.isPresent()) return refuse(userId, code, 409, reason.get(), referrerId, now);
        if (!repo.accept(userId, referrerId, code, now)) return refuse(userId, code, 409, ReferralRules.ALREADY_REDEEMED, referrerId, now);
        return new Redeemed(true, 200, null);
    }

    private Redeemed refuse(String userId, String code, int status, String reason, String referrerId, Instant now) {
        repo.refusal(userId, code, reason, referrerId, now);
        return Redeemed.refused(status, reason);
    }

    public enum Outcome { NOT_REFERRED, ALREADY_SETTLED, REWARDED, REFUSED }

    /**
     * The referee passed an exercise: if their referral is pending, pay both learners once and mark it rewarded, in
     * one transaction (the ledger lines are keyed {@code REFERRAL#<refereeId>} and the status change is conditional on
     * PENDING: a redelivered event, a later pass or a concurrent one pays nothing more). Refused, and recorded, when
     * the referrer has meanwhile reached their limit.
     */
    public Outcome passed(String refereeId, String eventId) {
        for (int attempt = 0; attempt < REWARD_ATTEMPTS; attempt++) {
            Optional<ReferralsRepository.Referee> found = repo.referee(refereeId);
            if (found.isEmpty()) return Outcome.NOT_REFERRED;
            ReferralsRepository.Referee r = found.get();
            if (r.status() != ReferralsRepository.Status.PENDING) return Outcome.ALREADY_SETTLED;
            Instant now = clock.instant();
            ReferralsRepository.Referrer referrer = repo.referrer(r.referrerId());
            if (!ReferralRules.underLimit(referrer.rewardTimes(), now)) {
                if (repo.refuseReward(r, ReferralRules.REFERRER_LIMIT, now)) return Outcome.REFUSED;
                continue;
            }
            List<Grant> grants = new RewardRules(rewards.economy()).referral(r.referrerId(), refereeId, eventId);
            List<TransactWriteItem> items = new ArrayList<>();
            for (Grant g : grants) {
                items.addAll(rewards.grantItems(List.of(g))
                        .orElseThrow(() -> new IllegalStateException("referral rewards are never under a daily cap")));
            }
            List<Instant> times = new ArrayList<>(ReferralRules.recent(referrer.rewardTimes(), now));
            times.add(now);
            Transactions.Result res = repo.reward(r, referrer, items, times, now);
            if (res.outcome() == Transactions.Outcome.COMMITTED) return Outcome.REWARDED;
            // Refused: settled meanwhile, or the referrer's record moved (another reward): read both again.
        }
        throw new IllegalStateException("the referral of " + refereeId + " kept changing under " + REWARD_ATTEMPTS + " attempts");
    }
}
