package dev.pyquest.domain.achievements;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pyquest.domain.Json;
import dev.pyquest.domain.content.ContentLoader;
import dev.pyquest.domain.content.Difficulty;
import dev.pyquest.domain.content.Skill;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The achievements as data: {@code content/achievements.yaml} (its format: {@code content/achievements.schema.json}),
 * parsed and validated once, at start. A bad rule fails with an {@link IllegalArgumentException} naming the file
 * and the field, like {@code economy.yaml}: nothing decides a target or an amount in code.
 */
public record Achievements(List<Achievement> all) {
    public static final String FILE = "achievements.yaml";

    public Achievements {
        all = List.copyOf(all);
    }

    public Optional<Achievement> find(String id) {
        return all.stream().filter(a -> a.id().equals(id)).findFirst();
    }

    /** The level keyed {@code levelKey} ({@code first-try}, {@code problem-solver#silver}) as an unlock; empty when no rule has it. */
    public Optional<Unlock> unlock(String levelKey) {
        for (Achievement a : all) {
            for (Level l : a.levels()) if (l.key().equals(levelKey)) return Optional.of(new Unlock(a, l));
        }
        return Optional.empty();
    }

    /** {@code contentDir/achievements.yaml}, its skill ids checked against the course of {@code contentDir}. */
    public static Achievements load(Path contentDir) {
        return load(contentDir, ContentLoader.load(contentDir).skills().stream().map(Skill::id).collect(Collectors.toSet()));
    }

