package dev.pyquest.domain.content;

import java.util.List;
import java.util.Optional;

public record Course(List<Skill> skills, List<Exercise> exercises, List<Lesson> lessons, List<Quiz> quizzes) {
    public Optional<Exercise> exercise(String slug) {
        return exercises.stream().filter(e -> e.slug().equals(slug)).findFirst();
    }

    public Optional<Lesson> lesson(String slug) {
        return lessons.stream().filter(l -> l.slug().equals(slug)).findFirst();
    }

    public Optional<Quiz> quiz(String slug) {
        return quizzes.stream().filter(q -> q.slug().equals(slug)).findFirst();
    }
}
