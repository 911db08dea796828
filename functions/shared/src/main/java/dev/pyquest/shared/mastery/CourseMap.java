package dev.pyquest.shared.mastery;

import dev.pyquest.domain.learning.Gates;
import dev.pyquest.domain.mastery.LearningPath;
import dev.pyquest.domain.mastery.PathActivity;
import dev.pyquest.domain.mastery.Practice;
import dev.pyquest.shared.store.CatalogRepository;
import dev.pyquest.shared.store.Refreshing;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The course as the catalog table holds it, in the two shapes the mastery features read: the {@link LearningPath}
 * (next step) and the {@link Gates} (what unlocks what). One scan of the catalog builds both, again every
 * {@link Refreshing#REFRESH}.
 */
public final class CourseMap {
    /** The path and the gates of one catalog scan. */
    public record Snapshot(LearningPath path, Gates gates) {}

    private final Refreshing<Snapshot> snapshot;

    private CourseMap(Refreshing<Snapshot> snapshot) {
        this.snapshot = snapshot;
    }

    public static CourseMap of(CatalogRepository catalog, CourseSkills skills, Clock clock) {
        return new CourseMap(Refreshing.every(() -> build(catalog.list(), skills), clock));
    }

    /** Always the course of {@code activities} (tests). */
    public static CourseMap fixed(List<CatalogRepository.Activity> activities, CourseSkills skills) {
        return new CourseMap(Refreshing.fixed(build(activities, skills)));
    }

    public Snapshot current() {
        return snapshot.current();
    }

    static Snapshot build(List<CatalogRepository.Activity> activities, CourseSkills skills) {
        List<PathActivity> path = new ArrayList<>();
        List<Gates.Node> nodes = new ArrayList<>();
        for (CatalogRepository.Activity a : activities) {
            nodes.add(new Gates.Node(a.activityId(), a.slug(), a.title(), a.kind(), a.skills(), a.requires()));
            if (a.skills() == null || a.skills().isEmpty()) continue;
            // The adaptive path (GET /me/next) runs over the free course: a Pro challenge is chosen on the course map.
            if (a.premium()) continue;
            path.add(new PathActivity(a.activityId(), a.slug(), a.title(), Practice.Kind.valueOf(a.kind().toUpperCase(Locale.ROOT)),
                    a.difficulty(), a.skills()));
        }
        Map<String, String> titles = new HashMap<>();
        skills.all().forEach(s -> titles.put(s.id(), s.title()));
        return new Snapshot(LearningPath.of(skills.all(), path), Gates.of(nodes, titles));
    }
}
