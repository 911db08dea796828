package dev.pyquest.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;

/** Builds sandbox jobs for tests. */
final class Jobs {
    static final ObjectMapper JSON = new ObjectMapper();

    private final ObjectNode job = JSON.createObjectNode();
    private final ArrayNode tests;
    private final ObjectNode limits;

    private Jobs(String function, String code) {
        job.put("function", function);
        job.put("code", code);
        tests = job.putArray("tests");
        limits = job.putObject("limits");
        limits.put("timeMs", 2000).put("memoryMb", 64).put("outputBytes", 4096);
    }

    static Jobs of(String code) {
        return new Jobs("f", code);
    }

    static Jobs of(String function, String code) {
        return new Jobs(function, code);
    }

    /** A test whose positional arguments are given as a JSON array text, e.g. "[[1, 2, 3]]". */
    Jobs test(String name, String argsJson) {
        try {
            tests.addObject().put("name", name).set("args", JSON.readTree(argsJson));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Every test added so far must leave its arguments unchanged (runner.py: "inputsUnchanged"). */
    Jobs inputsUnchanged() {
        tests.forEach(t -> ((ObjectNode) t).put("inputsUnchanged", true));
        return this;
    }

    /** A job of hidden tests (the runner then reports statuses only). */
    Jobs hidden() {
        job.put("hidden", true);
        return this;
    }

    /** For LocalSandbox.run: the first n tests are public, the rest hidden (two boxes). */
    Jobs publicCount(int n) {
        job.put(LocalSandbox.PUBLIC_COUNT, n);
        return this;
    }

    Jobs limit(String key, int value) {
        limits.put(key, value);
        return this;
    }

    byte[] bytes() {
        try {
            return JSON.writeValueAsBytes(job);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode parse(byte[] report) {
        try {
            return JSON.readTree(report);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
