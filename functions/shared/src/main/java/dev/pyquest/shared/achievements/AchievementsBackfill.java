package dev.pyquest.shared.achievements;

import dev.pyquest.domain.achievements.AchievementEngine;
import dev.pyquest.domain.achievements.AchievementFact;
import dev.pyquest.domain.achievements.Backfill;
import dev.pyquest.domain.achievements.Unlock;
import dev.pyquest.domain.content.Difficulty;
import dev.pyquest.domain.events.LessonCompleted;
import dev.pyquest.domain.events.QuizPassed;
import dev.pyquest.domain.events.RewardGranted;
import dev.pyquest.domain.rewards.Reward;
import dev.pyquest.domain.rewards.RewardKind;
import dev.pyquest.domain.rewards.RewardRules;
import dev.pyquest.domain.rewards.RewardSource;
import dev.pyquest.domain.streak.LearnerClock;
import dev.pyquest.shared.rewards.RewardsService;
import dev.pyquest.shared.store.AchievementRepository;
import dev.pyquest.shared.store.CatalogRepository;
import dev.pyquest.shared.store.LearnerRepository;
import dev.pyquest.shared.store.LearnerRepository.LedgerLine;
import dev.pyquest.shared.store.LearningRepository;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The achievements backfill of one learner at a time ({@code ./pyquest achievements-backfill}): new rules apply to
 * the past without the learner redoing anything.
 *
 * <ol>
 *   <li>Read, in this order: the stored progress and unlocks, the markers of the facts applied, then the history,
 *       which the learner's permanent rows keep in full: the ledger (every {@code RewardGranted}: a grant's lines,
 *       grouped by grant key, are its event, with the same id, time, amounts, source and attributes; a line older
 *       than lines keeping their source gets it from its grant key), passed quiz attempts ({@code QuizPassed}
 *       {@code quiz#<attemptId>}) and completed lessons ({@code LessonCompleted} {@code lesson#<user>#<lesson>}).
 *       Achievements' own grants are left out: they feed no rule. Reading the history last means a fact the
 *       consumer applies meanwhile is either in the snapshot or marked after it, which the write's conditions catch.</li>
 *   <li>{@link Backfill#plan}: the history replayed through the same engine, against what is stored.</li>
 *   <li>{@link AchievementRepository#backfill}: one transaction conditional on everything read; on a conflict (the
 *       consumer moved the learner meanwhile) all of it again, {@value #ATTEMPTS} times at most.</li>
 *   <li>Pay, as the consumer pays ({@link AchievementPayments}): the new unlocks, under the source
 *       {@code sourceEventId} ({@code backfill#<date>}), and every stored unlock whose ledger lines are missing
 *       (a crash between an unlock's transaction and its payment), under the fact that made it.</li>
 * </ol>
 * Running it again changes nothing: the plan of a backfilled learner is empty and every unlock is paid.
 */
public final class AchievementsBackfill {
    public static final int ATTEMPTS = 5;

    /**
     * What the backfill did for a learner, or in a dry run would do: the levels it unlocks, the progress values and
     * markers it writes, the stored unlocks it pays again, and how many grants it wrote (0 in a dry run).
     */
    public record Result(String userId, List<String> unlocked, int progressValues, int markers, List<String> repaid, int grantsPaid) {
        public Result {
            unlocked = List.copyOf(unlocked);
            repaid = List.copyOf(repaid);
        }

        public boolean changed() {
            return !unlocked.isEmpty() || progressValues > 0 || markers > 0 || grantsPaid > 0;
        }

        /** Anything to write or pay (what a dry run reports). */
        public boolean due() {
            return changed() || !repaid.isEmpty();
        }
    }

    /** A learner's facts as the consumer saw them, and what the ledger says of payments. */
    record History(List<AchievementFact> facts, Map<String, String> submissionOfEvent, Set<String> grantKeys) {}

    private final AchievementRepository achievements;
    private final LearnerRepository learners;
    private final LearningRepository learning;
    private final RewardsService rewards;
    private final AchievementEngine engine;
    private final Map<String, Difficulty> difficulties;
    private final String sourceEventId;
    private final Clock clock;

    /**
     * {@code engine}: the rules to apply (those the consumer runs); {@code difficulties}: each activity's, by id, as
     * the catalog serves them ({@link #difficulties(CatalogRepository)}: a quiz attempt's and a lesson's row does not
     * keep it, their event took it from the catalog); {@code sourceEventId}: what the backfill's unlocks name as their fact.
     */
    public AchievementsBackfill(AchievementRepository achievements, LearnerRepository learners, LearningRepository learning,
                                RewardsService rewards, AchievementEngine engine, Map<String, Difficulty> difficulties,
                                String sourceEventId, Clock clock) {
        this.achievements = achievements;
        this.learners = learners;
        this.learning = learning;
        this.rewards = rewards;
        this.engine = engine;
        this.difficulties = Map.copyOf(difficulties);
        this.sourceEventId = sourceEventId;
        this.clock = clock;
    }

    /** Each activity's difficulty, by id (one scan of the catalog). */
    public static Map<String, Difficulty> difficulties(CatalogRepository catalog) {
        Map<String, Difficulty> out = new HashMap<>();
        for (CatalogRepository.Activity a : catalog.list()) out.put(a.activityId(), a.difficulty());
        return out;
    }

    /** {@code backfill#<UTC date>}: the source a run's unlocks name. */
    public static String sourceEventId(Instant now) {
        return "backfill#" + now.atZone(java.time.ZoneOffset.UTC).toLocalDate();
    }

    /**
     * Backfills {@code userId}; {@code dryRun}: only says what it would do. Throws
     * {@link AchievementRepository.TooLarge} (nothing written) when the learner's write does not fit one
     * transaction, and {@link IllegalStateException} when the learner kept moving for {@value #ATTEMPTS} attempts.
     */
    public Result run(String userId, boolean dryRun) {
        ZoneId zone = LearnerClock.zoneOrDefault(learners.get(userId).timezone());
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            AchievementRepository.Snapshot read = achievements.read(userId);
            Set<String> applied = achievements.markers(userId);
            History h = history(userId, zone);
            Instant now = clock.instant();
            Backfill.Plan plan = Backfill.plan(engine, read.state(), applied, h.facts(), now, AchievementRepository.KEEP_MARKER);
            List<AchievementRepository.Unlocked> unpaid = read.unlocks().values().stream()
                    .filter(u -> !h.grantKeys().contains(Unlock.GRANT_PREFIX + u.levelKey()))
                    .sorted(java.util.Comparator.comparing(AchievementRepository.Unlocked::levelKey)).toList();
            List<String> repaid = unpaid.stream().map(AchievementRepository.Unlocked::levelKey).toList();
            if (dryRun) return new Result(userId, plan.unlockKeys(), plan.changes().size(), plan.markers().size(), repaid, 0);
            if (!plan.isEmpty() && achievements.backfill(userId, plan, read, sourceEventId, now) == AchievementRepository.Applied.CONFLICT) {
                continue;
            }
            int paid = AchievementPayments.pay(rewards, userId, plan.unlocks(), sourceEventId, null);
            for (AchievementRepository.Unlocked u : unpaid) {
                paid += AchievementPayments.payStored(rewards, engine.rules(), userId, List.of(u.levelKey()), u.eventId(),
                        h.submissionOfEvent().get(u.eventId()));
            }
            return new Result(userId, plan.unlockKeys(), plan.changes().size(), plan.markers().size(), repaid, paid);
        }
        throw new IllegalStateException("achievements of " + userId + " kept moving under the backfill for " + ATTEMPTS
                + " attempts; run it again for this learner (--user " + userId + ")");
    }

    /** The learner's facts rebuilt from the ledger and the progress rows, as {@link AchievementFact#of} reads the events. */
    History history(String userId, ZoneId zone) {
        Map<String, List<LedgerLine>> byGrant = new TreeMap<>();
        for (LedgerLine l : learners.ledger(userId)) byGrant.computeIfAbsent(l.grantKey(), k -> new ArrayList<>()).add(l);
        List<AchievementFact> facts = new ArrayList<>();
        Map<String, String> submissions = new HashMap<>();
        Set<String> grantKeys = new HashSet<>(byGrant.keySet());
        for (Map.Entry<String, List<LedgerLine>> e : byGrant.entrySet()) {
            String grantKey = e.getKey();
            if (grantKey.startsWith(RewardRules.PURCHASE)) continue; // a debit, not a grant
            LedgerLine first = e.getValue().getFirst();
            String source = first.source() != null ? first.source()
                    : RewardRules.sourceOf(grantKey).map(RewardSource::configName).orElse(null);
            if (RewardSource.ACHIEVEMENT.configName().equals(source)) continue;
            List<Reward> rewards = new ArrayList<>();
            for (LedgerLine l : e.getValue()) {
                RewardKind kind;
                try {
                    kind = RewardKind.valueOf(l.kind());
                } catch (IllegalArgumentException | NullPointerException bad) {
                    throw new IllegalStateException("ledger line " + l.entryId() + " of " + userId + " has no known kind: " + l.kind());
                }
                rewards.add(new Reward(kind, l.amount(), l.reason()));
            }
            RewardGranted g;
            try {
                g = new RewardGranted(RewardGranted.eventId(userId, grantKey), userId, grantKey, first.sourceEventId(),
                        first.submissionId(), rewards, first.at(), source, first.attributes());
            } catch (IllegalArgumentException bad) {
                throw new IllegalStateException("ledger lines of grant " + grantKey + " of " + userId + " do not make a RewardGranted: "
                        + bad.getMessage(), bad);
            }
            if (g.submissionId() != null) submissions.put(g.eventId(), g.submissionId());
            AchievementFact.of(g, null, zone, engine.catalog()).ifPresent(facts::add);
        }
        LearningRepository.History progress = learning.history(userId);
        for (LearningRepository.PassedAttempt a : progress.passedAttempts()) {
            facts.add(AchievementFact.quizPassed(userId, QuizPassed.eventId(a.attemptId()), a.quizId(), difficulties.get(a.quizId()),
                    a.at(), a.percent(), zone, engine.catalog()));
        }
        for (LearningRepository.CompletedLesson l : progress.completedLessons()) {
            facts.add(AchievementFact.lessonCompleted(userId, LessonCompleted.eventId(userId, l.lessonId()), l.lessonId(),
                    difficulties.get(l.lessonId()), l.at(), zone, engine.catalog()));
        }
        return new History(facts, submissions, grantKeys);
    }
}
