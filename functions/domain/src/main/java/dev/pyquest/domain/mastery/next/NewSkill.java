package dev.pyquest.domain.mastery.next;

import dev.pyquest.domain.content.Skill;
import dev.pyquest.domain.mastery.MasteryLevel;

import java.util.ArrayList;
import java.util.List;

/**
 * Skills not started whose prerequisites are all mastered, in the course's order: the skill's first activity not
 * done (its lesson, when unread).
 */
public final class NewSkill implements StepRule {
    @Override
    public List<Suggestion> suggest(LearnerView learner) {
        List<Suggestion> out = new ArrayList<>();
        for (Skill s : learner.path().skills()) {
            if (learner.skill(s.id()).mastery().observations() > 0) continue;
            if (!s.requires().stream().allMatch(r -> learner.skill(r).mastery().pKnown() >= MasteryLevel.MASTERED_AT)) continue;
            String why = s.requires().isEmpty() ? "a new skill: " + s.title()
                    : "a new skill: " + s.title() + ", now that " + String.join(", ", s.requires().stream().map(learner::title).toList())
                    + (s.requires().size() == 1 ? " is" : " are") + " mastered";
            learner.todo().filter(a -> a.skills().contains(s.id())).findFirst()
                    .ifPresent(a -> out.add(new Suggestion(a, Reason.NEW_SKILL, List.of(s.id()), why)));
        }
        return out;
    }
}
