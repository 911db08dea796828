package dev.pyquest.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.pyquest.api.http.ApiError;
import dev.pyquest.api.http.ApiFunction;
import dev.pyquest.domain.Json;
import dev.pyquest.domain.payments.PaymentEvent;
import dev.pyquest.domain.payments.WebhookSignature;
import dev.pyquest.shared.Container;
import dev.pyquest.shared.payments.PaymentsService;
import dev.pyquest.shared.payments.ProGate;
import dev.pyquest.shared.ports.PaymentProvider;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;

/**
 * {@code POST /webhooks/payments}: the payment provider's signed events, the route without a JWT (the signature is
 * its authentication). Refused with 400 and no effect: no, a bad or a stale signature ({@link WebhookSignature}),
 * a body that is not an event. A verified event takes effect once per provider event id
 * ({@link PaymentsService#handle}); a redelivery answers 200 with what the first delivery did, so the provider stops.
 */
@Singleton
public class PaymentWebhookFunction extends ApiFunction {
    private static final Logger LOG = LoggerFactory.getLogger(PaymentWebhookFunction.class);
    private static final int MAX_BODY_BYTES = 64 * 1024;

    private final PaymentsService payments;
    private final PaymentProvider provider;
    private final ProGate gate;
    private final Clock clock;

    public PaymentWebhookFunction() {
        this(Container.bean(PaymentsService.class), Container.bean(PaymentProvider.class), Container.bean(ProGate.class),
                Container.bean(Clock.class));
    }

    @Inject
    public PaymentWebhookFunction(PaymentsService payments, PaymentProvider provider, ProGate gate, Clock clock) {
        this.payments = payments;
        this.provider = provider;
        this.gate = gate;
        this.clock = clock;
    }

    @Override
    protected APIGatewayV2HTTPResponse route(String routeKey, APIGatewayV2HTTPEvent e) {
        if (!routeKey.equals("POST /webhooks/payments")) throw ApiError.notFound("no route " + routeKey);
        byte[] body = bodyBytes(e, MAX_BODY_BYTES);
        try {
            WebhookSignature.verify(header(e, "stripe-signature"), body, provider.webhookSecret(), clock.instant());
        } catch (PaymentProvider.NotConfigured n) {
            throw new ApiError(503, "PAYMENTS_NOT_CONFIGURED", n.getMessage());
        } catch (WebhookSignature.Refused r) {
            LOG.warn("payment webhook refused: {}", r.getMessage());
            throw new ApiError(400, "WEBHOOK_SIGNATURE", r.getMessage());
        }
        PaymentEvent event;
        try {
            event = PaymentEvent.parse(body);
        } catch (PaymentEvent.Malformed m) {
            throw ApiError.validation("not a payment event: " + m.getMessage());
        }
        PaymentsService.Result r = payments.handle(event);
        gate.forget(r.userId()); // this process's gate; others forget within ProGate.REMEMBER
        LOG.info("payment event {} {}: {}{}", event.eventId(), event.type(), r.outcome(), r.duplicate() ? " (redelivery)" : "");
        return json(200, Json.MAPPER.createObjectNode().put("received", true).put("eventId", event.eventId())
                .put("outcome", r.outcome()).put("duplicate", r.duplicate()));
    }
}
