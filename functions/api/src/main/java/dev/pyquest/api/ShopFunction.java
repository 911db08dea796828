package dev.pyquest.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pyquest.domain.Hashing;
import dev.pyquest.domain.Json;
import dev.pyquest.domain.rewards.Economy;
import dev.pyquest.shared.Container;
import dev.pyquest.shared.mastery.ActivityGates;
import dev.pyquest.api.http.ApiError;
import dev.pyquest.api.http.ApiFunction;
import dev.pyquest.api.http.EdgeIdempotency;
import dev.pyquest.shared.rewards.RewardsService.SpendOutcome;
import dev.pyquest.shared.rewards.RewardsService;
import dev.pyquest.shared.store.CatalogRepository.Activity;
import dev.pyquest.shared.store.CatalogRepository;
import dev.pyquest.shared.store.Learner;
import dev.pyquest.shared.store.LearnerRepository;
import dev.pyquest.shared.store.LearningRepository;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.Iterator;
import java.util.Set;

/**
 * The shop, where diamonds are spent: {@code GET /shop/items} and {@code POST /shop/purchases}
 * (Idempotency-Key). A purchase and its debit are one transaction in the rewards service, conditional
 * on {@code diamonds >= price}: no concurrency makes a balance negative or spends twice. The purchase
 * id is derived from the learner and the key, so the same key never buys twice, even after the edge
 * idempotency record has expired.
 */
@Singleton
public class ShopFunction extends ApiFunction {
    private static final int MAX_BODY_BYTES = 4 * 1024;
    private static final int HINT_ATTEMPTS = 5;



    private final CatalogRepository catalog;
    private final LearnerRepository learners;
    private final LearningRepository learning;
    private final RewardsService rewards;
    private final Economy economy;
    private final EdgeIdempotency idempotency;
    private final ActivityGates gates;

    /** Lambda's entry (init phase): the collaborators from the container's context. */
    public ShopFunction() {
        this(Container.bean(CatalogRepository.class), Container.bean(LearnerRepository.class),
                Container.bean(LearningRepository.class), Container.bean(RewardsService.class),
                Container.bean(Economy.class), Container.bean(EdgeIdempotency.class), Container.bean(ActivityGates.class));
    }

    @Inject
    public ShopFunction(CatalogRepository catalog, LearnerRepository learners, LearningRepository learning, RewardsService rewards, Economy economy,
                        EdgeIdempotency idempotency, ActivityGates gates) {
        this.catalog = catalog;
        this.learners = learners;
        this.learning = learning;
        this.rewards = rewards;
        this.economy = economy;
        this.idempotency = idempotency;
        this.gates = gates;
    }

    @Override
    protected APIGatewayV2HTTPResponse route(String routeKey, APIGatewayV2HTTPEvent e) {
        String userId = learner(e);
        return switch (routeKey) {
            case "GET /shop/items" -> items(userId);
            case "POST /shop/purchases" -> purchase(userId, e);
            default -> throw ApiError.notFound("no route " + routeKey);
        };
    }


    private APIGatewayV2HTTPResponse items(String userId) {
        Learner l = learners.get(userId);
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("diamonds", l.diamonds());
        ArrayNode items = out.putArray("items");
        for (Economy.ShopItem i : economy.shop()) {
            ObjectNode o = items.addObject();
            o.put("id", i.id()).put("title", i.title()).put("description", i.description()).put("price", i.price());
            if (i.maxHeld() > 0) o.put("maxHeld", i.maxHeld()).put("held", l.held(i.id()));
            o.put("needsActivity", i.needsExercise());
            if (i.cosmetic() != null) o.put("cosmetic", i.cosmetic());
            o.put("affordable", l.diamonds() >= i.price());
        }
        return json(200, out);
    }

