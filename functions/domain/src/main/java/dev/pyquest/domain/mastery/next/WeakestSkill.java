package dev.pyquest.domain.mastery.next;

import dev.pyquest.domain.content.Skill;
import dev.pyquest.domain.mastery.MasteryLevel;
import dev.pyquest.domain.mastery.SkillMastery;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Skills started and not mastered, the weakest first (lowest P(known), then the course's order): an activity of
 * the skill not done yet, at the target success rate. Under familiar that is strengthening a weak skill; from
 * familiar up it is the path itself, carried on until mastery.
 */
public final class WeakestSkill implements StepRule {
    @Override
    public List<Suggestion> suggest(LearnerView learner) {
        List<Skill> started = learner.path().skills().stream().filter(s -> {
            SkillMastery m = learner.skill(s.id()).mastery();
            return m.observations() > 0 && m.pKnown() < MasteryLevel.MASTERED_AT;
        }).sorted(Comparator.comparingDouble(s -> learner.skill(s.id()).mastery().pKnown())).toList();
        List<Suggestion> out = new ArrayList<>();
        for (Skill s : started) {
            SkillMastery m = learner.skill(s.id()).mastery();
            boolean weak = m.pKnown() < MasteryLevel.FAMILIAR_AT;
            String level = m.level().name().toLowerCase(java.util.Locale.ROOT);
            learner.atTarget(learner.todoGraded(s.id())).ifPresent(a -> out.add(new Suggestion(a,
                    weak ? Reason.STRENGTHEN_WEAK_SKILL : Reason.CONTINUE_PATH, List.of(s.id()),
                    (weak ? s.title() + " is your weakest skill (" : "practise " + s.title() + " until mastered (") + level + ")")));
        }
        return out;
    }
}
