package dev.pyquest.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pyquest.domain.Json;
import dev.pyquest.domain.rewards.Grant;
import dev.pyquest.domain.rewards.Levels;
import dev.pyquest.domain.rewards.Reward;
import dev.pyquest.domain.rewards.RewardRules;
import dev.pyquest.domain.streak.LearnerClock;
import dev.pyquest.domain.streak.Streak;
import dev.pyquest.shared.http.ApiError;
import dev.pyquest.shared.http.ApiFunction;
import dev.pyquest.shared.rewards.RewardsService;
import dev.pyquest.shared.store.Learner;
import dev.pyquest.shared.store.LearnerRepository;
import io.micronaut.context.ApplicationContext;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** {@code GET /me}, {@code PUT /me/timezone}, {@code GET /me/transactions}, {@code POST /daily-login}. */
public class ProfileFunction extends ApiFunction {
    private static final int DAILY_LOGIN_ATTEMPTS = 5;

    public ProfileFunction() {}

    public ProfileFunction(ApplicationContext context) {
        super(context);
    }

    @Override
    protected APIGatewayV2HTTPResponse route(String routeKey, APIGatewayV2HTTPEvent e) {
        String userId = learner(e);
        return switch (routeKey) {
            case "GET /me" -> json(200, me(platform.learners().get(userId)));
            case "PUT /me/timezone" -> timezone(userId, e);
            case "GET /me/transactions" -> transactions(userId);
            case "POST /daily-login" -> dailyLogin(userId);
            default -> throw ApiError.notFound("no route " + routeKey);
        };
    }

    private ObjectNode me(Learner l) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("userId", l.userId());
        o.put("xp", l.xp());
        o.put("level", Levels.level(l.xp()));
        o.put("diamonds", l.diamonds());
        o.set("streak", streak(l.streak(), LearnerClock.today(platform.clock(), l.timezone())));
        o.put("timezone", l.timezone());
        o.put("pro", l.pro());
        return o;
    }

    private static ObjectNode streak(Streak s, LocalDate today) {
        return Json.MAPPER.createObjectNode().put("current", s.currentOn(today)).put("longest", s.longest()).put("freezes", 0);
    }

    private APIGatewayV2HTTPResponse timezone(String userId, APIGatewayV2HTTPEvent e) {
        JsonNode body = jsonBody(bodyBytes(e));
        String zone = body.path("timezone").asText(null);
        if (LearnerClock.zone(zone).isEmpty()) {
            throw ApiError.validation("timezone must be an IANA zone name such as Europe/Paris");
        }
        try {
            platform.learners().setTimezone(userId, zone, platform.clock().instant());
        } catch (LearnerRepository.TimezoneChangeLimited limited) {
            long seconds = Math.max(1, Duration.between(platform.clock().instant(), limited.nextAllowed).toSeconds());
            throw new ApiError(429, "RATE_LIMITED", "the time zone can change once every 7 days; next change allowed at "
                    + limited.nextAllowed, Map.of("retry-after", Long.toString(seconds)));
        }
        return json(200, me(platform.learners().get(userId)));
    }

    private APIGatewayV2HTTPResponse transactions(String userId) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (LearnerRepository.LedgerEntry t : platform.learners().transactions(userId, 100)) {
            out.addObject().put("id", t.id()).put("kind", t.kind()).put("amount", t.amount())
                    .put("reason", t.reason()).put("at", t.at());
        }
        return json(200, out);
    }

    /**
     * One reward per local day in the learner's stored zone; the streak moves in the same
     * transaction. A concurrent login for the same learner makes ours re-read and try again, and
     * then find the day already granted.
     */
    private APIGatewayV2HTTPResponse dailyLogin(String userId) {
        for (int attempt = 0; attempt < DAILY_LOGIN_ATTEMPTS; attempt++) {
            Learner l = platform.learners().get(userId);
            LocalDate today = LearnerClock.today(platform.clock(), l.timezone());
            Streak next = l.streak().on(today);
            Grant grant = RewardRules.dailyLogin(userId, today);
            RewardsService.Outcome outcome = next.equals(l.streak())
                    ? RewardsService.Outcome.ALREADY_GRANTED
                    : platform.rewards().grant(grant, l.streak(), next);
            if (outcome == RewardsService.Outcome.STREAK_CHANGED) continue;
            boolean granted = outcome == RewardsService.Outcome.GRANTED;
            Streak shown = granted ? next : platform.learners().get(userId).streak();
            ObjectNode o = Json.MAPPER.createObjectNode();
            o.put("localDate", today.toString());
            o.set("streak", streak(shown, today));
            ArrayNode rewards = o.putArray("rewards");
            if (granted) {
                for (Reward r : grant.rewards()) {
                    rewards.addObject().put("kind", r.kind().name()).put("amount", r.amount()).put("reason", r.reason());
                }
            }
            return json(200, o);
        }
        throw new ApiError(409, "CONFLICT", "too many concurrent daily logins; retry");
    }
}
