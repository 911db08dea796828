package dev.pyquest.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Runs one execution, synchronously. Not thread-safe; one instance per execution. */
final class Interpreter {
    /** Like AWS's 25,000-event history cap: protects the local stack from endless loops. */
    static final int MAX_STATE_TRANSITIONS = 25_000;

    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private final String machineName;
    private final String startAt;
    private final Integer timeoutSeconds;
    private final Map<String, StateDef> states;
    private final Clock clock;
    private final Sleeper sleeper;
    private final String executionName;
    private final JsonNode executionInput;
    private final TaskBinding binding;
    private final List<HistoryEvent> history = new ArrayList<>();
    private Instant startTime;
    private Instant deadline;

    private record Transition(JsonNode output, String next) {}

    Interpreter(String machineName, String startAt, Integer timeoutSeconds, Map<String, StateDef> states, Clock clock,
                Sleeper sleeper, String executionName, JsonNode input, TaskBinding binding) {
        this.machineName = machineName;
        this.startAt = startAt;
        this.timeoutSeconds = timeoutSeconds;
        this.states = states;
        this.clock = clock;
        this.sleeper = sleeper;
        this.executionName = executionName;
        this.executionInput = input == null || input.isMissingNode() ? JsonNodeFactory.instance.objectNode() : input.deepCopy();
        this.binding = binding;
    }

    Execution run() {
        startTime = clock.instant();
        deadline = timeoutSeconds == null ? null : startTime.plusSeconds(timeoutSeconds);
        record(HistoryEvent.EXECUTION_STARTED, null, Json.compact(executionInput));
        String current = startAt;
        JsonNode data = executionInput;
        int transitions = 0;
        try {
            while (true) {
                checkDeadline();
                if (++transitions > MAX_STATE_TRANSITIONS) {
                    throw StateError.runtime("Execution exceeded " + MAX_STATE_TRANSITIONS + " state transitions");
                }
                StateDef state = states.get(current);
                Instant entered = clock.instant();
                record(HistoryEvent.STATE_ENTERED, current, Json.compact(data));
                Transition t;
                try {
                    t = runState(state, data, entered);
                } catch (StateError e) {
                    return failed(current, e.error(), e.errorCause());
                }
                if (t == null) { // Fail state
                    StateDef.Fail f = (StateDef.Fail) state;
                    return failed(current, f.error(), f.cause());
                }
                record(HistoryEvent.STATE_EXITED, current, Json.compact(t.output()));
                if (t.next() == null) {
                    record(HistoryEvent.EXECUTION_SUCCEEDED, null, Json.compact(t.output()));
                    return new Execution(executionName, Execution.Status.SUCCEEDED, t.output(), null, null, history);
                }
                current = t.next();
                data = t.output();
            }
        } catch (StateError e) { // execution timeout or transition cap, between states
            return failed(current, e.error(), e.errorCause());
        }
    }

    private Execution failed(String state, String error, String cause) {
        record(HistoryEvent.EXECUTION_FAILED, state, error + ": " + cause);
        return new Execution(executionName, Execution.Status.FAILED, null, error, cause, history);
    }

    private void record(String type, String state, String detail) {
        history.add(new HistoryEvent(clock.instant(), type, state, detail));
    }

    // ---------------------------------------------------------------- states

    /** Returns null for a Fail state. */
    private Transition runState(StateDef state, JsonNode raw, Instant entered) throws StateError {
        return switch (state) {
            case StateDef.Task task -> runTask(task, raw, entered);
            case StateDef.Pass pass -> {
                JsonNode ctx = context(pass.name(), entered, 0);
                JsonNode effective = inputPath(pass.inputPath(), raw, pass.name());
                if (pass.parameters() != null) {
                    effective = pass.parameters().eval(effective, ctx);
                }
                JsonNode result = pass.result() != null ? pass.result().deepCopy() : effective;
                JsonNode out = applyResultPath(pass.resultPath(), raw, result);
                yield new Transition(outputPath(pass.outputPath(), out, pass.name()), pass.next());
            }
            case StateDef.Choice choice -> {
                JsonNode ctx = context(choice.name(), entered, 0);
                JsonNode effective = inputPath(choice.inputPath(), raw, choice.name());
                String next = null;
                for (StateDef.ChoiceRule rule : choice.choices()) {
                    if (rule.condition().test(effective, ctx)) {
                        next = rule.next();
                        break;
                    }
                }
                if (next == null) {
                    next = choice.defaultNext();
                }
                if (next == null) {
                    throw StateError.of(StateError.NO_CHOICE_MATCHED, "No Matches! (state '" + choice.name()
                            + "', input " + Json.compact(effective) + ")");
                }
                yield new Transition(outputPath(choice.outputPath(), effective, choice.name()), next);
            }
            case StateDef.Wait wait -> {
                JsonNode effective = inputPath(wait.inputPath(), raw, wait.name());
                long seconds;
                if (wait.seconds() != null) {
                    seconds = wait.seconds();
                } else {
                    JsonNode v = wait.secondsPath().resolve(effective).orElseThrow(() -> StateError.runtime(
                            "The SecondsPath parameter '" + wait.secondsPath().text()
                                    + "' does not reference a valid input value: " + Json.compact(effective)));
                    if (!v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < 0) {
                        throw StateError.runtime("The SecondsPath parameter '" + wait.secondsPath().text()
                                + "' does not reference a non-negative integer: " + Json.compact(v));
                    }
                    seconds = v.longValue();
                }
                sleep(Duration.ofSeconds(seconds));
                yield new Transition(outputPath(wait.outputPath(), effective, wait.name()), wait.next());
            }
            case StateDef.Succeed s -> new Transition(
                    outputPath(s.outputPath(), inputPath(s.inputPath(), raw, s.name()), s.name()), null);
            case StateDef.Fail f -> null;
        };
    }

