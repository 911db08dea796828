package dev.pyquest.shared.mastery;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/** The course's skills of {@code GET /me/skills}, parsed once in the init phase. */
@Factory
public class MasteryBeans {
    @Singleton
    CourseSkills courseSkills() {
        return CourseSkills.bundled();
    }
}
