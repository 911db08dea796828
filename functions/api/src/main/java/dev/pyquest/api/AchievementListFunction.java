package dev.pyquest.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pyquest.api.http.ApiError;
import dev.pyquest.api.http.ApiFunction;
import dev.pyquest.domain.Json;
import dev.pyquest.domain.achievements.Achievement;
import dev.pyquest.domain.achievements.AchievementEngine;
import dev.pyquest.domain.achievements.LearnerAchievements;
import dev.pyquest.domain.achievements.Level;
import dev.pyquest.domain.achievements.Period;
import dev.pyquest.domain.streak.LearnerClock;
import dev.pyquest.shared.Container;
import dev.pyquest.shared.achievements.AchievementEngines;
import dev.pyquest.shared.store.AchievementRepository;
import dev.pyquest.shared.store.LearnerRepository;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * {@code GET /achievements}: every achievement of the rules, in the rules' order, as the caller stands on it.
 * <ul>
 *   <li>{@code tier}: the highest tier the learner holds (null when none, and always null for an untiered one);
 *       {@code unlocked}, {@code unlockedAt}: whether they hold its first level, and when they reached the level
 *       shown (the highest held).</li>
 *   <li>{@code progress}: {@code current} toward the next level's {@code target} (the last level's once all are
 *       held; a periodic rule shows today's or this week's sum in the learner's zone).</li>
 *   <li>{@code rarity}: holders of the level shown (the first level while none is held) / learners active in
 *       the last {@value AchievementRepository#ACTIVE_DAYS} days (UTC), exact, from the counters the consumer
 *       keeps in its unlock transactions; 0 while nobody is active.</li>
 *   <li>{@code levels}: each level's tier, target, what it pays, whether held and when, and its rarity.</li>
 *   <li>A hidden achievement not yet unlocked shows {@code "???"}, no description, no progress and no levels:
 *       nothing of it leaks before it is earned (its rarity, which says nothing of how, stays).</li>
 * </ul>
 * Reads: the learner's achievement items (one consistent query), their zone, and the rarity counters (one
 * query per shard).
 */
@Singleton
public class AchievementListFunction extends ApiFunction {
    static final String HIDDEN_NAME = "???";

    private final AchievementEngines engines;
    private final AchievementRepository achievements;
    private final LearnerRepository learners;
    private final Clock clock;

    /** Lambda's entry (init phase): the collaborators from the container's context. */
    public AchievementListFunction() {
        this(Container.bean(AchievementEngines.class), Container.bean(AchievementRepository.class),
                Container.bean(LearnerRepository.class), Container.bean(Clock.class));
    }

    @Inject
    public AchievementListFunction(AchievementEngines engines, AchievementRepository achievements, LearnerRepository learners,
                                   Clock clock) {
        this.engines = engines;
        this.achievements = achievements;
        this.learners = learners;
        this.clock = clock;
    }

    @Override
    protected APIGatewayV2HTTPResponse route(String routeKey, APIGatewayV2HTTPEvent e) {
        String userId = learner(e);
        if (!"GET /achievements".equals(routeKey)) throw ApiError.notFound("no route " + routeKey);
        AchievementEngine engine = engines.current();
        LocalDate today = LearnerClock.today(clock, learners.get(userId).timezone());
        // A periodic rule shows today's or this week's sum: no past period is read.
        AchievementRepository.Snapshot mine = achievements.read(userId, Period.earliestStart(today));
        AchievementRepository.Rarity rarity = achievements.rarity(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC));

        ArrayNode out = Json.MAPPER.createArrayNode();
        for (Achievement a : engine.rules().all()) out.add(entry(engine, a, mine, today, rarity));
        return json(200, out);
    }

    private static ObjectNode entry(AchievementEngine engine, Achievement a, AchievementRepository.Snapshot mine, LocalDate today,
                                    AchievementRepository.Rarity rarity) {
        LearnerAchievements state = mine.state();
        Level held = null, next = null;
        for (Level l : a.levels()) {
            if (state.isUnlocked(l.key())) held = l;
            else if (next == null) next = l;
        }
        boolean unlocked = held != null;
        Level shown = unlocked ? held : a.levels().get(0);

        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("id", a.id());
        boolean secret = a.hidden() && !unlocked;
        o.put("name", secret ? HIDDEN_NAME : a.name());
        if (secret) o.putNull("description");
        else o.put("description", a.description());
        if (held == null || held.tier() == null) o.putNull("tier");
        else o.put("tier", held.tier().key());
        o.put("hidden", a.hidden());
        o.put("unlocked", unlocked);
        AchievementRepository.Unlocked at = unlocked ? mine.unlocks().get(held.key()) : null;
        if (at == null || at.at() == null) o.putNull("unlockedAt");
        else o.put("unlockedAt", at.at().toString());
        if (secret) {
            o.putNull("progress");
        } else {
            Level toward = next != null ? next : held;
            o.putObject("progress").put("current", engine.current(a, state, today)).put("target", engine.target(a, toward));
        }
        o.put("rarity", rarity.of(shown.key()));
        if (!secret) {
            ArrayNode levels = o.putArray("levels");
            for (Level l : a.levels()) {
                ObjectNode lo = levels.addObject();
                if (l.tier() == null) lo.putNull("tier");
                else lo.put("tier", l.tier().key());
                lo.put("target", engine.target(a, l)).put("xp", l.xp()).put("diamonds", l.diamonds());
                AchievementRepository.Unlocked u = mine.unlocks().get(l.key());
                lo.put("unlocked", u != null);
                if (u == null || u.at() == null) lo.putNull("unlockedAt");
                else lo.put("unlockedAt", u.at().toString());
                lo.put("rarity", rarity.of(l.key()));
            }
        }
        return o;
    }
}
