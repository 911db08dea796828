package dev.pyquest.tools.content;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pyquest.domain.Json;
import dev.pyquest.local.LocalStack;
import dev.pyquest.tools.content.MutantGenerator.Mutant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The mutant generator ({@code mutate.py}, run with the host's python3 as the tool runs it): each
 * operator family makes the expected mutant of a small snippet, ids are stable, every mutant parses
 * and differs from the original, and nothing is emitted twice.
 */
class MutantGeneratorTest {
    private static final MutantGenerator GENERATOR = new MutantGenerator();

    @AfterAll
    static void close() {
        GENERATOR.close();
    }

    /** The mutant with this id; fails listing the ids there are. */
    private static Mutant mutant(List<Mutant> mutants, String id) {
        return mutants.stream().filter(m -> m.id().equals(id)).findFirst().orElseThrow(() -> new AssertionError(
                "no mutant " + id + "; there are: " + mutants.stream().map(Mutant::id).toList()));
    }

    /** The body line of a one-function snippet as the mutant has it (ast.unparse's spelling). */
    private static String line(Mutant m, int n) {
        return m.source().lines().toList().get(n - 1).strip();
    }

    /** family | the body of def f(a, b) | the mutant's id | the body line the mutant has (ast.unparse's spelling). */
    private static final String CASES = """
            comparison | return a < b           | L2:C11 Lt->LtE          | return a <= b
            comparison | return a < b           | L2:C11 Lt->GtE          | return a >= b
            comparison | return a >= b          | L2:C11 GtE->Gt          | return a > b
            comparison | return a == b          | L2:C11 Eq->NotEq        | return a != b
            comparison | return a in b          | L2:C11 In->NotIn        | return a not in b
            comparison | return a is None       | L2:C11 Is->IsNot        | return a is not None
            comparison | return 0 < a <= b      | L2:C11 LtE->Lt@2        | return 0 < a < b
            arithmetic | return a + b           | L2:C11 Add->Sub         | return a - b
            arithmetic | return a - b           | L2:C11 Sub->Add         | return a + b
            arithmetic | return a * b           | L2:C11 Mult->Div        | return a / b
            arithmetic | return a / b           | L2:C11 Div->FloorDiv    | return a // b
            arithmetic | return a // b          | L2:C11 FloorDiv->Div    | return a / b
            arithmetic | return a % b           | L2:C11 Mod->FloorDiv    | return a // b
            arithmetic | return a ** b          | L2:C11 Pow->Mult        | return a * b
            arithmetic | return -a              | L2:C11 drop-USub        | return a
            boolean    | return a and b         | L2:C11 And->Or          | return a or b
            boolean    | return a or b          | L2:C11 Or->And          | return a and b
            boolean    | return not a           | L2:C11 drop-Not         | return a
            constant   | return a + 5           | L2:C15 5->6             | return a + 6
            constant   | return a + 5           | L2:C15 5->4             | return a + 4
            constant   | return a[0]            | L2:C13 0->1             | return a[1]
            constant   | return a[1]            | L2:C13 1->0             | return a[0]
            constant   | return a[-1]           | L2:C13 -1->-2           | return a[-2]
            constant   | return True            | L2:C11 True->False      | return False
            constant   | return False           | L2:C11 False->True      | return True
            constant   | return a + 'ab'        | L2:C15 Str->''          | return a + ''
            constant   | return a + 'ab'        | L2:C15 Str->'XX'        | return a + 'XX'
            constant   | return a * 1.5         | L2:C15 1.5->2.5         | return a * 2.5
            range      | return list(range(a))  | L2:C16 range-stop+1     | return list(range(a + 1))
            range      | return list(range(a))  | L2:C16 range-stop-1     | return list(range(a - 1))
            range      | return list(range(a))  | L2:C16 range-start=1    | return list(range(1, a))
            range      | return list(range(1, a + 1)) | L2:C16 range-stop-1 | return list(range(1, a))
            range      | return list(range(1, a + 1)) | L2:C16 range-start+1 | return list(range(2, a + 1))
            slice      | return a[1:]           | L2:C13 slice-lower+1    | return a[2:]
            slice      | return a[1:]           | L2:C13 slice-upper=-1   | return a[1:-1]
            slice      | return a[:b]           | L2:C13 slice-lower=1    | return a[1:b]
            slice      | return a[:b]           | L2:C13 slice-upper+1    | return a[:b + 1]
            slice      | return a[:b]           | L2:C13 slice-upper-1    | return a[:b - 1]
            call       | return min(a)          | L2:C11 min->max         | return max(a)
            call       | return any(a)          | L2:C11 any->all         | return all(a)
            call       | return a.lower()       | L2:C11 lower->upper     | return a.upper()
            call       | return a.lower()       | L2:C11 drop-call-lower  | return a
            call       | return sorted(a)       | L2:C11 drop-call-sorted | return a
            call       | return str(a)          | L2:C11 drop-call-str    | return a
            call       | return a.split(', ')   | L2:C11 drop-last-arg-split | return a.split()
            call       | return list(enumerate(a, 1)) | L2:C16 drop-last-arg-enumerate | return list(enumerate(a))
            call       | return sorted(a, reverse=b)  | L2:C11 drop-keyword-reverse    | return sorted(a)
            branch     | return a if b else 0   | L2:C11 ifexp-True       | return a
            branch     | return a if b else 0   | L2:C11 ifexp-False      | return 0
            branch     | return [x for x in a if x] | L2:C28 drop-filter  | return [x for x in a]
            boolean    | return [x for x in a if x] | L2:C28 negate-filter | return [x for x in a if not x]
            return     | return a               | L2:C4 return->None      | return None
            return     | yield a                | L2:C4 yield->None       | yield None
            """;

    @TestFactory
    List<DynamicTest> eachOperatorMakesItsMutant() {
        List<String[]> rows = CASES.lines().filter(l -> !l.isBlank())
                .map(l -> Arrays.stream(l.split("\\|")).map(String::strip).toArray(String[]::new)).toList();
        List<String> programs = rows.stream().map(r -> "def f(a, b):\n    " + r[1] + "\n").toList();
        List<List<Mutant>> all = GENERATOR.mutantsOfEach(programs, programs);
        List<DynamicTest> tests = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            String[] r = rows.get(i);
            List<Mutant> mutants = all.get(i);
            tests.add(DynamicTest.dynamicTest(r[0] + ": " + r[1] + "  ->  " + r[3], () -> {
                Mutant m = mutant(mutants, r[2]);
                assertEquals(r[3], line(m, 2), m.description());
                assertEquals(r[0], m.operator(), r[2]);
                assertFalse(m.description().isBlank());
            }));
        }
        assertEquals(Set.of("comparison", "arithmetic", "boolean", "constant", "range", "slice", "call", "branch", "return"),
                rows.stream().map(r -> r[0]).collect(java.util.stream.Collectors.toSet()));
        return tests;
    }

    private static final String BRANCHES = """
            def grade(n):
                if n < 0:
                    return 'negative'
                elif n == 0:
                    return 'zero'
                else:
                    return 'positive'
            """;

    @Test
    void branchesAreForcedDroppedAndEmptied() {
        List<Mutant> ms = GENERATOR.mutants(BRANCHES);
        assertEquals("if True:", line(mutant(ms, "L2:C4 if-True"), 2));
        assertEquals("if False:", line(mutant(ms, "L2:C4 if-False"), 2));
        assertEquals("pass", line(mutant(ms, "L2:C4 if-body->pass"), 3));
        assertEquals("elif True:", line(mutant(ms, "L4:C4 elif-True"), 4));
        assertEquals("pass", line(mutant(ms, "L4:C4 elif-body->pass"), 5));
        // Dropping the elif keeps the else; dropping the else leaves if/elif.
        String noElif = mutant(ms, "L2:C4 drop-elif").source();
        assertFalse(noElif.contains("zero"), noElif);
        assertTrue(noElif.contains("else:") && noElif.contains("positive"), noElif);
        String noElse = mutant(ms, "L4:C4 drop-else").source();
        assertFalse(noElse.contains("positive"), noElse);
        assertTrue(noElse.contains("zero"), noElse);
    }

    @Test
    void returnsChosenByAnIfAreSwapped() {
        List<Mutant> ms = GENERATOR.mutants(BRANCHES);
        Mutant swapped = mutant(ms, "L4:C4 swap-returns");
        assertEquals("return 'positive'", line(swapped, 5));
        assertEquals("return 'zero'", line(swapped, 7));
        // if c: return a / return b, without an else
        List<Mutant> early = GENERATOR.mutants("def f(a):\n    if a:\n        return 1\n    return 2\n");
        Mutant m = mutant(early, "L2:C4 swap-returns");
        assertEquals("return 2", line(m, 3));
        assertEquals("return 1", line(m, 4));
    }

    @Test
    void augmentedAssignmentsSwapOrBecomePlain() {
        List<Mutant> ms = GENERATOR.mutants("def f(a):\n    t = 0\n    for x in a:\n        t += x\n    return t\n");
        assertEquals("t -= x", line(mutant(ms, "L4:C8 Add=->Sub="), 4));
        assertEquals("t = x", line(mutant(ms, "L4:C8 Add=->Assign"), 4));
    }

    @Test
    void breakAndContinueSwapAndEffectCallsAreDropped() {
        String src = "def f(a):\n    out = []\n    for x in a:\n        if x < 0:\n            break\n"
                + "        out.append(x)\n    out.reverse()\n    return out\n";
        List<Mutant> ms = GENERATOR.mutants(src);
        assertEquals("continue", line(mutant(ms, "L5:C12 Break->Continue"), 5));
        Mutant dropped = mutant(ms, "L7:C4 drop-call");
        assertFalse(dropped.source().contains("reverse"), dropped.source());
        List<Mutant> loop = GENERATOR.mutants("def f(a):\n    for x in a:\n        if x:\n            continue\n        return x\n");
        assertEquals("break", line(mutant(loop, "L4:C12 Continue->Break"), 4));
    }

    @Test
    void docstringsAreLeftAlone() {
        List<Mutant> ms = GENERATOR.mutants("def f(a):\n    \"\"\"Doc.\"\"\"\n    return a\n");
        assertEquals(List.of("L3:C4 return->None"), ms.stream().map(Mutant::id).toList());
    }

    @Test
    void idsAndOrderAreStableAcrossRunsAndInstances() throws IOException {
        List<String> codes = new ArrayList<>();
        for (Path solution : solutions()) codes.add(Files.readString(solution));
        List<List<Mutant>> batch = GENERATOR.mutantsOfEach(codes, codes);
        try (MutantGenerator other = new MutantGenerator()) {
            assertEquals(batch, other.mutantsOfEach(codes, codes), "another instance, another process");
            assertEquals(batch.get(0), other.mutants(codes.get(0)), "alone or in a batch");
        }
    }

    @Test
    void everyMutantParsesDiffersFromTheOriginalAndIsNew() throws Exception {
        List<String> programs = new ArrayList<>();
        for (Path p : solutions()) programs.add(Files.readString(p));
        programs.add(BRANCHES);
        List<List<Mutant>> all = GENERATOR.mutantsOfEach(programs, programs);
        List<Map<String, Object>> input = new ArrayList<>();
        int total = 0;
        for (int k = 0; k < programs.size(); k++) {
            List<Mutant> ms = all.get(k);
            assertFalse(ms.isEmpty(), programs.get(k));
            total += ms.size();
            Set<String> ids = new HashSet<>();
            for (Mutant m : ms) assertTrue(ids.add(m.id()), "id twice: " + m.id());
            input.add(Map.of("original", programs.get(k), "mutants", ms.stream().map(Mutant::source).toList()));
        }
        // Python says, per program: does each mutant parse, and how many differ from the original and from each other by AST?
        String check = """
                import ast, json, sys
                out = []
                for d in json.load(sys.stdin):
                    orig = ast.dump(ast.parse(d["original"]))
                    dumps = [ast.dump(ast.parse(s)) for s in d["mutants"]]
                    out.append({"parsed": len(dumps), "same_as_original": sum(x == orig for x in dumps),
                                "distinct": len(set(dumps))})
                print(json.dumps(out))
                """;
        JsonNode r = python(check, Json.MAPPER.writeValueAsString(input));
        for (int k = 0; k < programs.size(); k++) {
            int n = all.get(k).size();
            assertEquals(n, r.get(k).path("parsed").asInt(), programs.get(k));
            assertEquals(0, r.get(k).path("same_as_original").asInt(), programs.get(k));
            assertEquals(n, r.get(k).path("distinct").asInt(), programs.get(k));
        }
        assertTrue(total > 50, "only " + total + " mutants of the course's solutions");
    }

    @Test
    void aSolutionThatDoesNotCompileIsAToolFailure() {
        ToolFailure e = assertThrows(ToolFailure.class, () -> GENERATOR.mutants("def f(:\n"));
        assertTrue(e.getMessage().contains("does not compile"), e.getMessage());
        // Parses, but does not compile: without this check every mutant would be silently dropped.
        ToolFailure async = assertThrows(ToolFailure.class, () -> GENERATOR.mutantsOfEach(
                List.of("def f():\n    return 1\n", "async def g():\n    yield from []\n"), List.of("ok.py", "async.py")));
        assertTrue(async.getMessage().startsWith("async.py: the solution does not compile"), async.getMessage());
    }

    @Test
    void aMissingPythonIsNamed() {
        try (MutantGenerator g = new MutantGenerator(Path.of("/nonexistent/python3"))) {
            ToolFailure e = assertThrows(ToolFailure.class, () -> g.mutants("def f():\n    return 1\n"));
            assertTrue(e.getMessage().contains("/nonexistent/python3"), e.getMessage());
        }
    }

    private static List<Path> solutions() throws IOException {
        try (Stream<Path> s = Files.list(LocalStack.findRoot().resolve("content/exercises"))) {
            List<Path> out = s.map(p -> p.resolve("solution.py")).filter(Files::isRegularFile).sorted().toList();
            assertTrue(out.size() >= 5, "solutions found: " + out);
            return out;
        }
    }

    private static JsonNode python(String script, String stdin) throws Exception {
        Process p = new ProcessBuilder(MutantGenerator.DEFAULT_PYTHON.toString(), "-I", "-c", script).start();
        try (var in = p.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        byte[] out = p.getInputStream().readAllBytes();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) fail("python check failed: " + err);
        return Json.MAPPER.readTree(out);
    }
}
