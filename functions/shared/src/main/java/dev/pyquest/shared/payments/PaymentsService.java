package dev.pyquest.shared.payments;

import dev.pyquest.domain.payments.Entitlement;
import dev.pyquest.domain.payments.PaymentEvent;
import dev.pyquest.domain.payments.PriceBook;
import dev.pyquest.domain.rewards.Grant;
import dev.pyquest.domain.rewards.Reward;
import dev.pyquest.domain.rewards.RewardKind;
import dev.pyquest.domain.rewards.RewardSource;
import dev.pyquest.shared.rewards.RewardsService;
import dev.pyquest.shared.store.Transactions;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where the payment provider's events take effect, each provider event id once: one DynamoDB transaction of the
 * event's record (conditional on the id never seen: a redelivery, however many, is a no-op) and the event's effect
 * (the entitlement, a pack's diamonds through the {@link RewardsService}, a refund's take-back, the checkout's
 * state), all or nothing. Who and what always come from our checkout record; the provider's amount must equal the
 * price we recorded, or nothing is granted and the learner is flagged. Events may arrive in any order: the
 * entitlement's transitions are order-independent ({@link Entitlement}), a refund that overtakes its checkout's
 * completion makes the completion grant nothing, and a refund takes back at most what is left of a pack.
 */
public final class PaymentsService {
    /** What a delivery did. {@code outcome}: stored on the event's record and answered to the provider. */
    public record Result(String outcome, boolean duplicate, String userId) {}

    private static final int ATTEMPTS = 8;
    public static final String PACK = "PACK#";
    public static final String RECLAIM = "RECLAIM#";

    private final PaymentsRepository repo;
    private final RewardsService rewards;
    private final PriceBook prices;
    private final Clock clock;

    public PaymentsService(PaymentsRepository repo, RewardsService rewards, PriceBook prices, Clock clock) {
        this.repo = repo;
        this.rewards = rewards;
        this.prices = prices;
        this.clock = clock;
    }

