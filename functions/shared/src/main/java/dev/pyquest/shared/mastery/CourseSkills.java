package dev.pyquest.shared.mastery;

import dev.pyquest.domain.content.ContentLoader;
import dev.pyquest.domain.content.Skill;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The course's skills, in {@code content/skills.yaml}'s order, with their titles and prerequisites: bundled in the
 * jar at build time (like the achievement rules), because the catalog table holds activities, not skills. Checked
 * as the content loader checks the file, so a broken copy fails the function's start.
 */
public record CourseSkills(List<Skill> all) {
    /** Where the build copies {@code content/skills.yaml} (functions/shared/pom.xml). */
    static final String FILE = "/dev/pyquest/shared/mastery/skills.yaml";

    public CourseSkills {
        all = List.copyOf(all);
    }

    public static CourseSkills bundled() {
        try (InputStream in = CourseSkills.class.getResourceAsStream(FILE)) {
            if (in == null) throw new IllegalStateException(FILE + " is missing from the class path");
            return new CourseSkills(ContentLoader.skills(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + FILE, e);
        }
    }
}
