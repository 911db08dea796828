package dev.pyquest.domain.mastery.next;

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
            learner.unlocker(locked).filter(u -> out.stream().noneMatch(s -> s.activity().equals(u.activity())))
                    .ifPresent(u -> out.add(new Suggestion(u.activity(), Reason.CONTINUE_PATH, u.activity().skills(),
                            "prerequisite of " + locked.title() + ": " + u.reason())));
            if (out.size() > NextStepPolicy.ALTERNATIVES) return out;
        }
        return out;
    }
}
