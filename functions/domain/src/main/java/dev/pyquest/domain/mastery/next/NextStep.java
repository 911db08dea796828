package dev.pyquest.domain.mastery.next;

import java.util.List;

/** What {@code GET /me/next} answers: the suggestion, and up to {@link NextStepPolicy#ALTERNATIVES} others (other activities). */
public record NextStep(Suggestion suggestion, List<Suggestion> alternatives) {
    public NextStep {
        if (suggestion == null) throw new IllegalArgumentException("a next step needs a suggestion");
        alternatives = List.copyOf(alternatives);
    }
}
