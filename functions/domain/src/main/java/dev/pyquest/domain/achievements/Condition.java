package dev.pyquest.domain.achievements;

import dev.pyquest.domain.content.Difficulty;

import java.util.Set;

/**
 * The {@code where} of a rule: what a fact must say to count. Every part is optional (absent: any value);
 * a part that is set never matches a fact that does not know the attribute ({@code null}).
 *
 * @param difficulties the activity's difficulty is one of these (empty: any)
 * @param firstTry     the first pass came from the learner's first submission (or did not)
 * @param hintBought   the learner bought a hint of the exercise before passing it (or did not)
 * @param skill        the activity practises this skill
 * @param minPercent   a quiz attempt scored at least this (0: any)
 */
public record Condition(Set<Difficulty> difficulties, Boolean firstTry, Boolean hintBought, String skill, int minPercent) {
    public static final Condition ANY = new Condition(Set.of(), null, null, null, 0);

    public Condition {
        difficulties = Set.copyOf(difficulties);
    }

    public boolean matches(AchievementFact f) {
        if (!difficulties.isEmpty() && (f.difficulty() == null || !difficulties.contains(f.difficulty()))) return false;
        if (firstTry != null && !firstTry.equals(f.firstTry())) return false;
        if (hintBought != null && !hintBought.equals(f.hintBought())) return false;
        if (skill != null && !f.skills().contains(skill)) return false;
        return f.percent() >= minPercent;
    }
}