    /** {@code contentDir/achievements.yaml}, its skill ids checked against {@code knownSkills}. */
    public static Achievements load(Path contentDir, Set<String> knownSkills) {
        Path file = contentDir.resolve(FILE);
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8), knownSkills);
        } catch (IOException e) {
            throw new IllegalArgumentException(FILE + ": cannot read " + file.toAbsolutePath() + ": " + e.getMessage());
        }
    }

    // ------------------------------------------------------------------ parsing

    private static final Pattern ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final long MAX = 1_000_000;

    /**
     * Parses and validates; {@code knownSkills}: the course's skill ids, which every {@code skill} must be one
     * of (null: not checked, for a file read without its course).
     */
    public static Achievements parse(String yaml, Set<String> knownSkills) {
        JsonNode root;
        try {
            root = Json.yaml().readTree(yaml);
        } catch (IOException e) {
            throw new IllegalArgumentException(FILE + ": not valid YAML: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (root == null || !root.isObject()) throw bad("", "must be a mapping");
        only(root, "", "achievements");
        JsonNode list = root.get("achievements");
        if (list == null || !list.isArray() || list.isEmpty()) throw bad("achievements", "must be a non-empty list");
        Set<String> ids = new HashSet<>();
        List<Achievement> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) out.add(achievement(list.get(i), "achievements[" + i + "]", ids, knownSkills));
        return new Achievements(out);
    }

    private static Achievement achievement(JsonNode n, String at, Set<String> ids, Set<String> knownSkills) {
        if (!n.isObject()) throw bad(at, "must be a mapping");
        String id = text(n, at, "id");
        if (!ID.matcher(id).matches()) throw bad(at + ".id", "must be lower-case words joined by '-', got '" + id + "'");
        if (!ids.add(id)) throw bad(at + ".id", "'" + id + "' is used twice");
        at = "achievements[" + id + "]";
        only(n, at, "id", "name", "description", "hidden", "kind", "event", "where", "skill", "period", "tiers");
        String name = text(n, at, "name"), description = text(n, at, "description");
        boolean hidden = false;
        if (n.has("hidden")) {
            if (!n.get("hidden").isBoolean()) throw bad(at + ".hidden", "must be true or false");
            hidden = n.get("hidden").asBoolean();
        }
        String kindName = text(n, at, "kind");
        RuleKind kind = RuleKind.fromConfig(kindName)
                .orElseThrow(() -> bad(at(id) + ".kind", "'" + kindName + "' is not a rule kind; kinds: " + RuleKind.configNames()));
        boolean counts = kind == RuleKind.FIRST || kind == RuleKind.COUNT;

        FactKind event = null;
        Condition where = Condition.ANY;
        if (counts) {
            event = oneOf(n, at, "event", FactKind.class);
            if (event == FactKind.QUIZ_PASSED && kind == RuleKind.COUNT) {
                throw bad(at + ".event", "QUIZ_PASSED is every passing attempt, so counting it would count repeats; count QUIZ_FIRST_PASS");
            }
            if (n.has("where")) where = where(n.get("where"), at + ".where", event, knownSkills);
        } else {
            forbidden(n, at, kind, "event");
            forbidden(n, at, kind, "where");
        }
        String skill = null;
        if (kind == RuleKind.MASTERY) {
            skill = skill(n, at, knownSkills);
        } else {
            forbidden(n, at, kind, "skill");
        }
        Period period = null;
        if (kind == RuleKind.PERIODIC) {
            String p = text(n, at, "period");
            period = switch (p) {
                case "day" -> Period.DAY;
                case "week" -> Period.WEEK;
                default -> throw bad(at + ".period", "must be day or week, got '" + p + "'");
            };
        } else {
            forbidden(n, at, kind, "period");
        }
        List<Level> levels = levels(n, at, id, kind, knownSkills);
        return new Achievement(id, name, description, hidden, kind, event, where, skill, period, levels);
    }

    private static List<Level> levels(JsonNode n, String at, String id, RuleKind kind, Set<String> knownSkills) {
        JsonNode list = n.get("tiers");
        if (list == null || !list.isArray() || list.isEmpty()) throw bad(at + ".tiers", "must be a non-empty list");
        if (list.size() > Tier.values().length) throw bad(at + ".tiers", "has " + list.size() + " levels; at most bronze, silver and gold");
        List<Level> out = new ArrayList<>();
        long last = 0;
        for (int i = 0; i < list.size(); i++) {
            String lat = at + ".tiers[" + i + "]";
            JsonNode l = list.get(i);
            if (!l.isObject()) throw bad(lat, "must be a mapping");
            only(l, lat, "tier", "target", "xp", "diamonds");
            Tier tier = null;
            if (l.has("tier")) {
                Tier expected = Tier.values()[i];
                if (!l.get("tier").isTextual() || !l.get("tier").asText().equals(expected.key())) {
                    throw bad(lat + ".tier", "must be '" + expected.key() + "' (tiers go bronze, silver, gold), got " + l.get("tier"));
                }
                tier = expected;
            } else if (list.size() > 1) {
                throw bad(lat + ".tier", "is missing: an achievement with several levels names each (bronze, silver, gold)");
            }
            long target = 0;
            if (kind == RuleKind.MASTERY) {
                if (l.has("target")) throw bad(lat + ".target", "is not allowed: a mastery's target is its skill's exercise count");
                if (list.size() > 1) throw bad(at + ".tiers", "a mastery has one level");
            } else {
                target = amount(l, lat, "target", 1);
                if (target <= last) throw bad(lat + ".target", "must be greater than the tier before (" + last + ")");
                last = target;
            }
            if (kind == RuleKind.FIRST && (list.size() > 1 || target != 1)) {
                throw bad(lat + ".target", "a first-event achievement has one level, of target 1");
            }
            if (kind == RuleKind.SKILLS_MASTERED && knownSkills != null && target > knownSkills.size()) {
                throw bad(lat + ".target", "is " + target + " but the course has " + knownSkills.size() + " skills");
            }
            out.add(new Level(tier, target, amount(l, lat, "xp", 0), amount(l, lat, "diamonds", 0),
                    tier == null ? id : id + "#" + tier.key()));
        }
        return out;
    }

    private static final Map<String, Set<FactKind>> WHERE = Map.of(
            "difficulty", EnumSet.of(FactKind.EXERCISE_FIRST_PASS, FactKind.QUIZ_FIRST_PASS, FactKind.QUIZ_PASSED, FactKind.LESSON_COMPLETED),
            "firstTry", EnumSet.of(FactKind.EXERCISE_FIRST_PASS),
            "hintBought", EnumSet.of(FactKind.EXERCISE_FIRST_PASS),
            "skill", EnumSet.of(FactKind.EXERCISE_FIRST_PASS, FactKind.QUIZ_FIRST_PASS, FactKind.QUIZ_PASSED, FactKind.LESSON_COMPLETED),
            "minPercent", EnumSet.of(FactKind.QUIZ_PASSED));

    private static Condition where(JsonNode w, String at, FactKind event, Set<String> knownSkills) {
        if (!w.isObject()) throw bad(at, "must be a mapping");
        only(w, at, "difficulty", "firstTry", "hintBought", "skill", "minPercent");
        for (Iterator<String> it = w.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!WHERE.get(f).contains(event)) throw bad(at + "." + f, "does not apply to " + event + " (it applies to " + WHERE.get(f) + ")");
        }
        Set<Difficulty> difficulties = EnumSet.noneOf(Difficulty.class);
        if (w.has("difficulty")) {
            JsonNode d = w.get("difficulty");
            if (!d.isArray() || d.isEmpty()) throw bad(at + ".difficulty", "must be a non-empty list of EASY, MEDIUM, HARD");
            for (JsonNode x : d) {
                try {
                    if (!x.isTextual()) throw new IllegalArgumentException();
                    difficulties.add(Difficulty.valueOf(x.asText()));
                } catch (IllegalArgumentException e) {
                    throw bad(at + ".difficulty", x + " is not a difficulty (EASY, MEDIUM, HARD)");
                }
            }
        }
        return new Condition(difficulties, bool(w, at, "firstTry"), bool(w, at, "hintBought"),
                w.has("skill") ? skill(w, at, knownSkills) : null, w.has("minPercent") ? (int) amount(w, at, "minPercent", 1, 100) : 0);
    }

    private static String skill(JsonNode n, String at, Set<String> knownSkills) {
        String s = text(n, at, "skill");
        if (knownSkills != null && !knownSkills.contains(s)) {
            throw bad(at + ".skill", "'" + s + "' is not a skill of skills.yaml; skills: " + knownSkills.stream().sorted().toList());
        }
        return s;
    }

    private static Boolean bool(JsonNode n, String at, String field) {
        if (!n.has(field)) return null;
        if (!n.get(field).isBoolean()) throw bad(at + "." + field, "must be true or false");
        return n.get(field).asBoolean();
    }

    private static <E extends Enum<E>> E oneOf(JsonNode n, String at, String field, Class<E> type) {
        String v = text(n, at, field);
        for (E e : type.getEnumConstants()) if (e.name().equals(v)) return e;
        throw bad(at + "." + field, "'" + v + "' is not one of " + List.of(type.getEnumConstants()));
    }

    private static void forbidden(JsonNode n, String at, RuleKind kind, String field) {
        if (n.has(field)) throw bad(at + "." + field, "does not apply to a " + kind.configName() + " rule");
    }

    private static String at(String id) {
        return "achievements[" + id + "]";
    }

    private static final dev.pyquest.domain.ConfigFields FIELDS = new dev.pyquest.domain.ConfigFields(FILE);

    private static String text(JsonNode n, String at, String field) {
        return FIELDS.text(n, at, field);
    }

    private static long amount(JsonNode n, String at, String field, long min) {
        return amount(n, at, field, min, MAX);
    }

    private static long amount(JsonNode n, String at, String field, long min, long max) {
        return FIELDS.whole(n.get(field), at + "." + field, min, max);
    }

    private static void only(JsonNode n, String at, String... allowed) {
        FIELDS.only(n, at, allowed);
    }

    private static IllegalArgumentException bad(String field, String problem) {
        return FIELDS.bad(field, problem);
    }
}