    public Result handle(PaymentEvent e) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Instant now = clock.instant();
            String checkoutId = e.checkoutId();
            if (checkoutId == null && e.paymentIntent() != null) checkoutId = repo.checkoutOfPayment(e.paymentIntent()).orElse(null);
            Optional<Checkout> checkout = checkoutId == null ? Optional.empty() : repo.checkout(checkoutId);
            if (e instanceof PaymentEvent.Ignored || checkout.isEmpty()) {
                String outcome = checkout.isEmpty() && !(e instanceof PaymentEvent.Ignored) ? "IGNORED: no checkout of ours" : "IGNORED: " + e.type();
                return commitAlone(e, checkoutId, outcome, now, checkout.map(Checkout::userId).orElse(null));
            }
            Checkout c = checkout.get();
            PriceBook.Product product = prices.product(c.product())
                    .orElseThrow(() -> new IllegalStateException("checkout " + c.checkoutId() + " names product " + c.product()
                            + ", which the price book no longer sells"));
            Plan plan = plan(e, c, product, now);
            if (plan == null) continue; // a balance moved under a reclaim: read again
            List<TransactWriteItem> items = new ArrayList<>();
            items.add(repo.eventItem(e, c.checkoutId(), plan.outcome, now));
            items.addAll(plan.items);
            Transactions.Result r = repo.write(items);
            if (r.outcome() == Transactions.Outcome.COMMITTED) return new Result(plan.outcome, false, c.userId());
            if (r.failedIndex() == 0) return duplicate(e, c.userId());
            if (plan.completion >= 0 && r.failedIndex() == plan.completion + 1) {
                // The checkout was refunded before this completion arrived: it grants nothing.
                return commitAlone(e, c.checkoutId(), "IGNORED: refunded before it completed", now, c.userId());
            }
            if (plan.grantIndex >= 0 && r.failedIndex() == plan.grantIndex + 1) {
                // The pack's diamonds are already paid (another event of the same checkout): record this one alone.
                return commitAlone(e, c.checkoutId(), "APPLIED: pack already granted", now, c.userId());
            }
            // An entitlement version, a balance or a grant moved concurrently: read again and recompute.
        }
        throw new IllegalStateException("payment event " + e.eventId() + " kept conflicting after " + ATTEMPTS + " attempts");
    }

    /** The effect's writes; null when it must be read again. {@code completion}/{@code grantIndex}: their positions in items. */
    private record Plan(String outcome, List<TransactWriteItem> items, int completion, int grantIndex) {}

    private Plan plan(PaymentEvent e, Checkout c, PriceBook.Product product, Instant now) {
        boolean pro = product.kind() == PriceBook.Kind.PRO;
        List<TransactWriteItem> items = new ArrayList<>();
        switch (e) {
            case PaymentEvent.CheckoutCompleted cc -> {
                if (cc.amount() != c.amount() || !cc.currency().equals(c.currency())) {
                    items.add(repo.flagItem(c.userId(), "payment-amount-mismatch:" + c.checkoutId()));
                    return new Plan("REFUSED: paid " + cc.amount() + " " + cc.currency() + ", the checkout's price is "
                            + c.amount() + " " + c.currency(), items, -1, -1);
                }
                items.add(repo.completedItem(c.checkoutId(), cc.created(), cc.paymentIntent()));
                if (cc.paymentIntent() != null) items.add(repo.paymentIntentItem(cc.paymentIntent(), c.checkoutId()));
                if (pro) {
                    PaymentsRepository.Versioned v = repo.entitlement(c.userId());
                    Instant end = cc.created().atOffset(ZoneOffset.UTC).plusMonths(product.months()).toInstant();
                    items.add(repo.entitlementItem(c.userId(), v.entitlement().paid(c.checkoutId(), product.id(), end, cc.created()), v.version(), now, null));
                    return new Plan("APPLIED: Pro until " + end, items, 0, -1);
                }
                Grant g = new Grant(c.userId(), PACK + c.checkoutId(),
                        List.of(new Reward(RewardKind.DIAMONDS, product.diamonds(), "bought: " + product.title())),
                        "payment#" + e.eventId(), null, RewardSource.PURCHASE, Map.of("product", product.id()));
                List<TransactWriteItem> grant = rewards.grantItems(List.of(g))
                        .orElseThrow(() -> new IllegalStateException("a pack grants no capped XP"));
                int grantIndex = items.size();
                items.addAll(grant);
                return new Plan("APPLIED: " + product.diamonds() + " diamonds", items, 0, grantIndex);
            }
            case PaymentEvent.InvoicePaid ip -> {
                if (!pro) return new Plan("IGNORED: not a subscription", items, -1, -1);
                PaymentsRepository.Versioned v = repo.entitlement(c.userId());
                items.add(repo.entitlementItem(c.userId(), v.entitlement().paid(c.checkoutId(), product.id(), ip.periodEnd(), ip.created()),
                        v.version(), now, null));
                return new Plan("APPLIED: paid to " + ip.periodEnd(), items, -1, -1);
            }
            case PaymentEvent.InvoicePaymentFailed f -> {
                if (!pro) return new Plan("IGNORED: not a subscription", items, -1, -1);
                PaymentsRepository.Versioned v = repo.entitlement(c.userId());
                items.add(repo.entitlementItem(c.userId(), v.entitlement().paymentFailed(c.checkoutId(), product.id(), f.created()),
                        v.version(), now, null));
                return new Plan("APPLIED: payment failed, Pro runs to the paid period's end", items, -1, -1);
            }
            case PaymentEvent.SubscriptionEnded s -> {
                if (!pro) return new Plan("IGNORED: not a subscription", items, -1, -1);
                PaymentsRepository.Versioned v = repo.entitlement(c.userId());
                items.add(repo.entitlementItem(c.userId(), v.entitlement().ended(c.checkoutId(), product.id(), s.created()), v.version(), now, null));
                return new Plan("APPLIED: subscription ended", items, -1, -1);
            }
            case PaymentEvent.Refunded rf -> {
                String flag = (rf.dispute() ? "chargeback:" : "refund:") + c.checkoutId();
                items.add(repo.refundedItem(c.checkoutId(), rf.created()));
                if (pro) {
                    PaymentsRepository.Versioned v = repo.entitlement(c.userId());
                    items.add(repo.entitlementItem(c.userId(), v.entitlement().ended(c.checkoutId(), product.id(), rf.created()), v.version(), now, flag));
                    return new Plan("APPLIED: refunded, Pro ended", items, -1, -1);
                }
                String packLine = PACK + c.checkoutId() + "|" + RewardKind.DIAMONDS;
                if (!repo.ledgerHas(c.userId(), packLine)) {
                    // Nothing granted yet: the checkout's refund mark makes a later completion grant nothing; the check
                    // makes a completion that commits meanwhile send this back to take back what it granted.
                    items.add(repo.ledgerAbsentItem(c.userId(), packLine));
                    items.add(repo.flagItem(c.userId(), flag));
                    return new Plan("APPLIED: refunded before any diamonds were granted", items, -1, -1);
                }
                if (repo.ledgerHas(c.userId(), RECLAIM + c.checkoutId() + "|" + RewardKind.DIAMONDS)) {
                    items.add(repo.flagItem(c.userId(), flag)); // a chargeback after its refund: taken back once
                    return new Plan("APPLIED: already taken back", items, -1, -1);
                }
                long balance = repo.diamonds(c.userId());
                items.addAll(rewards.reclaimItems(c.userId(), RECLAIM + c.checkoutId(), product.diamonds(), balance,
                        (rf.dispute() ? "charged back: " : "refunded: ") + product.title(), "payment#" + e.eventId(), flag));
                return new Plan("APPLIED: took back " + Math.min(product.diamonds(), balance) + " of " + product.diamonds() + " diamonds",
                        items, -1, -1);
            }
            case PaymentEvent.Ignored ignored -> throw new IllegalStateException("handled above");
        }
    }

    private Result commitAlone(PaymentEvent e, String checkoutId, String outcome, Instant now, String userId) {
        Transactions.Result r = repo.write(List.of(repo.eventItem(e, checkoutId, outcome, now)));
        return r.outcome() == Transactions.Outcome.COMMITTED ? new Result(outcome, false, userId) : duplicate(e, userId);
    }

    private Result duplicate(PaymentEvent e, String userId) {
        return new Result(repo.eventOutcome(e.eventId()).orElse("DUPLICATE"), true, userId);
    }
}
