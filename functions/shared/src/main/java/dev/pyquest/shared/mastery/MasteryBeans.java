package dev.pyquest.shared.mastery;

import dev.pyquest.shared.store.CatalogRepository;
import dev.pyquest.shared.store.LearnerRepository;
import dev.pyquest.shared.store.MasteryRepository;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

import java.time.Clock;

/** The course's skills of {@code GET /me/skills}, parsed once in the init phase, and the next-step service. */
@Factory
public class MasteryBeans {
    @Singleton
    CourseSkills courseSkills() {
        return CourseSkills.bundled();
    }

    @Singleton
    NextSteps nextSteps(CatalogRepository catalog, CourseSkills skills, MasteryRepository mastery, LearnerRepository learners, Clock clock) {
        return new NextSteps(NextSteps.pathOf(catalog, skills, clock), mastery, learners, clock);
    }
}
