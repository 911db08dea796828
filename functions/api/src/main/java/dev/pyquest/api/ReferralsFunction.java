package dev.pyquest.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.pyquest.api.http.ApiError;
import dev.pyquest.api.http.ApiFunction;
import dev.pyquest.api.http.EdgeIdempotency;
import dev.pyquest.domain.Hashing;
import dev.pyquest.domain.Json;
import dev.pyquest.domain.referrals.ReferralRules;
import dev.pyquest.shared.Container;
import dev.pyquest.shared.payments.ReferralsService;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * Referrals: {@code GET /me/referral} (the learner's code, made on the first call, and their counts; records the
 * caller's address and device as the referrer's last known ones) and {@code POST /referrals/redeem} (Idempotency-Key:
 * a new learner redeems one code; refused with 409/422 {@code REFERRAL_REJECTED} and the reason, which is recorded).
 */
@Singleton
public class ReferralsFunction extends ApiFunction {
    private static final int MAX_BODY_BYTES = 512;

    private final ReferralsService referrals;
    private final EdgeIdempotency idempotency;

    public ReferralsFunction() {
        this(Container.bean(ReferralsService.class), Container.bean(EdgeIdempotency.class));
    }

    @Inject
    public ReferralsFunction(ReferralsService referrals, EdgeIdempotency idempotency) {
        this.referrals = referrals;
        this.idempotency = idempotency;
    }

    @Override
    protected APIGatewayV2HTTPResponse route(String routeKey, APIGatewayV2HTTPEvent e) {
        String userId = learner(e);
        return switch (routeKey) {
            case "GET /me/referral" -> {
                ReferralsService.Summary s = referrals.mine(userId, sourceIp(e), ReferralRules.device(header(e, "x-device-id")));
                yield json(200, Json.MAPPER.createObjectNode().put("code", s.code()).put("invited", s.invited())
                        .put("rewarded", s.rewarded()).put("pending", s.pending()));
            }
            case "POST /referrals/redeem" -> redeem(userId, e);
            default -> throw ApiError.notFound("no route " + routeKey);
        };
    }

    private APIGatewayV2HTTPResponse redeem(String userId, APIGatewayV2HTTPEvent e) {
        String key = idempotencyKey(e);
        JsonNode body = jsonBody(bodyBytes(e, MAX_BODY_BYTES));
        for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!f.equals("code")) throw ApiError.validation("unknown field '" + f + "'; a redemption names only the code");
        }
        JsonNode c = body.get("code");
        if (c == null || !c.isTextual()) throw ApiError.validation("body.code must be a referral code (8 characters)");
        String code = c.asText();
        String address = sourceIp(e), device = ReferralRules.device(header(e, "x-device-id"));
        return idempotency.run(userId, "referral-redeem", key, Hashing.sha256Hex(code), () -> {
            ReferralsService.Redeemed r = referrals.redeem(userId, code, address, device);
            if (!r.accepted()) {
                throw new ApiError(r.status(), "REFERRAL_REJECTED", "this referral code cannot be redeemed: " + r.reason(),
                        Map.of(), Map.of("reason", r.reason()));
            }
            return json(200, Json.MAPPER.createObjectNode().put("status", "pending"));
        });
    }

    private static String sourceIp(APIGatewayV2HTTPEvent e) {
        return Optional.ofNullable(e.getRequestContext()).map(APIGatewayV2HTTPEvent.RequestContext::getHttp)
                .map(APIGatewayV2HTTPEvent.RequestContext.Http::getSourceIp).orElse(null);
    }
}
