package dev.pyquest.local;

import dev.pyquest.domain.content.ContentException;
import dev.pyquest.local.content.LoadContent;
import dev.pyquest.shared.config.Tables;
import dev.pyquest.shared.store.CatalogRepository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The course loader on DynamoDB Local: the whole course, idempotent re-runs, nothing of a failing batch. */
class LoadContentIT {
    private Engines engines;

    @TempDir
    Path broken;

    @BeforeEach
    void up() {
        engines = new Engines(Clock.systemUTC());
    }

    @AfterEach
    void down() {
        engines.close();
    }

    private int catalogItems() {
        return items(engines.bean(Tables.class).catalog());
    }

    private int judgeItems() {
        return items(engines.bean(Tables.class).judge());
    }

    /** Every page: a scan answers at most 1 MB, and the judge's items (every hidden test of an exercise) pass that together. */
    private int items(String table) {
        return engines.bean(DynamoDbClient.class).scanPaginator(b -> b.tableName(table)).stream().mapToInt(p -> p.count()).sum();
    }

    @Test
    void theWholeCourseLoadsOnceAndAReRunChangesNothing() {
        Path content = LocalStack.findRoot().resolve("content");
        LoadContent.Result first = LoadContent.load(content, engines.bean(CatalogRepository.class));
        int activities = first.course().exercises().size() + first.course().lessons().size() + first.course().quizzes().size();
        assertEquals(activities, first.changed());
        // Each exercise's walkthrough is an item of its own beside the activities.
        assertEquals(activities + first.course().exercises().size(), catalogItems());
        // Hidden tests of exercises and answer keys of quizzes; lessons have nothing secret.
        assertEquals(first.course().exercises().size() + first.course().quizzes().size(), judgeItems());
        assertEquals(0, LoadContent.load(content, engines.bean(CatalogRepository.class)).changed());
        assertEquals(activities + first.course().exercises().size(), catalogItems());
    }

    /**
     * The learner-bug bank and the wrong solutions are the content check's material: neither table holds any of them,
     * walkthroughs aside: a walkthrough (shown to a Pro learner who has submitted) may quote a typical wrong line on
     * purpose, to show the pitfall.
     */
    @Test
    void noBankEntryOrWrongSolutionIsStored() {
        LoadContent.Result loaded = LoadContent.load(LocalStack.findRoot().resolve("content"), engines.bean(CatalogRepository.class));
        StringBuilder stored = new StringBuilder();
        Tables tables = engines.bean(Tables.class);
        for (String table : java.util.List.of(tables.catalog(), tables.judge())) {
            engines.bean(DynamoDbClient.class).scanPaginator(b -> b.tableName(table)).items().stream()
                    .filter(item -> !"walkthrough".equals(item.getOrDefault("kind", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("")).s()))
                    .forEach(item -> item.values().forEach(v -> stored.append(v.s()).append('\n')));
        }
        assertTrue(stored.toString().contains("def "), "the catalog holds starter code, so the scan saw code");
        int checked = 0;
        for (var e : loaded.course().exercises()) {
            for (var b : e.bank()) {
                assertFalse(stored.toString().contains(b.code().strip()), e.slug() + "/" + b.file() + " is stored");
                checked++;
            }
            for (var w : e.wrong()) {
                assertFalse(stored.toString().contains(w.code().strip()), e.slug() + "/" + w.file() + " is stored");
            }
        }
        assertTrue(checked >= 15, "the course has a bank: " + checked + " entries");
    }

    @Test
    void aBatchWithOneBadFileLoadsNothing() throws Exception {
        SlugRenameIT.copy(LocalStack.findRoot().resolve("content"), broken);
        Path quiz = broken.resolve("quizzes/strings-quiz/quiz.yaml");
        Files.writeString(quiz, Files.readString(quiz).replaceFirst("answer: \\d+", "answer: 99"));
        ContentException e = assertThrows(ContentException.class, () -> LoadContent.load(broken, engines.bean(CatalogRepository.class)));
        assertTrue(e.getMessage().contains("quizzes/strings-quiz/quiz.yaml") && e.getMessage().contains(".answer"), e.getMessage());
        assertEquals(0, catalogItems(), "nothing of the batch was written");
        assertEquals(0, judgeItems());
    }
}
