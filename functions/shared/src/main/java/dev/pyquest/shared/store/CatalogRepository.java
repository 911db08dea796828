package dev.pyquest.shared.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.pyquest.domain.Hashing;
import dev.pyquest.domain.Json;
import dev.pyquest.domain.content.Difficulty;
import dev.pyquest.domain.content.Exercise;
import dev.pyquest.domain.content.Lesson;
import dev.pyquest.domain.content.Quiz;
import dev.pyquest.domain.judge.JudgeSpec;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The catalog (what learners may read) and the judge's specs (hidden tests with expected values)
 * live in two tables, so that only the judge's functions can be granted read access to the latter.
 */
public final class CatalogRepository {
    public static final String SLUG_INDEX = "bySlug";
    /**
     * Content changes at deploy time, not per request: a container keeps what it read for this
     * long, which saves a round trip on every submission's hot path.
     */
    static final java.time.Duration CACHE_TTL = java.time.Duration.ofSeconds(30);
    private final DynamoDbClient dynamo;
    private final String catalogTable;
    private final String judgeTable;
    private final Cache<Optional<Activity>> bySlug = new Cache<>();
    private final Cache<Optional<Activity>> byId = new Cache<>();
    private final Cache<Optional<JudgeSpec>> specs = new Cache<>();
    private final Cache<Optional<Quiz>> quizKeys = new Cache<>();
    private final Cache<Optional<String>> walkthroughs = new Cache<>();

    public CatalogRepository(DynamoDbClient dynamo, String catalogTable, String judgeTable) {
        this.dynamo = dynamo;
        this.catalogTable = catalogTable;
        this.judgeTable = judgeTable;
    }

    /**
     * A catalog entry as the API shows it (hidden tests and answer keys never here). Exercises have
     * starter code, examples, hints and a function; lessons a Markdown statement; quizzes their
     * public questions (prompts and choices) and pass mark.
     */
    public record Activity(String activityId, String slug, String title, String kind, Difficulty difficulty,
                           List<String> skills, String statement, String starterCode, String examplesJson,
                           List<String> hints, String function, String questionsJson, int passPercent,
                           List<dev.pyquest.domain.content.Requirement> requires, boolean premium) {
        public Activity {
            requires = requires == null ? List.of() : List.copyOf(requires);
        }

        public Activity(String activityId, String slug, String title, String kind, Difficulty difficulty, List<String> skills,
                        String statement, String starterCode, String examplesJson, List<String> hints, String function,
                        String questionsJson, int passPercent, List<dev.pyquest.domain.content.Requirement> requires) {
            this(activityId, slug, title, kind, difficulty, skills, statement, starterCode, examplesJson, hints, function,
                    questionsJson, passPercent, requires, false);
        }
    }

    public static final String EXERCISE = "exercise";
    public static final String LESSON = "lesson";
    public static final String QUIZ = "quiz";
    /** An item that maps a former slug to the activity now holding it (kept forever: links and progress stay valid). */
    static final String REDIRECT = "redirect";
    /** An exercise's walkthrough (Pro), an item of its own ({@code walkthrough#<activityId>}): never in a catalog read. */
    static final String WALKTHROUGH = "walkthrough";

    /**
     * Upserts by the stable id: the same content twice writes nothing the second time (the stored
     * content hash matches), and a changed slug updates the same item and leaves a redirect behind.
     */
    /** {@code requires}: what unlocks it ({@link dev.pyquest.domain.content.Course#requires}); empty = open. */
    public boolean upsert(Exercise e, List<dev.pyquest.domain.content.Requirement> requires) {
        Activity a = new Activity(e.id(), e.slug(), e.title(), EXERCISE, e.difficulty(), e.skills(), e.statement(),
                e.starterCode(), json(e.examples().stream().map(CatalogRepository::example).toList()), e.hints(), e.function(),
                null, 0, requires, e.premium());
        boolean changed = upsert(a, "spec", json(JudgeSpec.of(e)), e.formerSlugs());
        Map<String, AttributeValue> w = dynamo.getItem(b -> b.tableName(catalogTable).consistentRead(true)
                .key(Map.of("activityId", Attr.s(WALKTHROUGH + "#" + e.id())))).item();
        if (w == null || !e.walkthrough().equals(Attr.str(w, "markdown"))) {
            dynamo.putItem(b -> b.tableName(catalogTable).item(Map.of("activityId", Attr.s(WALKTHROUGH + "#" + e.id()),
                    "kind", Attr.s(WALKTHROUGH), "markdown", Attr.s(e.walkthrough()))));
            walkthroughs.clear();
            changed = true;
        }
        return changed;
    }

