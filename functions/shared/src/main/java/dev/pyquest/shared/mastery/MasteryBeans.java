package dev.pyquest.shared.mastery;

import dev.pyquest.shared.store.CatalogRepository;
import dev.pyquest.shared.store.LearnerRepository;
import dev.pyquest.shared.store.LearningRepository;
import dev.pyquest.shared.store.MasteryRepository;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

import java.time.Clock;

/** The course's skills of {@code GET /me/skills}, parsed once in the init phase, its map (path and gates), the gates and the next-step service. */
@Factory
public class MasteryBeans {
    @Singleton
    CourseSkills courseSkills() {
        return CourseSkills.bundled();
    }

    @Singleton
    CourseMap courseMap(CatalogRepository catalog, CourseSkills skills, Clock clock) {
        return CourseMap.of(catalog, skills, clock);
    }

    @Singleton
    ActivityGates activityGates(CourseMap course, LearningRepository learning, dev.pyquest.shared.payments.ProGate pro) {
        return new ActivityGates(course, learning, pro);
    }

    @Singleton
    NextSteps nextSteps(CourseMap course, MasteryRepository mastery, LearningRepository learning, LearnerRepository learners, Clock clock) {
        return new NextSteps(course, mastery, learning, learners, clock);
    }
}
