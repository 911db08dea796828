package dev.pyquest.domain.mastery.next;

import dev.pyquest.domain.mastery.PathActivity;

import java.util.List;

/** One activity a rule suggests, why ({@code reason}, and {@code why} in words), and the skills the reason is about. */
public record Suggestion(PathActivity activity, Reason reason, List<String> skills, String why) {
    public Suggestion {
        if (activity == null || reason == null || why == null) throw new IllegalArgumentException("a suggestion needs an activity, a reason and a why");
        skills = List.copyOf(skills);
    }
}
