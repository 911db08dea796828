package dev.pyquest.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pyquest.domain.Json;
import dev.pyquest.domain.learning.Gates;
import dev.pyquest.domain.learning.LearnerProgress;
import dev.pyquest.shared.Container;
import dev.pyquest.shared.mastery.ActivityGates;
import dev.pyquest.api.http.ApiError;
import dev.pyquest.api.http.ApiFunction;
import dev.pyquest.shared.store.CatalogRepository.Activity;
import dev.pyquest.shared.store.CatalogRepository;
import dev.pyquest.shared.store.LearningRepository;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Locale;

/**
 * {@code GET /activities} and {@code GET /activities/{slug}}: public content only, never hidden tests
 * or quiz answers. A former slug answers 308 with the new location. A locked activity shows its title and
 * {@code requires}, not its content ({@link ActivityGates}).
 */
@Singleton
public class CatalogFunction extends ApiFunction {
    private final CatalogRepository catalog;
    private final LearningRepository learning;
    private final ActivityGates gates;

    /** Lambda's entry (init phase): the collaborators from the container's context. */
    public CatalogFunction() {
        this(Container.bean(CatalogRepository.class), Container.bean(LearningRepository.class), Container.bean(ActivityGates.class));
    }

    @Inject
    public CatalogFunction(CatalogRepository catalog, LearningRepository learning, ActivityGates gates) {
        this.catalog = catalog;
        this.learning = learning;
        this.gates = gates;
    }

    @Override
    protected APIGatewayV2HTTPResponse route(String routeKey, APIGatewayV2HTTPEvent e) {
        String userId = learner(e);
        return switch (routeKey) {
            case "GET /activities" -> list(userId);
            case "GET /activities/{slug}" -> view(userId, pathParam(e, "slug"));
            case "GET /activities/{slug}/walkthrough" -> walkthrough(userId, pathParam(e, "slug"));
            default -> throw ApiError.notFound("no route " + routeKey);
        };
    }

    /** Every activity with the learner's {@code locked} (and, when locked, {@code requires}) from one read of their progress. */
    private APIGatewayV2HTTPResponse list(String userId) {
        LearnerProgress progress = gates.progress(userId);
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (Activity a : catalog.list()) {
            summary(a, out.addObject(), progress.skipped().contains(a.activityId()), gates.unmet(a, progress));
        }
        return json(200, out);
    }

    /** {@code skipped}: the learner spent a skip token on it (exercises only; shown on exercises); {@code unmet}: what unlocks it. */
    private static void summary(Activity a, ObjectNode o, boolean skipped, List<Gates.Unmet> unmet) {
        o.put("slug", a.slug());
        o.put("title", a.title());
        o.put("kind", a.kind());
        ArrayNode skills = o.putArray("skills");
        a.skills().forEach(skills::add);
        o.put("difficulty", a.difficulty().name().toLowerCase(Locale.ROOT));
        o.put("locked", !unmet.isEmpty());
        o.put("premium", a.premium());
        if (!unmet.isEmpty()) o.set("requires", requires(unmet));
        if (CatalogRepository.EXERCISE.equals(a.kind())) o.put("skipped", skipped);
    }

    private APIGatewayV2HTTPResponse view(String userId, String slug) {
        Activity a = catalog.bySlug(slug).orElseThrow(() -> ApiError.notFound("no activity '" + slug + "'"));
        if (!a.slug().equals(slug)) {
            // A former slug: the activity (and the learner's progress, kept by its id) lives on under the new one.
            return json(308, java.util.Map.of("code", "MOVED", "message", "'" + slug + "' is now '" + a.slug() + "'",
                    "slug", a.slug()), java.util.Map.of("location", "/activities/" + a.slug()));
        }
        // A premium challenge is Pro's: without it, its title and where to get Pro (the one gate's answer), nothing else.
        if (gates.proRequired(userId, a)) throw proRequired("'" + a.slug() + "' is a Pro challenge", a);
        ObjectNode o = Json.MAPPER.createObjectNode();
        // One read of the learner's progress answers both: skipped, and what still locks it.
        LearnerProgress progress = gates.progress(userId);
        List<Gates.Unmet> unmet = gates.unmet(a, progress);
        summary(a, o, progress.skipped().contains(a.activityId()), unmet);
        // Locked: its title and what unlocks it, none of its content.
        if (!unmet.isEmpty()) return json(200, o);
        o.put("statement", a.statement());
        o.put("starterCode", a.starterCode());
        ArrayNode examples = o.putArray("examples");
        if (CatalogRepository.EXERCISE.equals(a.kind())) {
            // Hints are bought in the shop, one at a time: the learner sees the ones revealed to them.
            int revealed = Math.min(a.hints().size(), learning.hintsRevealed(userId, a.activityId()));
            o.put("hintCount", a.hints().size());
            ArrayNode hints = o.putArray("hints");
            a.hints().subList(0, revealed).forEach(hints::add);
        }
        try {
            if (a.examplesJson() != null) {
                o.put("function", a.function());
                for (JsonNode ex : Json.MAPPER.readTree(a.examplesJson())) {
                    examples.addObject()
                            .put("name", ex.path("name").asText())
                            .put("input", PythonLiteral.call(a.function(), ex.get("args")))
                            .put("output", PythonLiteral.of(ex.get("expected")));
                }
            }
            if (a.questionsJson() != null) {
                o.set("questions", Json.MAPPER.readTree(a.questionsJson()));
                o.put("passPercent", a.passPercent());
            }
        } catch (java.io.IOException ex) {
            throw new IllegalStateException("stored content of " + slug + " is unreadable", ex);
        }
        return json(200, o);
    }

    /**
     * An exercise's walkthrough: a Pro feature (the one gate), on an exercise the learner may open (locks and premium as
     * everywhere), once they have submitted to it (a walkthrough read first spoils the exercise).
     */
    private APIGatewayV2HTTPResponse walkthrough(String userId, String slug) {
        Activity a = catalog.bySlug(slug).orElseThrow(() -> ApiError.notFound("no activity '" + slug + "'"));
        if (!CatalogRepository.EXERCISE.equals(a.kind())) throw ApiError.validation("'" + slug + "' is a " + a.kind() + "; walkthroughs are for exercises");
        requireOpen(gates, userId, a);
        if (!gates.pro(userId)) throw proRequired("the walkthrough of '" + a.slug() + "'", a);
        if (learning.attempts(userId, a.activityId()) == 0) {
            throw new ApiError(403, "NOT_ATTEMPTED", "submit a solution to '" + a.slug() + "' first: its walkthrough shows how the reference solves it",
                    java.util.Map.of(), java.util.Map.of("activity", a.slug()));
        }
        String markdown = catalog.walkthrough(a.activityId())
                .orElseThrow(() -> new IllegalStateException("exercise " + a.activityId() + " has no walkthrough loaded"));
        return json(200, Json.MAPPER.createObjectNode().put("slug", a.slug()).put("title", a.title()).put("walkthrough", markdown));
    }
}
