package dev.pyquest.domain.mastery.next;

import dev.pyquest.domain.mastery.PathActivity;
import dev.pyquest.domain.mastery.Practice;

import java.util.Comparator;
import java.util.List;

/**
 * Nothing left to do: the hardest open exercise of the learner's weakest skill, to solve again (the skill with the
 * lowest P(known) among those with an exercise; the latest exercise on the path on a tie).
 */
public final class Challenge implements StepRule {
    @Override
    public List<Suggestion> suggest(LearnerView learner) {
        if (learner.todo().findAny().isPresent()) return List.of();
        return learner.path().activities().stream().filter(a -> a.kind() == Practice.Kind.EXERCISE && learner.unlocked().test(a))
                .min(Comparator.comparingDouble((PathActivity a) -> weakest(learner, a))
                        .thenComparing(PathActivity::difficulty, Comparator.reverseOrder())
                        .thenComparingInt(a -> -learner.path().position(a)))
                .map(a -> {
                    String skill = a.skills().stream().min(Comparator.comparingDouble(s -> learner.skill(s).mastery().pKnown())).orElseThrow();
                    return List.of(new Suggestion(a, Reason.CHALLENGE, List.of(skill),
                            "everything is done: a challenge on " + learner.title(skill) + ", your least sure skill"));
                }).orElse(List.of());
    }

    private static double weakest(LearnerView learner, PathActivity a) {
        return a.skills().stream().mapToDouble(s -> learner.skill(s).mastery().pKnown()).min().orElse(1);
    }
}
