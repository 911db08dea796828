package dev.pyquest.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pyquest.domain.referrals.ReferralRules;
import dev.pyquest.domain.rewards.Economy;
import dev.pyquest.local.economy.InvariantCheck;
import dev.pyquest.shared.config.Tables;
import dev.pyquest.shared.payments.ReferralsRepository;
import dev.pyquest.shared.payments.ReferralsService;
import dev.pyquest.shared.store.Attr;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Referrals end to end over HTTP on the local stack: a learner's code (the same on every call) and counts; a new
 * learner redeems it and nothing is paid, not on redemption nor on a failed submission; their first pass pays both
 * learners once (wallets and ledgers), and a later pass or a redelivered event pays nothing more; every refusal reason
 * is reached through {@code POST /referrals/redeem} and recorded; a referrer at the 30-day limit is refused at
 * redemption, and a referral pending when the referrer reaches it is refused at the pass; the ledger equals the
 * wallets after all of it.
 *
 * <p>The address rule: the local gateway gives every request the source address 127.0.0.1, so two local learners
 * always share an address. {@code same-address} is therefore reached honestly through HTTP (the referrer's
 * {@code GET /me/referral} records 127.0.0.1, the redeemer comes from 127.0.0.1); for every other case the referrer's
 * recorded address is then set to a documentation address (203.0.113.x) through {@link ReferralsRepository#seen},
 * which stands for a referrer who last called from elsewhere. The 30-day limit is seeded the same way
 * ({@link ReferralsRepository#setRewardTimes}), and an old account by its learner record's creation time.
 */
class ReferralsApiIT {
    private static final Path ROOT = LocalStack.findRoot();

    @TempDir
    Path data;

    @Test
    void aReferralPaysBothLearnersOnceAfterTheFirstPassAndEveryRefusalIsRecorded() throws Exception {
        try (LocalStack stack = LocalStack.start(LocalStack.Config.fromEnvironment().withoutFunctions(Stacks.ACHIEVEMENTS)
                .withDataDir(data).withPort(0))) {
            Api api = new Api(stack.port());
            ReferralsRepository repo = stack.bean(ReferralsRepository.class);
            Economy.Referral pay = Economy.bundled().referral();
            String ada = api.token("ref-ada"), bob = api.token("ref-bob"), old = api.token("ref-old");

            // Ada's code: made on the first call, the same one after; her address and device recorded.
            JsonNode mine = api.get("/me/referral", ada, Map.of("X-Device-Id", "device-ada")).body();
            String code = mine.path("code").asText();
            assertTrue(ReferralRules.normalCode(code).filter(code::equals).isPresent(), mine.toString());
            assertEquals(code, api.get("/me/referral", ada).body().path("code").asText(), "the same code comes back");
            assertCounts(api, ada, () -> {}, 0, 0, 0);

            // Same address, through HTTP: both come from the local gateway's 127.0.0.1.
            assertRejected(redeem(api, bob, "k-addr", code, null), 409, "same-address");
            // From here on Ada last called from elsewhere (see the class comment); each of her GET /me/referral below
            // records 127.0.0.1 again, so the counts are read through counts(), which puts her address back.
            repo.seen("ref-ada", "203.0.113.7", null, Instant.now());

            assertRejected(redeem(api, ada, "k-self", code, null), 409, "self-referral");
            assertRejected(redeem(api, bob, "k-dev", code, "device-ada"), 409, "same-device");
            assertRejected(redeem(api, bob, "k-bad", "ABC", null), 422, "malformed-code");
            assertRejected(redeem(api, bob, "k-unknown", "ZZZZZZZZ", null), 422, "unknown-code");
            // An account first seen 10 days ago is not new.
            stack.bean(DynamoDbClient.class).updateItem(b -> b.tableName(stack.bean(Tables.class).learners())
                    .key(Map.of("userId", Attr.s("ref-old"))).updateExpression("SET createdAt = :t")
                    .expressionAttributeValues(Map.of(":t", Attr.s(Instant.now().minus(Duration.ofDays(10)).toString()))));
            assertRejected(redeem(api, old, "k-old", code, null), 409, "old-account");
            assertCounts(api, ada, () -> repo.seen("ref-ada", "203.0.113.7", null, Instant.now()), 0, 0, 0);

            // Bob redeems: pending, nothing paid; the same key answers the same; another code or key: already redeemed.
            Api.Response ok = redeem(api, bob, "k-bob", code.toLowerCase(), "device-bob");
            assertEquals(200, ok.status(), String.valueOf(ok.body()));
            assertEquals("pending", ok.body().path("status").asText());
            assertEquals("pending", redeem(api, bob, "k-bob", code.toLowerCase(), "device-bob").body().path("status").asText());
            assertRejected(redeem(api, bob, "k-bob-2", code, "device-bob"), 409, "already-redeemed");
            assertCounts(api, ada, () -> repo.seen("ref-ada", "203.0.113.7", null, Instant.now()), 1, 0, 1);
            assertEquals(0, diamonds(api, ada));
            assertEquals(0, diamonds(api, bob));

            // A failed submission pays nothing.
            api.judge("sum-of-evens", bob, "bob-wrong", "def sum_of_evens(nums):\n    return 0\n", "FAILED");
            Api.sleep(500);
            assertEquals(0, diamonds(api, ada));
            assertEquals(0, referralLines(api, bob).size());

            // The first pass pays both, once.
            Api.Response sub = api.submit("sum-of-evens", bob, "bob-right", solution("sum-of-evens"));
            assertEquals(202, sub.status(), String.valueOf(sub.body()));
            JsonNode passed = api.awaitVerdict(sub.body().path("submissionId").asText(), bob, true, Duration.ofSeconds(60));
            assertEquals("PASSED", passed.path("status").asText(), passed.toString());
            JsonNode rewards = passed.path("rewards");
            long exerciseDiamonds = 0;
            for (JsonNode r : rewards) if (r.path("kind").asText().equals("DIAMONDS")) exerciseDiamonds += r.path("amount").asLong();
            await(() -> diamonds(api, ada) == pay.referrerDiamonds(), "Ada is paid");
            assertEquals(exerciseDiamonds + pay.refereeDiamonds(), diamonds(api, bob));
            assertEquals(pay.referrerXp(), api.get("/me", ada).body().path("xp").asLong());
            assertEquals(List.of(pay.refereeDiamonds(), pay.refereeXp()), amounts(referralLines(api, bob)));
            assertEquals(List.of(pay.referrerDiamonds(), pay.referrerXp()), amounts(referralLines(api, ada)));
            assertCounts(api, ada, () -> repo.seen("ref-ada", "203.0.113.7", null, Instant.now()), 1, 1, 0);

            // A second pass and a redelivered event pay nothing more.
            api.judge("sum-of-evens", bob, "bob-again", solution("sum-of-evens"), "PASSED");
            assertEquals(ReferralsService.Outcome.ALREADY_SETTLED, stack.bean(ReferralsService.class).passed("ref-bob", "redelivered"));
            Api.sleep(500);
            assertEquals(pay.referrerDiamonds(), diamonds(api, ada));
            assertEquals(2, referralLines(api, ada).size());
            assertEquals(2, referralLines(api, bob).size());
            assertCounts(api, ada, () -> repo.seen("ref-ada", "203.0.113.7", null, Instant.now()), 1, 1, 0);

            // The limit at redemption: Carol has 10 rewarded referrals in the last 30 days.
            String carol = api.token("ref-carol"), dave = api.token("ref-dave");
            String carolCode = api.get("/me/referral", carol).body().path("code").asText();
            repo.seen("ref-carol", "203.0.113.8", null, Instant.now());
            repo.setRewardTimes("ref-carol", days(10, 1));
            assertRejected(redeem(api, dave, "k-dave", carolCode, null), 409, "referrer-limit");
            // Rewards older than 30 days do not count: with 9 recent ones, Dave is accepted.
            List<Instant> nine = new ArrayList<>(days(9, 1));
            nine.add(Instant.now().minus(Duration.ofDays(31)));
            repo.setRewardTimes("ref-carol", nine);
            assertEquals(200, redeem(api, dave, "k-dave-2", carolCode, null).status());

            // The limit at the pass: Erin's referral of Frank is pending when Erin reaches 10; Frank's pass pays no one.
            String erin = api.token("ref-erin"), frank = api.token("ref-frank");
            String erinCode = api.get("/me/referral", erin).body().path("code").asText();
            repo.seen("ref-erin", "203.0.113.9", null, Instant.now());
            assertEquals(200, redeem(api, frank, "k-frank", erinCode, null).status());
            repo.setRewardTimes("ref-erin", days(10, 1));
            api.judge("sum-of-evens", frank, "frank-right", solution("sum-of-evens"), "PASSED");
            await(() -> repo.referee("ref-frank").orElseThrow().status() == ReferralsRepository.Status.REFUSED, "Frank's referral refused");
            assertEquals(0, diamonds(api, erin));
            assertEquals(0, referralLines(api, frank).size());
            assertCounts(api, erin, () -> {}, 1, 0, 0);

            // Every refusal is recorded for analysts.
            Map<String, Set<String>> reasons = refusals(stack);
            assertEquals(Set.of("same-address", "same-device", "malformed-code", "unknown-code", "already-redeemed"), reasons.get("ref-bob"));
            assertEquals(Set.of("self-referral"), reasons.get("ref-ada"));
            assertEquals(Set.of("old-account"), reasons.get("ref-old"));
            assertEquals(Set.of("referrer-limit"), reasons.get("ref-dave"));
            assertEquals(Set.of("referrer-limit"), reasons.get("ref-frank"));

            InvariantCheck.Report report = InvariantCheck.run(stack.bean(DynamoDbClient.class), stack.bean(Tables.class));
            assertTrue(report.clean(), report.summary() + ": " + report.violations());
        }
    }

    private static Api.Response redeem(Api api, String token, String key, String code, String device) {
        Map<String, String> headers = new HashMap<>(Map.of("Idempotency-Key", key));
        if (device != null) headers.put("X-Device-Id", device);
        return api.post("/referrals/redeem", token, headers, "{\"code\":\"" + code + "\"}");
    }

    private static void assertRejected(Api.Response r, int status, String reason) {
        assertEquals(status, r.status(), String.valueOf(r.body()));
        assertEquals("REFERRAL_REJECTED", r.code(), String.valueOf(r.body()));
        assertEquals(reason, r.body().path("reason").asText(), String.valueOf(r.body()));
    }

    /** Asserts the referrer's counts, then {@code restore}s the address their GET /me/referral recorded over. */
    private static void assertCounts(Api api, String token, Runnable restore, long invited, long rewarded, long pending) {
        JsonNode r = api.get("/me/referral", token).body();
        restore.run();
        assertEquals(List.of(invited, rewarded, pending),
                List.of(r.path("invited").asLong(), r.path("rewarded").asLong(), r.path("pending").asLong()), r.toString());
    }

    private static long diamonds(Api api, String token) {
        return api.get("/me", token).body().path("diamonds").asLong();
    }

    private static List<JsonNode> referralLines(Api api, String token) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode l : api.get("/me/transactions", token).body()) {
            if (l.path("id").asText().startsWith("REFERRAL#")) out.add(l);
        }
        out.sort(java.util.Comparator.comparing(l -> l.path("id").asText()));
        return out;
    }

    /** Amounts of the DIAMONDS then XP lines. */
    private static List<Long> amounts(List<JsonNode> lines) {
        return lines.stream().map(l -> l.path("amount").asLong()).toList();
    }

    private static List<Instant> days(int n, int fromDaysAgo) {
        List<Instant> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.add(Instant.now().minus(Duration.ofDays(fromDaysAgo + i)).minusSeconds(60));
        return out;
    }

    private static String solution(String slug) throws Exception {
        return Files.readString(ROOT.resolve("content/exercises/" + slug + "/solution.py"));
    }

    private static void await(java.util.function.BooleanSupplier done, String what) {
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!done.getAsBoolean() && System.nanoTime() < end) Api.sleep(50);
        assertTrue(done.getAsBoolean(), what + " within 20 s");
    }

    private static Map<String, Set<String>> refusals(LocalStack stack) {
        Map<String, Set<String>> out = new HashMap<>();
        for (Map<String, AttributeValue> i : stack.bean(DynamoDbClient.class).scanPaginator(b -> b.tableName(stack.bean(Tables.class).payments())
                .filterExpression("begins_with(pk, :p)").expressionAttributeValues(Map.of(":p", Attr.s("refusal#")))).items()) {
            out.computeIfAbsent(Attr.str(i, "userId"), k -> new HashSet<>()).add(Attr.str(i, "reason"));
        }
        return out;
    }
}
