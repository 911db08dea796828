package dev.pyquest.domain.achievements;

import java.util.List;

/**
 * What one fact does to a learner's achievements: progress changes and unlocks, for a store to write in one
 * transaction. Each {@link Change} says the value it was computed from, so the store writes it conditionally
 * ({@code value = before}, or absent when {@code before} is 0) and re-reads and re-evaluates on a conflict:
 * two concurrent facts never both count from the same value. Each unlock is a conditional put of its
 * marker ({@code attribute_not_exists}): if it fails, the level was unlocked meanwhile, nothing is paid.
 */
public record Evaluation(List<Change> changes, List<Unlock> unlocks) {
    public static final Evaluation NOTHING = new Evaluation(List.of(), List.of());

    /** The progress under {@code key} goes from {@code before} to {@code after}. */
    public record Change(String key, long before, long after) {}

    public Evaluation {
        changes = List.copyOf(changes);
        unlocks = List.copyOf(unlocks);
    }

    public boolean isEmpty() {
        return changes.isEmpty() && unlocks.isEmpty();
    }
}
