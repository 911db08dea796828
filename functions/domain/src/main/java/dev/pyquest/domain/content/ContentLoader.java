package dev.pyquest.domain.content;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pyquest.domain.Json;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads the course from its authored files ({@code content/README.md} describes them) and validates
 * all of it before returning anything: a batch with one bad file yields no course, and the error
 * names every file and field at fault.
 */
public final class ContentLoader {
    public static final int MIN_EXAMPLES = 3;
    public static final int MIN_HIDDEN_TESTS = 8;
    public static final int MIN_WRONG_SOLUTIONS = 2;
    private static final Pattern SLUG = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");
    private static final Pattern PY_IDENT = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    public static final int MIN_LESSON_EXAMPLES = 3;
    public static final int MIN_QUIZ_QUESTIONS = 5;
    public static final int MAX_QUIZ_QUESTIONS = 10;
    public static final int DEFAULT_PASS_PERCENT = 70;
    private static final Pattern QUESTION_ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final Set<String> EXERCISE_FIELDS = Set.of("id", "slug", "title", "difficulty", "skills", "formerSlugs", "requires",
            "function", "limits", "hints", "examples", "tests", "wrong", "bank", "inputsUnchanged", "premium");
    /** The solution walkthrough every exercise has, and how long it must be at least: a walkthrough teaches, it does not just point. */
    public static final String WALKTHROUGH = "walkthrough.md";
    public static final int MIN_WALKTHROUGH_CHARS = 400;
    /** A bank file: {@code bank/<lower-case-hyphenated name>.py}, inside the exercise folder. */
    private static final Pattern BANK_FILE = Pattern.compile("bank/[a-z0-9]+(-[a-z0-9]+)*\\.py");
    private static final Set<String> LESSON_FIELDS = Set.of("id", "slug", "title", "difficulty", "skills", "formerSlugs", "requires");
    private static final Set<String> QUIZ_FIELDS = Set.of("id", "slug", "title", "difficulty", "skills", "formerSlugs", "requires",
            "passPercent", "intro", "questions");

    private final List<String> errors = new ArrayList<>();
    /** Whether generated.yaml is read; the generator itself reads the course without it (it may be stale or missing). */
    private final boolean withGenerated;

    private ContentLoader() {
        this(true);
    }

    private ContentLoader(boolean withGenerated) {
        this.withGenerated = withGenerated;
    }

    public static Course load(Path root) {
        return new ContentLoader().read(root);
    }

    /**
     * The course with the hand-written tests only: every {@code generated.yaml} is left unread, so a
     * stale or missing one is no error. For {@code ./pyquest generate-tests}, which writes them.
     */
    public static Course loadWithoutGenerated(Path root) {
        return new ContentLoader(false).read(root);
    }

    private Course read(Path root) {
        if (!Files.isDirectory(root)) {
            throw new ContentException("content folder not found: " + root.toAbsolutePath());
        }
        List<Skill> skills = readSkills(root.resolve("skills.yaml"));
        Set<String> skillIds = new HashSet<>();
        skills.forEach(s -> skillIds.add(s.id()));
        List<Exercise> exercises = new ArrayList<>();
        List<Lesson> lessons = new ArrayList<>();
        List<Quiz> quizzes = new ArrayList<>();
        List<Header> headers = new ArrayList<>();
        for (Path folder : folders(root.resolve("exercises"))) {
            Exercise e = readExercise(folder, skillIds, headers);
            if (e != null) exercises.add(e);
        }
        for (Path folder : folders(root.resolve("lessons"))) {
            Lesson l = readLesson(folder, skillIds, headers);
            if (l != null) lessons.add(l);
        }
        for (Path folder : folders(root.resolve("quizzes"))) {
            Quiz q = readQuiz(folder, skillIds, headers);
            if (q != null) quizzes.add(q);
        }
        unique(headers);
        Map<String, List<Requirement>> requires = errors.isEmpty() ? requires(headers, skills, quizzes) : Map.of();
        if (!errors.isEmpty()) {
            throw new ContentException("invalid content (" + errors.size() + " problem"
                    + (errors.size() == 1 ? "" : "s") + "):\n  " + String.join("\n  ", errors));
        }
        return new Course(List.copyOf(skills), List.copyOf(exercises), List.copyOf(lessons), List.copyOf(quizzes), requires);
    }

