package dev.pyquest.domain.content;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The repository's own course must load and meet the authoring rules of content/README.md. */
class RealContentTest {
    static Course course;

    @BeforeAll
    static void load() {
        course = ContentLoader.load(RealContent.root());
    }

    @Test
    void theRealCourseLoadsWithAtLeastFiveExercises() {
        assertTrue(course.exercises().size() >= 5, "exercises: " + course.exercises().size());
        for (String slug : List.of("sum-of-evens", "reverse-words", "fizzbuzz")) {
            assertTrue(course.exercise(slug).isPresent(), slug);
        }
        assertFalse(course.skills().isEmpty());
    }

    @Test
    void aNewLearnerHasAtLeastFiveOpenExercisesAmongThemTheReadmesExamples() {
        dev.pyquest.domain.learning.Gates g = GatesTest.gates(course);
        List<String> open = course.exercises().stream()
                .filter(e -> !g.locked(e.id(), dev.pyquest.domain.learning.LearnerProgress.NONE)).map(Exercise::slug).toList();
        assertTrue(open.size() >= 5, open.toString());
        assertTrue(open.containsAll(List.of("sum-of-evens", "fizzbuzz", "reverse-words")), open.toString());
        assertTrue(open.size() < course.exercises().size(), "the course gates some exercises: " + open);
        assertFalse(g.locked(course.lesson("values-and-types-basics").orElseThrow().id(), dev.pyquest.domain.learning.LearnerProgress.NONE),
                "the first lesson is open");
    }

    /** Doing whatever is open, quizzes at full marks, a learner opens the whole course: no gate is out of reach. */
    @Test
    void everyActivityCanBeUnlocked() {
        dev.pyquest.domain.learning.Gates g = GatesTest.gates(course);
        List<String> all = new java.util.ArrayList<>();
        course.exercises().forEach(e -> all.add(e.id()));
        course.lessons().forEach(l -> all.add(l.id()));
        course.quizzes().forEach(q -> all.add(q.id()));
        Set<String> done = new HashSet<>();
        java.util.Map<String, Integer> best = new java.util.HashMap<>();
        int rounds = 0;
        while (done.size() < all.size()) {
            dev.pyquest.domain.learning.LearnerProgress p = new dev.pyquest.domain.learning.LearnerProgress(done, Set.of(), best);
            List<String> open = all.stream().filter(id -> !done.contains(id) && !g.locked(id, p)).toList();
            assertFalse(open.isEmpty(), "stuck with " + (all.size() - done.size()) + " locked activities after " + rounds + " rounds");
            for (String id : open) {
                done.add(id);
                if (id.startsWith("qz-")) best.put(id, 100);
            }
            rounds++;
        }
        assertTrue(rounds > 2, "the gates make a path, not one flat level: " + rounds + " rounds");
    }

    /** Issue 20's standard for every exercise, those added later too: generated hidden tests and a learner-bug bank. */
    @Test
    void everyExerciseHasGeneratedHiddenTestsAndABankOfAtLeastThree() {
        for (Exercise e : course.exercises()) {
            long generated = e.tests().stream().filter(t -> t.name().startsWith(EdgeClass.PREFIX)).count();
            assertTrue(generated >= 3, e.slug() + ": " + generated + " generated hidden tests (./pyquest generate-tests " + e.slug() + ")");
            assertTrue(e.bank().size() >= 3, e.slug() + ": a bank of " + e.bank().size());
        }
    }

    /**
     * Issue 16: premium exercises are hard ones that build on a free exercise, and nothing free waits for one, so a
     * free learner can still open (and, SkillCatalog leaving premium exercises out, master) the whole free course.
     */
    @Test
    void premiumExercisesAreHardBuildOnAFreeExerciseAndGateNothingFree() {
        java.util.Map<String, Exercise> byId = new java.util.HashMap<>();
        course.exercises().forEach(e -> byId.put(e.id(), e));
        List<Exercise> premium = course.exercises().stream().filter(Exercise::premium).toList();
        assertTrue(premium.size() >= 5, "premium exercises: " + premium.size());
        for (Exercise e : premium) {
            assertEquals(Difficulty.HARD, e.difficulty(), e.slug());
            assertTrue(course.requires().getOrDefault(e.id(), List.of()).stream()
                    .anyMatch(r -> r.activity() != null && byId.containsKey(r.activity()) && !byId.get(r.activity()).premium()),
                    e.slug() + " requires no free exercise");
        }
        course.requires().forEach((id, requirements) -> {
            boolean free = !(byId.containsKey(id) && byId.get(id).premium());
            for (Requirement r : requirements) {
                assertFalse(free && r.activity() != null && byId.containsKey(r.activity()) && byId.get(r.activity()).premium(),
                        id + " is free but requires the premium exercise " + r.activity());
            }
        });
        for (Skill skill : course.skills()) {
            assertTrue(course.exercises().stream().anyMatch(e -> !e.premium() && e.skills().contains(skill.id())),
                    "no free exercise practises " + skill.id());
        }
    }