    private Transition runTask(StateDef.Task task, JsonNode raw, Instant entered) throws StateError {
        int[] retriesPerRetrier = new int[task.retriers().size()];
        int retryCount = 0;
        while (true) {
            try {
                JsonNode ctx = context(task.name(), entered, retryCount);
                JsonNode effective = inputPath(task.inputPath(), raw, task.name());
                JsonNode params = task.parameters() != null ? task.parameters().eval(effective, ctx) : effective.deepCopy();
                int attempt = retryCount + 1;
                record(HistoryEvent.TASK_SCHEDULED, task.name(), task.resource() + " attempt=" + attempt);
                JsonNode result = invoke(task, params, new TaskContext(executionName, task.name(), attempt));
                record(HistoryEvent.TASK_SUCCEEDED, task.name(), Json.compact(result));
                if (task.resultSelector() != null) {
                    result = task.resultSelector().eval(result, ctx);
                }
                JsonNode out = applyResultPath(task.resultPath(), raw, result);
                return new Transition(outputPath(task.outputPath(), out, task.name()), task.next());
            } catch (StateError e) {
                if (e.terminal()) {
                    throw e;
                }
                record(HistoryEvent.TASK_FAILED, task.name(), e.error() + ": " + e.errorCause());
                int r = firstMatching(task.retriers().stream().map(StateDef.Retrier::errorEquals).toList(), e.error());
                if (r >= 0 && retriesPerRetrier[r] < task.retriers().get(r).maxAttempts()) {
                    StateDef.Retrier retrier = task.retriers().get(r);
                    int k = ++retriesPerRetrier[r];
                    retryCount++;
                    Duration delay = retryDelay(retrier, k);
                    record(HistoryEvent.RETRY_SCHEDULED, task.name(), "Retry[" + r + "] retry " + k + "/"
                            + retrier.maxAttempts() + " after " + seconds(delay) + "s");
                    sleep(delay);
                    continue;
                }
                int c = firstMatching(task.catchers().stream().map(StateDef.Catcher::errorEquals).toList(), e.error());
                if (c < 0) {
                    throw e;
                }
                StateDef.Catcher catcher = task.catchers().get(c);
                record(HistoryEvent.CATCH_TAKEN, task.name(), "Catch[" + c + "] " + e.error() + " -> " + catcher.next());
                ObjectNode errorOutput = JsonNodeFactory.instance.objectNode();
                errorOutput.put("Error", e.error());
                errorOutput.put("Cause", e.errorCause());
                JsonNode out;
                try {
                    out = applyResultPath(catcher.resultPath(), raw, errorOutput);
                } catch (StateError inner) {
                    throw StateError.runtime(inner.errorCause());
                }
                return new Transition(out, catcher.next());
            }
        }
    }

    static Duration retryDelay(StateDef.Retrier retrier, int retryNumber) {
        double seconds = retrier.intervalSeconds() * Math.pow(retrier.backoffRate(), retryNumber - 1);
        if (retrier.maxDelaySeconds() != null) {
            seconds = Math.min(seconds, retrier.maxDelaySeconds());
        }
        seconds = Math.min(seconds, 99_999_999d);
        return Duration.ofMillis(Math.round(seconds * 1000));
    }

    private static String seconds(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? Long.toString(ms / 1000) : Double.toString(ms / 1000.0);
    }

    /** Index of the first entry whose ErrorEquals matches {@code error}, or -1. */
    static int firstMatching(List<List<String>> errorEquals, String error) {
        for (int i = 0; i < errorEquals.size(); i++) {
            for (String candidate : errorEquals.get(i)) {
                if (matches(candidate, error)) {
                    return i;
                }
            }
        }
        return -1;
    }

    static boolean matches(String candidate, String error) {
        return switch (candidate) {
            case StateError.ALL -> true;
            case StateError.TASK_FAILED -> !error.equals(StateError.TIMEOUT);
            default -> candidate.equals(error);
        };
    }

    // ---------------------------------------------------------------- task invocation

