package dev.pyquest.domain.rewards;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pyquest.domain.Json;
import dev.pyquest.domain.content.Difficulty;

import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The economy's rules as configuration: {@code economy.yaml} beside this class (XP and diamonds by
 * activity kind and difficulty, the first-try bonus, streak milestones, daily XP caps per source,
 * the shop, the quest pools). Parsed and validated once; an invalid file fails the function's start
 * with a message naming the field.
 */
public record Economy(
        Map<Difficulty, Long> exerciseXp, Map<Difficulty, Long> quizXp, long lessonXp, long dailyLoginXp,
        long firstTryBonusXp, Map<Difficulty, Long> exerciseDiamonds, long quizDiamonds,
        List<Milestone> streakMilestones, Map<RewardSource, Long> dailyXpCaps, List<ShopItem> shop,
        int dailyQuestCount, List<QuestDef> dailyQuests, List<QuestDef> weeklyQuests, Referral referral) {

    public static final String RESOURCE = "economy.yaml";

    /** A streak length that pays once per learner. */
    public record Milestone(int days, long xp, long diamonds) {}

    /**
     * Something the shop sells; {@code maxHeld} 0 means no limit on holding it. {@code cosmetic}: the slot a cosmetic
     * is equipped in ({@link #COSMETIC_SLOTS}), null for anything else; a cosmetic is bought once (held at most 1).
     */
    public record ShopItem(String id, String title, String description, long price, int maxHeld, boolean needsExercise, String cosmetic) {
        public ShopItem(String id, String title, String description, long price, int maxHeld, boolean needsExercise) {
            this(id, title, description, price, maxHeld, needsExercise, null);
        }
    }

    /** Where a cosmetic is shown: an avatar frame, the editor's theme, a title under the learner's name. */
    public static final List<String> COSMETIC_SLOTS = List.of("frame", "theme", "title");

    /**
     * What a referral pays, once each, when the referred learner (the referee) first passes an exercise: the referrer
     * and the referee. {@link #NONE} when economy.yaml has no {@code referral} section (referrals then pay nothing).
     */
    public record Referral(long referrerXp, long referrerDiamonds, long refereeXp, long refereeDiamonds) {
        public static final Referral NONE = new Referral(0, 0, 0, 0);
    }

    /** What a quest counts. */
    public enum Metric { EXERCISES_PASSED, FIRST_TRY_PASSES, HARD_PASSES, XP_EARNED, QUIZZES_PASSED, LESSONS_COMPLETED }

    public record QuestDef(String id, String title, Metric metric, long target, long xp, long diamonds) {}

    public Economy {
        exerciseXp = Map.copyOf(exerciseXp);
        quizXp = Map.copyOf(quizXp);
        exerciseDiamonds = Map.copyOf(exerciseDiamonds);
        streakMilestones = List.copyOf(streakMilestones);
        dailyXpCaps = Map.copyOf(dailyXpCaps);
        shop = List.copyOf(shop);
        dailyQuests = List.copyOf(dailyQuests);
        weeklyQuests = List.copyOf(weeklyQuests);
    }

    /**
     * The economy shipped with the code, {@code economy.yaml} on the class path, read and checked
     * anew on each call: a value for the container to hold (one per function, built in the init
     * phase) and to pass to whatever decides an amount, never a global. A promotion overlays
     * another value over it at run time.
     */
    public static Economy bundled() {
        return parse(FIELDS.bundled(Economy.class));
    }

    public Optional<ShopItem> shopItem(String id) {
        return shop.stream().filter(i -> i.id().equals(id)).findFirst();
    }

    /** The cosmetics the shop sells. */
    public List<ShopItem> cosmetics() {
        return shop.stream().filter(i -> i.cosmetic() != null).toList();
    }

    public Optional<QuestDef> quest(String id) {
        return java.util.stream.Stream.concat(dailyQuests.stream(), weeklyQuests.stream())
                .filter(q -> q.id().equals(id)).findFirst();
    }

    /** The cap on XP per local day from {@code source}, if it has one. */
    public Optional<Long> dailyXpCap(RewardSource source) {
        return Optional.ofNullable(dailyXpCaps.get(source));
    }

    // ------------------------------------------------------------------ parsing

    private static final Pattern ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    /** Parses and validates; {@link IllegalArgumentException} names the file and the field. */
    public static Economy parse(String yaml) {
        JsonNode root;
        try {
            root = Json.yaml().readTree(yaml);
        } catch (IOException e) {
            throw new IllegalArgumentException(RESOURCE + ": not valid YAML: " + e.getMessage());
        }
        if (root == null || !root.isObject()) throw bad("", "must be a mapping");
        only(root, "", "xp", "diamonds", "streakMilestones", "dailyXpCaps", "shop", "quests", "referral");
        JsonNode xp = object(root, "xp");
        only(xp, "xp", "exercise", "quiz", "lesson", "dailyLogin", "firstTryBonus");
        JsonNode diamonds = object(root, "diamonds");
        only(diamonds, "diamonds", "exercise", "quiz");

        List<Milestone> milestones = new ArrayList<>();
        int lastDays = 0;
        JsonNode ms = array(root, "streakMilestones");
        for (int i = 0; i < ms.size(); i++) {
            String at = "streakMilestones[" + i + "]";
            JsonNode m = ms.get(i);
            if (!m.isObject()) throw bad(at, "must be a mapping");
            only(m, at, "days", "xp", "diamonds");
            int days = (int) amount(m, at, "days", 1);
            if (days <= lastDays) throw bad(at + ".days", "must be greater than the milestone before (" + lastDays + ")");
            lastDays = days;
            milestones.add(new Milestone(days, amount(m, at, "xp", 0), amount(m, at, "diamonds", 0)));
        }

        Map<RewardSource, Long> caps = new EnumMap<>(RewardSource.class);
        JsonNode c = object(root, "dailyXpCaps");
        for (Iterator<Map.Entry<String, JsonNode>> it = c.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            RewardSource s = RewardSource.fromConfig(f.getKey())
                    .orElseThrow(() -> bad("dailyXpCaps." + f.getKey(), "is not a source; sources: " + RewardSource.configNames()));
            caps.put(s, amount(c, "dailyXpCaps", f.getKey(), 1));
        }

        List<ShopItem> shop = new ArrayList<>();
        Set<String> shopIds = new HashSet<>();
        JsonNode items = array(root, "shop");
        for (int i = 0; i < items.size(); i++) {
            String at = "shop[" + i + "]";
            JsonNode s = items.get(i);
            if (!s.isObject()) throw bad(at, "must be a mapping");
            only(s, at, "id", "title", "description", "price", "maxHeld", "needsExercise", "cosmetic");
            String id = id(s, at, shopIds);
            int maxHeld = s.has("maxHeld") ? (int) amount(s, at, "maxHeld", 1) : 0;
            boolean needsExercise = s.path("needsExercise").asBoolean(false);
            if (needsExercise && maxHeld > 0) throw bad(at, "an item used on an exercise at once cannot also be held (maxHeld)");
            String cosmetic = s.has("cosmetic") ? text(s, at, "cosmetic") : null;
            if (cosmetic != null) {
                if (!COSMETIC_SLOTS.contains(cosmetic)) throw bad(at + ".cosmetic", "must be one of " + COSMETIC_SLOTS + ", got '" + cosmetic + "'");
                if (maxHeld != 1 || needsExercise) throw bad(at, "a cosmetic is bought once: maxHeld 1, not used on an exercise");
            }
            shop.add(new ShopItem(id, text(s, at, "title"), text(s, at, "description"), amount(s, at, "price", 1), maxHeld, needsExercise, cosmetic));
        }

        JsonNode q = object(root, "quests");
        only(q, "quests", "dailyCount", "daily", "weekly");
        Set<String> questIds = new HashSet<>();
        List<QuestDef> daily = quests(q, "daily", questIds);
        List<QuestDef> weekly = quests(q, "weekly", questIds);
        int dailyCount = (int) amount(q, "quests", "dailyCount", 1);
        if (dailyCount > daily.size()) throw bad("quests.dailyCount", "is " + dailyCount + " but the daily pool has " + daily.size() + " quests");
        if (weekly.isEmpty()) throw bad("quests.weekly", "needs at least one challenge");

        Referral referral = Referral.NONE;
        if (root.has("referral")) {
            JsonNode r = object(root, "referral");
            only(r, "referral", "referrer", "referee");
            JsonNode er = object(r, "referrer"), ee = object(r, "referee");
            only(er, "referral.referrer", "xp", "diamonds");
            only(ee, "referral.referee", "xp", "diamonds");
            referral = new Referral(amount(er, "referral.referrer", "xp", 0), amount(er, "referral.referrer", "diamonds", 0),
                    amount(ee, "referral.referee", "xp", 0), amount(ee, "referral.referee", "diamonds", 0));
        }

        return new Economy(byDifficulty(xp, "xp", "exercise"), byDifficulty(xp, "xp", "quiz"), amount(xp, "xp", "lesson", 0),
                amount(xp, "xp", "dailyLogin", 0), amount(xp, "xp", "firstTryBonus", 0),
                byDifficulty(diamonds, "diamonds", "exercise"), amount(diamonds, "diamonds", "quiz", 0),
                milestones, caps, shop, dailyCount, daily, weekly, referral);
    }

    private static List<QuestDef> quests(JsonNode q, String pool, Set<String> ids) {
        List<QuestDef> out = new ArrayList<>();
        JsonNode list = array(q, pool);
        for (int i = 0; i < list.size(); i++) {
            String at = "quests." + pool + "[" + i + "]";
            JsonNode d = list.get(i);
            if (!d.isObject()) throw bad(at, "must be a mapping");
            only(d, at, "id", "title", "metric", "target", "xp", "diamonds");
            String id = id(d, at, ids);
            Metric metric;
            try {
                metric = Metric.valueOf(text(d, at, "metric"));
            } catch (IllegalArgumentException e) {
                throw bad(at + ".metric", "must be one of " + List.of(Metric.values()));
            }
            long xp = amount(d, at, "xp", 0), diamonds = amount(d, at, "diamonds", 0);
            if (xp == 0 && diamonds == 0) throw bad(at, "rewards nothing (xp and diamonds are 0)");
            out.add(new QuestDef(id, text(d, at, "title"), metric, amount(d, at, "target", 1), xp, diamonds));
        }
        return out;
    }

    private static Map<Difficulty, Long> byDifficulty(JsonNode parent, String at, String field) {
        JsonNode m = parent.get(field);
        String path = at + "." + field;
        if (m == null || !m.isObject()) throw bad(path, "must map EASY, MEDIUM and HARD to amounts");
        Map<Difficulty, Long> out = new LinkedHashMap<>();
        for (Iterator<String> it = m.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            try {
                Difficulty.valueOf(k);
            } catch (IllegalArgumentException e) {
                throw bad(path + "." + k, "is not a difficulty (EASY, MEDIUM, HARD)");
            }
        }
        for (Difficulty d : Difficulty.values()) out.put(d, amount(m, path, d.name(), 0));
        return out;
    }

    private static String id(JsonNode n, String at, Set<String> seen) {
        String id = text(n, at, "id");
        if (!ID.matcher(id).matches()) throw bad(at + ".id", "must be lower-case words joined by '-', got '" + id + "'");
        if (!seen.add(id)) throw bad(at + ".id", "'" + id + "' is used twice");
        return id;
    }

    private static final dev.pyquest.domain.ConfigFields FIELDS = new dev.pyquest.domain.ConfigFields(RESOURCE);

    private static String text(JsonNode n, String at, String field) {
        return FIELDS.text(n, at, field);
    }

    private static long amount(JsonNode n, String at, String field, long min) {
        return FIELDS.whole(n.get(field), at.isEmpty() ? field : at + "." + field, min, 1_000_000);
    }

    private static JsonNode object(JsonNode n, String field) {
        return FIELDS.object(n, field, field);
    }

    private static JsonNode array(JsonNode n, String field) {
        return FIELDS.array(n, field, field);
    }

    private static void only(JsonNode n, String at, String... allowed) {
        FIELDS.only(n, at, allowed);
    }

    private static IllegalArgumentException bad(String field, String problem) {
        return FIELDS.bad(field, problem);
    }
}
