package dev.pyquest.local.content;

import dev.pyquest.domain.content.ContentLoader;
import dev.pyquest.domain.content.Course;
import dev.pyquest.domain.content.Exercise;
import dev.pyquest.domain.content.Lesson;
import dev.pyquest.domain.content.Quiz;
import dev.pyquest.shared.config.AwsClients;
import dev.pyquest.shared.config.Env;
import dev.pyquest.shared.store.CatalogRepository;

import java.nio.file.Path;

/**
 * The course loader: validates the whole content folder (nothing is written when any file is
 * invalid; the message names the file and the field), then upserts every activity by its stable id
 * into the catalog and the judge's table. Unchanged activities write nothing; a renamed slug leaves
 * a redirect. The local stack loads {@code content/} with it at start; after {@code sam deploy}, run
 * <pre>CATALOG_TABLE=… JUDGE_TABLE=… ./pyquest load-content [content-folder]</pre>
 * with AWS credentials of the deploying role (or {@code AWS_ENDPOINT_URL} for a local DynamoDB).
 */
public final class LoadContent {
    private LoadContent() {}

    public record Result(Course course, int changed) {}

    public static Result load(Path contentRoot, CatalogRepository catalog) {
        Course course = ContentLoader.load(contentRoot);
        int changed = 0;
        for (Exercise e : course.exercises()) if (catalog.upsert(e)) changed++;
        for (Lesson l : course.lessons()) if (catalog.upsert(l)) changed++;
        for (Quiz q : course.quizzes()) if (catalog.upsert(q)) changed++;
        return new Result(course, changed);
    }

    public static void main(String[] args) {
        Path root = Path.of(args.length > 0 ? args[0] : "content");
        Env env = Env.system();
        try {
            CatalogRepository catalog = new CatalogRepository(AwsClients.dynamo(env),
                    env.required(Env.CATALOG_TABLE), env.required(Env.JUDGE_TABLE));
            Result r = load(root, catalog);
            System.out.printf("content: %d exercises, %d lessons, %d quizzes loaded from %s; %d changed%n",
                    r.course().exercises().size(), r.course().lessons().size(), r.course().quizzes().size(), root, r.changed());
        } catch (dev.pyquest.domain.content.ContentException | IllegalStateException e) {
            System.err.println("load-content: " + e.getMessage());
            System.exit(1);
        }
    }
}
