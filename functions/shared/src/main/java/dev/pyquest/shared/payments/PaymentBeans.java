package dev.pyquest.shared.payments;

import dev.pyquest.domain.payments.PriceBook;
import dev.pyquest.shared.Container;
import dev.pyquest.shared.config.Env;
import dev.pyquest.shared.config.Tables;
import dev.pyquest.shared.ports.CountrySource;
import dev.pyquest.shared.ports.PaymentProvider;
import dev.pyquest.shared.rewards.RewardsService;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;

/** The payments collaborators. In the local stack the provider and the country source are its own adapters. */
@Factory
public class PaymentBeans {
    @Singleton
    PriceBook priceBook() {
        return PriceBook.bundled();
    }

    @Singleton
    PaymentsRepository payments(DynamoDbClient dynamo, Tables t) {
        return new PaymentsRepository(dynamo, t.payments(), t.learners(), t.ledger());
    }

    @Singleton
    ReferralsRepository referrals(DynamoDbClient dynamo, Tables t) {
        return new ReferralsRepository(dynamo, t.payments(), t.learners(), t.ledger());
    }

    @Singleton
    ReferralsService referralsService(ReferralsRepository repo, RewardsService rewards, Clock clock) {
        return new ReferralsService(repo, rewards, clock);
    }

    @Singleton
    PaymentsService paymentsService(PaymentsRepository repo, RewardsService rewards, PriceBook prices, Clock clock) {
        return new PaymentsService(repo, rewards, prices, clock);
    }

    @Singleton
    ProGate proGate(PaymentsRepository repo, Clock clock) {
        return new ProGate(repo, clock);
    }

    @Singleton
    @Requires(notEnv = Container.LOCAL)
    PaymentProvider stripe(Env env) {
        return new StripePaymentProvider(env.required(Env.STRIPE_API_KEY), env.required(Env.PAYMENTS_WEBHOOK_SECRET),
                env.required(Env.APP_URL), StripePaymentProvider.API);
    }

    @Singleton
    @Requires(notEnv = Container.LOCAL)
    CountrySource edgeCountry(Env env) {
        return CountrySource.edge(env.required(Env.EDGE_SECRET));
    }
}
