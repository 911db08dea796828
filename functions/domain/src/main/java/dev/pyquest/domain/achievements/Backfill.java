package dev.pyquest.domain.achievements;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A learner's achievements recomputed from their whole history, so that a rule added (or a tier raised) after
 * the learner did the work applies to the past: a pure function of the rules, the stored state, the facts
 * already applied (their markers) and the history, with no I/O and no clock.
 *
 * <p>Two replays through the same {@link AchievementEngine#evaluate}:
 * <ol>
 *   <li><b>R</b>, the history in time order from an empty state: what every rule of today says of everything the
 *       learner ever did;</li>
 *   <li><b>S'</b>, the stored state plus the <em>pending</em> facts, in time order: those with no marker that may
 *       still be delivered (younger than the redelivery window), exactly what the consumer will do with them.</li>
 * </ol>
 * Each progress value becomes the larger of the two (never lower than stored: counts, sums and best streaks only
 * grow, and a value the history cannot explain, say of a rule whose condition was narrowed, is kept); the levels
 * either replay reached and the store does not hold are unlocked; the pending facts get their markers in the same
 * write, so a late delivery of one finds it applied instead of counting it again on top of a value that already
 * holds it. A plan computed on the state its own write produced is empty: a second run changes nothing.
 *
 * <p>A periodic value ({@code busy-day@2026-03-02}) that only facts older than the redelivery window moved is
 * not written: no fact can reach that period any more (a new fact falls in the current day or week, a late one is
 * younger than the window, and a period is at most a week plus a zone's offset), so it would only be shown, and
 * the API shows today's and this week's. What such a period unlocks is still unlocked. Without that, a new daily
 * rule would write one item per active day of a learner's life, past what one transaction holds.
 */
public final class Backfill {
    private Backfill() {}

    /**
     * What the backfill writes for one learner: progress changes (each from the stored value read, for a conditional
     * write), the levels to unlock, the ids of pending facts to mark applied, and the time of the latest fact of
     * the history (the learner's last activity; null when there is none).
     */
    public record Plan(List<Evaluation.Change> changes, List<Unlock> unlocks, List<String> markers, Instant lastFactAt) {
        public Plan {
            changes = List.copyOf(changes);
            unlocks = List.copyOf(unlocks);
            markers = List.copyOf(markers);
        }

        public boolean isEmpty() {
            return changes.isEmpty() && unlocks.isEmpty() && markers.isEmpty();
        }

        public List<String> unlockKeys() {
            return unlocks.stream().map(Unlock::key).toList();
        }
    }

    /**
     * The plan for a learner whose stored state is {@code stored}, whose applied facts are {@code applied} (the
     * event ids that have a marker), and whose history is {@code history} (any order; an event id twice counts
     * once), at {@code now}. {@code redelivery}: how long after a fact a delivery of it may still come (the
     * markers' lifetime).
     */
    public static Plan plan(AchievementEngine engine, LearnerAchievements stored, Set<String> applied, List<AchievementFact> history,
                            Instant now, Duration redelivery) {
        Map<String, AchievementFact> byId = new LinkedHashMap<>();
        for (AchievementFact f : history) byId.putIfAbsent(f.eventId(), f);
        List<AchievementFact> facts = new ArrayList<>(byId.values());
        facts.sort(Comparator.comparing(AchievementFact::at).thenComparing(AchievementFact::eventId));
        Instant horizon = now.minus(redelivery);

        Replay replayed = new Replay(LearnerAchievements.EMPTY);
        for (AchievementFact f : facts) replayed.apply(engine, f);
        Replay pending = new Replay(stored);
        List<String> markers = new ArrayList<>();
        for (AchievementFact f : facts) {
            if (applied.contains(f.eventId()) || !f.at().isAfter(horizon)) continue;
            pending.apply(engine, f);
            markers.add(f.eventId());
        }

        Set<String> keys = new TreeSet<>(replayed.progress.keySet());
        keys.addAll(pending.progress.keySet());
        List<Evaluation.Change> changes = new ArrayList<>();
        for (String key : keys) {
            long before = stored.value(key);
            long after = Math.max(before, Math.max(replayed.value(key), pending.value(key)));
            if (after == before) continue;
            if (isPeriodic(key) && !latest(key, replayed, pending).isAfter(horizon)) continue;
            changes.add(new Evaluation.Change(key, before, after));
        }
        Map<String, Unlock> unlocks = new TreeMap<>();
        for (Replay r : List.of(replayed, pending)) {
            r.unlocks.forEach((key, u) -> {
                if (!stored.isUnlocked(key)) unlocks.putIfAbsent(key, u);
            });
        }
        Instant last = facts.isEmpty() ? null : facts.getLast().at();
        return new Plan(changes, List.copyOf(unlocks.values()), markers, last);
    }

    /** A periodic rule's progress key: {@code <id>@<period>} (ids hold no {@code @}; see {@link LearnerAchievements}). */
    static boolean isPeriodic(String progressKey) {
        return progressKey.indexOf('@') >= 0;
    }

    private static Instant latest(String key, Replay a, Replay b) {
        Instant x = a.touched.getOrDefault(key, Instant.MIN), y = b.touched.getOrDefault(key, Instant.MIN);
        return x.isAfter(y) ? x : y;
    }

    /** Facts applied one by one on a state, as the consumer applies them; remembers what each key's latest mover was. */
    private static final class Replay {
        final Map<String, Long> progress;
        final Set<String> unlocked;
        final Map<String, Unlock> unlocks = new LinkedHashMap<>();
        final Map<String, Instant> touched = new HashMap<>();

        Replay(LearnerAchievements from) {
            progress = new HashMap<>(from.progress());
            unlocked = new HashSet<>(from.unlocked());
        }

        void apply(AchievementEngine engine, AchievementFact f) {
            Evaluation ev = engine.evaluate(f, new LearnerAchievements(progress, unlocked));
            for (Evaluation.Change c : ev.changes()) {
                progress.put(c.key(), c.after());
                touched.merge(c.key(), f.at(), (x, y) -> x.isAfter(y) ? x : y);
            }
            for (Unlock u : ev.unlocks()) {
                unlocked.add(u.key());
                unlocks.putIfAbsent(u.key(), u);
            }
        }

        long value(String key) {
            Long v = progress.get(key);
            return v == null ? 0 : v;
        }
    }
}