    private JsonNode invoke(StateDef.Task task, JsonNode params, TaskContext tctx) throws StateError {
        Duration limit = task.timeoutSeconds() == null ? null : Duration.ofSeconds(task.timeoutSeconds());
        boolean executionBound = false;
        if (deadline != null) {
            Duration remaining = Duration.between(clock.instant(), deadline);
            if (limit == null || remaining.compareTo(limit) < 0) {
                limit = remaining;
                executionBound = true;
            }
        }
        if (limit == null) {
            try {
                return nonNull(binding.invoke(task.resource(), params, tctx));
            } catch (TaskFailure f) {
                throw StateError.of(f.error(), f.cause());
            } catch (RuntimeException e) {
                throw fromRuntimeException(e);
            }
        }
        if (!limit.isPositive()) {
            throw executionTimeout();
        }
        FutureTask<JsonNode> future = new FutureTask<>(() -> binding.invoke(task.resource(), params, tctx));
        Thread.ofPlatform().daemon().name("asl-task-" + executionName + "-" + task.name()).start(future);
        try {
            return nonNull(future.get(limit.toNanos(), TimeUnit.NANOSECONDS));
        } catch (TimeoutException e) {
            future.cancel(true);
            if (executionBound) {
                throw executionTimeout();
            }
            throw StateError.of(StateError.TIMEOUT, "Task '" + task.name() + "' timed out after "
                    + task.timeoutSeconds() + " seconds");
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw StateError.runtime("Execution interrupted while waiting for task '" + task.name() + "'");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof TaskFailure f) {
                throw StateError.of(f.error(), f.cause());
            }
            if (cause instanceof RuntimeException re) {
                throw fromRuntimeException(re);
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw StateError.of(simpleName(cause), cause.getMessage() == null ? "" : cause.getMessage());
        }
    }

    private static JsonNode nonNull(JsonNode n) {
        return n == null ? JsonNodeFactory.instance.nullNode() : n.deepCopy();
    }

    private static StateError fromRuntimeException(RuntimeException e) {
        return StateError.of(simpleName(e), e.getMessage() == null ? "" : e.getMessage());
    }

    private static String simpleName(Throwable t) {
        String n = t.getClass().getSimpleName();
        return n.isEmpty() ? t.getClass().getName() : n;
    }

    // ---------------------------------------------------------------- time

    private StateError executionTimeout() {
        return new StateError(StateError.TIMEOUT, "Execution timed out after " + timeoutSeconds + " seconds", true);
    }

    private void checkDeadline() throws StateError {
        if (deadline != null && !clock.instant().isBefore(deadline)) {
            throw executionTimeout();
        }
    }

    private void sleep(Duration d) throws StateError {
        try {
            if (deadline != null) {
                Duration remaining = Duration.between(clock.instant(), deadline);
                if (d.compareTo(remaining) >= 0) {
                    sleeper.sleep(remaining.isNegative() ? Duration.ZERO : remaining);
                    throw executionTimeout();
                }
            }
            sleeper.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw StateError.runtime("Execution interrupted while sleeping");
        }
    }

    // ---------------------------------------------------------------- data flow

    private JsonNode context(String stateName, Instant entered, int retryCount) {
        ObjectNode ctx = JsonNodeFactory.instance.objectNode();
        ObjectNode exec = ctx.putObject("Execution");
        exec.put("Id", "arn:aws:states:local:000000000000:execution:" + machineName + ":" + executionName);
        exec.set("Input", executionInput);
        exec.put("Name", executionName);
        exec.put("StartTime", ISO.format(startTime));
        ObjectNode state = ctx.putObject("State");
        state.put("EnteredTime", ISO.format(entered));
        state.put("Name", stateName);
        state.put("RetryCount", retryCount);
        ObjectNode machine = ctx.putObject("StateMachine");
        machine.put("Id", "arn:aws:states:local:000000000000:stateMachine:" + machineName);
        machine.put("Name", machineName);
        return ctx;
    }

    private static JsonNode inputPath(ReferencePath path, JsonNode raw, String state) throws StateError {
        if (path == null) {
            return JsonNodeFactory.instance.objectNode();
        }
        return path.resolve(raw).orElseThrow(() -> StateError.runtime("Invalid path '" + path.text()
                + "': the InputPath of state '" + state + "' matches nothing in its input " + Json.compact(raw)));
    }

    private static JsonNode outputPath(ReferencePath path, JsonNode out, String state) throws StateError {
        if (path == null) {
            return JsonNodeFactory.instance.objectNode();
        }
        return path.resolve(out).orElseThrow(() -> StateError.runtime("Invalid path '" + path.text()
                + "': the OutputPath of state '" + state + "' matches nothing in " + Json.compact(out)));
    }

    private static JsonNode applyResultPath(ReferencePath path, JsonNode raw, JsonNode result) throws StateError {
        if (path == null) {
            return raw;
        }
        return path.put(raw, result);
    }
}
