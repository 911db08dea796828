package dev.pyquest.asl;

import static dev.pyquest.asl.Fakes.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pyquest.asl.Execution.Status;
import dev.pyquest.asl.Fakes.FakeClock;
import dev.pyquest.asl.Fakes.FakeSleeper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Parses and runs a definition shaped like ours (statemachines/*.asl.json). */
class DefinitionShapeTest {
    static final Map<String, String> SUBS = Map.of(
            "PrepareFunctionArn", "arn:aws:lambda:local:000000000000:function:prepare",
            "ScoreFunctionArn", "arn:aws:lambda:local:000000000000:function:score",
            "RecordErrorFunctionArn", "arn:aws:lambda:local:000000000000:function:record-error",
            "ClusterArn", "arn:aws:ecs:local:000000000000:cluster/pyquest",
            "TaskDefinitionArn", "arn:aws:ecs:local:000000000000:task-definition/runner:1");

    final FakeClock clock = new FakeClock();
    final FakeSleeper sleeper = new FakeSleeper(clock);
    final List<String> invoked = new ArrayList<>();
    final List<JsonNode> payloads = new ArrayList<>();

    static String definition() throws IOException {
        try (InputStream in = DefinitionShapeTest.class.getResourceAsStream("/grading.asl.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    StateMachine machine() throws IOException {
        return StateMachine.parse(definition(), SUBS).withClock(clock).withSleeper(sleeper);
    }

    /** Lambda-style binding: dispatches on FunctionName for lambda:invoke, on the resource otherwise. */
    TaskBinding binding(Map<String, TaskBinding> byFunction) {
        return (resource, params, ctx) -> {
            String key = resource.equals("arn:aws:states:::lambda:invoke") ? params.get("FunctionName").asText() : resource;
            invoked.add(ctx.stateName() + "#" + ctx.attempt());
            payloads.add(params);
            return byFunction.get(key).invoke(resource, params, ctx);
        };
    }

    @Test
    void parses() throws IOException {
        StateMachine sm = machine();
        assertEquals("Prepare", sm.startAt());
        assertEquals(300, sm.timeoutSeconds());
        assertEquals(Map.of("Prepare", "arn:aws:states:::lambda:invoke", "Sandbox", "arn:aws:states:::ecs:runTask.sync",
                "Score", "arn:aws:states:::lambda:invoke", "RecordError", "arn:aws:states:::lambda:invoke"),
                sm.taskResources());
    }

    @Test
    void happyPath() throws IOException {
        Execution e = machine().start("sub-1", json("{'submissionId':'s1'}"), binding(Map.of(
                SUBS.get("PrepareFunctionArn"), (r, p, c) -> json("{'Payload':{'jobUrl':'http://jobs/1'},'StatusCode':200}"),
                "arn:aws:states:::ecs:runTask.sync", (r, p, c) -> json("{'Tasks':[{'LastStatus':'STOPPED'}]}"),
                SUBS.get("ScoreFunctionArn"), (r, p, c) -> json("{'Payload':{'score':80}}"))));
        assertEquals(Status.SUCCEEDED, e.status(), e.toString());
        assertEquals(List.of("Prepare#1", "Sandbox#1", "Score#1"), invoked);
        assertEquals(json("{'FunctionName':'" + SUBS.get("PrepareFunctionArn") + "','Payload':{'submissionId':'s1'}}"),
                payloads.get(0));
        assertEquals(json("""
                {'Cluster':'arn:aws:ecs:local:000000000000:cluster/pyquest',
                 'TaskDefinition':'arn:aws:ecs:local:000000000000:task-definition/runner:1','LaunchType':'FARGATE',
                 'Overrides':{'ContainerOverrides':[{'Name':'runner','Environment':[
                   {'Name':'JOB_URL','Value':'http://jobs/1'},{'Name':'EXECUTION','Value':'sub-1'}]}]}}"""),
                payloads.get(1));
        assertEquals(json("{'submissionId':'s1','prepared':{'job':{'jobUrl':'http://jobs/1'}},'scored':{'score':80}}"),
                e.output());
    }

    @Test
    void prepareRetriesThenRecordsErrorAndFails() throws IOException {
        Execution e = machine().start("sub-2", json("{'submissionId':'s2'}"), binding(Map.of(
                SUBS.get("PrepareFunctionArn"), (r, p, c) -> {
                    throw new TaskFailure("Lambda.ServiceException", "503");
                },
                SUBS.get("RecordErrorFunctionArn"), (r, p, c) -> json("{'recorded':true}"))));
        assertEquals(Status.FAILED, e.status());
        assertEquals("GradingFailed", e.error());
        assertEquals(List.of(1000L, 2000L, 4000L), sleeper.millis());
        assertEquals(List.of("Prepare#1", "Prepare#2", "Prepare#3", "Prepare#4", "RecordError#1"), invoked);
        assertEquals(json("{'submissionId':'s2','failure':{'Error':'Lambda.ServiceException','Cause':'503'}}"),
                payloads.get(4).get("Payload"));
    }

    @Test
    void sandboxFailureIsCaughtWithoutRetry() throws IOException {
        Execution e = machine().start("sub-3", json("{}"), binding(Map.of(
                SUBS.get("PrepareFunctionArn"), (r, p, c) -> json("{'Payload':{'jobUrl':'u'}}"),
                "arn:aws:states:::ecs:runTask.sync", (r, p, c) -> {
                    throw new IllegalStateException("container exited 137");
                },
                SUBS.get("RecordErrorFunctionArn"), (r, p, c) -> null)));
        assertEquals("GradingFailed", e.error());
        JsonNode recorded = payloads.get(payloads.size() - 1).get("Payload");
        assertEquals(json("{'Error':'IllegalStateException','Cause':'container exited 137'}"), recorded.get("failure"));
        assertTrue(e.history().stream().anyMatch(h -> h.type().equals(HistoryEvent.CATCH_TAKEN)
                && h.state().equals("Sandbox")));
    }
}
