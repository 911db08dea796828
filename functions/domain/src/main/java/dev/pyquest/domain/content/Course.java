package dev.pyquest.domain.content;

import java.util.List;
import java.util.Optional;

public record Course(List<Skill> skills, List<Exercise> exercises) {
    public Optional<Exercise> exercise(String slug) {
        return exercises.stream().filter(e -> e.slug().equals(slug)).findFirst();
    }
}
