package dev.pyquest.domain.quests;

import dev.pyquest.domain.Hashing;
import dev.pyquest.domain.rewards.Economy;
import dev.pyquest.domain.rewards.Economy.QuestDef;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Which quests a learner has, chosen deterministically so nothing needs storing to know them:
 * <ul>
 *   <li>daily: {@code dailyCount} distinct quests of the daily pool, the pool ordered by
 *       SHA-256(userId|date|questId) — the same learner and local date always get the same three,
 *       other learners and other days get others;</li>
 *   <li>weekly: one challenge per ISO week, the same for every learner (a shared challenge), the pool
 *       taken in turn week after week (so two weeks in a row never repeat one when the pool has two
 *       or more).</li>
 * </ul>
 */
public final class QuestBoard {
    /** The Monday weeks are counted from for the weekly rotation. */
    static final LocalDate FIRST_MONDAY = LocalDate.of(1970, 1, 5);

    private QuestBoard() {}

    public static List<QuestDef> daily(Economy economy, String userId, LocalDate date) {
        return economy.dailyQuests().stream()
                .sorted(Comparator.comparing((QuestDef q) -> Hashing.sha256Hex(userId + "|" + date + "|" + q.id()))
                        .thenComparing(QuestDef::id))
                .limit(economy.dailyQuestCount())
                .toList();
    }

    public static QuestDef weekly(Economy economy, QuestPeriod week) {
        if (week.kind() != QuestPeriod.Kind.WEEKLY) throw new IllegalArgumentException(week.id() + " is not a week");
        List<QuestDef> pool = economy.weeklyQuests();
        long n = ChronoUnit.WEEKS.between(FIRST_MONDAY, week.date());
        return pool.get((int) Math.floorMod(n, (long) pool.size()));
    }

    /** The quest {@code ref} names, if the learner has it in that period. */
    public static Optional<QuestDef> assigned(Economy economy, String userId, QuestRef ref, QuestPeriod period) {
        List<QuestDef> quests = period.kind() == QuestPeriod.Kind.DAILY
                ? daily(economy, userId, period.date()) : List.of(weekly(economy, period));
        return quests.stream().filter(q -> q.id().equals(ref.questId())).findFirst();
    }

    /** Progress one grant makes: a quest of the learner, its period, and by how much (> 0). */
    public record Step(QuestPeriod period, QuestDef quest, long amount) {}

    /**
     * What {@code fact} moves: the learner's daily quests of the local day its {@code at} falls on in
     * {@code zone} (the learner's stored zone), and the weekly challenge of its week.
     */
    public static List<Step> steps(Economy economy, RewardGrantedFact fact, ZoneId zone) {
        List<Step> out = new ArrayList<>();
        QuestPeriod day = QuestPeriod.day(fact.at().atZone(zone).toLocalDate(), zone);
        for (QuestDef q : daily(economy, fact.userId(), day.date())) {
            long n = fact.increment(q.metric());
            if (n > 0) out.add(new Step(day, q, n));
        }
        QuestPeriod week = QuestPeriod.weekOf(fact.at());
        QuestDef w = weekly(economy, week);
        long n = fact.increment(w.metric());
        if (n > 0) out.add(new Step(week, w, n));
        return out;
    }
}
