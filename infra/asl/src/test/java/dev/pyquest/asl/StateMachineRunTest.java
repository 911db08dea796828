package dev.pyquest.asl;

import static dev.pyquest.asl.Fakes.json;
import static dev.pyquest.asl.Fakes.machine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pyquest.asl.Execution.Status;
import dev.pyquest.asl.Fakes.FakeClock;
import dev.pyquest.asl.Fakes.FakeSleeper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class StateMachineRunTest {
    final FakeClock clock = new FakeClock();
    final FakeSleeper sleeper = new FakeSleeper(clock);
    final List<String> calls = new ArrayList<>();

    private static List<String> types(Execution e) {
        return e.history().stream().map(HistoryEvent::type).toList();
    }

    @Test
    void happyPathTaskTaskPassSucceed() {
        StateMachine sm = machine("""
                {'StartAt':'Fetch','States':{
                 'Fetch':{'Type':'Task','Resource':'fetch','InputPath':'$.request',
                   'Parameters':{'id.$':'$.id','static':'x','nested':{'list':[{'v.$':'$.id'}, 1]}},
                   'ResultSelector':{'body.$':'$.Payload.body','code':200},
                   'ResultPath':'$.fetched.data','Next':'Transform'},
                 'Transform':{'Type':'Task','Resource':'transform','Parameters':{'body.$':'$.fetched.data.body'},
                   'ResultPath':'$.transformed','OutputPath':'$.transformed','Next':'Wrap'},
                 'Wrap':{'Type':'Pass','Parameters':{'inner.$':'$'},'ResultPath':'$.wrapped','Next':'Done'},
                 'Done':{'Type':'Succeed','OutputPath':'$.wrapped'}}}""", clock, sleeper);
        List<JsonNode> params = new ArrayList<>();
        Execution e = sm.start("exec-1", json("{'request':{'id':7},'keep':true}"), (resource, p, ctx) -> {
            params.add(p);
            return switch (resource) {
                case "fetch" -> json("{'Payload':{'body':'hello','junk':1},'StatusCode':200}");
                case "transform" -> json("{'upper':'" + p.get("body").asText().toUpperCase() + "'}");
                default -> throw new IllegalStateException(resource);
            };
        });
        assertEquals(Status.SUCCEEDED, e.status(), e.toString());
        assertEquals(json("{'id':7,'static':'x','nested':{'list':[{'v':7},1]}}"), params.get(0));
        assertEquals(json("{'body':'hello'}"), params.get(1));
        assertEquals(json("{'inner':{'upper':'HELLO'}}"), e.output());
        assertNull(e.error());
        assertEquals("exec-1", e.name());
    }

    @Test
    void resultPathVariants() {
        StateMachine sm = machine("""
                {'StartAt':'Discard','States':{
                 'Discard':{'Type':'Pass','Result':'ignored','ResultPath':null,'Next':'Deep'},
                 'Deep':{'Type':'Pass','Result':{'r':1},'ResultPath':'$.a.b.c','Next':'Replace'},
                 'Replace':{'Type':'Pass','Result':{'only':true},'ResultPath':'$','Next':'Nulls'},
                 'Nulls':{'Type':'Pass','InputPath':null,'ResultPath':'$.x','End':true}}}""", clock, sleeper);
        Execution e = sm.start("e", json("{'in':1}"), (r, p, c) -> null);
        assertEquals(json("{'only':true,'x':{}}"), e.output());
        Execution deep = machine("""
                {'StartAt':'Deep','States':{
                 'Deep':{'Type':'Pass','Result':{'r':1},'ResultPath':'$.a.b.c','End':true}}}""", clock, sleeper)
                .start("e", json("{'in':1,'a':{'keep':2}}"), (r, p, c) -> null);
        assertEquals(json("{'in':1,'a':{'keep':2,'b':{'c':{'r':1}}}}"), deep.output());
    }

    @Test
    void resultPathOntoNonObjectFailsWithResultPathMatchFailure() {
        Execution e = machine("""
                {'StartAt':'P','States':{'P':{'Type':'Pass','Result':1,'ResultPath':'$.a.b','End':true}}}""",
                clock, sleeper).start("e", json("{'a':'string'}"), (r, p, c) -> null);
        assertEquals(Status.FAILED, e.status());
        assertEquals("States.ResultPathMatchFailure", e.error());
    }

    private static final String RETRYING = """
            {'StartAt':'Call','States':{
             'Call':{'Type':'Task','Resource':'r','Parameters':{'retry.$':'$$.State.RetryCount'},
               'Retry':[{'ErrorEquals':['Lambda.ServiceException'],'IntervalSeconds':1,'MaxAttempts':3,'BackoffRate':2}],
               'Catch':[{'ErrorEquals':['States.ALL'],'ResultPath':'$.failure','Next':'Fallback'}],
               'Next':'Done'},
             'Fallback':{'Type':'Pass','Result':'fell back','ResultPath':'$.note','End':true},
             'Done':{'Type':'Succeed'}}}""";

    @Test
    void retriesWithExponentialBackoffThenSucceeds() {
        AtomicInteger n = new AtomicInteger();
        List<TaskContext> contexts = new ArrayList<>();
        List<Integer> retryCounts = new ArrayList<>();
        Execution e = machine(RETRYING, clock, sleeper).start("e", json("{}"), (r, p, ctx) -> {
            contexts.add(ctx);
            retryCounts.add(p.get("retry").asInt());
            if (n.incrementAndGet() <= 3) {
                throw new TaskFailure("Lambda.ServiceException", "try again");
            }
            return json("{'ok':true}");
        });
        assertEquals(Status.SUCCEEDED, e.status(), e.toString());
        assertEquals(List.of(1000L, 2000L, 4000L), sleeper.millis());
        assertEquals(List.of(1, 2, 3, 4), contexts.stream().map(TaskContext::attempt).toList());
        assertEquals(List.of(0, 1, 2, 3), retryCounts);
        assertEquals(new TaskContext("e", "Call", 1), contexts.get(0));
        assertEquals(3, types(e).stream().filter(HistoryEvent.RETRY_SCHEDULED::equals).count());
        assertEquals(json("{'ok':true}"), e.output());
    }

    @Test
    void maxAttemptsExhaustedThenCatchToFallbackWithErrorAndCause() {
        AtomicInteger n = new AtomicInteger();
        Execution e = machine(RETRYING, clock, sleeper).start("e", json("{'orig':1}"), (r, p, ctx) -> {
            n.incrementAndGet();
            throw new TaskFailure("Lambda.ServiceException", "still down");
        });
        assertEquals(4, n.get(), "1 attempt + MaxAttempts 3 retries");
        assertEquals(List.of(1000L, 2000L, 4000L), sleeper.millis());
        assertEquals(Status.SUCCEEDED, e.status());
        assertEquals(json("{'orig':1,'failure':{'Error':'Lambda.ServiceException','Cause':'still down'},"
                + "'note':'fell back'}"), e.output());
        List<String> t = types(e);
        assertTrue(t.contains(HistoryEvent.CATCH_TAKEN), t.toString());
        HistoryEvent caught = e.history().stream().filter(h -> h.type().equals(HistoryEvent.CATCH_TAKEN)).findFirst().get();
        assertEquals("Call", caught.state());
        assertEquals("Catch[0] Lambda.ServiceException -> Fallback", caught.detail());
    }

    @Test
    void errorNotMatchedByRetrierGoesStraightToCatch() {
        Execution e = machine(RETRYING, clock, sleeper).start("e", json("{}"), (r, p, ctx) -> {
            throw new TaskFailure("Other", "nope");
        });
        assertEquals(List.of(), sleeper.slept);
        assertEquals(json("{'Error':'Other','Cause':'nope'}"), e.output().get("failure"));
    }

    @Test
    void maxDelaySecondsCapsBackoffAndZeroMaxAttemptsNeverRetries() {
        StateMachine sm = machine("""
                {'StartAt':'Call','States':{'Call':{'Type':'Task','Resource':'r',
                  'Retry':[{'ErrorEquals':['Never'],'MaxAttempts':0},
                           {'ErrorEquals':['States.ALL'],'IntervalSeconds':1,'BackoffRate':3,'MaxAttempts':4,'MaxDelaySeconds':5}],
                  'End':true}}}""", clock, sleeper);
        Execution e = sm.start("e", json("{}"), (r, p, c) -> {
            throw new TaskFailure("Flaky", "x");
        });
        assertEquals(List.of(1000L, 3000L, 5000L, 5000L), sleeper.millis());
        assertEquals(Status.FAILED, e.status());
        assertEquals("Flaky", e.error());
        assertEquals("x", e.cause());

        sleeper.slept.clear();
        AtomicInteger n = new AtomicInteger();
        Execution never = sm.start("e2", json("{}"), (r, p, c) -> {
            n.incrementAndGet();
            throw new TaskFailure("Never", "y");
        });
        assertEquals(1, n.get());
        assertEquals(List.of(), sleeper.slept);
        assertEquals("Never", never.error());
    }

    @Test
    void defaultsAreInterval1MaxAttempts3Backoff2() {
        Execution e = machine("""
                {'StartAt':'Call','States':{'Call':{'Type':'Task','Resource':'r',
                  'Retry':[{'ErrorEquals':['States.ALL']}],'End':true}}}""", clock, sleeper)
                .start("e", json("{}"), (r, p, c) -> {
                    throw new IllegalStateException("boom");
                });
        assertEquals(List.of(1000L, 2000L, 4000L), sleeper.millis());
        assertEquals("IllegalStateException", e.error());
        assertEquals("boom", e.cause());
    }

    @Test
    void eachRetrierKeepsItsOwnCount() {
        // The AWS documentation example: errors A, B, C, B -> waits 1, 2, 5, then the first retrier is exhausted.
        StateMachine sm = machine("""
                {'StartAt':'X','States':{
                 'X':{'Type':'Task','Resource':'r','Next':'Y',
                   'Retry':[{'ErrorEquals':['ErrorA','ErrorB'],'IntervalSeconds':1,'BackoffRate':2.0,'MaxAttempts':2},
                            {'ErrorEquals':['ErrorC'],'IntervalSeconds':5}],
                   'Catch':[{'ErrorEquals':['States.ALL'],'Next':'Z'}]},
                 'Y':{'Type':'Succeed'},
                 'Z':{'Type':'Pass','End':true}}}""", clock, sleeper);
        List<String> errors = List.of("ErrorA", "ErrorB", "ErrorC", "ErrorB");
        AtomicInteger n = new AtomicInteger();
        Execution e = sm.start("e", json("{}"), (r, p, c) -> {
            throw new TaskFailure(errors.get(n.getAndIncrement()), "cause");
        });
        assertEquals(4, n.get());
        assertEquals(List.of(1000L, 2000L, 5000L), sleeper.millis());
        assertEquals(json("{'Error':'ErrorB','Cause':'cause'}"), e.output(), "Catch ResultPath defaults to $");
    }

    private static final String TASK_FAILED_VS_TIMEOUT = """
            {'StartAt':'T','States':{
             'T':{'Type':'Task','Resource':'r','Next':'Ok',
               'Catch':[{'ErrorEquals':['States.TaskFailed'],'Next':'TaskFailed'},
                        {'ErrorEquals':['States.Timeout'],'Next':'TimedOut'}]},
             'Ok':{'Type':'Succeed'},
             'TaskFailed':{'Type':'Pass','Result':'task-failed','End':true},
             'TimedOut':{'Type':'Pass','Result':'timed-out','End':true}}}""";

    @Test
    void statesTaskFailedMatchesAnyErrorButStatesTimeout() {
        StateMachine sm = machine(TASK_FAILED_VS_TIMEOUT, clock, sleeper);
        assertEquals("task-failed", sm.start("a", json("{}"), (r, p, c) -> {
            throw new TaskFailure("Custom.Error", "x");
        }).output().asText());
        assertEquals("task-failed", sm.start("b", json("{}"), (r, p, c) -> {
            throw new UnsupportedOperationException();
        }).output().asText());
        assertEquals("timed-out", sm.start("c", json("{}"), (r, p, c) -> {
            throw new TaskFailure("States.Timeout", "reported by the binding");
        }).output().asText());
    }

    @Test
    void taskTimeoutSecondsInterruptsASlowBindingAndFailsWithStatesTimeout() throws Exception {
        StateMachine sm = machine("""
                {'StartAt':'Slow','States':{
                 'Slow':{'Type':'Task','Resource':'r','TimeoutSeconds':1,'Next':'Ok',
                   'Catch':[{'ErrorEquals':['States.TaskFailed'],'Next':'Ok'},
                            {'ErrorEquals':['States.Timeout'],'ResultPath':'$.timeout','Next':'TimedOut'}]},
                 'Ok':{'Type':'Succeed'},
                 'TimedOut':{'Type':'Pass','End':true}}}""", clock, sleeper);
        CountDownLatch interrupted = new CountDownLatch(1);
        long started = System.nanoTime();
        Execution e = sm.start("e", json("{}"), (r, p, c) -> {
            try {
                Thread.sleep(30_000);
            } catch (InterruptedException ie) {
                interrupted.countDown();
            }
            return json("{}");
        });
        long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertTrue(elapsedMs >= 900 && elapsedMs < 10_000, "took " + elapsedMs + "ms");
        assertTrue(interrupted.await(5, TimeUnit.SECONDS), "the slow binding was interrupted");
        assertEquals(Status.SUCCEEDED, e.status());
        assertEquals("States.Timeout", e.output().get("timeout").get("Error").asText());
        assertTrue(e.history().stream().anyMatch(h -> h.type().equals(HistoryEvent.TASK_FAILED)
                && h.detail().startsWith("States.Timeout")));
    }

    @Test
    void fastBindingWithTimeoutRunsOnWorkerAndSucceeds() {
        StateMachine sm = machine("""
                {'StartAt':'T','States':{'T':{'Type':'Task','Resource':'r','TimeoutSeconds':5,'End':true}}}""",
                clock, sleeper);
        Thread caller = Thread.currentThread();
        Execution e = sm.start("e", json("{'a':1}"), (r, p, c) -> {
            assertTrue(Thread.currentThread() != caller);
            return p;
        });
        assertEquals(json("{'a':1}"), e.output());
    }

    @Test
    void unhandledFailureFailsExecution() {
        Execution e = machine("""
                {'StartAt':'T','States':{'T':{'Type':'Task','Resource':'r','End':true}}}""", clock, sleeper)
                .start("e", json("{}"), (r, p, c) -> {
                    throw new TaskFailure("Boom", "it broke");
                });
        assertEquals(Status.FAILED, e.status());
        assertEquals("Boom", e.error());
        assertEquals("it broke", e.cause());
        assertNull(e.output());
        HistoryEvent last = e.history().get(e.history().size() - 1);
        assertEquals(HistoryEvent.EXECUTION_FAILED, last.type());
        assertEquals("T", last.state());
    }

    @Test
    void bindingErrorPropagates() {
        StateMachine sm = machine("""
                {'StartAt':'T','States':{'T':{'Type':'Task','Resource':'r','End':true}}}""", clock, sleeper);
        assertThrows(AssertionError.class, () -> sm.start("e", json("{}"), (r, p, c) -> {
            throw new AssertionError("test bug");
        }));
    }

    @Test
    void failState() {
        Execution e = machine("""
                {'StartAt':'P','States':{
                 'P':{'Type':'Pass','Next':'F'},
                 'F':{'Type':'Fail','Error':'Grading.Failed','Cause':'no score'}}}""", clock, sleeper)
                .start("e", json("{}"), (r, p, c) -> null);
        assertEquals(Status.FAILED, e.status());
        assertEquals("Grading.Failed", e.error());
        assertEquals("no score", e.cause());
        assertEquals(List.of(HistoryEvent.EXECUTION_STARTED, HistoryEvent.STATE_ENTERED, HistoryEvent.STATE_EXITED,
                HistoryEvent.STATE_ENTERED, HistoryEvent.EXECUTION_FAILED), types(e));
    }

    private static final String CHOICE = """
            {'StartAt':'Pick','States':{
             'Pick':{'Type':'Choice','Choices':[
                {'Variable':'$.status','StringEquals':'PASSED','Next':'Passed'},
                {'Variable':'$.status','StringEqualsPath':'$.expected','Next':'Expected'},
                {'And':[{'Variable':'$.score','IsNumeric':true},{'Variable':'$.score','NumericGreaterThanEquals':50},
                        {'Not':{'Variable':'$.score','NumericEquals':77}}],'Next':'Good'},
                {'Or':[{'Variable':'$.score','NumericLessThan':0},{'Variable':'$.score','NumericGreaterThan':100}],
                 'Next':'Weird'},
                {'Variable':'$.flag','IsPresent':true,'Next':'Flagged'},
                {'Variable':'$.nothing','IsNull':true,'Next':'Null'},
                {'Variable':'$.done','BooleanEquals':true,'Next':'Done'},
                {'Variable':'$.text','IsString':true,'Next':'Text'},
                {'Variable':'$.bool','IsBoolean':true,'Next':'Bool'},
                {'Variable':'$.small','NumericLessThanEquals':1.5,'Next':'Small'}],
               'Default':'Other'},
             'Passed':{'Type':'Pass','Result':'Passed','End':true},
             'Expected':{'Type':'Pass','Result':'Expected','End':true},
             'Good':{'Type':'Pass','Result':'Good','End':true},
             'Weird':{'Type':'Pass','Result':'Weird','End':true},
             'Flagged':{'Type':'Pass','Result':'Flagged','End':true},
             'Null':{'Type':'Pass','Result':'Null','End':true},
             'Done':{'Type':'Pass','Result':'Done','End':true},
             'Text':{'Type':'Pass','Result':'Text','End':true},
             'Bool':{'Type':'Pass','Result':'Bool','End':true},
             'Small':{'Type':'Pass','Result':'Small','End':true},
             'Other':{'Type':'Pass','Result':'Other','End':true}}}""";

    private String choose(StateMachine sm, String input) {
        Execution e = sm.start("e", json(input), (r, p, c) -> null);
        assertEquals(Status.SUCCEEDED, e.status(), e.toString());
        return e.output().asText();
    }

    @Test
    void choice() {
        StateMachine sm = machine(CHOICE, clock, sleeper);
        String base = "'status':'x','expected':'y','score':'n/a','nothing':1,'done':0,'text':1,'bool':1,'small':9";
        assertEquals("Passed", choose(sm, "{" + base.replace("'status':'x'", "'status':'PASSED'") + "}"));
        assertEquals("Expected", choose(sm, "{" + base.replace("'status':'x'", "'status':'y'") + "}"));
        assertEquals("Good", choose(sm, "{" + base.replace("'score':'n/a'", "'score':50") + "}"));
        assertEquals("Other", choose(sm, "{" + base.replace("'score':'n/a'", "'score':77") + "}"));
        assertEquals("Weird", choose(sm, "{" + base.replace("'score':'n/a'", "'score':-5") + "}"));
        assertEquals("Flagged", choose(sm, "{" + base + ",'flag':null}"));
        assertEquals("Null", choose(sm, "{" + base.replace("'nothing':1", "'nothing':null") + "}"));
        assertEquals("Done", choose(sm, "{" + base.replace("'done':0", "'done':true") + "}"));
        assertEquals("Text", choose(sm, "{" + base.replace("'text':1", "'text':'t'") + "}"));
        assertEquals("Bool", choose(sm, "{" + base.replace("'bool':1", "'bool':false") + "}"));
        assertEquals("Small", choose(sm, "{" + base.replace("'small':9", "'small':1.5") + "}"));
        assertEquals("Other", choose(sm, "{" + base + "}"));
    }

    @Test
    void choiceWithoutMatchOrDefaultFailsWithNoChoiceMatched() {
        Execution e = machine("""
                {'StartAt':'Pick','States':{
                 'Pick':{'Type':'Choice','Choices':[{'Variable':'$.n','NumericEquals':1,'Next':'One'}]},
                 'One':{'Type':'Succeed'}}}""", clock, sleeper).start("e", json("{'n':2}"), (r, p, c) -> null);
        assertEquals(Status.FAILED, e.status());
        assertEquals("States.NoChoiceMatched", e.error());
    }

    @Test
    void choiceOnMissingVariableIsStatesRuntime() {
        Execution e = machine("""
                {'StartAt':'Pick','States':{
                 'Pick':{'Type':'Choice','Choices':[{'Variable':'$.n','NumericEquals':1,'Next':'One'}],'Default':'One'},
                 'One':{'Type':'Succeed'}}}""", clock, sleeper).start("e", json("{}"), (r, p, c) -> null);
        assertEquals("States.Runtime", e.error());
    }

    @Test
    void unresolvedParametersPathIsStatesRuntimeAndIsNotCaught() {
        AtomicInteger called = new AtomicInteger();
        Execution e = machine("""
                {'StartAt':'T','States':{
                 'T':{'Type':'Task','Resource':'r','Parameters':{'x.$':'$.missing.deep'},
                   'Retry':[{'ErrorEquals':['States.ALL']}],
                   'Catch':[{'ErrorEquals':['States.ALL'],'Next':'Caught'}],'End':true},
                 'Caught':{'Type':'Succeed'}}}""", clock, sleeper).start("e", json("{'present':1}"), (r, p, c) -> {
                    called.incrementAndGet();
                    return null;
                });
        assertEquals(Status.FAILED, e.status());
        assertEquals("States.Runtime", e.error());
        assertTrue(e.cause().contains("$.missing.deep") && e.cause().contains("x.$"), e.cause());
        assertEquals(0, called.get());
        assertEquals(List.of(), sleeper.slept);
    }

    @Test
    void unresolvedInputPathOutputPathAndResultSelectorAreStatesRuntime() {
        String tpl = """
                {'StartAt':'T','States':{'T':{'Type':'Task','Resource':'r',%s,'End':true}}}""";
        for (String field : List.of("'InputPath':'$.nope'", "'OutputPath':'$.nope'",
                "'ResultSelector':{'a.$':'$.nope'}", "'Parameters':{'a.$':'$.list[5]'}")) {
            Execution e = machine(tpl.formatted(field), clock, sleeper)
                    .start("e", json("{'list':[1]}"), (r, p, c) -> json("{}"));
            assertEquals("States.Runtime", e.error(), field);
        }
    }

    @Test
    void contextObject() {
        StateMachine sm = machine("""
                {'StartAt':'Ctx','States':{'Ctx':{'Type':'Pass','Parameters':{
                  'name.$':'$$.Execution.Name','id.$':'$$.Execution.Id','input.$':'$$.Execution.Input',
                  'inputField.$':'$$.Execution.Input.a','start.$':'$$.Execution.StartTime','state.$':'$$.State.Name',
                  'entered.$':'$$.State.EnteredTime','retries.$':'$$.State.RetryCount','sm.$':'$$.StateMachine.Name'},
                  'End':true}}}""", clock, sleeper).withName("Grading");
        Execution e = sm.start("run-42", json("{'a':[1,2]}"), (r, p, c) -> null);
        assertEquals(json("""
                {'name':'run-42','id':'arn:aws:states:local:000000000000:execution:Grading:run-42',
                 'input':{'a':[1,2]},'inputField':[1,2],'start':'2025-01-02T03:04:05.678Z','state':'Ctx',
                 'entered':'2025-01-02T03:04:05.678Z','retries':0,'sm':'Grading'}"""), e.output());
    }

    @Test
    void historyEventsAreRecordedWithClockTimestamps() {
        Execution e = machine("""
                {'StartAt':'T','States':{'T':{'Type':'Task','Resource':'res','Next':'S'},'S':{'Type':'Succeed'}}}""",
                clock, sleeper).start("e", json("{'a':1}"), (r, p, c) -> json("{'b':2}"));
        assertEquals(List.of(HistoryEvent.EXECUTION_STARTED, HistoryEvent.STATE_ENTERED, HistoryEvent.TASK_SCHEDULED,
                HistoryEvent.TASK_SUCCEEDED, HistoryEvent.STATE_EXITED, HistoryEvent.STATE_ENTERED,
                HistoryEvent.STATE_EXITED, HistoryEvent.EXECUTION_SUCCEEDED), types(e));
        assertTrue(e.history().stream().allMatch(h -> h.at().equals(Fakes.T0)));
        assertEquals(new HistoryEvent(Fakes.T0, HistoryEvent.TASK_SCHEDULED, "T", "res attempt=1"), e.history().get(2));
        assertEquals("{\"b\":2}", e.history().get(e.history().size() - 1).detail());
        assertThrows(UnsupportedOperationException.class, () -> e.history().clear());
    }

    @Test
    void waitStateUsesSleeper() {
        Execution e = machine("""
                {'StartAt':'W1','States':{
                 'W1':{'Type':'Wait','Seconds':10,'Next':'W2'},
                 'W2':{'Type':'Wait','SecondsPath':'$.delay','End':true}}}""", clock, sleeper)
                .start("e", json("{'delay':3}"), (r, p, c) -> null);
        assertEquals(Status.SUCCEEDED, e.status());
        assertEquals(List.of(10_000L, 3_000L), sleeper.millis());
        assertEquals(json("{'delay':3}"), e.output());
    }

    @Test
    void executionTimeoutSecondsFailsWithStatesTimeout() {
        Execution e = machine("""
                {'StartAt':'W','TimeoutSeconds':300,'States':{
                 'W':{'Type':'Wait','Seconds':400,'Next':'Never'},'Never':{'Type':'Succeed'}}}""", clock, sleeper)
                .start("e", json("{}"), (r, p, c) -> null);
        assertEquals(Status.FAILED, e.status());
        assertEquals("States.Timeout", e.error());
        assertEquals(List.of(300_000L), sleeper.millis());
    }

    @Test
    void executionTimeoutIsNotCaughtEvenDuringRetries() {
        Execution e = machine("""
                {'StartAt':'T','TimeoutSeconds':5,'States':{
                 'T':{'Type':'Task','Resource':'r','Retry':[{'ErrorEquals':['States.ALL'],'MaxAttempts':10}],
                   'Catch':[{'ErrorEquals':['States.ALL'],'Next':'C'}],'End':true},
                 'C':{'Type':'Succeed'}}}""", clock, sleeper).start("e", json("{}"), (r, p, c) -> {
                    throw new TaskFailure("X", "y");
                });
        assertEquals(Status.FAILED, e.status());
        assertEquals("States.Timeout", e.error());
        assertEquals(List.of(1000L, 2000L, 2000L), sleeper.millis());
    }

    @Test
    void intrinsicFunctions() {
        String def = """
                {"StartAt":"P","States":{"P":{"Type":"Pass","Parameters":{
                  "msg.$":"States.Format('Hello {}, you scored {} \\\\{ok\\\\} it\\\\'s {}', $.name, $.score, $$.Execution.Name)",
                  "asString.$":"States.JsonToString($.obj)",
                  "parsed.$":"States.StringToJson($.raw)",
                  "roundTrip.$":"States.StringToJson(States.JsonToString($.obj))",
                  "nested.$":"States.Format('[{}]', States.JsonToString($['obj']))"},
                  "End":true}}}""";
        Execution e = StateMachine.parse(def, Map.of()).withClock(clock).withSleeper(sleeper).start("ex",
                json("{'name':'Ada','score':9.5,'obj':{'k':[1,true,null]},'raw':'{\\'z\\':1}'}"), (r, p, c) -> null);
        assertEquals(Status.SUCCEEDED, e.status(), e.toString());
        assertEquals("Hello Ada, you scored 9.5 {ok} it's ex", e.output().get("msg").asText());
        assertEquals("{\"k\":[1,true,null]}", e.output().get("asString").asText());
        assertEquals(json("{'z':1}"), e.output().get("parsed"));
        assertEquals(json("{'k':[1,true,null]}"), e.output().get("roundTrip"));
        assertEquals("[{\"k\":[1,true,null]}]", e.output().get("nested").asText());
    }

    @Test
    void stringToJsonOnInvalidJsonIsIntrinsicFailureAndCatchable() {
        String def = """
                {"StartAt":"T","States":{
                 "T":{"Type":"Task","Resource":"r","Parameters":{"v.$":"States.StringToJson($.raw)"},
                   "Catch":[{"ErrorEquals":["States.IntrinsicFailure"],"Next":"C"}],"End":true},
                 "C":{"Type":"Succeed"}}}""";
        Execution e = StateMachine.parse(def, Map.of()).withClock(clock).withSleeper(sleeper)
                .start("e", json("{'raw':'not json'}"), (r, p, c) -> null);
        assertEquals(Status.SUCCEEDED, e.status());
        assertEquals("States.IntrinsicFailure", e.output().get("Error").asText());
    }

    @Test
    void placeholdersAreSubstitutedAndEscaped() {
        StateMachine sm = StateMachine.parse(Fakes.def("""
                {'StartAt':'T','States':{'T':{'Type':'Task','Resource':'${Res}',
                  'Parameters':{'FunctionName':'${Fn}','Quoted':'${Tricky}'},'TimeoutSeconds':${Timeout},'End':true}}}"""),
                Map.of("Res", "arn:aws:states:::lambda:invoke", "Fn", "arn:aws:lambda:fn", "Tricky", "a\"b\\c",
                        "Timeout", "30", "Unused", "x"));
        assertEquals(Map.of("T", "arn:aws:states:::lambda:invoke"), sm.taskResources());
        Execution e = sm.start("e", json("{}"), (r, p, c) -> p);
        assertEquals(json("{'FunctionName':'arn:aws:lambda:fn','Quoted':'a\\'b\\\\c'}".replace("\\'", "\\\"")),
                e.output());
    }

    @Test
    void inputIsNotMutatedAndNullInputIsEmptyObject() {
        JsonNode input = json("{'a':{'b':1}}");
        StateMachine sm = machine("""
                {'StartAt':'P','States':{'P':{'Type':'Pass','Result':2,'ResultPath':'$.a.c','End':true}}}""",
                clock, sleeper);
        Execution e = sm.start("e", input, (r, p, c) -> null);
        assertEquals(json("{'a':{'b':1,'c':2}}"), e.output());
        assertEquals(json("{'a':{'b':1}}"), input);
        assertEquals(json("{'a':{'c':2}}"), sm.start("e", null, (r, p, c) -> null).output());
    }

    @Test
    void bracketAndIndexPaths() {
        Execution e = machine("""
                {'StartAt':'P','States':{'P':{'Type':'Pass','Parameters':{
                  'a.$':'$.list[1].name','b.$':'$[\\"odd key\\"][0]','c.$':'$.x:y'},'End':true}}}""", clock, sleeper)
                .start("e", json("{'list':[{'name':'n0'},{'name':'n1'}],'odd key':[true],'x:y':3}"), (r, p, c) -> null);
        assertEquals(json("{'a':'n1','b':true,'c':3}"), e.output());
    }
}
