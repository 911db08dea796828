package dev.pyquest.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pyquest.domain.Hashing;
import dev.pyquest.domain.Json;
import dev.pyquest.shared.Container;
import dev.pyquest.shared.mastery.ActivityGates;
import dev.pyquest.shared.mastery.NextSteps;
import dev.pyquest.shared.config.Env;
import dev.pyquest.api.http.ApiError;
import dev.pyquest.api.http.ApiFunction;
import dev.pyquest.shared.ports.SubmissionWatch;
import dev.pyquest.shared.ports.WorkflowStarter;
import dev.pyquest.shared.store.CatalogRepository;
import dev.pyquest.shared.store.InFlightLimitException;
import dev.pyquest.shared.store.DailyAllowanceExhausted;
import dev.pyquest.shared.store.LearnerRepository;
import dev.pyquest.domain.payments.PriceBook;
import dev.pyquest.domain.streak.LearnerClock;
import dev.pyquest.shared.store.Submission;
import dev.pyquest.shared.store.SubmissionRepository;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;

/**
 * {@code POST /activities/{slug}/submissions} and {@code GET /submissions/{id}} (a final one carries {@code "next"}, the
 * learner's next step, as {@code GET /me/next} shows it).
 */
@Singleton
public class SubmissionsFunction extends ApiFunction {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SubmissionsFunction.class);
    /**
     * Where a long poll's next-step reads run: at most 8 platform daemon threads, idle ones gone after 30 s. Not virtual
     * threads: DynamoDB Local's SQLite blocks in JNI and pins their carriers (NoVirtualThreadsTest). Past 8 reads at
     * once a poll reads after its verdict instead (a rejected prefetch is none).
     */
    private static final java.util.concurrent.ExecutorService PREFETCH = new java.util.concurrent.ThreadPoolExecutor(0, 8, 30,
            java.util.concurrent.TimeUnit.SECONDS, new java.util.concurrent.SynchronousQueue<>(), r -> {
                Thread t = new Thread(r, "next-step-prefetch");
                t.setDaemon(true);
                return t;
            });
    public static final int MAX_CODE_BYTES = 64 * 1024;
    /** JSON escaping can double the code's size; anything larger cannot hold 64 KiB of code. */
    private static final int MAX_BODY_BYTES = 2 * MAX_CODE_BYTES + 1024;

    /**
     * Submissions a learner may have QUEUED or RUNNING at once, by default: one being judged and
     * one waiting. The judge runs a learner's submissions one at a time (their boxes must never
     * share the kernel with each other), so a third would only wait behind the learner's own
     * two and hold work a flood should not be able to pile up; two still let a learner submit a
     * fix while the previous attempt is judged.
     */
    public static final int DEFAULT_MAX_IN_FLIGHT = 2;
    /**
     * What a refused learner is told to wait, in seconds: a slot comes back when one of their
     * verdicts is recorded, typically well under a second (a runaway program: its time limit).
     */
    static final int RETRY_AFTER_SECONDS = 1;

    private final int maxInFlight;
    /**
     * Learners refused with 429 by this container, and until when (System.nanoTime) the Retry-After we
     * sent them runs. A client that retries sooner, as a flooding one does, is refused again from here
     * without the catalog read, the failed transaction and the slot read that a refusal costs (they took
     * the CPU a running box needed: another learner's verdict slowed 2.8x under a flood of 140 POSTs/s).
     * Only a hint: the slot transaction stays the authority, an unknown learner or one whose time is up
     * goes the whole way, and a retry of a submission already accepted still gets its 202.
     */
    private final java.util.concurrent.ConcurrentHashMap<String, Long> refusedUntil = new java.util.concurrent.ConcurrentHashMap<>();
    private static final int REFUSED_REMEMBERED = 10_000;

    private final CatalogRepository catalog;
    private final SubmissionRepository submissions;
    private final WorkflowStarter workflow;
    private final NextSteps next;
    private final ActivityGates gates;
    private final Clock clock;
    private final SubmissionWatch watch;
    private final LearnerRepository learners;
    private final PriceBook prices;

    /** Lambda's entry (init phase): the collaborators from the container's context. */
    public SubmissionsFunction() {
        this(Container.bean(CatalogRepository.class), Container.bean(SubmissionRepository.class),
                Container.bean(WorkflowStarter.class), Container.bean(NextSteps.class), Container.bean(ActivityGates.class),
                Container.bean(Clock.class), Container.bean(Env.class), Container.bean(SubmissionWatch.class),
                Container.bean(LearnerRepository.class), Container.bean(PriceBook.class));
    }

    /** {@code env}: read once, for {@code MAX_IN_FLIGHT_SUBMISSIONS}; {@code prices}: the plans' daily allowances. */
    @Inject
    public SubmissionsFunction(CatalogRepository catalog, SubmissionRepository submissions, WorkflowStarter workflow,
                               NextSteps next, ActivityGates gates, Clock clock, Env env, SubmissionWatch watch,
                               LearnerRepository learners, PriceBook prices) {
        this.learners = learners;
        this.prices = prices;
        this.catalog = catalog;
        this.submissions = submissions;
        this.workflow = workflow;
        this.next = next;
        this.gates = gates;
        this.clock = clock;
        this.watch = watch;
        this.maxInFlight = maxInFlight(env);
    }

    private static int maxInFlight(Env env) {
        String v = env.optional(Env.MAX_IN_FLIGHT_SUBMISSIONS).orElse(Integer.toString(DEFAULT_MAX_IN_FLIGHT));
        try {
            int n = Integer.parseInt(v.trim());
            if (n >= 1) return n;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalStateException(Env.MAX_IN_FLIGHT_SUBMISSIONS + " must be a whole number >= 1, not " + v);
    }

    @Override
    protected APIGatewayV2HTTPResponse route(String routeKey, APIGatewayV2HTTPEvent e) {
        return switch (routeKey) {
            case "POST /activities/{slug}/submissions" -> submit(e);
            case "GET /submissions/{id}" -> read(e);
            default -> throw ApiError.notFound("no route " + routeKey);
        };
    }

    private APIGatewayV2HTTPResponse submit(APIGatewayV2HTTPEvent e) {
        String userId = learner(e);
        String key = idempotencyKey(e);
        byte[] body = bodyBytes(e);
        if (body.length > MAX_BODY_BYTES) throw tooLarge();
        JsonNode json = jsonBody(body);
        JsonNode codeNode = json.get("code");
        if (codeNode == null || !codeNode.isTextual()) throw ApiError.validation("body.code must be a string of Python code");
        String code = codeNode.textValue();
        if (utf8Length(code) > MAX_CODE_BYTES) throw tooLarge();
        if (code.isBlank()) throw ApiError.validation("body.code is empty");
        if (code.indexOf('\0') >= 0) throw ApiError.validation("body.code must not contain NUL characters");

        // The id is a function of (learner, key): the conditional put below is the idempotency record.
        String submissionId = "s-" + Hashing.sha256Hex(userId + "\0" + key).substring(0, 32);
        Long until = refusedUntil.get(userId);
        if (until != null && until - System.nanoTime() > 0 && submissions.get(submissionId).isEmpty()) {
            throw rateLimited(maxInFlight, until - System.nanoTime());
        }

        String slug = pathParam(e, "slug");
        CatalogRepository.Activity activity = catalog.bySlug(slug)
                .orElseThrow(() -> ApiError.notFound("no activity '" + slug + "'"));
        if (!"exercise".equals(activity.kind())) throw ApiError.validation("'" + slug + "' is not a coding exercise");
        requireOpen(gates, userId, activity);

        String requestHash = Hashing.sha256Hex(activity.activityId() + "\0" + code);
        // The plan's daily allowance, per the learner's local day (Pro: an abuse cap); the one Pro gate decides the plan.
        // One read of the learner's item: their zone, and their entitlement for the gate.
        dev.pyquest.shared.store.Learner learner = learners.get(userId);
        String zone = learner.timezone();
        SubmissionRepository.DailyAllowance allowance = new SubmissionRepository.DailyAllowance(
                LearnerClock.today(clock, zone), prices.plan(gates.pro(learner)).dailySubmissions());
        Submission stored;
        try {
            stored = submissions.createOrGet(new Submission(submissionId, userId, activity.activityId(),
                    activity.slug(), code, requestHash, Submission.Status.QUEUED, null, null, null, clock.instant()), maxInFlight, allowance);
        } catch (DailyAllowanceExhausted used) {
            throw dailyRunsExhausted(used.allowance(), zone);
        } catch (InFlightLimitException full) {
            long wait = java.util.concurrent.TimeUnit.SECONDS.toNanos(RETRY_AFTER_SECONDS);
            if (refusedUntil.size() >= REFUSED_REMEMBERED) refusedUntil.values().removeIf(t -> t - System.nanoTime() <= 0);
            if (refusedUntil.size() < REFUSED_REMEMBERED) refusedUntil.put(userId, System.nanoTime() + wait);
            throw rateLimited(full.limit(), wait);
        }
        if (!stored.requestHash().equals(requestHash)) {
            throw new ApiError(422, "IDEMPOTENCY_KEY_REUSED", "this Idempotency-Key was used with another request");
        }
        if (!stored.status().isFinal()) {
            // Also on a replay: if the first attempt died between the put and the start, this starts it;
            // otherwise the workflow service recognises the name and nothing happens.
            try {
                // The learner travels in the input too: the local stack's queue of executions takes turns by learner.
                workflow.start(submissionId, Json.MAPPER.createObjectNode().put("submissionId", submissionId).put("userId", userId).toString());
            } catch (RuntimeException ex) {
                throw new ApiError(503, "UNAVAILABLE", "the submission is saved but judging could not start; retry with the same Idempotency-Key",
                        Map.of("retry-after", "1"));
            }
        }
        return json(202, Map.of("submissionId", submissionId, "status", "QUEUED"));
    }

    /**
     * The code's size in UTF-8, checking it as text in the same pass: JSON may escape a lone surrogate
     * (backslash, u, d800), and such code is no text the sandbox can be given (its job could not be
     * written), so it is refused rather than judged.
     */
    private static int utf8Length(String code) {
        try {
            return StandardCharsets.UTF_8.newEncoder().encode(java.nio.CharBuffer.wrap(code)).remaining();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw ApiError.validation("body.code must be valid Unicode text (it holds a lone surrogate escape such as \\ud800)");
        }
    }

    private static ApiError rateLimited(int limit, long waitNanos) {
        String wait = Long.toString(Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L));
        return new ApiError(429, "RATE_LIMITED", "you have " + limit + " submissions waiting for a verdict; submit again once one is judged",
                Map.of("retry-after", wait, "ratelimit-limit", Integer.toString(limit), "ratelimit-remaining", "0",
                        "ratelimit-reset", wait));
    }

    /** 429 DAILY_RUNS_EXHAUSTED, Retry-After at the learner's next local midnight (when the allowance starts again). */
    private ApiError dailyRunsExhausted(int allowance, String zone) {
        java.time.ZonedDateTime now = clock.instant().atZone(LearnerClock.zoneOrDefault(zone));
        long wait = Math.max(1, java.time.Duration.between(now, now.toLocalDate().plusDays(1).atStartOfDay(now.getZone())).toSeconds());
        String w = Long.toString(wait);
        return new ApiError(429, "DAILY_RUNS_EXHAUSTED", "you have had your " + allowance + " judged submissions for today ("
                + now.toLocalDate() + " in " + now.getZone() + "); Run in the browser is not limited, and Pro raises the allowance",
                Map.of("retry-after", w, "ratelimit-limit", Integer.toString(allowance), "ratelimit-remaining", "0", "ratelimit-reset", w));
    }

    private static ApiError tooLarge() {
        return new ApiError(413, "PAYLOAD_TOO_LARGE", "code must be at most " + MAX_CODE_BYTES + " bytes");
    }

    /** The longest {@code ?wait=} a GET may ask for: well inside API Gateway's 30 s and the function's timeout. */
    public static final int MAX_WAIT_SECONDS = 20;

    /**
     * The submission. With {@code ?wait=N} (0-20 s) the answer comes as soon as the submission is
     * final (PASSED, FAILED, ERROR), or after N seconds with its state then: one request instead of a
     * client polling. The function re-reads the item every 10 ms for the first second, then backs off
     * by 1.5x up to 500 ms (at most ~150 reads over 20 s); a {@link SubmissionWatch} that wakes (the
     * local stack's, when an execution ends) replaces that timer.
     */
    private APIGatewayV2HTTPResponse read(APIGatewayV2HTTPEvent e) {
        String userId = learner(e);
        String id = pathParam(e, "id");
        int waitSeconds = waitSeconds(e);
        long mark = watch.mark();
        Submission s = submissions.get(id).filter(x -> x.userId().equals(userId))
                .orElseThrow(() -> ApiError.notFound("no submission '" + id + "'"));
        // A long poll reads what the next step needs while the judge runs: the verdict then answers without those reads
        // (the mastery consumer counts the verdict after it is recorded, so the state is the same either way).
        java.util.concurrent.CompletableFuture<NextSteps.Inputs> prefetch = null;
        if (!s.status().isFinal() && waitSeconds > 0) {
            try {
                prefetch = java.util.concurrent.CompletableFuture.supplyAsync(() -> next.read(userId), PREFETCH);
            } catch (java.util.concurrent.RejectedExecutionException busy) {
                // eight polls are prefetching already: this one reads after its verdict
            }
        }
        long deadline = System.nanoTime() + waitSeconds * 1_000_000_000L;
        long start = System.nanoTime();
        long pause = 10;
        while (!s.status().isFinal() && System.nanoTime() < deadline) {
            long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
            try {
                // A watch that wakes needs no timer; its poll still re-reads once a second, should a wake-up ever go astray.
                watch.await(id, mark, Math.min(left, watch.wakes() ? 1000 : pause));
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                break;
            }
            if (System.nanoTime() - start > 1_000_000_000L) pause = Math.min(500, pause * 3 / 2);
            mark = watch.mark();
            s = submissions.get(id).orElse(s);
        }
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("submissionId", s.submissionId());
        out.put("activity", s.activitySlug());
        out.put("status", s.status().name());
        try {
            out.set("verdict", s.verdictJson() == null ? null : Json.MAPPER.readTree(s.verdictJson()));
            out.set("rewards", Json.MAPPER.readTree(s.rewardsJson()));
        } catch (java.io.IOException ex) {
            throw new IllegalStateException("stored submission " + id + " is unreadable", ex);
        }
        if (s.error() != null) out.put("message", s.error());
        if (s.status().isFinal()) out.set("next", nextStep(userId, s, prefetch));
        return json(200, out);
    }

    private static int waitSeconds(APIGatewayV2HTTPEvent e) {
        String w = e.getQueryStringParameters() == null ? null : e.getQueryStringParameters().get("wait");
        if (w == null) return 0;
        if (!w.matches("[0-9]{1,2}") || Integer.parseInt(w) > MAX_WAIT_SECONDS) {
            throw ApiError.validation("wait must be a whole number of seconds from 0 to " + MAX_WAIT_SECONDS + ", got '" + w + "'");
        }
        return Integer.parseInt(w);
    }

    /**
     * What to do next, right after the verdict: the exercise just passed counts as done even before the mastery
     * consumer has counted it; the skills are as last counted. A suggestion that cannot be read (the mastery table
     * throttled, say) is {@code null} with a log line: it must never cost the learner their verdict.
     */
    private com.fasterxml.jackson.databind.JsonNode nextStep(String userId, Submission s,
                                                             java.util.concurrent.CompletableFuture<NextSteps.Inputs> prefetched) {
        try {
            NextSteps.Inputs in = prefetched != null ? prefetched.join() : next.read(userId);
            return next.of(in, s.status() == Submission.Status.PASSED ? s.activityId() : null)
                    .<com.fasterxml.jackson.databind.JsonNode>map(NextStepJson::of).orElse(com.fasterxml.jackson.databind.node.NullNode.getInstance());
        } catch (RuntimeException e) {
            LOG.warn("next step of {} after submission {} not read; the verdict goes without it", userId, s.submissionId(), e);
            return com.fasterxml.jackson.databind.node.NullNode.getInstance();
        }
    }
}
