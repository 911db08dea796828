package dev.pyquest.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The runner's protocol and value rules, run WITHOUT the sandbox (plain {@code python3 runner.py}):
 * only well-behaved test code here; hostile code belongs in {@code hostile/box/} ({@link HostileProgramsIT})
 * or {@link LocalSandboxIT}.
 */
@Timeout(30)
class RunnerTest {
    record Result(int exit, byte[] stdout, String stderr) {
        JsonNode json() {
            return Jobs.parse(stdout);
        }
    }

    static Path runner() throws Exception {
        return Path.of(LocalSandbox.class.getResource("runner.py").toURI());
    }

    static Result runner(byte[] job, String... options) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/python3", "-I", "-S", "-B", runner().toString()));
        cmd.addAll(List.of(options));
        Process p = new ProcessBuilder(cmd).start();
        try (OutputStream in = p.getOutputStream()) {
            in.write(job);
        }
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Thread t = Thread.ofVirtual().start(() -> {
            try (InputStream e = p.getErrorStream()) {
                e.transferTo(err);
            } catch (IOException ignored) {
                // closed
            }
        });
        byte[] out = p.getInputStream().readAllBytes();
        int exit = p.waitFor();
        t.join();
        return new Result(exit, out, err.toString(StandardCharsets.UTF_8));
    }

    static JsonNode results(Jobs job, String... options) throws Exception {
        Result r = runner(job.bytes(), options);
        assertEquals(0, r.exit(), r.stderr());
        return r.json().path("results");
    }

    @Test
    void codeThatDoesNotCompileIsNeverRun() throws Exception {
        Result r = runner(Jobs.of("print('side effect')\nopen('/tmp/pyquest-should-not-exist', 'w')\ndef f(:\n").test("t", "[]").bytes());
        assertEquals(0, r.exit());
        JsonNode doc = r.json();
        assertEquals("{\"ok\":false,\"line\":3,\"column\":7,\"message\":\"invalid syntax\"}", doc.path("compile").toString());
        assertEquals(0, doc.path("results").size());
        assertFalse(new java.io.File("/tmp/pyquest-should-not-exist").exists());
    }

    @Test
    void indentationAndNullBytesAreCompileErrors() throws Exception {
        JsonNode indent = runner(Jobs.of("def f():\nreturn 1\n").bytes()).json().path("compile");
        assertFalse(indent.path("ok").asBoolean());
        assertEquals(2, indent.path("line").asInt());
        JsonNode nul = runner(Jobs.of("def f():\n    return 1\n\u0000").bytes()).json().path("compile");
        assertFalse(nul.path("ok").asBoolean());
    }

    @Test
    void plainValuesRoundTripExactly() throws Exception {
        JsonNode r = results(Jobs.of("""
                def f(x):
                    return {"t": (1, 2), "f": [0.1, -0.0, 1e300, 5e-324], "s": "é\\n\\u2028\\"", "b": [True, False, None],
                            "n": {"": []}, "big": 10**40, "echo": x}
                """).test("t", "[{\"k\": [1, \"two\", 3.5]}]")).get(0);
        assertEquals("OK", r.path("status").asText(), r.toString());
        assertEquals(Jobs.JSON.readTree("""
                {"t":[1,2],"f":[0.1,-0.0,1e300,5e-324],"s":"é\\n\\u2028\\"","b":[true,false,null],
                 "n":{"":[]},"big":10000000000000000000000000000000000000000,"echo":{"k":[1,"two",3.5]}}"""), r.path("value"));
    }

    @Test
    void valuesOutsidePlainJsonAreNotJson() throws Exception {
        JsonNode r = results(Jobs.of("""
                def f(kind):
                    if kind == "cycle":
                        l = [1]; l.append(l); return l
                    if kind == "deep":
                        v = []
                        for _ in range(150): v = [v]
                        return v
                    if kind == "hugeint": return 10**2500
                    if kind == "intkey": return {1: 2}
                    if kind == "bytes": return b"x"
                    if kind == "gen": return (i for i in range(3))
                    if kind == "nested_nan": return {"a": [1, float("-inf")]}
                    if kind == "boolsub":
                        class D(dict): pass
                        return D()
                """).test("cycle", "[\"cycle\"]").test("deep", "[\"deep\"]").test("hugeint", "[\"hugeint\"]")
                .test("intkey", "[\"intkey\"]").test("bytes", "[\"bytes\"]").test("gen", "[\"gen\"]")
                .test("nested_nan", "[\"nested_nan\"]").test("boolsub", "[\"boolsub\"]"));
        for (JsonNode t : r) {
            assertEquals("NOT_JSON", t.path("status").asText(), t.toString());
            assertTrue(t.path("error").asText().startsWith("the function returned "), t.toString());
        }
    }

    @Test
    void aValueOverItsCapIsAnOutputLimit() throws Exception {
        JsonNode r = results(Jobs.of("def f(n):\n    return 'a' * n\n").test("small", "[100]").test("big", "[5000]")
                .limit("valueBytes", 4096)).path(1);
        assertEquals("OUTPUT_LIMIT", r.path("status").asText(), r.toString());
        assertFalse(r.has("value"));
    }

    @Test
    void stderrIsKeptApartFromStdout() throws Exception {
        JsonNode r = results(Jobs.of("import sys\ndef f():\n    print('out')\n    print('err', file=sys.stderr)\n    return 1\n")
                .test("t", "[]")).get(0);
        assertEquals("out\n", r.path("stdout").asText());
        assertEquals("err\n", r.path("stderr").asText());
    }

    @Test
    void eachTestGetsAFreshModule() throws Exception {
        JsonNode r = results(Jobs.of("count = 0\ndef f():\n    global count\n    count += 1\n    return count\n")
                .test("a", "[]").test("b", "[]").test("c", "[]"));
        for (JsonNode t : r) assertEquals(1, t.path("value").asInt());
    }

    @Test
    void patchingTheRunnerModuleChangesNothing() throws Exception {
        JsonNode r = results(Jobs.of("""
                import sys, json
                main = sys.modules["__main__"]
                for name in dir(main):
                    if not name.startswith("__"):
                        try: setattr(main, name, None)
                        except Exception: pass
                json.loads = lambda *a, **k: ["forged"]
                def f(x):
                    return [x, "real"]
                """).test("t", "[5]")).get(0);
        assertEquals("OK", r.path("status").asText(), r.toString());
        assertEquals("[5,\"real\"]", r.path("value").toString());
    }

    @Test
    void defaultsApplyWhenLimitsAndNamesAreMissing() throws Exception {
        Result r = runner("{\"function\":\"f\",\"code\":\"def f():\\n    return 1\\n\",\"tests\":[{}]}".getBytes(StandardCharsets.UTF_8));
        JsonNode t = r.json().path("results").get(0);
        assertEquals("test1", t.path("name").asText());
        assertEquals("OK", t.path("status").asText());
        assertTrue(t.path("timeMs").isInt());
    }

    @Test
    void theReportHasABudget() throws Exception {
        Jobs job = Jobs.of("def f():\n    print('y' * 3000)\n    return 'z' * 3000\n").limit("outputBytes", 8192);
        for (int i = 0; i < 10; i++) job.test("t" + i, "[]");
        Result r = runner(job.bytes(), "--max-output", "20000");
        JsonNode res = r.json().path("results");
        assertEquals(10, res.size());
        assertEquals("OK", res.get(0).path("status").asText());
        assertEquals("OUTPUT_LIMIT", res.get(9).path("status").asText());
        assertTrue(r.stdout().length < 20000 + 10 * 400, "report of " + r.stdout().length + " bytes");
    }

    @Test
    void malformedJobsAreRejected() throws Exception {
        for (String bad : List.of("not json", "[]", "{\"function\":\"1x\",\"code\":\"\",\"tests\":[]}",
                "{\"function\":\"f\",\"code\":\"\",\"tests\":[{\"args\":{}}]}",
                "{\"function\":\"f\",\"code\":\"\",\"tests\":[],\"limits\":{\"timeMs\":0}}",
                "{\"function\":\"f\",\"code\":\"\",\"tests\":[],\"limits\":{\"memoryMb\":NaN}}",
                "{\"function\":\"f\",\"code\":\"\",\"tests\":[{\"args\":[],\"inputsUnchanged\":\"yes\"}]}",
                "{\"function\":\"f\",\"code\":\"\",\"tests\":[{\"args\":[],\"inputsUnchanged\":1}]}")) {
            Result r = runner(bad.getBytes(StandardCharsets.UTF_8));
            assertEquals(2, r.exit(), bad);
            assertTrue(r.json().path("error").isTextual(), bad);
        }
    }

    @Test
    void privateModeIsRefusedOutsideAPidNamespace() throws Exception {
        Result r = runner(Jobs.of("def f():\n    return 1\n").test("t", "[]").bytes(), "--private");
        assertEquals(2, r.exit());
        assertTrue(r.json().path("error").asText().contains("pid"));
    }
}