    @Test
    void everyExerciseHasEnoughExamplesHiddenTestsAndWrongSolutions() {
        for (Exercise e : course.exercises()) {
            assertTrue(e.examples().size() >= 3, e.slug() + " examples " + e.examples().size());
            assertTrue(e.tests().size() >= 8, e.slug() + " hidden tests " + e.tests().size());
            assertTrue(e.wrong().size() >= 2, e.slug() + " wrong solutions " + e.wrong().size());
            e.wrong().forEach(w -> assertFalse(w.code().isBlank(), e.slug() + "/" + w.file()));
            assertFalse(e.solution().isBlank(), e.slug());
            assertFalse(e.statement().isBlank(), e.slug());
        }
    }

    /** Issue 20's first slice: realistic learner bugs for the exercises where case, arithmetic, validation and boundaries bite. */
    @Test
    void theLearnerBugBankCoversAtLeastFifteenExercises() {
        List<Exercise> withBank = course.exercises().stream().filter(e -> !e.bank().isEmpty()).toList();
        assertTrue(withBank.size() >= 15, "exercises with a bank: " + withBank.size());
        for (String slug : List.of("capitalize-words", "word-frequencies", "wrap-text", "validate-signup", "sliding-windows")) {
            assertFalse(course.exercise(slug).orElseThrow().bank().isEmpty(), slug + " has no bank");
        }
    }

    @Test
    void idsAreUniqueAndSkillsExist() {
        Set<String> ids = new HashSet<>();
        Set<String> skills = new HashSet<>();
        course.skills().forEach(s -> skills.add(s.id()));
        for (Exercise e : course.exercises()) {
            assertTrue(ids.add(e.id()), "duplicate id " + e.id());
            assertTrue(skills.containsAll(e.skills()), e.slug() + " " + e.skills());
        }
    }

    /** The course issue's shape: 12 skills, >= 40 exercises covering every skill at every difficulty, a lesson and a quiz per skill. */
    @Test
    void theCourseCoversEverySkillAtEveryDifficulty() {
        assertTrue(course.skills().size() >= 12, "skills: " + course.skills().size());
        assertTrue(course.exercises().size() >= 40, "exercises: " + course.exercises().size());
        assertTrue(course.lessons().size() >= 12, "lessons: " + course.lessons().size());
        assertTrue(course.quizzes().size() >= 12, "quizzes: " + course.quizzes().size());
        for (Skill skill : course.skills()) {
            for (Difficulty d : Difficulty.values()) {
                assertTrue(course.exercises().stream().anyMatch(e -> e.skills().get(0).equals(skill.id()) && e.difficulty() == d),
                        "no " + d + " exercise whose main skill is " + skill.id());
            }
            assertTrue(course.lessons().stream().anyMatch(l -> l.skills().contains(skill.id())), "no lesson on " + skill.id());
            assertTrue(course.quizzes().stream().anyMatch(q -> q.skills().contains(skill.id())), "no quiz on " + skill.id());
        }
    }

    @Test
    void everyLessonHasRunnableExamplesAndEveryQuizBothKindsOfQuestion() {
        for (Lesson l : course.lessons()) {
            assertTrue(l.examples().size() >= 3, l.slug());
            assertTrue(l.examples().stream().filter(Lesson.Example::hasOutput).count() >= 2, l.slug() + " shows few outputs");
        }
        for (Quiz q : course.quizzes()) {
            assertTrue(q.questions().size() >= 5, q.slug());
            for (Quiz.Question question : q.questions()) {
                assertFalse(question.explanation().isBlank(), q.slug() + "/" + question.id());
                if (question.kind() == Quiz.Kind.CHOICE) assertTrue(question.answer() >= 0 && question.answer() < question.choices().size());
            }
        }
    }

    @Test
    void flattenKeepsItsFiftyDeepList() {
        Exercise flatten = course.exercise("flatten").orElseThrow();
        int deepest = 0;
        for (TestCase t : flatten.allTests()) deepest = Math.max(deepest, depth(t.args()));
        assertTrue(deepest >= 50, "deepest args: " + deepest);
    }

    @Test
    void sumOfEvensKeepsItsStableId() {
        Exercise e = course.exercise("sum-of-evens").orElseThrow();
        assertEquals("ex-0001", e.id());
        assertEquals("sum_of_evens", e.function());
    }

    static int depth(JsonNode n) {
        if (!n.isContainerNode()) return 0;
        int d = 0;
        for (JsonNode c : n) d = Math.max(d, depth(c));
        return d + 1;
    }
}
