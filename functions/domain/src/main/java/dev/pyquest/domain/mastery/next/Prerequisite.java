package dev.pyquest.domain.mastery.next;

import dev.pyquest.domain.learning.Gates;
import dev.pyquest.domain.mastery.PathActivity;

import java.util.ArrayList;
import java.util.List;

/**
 * Nothing open is left to do, but some of the course is still locked: the open activity that meets a requirement of
 * the first locked one on the path (typically a quiz to take again for the score the next lesson wants), saying whose
 * prerequisite it is. Without it, a learner who passed a quiz at 75 % where the next lesson wants 80 % would only
 * ever be offered challenges.
 */
public final class Prerequisite implements StepRule {
    @Override
    public List<Suggestion> suggest(LearnerView learner) {
        if (learner.todo().findAny().isPresent()) return List.of();
        List<Suggestion> out = new ArrayList<>();
        for (PathActivity locked : learner.path().activities()) {
            if (learner.unlocked().test(locked) || learner.record(locked).done()) continue;
            for (Gates.Unmet u : learner.unmet().apply(locked)) {
                if (u.target() == null) continue;
                PathActivity via = learner.path().byId(u.target()).orElse(null);
                if (via == null || !learner.unlocked().test(via) || out.stream().anyMatch(s -> s.activity().equals(via))) continue;
                out.add(new Suggestion(via, Reason.CONTINUE_PATH, via.skills(), "prerequisite of " + locked.title() + ": " + u.reason()));
                if (out.size() > NextStepPolicy.ALTERNATIVES) return out;
            }
        }
        return out;
    }
}