    /** The exercise's walkthrough (Markdown), if it has one. */
    public Optional<String> walkthrough(String activityId) {
        return walkthroughs.get(activityId, () -> {
            Map<String, AttributeValue> w = dynamo.getItem(b -> b.tableName(catalogTable)
                    .key(Map.of("activityId", Attr.s(WALKTHROUGH + "#" + activityId)))).item();
            return w == null || w.isEmpty() ? Optional.empty() : Optional.ofNullable(Attr.str(w, "markdown"));
        });
    }

    public boolean upsert(Lesson l, List<dev.pyquest.domain.content.Requirement> requires) {
        Activity a = new Activity(l.id(), l.slug(), l.title(), LESSON, l.difficulty(), l.skills(), l.body(),
                null, null, List.of(), null, null, 0, requires);
        return upsert(a, null, null, l.formerSlugs());
    }

    /** The quiz's answer key goes to the judge's table; the catalog holds prompts and choices only. */
    public boolean upsert(Quiz q, List<dev.pyquest.domain.content.Requirement> requires) {
        com.fasterxml.jackson.databind.node.ArrayNode questions = Json.MAPPER.createArrayNode();
        for (Quiz.Question question : q.questions()) {
            com.fasterxml.jackson.databind.node.ObjectNode n = questions.addObject()
                    .put("id", question.id())
                    .put("kind", question.kind().name().toLowerCase(java.util.Locale.ROOT))
                    .put("prompt", question.prompt());
            if (question.kind() == Quiz.Kind.CHOICE) question.choices().forEach(n.putArray("choices")::add);
        }
        Activity a = new Activity(q.id(), q.slug(), q.title(), QUIZ, q.difficulty(), q.skills(), q.intro(),
                null, null, List.of(), null, json(questions), q.passPercent(), requires);
        return upsert(a, "quiz", json(q), q.formerSlugs());
    }

    private boolean upsert(Activity a, String secretAttribute, String secret, List<String> formerSlugs) {
        String hash = Hashing.sha256Hex(json(a) + "\n" + secret + "\n" + formerSlugs);
        Map<String, AttributeValue> current = dynamo.getItem(b -> b.tableName(catalogTable).consistentRead(true)
                .key(Map.of("activityId", Attr.s(a.activityId())))).item();
        if (current != null && hash.equals(Attr.str(current, "contentHash"))) return false;
        if (secret != null) {
            dynamo.putItem(b -> b.tableName(judgeTable).item(Map.of("activityId", Attr.s(a.activityId()), secretAttribute, Attr.s(secret))));
        }
        java.util.Set<String> redirects = new java.util.LinkedHashSet<>(formerSlugs);
        String storedSlug = current == null ? null : Attr.str(current, "slug");
        if (storedSlug != null && !storedSlug.equals(a.slug())) redirects.add(storedSlug);
        for (String old : redirects) {
            dynamo.putItem(b -> b.tableName(catalogTable).item(Map.of("activityId", Attr.s(REDIRECT + "#" + old),
                    "slug", Attr.s(old), "kind", Attr.s(REDIRECT), "redirectTo", Attr.s(a.activityId()))));
        }
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("activityId", Attr.s(a.activityId()));
        item.put("slug", Attr.s(a.slug()));
        item.put("title", Attr.s(a.title()));
        item.put("kind", Attr.s(a.kind()));
        item.put("difficulty", Attr.s(a.difficulty().name()));
        item.put("skills", AttributeValue.fromL(a.skills().stream().map(Attr::s).toList()));
        item.put("hints", AttributeValue.fromL(a.hints().stream().map(Attr::s).toList()));
        item.put("statement", Attr.s(a.statement()));
        if (a.starterCode() != null) item.put("starterCode", Attr.s(a.starterCode()));
        if (a.examplesJson() != null) item.put("examples", Attr.s(a.examplesJson()));
        if (a.function() != null) item.put("function", Attr.s(a.function()));
        if (a.questionsJson() != null) {
            item.put("questions", Attr.s(a.questionsJson()));
            item.put("passPercent", Attr.n(a.passPercent()));
        }
        if (!a.requires().isEmpty()) item.put("requires", Attr.s(json(a.requires())));
        if (a.premium()) item.put("premium", Attr.bool(true));
        item.put("contentHash", Attr.s(hash));
        dynamo.putItem(b -> b.tableName(catalogTable).item(item));
        bySlug.clear();
        byId.clear();
        specs.clear();
        quizKeys.clear();
        return true;
    }

    /** Ordered fields, so the content hash is the same in every JVM. */
    private static com.fasterxml.jackson.databind.node.ObjectNode example(dev.pyquest.domain.content.TestCase t) {
        com.fasterxml.jackson.databind.node.ObjectNode n = Json.MAPPER.createObjectNode().put("name", t.name());
        n.set("args", t.args());
        n.set("expected", t.expected());
        return n;
    }

