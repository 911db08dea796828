package dev.pyquest.asl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class StateMachineParseTest {

    private static String refusal(String definition) {
        return refusal(definition, Map.of());
    }

    private static String refusal(String definition, Map<String, String> subs) {
        return assertThrows(IllegalArgumentException.class, () -> StateMachine.parse(Fakes.def(definition), subs))
                .getMessage();
    }

    /** A one-state machine whose single state 'S' has the given extra fields. */
    private static String task(String extra) {
        return "{'StartAt':'S','States':{'S':{'Type':'Task','Resource':'r','End':true" + extra + "}}}";
    }

    private static void assertRefused(String expectedFragment, String definition) {
        String msg = refusal(definition);
        assertTrue(msg.contains(expectedFragment), "message was: " + msg);
    }

    @Test
    void unknownStateFieldNamesStateAndField() {
        assertEquals("state 'S': unsupported field 'HeartbeatSeconds'", refusal(task(",'HeartbeatSeconds':5")));
        assertEquals("state 'S': unsupported field 'Credentials'", refusal(task(",'Credentials':{}")));
        assertEquals("state 'P': unsupported field 'ResultSelector'", refusal(
                "{'StartAt':'P','States':{'P':{'Type':'Pass','ResultSelector':{},'End':true}}}"));
        assertEquals("state 'F': unsupported field 'ErrorPath'", refusal(
                "{'StartAt':'F','States':{'F':{'Type':'Fail','ErrorPath':'$.e'}}}"));
        assertEquals("state 'C': unsupported field 'Next'", refusal(
                "{'StartAt':'C','States':{'C':{'Type':'Choice','Next':'C','Choices':[{'Variable':'$.a','IsNull':true,'Next':'C'}]}}}"));
        assertEquals("state 'S': unsupported field 'QueryLanguage'", refusal(task(",'QueryLanguage':'JSONata'")));
    }

    @Test
    void unknownTopLevelField() {
        assertEquals("unsupported top-level field 'QueryLanguage'", refusal(
                "{'QueryLanguage':'JSONPath','StartAt':'S','States':{'S':{'Type':'Succeed'}}}"));
        assertRefused("'Version' must be \"1.0\"",
                "{'Version':'2.0','StartAt':'S','States':{'S':{'Type':'Succeed'}}}");
    }

    @ParameterizedTest
    @CsvSource({"Map", "Parallel"})
    void mapAndParallelAreRefused(String type) {
        String msg = refusal("{'StartAt':'X','States':{'X':{'Type':'" + type + "','End':true}}}");
        assertEquals("state 'X': unsupported state type '" + type
                + "' (Map and Parallel states are not supported by the local ASL interpreter)", msg);
    }

    @Test
    void unknownStateType() {
        assertRefused("state 'X': unsupported state type 'Sleep'",
                "{'StartAt':'X','States':{'X':{'Type':'Sleep','End':true}}}");
    }

    @Test
    void unsupportedIntrinsicsAreRefused() {
        String def = """
                {"StartAt":"S","States":{"S":{"Type":"Pass","Parameters":{"id.$":"States.UUID()"},"End":true}}}""";
        String msg = assertThrows(IllegalArgumentException.class, () -> StateMachine.parse(def, Map.of())).getMessage();
        assertTrue(msg.startsWith("state 'S': field 'Parameters.id.$': unsupported intrinsic function 'States.UUID'"), msg);
        String nested = """
                {"StartAt":"S","States":{"S":{"Type":"Task","Resource":"r",
                  "ResultSelector":{"a":{"b.$":"States.Format('{}', States.ArrayLength($.x))"}},"End":true}}}""";
        msg = assertThrows(IllegalArgumentException.class, () -> StateMachine.parse(nested, Map.of())).getMessage();
        assertTrue(msg.contains("field 'ResultSelector.a.b.$'") && msg.contains("'States.ArrayLength'"), msg);
    }

    @Test
    void malformedIntrinsicsAreRefused() {
        for (String expr : new String[] {
                "States.Format('{} {}', $.a)", "States.Format($.a)", "States.JsonToString($.a, $.b)",
                "States.StringToJson($.a", "States.Format('a { b')", "States.Format('x', $.a) trailing"}) {
            String def = "{\"StartAt\":\"S\",\"States\":{\"S\":{\"Type\":\"Pass\",\"Parameters\":{\"v.$\":\""
                    + expr.replace("'", "\\u0027") + "\"},\"End\":true}}}";
            String msg = assertThrows(IllegalArgumentException.class, () -> StateMachine.parse(def, Map.of()),
                    expr).getMessage();
            assertTrue(msg.startsWith("state 'S': field 'Parameters.v.$'"), msg);
        }
    }

    @Test
    void dynamicValueMustBePathOrIntrinsic() {
        assertRefused("state 'S': field 'Parameters.v.$' must be a path ($..., $$...) or an intrinsic function",
                task(",'Parameters':{'v.$':'literal'}"));
        assertRefused("state 'S': field 'Parameters.v.$' must be a string", task(",'Parameters':{'v.$':1}"));
        assertRefused("produces the key 'v' twice", task(",'Parameters':{'v.$':'$.a','v':1}"));
    }

    @Test
    void unsupportedPathsAreRefused() {
        assertRefused("state 'S': field 'Parameters.v.$': unsupported path '$.items[*]'",
                task(",'Parameters':{'v.$':'$.items[*]'}"));
        assertRefused("unsupported path '$..name'", task(",'InputPath':'$..name'"));
        assertRefused("unsupported path '$.a[?(@.b)]'", task(",'OutputPath':'$.a[?(@.b)]'"));
        assertRefused("unsupported path '$.a[0:2]'", task(",'Parameters':{'v.$':'$.a[0:2]'}"));
        assertRefused("unsupported context object path '$$.Task.Token'",
                task(",'Parameters':{'v.$':'$$.Task.Token'}"));
        assertRefused("unsupported context object path '$$.State.Name.x'",
                task(",'Parameters':{'v.$':'$$.State.Name.x'}"));
        assertRefused("state 'S': field 'ResultPath' must not use the context object", task(",'ResultPath':'$$.Execution.Name'"));
        assertRefused("state 'S': field 'ResultPath' with an array index is not supported",
                task(",'ResultPath':'$.a[0]'"));
        assertRefused("state 'S': field 'InputPath': path 'a' must start with '$'", task(",'InputPath':'a'"));
    }

    @Test
    void transitionsAreValidated() {
        assertEquals("state 'A': field 'Next' names unknown state 'Nowhere'", refusal(
                "{'StartAt':'A','States':{'A':{'Type':'Pass','Next':'Nowhere'}}}"));
        assertEquals("state 'A': field 'Catch[0].Next' names unknown state 'Gone'", refusal(task("")
                .replace("'S'", "'A'").replace("'End':true", "'End':true,'Catch':[{'ErrorEquals':['States.ALL'],'Next':'Gone'}]")));
        assertEquals("state 'C': field 'Default' names unknown state 'Gone'", refusal(
                "{'StartAt':'C','States':{'C':{'Type':'Choice','Default':'Gone','Choices':[{'Variable':'$.a','IsNull':true,'Next':'E'}]},'E':{'Type':'Succeed'}}}"));
        assertEquals("state 'C': field 'Choices[0].Next' names unknown state 'Gone'", refusal(
                "{'StartAt':'C','States':{'C':{'Type':'Choice','Choices':[{'Variable':'$.a','IsNull':true,'Next':'Gone'}]}}}"));
        assertEquals("top-level field 'StartAt' names unknown state 'Nope'", refusal(
                "{'StartAt':'Nope','States':{'A':{'Type':'Succeed'}}}"));
        assertEquals("state 'A': exactly one of 'Next' or 'End' is required", refusal(
                "{'StartAt':'A','States':{'A':{'Type':'Pass'}}}"));
        assertEquals("state 'A': exactly one of 'Next' or 'End' is required", refusal(
                "{'StartAt':'A','States':{'A':{'Type':'Pass','Next':'B','End':true},'B':{'Type':'Succeed'}}}"));
        assertEquals("state 'A': field 'End' must be true when present", refusal(
                "{'StartAt':'A','States':{'A':{'Type':'Pass','End':false}}}"));
    }

    @Test
    void unreachableStatesAreRefused() {
        assertEquals("state 'B': unreachable from StartAt 'A' (also unreachable: [C])", refusal(
                "{'StartAt':'A','States':{'A':{'Type':'Succeed'},'B':{'Type':'Pass','Next':'C'},'C':{'Type':'Succeed'}}}"));
    }

    @Test
    void placeholders() {
        assertEquals("unknown placeholders ${A}, ${B} (no substitution given)", refusal(
                "{'StartAt':'S','States':{'S':{'Type':'Task','Resource':'${A}','Parameters':{'x':'${B}'},'End':true}}}",
                Map.of("C", "c")));
        assertEquals("malformed placeholder '${not valid}'", refusal(
                "{'StartAt':'S','States':{'S':{'Type':'Task','Resource':'${not valid}','End':true}}}"));
        assertRefused("'${' without a closing '}'",
                "{'StartAt':'S','States':{'S':{'Type':'Task','Resource':'r','End':true}}} ${oops");
        assertThrows(IllegalArgumentException.class, () -> StateMachine.parse(
                "{\"StartAt\":\"S\",\"States\":{\"S\":{\"Type\":\"Task\",\"Resource\":\"${R}\",\"End\":true}}}", null));
    }

    @Test
    void retryAndCatchAreValidated() {
        assertRefused("'States.ALL' must appear alone in ErrorEquals",
                task(",'Retry':[{'ErrorEquals':['States.ALL','X']}]"));
        assertRefused("state 'S': Retry[0]: 'States.ALL' must appear alone in ErrorEquals and only in the last Retry entry",
                task(",'Retry':[{'ErrorEquals':['States.ALL']},{'ErrorEquals':['X']}]"));
        assertRefused("only in the last Catch entry", task(",'Catch':[{'ErrorEquals':['States.ALL'],'Next':'S'},"
                + "{'ErrorEquals':['X'],'Next':'S'}]"));
        assertEquals("state 'S': unsupported field 'JitterStrategy' in Retry[0]",
                refusal(task(",'Retry':[{'ErrorEquals':['X'],'JitterStrategy':'FULL'}]")));
        assertRefused("Retry[0].BackoffRate must be a number >= 1.0",
                task(",'Retry':[{'ErrorEquals':['X'],'BackoffRate':0.5}]"));
        assertRefused("state 'S': Retry[0] field 'MaxAttempts' must be an integer",
                task(",'Retry':[{'ErrorEquals':['X'],'MaxAttempts':-1}]"));
        assertRefused("Retry[0].ErrorEquals is required", task(",'Retry':[{'MaxAttempts':1}]"));
        assertRefused("Catch[0].Next is required", task(",'Catch':[{'ErrorEquals':['X']}]"));
        assertRefused("unknown predefined error 'States.Timout'", task(",'Retry':[{'ErrorEquals':['States.Timout']}]"));
        assertRefused("'States.Runtime', which can never be retried or caught",
                task(",'Catch':[{'ErrorEquals':['States.Runtime'],'Next':'S'}]"));
    }

    @Test
    void fieldTypesAreValidated() {
        assertRefused("state 'S': field 'TimeoutSeconds' must be an integer", task(",'TimeoutSeconds':0"));
        assertRefused("state 'S': field 'TimeoutSeconds' must be an integer", task(",'TimeoutSeconds':1.5"));
        assertRefused("state 'S': field 'Parameters' must be a JSON object", task(",'Parameters':[1]"));
        assertRefused("state 'S': field 'Resource' is required",
                "{'StartAt':'S','States':{'S':{'Type':'Task','End':true}}}");
        assertRefused("top-level field 'TimeoutSeconds' must be an integer",
                "{'StartAt':'S','TimeoutSeconds':'5','States':{'S':{'Type':'Succeed'}}}");
        assertRefused("definition is not valid JSON", "{'StartAt':'S','States':{'S':{'Type':'Succeed'}}");
        assertRefused("Duplicate field 'S'",
                "{'StartAt':'S','States':{'S':{'Type':'Succeed'},'S':{'Type':'Succeed'}}}");
    }

    @Test
    void waitAndChoiceRefusals() {
        assertEquals("state 'W': unsupported field 'Timestamp'", refusal(
                "{'StartAt':'W','States':{'W':{'Type':'Wait','Timestamp':'2025-01-01T00:00:00Z','End':true}}}"));
        assertRefused("state 'W': a Wait state needs exactly one of 'Seconds' or 'SecondsPath'",
                "{'StartAt':'W','States':{'W':{'Type':'Wait','Seconds':1,'SecondsPath':'$.s','End':true}}}");
        assertEquals("state 'C': unsupported Choice comparator 'StringMatches' in Choices[0]", refusal(
                "{'StartAt':'C','States':{'C':{'Type':'Choice','Choices':[{'Variable':'$.a','StringMatches':'x*','Next':'E'}]},'E':{'Type':'Succeed'}}}"));
        assertEquals("state 'C': unsupported Choice comparator 'TimestampEquals' in Choices[0].And[1]", refusal(
                "{'StartAt':'C','States':{'C':{'Type':'Choice','Choices':[{'And':[{'Variable':'$.a','IsNull':true},"
                        + "{'Variable':'$.b','TimestampEquals':'x'}],'Next':'E'}]},'E':{'Type':'Succeed'}}}"));
        assertRefused("state 'C': unsupported field 'Next' in Choices[0].Not", "{'StartAt':'C','States':{'C':{'Type':'Choice',"
                + "'Choices':[{'Not':{'Variable':'$.a','IsNull':true,'Next':'E'},'Next':'E'}]},'E':{'Type':'Succeed'}}}");
        assertRefused("Choices[0].NumericEquals has a value of the wrong type", "{'StartAt':'C','States':{'C':{'Type':'Choice',"
                + "'Choices':[{'Variable':'$.a','NumericEquals':'1','Next':'E'}]},'E':{'Type':'Succeed'}}}");
        assertRefused("Choices[0] has more than one comparator", "{'StartAt':'C','States':{'C':{'Type':'Choice',"
                + "'Choices':[{'Variable':'$.a','IsNull':true,'IsString':true,'Next':'E'}]},'E':{'Type':'Succeed'}}}");
        assertRefused("Choices[0].Next is required", "{'StartAt':'C','States':{'C':{'Type':'Choice',"
                + "'Choices':[{'Variable':'$.a','IsNull':true}]}}}");
    }

    @Test
    void exposesMetadata() {
        StateMachine sm = StateMachine.parse(Fakes.def(
                "{'Comment':'c','Version':'1.0','TimeoutSeconds':9,'StartAt':'T','States':{"
                        + "'T':{'Type':'Task','Resource':'res','Next':'S'},'S':{'Type':'Succeed'}}}"), Map.of());
        assertEquals("c", sm.comment());
        assertEquals("T", sm.startAt());
        assertEquals(9, sm.timeoutSeconds());
        assertEquals(java.util.Set.of("S", "T"), sm.stateNames());
        assertEquals(Map.of("T", "res"), sm.taskResources());
    }
}
