package dev.pyquest.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pyquest.domain.Hashing;
import dev.pyquest.domain.Json;
import dev.pyquest.domain.quests.QuestBoard;
import dev.pyquest.domain.quests.QuestPeriod;
import dev.pyquest.domain.quests.QuestRef;
import dev.pyquest.domain.rewards.Economy.QuestDef;
import dev.pyquest.domain.rewards.Economy;
import dev.pyquest.domain.rewards.Grant;
import dev.pyquest.domain.rewards.Reward;
import dev.pyquest.domain.rewards.RewardRules;
import dev.pyquest.domain.streak.LearnerClock;
import dev.pyquest.shared.Container;
import dev.pyquest.api.http.ApiError;
import dev.pyquest.api.http.ApiFunction;
import dev.pyquest.api.http.EdgeIdempotency;
import dev.pyquest.shared.rewards.RewardsService;
import dev.pyquest.shared.store.LearnerRepository;
import dev.pyquest.shared.store.QuestRepository;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /quests}: today's daily quests (the learner's local day in their stored zone) and this
 * week's challenge, with progress and whether each is claimed or claimable.
 * {@code POST /quests/{id}/claim} ({@code Idempotency-Key}): grants a completed quest's reward while
 * its period is open. The ledger key {@code QUEST#<period>#<questId>} makes it pay once, whatever
 * the number of keys or concurrent claims; a claim that finds it paid answers
 * {@code "alreadyClaimed": true} with no rewards.
 */
@Singleton
public class QuestsFunction extends ApiFunction {
    private final LearnerRepository learners;
    private final QuestRepository quests;
    private final RewardsService rewards;
    private final RewardRules rules;
    private final Economy economy;
    private final EdgeIdempotency idempotency;
    private final Clock clock;

    /** Lambda's entry (init phase): the collaborators from the container's context. */
    public QuestsFunction() {
        this(Container.bean(LearnerRepository.class), Container.bean(QuestRepository.class),
                Container.bean(RewardsService.class), Container.bean(RewardRules.class),
                Container.bean(Economy.class), Container.bean(EdgeIdempotency.class), Container.bean(Clock.class));
    }

    @Inject
    public QuestsFunction(LearnerRepository learners, QuestRepository quests, RewardsService rewards, RewardRules rules, Economy economy, EdgeIdempotency idempotency, Clock clock) {
        this.learners = learners;
        this.quests = quests;
        this.rewards = rewards;
        this.rules = rules;
        this.economy = economy;
        this.idempotency = idempotency;
        this.clock = clock;
    }

    @Override
    protected APIGatewayV2HTTPResponse route(String routeKey, APIGatewayV2HTTPEvent e) {
        return switch (routeKey) {
            case "GET /quests" -> json(200, board(learner(e)));
            case "POST /quests/{id}/claim" -> claim(e);
            default -> throw ApiError.notFound("no route " + routeKey);
        };
    }


    private ZoneId zone(String userId) {
        return LearnerClock.zoneOrDefault(learners.get(userId).timezone());
    }

    private ObjectNode board(String userId) {
        ZoneId zone = zone(userId);
        Instant now = clock.instant();
        LocalDate today = now.atZone(zone).toLocalDate();
        QuestPeriod day = QuestPeriod.day(today, zone);
        QuestPeriod week = QuestPeriod.weekOf(now);
        List<QuestDef> daily = QuestBoard.daily(economy, userId, today);
        QuestDef weekly = QuestBoard.weekly(economy, week);
        List<QuestRepository.Key> keys = new ArrayList<>();
        daily.forEach(q -> keys.add(new QuestRepository.Key(day.id(), q.id())));
        keys.add(new QuestRepository.Key(week.id(), weekly.id()));
        Map<QuestRepository.Key, Long> progress = quests.progress(userId, keys);

        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("localDate", today.toString());
        ArrayNode d = out.putArray("daily");
        for (QuestDef q : daily) d.add(view(userId, day, q, progress.get(new QuestRepository.Key(day.id(), q.id()))));
        ObjectNode w = view(userId, week, weekly, progress.get(new QuestRepository.Key(week.id(), weekly.id())));
        w.put("weekStart", week.start().toString()).put("weekEnd", week.end().toString());
        out.set("weekly", w);
        return out;
    }

    private ObjectNode view(String userId, QuestPeriod p, QuestDef q, long progress) {
        boolean claimed = learners.hasLedgerEntry(userId, rules.questClaimed(userId, q, p.id()).grantKey());
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("id", QuestRef.of(p, q.id()).toString());
        o.put("title", q.title());
        o.put("metric", q.metric().name());
        o.put("target", q.target());
        // Stored uncapped (an increment is a plain ADD); shown capped at the target.
        o.put("progress", Math.min(progress, q.target()));
        o.putObject("reward").put("xp", q.xp()).put("diamonds", q.diamonds());
        o.put("claimed", claimed);
        o.put("claimable", !claimed && progress >= q.target());
        o.put("expiresAt", p.end().toString());
        return o;
    }

    private APIGatewayV2HTTPResponse claim(APIGatewayV2HTTPEvent e) {
        String userId = learner(e);
        String key = idempotencyKey(e);
        String id = pathParam(e, "id");
        QuestRef ref = QuestRef.parse(id).orElseThrow(() -> ApiError.validation(
                "a quest id looks like daily:2026-11-24:pass-3 or weekly:2026-W48:weekly-10-passes, got '" + clip(id) + "'"));
        return idempotency.run(userId, "quest-claim", key, Hashing.sha256Hex(ref.toString()),
                () -> claim(userId, ref));
    }

    private APIGatewayV2HTTPResponse claim(String userId, QuestRef ref) {
        Instant now = clock.instant();
        Optional<QuestPeriod> period = ref.kind() == QuestPeriod.Kind.DAILY
                ? QuestPeriod.parseDay(ref.periodId(), zone(userId)) : QuestPeriod.parseWeek(ref.periodId());
        QuestPeriod p = period.orElseThrow(() -> ApiError.notFound("no quest " + ref + ": " + ref.periodId() + " is not a "
                + (ref.kind() == QuestPeriod.Kind.DAILY ? "date" : "week")));
        if (p.start().isAfter(now)) throw ApiError.notFound("no quest " + ref + " yet: its period has not started");
        QuestDef q = QuestBoard.assigned(economy, userId, ref, p)
                .orElseThrow(() -> ApiError.notFound("quest " + ref + " is not one of yours"));
        Grant grant = rules.questClaimed(userId, q, p.id());
        if (learners.hasLedgerEntry(userId, grant.grantKey())) return claimed(ref, List.of());
        if (!p.end().isAfter(now)) {
            throw new ApiError(409, "QUEST_EXPIRED", "quest " + ref + " ended at " + p.end() + "; quests are claimed during their period");
        }
        long progress = quests.progress(userId, List.of(new QuestRepository.Key(p.id(), q.id())))
                .values().iterator().next();
        if (progress < q.target()) {
            throw new ApiError(409, "QUEST_INCOMPLETE", "quest " + ref + " is at " + progress + " of " + q.target());
        }
        RewardsService.Result r = rewards.grantAll(List.of(grant), null);
        return switch (r.outcome()) {
            case GRANTED -> claimed(ref, r.granted());
            case ALREADY_GRANTED -> claimed(ref, List.of());
            case STREAK_CHANGED -> throw new IllegalStateException("a quest claim moves no streak");
        };
    }

    /** {@code granted} empty: the quest was paid before (another claim, another key). */
    private static APIGatewayV2HTTPResponse claimed(QuestRef ref, List<Grant> granted) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("id", ref.toString());
        o.put("claimed", true);
        o.put("alreadyClaimed", granted.isEmpty());
        ArrayNode rewards = o.putArray("rewards");
        for (Grant g : granted) {
            for (Reward r : g.rewards()) rewards.addObject().put("kind", r.kind().name()).put("amount", r.amount()).put("reason", r.reason());
        }
        return json(200, o);
    }

    private static String clip(String s) {
        return s.length() <= 80 ? s : s.substring(0, 80) + "…";
    }
}
