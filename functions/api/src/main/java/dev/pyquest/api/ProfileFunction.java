package dev.pyquest.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pyquest.domain.Hashing;
import dev.pyquest.domain.Json;
import dev.pyquest.domain.rewards.Economy;
import dev.pyquest.domain.rewards.Grant;
import dev.pyquest.domain.rewards.Levels;
import dev.pyquest.domain.rewards.Reward;
import dev.pyquest.domain.rewards.RewardRules;
import dev.pyquest.domain.streak.LearnerClock;
import dev.pyquest.domain.streak.Streak;
import dev.pyquest.shared.Container;
import dev.pyquest.api.http.ApiError;
import dev.pyquest.api.http.ApiFunction;
import dev.pyquest.api.http.EdgeIdempotency;
import dev.pyquest.shared.rewards.RewardsService;
import dev.pyquest.shared.store.Learner;
import dev.pyquest.shared.store.LearnerRepository;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code GET /me}, {@code PUT /me/timezone}, {@code GET /me/transactions}, {@code POST /daily-login}. */
@Singleton
public class ProfileFunction extends ApiFunction {
    private static final int DAILY_LOGIN_ATTEMPTS = 5;



    private final LearnerRepository learners;
    private final RewardsService rewards;
    private final RewardRules rules;
    private final EdgeIdempotency idempotency;
    private final Clock clock;

    /** Lambda's entry (init phase): the collaborators from the container's context. */
    public ProfileFunction() {
        this(Container.bean(LearnerRepository.class), Container.bean(RewardsService.class),
                Container.bean(RewardRules.class), Container.bean(EdgeIdempotency.class),
                Container.bean(Clock.class));
    }

    @Inject
    public ProfileFunction(LearnerRepository learners, RewardsService rewards, RewardRules rules, EdgeIdempotency idempotency, Clock clock) {
        this.learners = learners;
        this.rewards = rewards;
        this.rules = rules;
        this.idempotency = idempotency;
        this.clock = clock;
    }

    @Override
    protected APIGatewayV2HTTPResponse route(String routeKey, APIGatewayV2HTTPEvent e) {
        String userId = learner(e);
        return switch (routeKey) {
            case "GET /me" -> json(200, me(learners.get(userId)));
            case "PUT /me/timezone" -> {
                String key = idempotencyKey(e);
                byte[] body = bodyBytes(e);
                yield idempotency.run(userId, "timezone", key, Hashing.sha256Hex(new String(body, java.nio.charset.StandardCharsets.UTF_8)), () -> timezone(userId, body));
            }
            case "GET /me/transactions" -> transactions(userId);
            case "PUT /me/cosmetics" -> {
                String key = idempotencyKey(e);
                byte[] body = bodyBytes(e, 1024);
                yield idempotency.run(userId, "cosmetics", key, Hashing.sha256Hex(new String(body, java.nio.charset.StandardCharsets.UTF_8)),
                        () -> cosmetics(userId, body));
            }
            // The body is ignored: the day is the server's, so every retry of a key means the same login.
            case "POST /daily-login" -> idempotency.run(userId, "daily-login", idempotencyKey(e), "",
                    () -> dailyLogin(userId));
            default -> throw ApiError.notFound("no route " + routeKey);
        };
    }

