package dev.pyquest.domain.mastery.next;

import java.util.List;

/**
 * One rule of the next-step policy: a pure function of the learner's state, its suggestions best first (none when
 * the rule has nothing to say). {@link NextStepPolicy} asks the rules in order.
 */
@FunctionalInterface
public interface StepRule {
    List<Suggestion> suggest(LearnerView learner);
}
