package dev.pyquest.shared.mastery;

import dev.pyquest.shared.payments.ProGate;
import dev.pyquest.domain.learning.Gates;
import dev.pyquest.domain.learning.LearnerProgress;
import dev.pyquest.shared.store.CatalogRepository.Activity;
import dev.pyquest.shared.store.LearningRepository;

import java.util.List;

/**
 * Whether a learner may act on an activity: its requirements (as its catalog item holds them) against the learner's
 * progress rows, the authority (a pass or a skip is there as soon as it is acknowledged; the mastery table follows
 * by events). An open activity costs no read.
 */
public final class ActivityGates {
    private final CourseMap course;
    private final LearningRepository learning;
    private final ProGate pro;

    public ActivityGates(CourseMap course, LearningRepository learning, ProGate pro) {
        this.course = course;
        this.learning = learning;
        this.pro = pro;
    }

    /** A premium challenge and the learner has no active Pro (the one {@link ProGate}); a free activity costs no read. */
    public boolean proRequired(String userId, Activity a) {
        return a.premium() && !pro.allows(userId);
    }

    /** Whether the learner may use a Pro feature (the one {@link ProGate}). */
    public boolean pro(String userId) {
        return pro.allows(userId);
    }

    /** As {@link #pro(String)}, from the learner's item the caller has just read (no second read). */
    public boolean pro(dev.pyquest.shared.store.Learner learner) {
        return pro.allows(learner.userId(), learner.entitlement());
    }

    /** The requirements of {@code a} that the learner has not met; empty = open. Reads their progress only when gated. */
    public List<Gates.Unmet> unmet(String userId, Activity a) {
        return a.requires().isEmpty() ? List.of() : unmet(a, learning.progress(userId));
    }

    public List<Gates.Unmet> unmet(Activity a, LearnerProgress p) {
        return course.current().gates().unmet(a.requires(), p);
    }

    public LearnerProgress progress(String userId) {
        return learning.progress(userId);
    }
}
