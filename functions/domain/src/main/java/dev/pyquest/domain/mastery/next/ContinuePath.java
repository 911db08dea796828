package dev.pyquest.domain.mastery.next;

import java.util.List;

/** The course's next activity not done, in its fixed order: what any learner with anything left gets at worst. */
public final class ContinuePath implements StepRule {
    @Override
    public List<Suggestion> suggest(LearnerView learner) {
        return learner.todo().findFirst().map(a -> List.of(new Suggestion(a, Reason.CONTINUE_PATH, a.skills(), "next on the course")))
                .orElse(List.of());
    }
}
