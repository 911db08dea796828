package dev.pyquest.shared.payments;

import dev.pyquest.domain.payments.PriceBook;

import java.time.Instant;

/**
 * PyQuest's own record of a checkout, written before the learner is sent to pay: who, what and the price they were
 * shown (for their country, from the price book). Every payment event is read against it; nothing the provider or the
 * client says overrides who or what. {@code completedAt}/{@code refundedAt}: set by the webhooks.
 */
public record Checkout(String checkoutId, String userId, String product, long amount, String currency, String country,
                       Instant createdAt, String url, Instant completedAt, Instant refundedAt) {
    public PriceBook.Money price() {
        return new PriceBook.Money(amount, currency);
    }
}
