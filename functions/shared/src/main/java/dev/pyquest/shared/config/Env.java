package dev.pyquest.shared.config;

import java.util.Map;
import java.util.Optional;

/**
 * The one way configuration is read: environment variables named in {@code template.yaml}. In Lambda
 * they are the process environment; the local stack passes each function the variables the
 * template gives it.
 */
public record Env(Map<String, String> vars) {
    public static final String SUBMISSIONS_TABLE = "SUBMISSIONS_TABLE";
    public static final String LEARNERS_TABLE = "LEARNERS_TABLE";
    public static final String LEDGER_TABLE = "LEDGER_TABLE";
    public static final String OUTBOX_TABLE = "OUTBOX_TABLE";
    public static final String CATALOG_TABLE = "CATALOG_TABLE";
    public static final String JUDGE_TABLE = "JUDGE_TABLE";
    public static final String PROGRESS_TABLE = "PROGRESS_TABLE";
    public static final String IDEMPOTENCY_TABLE = "IDEMPOTENCY_TABLE";
    public static final String ECONOMY_TABLE = "ECONOMY_TABLE";
    public static final String MASTERY_TABLE = "MASTERY_TABLE";
    /** Checkouts, the payment provider's event ids (each takes effect once), payment pointers. */
    public static final String PAYMENTS_TABLE = "PAYMENTS_TABLE";
    /** The payment provider's webhook signing secret (Stripe's endpoint secret; a dynamic reference in the template). */
    public static final String PAYMENTS_WEBHOOK_SECRET = "PAYMENTS_WEBHOOK_SECRET";
    /** The Stripe API key the checkout adapter creates sessions with (a dynamic reference in the template). */
    public static final String STRIPE_API_KEY = "STRIPE_API_KEY";
    /** Where learners land after paying or cancelling a checkout (the learner app's origin). */
    public static final String APP_URL = "APP_URL";
    /** The secret the edge (CloudFront) adds as {@code x-pyquest-edge}: only then is its viewer-country header trusted. */
    public static final String EDGE_SECRET = "EDGE_SECRET";
    public static final String STATE_MACHINE_ARN = "STATE_MACHINE_ARN";
    public static final String EVENT_BUS_NAME = "EVENT_BUS_NAME";
    public static final String JOBS_BUCKET = "JOBS_BUCKET";
    public static final String LEADERBOARD_TABLE = "LEADERBOARD_TABLE";
    /** Write shards per weekly board (default 16); change it only between weeks. */
    public static final String LEADERBOARD_SHARDS = "LEADERBOARD_SHARDS";
    /** Submissions a learner may have QUEUED or RUNNING at once (SubmissionsFunction; default 2). */
    public static final String MAX_IN_FLIGHT_SUBMISSIONS = "MAX_IN_FLIGHT_SUBMISSIONS";
    public static final String AWS_ENDPOINT_URL = "AWS_ENDPOINT_URL";
    public static final String AWS_REGION = "AWS_REGION";

    public Env {
        vars = Map.copyOf(vars);
    }

    public static Env system() {
        return new Env(System.getenv());
    }

    public String required(String name) {
        String v = vars.get(name);
        if (v == null || v.isBlank()) {
            throw new IllegalStateException("environment variable " + name + " is not set (template.yaml declares it)");
        }
        return v;
    }

    public Optional<String> optional(String name) {
        return Optional.ofNullable(vars.get(name)).filter(v -> !v.isBlank());
    }
}
