package dev.pyquest.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pyquest.domain.Json;
import dev.pyquest.shared.ports.EventPublisher;
import dev.pyquest.shared.store.OutboxEvent;
import software.amazon.event.ruler.Machine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The event bus of the template: its EventBridge rules matched by AWS Event Ruler (the engine
 * behind EventBridge). Delivery is synchronous, with the rule's retries, and ends in the rule's
 * dead-letter file when they are spent: {@link #publish} returns only once every matched target
 * has the event or its DLQ does, so the relay's checkpoint never runs ahead of delivery.
 * Like EventBridge, each put gets a fresh {@code id}; consumers dedupe on {@code detail.eventId}.
 */
public final class LocalBus implements EventPublisher {
    public record Rule(String name, String pattern, String target, int maxRetries, String deadLetterQueue) {}

    private final Machine machine = new Machine();
    private final Map<String, Rule> rules = new ConcurrentHashMap<>();
    private final Function<String, Function<Map<String, Object>, Object>> targets;
    private final Path dlqDir;
    private final long retryBaseMillis;

    public LocalBus(List<Rule> rules, Function<String, Function<Map<String, Object>, Object>> targets, Path dlqDir,
                    long retryBaseMillis) {
        this.targets = targets;
        this.dlqDir = dlqDir;
        this.retryBaseMillis = retryBaseMillis;
        for (Rule r : rules) {
            try {
                machine.addRule(r.name(), r.pattern());
            } catch (IOException e) {
                throw new IllegalArgumentException("rule " + r.name() + " has an invalid pattern: " + e.getMessage(), e);
            }
            this.rules.put(r.name(), r);
        }
    }

    /** The rules, as given. */
    public java.util.Collection<Rule> rules() {
        return java.util.Collections.unmodifiableCollection(rules.values());
    }

    @Override
    public void publish(List<OutboxEvent> events) {
        for (OutboxEvent e : events) deliver(envelope(e));
    }

    static ObjectNode envelope(OutboxEvent e) {
        ObjectNode env = Json.MAPPER.createObjectNode();
        env.put("version", "0");
        env.put("id", UUID.randomUUID().toString());
        env.put("detail-type", e.detailType());
        env.put("source", e.source());
        env.put("account", "000000000000");
        env.put("time", e.at().toString());
        env.put("region", "local");
        env.putArray("resources");
        try {
            env.set("detail", Json.MAPPER.readTree(e.detailJson()));
        } catch (IOException ex) {
            throw new IllegalArgumentException("event " + e.eventId() + " has a detail that is not JSON", ex);
        }
        return env;
    }

    /** The rules an event matches (by name). */
    public List<String> matches(JsonNode event) {
        try {
            return machine.rulesForJSONEvent(event.toString());
        } catch (Exception ex) {
            throw new IllegalArgumentException("event cannot be matched: " + ex.getMessage(), ex);
        }
    }

    @SuppressWarnings("unchecked")
    private void deliver(ObjectNode event) {
        for (String name : matches(event)) {
            Rule rule = rules.get(name);
            Function<Map<String, Object>, Object> target = targets.apply(rule.target());
            Map<String, Object> payload = Json.MAPPER.convertValue(event, Map.class);
            RuntimeException last = null;
            for (int attempt = 0; attempt <= rule.maxRetries(); attempt++) {
                try {
                    target.apply(payload);
                    last = null;
                    break;
                } catch (RuntimeException ex) {
                    last = ex;
                    sleep(retryBaseMillis << Math.min(attempt, 6));
                }
            }
            if (last != null) deadLetter(rule, event, last);
        }
    }

    /**
     * Hands each event of dead-letter queue {@code queue} once more to the target of the rule that put it there
     * (no retries: a redrive is an operator's deliberate act, repeated by hand). The events that went through leave
     * the queue; those that failed again stay, in their order, with this attempt's error; an empty queue's file is
     * removed. Consumers dedupe on {@code detail.eventId}, so redriving an event that was granted meanwhile grants
     * nothing. Returns how many went through.
     */
    public int redrive(String queue) {
        synchronized (dlqLock) {
            Path f = dlqDir.resolve(queue + ".jsonl");
            List<JsonNode> lines = deadLetters(queue);
            List<String> kept = new ArrayList<>();
            int delivered = 0;
            for (JsonNode line : lines) {
                Rule rule = rules.get(line.path("rule").asText());
                if (rule == null) {
                    kept.add(line.toString());     // its rule is gone: left for a person to look at
                    continue;
                }
                try {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> payload = Json.MAPPER.convertValue(line.path("event"), Map.class);
                    targets.apply(rule.target()).apply(payload);
                    delivered++;
                } catch (RuntimeException again) {
                    ObjectNode failed = line.deepCopy();
                    failed.put("at", Instant.now().toString());
                    failed.put("error", again.getClass().getSimpleName() + ": " + again.getMessage());
                    kept.add(failed.toString());
                }
            }
            try {
                if (kept.isEmpty()) {
                    Files.deleteIfExists(f);
                } else {
                    Path tmp = Files.createTempFile(dlqDir, "." + queue, ".tmp");
                    Files.writeString(tmp, String.join("\n", kept) + "\n", StandardCharsets.UTF_8);
                    Files.move(tmp, f, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot rewrite the dead-letter queue " + queue, e);
            }
            return delivered;
        }
    }

    private final Object dlqLock = new Object();

    private void deadLetter(Rule rule, JsonNode event, RuntimeException error) {
        ObjectNode line = Json.MAPPER.createObjectNode();
        line.put("at", Instant.now().toString());
        line.put("rule", rule.name());
        line.put("target", rule.target());
        line.put("error", error.getClass().getSimpleName() + ": " + error.getMessage());
        line.set("event", event);
        synchronized (dlqLock) {
            try {
                Files.createDirectories(dlqDir);
                Files.writeString(dlqDir.resolve(rule.deadLetterQueue() + ".jsonl"), line + "\n", StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the dead-letter queue of " + rule.name(), e);
            }
        }
    }

    /** What a dead-letter queue holds, oldest first. */
    public List<JsonNode> deadLetters(String queue) {
        Path f = dlqDir.resolve(queue + ".jsonl");
        List<JsonNode> out = new ArrayList<>();
        if (!Files.exists(f)) return out;
        try {
            for (String l : Files.readAllLines(f)) if (!l.isBlank()) out.add(Json.MAPPER.readTree(l));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
