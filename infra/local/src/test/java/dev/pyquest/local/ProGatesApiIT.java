package dev.pyquest.local;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Pro gates end to end over HTTP: a free learner gets 403 PRO_REQUIRED on a premium challenge (view, submit, skip)
 * and on a walkthrough, and nothing is written; Pro bought through checkout and the local provider opens them (the
 * walkthrough once the learner has submitted, the premium challenge down to its own prerequisites); a cancellation
 * closes them again; the next-step suggestion never names a premium challenge.
 */
class ProGatesApiIT {
    private static final Path ROOT = LocalStack.findRoot();

    @TempDir
    Path data;

    @Test
    void premiumChallengesAndWalkthroughsNeedPro() throws Exception {
        try (LocalStack stack = LocalStack.start(LocalStack.Config.fromEnvironment().withoutFunctions(Stacks.ACHIEVEMENTS)
                .withDataDir(data).withPort(0))) {
            Api api = new Api(stack.port());
            String t = api.token("gate-ada");

            Set<String> premium = new TreeSet<>();
            for (JsonNode a : api.get("/activities", t).body()) if (a.path("premium").asBoolean()) premium.add(a.path("slug").asText());
            assertEquals(Set.of("bracket-check", "cache-evictions", "decode-runs", "meeting-rooms", "task-order"), premium);

            // Free: every way into a premium challenge or a walkthrough is 403 PRO_REQUIRED, before anything is written.
            Api.Response view = api.get("/activities/meeting-rooms", t);
            assertEquals(403, view.status(), String.valueOf(view.body()));
            assertEquals("PRO_REQUIRED", view.code());
            assertEquals("Meeting rooms", view.body().path("title").asText(), "the title says what needs Pro");
            assertFalse(view.body().has("statement"), "no content of a Pro challenge without Pro");
            Api.Response submit = api.submit("meeting-rooms", t, "k-1", "def min_rooms(m):\n    return 0\n");
            assertEquals("PRO_REQUIRED", submit.code(), String.valueOf(submit.body()));
            assertEquals("PRO_REQUIRED", api.post("/activities/meeting-rooms/skip", t, Map.of("Idempotency-Key", "s-1"), "").code());
            Api.Response walk = api.get("/activities/sum-of-evens/walkthrough", t);
            assertEquals(403, walk.status());
            assertEquals("PRO_REQUIRED", walk.code());
            assertEquals(400, api.get("/activities/strings-basics/walkthrough", t).status(), "a lesson has no walkthrough");
            assertEquals(404, api.get("/activities/no-such-thing/walkthrough", t).status());
            assertEquals(0, api.get("/me/transactions", t).body().size(), "nothing was written");

            // Pro, bought through checkout and the local provider.
            String checkout = api.post("/checkout", t, Map.of("Idempotency-Key", "pro-1"), "{\"product\":\"pro-monthly\"}").body()
                    .path("checkoutId").asText();
            assertEquals(200, api.post("/dev/payments/" + checkout + "/complete", null, Map.of(), "").body().path("webhookStatus").asInt());
            assertTrue(api.get("/me", t).body().path("pro").asBoolean());

            // A walkthrough once the learner has submitted, whatever the verdict.
            Api.Response early = api.get("/activities/sum-of-evens/walkthrough", t);
            assertEquals(403, early.status());
            assertEquals("NOT_ATTEMPTED", early.code());
            api.judge("sum-of-evens", t, "w-1", "def sum_of_evens(nums):\n    return 0\n", "FAILED");
            Api.Response shown = api.get("/activities/sum-of-evens/walkthrough", t);
            assertEquals(200, shown.status(), String.valueOf(shown.body()));
            assertEquals(Files.readString(ROOT.resolve("content/exercises/sum-of-evens/walkthrough.md")).strip(),
                    shown.body().path("walkthrough").asText().strip());

            // The premium challenge is open to Pro down to its own prerequisites (a course gate, like any exercise's).
            Api.Response locked = api.get("/activities/meeting-rooms", t);
            assertEquals(200, locked.status(), String.valueOf(locked.body()));
            assertTrue(locked.body().path("locked").asBoolean(), locked.body().toString());
            assertTrue(locked.body().path("premium").asBoolean());
            assertEquals("ACTIVITY_LOCKED", api.submit("meeting-rooms", t, "k-2", "def min_rooms(m):\n    return 0\n").code());

            // The next step is chosen among free activities only.
            JsonNode next = api.get("/me/next", t).body();
            assertFalse(next.path("activity").path("slug").asText().isEmpty(), next.toString());
            assertFalse(premium.contains(next.path("activity").path("slug").asText()), next.toString());
            for (JsonNode alt : next.path("alternatives")) assertFalse(premium.contains(alt.path("slug").asText()), next.toString());

            // Cancelled: the gates close again at once (the local stack is one process: its gate forgets at once).
            api.post("/dev/payments/" + checkout + "/cancel", null, Map.of(), "");
            assertEquals("PRO_REQUIRED", api.get("/activities/sum-of-evens/walkthrough", t).code());
            assertEquals("PRO_REQUIRED", api.get("/activities/meeting-rooms", t).code());
        }
    }
}
