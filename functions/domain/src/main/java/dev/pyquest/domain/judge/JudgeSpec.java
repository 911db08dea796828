package dev.pyquest.domain.judge;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pyquest.domain.Json;
import dev.pyquest.domain.content.Exercise;
import dev.pyquest.domain.content.Limits;
import dev.pyquest.domain.content.TestCase;

import java.util.List;

/**
 * What the judge needs of an exercise: the function to call, limits, public examples and hidden
 * tests with their expected values. Stored apart from the catalog so only the judge can read it.
 */
public record JudgeSpec(String activityId, String slug, String function, Limits limits,
                        List<TestCase> examples, List<TestCase> tests) {

    public static JudgeSpec of(Exercise e) {
        return new JudgeSpec(e.id(), e.slug(), e.function(), e.limits(), e.examples(), e.tests());
    }

    public int total() {
        return examples.size() + tests.size();
    }

    /**
     * The sandbox's job: the learner's code and each test's name and arguments, public tests
     * first. Expected values are left out on purpose: the box must never see them.
     */
    public byte[] sandboxJob(String code) {
        ObjectNode job = Json.MAPPER.createObjectNode();
        job.put("function", function);
        job.put("code", code);
        ArrayNode list = job.putArray("tests");
        for (TestCase t : examples) addTest(list, t);
        for (TestCase t : tests) addTest(list, t);
        // The sandbox task runs public and hidden tests in separate boxes (see LocalSandbox.run).
        job.put("publicCount", examples.size());
        job.putObject("limits")
                .put("timeMs", limits.timeMs())
                .put("memoryMb", limits.memoryMb())
                .put("outputBytes", limits.outputBytes());
        try {
            return Json.MAPPER.writeValueAsBytes(job);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void addTest(ArrayNode list, TestCase t) {
        ObjectNode test = list.addObject().put("name", t.name());
        test.set("args", t.args());
        // Only when set: the jobs of exercises that do not check their inputs stay as they were.
        if (t.inputsUnchanged()) test.put("inputsUnchanged", true);
    }
}
