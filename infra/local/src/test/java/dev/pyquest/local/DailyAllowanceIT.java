package dev.pyquest.local;

import dev.pyquest.domain.payments.PriceBook;
import dev.pyquest.shared.store.DailyAllowanceExhausted;
import dev.pyquest.shared.store.InFlightLimitException;
import dev.pyquest.shared.store.Submission;
import dev.pyquest.shared.store.SubmissionRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The plans' daily allowance of judged submissions: counted in the slot's transaction (concurrent POSTs never pass it,
 * a retry of an accepted one is never counted again nor refused), per local day; over HTTP a free learner's next
 * submission is 429 DAILY_RUNS_EXHAUSTED with Retry-After at their local midnight, and Pro lifts it.
 */
class DailyAllowanceIT {
    @TempDir
    Path data;

    @Test
    void theAllowanceHoldsUnderRacesAndStartsAgainTheNextDay() throws Exception {
        try (Engines engines = new Engines(Clock.systemUTC())) {
            SubmissionRepository repo = engines.bean(SubmissionRepository.class);
            LocalDate day = LocalDate.parse("2026-12-08");
            SubmissionRepository.DailyAllowance cap3 = new SubmissionRepository.DailyAllowance(day, 3);
            repo.createOrGet(submission("s-1"), 100, cap3);
            AtomicInteger k = new AtomicInteger();
            List<String> outcomes = Race.run(8, () -> {
                try {
                    return repo.createOrGet(submission("s-r" + k.incrementAndGet()), 100, cap3).submissionId();
                } catch (DailyAllowanceExhausted e) {
                    return "429";
                }
            });
            assertEquals(2, outcomes.stream().filter(o -> !o.equals("429")).count(), "3 in all: " + outcomes);
            assertEquals(3, repo.runs("u-allow", day));
            // A retry of an accepted submission is that submission, neither counted nor refused.
            assertEquals("s-1", repo.createOrGet(submission("s-1"), 100, cap3).submissionId());
            assertEquals(3, repo.runs("u-allow", day));
            assertThrows(DailyAllowanceExhausted.class, () -> repo.createOrGet(submission("s-4"), 100, cap3));
            // The next local day starts again; the in-flight limit still applies on its own.
            repo.createOrGet(submission("s-5"), 100, new SubmissionRepository.DailyAllowance(day.plusDays(1), 3));
            assertEquals(1, repo.runs("u-allow", day.plusDays(1)));
            assertThrows(InFlightLimitException.class,
                    () -> repo.createOrGet(submission("s-6"), 1, new SubmissionRepository.DailyAllowance(day.plusDays(1), 3)));
        }
    }

    @Test
    void aFreeLearnersNextSubmissionIsRefusedUntilTheirMidnightAndProLiftsIt() throws Exception {
        int allowance = PriceBook.bundled().plan(false).dailySubmissions();
        try (LocalStack stack = LocalStack.start(LocalStack.Config.fromEnvironment().withoutFunctions(Stacks.ACHIEVEMENTS)
                .withDataDir(data).withPort(0))) {
            Api api = new Api(stack.port());
            String t = api.token("allow-ada");
            assertEquals(200, api.put("/me/timezone", t, Map.of("Idempotency-Key", "tz"), "{\"timezone\":\"Asia/Tokyo\"}").status());
            String wrong = "def sum_of_evens(nums):\n    return 0\n";
            for (int i = 0; i < allowance; i++) api.judge("sum-of-evens", t, "k-" + i, wrong, "FAILED");
            Api.Response over = api.submit("sum-of-evens", t, "k-over", wrong);
            assertEquals(429, over.status(), String.valueOf(over.body()));
            assertEquals("DAILY_RUNS_EXHAUSTED", over.code());
            long retryAfter = Long.parseLong(over.raw().headers().firstValue("retry-after").orElseThrow());
            ZonedDateTime tokyo = ZonedDateTime.now(ZoneId.of("Asia/Tokyo"));
            long toMidnight = java.time.Duration.between(tokyo, tokyo.toLocalDate().plusDays(1).atStartOfDay(tokyo.getZone())).toSeconds();
            assertTrue(Math.abs(retryAfter - toMidnight) <= 5, retryAfter + " s, Tokyo's midnight in " + toMidnight + " s");
            assertEquals(String.valueOf(allowance), over.raw().headers().firstValue("ratelimit-limit").orElseThrow());
            assertTrue(over.body().path("message").asText().contains("Run in the browser is not limited"), over.body().toString());
            // A retry of an accepted submission is still its 202.
            assertEquals(202, api.submit("sum-of-evens", t, "k-0", wrong).status());

            String checkout = api.post("/checkout", t, Map.of("Idempotency-Key", "pro"), "{\"product\":\"pro-monthly\"}").body()
                    .path("checkoutId").asText();
            api.post("/dev/payments/" + checkout + "/complete", null, Map.of(), "");
            api.judge("sum-of-evens", t, "k-pro", wrong, "FAILED");
        }
    }

    private static Submission submission(String id) {
        return new Submission(id, "u-allow", "ex-0001", "sum-of-evens", "code", "h-" + id, Submission.Status.QUEUED,
                null, null, null, Instant.now());
    }
}
