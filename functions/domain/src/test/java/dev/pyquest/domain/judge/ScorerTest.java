package dev.pyquest.domain.judge;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pyquest.domain.Json;
import dev.pyquest.domain.content.Checker;
import dev.pyquest.domain.content.Limits;
import dev.pyquest.domain.content.TestCase;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The sandbox report is untrusted: every test here feeds {@link Scorer#score} something a hostile or
 * broken box could write, and checks the verdict (or the JudgeFault) that Java computes.
 */
class ScorerTest {
    /** Public: p1 (exact 6), p2 (exact "abc"), p3 (exact null). Hidden: h1 (exact 42), h2 (unordered), h3 (float). */
    static final JudgeSpec SPEC = new JudgeSpec("ex-0099", "demo", "f", Limits.DEFAULT,
            List.of(tc("p1", "[[1, 2, 3]]", "6", Checker.EXACT),
                    tc("p2", "[\"cba\"]", "\"abc\"", Checker.EXACT),
                    tc("p3", "[]", "null", Checker.EXACT)),
            List.of(tc("h1", "[[40, 2]]", "42", Checker.EXACT),
                    tc("h2", "[[3, 1, 1]]", "[1, 1, 3]", Checker.UNORDERED),
                    tc("h3", "[0.1, 0.2]", "0.3", Checker.FLOAT)));

    static TestCase tc(String name, String args, String expected, Checker c) {
        return new TestCase(name, JsonEqualityTest.j(args), JsonEqualityTest.j(expected), c);
    }

    /** Single quotes stand for double quotes, so reports stay readable. */
    static String q(String s) {
        return s.replace('\'', '"');
    }

    static String ok(String name, String value) {
        return q("{'name':'" + name + "','status':'OK','value':" + value + ",'stdout':'','timeMs':1}");
    }

    static String status(String name, String status, String error) {
        return q("{'name':'" + name + "','status':'" + status + "','error':'" + error + "','stdout':'','timeMs':1}");
    }

    static final String[] ALL_PASS = {
            ok("p1", "6"), ok("p2", "'abc'"), ok("p3", "null"),
            ok("h1", "42"), ok("h2", "[3, 1, 1]"), ok("h3", "0.30000000000000004")};

    static byte[] report(String... results) {
        return q("{'compile':{'ok':true},'results':[" + String.join(",", results) + "]}").getBytes(StandardCharsets.UTF_8);
    }

    static byte[] report(List<String> results) {
        return report(results.toArray(String[]::new));
    }

    static Verdict score(byte[] report) {
        return Scorer.score(SPEC, report);
    }

    static List<String> allPassWith(int i, String result) {
        List<String> r = new ArrayList<>(List.of(ALL_PASS));
        r.set(i, result);
        return r;
    }

    static TestResult only(int i, String result) {
        return score(report(allPassWith(i, result))).tests().get(i);
    }

    // ---------------------------------------------------------------- happy path

    @Test
    void aFullyPassingReportPassesEveryTestInSpecOrder() {
        Verdict v = score(report(ALL_PASS));
        assertEquals(6, v.total());
        assertEquals(6, v.passed());
        assertTrue(v.allPassed());
        assertEquals(List.of("p1", "p2", "p3", "h1", "h2", "h3"), v.tests().stream().map(TestResult::name).toList());
        v.tests().forEach(t -> assertEquals(TestStatus.PASSED, t.status(), t.name()));
        assertEquals(List.of(TestResult.Visibility.PUBLIC, TestResult.Visibility.PUBLIC, TestResult.Visibility.PUBLIC,
                        TestResult.Visibility.HIDDEN, TestResult.Visibility.HIDDEN, TestResult.Visibility.HIDDEN),
                v.tests().stream().map(TestResult::visibility).toList());
    }

    @Test
    void eachTestUsesItsOwnChecker() {
        // h2 is unordered but a multiset: a missing duplicate fails
        assertEquals(TestStatus.WRONG_ANSWER, only(4, ok("h2", "[1, 3, 3]")).status());
        assertEquals(TestStatus.PASSED, only(4, ok("h2", "[1, 3, 1]")).status());
        // h3 is float: 0.3 within tolerance, 0.31 not
        assertEquals(TestStatus.PASSED, only(5, ok("h3", "0.3")).status());
        assertEquals(TestStatus.WRONG_ANSWER, only(5, ok("h3", "0.31")).status());
        // p1 is exact: 6.0 is not 6
        assertEquals(TestStatus.WRONG_ANSWER, only(0, ok("p1", "6.0")).status());
    }

    // ---------------------------------------------------------------- not a report

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "hello", "{", "}", "{'compile':", "[]", "[{'compile':{'ok':true},'results':[]}]",
            "42", "'just a string'", "null", "true", "{}", "{'results':[]}", "{'compile':true,'results':[]}",
            "{'compile':[],'results':[]}", "{'compile':{'ok':true}}", "{'compile':{'ok':true},'results':{}}",
            "{'compile':{'ok':true},'results':'[]'}", "{'compile':{'ok':true},'results':null}", "NaN",
            "{'compile':{'ok':true},'results':[{'name':'p1','status':'OK','value':NaN}]}"})
    void garbageIsAJudgeFault(String s) {
        assertThrows(JudgeFault.class, () -> score(q(s).getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void emptyReportIsAJudgeFault() {
        assertThrows(JudgeFault.class, () -> score(new byte[0]));
    }

    @Test
    void invalidUtf8IsAJudgeFault() {
        // the runner writes ASCII only; broken UTF-8 inside a string means the report is not ours
        byte[] r = report(allPassWith(0, q("{'name':'p1','status':'OK','value':6,'stdout':'@@'}")));
        String s = new String(r, StandardCharsets.ISO_8859_1);
        int at = s.indexOf("@@");
        r[at] = (byte) 0xC3;
        r[at + 1] = (byte) 0x28;
        byte[] bad = r;
        assertThrows(JudgeFault.class, () -> score(bad));
    }

    @Test
    void everyTruncationOfAReportIsAJudgeFault() {
        byte[] full = report(ALL_PASS);
        assertEquals(6, score(full).passed());
        for (int len = 0; len < full.length; len++) {
            byte[] cut = java.util.Arrays.copyOf(full, len);
            int l = len;
            assertThrows(JudgeFault.class, () -> score(cut), () -> "truncated to " + l + " bytes was accepted");
        }
    }

    @Test
    void tenThousandDeepNestingIsAJudgeFaultNotAStackOverflow() {
        String deep = "[".repeat(10_000) + "]".repeat(10_000);
        assertThrows(JudgeFault.class, () -> score(report(allPassWith(0, ok("p1", deep)))));
        String deepObj = "{'a':".repeat(10_000) + "1" + "}".repeat(10_000);
        assertThrows(JudgeFault.class, () -> score(report(allPassWith(0, ok("p1", q(deepObj))))));
        assertThrows(JudgeFault.class, () -> score(deep.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void moderatelyNestedValuesAreJudgedNormally() {
        String nested = "[".repeat(100) + "]".repeat(100);
        TestResult r = only(0, ok("p1", nested));
        assertEquals(TestStatus.WRONG_ANSWER, r.status());
    }

    @Test
    void aFiftyMegabyteStringIsBounded() {
        String huge = "a".repeat(50 << 20);
        byte[] r = report(allPassWith(0, q("{'name':'p1','status':'OK','value':6,'stdout':'" + huge + "'}")));
        Verdict v;
        try {
            v = score(r);
        } catch (JudgeFault expected) {
            return; // rejected: fine
        }
        // or accepted, but never shown in full
        assertTrue(v.tests().get(0).stdout().length() <= Scorer.STDOUT_SHOWN + 1);
    }

    @Test
    void aHugeValueStringIsRejected() {
        String huge = "b".repeat(50 << 20);
        assertThrows(JudgeFault.class, () -> score(report(allPassWith(1, ok("p2", "'" + huge + "'")))));
    }

    @Test
    void aHugeNumberIsRejected() {
        String digits = "9".repeat(100_000);
        assertThrows(JudgeFault.class, () -> score(report(allPassWith(3, ok("h1", digits)))));
    }

    // ---------------------------------------------------------------- statuses

    @ParameterizedTest
    @ValueSource(strings = {"PASSED", "passed", "ok", "Ok", "WRONG_ANSWER", "SYNTAX_ERROR", "ERROR", "", "OK ", "💥"})
    void unknownStatusIsAJudgeFault(String s) {
        assertThrows(JudgeFault.class,
                () -> score(report(allPassWith(3, q("{'name':'h1','status':'" + s + "','value':42}")))));
    }

    @Test
    void missingOrNonStringStatusIsAJudgeFault() {
        assertThrows(JudgeFault.class, () -> score(report(allPassWith(3, q("{'name':'h1','value':42}")))));
        assertThrows(JudgeFault.class, () -> score(report(allPassWith(3, q("{'name':'h1','status':null,'value':42}")))));
        assertThrows(JudgeFault.class, () -> score(report(allPassWith(3, q("{'name':'h1','status':1,'value':42}")))));
        assertThrows(JudgeFault.class, () -> score(report(allPassWith(3, q("{'name':'h1','status':['OK'],'value':42}")))));
    }

    @Test
    void theBoxCannotDeclareATestPassed() {
        // the box reports OK, never PASSED; PASSED with the right value is still refused
        assertThrows(JudgeFault.class,
                () -> score(report(allPassWith(3, q("{'name':'h1','status':'PASSED','value':42}")))));
    }

    @Test
    void limitAndErrorStatusesMapToTheirVerdicts() {
        assertEquals(TestStatus.TIME_LIMIT, only(3, status("h1", "TIME_LIMIT", "slow")).status());
        assertEquals(TestStatus.MEMORY_LIMIT, only(3, status("h1", "MEMORY_LIMIT", "big")).status());
        assertEquals(TestStatus.OUTPUT_LIMIT, only(3, status("h1", "OUTPUT_LIMIT", "loud")).status());
        assertEquals(TestStatus.RUNTIME_ERROR, only(3, status("h1", "RUNTIME_ERROR", "ValueError: x")).status());
        assertEquals(TestStatus.RUNTIME_ERROR, only(3, status("h1", "NO_FUNCTION", "no f()")).status());
        assertEquals(TestStatus.WRONG_ANSWER, only(3, status("h1", "NOT_JSON", "a set")).status());
        Verdict v = score(report(allPassWith(3, status("h1", "TIME_LIMIT", "slow"))));
        assertEquals(5, v.passed());
        assertFalse(v.allPassed());
    }

    // ---------------------------------------------------------------- order, names, counts

    @Test
    void resultsOutOfOrderAreAJudgeFault() {
        List<String> r = new ArrayList<>(List.of(ALL_PASS));
        java.util.Collections.swap(r, 0, 1);
        assertThrows(JudgeFault.class, () -> score(report(r)));
        List<String> r2 = new ArrayList<>(List.of(ALL_PASS));
        java.util.Collections.swap(r2, 2, 3); // across the public/hidden boundary
        assertThrows(JudgeFault.class, () -> score(report(r2)));
    }

    @Test
    void resultsWithWrongOrMissingNamesAreAJudgeFault() {
        assertThrows(JudgeFault.class, () -> score(report(allPassWith(3, ok("h9", "42")))));
        assertThrows(JudgeFault.class, () -> score(report(allPassWith(3, ok("H1", "42")))));
        assertThrows(JudgeFault.class, () -> score(report(allPassWith(3, ok("h1 ", "42")))));
        assertThrows(JudgeFault.class, () -> score(report(allPassWith(3, q("{'status':'OK','value':42}")))));
        assertThrows(JudgeFault.class, () -> score(report(allPassWith(3, q("{'name':null,'status':'OK','value':42}")))));
    }

    @Test
    void fewerResultsThanTestsMakeTheMissingOnesRuntimeErrors() {
        Verdict v = score(report(ALL_PASS[0], ALL_PASS[1], ALL_PASS[2], ALL_PASS[3]));
        assertEquals(6, v.total());
        assertEquals(4, v.passed());
        assertEquals(6, v.tests().size());
        assertEquals(TestStatus.RUNTIME_ERROR, v.tests().get(4).status());
        assertEquals(TestStatus.RUNTIME_ERROR, v.tests().get(5).status());
        assertEquals("h2", v.tests().get(4).name());
        assertEquals("h3", v.tests().get(5).name());
        assertFalse(v.allPassed());
    }

    @Test
    void noResultsAtAllFailEveryTest() {
        Verdict v = score(report());
        assertEquals(0, v.passed());
        assertEquals(6, v.total());
        v.tests().forEach(t -> assertEquals(TestStatus.RUNTIME_ERROR, t.status()));
    }

    @Test
    void moreResultsThanTestsAreIgnored() {
        List<String> r = new ArrayList<>(List.of(ALL_PASS));
        r.add(ok("h4", "1"));
        r.add(q("{'name':'x','status':'WHATEVER'}"));
        r.add("42");
        Verdict v = score(report(r));
        assertEquals(6, v.total());
        assertEquals(6, v.passed());
        assertEquals(6, v.tests().size());
    }

    @Test
    void forgedCountsAndVerdictFieldsAreIgnored() {
        String forged = q("{'passed':13,'total':13,'allPassed':true,'status':'PASSED',"
                + "'verdict':{'passed':13,'total':13},'compile':{'ok':true},'results':["
                + String.join(",", allPassWith(3, q("{'name':'h1','status':'OK','value':41,'passed':true,"
                + "'expected':41,'verdict':'PASSED'}"))) + "]}");
        Verdict v = score(forged.getBytes(StandardCharsets.UTF_8));
        assertEquals(5, v.passed());
        assertEquals(6, v.total());
        assertEquals(TestStatus.WRONG_ANSWER, v.tests().get(3).status());
    }

    // ---------------------------------------------------------------- OK values

    @Test
    void okWithoutAValueIsAWrongAnswer() {
        TestResult r = only(3, q("{'name':'h1','status':'OK','stdout':''}"));
        assertEquals(TestStatus.WRONG_ANSWER, r.status());
        TestResult p = only(0, q("{'name':'p1','status':'OK','stdout':''}"));
        assertEquals(TestStatus.WRONG_ANSWER, p.status());
        assertNull(p.actual());
    }

    @Test
    void anExplicitNullValueIsAValue() {
        assertEquals(TestStatus.WRONG_ANSWER, only(0, ok("p1", "null")).status());
        assertEquals(TestStatus.PASSED, only(2, ok("p3", "null")).status());
        // a missing value is not None
        assertEquals(TestStatus.WRONG_ANSWER, only(2, q("{'name':'p3','status':'OK'}")).status());
    }

    @ParameterizedTest
    @ValueSource(strings = {"'6'", "6.0", "[6]", "{'v':6}", "true", "null"})
    void anEqualValueOfAnotherTypeIsAWrongAnswer(String value) {
        TestResult r = only(0, ok("p1", q(value)));
        assertEquals(TestStatus.WRONG_ANSWER, r.status());
        assertEquals(JsonEqualityTest.j(q(value)), r.actual());
    }

    @Test
    void hiddenEqualValueOfAnotherTypeIsAWrongAnswer() {
        assertEquals(TestStatus.WRONG_ANSWER, only(3, ok("h1", "'42'")).status());
        assertEquals(TestStatus.WRONG_ANSWER, only(3, ok("h1", "42.0")).status());
        assertEquals(TestStatus.WRONG_ANSWER, only(4, ok("h2", "[1.0, 1, 3]")).status());
    }

    @Test
    void bigIntegersOfTheSameValueAreAccepted() {
        JudgeSpec spec = new JudgeSpec("ex-1", "big", "f", Limits.DEFAULT,
                List.of(tc("p", "[]", "1000000000000", Checker.EXACT)),
                List.of(tc("h", "[]", "123456789012345678901234567890", Checker.EXACT)));
        Verdict v = Scorer.score(spec, report(ok("p", "1000000000000"), ok("h", "123456789012345678901234567890")));
        assertEquals(2, v.passed());
    }

    // ---------------------------------------------------------------- syntax error

    @Test
    void aSyntaxErrorFailsEveryTestWithItsPosition() {
        byte[] r = q("{'compile':{'ok':false,'line':3,'column':5,'message':'invalid syntax'},'results':[]}")
                .getBytes(StandardCharsets.UTF_8);
        Verdict v = score(r);
        assertEquals(0, v.passed());
        assertEquals(6, v.total());
        assertEquals(6, v.tests().size());
        for (TestResult t : v.tests()) {
            assertEquals(TestStatus.SYNTAX_ERROR, t.status(), t.name());
            assertEquals("line 3, column 5: invalid syntax", t.message());
            assertNull(t.expected());
            assertNull(t.actual());
            assertNull(t.stdout());
        }
        assertEquals(List.of("p1", "p2", "p3", "h1", "h2", "h3"), v.tests().stream().map(TestResult::name).toList());
    }

    @Test
    void aSyntaxErrorReportCannotSmuggleInPassingResults() {
        byte[] r = q("{'compile':{'ok':false,'line':1,'column':1,'message':'bad'},'results':["
                + String.join(",", ALL_PASS) + "]}").getBytes(StandardCharsets.UTF_8);
        Verdict v = score(r);
        assertEquals(0, v.passed());
        v.tests().forEach(t -> assertEquals(TestStatus.SYNTAX_ERROR, t.status()));
    }

    @Test
    void aLongSyntaxMessageIsCapped() {
        String msg = "m".repeat(100_000);
        byte[] r = q("{'compile':{'ok':false,'line':1,'column':2,'message':'" + msg + "'},'results':[]}")
                .getBytes(StandardCharsets.UTF_8);
        String shown = score(r).tests().get(0).message();
        assertTrue(shown.startsWith("line 1, column 2: mmm"));
        assertTrue(shown.length() < 2100, "length " + shown.length());
    }

    // ---------------------------------------------------------------- what learners see

    @Test
    void publicTestsShowExpectedActualAndStdout() {
        TestResult r = only(0, q("{'name':'p1','status':'OK','value':7,'stdout':'hello\\n'}"));
        assertEquals(TestStatus.WRONG_ANSWER, r.status());
        assertEquals(TestResult.Visibility.PUBLIC, r.visibility());
        assertEquals(JsonEqualityTest.j("6"), r.expected());
        assertEquals(JsonEqualityTest.j("7"), r.actual());
        assertEquals("hello\n", r.stdout());

        TestResult passed = only(1, q("{'name':'p2','status':'OK','value':'abc','stdout':'dbg'}"));
        assertEquals(TestStatus.PASSED, passed.status());
        assertEquals(JsonEqualityTest.j("\"abc\""), passed.expected());
        assertEquals(JsonEqualityTest.j("\"abc\""), passed.actual());
        assertEquals("dbg", passed.stdout());
    }

    @Test
    void publicRuntimeErrorShowsTheMessageAndTraceback() {
        TestResult r = only(0, q("{'name':'p1','status':'RUNTIME_ERROR','error':'ZeroDivisionError: division by zero',"
                + "'traceback':'File <solution>, line 2','stdout':'before'}"));
        assertEquals(TestStatus.RUNTIME_ERROR, r.status());
        assertTrue(r.message().contains("ZeroDivisionError: division by zero"), r.message());
        assertTrue(r.message().contains("line 2"), r.message());
        assertEquals("before", r.stdout());
        assertEquals(JsonEqualityTest.j("6"), r.expected());
    }

    static final String SECRET = "SECRET-31337";

    @Test
    void hiddenTestsNeverExposeExpectedActualOrStdout() {
        List<String> results = new ArrayList<>(List.of(ALL_PASS));
        results.set(3, q("{'name':'h1','status':'OK','value':'" + SECRET + "-value','stdout':'" + SECRET + "-out'}"));
        results.set(4, q("{'name':'h2','status':'OK','value':[3,1,1],'stdout':'" + SECRET + "-out2'}"));
        results.set(5, q("{'name':'h3','status':'NOT_JSON','error':'" + SECRET + "-notjson','stdout':'" + SECRET + "'}"));
        Verdict v = score(report(results));
        for (TestResult t : v.tests().subList(3, 6)) {
            assertEquals(TestResult.Visibility.HIDDEN, t.visibility());
            assertNull(t.expected(), t.name());
            assertNull(t.actual(), t.name());
            assertNull(t.stdout(), t.name());
            assertFalse(t.message().contains(SECRET), t.message());
        }
        assertEquals(TestStatus.WRONG_ANSWER, v.tests().get(3).status());
        assertEquals(TestStatus.PASSED, v.tests().get(4).status());
        assertEquals(TestStatus.WRONG_ANSWER, v.tests().get(5).status());
    }

    @Test
    void hiddenTestsSerialiseWithoutExpectedActualOrStdout() throws Exception {
        List<String> results = new ArrayList<>(List.of(ALL_PASS));
        results.set(3, q("{'name':'h1','status':'OK','value':'" + SECRET + "','stdout':'" + SECRET + "'}"));
        String json = Json.MAPPER.writeValueAsString(score(report(results)));
        JsonNode tests = Json.MAPPER.readTree(json).get("tests");
        for (int i = 3; i < 6; i++) {
            JsonNode t = tests.get(i);
            assertEquals("hidden", t.get("visibility").asText());
            assertFalse(t.has("expected") || t.has("actual") || t.has("stdout"), t.toString());
        }
        assertEquals("public", tests.get(0).get("visibility").asText());
        assertTrue(tests.get(0).has("expected"));
        assertFalse(json.contains(SECRET));
        assertFalse(json.contains("42"), "the hidden expected value 42 leaked: " + json);
    }

    @Test
    void aHiddenRuntimeErrorShowsOurWordsAndNoExceptionTypeMessageTracebackOrStdout() {
        TestResult r = only(3, q("{'name':'h1','status':'RUNTIME_ERROR','error':'ValueError: bad input [40, 2] "
                + SECRET + "','traceback':'File <solution>, line 9, in f: " + SECRET + "','stdout':'" + SECRET + "'}"));
        assertEquals(TestStatus.RUNTIME_ERROR, r.status());
        assertEquals("the code raised an exception on a hidden test", r.message());
        assertNull(r.stdout());
        assertNull(r.expected());
    }

    @Test
    void aHiddenTestsMessageIsChosenByItsStatusAloneWhateverTheBoxWrote() {
        // The learner's code picks the exception type (about 5.6 bits among Python's own), a class
        // name (class Input_300(Exception)) and every text of a forged result frame: none may show.
        java.util.Map<String, TestStatus> statuses = new java.util.LinkedHashMap<>();
        statuses.put("RUNTIME_ERROR", TestStatus.RUNTIME_ERROR);
        statuses.put("NO_FUNCTION", TestStatus.RUNTIME_ERROR);
        statuses.put("NOT_JSON", TestStatus.WRONG_ANSWER);
        statuses.put("TIME_LIMIT", TestStatus.TIME_LIMIT);
        statuses.put("MEMORY_LIMIT", TestStatus.MEMORY_LIMIT);
        statuses.put("OUTPUT_LIMIT", TestStatus.OUTPUT_LIMIT);
        statuses.put("NOT_RUN", TestStatus.NOT_RUN);
        statuses.put("INPUT_CHANGED", TestStatus.INPUT_CHANGED);
        for (String error : List.of("Input_300: x", "ZeroDivisionError: division by zero", "ValueError", SECRET)) {
            statuses.forEach((reported, shown) -> {
                TestResult r = only(3, q("{'name':'h1','status':'" + reported + "','error':'" + error
                        + "','traceback':'" + error + "','stdout':'" + error + "'}"));
                assertEquals(shown, r.status(), reported);
                assertEquals(Scorer.HIDDEN_MESSAGES.get(shown), r.message(), reported + " / " + error);
                assertNull(r.stdout());
                assertNull(r.actual());
            });
        }
        assertEquals(Scorer.HIDDEN_MESSAGES.get(TestStatus.WRONG_ANSWER),
                only(3, q("{'name':'h1','status':'OK','value':7,'stdout':'" + SECRET + "'}")).message());
        // Public tests keep the learner's own message: their inputs are public anyway.
        TestResult pub = only(0, q("{'name':'p1','status':'RUNTIME_ERROR','error':'Input_6: x','stdout':''}"));
        assertTrue(pub.message().startsWith("Input_6: x"), pub.message());
    }

    // ---------------------------------------------------------------- inputs unchanged

    @Test
    void aPublicTestWhoseArgumentChangedFailsShowingTheArgumentBeforeAndAfterAndWhatWasReturned() {
        TestResult r = only(0, q("{'name':'p1','status':'INPUT_CHANGED','argument':1,'after':[3, 2, 1],'value':6,"
                + "'error':'the function changed argument 1 in place','stdout':'hi'}"));
        assertEquals(TestStatus.INPUT_CHANGED, r.status());
        assertEquals("your function changed its argument 1 in place: before [1, 2, 3], after [3, 2, 1];"
                + " leave it as it is and return a new list instead", r.message());
        assertEquals(JsonEqualityTest.j("6"), r.actual());
        assertEquals(JsonEqualityTest.j("6"), r.expected());
        assertEquals("hi", r.stdout());
    }

    @Test
    void anArgumentIsShownAsPythonPrintsItAndCutWhenLong() {
        assertEquals("{\"a\": [1, 2.5, null, true], \"b\\\"\": {}}", Scorer.shown(JsonEqualityTest.j("{\"a\": [1, 2.5, null, true], \"b\\\"\": {}}")));
        String big = Scorer.shown(JsonEqualityTest.j("[" + "1234567890, ".repeat(10_000) + "0]"));
        assertTrue(big.length() <= 301 && big.endsWith("…"), big);
    }

    @Test
    void aChangedArgumentFailsTheTestEvenWhenTheReturnedValueIsRight() {
        Verdict v = score(report(allPassWith(0, q("{'name':'p1','status':'INPUT_CHANGED','argument':1,'value':6,'stdout':''}"))));
        assertEquals(5, v.passed());
        assertFalse(v.allPassed());
        assertTrue(v.tests().get(0).message().contains("after something that is not plain data"), v.tests().get(0).message());
    }

    @Test
    void anArgumentPositionTheTestDoesNotHaveGivesTheGeneralMessage() {
        for (String position : List.of("0", "2", "-1", "'1'", "null", "1.5")) {
            TestResult r = only(0, q("{'name':'p1','status':'INPUT_CHANGED','argument':" + position + ",'after':[1],'stdout':''}"));
            assertEquals(TestStatus.INPUT_CHANGED, r.status(), position);
            assertEquals("your function changed one of its arguments in place: leave the arguments as they are and return a new value",
                    r.message(), position);
        }
    }

    @Test
    void aHiddenTestWhoseArgumentChangedShowsOurWordsOnlyNeitherTheArgumentNorItsValues() {
        TestResult r = only(3, q("{'name':'h1','status':'INPUT_CHANGED','argument':1,'after':[40, 2, 300],'value':42,"
                + "'error':'" + SECRET + "','stdout':'" + SECRET + "'}"));
        assertEquals(TestStatus.INPUT_CHANGED, r.status());
        assertEquals("your function changed an argument it was given on a hidden test: leave the arguments as they are and return a new value",
                r.message());
        assertNull(r.actual());
        assertNull(r.expected());
        assertNull(r.stdout());
    }

    @Test
    void aTestNotRunAfterATimeOutIsShownAsNotRunWithOurWords() {
        TestResult r = only(0, q("{'name':'p1','status':'NOT_RUN','error':'not run: an earlier test ran out of time','stdout':''}"));
        assertEquals(TestStatus.NOT_RUN, r.status());
        assertEquals("not run: an earlier test ran out of time", r.message());
    }

    @Test
    void hiddenLimitStatusesShowNoStdout() {
        for (String s : List.of("TIME_LIMIT", "MEMORY_LIMIT", "OUTPUT_LIMIT", "NO_FUNCTION")) {
            TestResult r = only(3, q("{'name':'h1','status':'" + s + "','error':'x','stdout':'" + SECRET + "'}"));
            assertNull(r.stdout(), s);
            assertNull(r.expected(), s);
            assertNull(r.actual(), s);
        }
    }

    @Test
    void publicStdoutIsCappedAt4096Characters() {
        assertEquals(4096, Scorer.STDOUT_SHOWN);
        String out = "0123456789".repeat(1000);
        TestResult r = only(0, q("{'name':'p1','status':'OK','value':6,'stdout':'" + out + "'}"));
        assertTrue(r.stdout().startsWith(out.substring(0, 4096)));
        // the first 4096 characters, then a one-character truncation mark
        assertEquals(4096 + 1, r.stdout().length());
        assertFalse(r.stdout().contains(out.substring(0, 4096 + 1)));

        String exact = "x".repeat(4096);
        assertEquals(exact, only(0, q("{'name':'p1','status':'OK','value':6,'stdout':'" + exact + "'}")).stdout());
    }

    @Test
    void publicRuntimeErrorMessageIsCapped() {
        String tb = "t".repeat(200_000);
        TestResult r = only(0, q("{'name':'p1','status':'RUNTIME_ERROR','error':'E: e','traceback':'" + tb + "'}"));
        assertTrue(r.message().length() <= 2049, "length " + r.message().length());
    }

    // ---------------------------------------------------------------- BUGS

    @Test
    void trailingDataAfterTheReportIsAJudgeFault() {
        byte[] good = report(ALL_PASS);
        byte[] withTrailer = (new String(good, StandardCharsets.UTF_8)
                + q("{'compile':{'ok':true},'results':[]}")).getBytes(StandardCharsets.UTF_8);
        assertThrows(JudgeFault.class, () -> score(withTrailer));
        byte[] garbage = (new String(good, StandardCharsets.UTF_8) + " trailing garbage").getBytes(StandardCharsets.UTF_8);
        assertThrows(JudgeFault.class, () -> score(garbage));
    }

    @Test
    void duplicateKeysAreAJudgeFault() {
        assertThrows(JudgeFault.class, () -> score(report(allPassWith(3,
                q("{'name':'h1','status':'RUNTIME_ERROR','status':'OK','value':41,'value':42}")))));
    }

    @Test
    void aCompileSectionWithoutOkIsAJudgeFault() {
        assertThrows(JudgeFault.class, () -> score(q("{'compile':{},'results':[]}").getBytes(StandardCharsets.UTF_8)));
        assertThrows(JudgeFault.class, () -> score(q("{'compile':{'ok':'yes'},'results':[]}").getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aResultThatIsNotAnObjectIsAJudgeFault() {
        assertThrows(JudgeFault.class, () -> score(report(allPassWith(3, "42"))));
        assertThrows(JudgeFault.class, () -> score(report(allPassWith(3, q("'h1'")))));
    }

    @Test
    void aNullResultCountsAsMissing() {
        // documents current behaviour: a null entry is treated like a missing result
        assertNotNull(score(report(allPassWith(3, "null"))));
        assertEquals(TestStatus.RUNTIME_ERROR, score(report(allPassWith(3, "null"))).tests().get(3).status());
    }
}
