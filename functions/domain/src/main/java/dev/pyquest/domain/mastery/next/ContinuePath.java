package dev.pyquest.domain.mastery.next;

import java.util.List;

/**
 * The course's next activities not done, in its fixed order: what any learner with anything left gets at worst, and
 * the alternatives a new learner sees (the first ones, then the next ones on the course).
 */
public final class ContinuePath implements StepRule {
    @Override
    public List<Suggestion> suggest(LearnerView learner) {
        return learner.todo().limit(NextStepPolicy.ALTERNATIVES + 1)
                .map(a -> new Suggestion(a, Reason.CONTINUE_PATH, a.skills(), "next on the course")).toList();
    }
}
