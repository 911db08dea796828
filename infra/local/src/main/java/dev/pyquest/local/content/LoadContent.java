package dev.pyquest.local.content;

import dev.pyquest.domain.content.ContentLoader;
import dev.pyquest.domain.content.Course;
import dev.pyquest.domain.content.Exercise;
import dev.pyquest.domain.content.Lesson;
import dev.pyquest.domain.content.Quiz;
import dev.pyquest.shared.store.CatalogRepository;

import java.nio.file.Path;

/**
 * The course loader: validates the whole content folder (nothing is written when any file is
 * invalid; the message names the file and the field), then upserts every activity by its stable id
 * into the catalog and the judge's table. Unchanged activities write nothing; a renamed slug leaves
 * a redirect. The local stack loads {@code content/} with it at start; {@code ./pyquest load-content}
 * ({@code dev.pyquest.tools.ops.LoadContentCommand}) loads deployed tables with it.
 */
public final class LoadContent {
    private LoadContent() {}

    public record Result(Course course, int changed) {}

    public static Result load(Path contentRoot, CatalogRepository catalog) {
        Course course = ContentLoader.load(contentRoot);
        int changed = 0;
        for (Exercise e : course.exercises()) if (catalog.upsert(e, course.requires(e.id()))) changed++;
        for (Lesson l : course.lessons()) if (catalog.upsert(l, course.requires(l.id()))) changed++;
        for (Quiz q : course.quizzes()) if (catalog.upsert(q, course.requires(q.id()))) changed++;
        return new Result(course, changed);
    }
}
