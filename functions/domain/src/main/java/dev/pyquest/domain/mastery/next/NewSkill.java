package dev.pyquest.domain.mastery.next;

import dev.pyquest.domain.content.Skill;
import dev.pyquest.domain.mastery.MasteryLevel;

import java.util.ArrayList;
import java.util.List;

/**
 * Skills not started whose prerequisites are all mastered, in the course's order: the skill's first activity not
 * done (its lesson, when unread); when a gate locks it, the open activity that opens it (typically a prerequisite's
 * quiz, again, for the score the lesson wants).
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
            // Its first activity not done (the lesson); when a gate keeps it locked, what opens it (a quiz at the score it
            // wants), or else the skill's first open activity.
            learner.path().activities().stream().filter(a -> a.skills().contains(s.id()) && !learner.record(a).done()).findFirst()
                    .flatMap(first -> learner.unlocked().test(first) ? java.util.Optional.of(new Suggestion(first, Reason.NEW_SKILL, List.of(s.id()), why))
                            : learner.unlocker(first).map(u -> new Suggestion(u.activity(), Reason.NEW_SKILL, List.of(s.id()),
                                    why + "; first, " + u.reason())))
                    .or(() -> learner.todo().filter(a -> a.skills().contains(s.id())).findFirst()
                            .map(a -> new Suggestion(a, Reason.NEW_SKILL, List.of(s.id()), why)))
                    .ifPresent(out::add);
        }
        return out;
    }
}