    private APIGatewayV2HTTPResponse purchase(String userId, APIGatewayV2HTTPEvent e) {
        String key = idempotencyKey(e);
        JsonNode body = jsonBody(bodyBytes(e, MAX_BODY_BYTES));
        for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!Set.of("item", "activity").contains(f)) throw ApiError.validation("unknown field '" + f + "'; a purchase has item and activity");
        }
        JsonNode itemNode = body.get("item");
        if (itemNode == null || !itemNode.isTextual()) throw ApiError.validation("body.item must name a shop item: " + ids());
        Economy.ShopItem item = economy.shopItem(itemNode.asText())
                .orElseThrow(() -> ApiError.validation("no shop item '" + itemNode.asText() + "'; items: " + ids()));
        JsonNode activityNode = body.get("activity");
        Activity exercise = null;
        if (item.needsExercise()) {
            if (activityNode == null || !activityNode.isTextual() || activityNode.asText().isBlank()) {
                throw ApiError.validation("body.activity must name the exercise the " + item.id() + " is for");
            }
            String slug = activityNode.asText();
            exercise = catalog.bySlug(slug).orElseThrow(() -> ApiError.notFound("no activity '" + slug + "'"));
            if (!CatalogRepository.EXERCISE.equals(exercise.kind())) {
                throw ApiError.validation("'" + slug + "' is a " + exercise.kind() + "; hints are for exercises");
            }
            requireOpen(gates, userId, exercise); // a hint is the exercise's content: none of a locked one
        } else if (activityNode != null) {
            throw ApiError.validation("a " + item.id() + " is not bought for an activity; leave body.activity out");
        }
        String requestHash = Hashing.sha256Hex(item.id() + "\0" + (exercise == null ? "" : exercise.activityId()));
        String purchaseId = "p-" + Hashing.sha256Hex(userId + "\0" + key).substring(0, 32);
        Activity target = exercise;
        return idempotency.run(userId, "shop-purchase", key, requestHash,
                () -> target == null ? buy(userId, purchaseId, item) : buyHint(userId, purchaseId, item, target));
    }

    private APIGatewayV2HTTPResponse buy(String userId, String purchaseId, Economy.ShopItem item) {
        SpendOutcome outcome = rewards.spend(userId, purchaseId, item, "bought: " + item.title(), null);
        return answer(outcome, userId, purchaseId, item, null);
    }

    /** A hint: reveals the exercise's next hint, conditional on the count the learner had seen. */
    private APIGatewayV2HTTPResponse buyHint(String userId, String purchaseId, Economy.ShopItem item, Activity exercise) {
        int total = exercise.hints().size();
        for (int attempt = 0; attempt < HINT_ATTEMPTS; attempt++) {
            int seen = learning.hintsRevealed(userId, exercise.activityId());
            if (seen >= total) {
                throw new ApiError(409, "NO_HINTS_LEFT", "every hint of '" + exercise.slug() + "' is already revealed ("
                        + total + "); nothing was charged");
            }
            SpendOutcome outcome = rewards.spend(userId, purchaseId, item,
                    "bought: " + item.title() + " " + (seen + 1) + " of " + exercise.slug(),
                    learning.revealHint(userId, exercise.activityId(), seen));
            if (outcome == SpendOutcome.EFFECT_REFUSED) continue; // another purchase revealed that hint first
            ObjectNode hint = outcome == SpendOutcome.PURCHASED
                    ? Json.MAPPER.createObjectNode().put("number", seen + 1).put("of", total).put("text", exercise.hints().get(seen))
                    : null;
            return answer(outcome, userId, purchaseId, item, hint);
        }
        throw new ApiError(409, "CONFLICT", "hints of '" + exercise.slug() + "' are being bought concurrently; retry");
    }

    private APIGatewayV2HTTPResponse answer(SpendOutcome outcome, String userId, String purchaseId, Economy.ShopItem item, ObjectNode hint) {
        Learner l = learners.get(userId);
        return switch (outcome) {
            case PURCHASED, ALREADY_PURCHASED -> {
                ObjectNode o = Json.MAPPER.createObjectNode();
                o.put("purchaseId", purchaseId).put("item", item.id()).put("price", item.price())
                        .put("alreadyPurchased", outcome == SpendOutcome.ALREADY_PURCHASED).put("diamonds", l.diamonds());
                if (item.maxHeld() > 0) o.put("held", l.held(item.id()));
                if (hint != null) o.set("hint", hint);
                yield json(outcome == SpendOutcome.PURCHASED ? 201 : 200, o);
            }
            case INSUFFICIENT_FUNDS -> throw new ApiError(409, "INSUFFICIENT_FUNDS", "a " + item.id() + " costs " + item.price()
                    + " diamonds; you have " + l.diamonds());
            case LIMIT_REACHED -> throw new ApiError(409, "LIMIT_REACHED", "you already hold " + l.held(item.id()) + " "
                    + item.id() + " (at most " + item.maxHeld() + ")");
            case EFFECT_REFUSED -> throw new IllegalStateException("unexpected " + outcome);
        };
    }

    private String ids() {
        return economy.shop().stream().map(Economy.ShopItem::id).toList().toString();
    }
}
