package dev.pyquest.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pyquest.domain.Json;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** A small client of the local stack's HTTP API, as the web app would use it. */
final class Api {
    record Response(int status, JsonNode body, HttpResponse<String> raw) {
        String code() { return body == null ? null : body.path("code").asText(null); }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    Api(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    String token(String sub) {
        return post("/dev/token", null, Map.of(), "{\"sub\":\"" + sub + "\"}").body().path("token").asText();
    }

    Response get(String path, String token) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET(), token, Map.of());
    }

    Response get(String path, String token, Map<String, String> headers) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET(), token, headers);
    }

    Response post(String path, String token, Map<String, String> headers, String body) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).POST(HttpRequest.BodyPublishers.ofString(body)), token, headers);
    }

    Response put(String path, String token, String body) {
        return put(path, token, Map.of(), body);
    }

    Response put(String path, String token, Map<String, String> headers, String body) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).PUT(HttpRequest.BodyPublishers.ofString(body)), token, headers);
    }

    Response submit(String slug, String token, String key, String code) {
        String body = Json.MAPPER.createObjectNode().put("code", code).toString();
        return post("/activities/" + slug + "/submissions", token, key == null ? Map.of() : Map.of("Idempotency-Key", key), body);
    }

    /** Submits {@code code} and waits (60 s at most) for its verdict, which must have {@code status}; the verdict. */
    JsonNode judge(String slug, String token, String key, String code, String status) {
        Response sub = submit(slug, token, key, code);
        org.junit.jupiter.api.Assertions.assertEquals(202, sub.status(), String.valueOf(sub.body()));
        JsonNode verdict = awaitVerdict(sub.body().path("submissionId").asText(), token, false, Duration.ofSeconds(60));
        org.junit.jupiter.api.Assertions.assertEquals(status, verdict.path("status").asText(), verdict.toString());
        return verdict;
    }

    /** Polls until the submission has a final status (and, if asked, its rewards), or fails after the timeout. */
    JsonNode awaitVerdict(String submissionId, String token, boolean withRewards, Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < end) {
            // A long poll until the verdict is recorded; then plain reads until its rewards (which follow within ms).
            boolean judged = last != null && isFinal(last);
            long left = Math.max(0, (end - System.nanoTime()) / 1_000_000_000L);
            Response r = get("/submissions/" + submissionId + (judged ? "" : "?wait=" + Math.min(10, left)), token);
            if (r.status() != 200) throw new AssertionError("GET /submissions/" + submissionId + " -> " + r.status() + " " + r.body());
            last = r.body();
            if (isFinal(last) && (!withRewards || last.path("rewards").size() > 0)) return last;
            sleep(10);
        }
        throw new AssertionError("no verdict" + (withRewards ? " with rewards" : "") + " within " + timeout + ": " + last);
    }

    private Response send(HttpRequest.Builder b, String token, Map<String, String> headers) {
        if (token != null) b.header("Authorization", "Bearer " + token);
        headers.forEach(b::header);
        b.header("Content-Type", "application/json").timeout(Duration.ofSeconds(30));
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = r.body().isEmpty() ? null : Json.MAPPER.readTree(r.body());
            return new Response(r.statusCode(), body, r);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static boolean isFinal(JsonNode submission) {
        return dev.pyquest.shared.store.Submission.Status.valueOf(submission.path("status").asText()).isFinal();
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
