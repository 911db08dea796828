package dev.pyquest.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A parsed, validated Amazon States Language state machine that runs locally, binding Task states to in-process
 * handlers. Only a subset of ASL is supported; everything else is refused by {@link #parse} with an
 * {@link IllegalArgumentException} that names the state and the field. Instances are immutable and thread-safe;
 * {@link #start} may be called concurrently.
 *
 * <p>Runtime semantics worth knowing (see README.md next to the module's pom for the full list):
 * <ul>
 *   <li>a path that does not resolve (InputPath, Parameters, ResultSelector, OutputPath, Choice Variable,
 *       SecondsPath) fails the execution with {@code States.Runtime}, which is never retried nor caught;</li>
 *   <li>a binding throwing a RuntimeException fails the task with error = the exception's simple class name;</li>
 *   <li>the top-level {@code TimeoutSeconds} fails the execution with {@code States.Timeout} (not catchable);
 *       a Task's {@code TimeoutSeconds} fails the task with {@code States.Timeout} (retriable, catchable).</li>
 * </ul>
 */
public final class StateMachine {
    private final String name;
    private final String comment;
    private final String startAt;
    private final Integer timeoutSeconds;
    private final Map<String, StateDef> states;
    private final Clock clock;
    private final Sleeper sleeper;

    private StateMachine(String name, String comment, String startAt, Integer timeoutSeconds,
                         Map<String, StateDef> states, Clock clock, Sleeper sleeper) {
        this.name = name;
        this.comment = comment;
        this.startAt = startAt;
        this.timeoutSeconds = timeoutSeconds;
        this.states = states;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /**
     * Replaces {@code ${Name}} placeholders (values are JSON-string-escaped; an unknown or malformed placeholder
     * is refused, unused substitutions are ignored), then parses and validates the definition.
     *
     * @throws IllegalArgumentException for anything invalid or outside the supported subset, e.g.
     *                                  {@code state 'X': unsupported field 'Y'}
     */
    public static StateMachine parse(String definitionJson, Map<String, String> substitutions) {
        DefinitionParser.Parsed p = DefinitionParser.parse(definitionJson, substitutions);
        return new StateMachine("StateMachine", p.comment(), p.startAt(), p.timeoutSeconds(), p.states(),
                Clock.systemUTC(), Sleeper.system());
    }

    /** The clock used for history timestamps, context-object times and the execution timeout. */
    public StateMachine withClock(Clock clock) {
        return new StateMachine(name, comment, startAt, timeoutSeconds, states, Objects.requireNonNull(clock), sleeper);
    }

    /** How Retry intervals and Wait states wait (default: {@link Sleeper#system()}). */
    public StateMachine withSleeper(Sleeper sleeper) {
        return new StateMachine(name, comment, startAt, timeoutSeconds, states, clock, Objects.requireNonNull(sleeper));
    }

    /** The name used in {@code $$.StateMachine.Name} and in the {@code $$.Execution.Id} ARN (default "StateMachine"). */
    public StateMachine withName(String name) {
        return new StateMachine(Objects.requireNonNull(name), comment, startAt, timeoutSeconds, states, clock, sleeper);
    }

    /**
     * Runs an execution synchronously to completion on the calling thread (Task bindings with a timeout run on a
     * worker thread, see {@link TaskBinding}). A {@code null} input is treated as {@code {}}. Never throws for
     * execution failures: they end as {@link Execution.Status#FAILED}. An {@link Error} thrown by a binding
     * propagates.
     */
    public Execution start(String executionName, JsonNode input, TaskBinding tasks) {
        Objects.requireNonNull(executionName, "executionName");
        Objects.requireNonNull(tasks, "tasks");
        return new Interpreter(name, startAt, timeoutSeconds, states, clock, sleeper, executionName, input, tasks).run();
    }

    public String name() {
        return name;
    }

    /** The top-level Comment, or null. */
    public String comment() {
        return comment;
    }

    public String startAt() {
        return startAt;
    }

    /** The top-level TimeoutSeconds, or null. */
    public Integer timeoutSeconds() {
        return timeoutSeconds;
    }

    public Set<String> stateNames() {
        return new TreeSet<>(states.keySet());
    }

    /** Task state name -> Resource, so a caller can check it binds every resource before starting. */
    public Map<String, String> taskResources() {
        Map<String, String> out = new LinkedHashMap<>();
        new TreeSet<>(states.keySet()).forEach(n -> {
            if (states.get(n) instanceof StateDef.Task t) {
                out.put(n, t.resource());
            }
        });
        return out;
    }
}
