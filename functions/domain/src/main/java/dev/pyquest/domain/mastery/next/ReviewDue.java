package dev.pyquest.domain.mastery.next;

import dev.pyquest.domain.content.Skill;
import dev.pyquest.domain.mastery.PathActivity;
import dev.pyquest.domain.mastery.SkillProgress;
import dev.pyquest.domain.mastery.SpacedReview;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Reviews that are due, the most overdue first (then the course's order). A review of a skill is, preferably, an
 * activity of it not done yet, at the target success rate: new material is recall <em>and</em> evidence (a
 * solution the learner already has says nothing new to BKT). When the skill has none left, the easiest activity of
 * it the learner passed: re-solving it is the recall FSRS schedules.
 */
public final class ReviewDue implements StepRule {
    @Override
    public List<Suggestion> suggest(LearnerView learner) {
        List<Skill> due = learner.path().skills().stream().filter(s -> {
            SpacedReview r = learner.skill(s.id()).review();
            return r != null && !r.due().isAfter(learner.today());
        }).sorted(Comparator.comparing((Skill s) -> learner.skill(s.id()).review().due())).toList();
        List<Suggestion> out = new ArrayList<>();
        for (Skill s : due) {
            SkillProgress p = learner.skill(s.id());
            Optional<PathActivity> a = learner.atTarget(learner.todoGraded(s.id()));
            if (a.isEmpty()) a = passedEasiest(learner, s.id());
            String why = "your review of " + s.title() + " is due (" + p.review().due() + ")";
            a.ifPresent(x -> out.add(new Suggestion(x, Reason.REVIEW_DUE, List.of(s.id()), why)));
        }
        return out;
    }

    static Optional<PathActivity> passedEasiest(LearnerView learner, String skill) {
        return learner.path().activities().stream()
                .filter(a -> a.graded() && a.skills().contains(skill) && learner.unlocked().test(a) && learner.record(a).passed())
                .min(Comparator.comparing(PathActivity::difficulty).thenComparingInt(a -> learner.path().position(a)));
    }
}
