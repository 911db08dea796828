package dev.pyquest.tools.ops;

import dev.pyquest.domain.content.ContentException;
import dev.pyquest.local.content.LoadContent;
import dev.pyquest.shared.config.AwsClients;
import dev.pyquest.shared.config.Env;
import dev.pyquest.shared.store.CatalogRepository;

import java.nio.file.Path;

/**
 * {@link LoadContent} into deployed tables: after {@code sam deploy}, run
 * <pre>CATALOG_TABLE=… JUDGE_TABLE=… ./pyquest load-content [content-folder]</pre>
 * with AWS credentials of the deploying role (or {@code AWS_ENDPOINT_URL} for a local DynamoDB).
 * Validates the whole folder first and loads nothing if any file is bad (exit 1).
 */
public final class LoadContentCommand {
    private LoadContentCommand() {}

    public static void main(String[] args) {
        Path root = Path.of(args.length > 0 ? args[0] : "content");
        Env env = Env.system();
        try {
            CatalogRepository catalog = new CatalogRepository(AwsClients.dynamo(env),
                    env.required(Env.CATALOG_TABLE), env.required(Env.JUDGE_TABLE));
            LoadContent.Result r = LoadContent.load(root, catalog);
            System.out.printf("content: %d exercises, %d lessons, %d quizzes loaded from %s; %d changed%n",
                    r.course().exercises().size(), r.course().lessons().size(), r.course().quizzes().size(), root, r.changed());
        } catch (ContentException | IllegalStateException e) {
            System.err.println("load-content: " + e.getMessage());
            System.exit(1);
        }
    }
}