    /** The sub-folders of {@code dir}, sorted; none when it does not exist (a course may have no lessons yet). */
    private List<Path> folders(Path dir) {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> folders = Files.list(dir)) {
            return folders.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            errors.add(dir + ": cannot list: " + e.getMessage());
            return List.of();
        }
    }

    private static final Set<String> REQUIREMENT_FIELDS = Set.of("activity", "skill", "minScore");

    /**
     * Resolves every activity's {@code requires} (slugs to stable ids) and refuses gates nothing can satisfy: an unknown
     * activity or skill, an activity requiring itself, a {@code minScore} on anything but a quiz or a skill (the score
     * of a quiz on it), a skill no quiz covers, the same requirement twice, and cycles (a requirement on a skill leads
     * to every quiz on that skill).
     */
    private Map<String, List<Requirement>> requires(List<Header> headers, List<Skill> skills, List<Quiz> quizzes) {
        Map<String, Header> bySlug = new HashMap<>();
        headers.forEach(h -> bySlug.put(h.slug(), h));
        Set<String> skillIds = new HashSet<>();
        skills.forEach(s -> skillIds.add(s.id()));
        Map<String, List<String>> quizzesOfSkill = new HashMap<>();
        for (Quiz q : quizzes) q.skills().forEach(s -> quizzesOfSkill.computeIfAbsent(s, k -> new ArrayList<>()).add(q.id()));
        Map<String, List<Requirement>> out = new java.util.TreeMap<>();
        Map<String, List<String>> edges = new HashMap<>();
        Map<String, String> whereOf = new HashMap<>();
        for (Header h : headers) {
            whereOf.put(h.id(), h.where());
            if (h.requires() == null) continue;
            List<Requirement> list = new ArrayList<>();
            for (int i = 0; i < h.requires().size(); i++) {
                String at = h.where() + ": requires[" + i + "]";
                JsonNode r = h.requires().get(i);
                if (!r.isObject()) {
                    errors.add(at + " must be {activity: <slug>} or {skill: <id>}");
                    continue;
                }
                fields(r, at, REQUIREMENT_FIELDS);
                int minScore = 0;
                if (r.has("minScore")) {
                    JsonNode m = r.get("minScore");
                    if (!m.isInt() || m.intValue() < 1 || m.intValue() > 100) {
                        errors.add(at + ".minScore must be an integer percent in [1, 100]");
                        continue;
                    }
                    minScore = m.intValue();
                }
                boolean hasActivity = r.hasNonNull("activity"), hasSkill = r.hasNonNull("skill");
                if (hasActivity == hasSkill) {
                    errors.add(at + " must name exactly one of activity and skill");
                    continue;
                }
                if (hasActivity) {
                    String slug = r.get("activity").asText();
                    Header target = bySlug.get(slug);
                    if (target == null) {
                        errors.add(at + ".activity names unknown activity '" + slug + "' (use its current slug)");
                    } else if (target.id().equals(h.id())) {
                        errors.add(at + ".activity: '" + slug + "' cannot require itself");
                    } else if (minScore > 0 && !"quiz".equals(target.kind())) {
                        errors.add(at + ".minScore: '" + slug + "' is a " + target.kind() + ", and only quizzes have a score");
                    } else {
                        list.add(Requirement.activity(target.id(), minScore));
                        edges.computeIfAbsent(h.id(), k -> new ArrayList<>()).add(target.id());
                    }
                } else {
                    String skill = r.get("skill").asText();
                    if (!skillIds.contains(skill)) {
                        errors.add(at + ".skill names unknown skill '" + skill + "' (see skills.yaml)");
                    } else if (!quizzesOfSkill.containsKey(skill)) {
                        errors.add(at + ".skill: no quiz covers '" + skill + "', so nothing can meet it");
                    } else {
                        list.add(Requirement.skill(skill, minScore));
                        edges.computeIfAbsent(h.id(), k -> new ArrayList<>()).addAll(quizzesOfSkill.get(skill));
                    }
                }
            }
            if (new HashSet<>(list).size() != list.size()) errors.add(h.where() + ": requires lists the same requirement twice");
            if (!list.isEmpty()) out.put(h.id(), List.copyOf(list));
        }
        Map<String, Integer> colour = new HashMap<>();
        for (String id : new java.util.TreeSet<>(edges.keySet())) {
            List<String> cycle = cycleFrom(id, edges, colour, new ArrayList<>());
            if (cycle != null) {
                errors.add(whereOf.get(cycle.get(0)) + ": requires makes a cycle, so none of it can ever unlock: "
                        + String.join(" -> ", cycle.stream().map(c -> whereOf.get(c).replaceAll("/[a-z]+\\.yaml$", "")).toList()));
                break;
            }
        }
        return out;
    }

    /** A cycle reachable from {@code id} (its ids, the first repeated last), or null; colours: 1 on the path, 2 done. */
    private static List<String> cycleFrom(String id, Map<String, List<String>> edges, Map<String, Integer> colour, List<String> path) {
        Integer c = colour.get(id);
        if (c != null && c == 2) return null;
        if (c != null && c == 1) {
            List<String> cycle = new ArrayList<>(path.subList(path.indexOf(id), path.size()));
            cycle.add(id);
            return cycle;
        }
        colour.put(id, 1);
        path.add(id);
        for (String next : edges.getOrDefault(id, List.of())) {
            List<String> cycle = cycleFrom(next, edges, colour, path);
            if (cycle != null) return cycle;
        }
        path.remove(path.size() - 1);
        colour.put(id, 2);
        return null;
    }

    /**
     * Ids and slugs are unique across every kind of activity, and a former slug (a redirect) may
     * name neither a current slug nor another activity's former slug: each slug resolves to one activity.
     */
    private void unique(List<Header> headers) {
        Map<String, String> ids = new HashMap<>();
        Map<String, String> slugs = new HashMap<>();
        for (Header h : headers) {
            String previous = ids.putIfAbsent(h.id(), h.where());
            if (previous != null) errors.add(h.where() + ": id '" + h.id() + "' is also used by " + previous);
            previous = slugs.putIfAbsent(h.slug(), h.where());
            if (previous != null) errors.add(h.where() + ": slug '" + h.slug() + "' is also used by " + previous);
        }
        for (Header h : headers) {
            for (String former : h.formerSlugs()) {
                String previous = slugs.putIfAbsent(former, h.where());
                if (previous != null) {
                    errors.add(h.where() + ": formerSlugs '" + former + "' is also the slug or a former slug of " + previous);
                }
            }
        }
    }

    /** What every activity's YAML starts with. */
    private record Header(String where, String kind, String id, String slug, String title, Difficulty difficulty,
                          List<String> skills, List<String> formerSlugs, JsonNode requires) {}

    /** Reads and checks the common fields; null (with errors recorded) when one is missing. */
    private Header header(JsonNode n, Path folder, String where, String idPrefix, Set<String> skillIds, List<Header> headers) {
        String id = text(n, "id", where);
        if (id != null && !(ID.matcher(id).matches() && id.startsWith(idPrefix))) {
            errors.add(where + ": id '" + id + "' must start with '" + idPrefix + "' and be 1-64 of [A-Za-z0-9_-]");
        }
        String slug = text(n, "slug", where);
        if (slug != null && !slug.equals(folder.getFileName().toString())) {
            errors.add(where + ": slug '" + slug + "' must equal its folder name '" + folder.getFileName() + "'");
        }
        if (slug != null && !SLUG.matcher(slug).matches()) errors.add(where + ": slug '" + slug + "' must be lower-case-hyphenated");
        String title = text(n, "title", where);
        Difficulty difficulty = null;
        String d = text(n, "difficulty", where);
        if (d != null) {
            try {
                difficulty = Difficulty.valueOf(d.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.add(where + ": difficulty '" + d + "' must be one of easy, medium, hard");
            }
        }
        List<String> skills = strings(n, "skills", where, true);
        if (skills.isEmpty() && n.has("skills")) errors.add(where + ": skills must name at least one skill");
        for (String s : skills) {
            if (!skillIds.contains(s)) errors.add(where + ": skills names unknown skill '" + s + "' (see skills.yaml)");
        }
        List<String> former = strings(n, "formerSlugs", where, false);
        for (String f : former) {
            if (!SLUG.matcher(f).matches()) errors.add(where + ": formerSlugs '" + f + "' must be lower-case-hyphenated");
            if (f.equals(slug)) errors.add(where + ": formerSlugs lists the current slug '" + f + "'");
        }
        if (new HashSet<>(former).size() != former.size()) errors.add(where + ": formerSlugs lists a slug twice");
        if (id == null || slug == null || title == null || difficulty == null) return null;
        JsonNode requires = n.get("requires");
        if (requires != null && !requires.isArray()) {
            errors.add(where + ": requires must be a list of {activity: <slug>} or {skill: <id>} (each with an optional minScore)");
            requires = null;
        }
        String kind = switch (idPrefix) {
            case "ex-" -> "exercise";
            case "ls-" -> "lesson";
            default -> "quiz";
        };
        Header h = new Header(where, kind, id, slug, title, difficulty, List.copyOf(skills),
                former.stream().filter(f -> !f.equals(slug)).distinct().toList(), requires);
        headers.add(h);
        return h;
    }

    private JsonNode mapping(Path file, String where, Set<String> fields) {
        JsonNode n = yaml(file);
        if (n == null) return null;
        if (!n.isObject()) {
            errors.add(where + ": expected a mapping");
            return null;
        }
        n.fieldNames().forEachRemaining(f -> {
            if (!fields.contains(f)) errors.add(where + ": unknown field '" + f + "'");
        });
        return n;
    }

    // ------------------------------------------------------------------ lessons

    private static final Pattern FENCE = Pattern.compile("^ {0,3}```\\s*([A-Za-z0-9_+-]*)\\s*$");

    private Lesson readLesson(Path folder, Set<String> skillIds, List<Header> headers) {
        String name = "lessons/" + folder.getFileName();
        String where = name + "/lesson.yaml";
        int before = errors.size();
        JsonNode n = mapping(folder.resolve("lesson.yaml"), where, LESSON_FIELDS);
        if (n == null) return null;
        Header h = header(n, folder, where, "ls-", skillIds, headers);
        String body = file(folder.resolve("lesson.md"), name);
        List<Lesson.Example> examples = body == null ? List.of() : examples(body, name + "/lesson.md");
        if (body != null && examples.size() < MIN_LESSON_EXAMPLES) {
            errors.add(name + "/lesson.md: needs at least " + MIN_LESSON_EXAMPLES + " runnable ```python examples, has " + examples.size());
        }
        if (errors.size() > before || h == null) return null;
        return new Lesson(h.id(), h.slug(), h.title(), h.difficulty(), h.skills(), body, examples, h.formerSlugs());
    }

    /**
     * The lesson's runnable examples: every fenced {@code python} block, with the fenced {@code output}
     * block that follows it (blank lines between allowed) as its exact stdout.
     */
    private List<Lesson.Example> examples(String markdown, String where) {
        List<Lesson.Example> out = new ArrayList<>();
        String[] lines = markdown.split("\n", -1);
        int i = 0;
        boolean lastWasPython = false;  // only blank lines since the last python block closed
        while (i < lines.length) {
            java.util.regex.Matcher open = FENCE.matcher(lines[i]);
            if (!open.matches()) {
                if (!lines[i].isBlank()) lastWasPython = false;
                i++;
                continue;
            }
            String info = open.group(1);
            int start = i + 1;
            int close = start;
            while (close < lines.length && !lines[close].strip().equals("```")) close++;
            if (close >= lines.length) {
                errors.add(where + ": line " + (i + 1) + ": the ``` block is never closed");
                return out;
            }
            String text = String.join("\n", java.util.Arrays.asList(lines).subList(start, close));
            if (info.equals("python")) {
                if (text.isBlank()) errors.add(where + ": line " + (i + 1) + ": empty python block");
                out.add(new Lesson.Example(i + 1, text + "\n", null));
                lastWasPython = true;
            } else if (info.equals("output")) {
                if (!lastWasPython) {
                    errors.add(where + ": line " + (i + 1) + ": an output block must directly follow a python block");
                } else {
                    Lesson.Example e = out.remove(out.size() - 1);
                    out.add(new Lesson.Example(e.line(), e.code(), text));
                }
                lastWasPython = false;
            } else {
                lastWasPython = false;
            }
            i = close + 1;
        }
        return List.copyOf(out);
    }

    // ------------------------------------------------------------------ quizzes

    private Quiz readQuiz(Path folder, Set<String> skillIds, List<Header> headers) {
        String where = "quizzes/" + folder.getFileName() + "/quiz.yaml";
        int before = errors.size();
        JsonNode n = mapping(folder.resolve("quiz.yaml"), where, QUIZ_FIELDS);
        if (n == null) return null;
        Header h = header(n, folder, where, "qz-", skillIds, headers);
        String intro = text(n, "intro", where);
        int passPercent = DEFAULT_PASS_PERCENT;
        if (n.has("passPercent")) {
            JsonNode p = n.get("passPercent");
            if (!p.isInt() || p.intValue() < 1 || p.intValue() > 100) errors.add(where + ": passPercent must be an integer in [1, 100]");
            else passPercent = p.intValue();
        }
        List<Quiz.Question> questions = new ArrayList<>();
        JsonNode list = n.get("questions");
        if (list == null || !list.isArray()) {
            errors.add(where + ": questions must be a list");
        } else {
            if (list.size() < MIN_QUIZ_QUESTIONS || list.size() > MAX_QUIZ_QUESTIONS) {
                errors.add(where + ": questions: " + MIN_QUIZ_QUESTIONS + " to " + MAX_QUIZ_QUESTIONS + " questions, has " + list.size());
            }
            Set<String> ids = new HashSet<>();
            for (int i = 0; i < list.size(); i++) {
                Quiz.Question q = question(list.get(i), where + ": questions[" + i + "]");
                if (q != null && !ids.add(q.id())) errors.add(where + ": question id '" + q.id() + "' is used twice");
                if (q != null) questions.add(q);
            }
            for (Quiz.Kind k : Quiz.Kind.values()) {
                if (questions.stream().noneMatch(q -> q.kind() == k)) {
                    errors.add(where + ": questions needs at least one " + k.name().toLowerCase(Locale.ROOT) + " question");
                }
            }
        }
        if (errors.size() > before || h == null) return null;
        return new Quiz(h.id(), h.slug(), h.title(), h.difficulty(), h.skills(), passPercent, intro,
                List.copyOf(questions), h.formerSlugs());
    }

    private Quiz.Question question(JsonNode q, String where) {
        if (q == null || !q.isObject()) {
            errors.add(where + " must be a mapping");
            return null;
        }
        int before = errors.size();
        q.fieldNames().forEachRemaining(f -> {
            if (!Set.of("id", "kind", "prompt", "choices", "answer", "accept", "explanation").contains(f)) {
                errors.add(where + ": unknown field '" + f + "'");
            }
        });
        String id = text(q, "id", where);
        if (id != null && !QUESTION_ID.matcher(id).matches()) errors.add(where + ".id '" + id + "' must be lower-case-hyphenated");
        String prompt = text(q, "prompt", where);
        String explanation = text(q, "explanation", where);
        String k = text(q, "kind", where);
        Quiz.Kind kind = null;
        if ("choice".equals(k)) kind = Quiz.Kind.CHOICE;
        else if ("fill".equals(k)) kind = Quiz.Kind.FILL;
        else if (k != null) errors.add(where + ".kind '" + k + "' must be choice or fill");
        List<String> choices = List.of();
        List<String> accept = List.of();
        int answer = -1;
        if (kind == Quiz.Kind.CHOICE) {
            choices = strings(q, "choices", where, true);
            if (choices.size() < 2 || choices.size() > 6) errors.add(where + ".choices: 2 to 6 choices, has " + choices.size());
            if (new HashSet<>(choices).size() != choices.size()) errors.add(where + ".choices lists the same choice twice");
            if (choices.stream().anyMatch(String::isBlank)) errors.add(where + ".choices has an empty choice");
            JsonNode a = q.get("answer");
            if (a == null || !a.isInt() || a.intValue() < 0 || a.intValue() >= choices.size()) {
                errors.add(where + ".answer must be the 0-based index of the right choice (0 to " + (choices.size() - 1) + ")");
            } else {
                answer = a.intValue();
            }
            if (q.has("accept")) errors.add(where + ": accept is for fill questions; a choice question has answer");
        } else if (kind == Quiz.Kind.FILL) {
            accept = strings(q, "accept", where, true);
            if (accept.isEmpty()) errors.add(where + ".accept must list at least one accepted answer");
            for (String s : accept) {
                if (s.isBlank() || !s.equals(s.strip())) errors.add(where + ".accept '" + s + "' must be non-empty without surrounding spaces");
            }
            if (q.has("choices") || q.has("answer")) errors.add(where + ": choices/answer are for choice questions; a fill question has accept");
        }
        if (errors.size() > before) return null;
        return new Quiz.Question(id, kind, prompt, List.copyOf(choices), answer, List.copyOf(accept), explanation);
    }

    /**
     * The skills of a {@code skills.yaml} text (a copy bundled in a jar, e.g. for {@code GET /me/skills}), checked as
     * {@link #load} checks them (fields, ids, known prerequisites, no cycle); throws {@link ContentException} otherwise.
     */
    public static List<Skill> skills(String yaml) {
        ContentLoader l = new ContentLoader();
        JsonNode root = l.yamlText(yaml, Path.of("skills.yaml"));
        List<Skill> skills = root == null ? List.of() : l.readSkills(root, Path.of("skills.yaml"));
        if (!l.errors.isEmpty()) {
            throw new ContentException("invalid skills.yaml (" + l.errors.size() + " problem"
                    + (l.errors.size() == 1 ? "" : "s") + "):\n  " + String.join("\n  ", l.errors));
        }
        return List.copyOf(skills);
    }

    private List<Skill> readSkills(Path file) {
        JsonNode root = yaml(file);
        if (root == null) return new ArrayList<>();
        return readSkills(root, file);
    }

    private List<Skill> readSkills(JsonNode root, Path file) {
        List<Skill> skills = new ArrayList<>();
        if (!root.isArray()) {
            errors.add(file + ": expected a list of skills");
            return skills;
        }
        for (int i = 0; i < root.size(); i++) {
            JsonNode s = root.get(i);
            String where = file.getFileName() + "[" + i + "]";
            if (s.isObject()) {
                s.fieldNames().forEachRemaining(f -> {
                    if (!Set.of("id", "title", "requires").contains(f)) errors.add(where + ": unknown field '" + f + "'");
                });
            }
            String id = text(s, "id", where);
            String title = text(s, "title", where);
            List<String> requires = strings(s, "requires", where, false);
            if (id != null && !SLUG.matcher(id).matches()) errors.add(where + ".id: '" + id + "' is not a lower-case-hyphenated id");
            if (id != null && title != null) skills.add(new Skill(id, title, requires));
        }
        Map<String, Skill> byId = new HashMap<>();
        for (Skill s : skills) {
            if (byId.putIfAbsent(s.id(), s) != null) errors.add("skills.yaml: skill '" + s.id() + "' is defined twice");
        }
        for (Skill s : skills) {
            for (String r : s.requires()) {
                if (!byId.containsKey(r)) errors.add("skills.yaml: skill '" + s.id() + "'.requires names unknown skill '" + r + "'");
            }
        }
        // Prerequisites must form a DAG: depth-first search with colours finds any cycle.
        Map<String, List<String>> edges = new HashMap<>();
        for (Skill s : skills) edges.put(s.id(), s.requires().stream().filter(byId::containsKey).toList());
        Map<String, Integer> colour = new HashMap<>();
        for (Skill s : skills) {
            List<String> cycle = cycleFrom(s.id(), edges, colour, new ArrayList<>());
            if (cycle != null) {
                errors.add("skills.yaml: prerequisites form a cycle: " + String.join(" -> ", cycle));
                break;
            }
        }
        return skills;
    }

    private Exercise readExercise(Path folder, Set<String> skillIds, List<Header> headers) {
        String name = "exercises/" + folder.getFileName();
        String where = name + "/exercise.yaml";
        int before = errors.size();
        JsonNode n = mapping(folder.resolve("exercise.yaml"), where, EXERCISE_FIELDS);
        if (n == null) return null;
        Header h = header(n, folder, where, "ex-", skillIds, headers);
        String function = text(n, "function", where);
        if (function != null && !PY_IDENT.matcher(function).matches()) {
            errors.add(where + ": function '" + function + "' is not a Python identifier");
        }
        Limits limits = limits(n.get("limits"), where);
        List<String> hints = strings(n, "hints", where, false);
        if (hints.isEmpty() || hints.size() > 3) errors.add(where + ": hints: 1 to 3 progressive hints, has " + hints.size());
        boolean inputsUnchanged = flag(n, "inputsUnchanged", false, where);
        boolean premium = flag(n, "premium", false, where);
        List<TestCase> examples = tests(n, "examples", where, MIN_EXAMPLES, inputsUnchanged);
        List<TestCase> fixed = tests(n, "tests", where, MIN_HIDDEN_TESTS, inputsUnchanged);
        for (TestCase t : Stream.concat(examples.stream(), fixed.stream()).toList()) {
            if (t.name().startsWith(EdgeClass.PREFIX.strip())) {
                errors.add(where + ": test name '" + t.name() + "' starts with '" + EdgeClass.PREFIX.strip()
                        + "', which only generated.yaml's tests may");
            }
        }
        List<WrongSolution> wrong = new ArrayList<>();
        JsonNode w = n.get("wrong");
        if (w != null && !w.isNull()) {
            if (!w.isArray()) errors.add(where + ": wrong must be a list");
            else for (int i = 0; i < w.size(); i++) {
                fields(w.get(i), where + ": wrong[" + i + "]", Set.of("file", "why"));
                String wf = text(w.get(i), "file", where + ": wrong[" + i + "]");
                String why = text(w.get(i), "why", where + ": wrong[" + i + "]");
                if (wf != null && (wf.contains("/") || !wf.endsWith(".py"))) {
                    errors.add(where + ": wrong[" + i + "].file '" + wf + "' must be a .py file in the exercise folder");
                } else if (wf != null && why != null) {
                    String code = file(folder.resolve(wf), name);
                    if (code != null) wrong.add(new WrongSolution(wf, why, code));
                }
            }
        }
        if (w == null || !w.isArray() || w.size() < MIN_WRONG_SOLUTIONS) {
            errors.add(where + ": wrong needs at least " + MIN_WRONG_SOLUTIONS + " plausible wrong solutions the hidden tests catch, has "
                    + (w != null && w.isArray() ? w.size() : 0));
        }
        List<BankEntry> bank = bank(n.get("bank"), folder, name, where, examples, fixed);
        String statement = file(folder.resolve("statement.md"), name);
        String starter = file(folder.resolve("starter.py"), name);
        String solution = file(folder.resolve("solution.py"), name);
        String walkthrough = file(folder.resolve(WALKTHROUGH), name);
        if (walkthrough != null && !walkthrough.isBlank() && walkthrough.strip().length() < MIN_WALKTHROUGH_CHARS) {
            errors.add(name + "/" + WALKTHROUGH + ": " + walkthrough.strip().length() + " characters, at least " + MIN_WALKTHROUGH_CHARS
                    + " (the approach step by step, why it works, the pitfalls)");
        }
        List<TestCase> tests = solution == null || !withGenerated ? fixed
                : Stream.concat(fixed.stream(), generated(folder, name, solution, inputsUnchanged, examples, fixed).stream()).toList();
        Set<String> names = new HashSet<>();
        for (TestCase t : Stream.concat(examples.stream(), tests.stream()).toList()) {
            if (!names.add(t.name())) errors.add(where + ": test name '" + t.name() + "' is used twice");
        }
        if (errors.size() > before || h == null) return null;
        return new Exercise(h.id(), h.slug(), h.title(), h.difficulty(), h.skills(), function, limits, List.copyOf(hints),
                examples, tests, List.copyOf(wrong), bank, statement, starter, solution, h.formerSlugs(), inputsUnchanged,
                walkthrough, premium);
    }

    /**
     * The generated hidden tests of {@code generated.yaml} ({@link GeneratedTests}), checked as the
     * hand-written ones are, plus: the file is there exactly when {@code generate.py} is, its digest
     * matches the seed, generator and reference it names (else it is stale), each test's name is
     * {@code generated: <edge class> #<n>} and passes as many arguments as some hand-written test does.
     */
    private List<TestCase> generated(Path folder, String name, String solution, boolean inputsUnchanged,
                                     List<TestCase> examples, List<TestCase> fixed) {
        Path generator = folder.resolve(GeneratedTests.GENERATOR);
        Path file = folder.resolve(GeneratedTests.FILE);
        String where = name + "/" + GeneratedTests.FILE;
        boolean hasGenerator = Files.isRegularFile(generator);
        if (!Files.exists(file)) {
            if (hasGenerator) errors.add(where + ": missing, but " + GeneratedTests.GENERATOR
                    + " is there: run ./pyquest generate-tests " + folder.getFileName());
            return List.of();
        }
        if (!hasGenerator) {
            errors.add(where + ": there is no " + GeneratedTests.GENERATOR + " it was generated from: delete it or restore the generator");
            return List.of();
        }
        JsonNode n = mapping(file, where, Set.of("seed", "source", "tests"));
        String code = file(generator, name);
        if (n == null || code == null) return List.of();
        JsonNode seed = n.get("seed");
        String source = text(n, "source", where);
        if (seed == null || !seed.canConvertToLong() || !seed.isIntegralNumber()) {
            errors.add(where + ": seed must be an integer");
        } else if (source != null && !source.equals(GeneratedTests.source(seed.longValue(), code, solution))) {
            errors.add(where + ": stale: " + GeneratedTests.GENERATOR + ", solution.py or the seed changed since it was written;"
                    + " run ./pyquest generate-tests " + folder.getFileName());
        }
        List<TestCase> tests = tests(n, "tests", where, 0, inputsUnchanged);
        if (tests.size() > GeneratedTests.MAX_TESTS) {
            errors.add(where + ": " + tests.size() + " tests, at most " + GeneratedTests.MAX_TESTS + " (every submission runs them all)");
        }
        Set<Integer> arities = new java.util.TreeSet<>();
        Stream.concat(examples.stream(), fixed.stream()).forEach(t -> arities.add(t.args().size()));
        for (TestCase t : tests) {
            if (EdgeClass.ofTestName(t.name()).isEmpty()) {
                errors.add(where + ": test name '" + t.name() + "' must be 'generated: <edge class> #<n>', the class one of "
                        + EdgeClass.ids());
            }
            if (!arities.isEmpty() && !arities.contains(t.args().size())) {
                errors.add(where + ": test '" + t.name() + "' passes " + t.args().size() + " arguments, the other tests " + arities);
            }
        }
        return tests;
    }

    /**
     * The learner-bug bank ({@code content/README.md}): each entry names a file under {@code bank/},
     * a class from {@link BugClass}, why it is wrong and a witness whose arguments fit the function
     * (as many as the examples and tests pass it). Every file in {@code bank/} is listed, once.
     */
    private List<BankEntry> bank(JsonNode list, Path folder, String name, String where, List<TestCase> examples,
                                 List<TestCase> tests) {
        List<BankEntry> out = new ArrayList<>();
        Set<String> listed = new HashSet<>();
        if (list != null && !list.isNull() && !list.isArray()) errors.add(where + ": bank must be a list");
        Set<Integer> arities = new java.util.TreeSet<>();
        Stream.concat(examples.stream(), tests.stream()).forEach(t -> arities.add(t.args().size()));
        Set<Checker> exampleCheckers = new HashSet<>();
        examples.forEach(t -> exampleCheckers.add(t.checker()));
        Checker dflt = exampleCheckers.size() == 1 ? exampleCheckers.iterator().next() : Checker.EXACT;
        for (int i = 0; list != null && list.isArray() && i < list.size(); i++) {
            JsonNode b = list.get(i);
            String w = where + ": bank[" + i + "]";
            if (!b.isObject()) {
                errors.add(w + " must be a mapping with file, class, why and witness");
                continue;
            }
            fields(b, w, Set.of("file", "class", "why", "witness"));
            String file = text(b, "file", w);
            String why = text(b, "why", w);
            String c = text(b, "class", w);
            BugClass bugClass = c == null ? null : BugClass.of(c).orElse(null);
            if (c != null && bugClass == null) errors.add(w + ".class '" + c + "' must be one of " + BugClass.ids());
            String code = null;
            if (file != null && !BANK_FILE.matcher(file).matches()) {
                errors.add(w + ".file '" + file + "' must be bank/<name>.py, the name lower-case-hyphenated");
            } else if (file != null && !listed.add(file)) {
                errors.add(w + ".file '" + file + "' is listed twice");
            } else if (file != null) {
                code = file(folder.resolve(file), name + "/bank");
            }
            JsonNode witness = b.get("witness");
            JsonNode args = null;
            Checker checker = dflt;
            if (witness == null || !witness.isObject()) {
                errors.add(w + ".witness must be a mapping: args (the arguments on which it is wrong), optionally checker");
            } else {
                fields(witness, w + ".witness", Set.of("args", "checker"));
                args = witness.get("args");
                if (args == null || !args.isArray()) {
                    errors.add(w + ".witness.args must be a list of positional arguments");
                    args = null;
                } else if (!arities.isEmpty() && !arities.contains(args.size())) {
                    errors.add(w + ".witness.args has " + args.size() + " argument" + (args.size() == 1 ? "" : "s")
                            + " but the function takes " + arities.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(" or "))
                            + " (as its examples and tests call it)");
                    args = null;
                }
                if (witness.hasNonNull("checker")) {
                    try {
                        checker = Checker.valueOf(witness.get("checker").asText().toUpperCase(Locale.ROOT));
                    } catch (IllegalArgumentException e) {
                        errors.add(w + ".witness.checker '" + witness.get("checker").asText() + "' must be exact, unordered or float");
                    }
                }
            }
            if (file != null && why != null && bugClass != null && code != null && args != null) {
                out.add(new BankEntry(file, bugClass, why, args, checker, code));
            }
        }
        Path dir = folder.resolve("bank");
        if (Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.list(dir)) {
                files.map(f -> "bank/" + f.getFileName()).sorted().filter(f -> !listed.contains(f))
                        .forEach(f -> errors.add(name + "/" + f + ": not listed under bank: in exercise.yaml"));
            } catch (IOException e) {
                errors.add(name + "/bank: cannot list: " + e.getMessage());
            }
        }
        return List.copyOf(out);
    }

    private void fields(JsonNode n, String where, Set<String> known) {
        if (n == null || !n.isObject()) return;
        n.fieldNames().forEachRemaining(f -> {
            if (!known.contains(f)) errors.add(where + ": unknown field '" + f + "'");
        });
    }

    private Limits limits(JsonNode n, String where) {
        Limits d = Limits.DEFAULT;
        if (n == null || n.isNull()) return d;
        if (!n.isObject()) {
            errors.add(where + ": limits must be a mapping");
            return d;
        }
        n.fieldNames().forEachRemaining(f -> {
            if (!Set.of("timeMs", "memoryMb", "outputBytes").contains(f)) errors.add(where + ": limits: unknown field '" + f + "'");
        });
        return new Limits(
                bounded(n, "timeMs", d.timeMs(), 100, 10_000, where),
                bounded(n, "memoryMb", d.memoryMb(), 32, 1024, where),
                bounded(n, "outputBytes", d.outputBytes(), 1024, 1 << 20, where));
    }

    private int bounded(JsonNode n, String field, int dflt, int min, int max, String where) {
        JsonNode v = n.get(field);
        if (v == null) return dflt;
        if (!v.isInt() || v.intValue() < min || v.intValue() > max) {
            errors.add(where + ": limits." + field + " must be an integer in [" + min + ", " + max + "]");
            return dflt;
        }
        return v.intValue();
    }

    /** An optional true/false field: its value, or dflt when absent (a value of another type is an error naming the field). */
    private boolean flag(JsonNode n, String field, boolean dflt, String where) {
        JsonNode v = n.get(field);
        if (v == null) return dflt;
        if (!v.isBoolean()) {
            errors.add(where + ": " + field + " must be true or false, is " + v);
            return dflt;
        }
        return v.booleanValue();
    }

    /** inputsUnchanged: the exercise's setting, which a test's own inputsUnchanged overrides. */
    private List<TestCase> tests(JsonNode n, String field, String where, int min, boolean inputsUnchanged) {
        List<TestCase> out = new ArrayList<>();
        JsonNode list = n.get(field);
        if (list == null || !list.isArray()) {
            errors.add(where + ": " + field + " must be a list of tests");
            return out;
        }
        if (list.size() < min) errors.add(where + ": " + field + " needs at least " + min + " tests, has " + list.size());
        for (int i = 0; i < list.size(); i++) {
            JsonNode t = list.get(i);
            String w = where + ": " + field + "[" + i + "]";
            if (!t.isObject()) {
                errors.add(w + " must be a mapping");
                continue;
            }
            t.fieldNames().forEachRemaining(f -> {
                if (!Set.of("name", "args", "expected", "checker", "inputsUnchanged").contains(f)) errors.add(w + ": unknown field '" + f + "'");
            });
            String name = text(t, "name", w);
            JsonNode args = t.get("args");
            if (args == null || !args.isArray()) errors.add(w + ".args must be a list of positional arguments");
            if (!t.has("expected")) errors.add(w + ".expected is missing");
            Checker checker = Checker.EXACT;
            if (t.hasNonNull("checker")) {
                try {
                    checker = Checker.valueOf(t.get("checker").asText().toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    errors.add(w + ".checker '" + t.get("checker").asText() + "' must be exact, unordered or float");
                }
            }
            if (checker == Checker.UNORDERED && t.has("expected") && !t.get("expected").isArray()) {
                errors.add(w + ".checker unordered needs a list as expected");
            }
            if (name != null && args != null && args.isArray() && t.has("expected")) {
                out.add(new TestCase(name, args, t.get("expected"), checker, flag(t, "inputsUnchanged", inputsUnchanged, w)));
            }
        }
        return List.copyOf(out);
    }

    private JsonNode yaml(Path file) {
        if (!Files.isRegularFile(file)) {
            errors.add(file + ": missing");
            return null;
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            errors.add(file + ": not readable: " + e.getMessage());
            return null;
        }
        return yamlText(text, file);
    }

    private JsonNode yamlText(String text, Path file) {
        try {
            String alias = firstAnchorOrAlias(text);
            if (alias != null) {
                errors.add(file + ": YAML anchors and aliases are not allowed (found '" + alias + "'): write each value out");
                return null;
            }
            return Json.yaml().readTree(text);
        } catch (IOException | org.yaml.snakeyaml.error.YAMLException e) {
            errors.add(file + ": not valid YAML: " + e.getMessage().lines().findFirst().orElse(""));
            return null;
        }
    }

    /** Jackson reads an alias as its name (a string), so "expected: *x" would silently become "x": refuse them. */
    private static String firstAnchorOrAlias(String text) {
        org.yaml.snakeyaml.LoaderOptions o = new org.yaml.snakeyaml.LoaderOptions();
        o.setNestingDepthLimit(200);
        o.setCodePointLimit(8 << 20);
        for (org.yaml.snakeyaml.events.Event e : new org.yaml.snakeyaml.Yaml(o).parse(new java.io.StringReader(text))) {
            if (e instanceof org.yaml.snakeyaml.events.AliasEvent a) return "*" + a.getAnchor();
            if (e instanceof org.yaml.snakeyaml.events.NodeEvent n && n.getAnchor() != null) return "&" + n.getAnchor();
        }
        return null;
    }

    private String file(Path file, String where) {
        try {
            String s = Files.readString(file, StandardCharsets.UTF_8);
            if (s.isBlank()) errors.add(where + "/" + file.getFileName() + ": is empty");
            return s;
        } catch (IOException e) {
            errors.add(where + "/" + file.getFileName() + ": missing");
            return null;
        }
    }

    private String text(JsonNode n, String field, String where) {
        JsonNode v = n == null ? null : n.get(field);
        if (v == null || v.isNull() || !v.isTextual() || v.asText().isBlank()) {
            errors.add(where + ": " + field + " is missing or not a non-empty string");
            return null;
        }
        return v.asText();
    }

    private List<String> strings(JsonNode n, String field, String where, boolean required) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            if (required) errors.add(where + ": " + field + " is missing");
            return List.of();
        }
        if (!v.isArray()) {
            errors.add(where + ": " + field + " must be a list of strings");
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (JsonNode e : v) {
            if (!e.isTextual()) errors.add(where + ": " + field + " must contain only strings");
            else out.add(e.asText());
        }
        return out;
    }
}
