package dev.pyquest.shared.ports;

import dev.pyquest.domain.payments.PriceBook;

/**
 * The payment provider behind {@code POST /checkout} and {@code POST /webhooks/payments}: Stripe in AWS
 * ({@code StripePaymentProvider}), the local stack's own provider locally, which sends the same signed webhooks.
 * Whatever it is, it charges the price PyQuest decided ({@link Order#price}) and names PyQuest's checkout id on the
 * session, the payment and the subscription, so that every event it sends leads back to our own checkout record.
 */
public interface PaymentProvider {
    /** What to charge: our checkout, the learner, the product and the price shown to them. */
    record Order(String checkoutId, String userId, PriceBook.Product product, PriceBook.Money price) {}

    /** Where the learner pays ({@code url}) and the provider's id of that session. */
    record Session(String url, String providerRef) {}

    /** Thrown when the provider cannot be reached or refuses: the checkout stays open, a retry tries again. */
    final class Unavailable extends RuntimeException {
        public Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Thrown when the provider's secrets are not set (a fresh deploy): nothing is charged, no webhook is believed. */
    final class NotConfigured extends RuntimeException {
        public NotConfigured(String message) {
            super(message);
        }
    }

    /** Opens a payment session for {@code order}; idempotent on {@link Order#checkoutId}. */
    Session create(Order order);

    /** The secret the provider signs webhooks with; {@link NotConfigured} when there is none yet. */
    byte[] webhookSecret();
}
