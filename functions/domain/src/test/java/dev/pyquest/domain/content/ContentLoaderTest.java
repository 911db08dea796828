package dev.pyquest.domain.content;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static dev.pyquest.domain.content.CourseFixture.replaceOnce;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ContentLoaderTest {
    static final String YAML = "exercises/add-one/exercise.yaml";

    @TempDir
    Path tmp;

    CourseFixture course() {
        return new CourseFixture(tmp).skills(CourseFixture.SKILLS);
    }

    static String valid() {
        return CourseFixture.exerciseYaml("ex-0001", "add-one", "easy");
    }

    ContentException fails() {
        return assertThrows(ContentException.class, () -> ContentLoader.load(tmp));
    }

    static void assertMentions(ContentException e, String... fragments) {
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), () -> "message does not mention '" + f + "':\n" + e.getMessage());
        }
    }

    // ---------------------------------------------------------------- valid

    @Test
    void aValidMinimalCourseLoads() {
        course().exercise("ex-0001", "add-one", "easy");
        Course c = ContentLoader.load(tmp);
        assertEquals(List.of("basics", "loops"), c.skills().stream().map(Skill::id).toList());
        assertEquals(List.of("basics"), c.skills().get(1).requires());
        assertEquals(1, c.exercises().size());
        Exercise e = c.exercise("add-one").orElseThrow();
        assertEquals("ex-0001", e.id());
        assertEquals("Add one", e.title());
        assertEquals(Difficulty.EASY, e.difficulty());
        assertEquals(List.of("loops"), e.skills());
        assertEquals("add_one", e.function());
        assertEquals(Limits.DEFAULT, e.limits());
        assertEquals(List.of("Add 1."), e.hints());
        assertEquals(3, e.examples().size());
        assertEquals(8, e.tests().size());
        assertEquals("example 1", e.examples().get(0).name());
        assertEquals("[1]", e.examples().get(0).args().toString());
        assertEquals(2, e.examples().get(0).expected().intValue());
        assertTrue(e.examples().get(0).expected().isIntegralNumber());
        assertEquals(Checker.EXACT, e.tests().get(0).checker());
        assertEquals(List.of("wrong-a.py", "wrong-b.py"), e.wrong().stream().map(WrongSolution::file).toList());
        assertEquals("def add_one(n):\n    return n\n", e.wrong().get(0).code());
        assertEquals("returns n", e.wrong().get(0).why());
        assertEquals(List.of(), e.bank(), "the bank is optional");
        assertEquals("def add_one(n):\n    return n + 1\n", e.solution());
        assertEquals("def add_one(n):\n    pass\n", e.starterCode());
        assertTrue(e.statement().startsWith("# Add one"));
        assertEquals("example 1", e.allTests().get(0).name());
        assertEquals("hidden 1", e.allTests().get(3).name());
        assertTrue(c.exercise("nope").isEmpty());
    }

    @Test
    void optionalFieldsAreRead() {
        String y = valid()
                .replace("difficulty: easy", "difficulty: HARD\nlimits:\n  timeMs: 1500\n  memoryMb: 64\n  outputBytes: 2048")
                .replace("    expected: 105\n", "    expected: [1, 2]\n    checker: unordered\n")
                .replace("    expected: 106\n", "    expected: 0.5\n    checker: FLOAT\n");
        course().exercise("add-one", y);
        Exercise e = ContentLoader.load(tmp).exercises().get(0);
        assertEquals(Difficulty.HARD, e.difficulty());
        assertEquals(new Limits(1500, 64, 2048), e.limits());
        assertEquals(Checker.UNORDERED, e.tests().get(3).checker());
        assertEquals(Checker.FLOAT, e.tests().get(4).checker());
    }

    @Test
    void premiumIsFalseUnlessSetAndTheWalkthroughIsRead() {
        course().exercise("add-one", valid());
        Exercise plain = ContentLoader.load(tmp).exercises().get(0);
        assertFalse(plain.premium(), "premium defaults to false");
        assertEquals(CourseFixture.WALKTHROUGH, plain.walkthrough());

        course().exercise("add-one", replaceOnce(valid(), "difficulty: easy\n", "difficulty: easy\npremium: true\n"));
        assertTrue(ContentLoader.load(tmp).exercises().get(0).premium());
        course().exercise("add-one", replaceOnce(valid(), "difficulty: easy\n", "difficulty: easy\npremium: false\n"));
        assertFalse(ContentLoader.load(tmp).exercises().get(0).premium());
    }

    @Test
    void inputsUnchangedIsOffUnlessSetAndATestsOwnSettingOverridesTheExercises() {
        course().exercise("add-one", valid());
        Exercise plain = ContentLoader.load(tmp).exercises().get(0);
        assertFalse(plain.inputsUnchanged());
        assertTrue(plain.allTests().stream().noneMatch(TestCase::inputsUnchanged));

        String y = valid().replace("difficulty: easy", "difficulty: easy\ninputsUnchanged: true")
                .replace("    expected: 105\n", "    expected: 105\n    inputsUnchanged: false\n");
        course().exercise("add-one", y);
        Exercise e = ContentLoader.load(tmp).exercises().get(0);
        assertTrue(e.inputsUnchanged());
        assertTrue(e.examples().stream().allMatch(TestCase::inputsUnchanged), "examples follow the exercise");
        assertFalse(e.tests().get(3).inputsUnchanged(), "a test's own setting wins");
        assertEquals(e.tests().size() - 1, e.tests().stream().filter(TestCase::inputsUnchanged).count());
    }

    @Test
    void typedValuesSurviveYaml() {
        String y = valid()
                .replace("    expected: 102\n", "    expected: \"102\"\n")
                .replace("    expected: 103\n", "    expected: 103.0\n")
                .replace("    expected: 104\n", "    expected: true\n")
                .replace("    expected: 105\n", "    expected: null\n")
                .replace("    expected: 106\n", "    expected: 123456789012345678901234567890\n")
                .replace("    expected: 107\n", "    expected: {\"b\": [1, \"x\"], \"a\": null}\n");
        course().exercise("add-one", y);
        List<TestCase> t = ContentLoader.load(tmp).exercises().get(0).tests();
        assertTrue(t.get(0).expected().isTextual());
        assertTrue(t.get(1).expected().isFloatingPointNumber());
        assertTrue(t.get(2).expected().isBoolean());
        assertTrue(t.get(3).expected().isNull());
        assertEquals("123456789012345678901234567890", t.get(4).expected().bigIntegerValue().toString());
        assertTrue(t.get(5).expected().isObject());
        assertEquals("{\"b\":[1,\"x\"],\"a\":null}", t.get(5).expected().toString());
    }

    @Test
    void aFiftyDeepNestedListInArgsLoads() {
        String deep = "[".repeat(50) + "\"bottom\"" + "]".repeat(50);
        String y = valid().replace("    args: [101]\n", "    args: [[\"top\", " + deep + "]]\n");
        course().exercise("add-one", y);
        JsonNode args = ContentLoader.load(tmp).exercises().get(0).tests().get(0).args();
        JsonNode n = args.get(0).get(1);
        int depth = 0;
        while (n.isArray()) {
            n = n.get(0);
            depth++;
        }
        assertEquals(50, depth);
        assertEquals("bottom", n.asText());
    }

    @Test
    void severalValidExercisesLoadInFolderOrder() {
        CourseFixture c = course();
        c.exercise("ex-0003", "c-three", "hard");
        c.exercise("ex-0001", "a-one", "easy");
        c.exercise("ex-0002", "b-two", "medium");
        Course loaded = ContentLoader.load(tmp);
        assertEquals(List.of("a-one", "b-two", "c-three"), loaded.exercises().stream().map(Exercise::slug).toList());
        assertEquals(List.of(Difficulty.EASY, Difficulty.MEDIUM, Difficulty.HARD),
                loaded.exercises().stream().map(Exercise::difficulty).toList());
    }

    // ---------------------------------------------------------------- one broken field

    static Stream<Arguments> brokenExercises() {
        return Stream.of(
                broken("missing id", y -> replaceOnce(y, "id: ex-0001\n", ""), "id is missing"),
                broken("empty id", y -> replaceOnce(y, "id: ex-0001\n", "id: \"\"\n"), "id is missing"),
                broken("numeric id", y -> replaceOnce(y, "id: ex-0001\n", "id: 17\n"), "id is missing"),
                broken("id with a slash", y -> replaceOnce(y, "id: ex-0001\n", "id: \"ex/0001\"\n"), "id 'ex/0001'"),
                broken("missing slug", y -> replaceOnce(y, "slug: add-one\n", ""), "slug is missing"),
                broken("slug differs from folder", y -> replaceOnce(y, "slug: add-one", "slug: add-two"),
                        "slug 'add-two'", "folder name 'add-one'"),
                broken("missing title", y -> replaceOnce(y, "title: \"Add one\"\n", ""), "title is missing"),
                broken("bad difficulty", y -> replaceOnce(y, "difficulty: easy", "difficulty: trivial"),
                        "difficulty 'trivial'", "easy, medium, hard"),
                broken("missing difficulty", y -> replaceOnce(y, "difficulty: easy\n", ""), "difficulty is missing"),
                broken("unknown skill", y -> replaceOnce(y, "skills: [loops]", "skills: [loops, magic]"),
                        "skills names unknown skill 'magic'"),
                broken("no skills", y -> replaceOnce(y, "skills: [loops]", "skills: []"), "skills must name at least one"),
                broken("missing skills", y -> replaceOnce(y, "skills: [loops]\n", ""), "skills is missing"),
                broken("function not an identifier", y -> replaceOnce(y, "function: add_one", "function: add-one"),
                        "function 'add-one'"),
                broken("missing function", y -> replaceOnce(y, "function: add_one\n", ""), "function is missing"),
                broken("two examples", y -> replaceOnce(y, "  - name: \"example 3\"\n    args: [3]\n    expected: 4\n", ""),
                        "examples needs at least 3", "has 2"),
                broken("no examples", y -> y.replace("examples:\n", "old_examples:\n"), "examples must be a list"),
                broken("seven hidden tests", y -> replaceOnce(y, "  - name: \"hidden 8\"\n    args: [108]\n    expected: 109\n", ""),
                        "tests needs at least 8", "has 7"),
                broken("missing expected", y -> replaceOnce(y, "    expected: 105\n", ""), "tests[3].expected is missing"),
                broken("missing args", y -> replaceOnce(y, "    args: [104]\n", ""), "tests[3].args"),
                broken("args not a list", y -> replaceOnce(y, "    args: [104]\n", "    args: 104\n"), "tests[3].args"),
                broken("missing test name", y -> replaceOnce(y, "  - name: \"hidden 4\"\n", "  - args_before: 1\n"),
                        "tests[3]: name is missing"),
                broken("duplicate test name", y -> replaceOnce(y, "name: \"hidden 2\"", "name: \"example 1\""),
                        "test name 'example 1' is used twice"),
                broken("bad checker", y -> replaceOnce(y, "    expected: 105\n", "    expected: 105\n    checker: fuzzy\n"),
                        "tests[3].checker 'fuzzy'"),
                broken("unordered on a non-list", y -> replaceOnce(y, "    expected: 105\n", "    expected: 105\n    checker: unordered\n"),
                        "tests[3].checker unordered"),
                broken("inputsUnchanged not a boolean", y -> replaceOnce(y, "difficulty: easy\n", "difficulty: easy\ninputsUnchanged: yes please\n"),
                        "inputsUnchanged must be true or false"),
                broken("inputsUnchanged as a string", y -> replaceOnce(y, "difficulty: easy\n", "difficulty: easy\ninputsUnchanged: \"true\"\n"),
                        "inputsUnchanged must be true or false"),
                broken("a test's inputsUnchanged not a boolean", y -> replaceOnce(y, "    expected: 105\n", "    expected: 105\n    inputsUnchanged: 1\n"),
                        "tests[3]: inputsUnchanged must be true or false"),
                broken("typo in inputsUnchanged", y -> replaceOnce(y, "difficulty: easy\n", "difficulty: easy\ninputUnchanged: true\n"),
                        "unknown field 'inputUnchanged'"),
                broken("premium not a boolean", y -> replaceOnce(y, "difficulty: easy\n", "difficulty: easy\npremium: pro\n"),
                        "premium must be true or false"),
                broken("premium as a string", y -> replaceOnce(y, "difficulty: easy\n", "difficulty: easy\npremium: \"true\"\n"),
                        "premium must be true or false"),
                broken("typo in a top-level field", y -> replaceOnce(y, "hints:", "hint:"), "unknown field 'hint'"),
                broken("typo in a test field", y -> replaceOnce(y, "    expected: 105\n", "    expectd: 105\n"),
                        "tests[3]: unknown field 'expectd'"),
                broken("typo in an example field", y -> replaceOnce(y, "    args: [2]\n", "    arg: [2]\n"),
                        "examples[1]: unknown field 'arg'"),
                broken("typo in limits", y -> replaceOnce(y, "difficulty: easy\n", "difficulty: easy\nlimits:\n  timeMS: 100\n"),
                        "limits: unknown field 'timeMS'"),
                broken("limit out of range", y -> replaceOnce(y, "difficulty: easy\n", "difficulty: easy\nlimits:\n  timeMs: 999999\n"),
                        "limits.timeMs"),
                broken("too many hints", y -> replaceOnce(y, "  - \"Add 1.\"\n", "  - \"a\"\n  - \"b\"\n  - \"c\"\n  - \"d\"\n"),
                        "hints: 1 to 3"),
                broken("wrong file not .py", y -> replaceOnce(y, "file: wrong-a.py", "file: wrong-a.txt"),
                        "wrong[0].file 'wrong-a.txt'", ".py"),
                broken("wrong file outside the folder", y -> replaceOnce(y, "file: wrong-b.py", "file: ../wrong-b.py"),
                        "wrong[1].file '../wrong-b.py'"),
                broken("wrong without why", y -> replaceOnce(y, "    why: \"returns n\"\n", ""), "wrong[0]: why is missing"),
                broken("wrong names a missing file", y -> replaceOnce(y, "file: wrong-b.py", "file: wrong-c.py"),
                        "exercises/add-one/wrong-c.py: missing"),
                broken("not a mapping", y -> "- just\n- a list\n", "expected a mapping"),
                broken("not YAML", y -> y + "tests: [unclosed\n", "not valid YAML"));
    }

    static Arguments broken(String name, UnaryOperator<String> mutation, String... fragments) {
        return Arguments.of(name, mutation, List.of(fragments));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenExercises")
    void oneBrokenFieldFailsTheLoadNamingFileAndField(String name, UnaryOperator<String> mutation, List<String> fragments) {
        String y = mutation.apply(valid());
        course().exercise("add-one", y);
        ContentException e = fails();
        assertMentions(e, fragments.toArray(String[]::new));
        // the file at fault is named: exercise.yaml unless the fragments name another file of the folder
        if (fragments.stream().noneMatch(f -> f.startsWith("exercises/add-one/"))) assertMentions(e, YAML);
    }

    // ---------------------------------------------------------------- files

    @Test
    void missingStatementFails() throws Exception {
        Files.delete(course().exercise("ex-0001", "add-one", "easy").resolve("statement.md"));
        assertMentions(fails(), "exercises/add-one/statement.md", "missing");
    }

    @Test
    void emptyStatementFails() throws Exception {
        Files.writeString(course().exercise("ex-0001", "add-one", "easy").resolve("statement.md"), "  \n");
        assertMentions(fails(), "exercises/add-one/statement.md", "empty");
    }

    @Test
    void missingWalkthroughFails() throws Exception {
        Files.delete(course().exercise("ex-0001", "add-one", "easy").resolve("walkthrough.md"));
        assertMentions(fails(), "exercises/add-one/walkthrough.md", "missing");
    }

    @Test
    void blankWalkthroughFails() throws Exception {
        Files.writeString(course().exercise("ex-0001", "add-one", "easy").resolve("walkthrough.md"), "\n \n");
        assertMentions(fails(), "exercises/add-one/walkthrough.md", "empty");
    }

    @Test
    void aWalkthroughShorterThanTheMinimumFailsSayingHowShort() throws Exception {
        Files.writeString(course().exercise("ex-0001", "add-one", "easy").resolve("walkthrough.md"), "# Walkthrough\n\nReturn n + 1.\n");
        assertMentions(fails(), "exercises/add-one/walkthrough.md", "28 characters, at least " + ContentLoader.MIN_WALKTHROUGH_CHARS);
    }

    @Test
    void missingSolutionFails() throws Exception {
        Files.delete(course().exercise("ex-0001", "add-one", "easy").resolve("solution.py"));
        assertMentions(fails(), "exercises/add-one/solution.py", "missing");
    }

    @Test
    void missingStarterFails() throws Exception {
        Files.delete(course().exercise("ex-0001", "add-one", "easy").resolve("starter.py"));
        assertMentions(fails(), "exercises/add-one/starter.py", "missing");
    }

    @Test
    void missingExerciseYamlFails() throws Exception {
        Files.delete(course().exercise("ex-0001", "add-one", "easy").resolve("exercise.yaml"));
        assertMentions(fails(), "exercises/add-one/exercise.yaml", "missing");
    }

    @Test
    void missingContentFolderFails() {
        ContentException e = assertThrows(ContentException.class, () -> ContentLoader.load(tmp.resolve("nope")));
        assertMentions(e, "nope");
    }

    @Test
    void missingSkillsFileFails() {
        new CourseFixture(tmp).exercise("ex-0001", "add-one", "easy");
        assertMentions(fails(), "skills.yaml", "missing");
    }

    // ---------------------------------------------------------------- across exercises

    @Test
    void duplicateIdAcrossExercisesFails() {
        CourseFixture c = course();
        c.exercise("ex-0007", "first-one", "easy");
        c.exercise("ex-0007", "second-one", "easy");
        ContentException e = fails();
        assertMentions(e, "exercises/second-one/exercise.yaml", "id 'ex-0007'", "exercises/first-one");
    }

    @Test
    void aSecondExerciseClaimingAnotherSlugFails() {
        CourseFixture c = course();
        c.exercise("ex-0001", "add-one", "easy");
        c.exercise("copy", CourseFixture.exerciseYaml("ex-0002", "add-one", "easy"));
        ContentException e = fails();
        assertMentions(e, "exercises/copy/exercise.yaml", "slug 'add-one'");
    }

    @Test
    void oneBadExerciseAmongGoodOnesLoadsNothing() {
        CourseFixture c = course();
        c.exercise("ex-0001", "aa-good", "easy");
        c.exercise("ex-0002", "bb-good", "medium");
        c.exercise("mm-bad", replaceOnce(CourseFixture.exerciseYaml("ex-0003", "mm-bad", "easy"), "difficulty: easy", "difficulty: impossible"));
        c.exercise("ex-0004", "zz-good", "hard");
        ContentException e = fails();
        assertMentions(e, "exercises/mm-bad/exercise.yaml", "difficulty 'impossible'", "1 problem");
        assertFalse(e.getMessage().contains("aa-good") || e.getMessage().contains("bb-good") || e.getMessage().contains("zz-good"),
                e.getMessage());
    }

    @Test
    void everyProblemIsNamedAtOnce() throws Exception {
        CourseFixture c = course();
        c.exercise("aa-bad", replaceOnce(CourseFixture.exerciseYaml("ex-0001", "aa-bad", "easy"), "skills: [loops]", "skills: [nope]"));
        Files.delete(c.exercise("ex-0002", "bb-bad", "easy").resolve("solution.py"));
        ContentException e = fails();
        assertMentions(e, "exercises/aa-bad/exercise.yaml", "'nope'", "exercises/bb-bad/solution.py", "2 problems");
    }

    // ---------------------------------------------------------------- skills

    @Test
    void aSkillCycleFails() {
        new CourseFixture(tmp).skills("""
                - id: a
                  title: "A"
                  requires: [b]
                - id: b
                  title: "B"
                  requires: [a]
                """);
        ContentException e = fails();
        assertMentions(e, "skills.yaml", "cycle");
        assertTrue(e.getMessage().contains("a -> b -> a") || e.getMessage().contains("b -> a -> b"), e.getMessage());
    }

    @Test
    void aSelfCycleFails() {
        new CourseFixture(tmp).skills("- id: a\n  title: \"A\"\n  requires: [a]\n");
        assertMentions(fails(), "skills.yaml", "cycle", "a -> a");
    }

    @Test
    void aLongerCycleFailsButADiamondLoads() {
        new CourseFixture(tmp).skills("""
                - {id: a, title: "A", requires: []}
                - {id: b, title: "B", requires: [a]}
                - {id: c, title: "C", requires: [a]}
                - {id: d, title: "D", requires: [b, c]}
                """);
        assertEquals(4, ContentLoader.load(tmp).skills().size());
        new CourseFixture(tmp).skills("""
                - {id: a, title: "A", requires: [d]}
                - {id: b, title: "B", requires: [a]}
                - {id: c, title: "C", requires: [a]}
                - {id: d, title: "D", requires: [b, c]}
                """);
        assertMentions(fails(), "skills.yaml", "cycle");
    }

    @Test
    void anUnknownPrerequisiteFails() {
        new CourseFixture(tmp).skills("- id: a\n  title: \"A\"\n  requires: [zzz]\n");
        assertMentions(fails(), "skills.yaml", "'a'.requires", "unknown skill 'zzz'");
    }

    @Test
    void aDuplicateSkillFails() {
        new CourseFixture(tmp).skills("- {id: a, title: \"A\", requires: []}\n- {id: a, title: \"A2\", requires: []}\n");
        assertMentions(fails(), "skills.yaml", "'a'", "twice");
    }

    @Test
    void aSkillWithoutTitleFails() {
        new CourseFixture(tmp).skills("- {id: a, requires: []}\n");
        assertMentions(fails(), "skills.yaml[0]", "title");
    }

    @Test
    void aSkillIdThatIsNotKebabCaseFails() {
        new CourseFixture(tmp).skills("- {id: Bad_Skill, title: \"B\", requires: []}\n");
        assertMentions(fails(), "skills.yaml[0].id", "Bad_Skill");
    }

    // ---------------------------------------------------------------- the learner-bug bank

    static final String BANK = """
            bank:
              - file: bank/off-by-two.py
                class: off-by-one
                why: "adds 2 to numbers above 100"
                witness: { args: [101] }
              - file: bank/float.py
                class: result-type
                why: "returns a float"
                witness: { args: [7], checker: float }
            """;

    /** The valid course with a two-entry bank; returns the exercise folder. */
    Path courseWithBank(String yaml) {
        Path dir = course().exercise("add-one", valid() + yaml);
        CourseFixture.write(dir.resolve("bank/off-by-two.py"), "def add_one(n):\n    return n + 2 if n > 100 else n + 1\n");
        CourseFixture.write(dir.resolve("bank/float.py"), "def add_one(n):\n    return n + 1.0\n");
        return dir;
    }

    @Test
    void aBankLoadsWithItsWitnesses() {
        courseWithBank(BANK);
        Exercise e = ContentLoader.load(tmp).exercises().get(0);
        assertEquals(List.of("bank/off-by-two.py", "bank/float.py"), e.bank().stream().map(BankEntry::file).toList());
        BankEntry b = e.bank().get(0);
        assertEquals(BugClass.OFF_BY_ONE, b.bugClass());
        assertEquals("adds 2 to numbers above 100", b.why());
        assertEquals("[101]", b.witnessArgs().toString());
        assertEquals(Checker.EXACT, b.checker(), "the examples' checker when the witness names none");
        assertEquals(Checker.FLOAT, e.bank().get(1).checker());
        assertTrue(b.code().contains("n + 2"));
    }

    static Stream<Arguments> brokenBanks() {
        return Stream.of(
                broken("an unknown class", y -> replaceOnce(y, "class: off-by-one", "class: typo"),
                        "bank[0].class 'typo' must be one of", "unicode-case", "negative-division"),
                broken("an unknown field", y -> replaceOnce(y, "    why: \"returns a float\"\n", "    why: \"returns a float\"\n    reason: \"x\"\n"),
                        "bank[1]: unknown field 'reason'"),
                broken("an unknown witness field", y -> replaceOnce(y, "{ args: [101] }", "{ args: [101], expected: 102 }"),
                        "bank[0].witness: unknown field 'expected'"),
                broken("a missing file", y -> replaceOnce(y, "bank/float.py", "bank/floats.py"),
                        "exercises/add-one/bank/floats.py: missing", "exercises/add-one/bank/float.py: not listed under bank:"),
                broken("a file outside bank/", y -> replaceOnce(y, "bank/float.py", "wrong-a.py"),
                        "bank[1].file 'wrong-a.py' must be bank/<name>.py"),
                broken("a file escaping the folder", y -> replaceOnce(y, "bank/float.py", "bank/../solution.py"),
                        "bank[1].file 'bank/../solution.py'"),
                broken("a file listed twice", y -> replaceOnce(y, "bank/float.py", "bank/off-by-two.py"),
                        "bank[1].file 'bank/off-by-two.py' is listed twice"),
                broken("no class", y -> replaceOnce(y, "    class: result-type\n", ""), "bank[1]: class is missing"),
                broken("no why", y -> replaceOnce(y, "    why: \"returns a float\"\n", ""), "bank[1]: why is missing"),
                broken("no witness", y -> replaceOnce(y, "    witness: { args: [101] }\n", ""), "bank[0].witness must be a mapping"),
                broken("witness args not a list", y -> replaceOnce(y, "{ args: [101] }", "{ args: 101 }"),
                        "bank[0].witness.args must be a list"),
                broken("witness args that do not fit the function", y -> replaceOnce(y, "{ args: [101] }", "{ args: [101, 2] }"),
                        "bank[0].witness.args has 2 arguments but the function takes 1"),
                broken("a bad witness checker", y -> replaceOnce(y, "checker: float", "checker: close"),
                        "bank[1].witness.checker 'close'"),
                broken("bank not a list", y -> "bank: bank/float.py\n", "bank must be a list"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenBanks")
    void aBrokenBankFailsTheLoadNamingTheEntry(String name, UnaryOperator<String> mutation, List<String> fragments) {
        courseWithBank(mutation.apply(BANK));
        ContentException e = fails();
        assertMentions(e, fragments.toArray(String[]::new));
        if (fragments.stream().noneMatch(f -> f.startsWith("exercises/add-one/"))) assertMentions(e, YAML);
    }

    @Test
    void aBankFileNobodyListsFails() {
        Path dir = courseWithBank(BANK);
        CourseFixture.write(dir.resolve("bank/forgotten.py"), "def add_one(n):\n    return 0\n");
        assertMentions(fails(), "exercises/add-one/bank/forgotten.py: not listed under bank:");
    }

    @Test
    void aTypoInAWrongSolutionEntryFails() {
        course().exercise("add-one", replaceOnce(valid(), "    why: \"returns n\"\n", "    why: \"returns n\"\n    class: off-by-one\n"));
        assertMentions(fails(), YAML, "wrong[0]: unknown field 'class'");
    }

    // ---------------------------------------------------------------- BUGS

    @Test
    void fewerThanTwoWrongSolutionsFails() {
        String y = replaceOnce(valid(), "  - file: wrong-b.py\n    why: \"returns n + 2\"\n", "");
        course().exercise("add-one", y);
        assertMentions(fails(), YAML, "wrong");
    }

    @Test
    void aTypoInSkillsYamlFails() {
        new CourseFixture(tmp).skills("""
                - id: basics
                  title: "Basics"
                  requires: []
                - id: loops
                  title: "Loops"
                  require: [basics]
                """);
        assertMentions(fails(), "skills.yaml", "require");
    }

    @Test
    void yamlAliasesAreRefused() {
        String y = replaceOnce(valid(), "    expected: 102\n", "    expected: &two [1, 2]\n");
        y = replaceOnce(y, "    expected: 103\n", "    expected: *two\n");
        course().exercise("add-one", y);
        fails();
    }

    @Test
    void duplicateYamlKeysAreRefused() {
        String y = replaceOnce(valid(), "    expected: 102\n", "    expected: 102\n    expected: 999\n");
        course().exercise("add-one", y);
        assertMentions(fails(), YAML, "expected");
    }
}
