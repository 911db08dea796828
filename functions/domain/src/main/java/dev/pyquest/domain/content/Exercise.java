package dev.pyquest.domain.content;

import java.util.List;

/**
 * A coding exercise as authored under {@code content/exercises/<slug>/}. {@code id} is stable across
 * slug renames; {@code examples} are public tests, {@code tests} hidden ones.
 * {@code formerSlugs} are slugs it had before a rename: they redirect to it, and progress stays attached to the id.
 * {@code wrong} and {@code bank} are for the content check only (plausible wrong solutions the hidden
 * tests must catch); nothing of them is stored for the catalog or the judge.
 * {@code inputsUnchanged} is the exercise's own setting (each test carries its own, which may
 * override it); a bank entry's witness is judged with it.
 * {@code walkthrough} is the authored solution walkthrough (Markdown), {@code premium} whether the exercise is
 * for Pro learners only; a premium exercise does not count towards mastering its skills (a free learner can
 * master every skill).
 */
public record Exercise(
        String id,
        String slug,
        String title,
        Difficulty difficulty,
        List<String> skills,
        String function,
        Limits limits,
        List<String> hints,
        List<TestCase> examples,
        List<TestCase> tests,
        List<WrongSolution> wrong,
        List<BankEntry> bank,
        String statement,
        String starterCode,
        String solution,
        List<String> formerSlugs,
        boolean inputsUnchanged,
        String walkthrough,
        boolean premium) {

    /** Public tests first, then hidden ones: the order the judge runs them in. */
    public List<TestCase> allTests() {
        return java.util.stream.Stream.concat(examples.stream(), tests.stream()).toList();
    }
}
