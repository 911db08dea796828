package dev.pyquest.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pyquest.domain.Json;
import dev.pyquest.shared.store.SubmissionRepository;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The submission workflow can always end in a recorded status: on every path through its states (the Nexts
 * and the Catches), with every attempt taking its whole timeout and every retry its whole back-off, the
 * execution still has time for RecordError before its own TimeoutSeconds (past which nothing records an
 * ERROR and the submission would stay RUNNING for ever); and it ends before the API counts its in-flight slot
 * as stale. A Lambda state also waits longer than its function may run, so a retry never overlaps an
 * invocation still running.
 */
class WorkflowBudgetTest {
    private static final Path ROOT = LocalStack.findRoot();
    private static final Template TEMPLATE = Template.read(ROOT.resolve("template.yaml"));

    private static JsonNode definition() throws Exception {
        JsonNode sm = TEMPLATE.resources("AWS::Serverless::StateMachine").values().iterator().next();
        return Json.MAPPER.readTree(Files.readString(ROOT.resolve(sm.path("Properties").path("DefinitionUri").asText())));
    }

    /** One state's worst time: 1 + all retries' attempts, each its whole timeout, plus every back-off. */
    static double worstSeconds(JsonNode state) {
        if (!state.path("Type").asText().equals("Task")) return 0;
        int timeout = state.path("TimeoutSeconds").asInt(99_999_999);   // none: a year, i.e. no budget at all
        double total = timeout;
        for (JsonNode r : state.path("Retry")) {
            int attempts = r.path("MaxAttempts").asInt(3);
            double interval = r.path("IntervalSeconds").asDouble(1), rate = r.path("BackoffRate").asDouble(2);
            for (int k = 0; k < attempts; k++) total += timeout + interval * Math.pow(rate, k);
        }
        return total;
    }

    /** The longest path from {@code state} to an end, and that path, walking Next and every Catch. */
    private static double longest(JsonNode states, String state, List<String> path, List<String> worst, int depth) {
        assertTrue(depth < 50, "a cycle in the workflow through " + path);
        JsonNode s = states.path(state);
        double own = worstSeconds(s);
        List<String> here = new ArrayList<>(path);
        here.add(state + " " + (long) own + " s");
        double best = 0;
        List<String> bestPath = here;
        List<String> nexts = new ArrayList<>();
        if (s.hasNonNull("Next")) nexts.add(s.get("Next").asText());
        for (JsonNode c : s.path("Catch")) nexts.add(c.path("Next").asText());
        for (String n : nexts) {
            List<String> p = new ArrayList<>();
            double t = longest(states, n, here, p, depth + 1);
            if (t > best) {
                best = t;
                bestPath = p;
            }
        }
        worst.clear();
        worst.addAll(bestPath);
        return own + best;
    }

    @Test
    void everyPathEndsInARecordedStatusBeforeTheExecutionTimesOutAndBeforeItsSlotIsStale() throws Exception {
        JsonNode d = definition();
        List<String> path = new ArrayList<>();
        double worst = longest(d.path("States"), d.path("StartAt").asText(), List.of(), path, 0);
        int timeout = d.path("TimeoutSeconds").asInt(0);
        assertTrue(timeout > 0, "the workflow has no TimeoutSeconds");
        assertTrue(worst <= timeout, "the longest path takes " + worst + " s, past the execution's " + timeout + " s: " + path);
        assertTrue(timeout < SubmissionRepository.STALE_SLOT.toSeconds(),
                "an execution may run " + timeout + " s, longer than a slot stays held (" + SubmissionRepository.STALE_SLOT + ")");
        assertTrue(path.stream().anyMatch(p -> p.startsWith("RecordError")), "the longest path ends recording the error: " + path);
    }

    @Test
    void aLambdaStateWaitsLongerThanItsFunctionMayRun() throws Exception {
        JsonNode sm = TEMPLATE.resources("AWS::Serverless::StateMachine").values().iterator().next();
        Map<String, JsonNode> functions = TEMPLATE.resources("AWS::Serverless::Function");
        int globalTimeout = TEMPLATE.root().path("Globals").path("Function").path("Timeout").asInt(3);
        int checked = 0;
        var states = definition().path("States").fields();
        while (states.hasNext()) {
            var e = states.next();
            if (!e.getValue().path("Resource").asText().equals("arn:aws:states:::lambda:invoke")) continue;
            String placeholder = e.getValue().path("Parameters").path("FunctionName").asText().replaceAll("^\\$\\{(\\w+)}$", "$1");
            String function = Template.target(sm.path("Properties").path("DefinitionSubstitutions").path(placeholder)).orElseThrow();
            int fnTimeout = functions.get(function).path("Properties").path("Timeout").asInt(globalTimeout);
            assertTrue(e.getValue().path("TimeoutSeconds").asInt(0) >= fnTimeout + 5,
                    e.getKey() + " gives up after " + e.getValue().path("TimeoutSeconds") + " s on " + function + ", which may run " + fnTimeout + " s");
            checked++;
        }
        assertEquals(4, checked, "Prepare, Score, Record, RecordError");
    }

    /** What the Sandbox state must allow a Fargate task before its runner starts (provisioning and the image pull). */
    static final int TASK_START_SECONDS = 60;

    @Test
    void theSandboxTaskEndsInsideItsStatesTimeout() throws Exception {
        JsonNode task = TEMPLATE.resources("AWS::ECS::TaskDefinition").values().iterator().next();
        int wall = -1;
        for (JsonNode v : task.path("Properties").path("ContainerDefinitions").path(0).path("Environment")) {
            if (v.path("Name").asText().equals("MAX_WALL_SECONDS")) wall = Integer.parseInt(v.path("Value").asText());
        }
        assertTrue(wall > 0, "the runner's wall clock is fargate_entry.py's default (300 s), longer than the state");
        String entry = Files.readString(ROOT.resolve("infra/sandbox/src/main/resources/dev/pyquest/sandbox/fargate_entry.py"));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^HTTP_TIMEOUT = (\\d+)$").matcher(entry);
        assertTrue(m.find(), "fargate_entry.py names no HTTP_TIMEOUT");
        int http = Integer.parseInt(m.group(1));
        int state = definition().path("States").path("Sandbox").path("TimeoutSeconds").asInt();
        int needed = TASK_START_SECONDS + http + wall + http;
        assertTrue(needed < state, "start " + TASK_START_SECONDS + " + download " + http + " + run " + wall + " + upload " + http
                + " = " + needed + " s, not inside the Sandbox state's " + state + " s");
    }

    @Test
    void theBudgetCountsEveryAttemptAndBackOff() {
        JsonNode task = Json.MAPPER.createObjectNode().put("Type", "Task").put("TimeoutSeconds", 10)
                .set("Retry", Json.MAPPER.createArrayNode().add(Json.MAPPER.createObjectNode().put("MaxAttempts", 2)
                        .put("IntervalSeconds", 1).put("BackoffRate", 2.0)));
        assertEquals(10 + (10 + 1) + (10 + 2), worstSeconds(task));
    }
}
