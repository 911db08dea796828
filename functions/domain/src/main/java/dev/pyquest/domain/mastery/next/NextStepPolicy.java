package dev.pyquest.domain.mastery.next;

import dev.pyquest.domain.mastery.PathActivity;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The next best activity for a learner ({@code GET /me/next}): the rules asked in order, the first suggestion
 * wins, the next ones (other activities) are the alternatives.
 * <ol>
 *   <li>{@link ReviewDue}: reviews that are due;</li>
 *   <li>{@link AfterFailures}: after failed attempts, an easier activity of the same skill;</li>
 *   <li>{@link WeakestSkill}: the weakest skill started and not mastered, at the target success rate;</li>
 *   <li>{@link NewSkill}: a skill whose prerequisites are mastered;</li>
 *   <li>{@link ContinuePath}: the course's next activity;</li>
 *   <li>{@link Prerequisite}: nothing open left, but a locked activity an open one (done again) would unlock;</li>
 *   <li>{@link Challenge}: when everything is done.</li>
 * </ol>
 * It always answers while the course has an open exercise. Pure: the same state gives the same step.
 */
public final class NextStepPolicy {
    public static final int ALTERNATIVES = 3;
    public static final NextStepPolicy DEFAULT = new NextStepPolicy(List.of(new ReviewDue(), new AfterFailures(), new WeakestSkill(),
            new NewSkill(), new ContinuePath(), new Prerequisite(), new Challenge()));

    private final List<StepRule> rules;

    public NextStepPolicy(List<StepRule> rules) {
        this.rules = List.copyOf(rules);
    }

    public NextStep next(LearnerView learner) {
        List<Suggestion> picked = new ArrayList<>();
        Set<PathActivity> seen = new HashSet<>();
        for (StepRule rule : rules) {
            for (Suggestion s : rule.suggest(learner)) {
                if (seen.add(s.activity())) picked.add(s);
                if (picked.size() > ALTERNATIVES) return new NextStep(picked.getFirst(), picked.subList(1, picked.size()));
            }
        }
        if (picked.isEmpty()) throw new IllegalStateException("the course has no open exercise to suggest");
        return new NextStep(picked.getFirst(), picked.subList(1, picked.size()));
    }
}
