package dev.pyquest.local;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Renaming an activity's slug keeps the learners' progress attached (it is keyed by the stable id):
 * the old slug answers 308 with the new location, a submission to it is judged as the same exercise,
 * and its first-pass reward is not granted a second time.
 */
class SlugRenameIT {
    @TempDir
    Path data;
    @TempDir
    Path renamed;

    static void copy(Path from, Path to) {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(target);
                else Files.copy(p, target);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Moves exercises/{from} to exercises/{to}, sets the slug and lists {@code formerSlugs}. */
    static void rename(Path content, String from, String to, String formerSlugs) throws IOException {
        Path dir = content.resolve("exercises").resolve(to);
        Files.move(content.resolve("exercises").resolve(from), dir);
        Path yaml = dir.resolve("exercise.yaml");
        String text = Files.readString(yaml).replace("slug: " + from + "\n", "slug: " + to + "\n")
                .replaceAll("(?m)^formerSlugs: .*\n", "");
        Files.writeString(yaml, text + "formerSlugs: " + formerSlugs + "\n");
    }

    /** sum-of-evens passed by the learner's first submission. */
    private static final long FIRST_TRY_XP = new dev.pyquest.domain.rewards.RewardRules(dev.pyquest.domain.rewards.Economy.bundled()).firstPass("u", "ex", "sum-of-evens",
            dev.pyquest.domain.content.Difficulty.EASY, true, "e", null).amount(dev.pyquest.domain.rewards.RewardKind.XP);

    @Test
    void progressAndRewardsFollowTheActivityThroughRenames() throws IOException {
        try (LocalStack stack = LocalStack.start(LocalStack.Config.fromEnvironment().withoutFunctions(Stacks.ACHIEVEMENTS).withDataDir(data).withPort(0))) {
            Api api = new Api(stack.port());
            String t = api.token("learner-" + UUID.randomUUID());
            Api.Response r = api.submit("sum-of-evens", t, "k1", CoreLoopIT.SUM_OF_EVENS);
            JsonNode v = api.awaitVerdict(r.body().path("submissionId").asText(), t, true, Duration.ofSeconds(60));
            assertEquals("PASSED", v.path("status").asText(), v.toString());
            assertEquals(FIRST_TRY_XP, api.get("/me", t).body().path("xp").asLong());

            copy(LocalStack.findRoot().resolve("content"), renamed);
            rename(renamed, "sum-of-evens", "add-up-evens", "[sum-of-evens]");
            assertEquals(1, stack.loadContent(renamed), "only the renamed exercise changes");
            assertEquals(0, stack.loadContent(renamed), "re-running the loader changes nothing");

            Api.Response old = api.get("/activities/sum-of-evens", t);
            assertEquals(308, old.status(), String.valueOf(old.body()));
            assertEquals("/activities/add-up-evens", old.raw().headers().firstValue("location").orElse(""));
            assertEquals("MOVED", old.code());
            JsonNode now = api.get("/activities/add-up-evens", t).body();
            assertEquals("Sum of evens", now.path("title").asText());
            List<String> slugs = api.get("/activities", t).body().findValuesAsText("slug");
            assertTrue(slugs.contains("add-up-evens") && !slugs.contains("sum-of-evens"), slugs.toString());

            // A client still using the old slug submits to the same exercise; the pass earns nothing new.
            Api.Response again = api.submit("sum-of-evens", t, "k2", CoreLoopIT.SUM_OF_EVENS + "# again\n");
            assertEquals(202, again.status(), String.valueOf(again.body()));
            JsonNode v2 = api.awaitVerdict(again.body().path("submissionId").asText(), t, false, Duration.ofSeconds(60));
            assertEquals("PASSED", v2.path("status").asText());
            assertEquals("add-up-evens", v2.path("activity").asText());
            Api.sleep(500);
            assertEquals(0, api.get("/submissions/" + again.body().path("submissionId").asText(), t).body().path("rewards").size());
            assertEquals(FIRST_TRY_XP, api.get("/me", t).body().path("xp").asLong());
            assertEquals(2, api.get("/me/transactions", t).body().size());

            // A second rename that forgets to list the intermediate slug: the catalog remembers it anyway.
            rename(renamed, "add-up-evens", "even-sum", "[sum-of-evens]");
            assertEquals(1, stack.loadContent(renamed));
            assertEquals("/activities/even-sum", api.get("/activities/add-up-evens", t).raw().headers().firstValue("location").orElse(""));
            assertEquals("/activities/even-sum", api.get("/activities/sum-of-evens", t).raw().headers().firstValue("location").orElse(""));
            assertEquals(200, api.get("/activities/even-sum", t).status());
            assertFalse(api.get("/activities", t).body().findValuesAsText("kind").contains("redirect"));
        }
    }
}
