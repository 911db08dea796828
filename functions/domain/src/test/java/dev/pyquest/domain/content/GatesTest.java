package dev.pyquest.domain.content;

import dev.pyquest.domain.learning.Gates;
import dev.pyquest.domain.learning.LearnerProgress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Activity gates: what the loader accepts and refuses, and which requirements a learner's progress meets. */
class GatesTest {
    @TempDir
    Path tmp;

    /** add-one (ex-0001) open; the lesson (ls-0001) open; the quiz (qz-0001, skill loops) after the lesson. */
    Course load(String exerciseRequires, String lessonRequires, String quizRequires) {
        CourseFixture c = new CourseFixture(tmp).skills(CourseFixture.SKILLS);
        c.exercise("add-one", with(CourseFixture.exerciseYaml("ex-0001", "add-one", "easy"), exerciseRequires));
        c.lesson("loops-intro", with(CourseFixture.lessonYaml("ls-0001", "loops-intro"), lessonRequires), CourseFixture.LESSON_MD);
        c.quiz("loops-quiz", with(CourseFixture.quizYaml("qz-0001", "loops-quiz"), quizRequires));
        return ContentLoader.load(tmp);
    }

    private static String with(String yaml, String requires) {
        return requires == null || requires.isEmpty() ? yaml : yaml + "requires:\n" + requires;
    }

    ContentException refused(String exerciseRequires, String lessonRequires, String quizRequires) {
        return assertThrows(ContentException.class, () -> load(exerciseRequires, lessonRequires, quizRequires));
    }

    static Gates gates(Course c) {
        return Gates.of(c);
    }

    static LearnerProgress progress(Set<String> done, Map<String, Integer> best) {
        return new LearnerProgress(done, Set.of(), best);
    }

    @Test
    void requirementsLoadResolvedToStableIds() {
        Course c = load("  - activity: loops-quiz\n    minScore: 80\n", null, "  - activity: loops-intro\n");
        assertEquals(List.of(Requirement.activity("qz-0001", 80)), c.requires("ex-0001"));
        assertEquals(List.of(Requirement.activity("ls-0001", 0)), c.requires("qz-0001"));
        assertEquals(List.of(), c.requires("ls-0001"), "no requires: open");
    }

    @Test
    void aQuizScoreGateOpensOnlyAtItsScore() {
        Gates g = gates(load("  - activity: loops-quiz\n    minScore: 80\n", null, "  - activity: loops-intro\n"));
        List<Gates.Unmet> unmet = g.unmet("ex-0001", LearnerProgress.NONE);
        assertEquals(1, unmet.size());
        assertEquals("loops-quiz", unmet.get(0).slug());
        assertEquals("score at least 80 % on 'Quiz: loops'", unmet.get(0).reason());
        assertTrue(g.locked("ex-0001", progress(Set.of("qz-0001"), Map.of("qz-0001", 70))), "passed at 70 % is not 80 %");
        assertFalse(g.locked("ex-0001", progress(Set.of("qz-0001"), Map.of("qz-0001", 80))), "80 % opens it");
        assertTrue(g.locked("qz-0001", LearnerProgress.NONE));
        assertEquals("complete the lesson 'Loops'", g.unmet("qz-0001", LearnerProgress.NONE).get(0).reason());
        assertFalse(g.locked("qz-0001", progress(Set.of("ls-0001"), Map.of())));
        assertFalse(g.locked("ls-0001", LearnerProgress.NONE), "an activity without requires is open");
    }

    @Test
    void aSkillIsMetByAQuizOnItAndNamesThatQuiz() {
        Gates g = gates(load(null, "  - skill: loops\n    minScore: 60\n", null));
        Gates.Unmet u = g.unmet("ls-0001", LearnerProgress.NONE).get(0);
        assertEquals("loops", u.skill());
        assertEquals("loops-quiz", u.quiz());
        assertEquals("Loops comes first: score at least 60 % on 'Quiz: loops'", u.reason());
        assertTrue(g.locked("ls-0001", progress(Set.of(), Map.of("qz-0001", 40))));
        assertFalse(g.locked("ls-0001", progress(Set.of(), Map.of("qz-0001", 60))));
    }

    @Test
    void anExerciseIsDoneWhenPassedOrSkippedAndALessonWhenCompleted() {
        Gates g = gates(load(null, "  - activity: add-one\n", null));
        assertEquals("solve (or skip) 'Add one'", g.unmet("ls-0001", LearnerProgress.NONE).get(0).reason());
        assertFalse(g.locked("ls-0001", new LearnerProgress(Set.of("ex-0001"), Set.of("ex-0001"), Map.of())), "a skip counts as done");
    }

    @Test
    void everyRequirementMustHoldAndUnmetOnesAreListedInOrder() {
        Gates g = gates(load(null, "  - activity: add-one\n  - skill: loops\n", null));
        assertEquals(2, g.unmet("ls-0001", LearnerProgress.NONE).size());
        List<Gates.Unmet> left = g.unmet("ls-0001", progress(Set.of("ex-0001"), Map.of()));
        assertEquals(1, left.size());
        assertEquals("loops", left.get(0).skill());
        assertFalse(g.locked("ls-0001", progress(Set.of("ex-0001", "qz-0001"), Map.of("qz-0001", 100))));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', ignoreLeadingAndTrailingWhitespace = false, value = {
            "unknown activity|  - activity: no-such\\n|||exercises/add-one/exercise.yaml: requires[0].activity names unknown activity 'no-such'",
            "itself|  - activity: add-one\\n|||cannot require itself",
            "min score on a lesson|  - activity: loops-intro\\n    minScore: 50\\n|||'loops-intro' is a lesson, and only quizzes have a score",
            "min score out of range|  - activity: loops-quiz\\n    minScore: 101\\n|||minScore must be an integer percent in [1, 100]",
            "unknown skill|  - skill: flying\\n|||requires[0].skill names unknown skill 'flying'",
            "no quiz on the skill|  - skill: basics\\n|||no quiz covers 'basics', so nothing can meet it",
            "both kinds|  - {activity: loops-quiz, skill: loops}\\n|||must name exactly one of activity and skill",
            "an unknown field|  - activity: loops-quiz\\n    min: 3\\n|||unknown field",
            "not a list|  oops\\n|||requires must be a list",
            "twice|  - activity: loops-quiz\\n  - activity: loops-quiz\\n|||the same requirement twice",
            "a cycle|  - activity: loops-quiz\\n|  - activity: add-one\\n|  - activity: loops-intro\\n|requires makes a cycle",
            "a cycle through a skill||  - skill: loops\\n|  - activity: loops-intro\\n|requires makes a cycle",
    })
    void gatesNothingCanSatisfyAreRefusedNamingTheFileAndField(String name, String ex, String lesson, String quiz, String message) {
        ContentException e = refused(unescape(ex), unescape(lesson), unescape(quiz));
        assertTrue(e.getMessage().contains(message), () -> name + ": " + e.getMessage());
    }

    private static String unescape(String s) {
        return s == null ? null : s.replace("\\n", "\n");
    }

    @Test
    void theCycleMessageNamesThePath() {
        ContentException e = refused("  - activity: loops-quiz\n", "  - activity: add-one\n", "  - activity: loops-intro\n");
        assertTrue(e.getMessage().contains("exercises/add-one -> quizzes/loops-quiz -> lessons/loops-intro -> exercises/add-one"), e.getMessage());
    }
}
