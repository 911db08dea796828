package dev.pyquest.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pyquest.domain.rewards.Grant;
import dev.pyquest.domain.rewards.Reward;
import dev.pyquest.domain.rewards.RewardKind;
import dev.pyquest.local.economy.InvariantCheck;
import dev.pyquest.shared.config.Tables;
import dev.pyquest.shared.rewards.RewardsService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Cosmetics end to end over HTTP: sold in the shop with their slot, bought once (a second purchase is refused and
 * charges nothing), equipped only when owned and only in their own slot, taken off with null, shown in GET /me; the
 * ledger still equals the wallet.
 */
class CosmeticsApiIT {
    @TempDir
    Path data;

    @Test
    void boughtOnceEquippedWhenOwnedShownInMe() {
        try (LocalStack stack = LocalStack.start(LocalStack.Config.fromEnvironment().withoutFunctions(Stacks.ACHIEVEMENTS)
                .withDataDir(data).withPort(0))) {
            Api api = new Api(stack.port());
            String t = api.token("style-ada");
            assertEquals(RewardsService.Outcome.GRANTED, stack.bean(RewardsService.class).grant(new Grant("style-ada", "TEST_SEED#200",
                    List.of(new Reward(RewardKind.DIAMONDS, 200, "test seed")), "seed", null)));

            JsonNode items = api.get("/shop/items", t).body().path("items");
            JsonNode gold = null;
            for (JsonNode i : items) if (i.path("id").asText().equals("frame-gold")) gold = i;
            assertEquals("frame", gold.path("cosmetic").asText(), items.toString());
            assertEquals(1, gold.path("maxHeld").asInt());

            assertEquals(201, buy(api, t, "b-1", "frame-gold").status());
            long after = api.get("/me", t).body().path("diamonds").asLong();
            assertEquals(200 - gold.path("price").asLong(), after);
            Api.Response again = buy(api, t, "b-2", "frame-gold");
            assertEquals(409, again.status(), String.valueOf(again.body()));
            assertEquals("LIMIT_REACHED", again.code());
            assertEquals(after, api.get("/me", t).body().path("diamonds").asLong(), "a second purchase charges nothing");

            Api.Response notOwned = equip(api, t, "e-1", "{\"frame\":\"frame-gold\",\"theme\":\"theme-midnight\"}");
            assertEquals(409, notOwned.status(), String.valueOf(notOwned.body()));
            assertEquals("NOT_OWNED", notOwned.code());
            assertEquals("theme-midnight", notOwned.body().path("items").get(0).asText());
            assertTrue(api.get("/me", t).body().path("cosmetics").path("frame").isNull(), "nothing changed");
            Api.Response replay = equip(api, t, "e-1", "{\"frame\":\"frame-gold\",\"theme\":\"theme-midnight\"}");
            assertEquals(notOwned.body(), replay.body(), "a retry of the key replays the same answer, details included");

            JsonNode me = equip(api, t, "e-2", "{\"frame\":\"frame-gold\"}").body();
            assertEquals("frame-gold", me.path("cosmetics").path("frame").asText(), me.toString());
            assertEquals("frame-gold", api.get("/me", t).body().path("cosmetics").path("frame").asText());

            assertEquals(400, equip(api, t, "e-3", "{\"frame\":\"theme-midnight\"}").status(), "another slot's item");
            assertEquals(400, equip(api, t, "e-4", "{\"hat\":\"frame-gold\"}").status(), "no such slot");
            assertEquals(400, equip(api, t, "e-5", "{\"frame\":\"streak-freeze\"}").status(), "not a cosmetic");
            assertEquals(400, equip(api, t, "e-6", "{}").status());
            assertEquals("IDEMPOTENCY_KEY_REQUIRED", api.put("/me/cosmetics", t, "{\"frame\":null}").code());

            Api.Response off = equip(api, t, "e-7", "{\"frame\":null}");
            assertEquals(200, off.status(), String.valueOf(off.body()));
            assertTrue(off.body().path("cosmetics").path("frame").isNull(), off.body().toString());

            InvariantCheck.Report report = InvariantCheck.run(stack.bean(DynamoDbClient.class), stack.bean(Tables.class));
            assertTrue(report.clean(), report.summary() + ": " + report.violations());
        }
    }

    private static Api.Response buy(Api api, String t, String key, String item) {
        return api.post("/shop/purchases", t, Map.of("Idempotency-Key", key), "{\"item\":\"" + item + "\"}");
    }

    private static Api.Response equip(Api api, String t, String key, String body) {
        return api.put("/me/cosmetics", t, Map.of("Idempotency-Key", key), body);
    }
}
