package dev.pyquest.domain.learning;

import java.util.Map;
import java.util.Set;

/**
 * What a learner has done, as the progress table records it (the authority for gates): {@code done} holds the ids of
 * lessons completed, quizzes passed, exercises passed and exercises skipped ({@code skipped} lists those too);
 * {@code bestPercent} each attempted quiz's best score.
 */
public record LearnerProgress(Set<String> done, Set<String> skipped, Map<String, Integer> bestPercent) {
    public static final LearnerProgress NONE = new LearnerProgress(Set.of(), Set.of(), Map.of());

    public LearnerProgress {
        done = Set.copyOf(done);
        skipped = Set.copyOf(skipped);
        bestPercent = Map.copyOf(bestPercent);
    }

    public int best(String quizId) {
        return bestPercent.getOrDefault(quizId, 0);
    }
}
