package dev.pyquest.domain.mastery;

import dev.pyquest.domain.content.Difficulty;

import java.util.List;

/**
 * One activity of the course as the path and the next-step policy see it: its stable id (what the learner's records
 * are keyed by), slug and title (what a client shows), kind, difficulty and skills.
 */
public record PathActivity(String activityId, String slug, String title, Practice.Kind kind, Difficulty difficulty,
                           List<String> skills) {
    public PathActivity {
        if (activityId == null || slug == null || title == null || kind == null || difficulty == null) {
            throw new IllegalArgumentException("an activity needs an id, a slug, a title, a kind and a difficulty");
        }
        skills = List.copyOf(skills);
    }

    /** Whether a judged attempt at it is BKT evidence (an exercise or a quiz; a lesson is read, not answered). */
    public boolean graded() {
        return kind != Practice.Kind.LESSON;
    }
}
