package dev.pyquest.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pyquest.domain.Json;
import dev.pyquest.domain.leaderboard.Standings;
import dev.pyquest.domain.leaderboard.Week;
import dev.pyquest.shared.Container;
import dev.pyquest.api.http.ApiError;
import dev.pyquest.api.http.ApiFunction;
import dev.pyquest.shared.store.LeaderboardRepository;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code GET /leaderboard?period=week&limit=10}: the current week's top learners by XP (Monday 00:00
 * UTC to the next Monday, by the server clock) and the caller's own rank and XP. {@code period} is
 * required, so adding other periods later never changes what an existing client gets.
 */
@Singleton
public class LeaderboardFunction extends ApiFunction {
    public static final int DEFAULT_LIMIT = 10;
    public static final int MAX_LIMIT = 100;
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,3}");



    private final LeaderboardRepository leaderboard;
    private final Clock clock;

    /** Lambda's entry (init phase): the collaborators from the container's context. */
    public LeaderboardFunction() {
        this(Container.bean(LeaderboardRepository.class), Container.bean(Clock.class));
    }

    @Inject
    public LeaderboardFunction(LeaderboardRepository leaderboard, Clock clock) {
        this.leaderboard = leaderboard;
        this.clock = clock;
    }

    @Override
    protected APIGatewayV2HTTPResponse route(String routeKey, APIGatewayV2HTTPEvent e) {
        String userId = learner(e);
        if (!"GET /leaderboard".equals(routeKey)) throw ApiError.notFound("no route " + routeKey);
        Map<String, String> query = e.getQueryStringParameters() == null ? Map.of() : e.getQueryStringParameters();
        String period = query.get("period");
        if (!"week".equals(period)) {
            throw ApiError.validation("period is required and must be week" + (period == null ? "" : ", not " + period));
        }
        int limit = limit(query.get("limit"));
        Week week = Week.of(clock.instant());
        LeaderboardRepository.View view = leaderboard.view(week, userId, limit);

        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("period", "week");
        o.put("weekStart", week.start().toString());
        o.put("weekEnd", week.end().toString());
        ArrayNode top = o.putArray("top");
        for (Standings.Ranked r : view.top()) top.addObject().put("rank", r.rank()).put("userId", r.userId()).put("xp", r.xp());
        ObjectNode me = o.putObject("me");
        if (view.me().rank() == null) me.putNull("rank");
        else me.put("rank", view.me().rank());
        me.put("xp", view.me().xp());
        return json(200, o);
    }

    private static int limit(String v) {
        if (v == null) return DEFAULT_LIMIT;
        int n = DIGITS.matcher(v).matches() ? Integer.parseInt(v) : -1;
        if (n < 1 || n > MAX_LIMIT) throw ApiError.validation("limit must be a whole number from 1 to " + MAX_LIMIT + ", not " + v);
        return n;
    }
}