    public List<Activity> list() {
        List<Activity> out = new ArrayList<>();
        dynamo.scanPaginator(b -> b.tableName(catalogTable)).items().forEach(i -> {
            String kind = Attr.str(i, "kind");
            if (!REDIRECT.equals(kind) && !WALKTHROUGH.equals(kind)) out.add(activity(i));
        });
        out.sort(java.util.Comparator.comparing((Activity a) -> a.difficulty().ordinal()).thenComparing(Activity::slug));
        return out;
    }

    /**
     * The activity with this slug, or the one a former slug redirects to (its {@code slug()} then
     * differs from the one asked for). A current slug wins over a redirect.
     */
    public Optional<Activity> bySlug(String slug) {
        return bySlug.get(slug, () -> querySlug(slug));
    }

    private Optional<Activity> querySlug(String slug) {
        QueryResponse r = dynamo.query(b -> b.tableName(catalogTable).indexName(SLUG_INDEX)
                .keyConditionExpression("slug = :s").expressionAttributeValues(Map.of(":s", Attr.s(slug))));
        Optional<Map<String, AttributeValue>> current = r.items().stream().filter(i -> !REDIRECT.equals(Attr.str(i, "kind"))).findFirst();
        if (current.isPresent()) return current.map(CatalogRepository::activity);
        return r.items().stream().findFirst().flatMap(redirect -> getById(Attr.str(redirect, "redirectTo")));
    }

    public Optional<Activity> byId(String id) {
        return byId.get(id, () -> getById(id));
    }

    private Optional<Activity> getById(String id) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(catalogTable)
                .key(Map.of("activityId", Attr.s(id)))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(activity(item));
    }

    public Optional<JudgeSpec> judgeSpec(String activityId) {
        return specs.get(activityId, () -> readSpec(activityId));
    }

    private Optional<JudgeSpec> readSpec(String activityId) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(judgeTable).consistentRead(true)
                .key(Map.of("activityId", Attr.s(activityId)))).item();
        if (item == null || item.isEmpty()) return Optional.empty();
        try {
            return Optional.of(Json.MAPPER.readValue(Attr.str(item, "spec"), JudgeSpec.class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored judge spec of " + activityId + " is unreadable", e);
        }
    }

    private static Activity activity(Map<String, AttributeValue> i) {
        return new Activity(Attr.str(i, "activityId"), Attr.str(i, "slug"), Attr.str(i, "title"), Attr.str(i, "kind"),
                Difficulty.valueOf(Attr.str(i, "difficulty")),
                i.containsKey("skills") ? i.get("skills").l().stream().map(AttributeValue::s).toList() : List.of(),
                Attr.str(i, "statement"), Attr.str(i, "starterCode"), Attr.str(i, "examples"),
                i.containsKey("hints") ? i.get("hints").l().stream().map(AttributeValue::s).toList() : List.of(),
                Attr.str(i, "function"), Attr.str(i, "questions"), (int) Attr.num(i, "passPercent", 0), requires(i),
                i.containsKey("premium") && Boolean.TRUE.equals(i.get("premium").bool()));
    }

    private static List<dev.pyquest.domain.content.Requirement> requires(Map<String, AttributeValue> i) {
        String stored = Attr.str(i, "requires");
        if (stored == null) return List.of();
        try {
            return List.of(Json.MAPPER.readValue(stored, dev.pyquest.domain.content.Requirement[].class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored requires of " + Attr.str(i, "activityId") + " are unreadable", e);
        }
    }

    /** A quiz's answer key (from the judge's table: only the functions that score quizzes may read it). */
    public Optional<Quiz> quizKey(String activityId) {
        return quizKeys.get(activityId, () -> readQuizKey(activityId));
    }

    private Optional<Quiz> readQuizKey(String activityId) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(judgeTable)
                .key(Map.of("activityId", Attr.s(activityId)))).item();
        if (item == null || item.isEmpty() || Attr.str(item, "quiz") == null) return Optional.empty();
        try {
            return Optional.of(Json.MAPPER.readValue(Attr.str(item, "quiz"), Quiz.class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored answer key of " + activityId + " is unreadable", e);
        }
    }

    private static String json(Object o) {
        try {
            return Json.MAPPER.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A small TTL cache; only present values are kept, so new content is seen as soon as it exists. */
    private static final class Cache<V extends Optional<?>> {
        private record Entry<V>(V value, long expires) {}

        private final java.util.concurrent.ConcurrentHashMap<String, Entry<V>> entries = new java.util.concurrent.ConcurrentHashMap<>();

        V get(String key, java.util.function.Supplier<V> load) {
            long now = System.nanoTime();
            Entry<V> e = entries.get(key);
            if (e != null && e.expires() - now > 0) return e.value();
            V v = load.get();
            if (v.isPresent()) entries.put(key, new Entry<>(v, now + CACHE_TTL.toNanos()));
            return v;
        }

        void clear() {
            entries.clear();
        }
    }
}