    private ObjectNode me(Learner l) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("userId", l.userId());
        o.put("xp", l.xp());
        o.put("level", Levels.level(l.xp()));
        o.put("diamonds", l.diamonds());
        o.put("badges", l.badges());
        o.set("streak", streak(l, LearnerClock.today(clock, l.timezone())));
        o.put("timezone", l.timezone());
        o.put("pro", l.entitlement().pro(clock.instant()).active()); // the same record and rule as the Pro gate
        ObjectNode cosmetics = o.putObject("cosmetics");
        for (String slot : Economy.COSMETIC_SLOTS) cosmetics.put(slot, l.equipped().get(slot));
        return o;
    }

    private static ObjectNode streak(Learner l, LocalDate today) {
        Streak s = l.streak();
        return Json.MAPPER.createObjectNode().put("current", s.currentOn(today, l.freezes(), zone(l)))
                .put("longest", s.longest()).put("freezes", l.freezes());
    }

    private static ZoneId zone(Learner l) {
        return LearnerClock.zoneOrDefault(l.timezone());
    }

    private APIGatewayV2HTTPResponse timezone(String userId, byte[] bytes) {
        JsonNode body = jsonBody(bytes);
        String zone = body.path("timezone").asText(null);
        if (LearnerClock.zone(zone).isEmpty()) {
            throw ApiError.validation("timezone must be an IANA zone name such as Europe/Paris");
        }
        try {
            learners.setTimezone(userId, zone, clock.instant());
        } catch (LearnerRepository.TimezoneChangeLimited limited) {
            long seconds = Math.max(1, Duration.between(clock.instant(), limited.nextAllowed).toSeconds());
            throw new ApiError(429, "RATE_LIMITED", "the time zone can change once every 7 days; next change allowed at "
                    + limited.nextAllowed, Map.of("retry-after", Long.toString(seconds)));
        }
        return json(200, me(learners.get(userId)));
    }

    /**
     * {@code PUT /me/cosmetics} {@code {"frame": id|null, "theme": …, "title": …}} (any of the slots): equips cosmetics the
     * learner owns (bought once in the shop), null takes one off; an unknown slot or item, or an item of another slot,
     * is 400; an item not owned is 409 NOT_OWNED and nothing changes.
     */
    private APIGatewayV2HTTPResponse cosmetics(String userId, byte[] bytes) {
        JsonNode body = jsonBody(bytes);
        Map<String, String> bySlot = new java.util.HashMap<>();
        for (java.util.Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            if (!Economy.COSMETIC_SLOTS.contains(f.getKey())) {
                throw ApiError.validation("'" + f.getKey() + "' is not a cosmetic slot; slots: " + Economy.COSMETIC_SLOTS);
            }
            if (f.getValue().isNull()) {
                bySlot.put(f.getKey(), null);
                continue;
            }
            if (!f.getValue().isTextual()) throw ApiError.validation(f.getKey() + " must name a cosmetic or be null");
            String id = f.getValue().asText();
            Economy.ShopItem item = rewards.economy().shopItem(id).filter(i -> i.cosmetic() != null)
                    .orElseThrow(() -> ApiError.validation("no cosmetic '" + id + "'; cosmetics: "
                            + rewards.economy().cosmetics().stream().map(Economy.ShopItem::id).toList()));
            if (!item.cosmetic().equals(f.getKey())) throw ApiError.validation("'" + id + "' is a " + item.cosmetic() + ", not a " + f.getKey());
            bySlot.put(f.getKey(), id);
        }
        if (bySlot.isEmpty()) throw ApiError.validation("name at least one slot: " + Economy.COSMETIC_SLOTS);
        if (!learners.equip(userId, bySlot, clock.instant())) {
            Learner l = learners.get(userId);
            List<String> missing = bySlot.values().stream().filter(java.util.Objects::nonNull).filter(id -> l.held(id) < 1).sorted().toList();
            throw new ApiError(409, "NOT_OWNED", "buy it in the shop first: " + missing, Map.of(), Map.of("items", missing));
        }
        return json(200, me(learners.get(userId)));
    }

    private APIGatewayV2HTTPResponse transactions(String userId) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (LearnerRepository.LedgerEntry t : learners.transactions(userId, 100)) {
            out.addObject().put("id", t.id()).put("kind", t.kind()).put("amount", t.amount())
                    .put("reason", t.reason()).put("at", t.at());
        }
        return json(200, out);
    }

    /**
     * One reward per local day in the learner's stored zone; the streak moves in the same
     * transaction, using the freezes that cover missed days, and so do the streak milestones it
     * reaches (once per learner each). A concurrent login for the same learner makes ours re-read
     * and try again, and then find the day already granted.
     */
    private APIGatewayV2HTTPResponse dailyLogin(String userId) {
        for (int attempt = 0; attempt < DAILY_LOGIN_ATTEMPTS; attempt++) {
            Learner l = learners.get(userId);
            LocalDate today = LearnerClock.today(clock, l.timezone());
            Streak.Step step = l.streak().on(today, l.freezes(), zone(l));
            RewardsService.Result result;
            if (step.next().equals(l.streak())) {
                result = new RewardsService.Result(RewardsService.Outcome.ALREADY_GRANTED, List.of());
            } else {
                List<Grant> parts = new ArrayList<>();
                parts.add(rules.dailyLogin(userId, today, step.next().current()));
                for (Economy.Milestone m : rules.economy().streakMilestones()) {
                    if (m.days() == step.next().current() && !learners.hasLedgerEntry(userId, "STREAK_MILESTONE#" + m.days())) {
                        parts.add(rules.streakMilestone(userId, m, today));
                    }
                }
                result = rewards.grantAll(parts,
                        new RewardsService.StreakMove(l.streak(), step.next(), step.freezesUsed()));
            }
            if (result.outcome() == RewardsService.Outcome.STREAK_CHANGED) continue;
            boolean granted = result.outcome() == RewardsService.Outcome.GRANTED;
            Learner shown = learners.get(userId);
            ObjectNode o = Json.MAPPER.createObjectNode();
            o.put("localDate", today.toString());
            o.set("streak", streak(shown, today));
            o.put("freezesUsed", granted ? step.freezesUsed() : 0);
            ArrayNode rewards = o.putArray("rewards");
            for (Grant g : result.granted()) {
                for (Reward r : g.rewards()) {
                    rewards.addObject().put("kind", r.kind().name()).put("amount", r.amount()).put("reason", r.reason());
                }
            }
            return json(200, o);
        }
        throw new ApiError(409, "CONFLICT", "too many concurrent daily logins; retry");
    }
}
