package dev.pyquest.shared.mastery;

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

    public ActivityGates(CourseMap course, LearningRepository learning) {
        this.course = course;
        this.learning = learning;
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
