package dev.pyquest.domain.mastery.next;

import dev.pyquest.domain.mastery.PathActivity;
import dev.pyquest.domain.mastery.Practice;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * "Suggest easier": after {@value #FAILURES} or more failed attempts at an activity not yet passed, an easier
 * activity not done of one of its skills (at the target success rate), or else that skill's lesson if it is not
 * read. The activity with the most failures first.
 */
public final class AfterFailures implements StepRule {
    public static final int FAILURES = 2;

    @Override
    public List<Suggestion> suggest(LearnerView learner) {
        List<PathActivity> struggling = learner.todo().filter(a -> a.graded() && learner.record(a).failures() >= FAILURES)
                .sorted(Comparator.comparingInt((PathActivity a) -> -learner.record(a).failures())).toList();
        List<Suggestion> out = new ArrayList<>();
        for (PathActivity hard : struggling) {
            int failures = learner.record(hard).failures();
            Optional<PathActivity> easier = learner.atTarget(learner.todo().filter(a -> a.graded()
                    && a.difficulty().compareTo(hard.difficulty()) < 0 && a.skills().stream().anyMatch(hard.skills()::contains)));
            if (easier.isEmpty()) {
                easier = learner.todo().filter(a -> a.kind() == Practice.Kind.LESSON && a.skills().stream().anyMatch(hard.skills()::contains)).findFirst();
            }
            easier.ifPresent(e -> {
                List<String> shared = e.skills().stream().filter(hard.skills()::contains).toList();
                out.add(new Suggestion(e, Reason.STRENGTHEN_WEAK_SKILL, shared, failures + " failed attempts at " + hard.title()
                        + ": " + (e.kind() == Practice.Kind.LESSON ? "read the lesson on " : "an easier one on ")
                        + String.join(", ", shared.stream().map(learner::title).toList()) + " first"));
            });
        }
        return out;
    }
}
