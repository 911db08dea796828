package dev.pyquest.tools.sim;

import dev.pyquest.domain.content.Course;
import dev.pyquest.domain.content.Quiz;
import dev.pyquest.domain.learning.Gates;
import dev.pyquest.domain.learning.LearnerProgress;
import dev.pyquest.domain.learning.QuizScoring;
import dev.pyquest.domain.mastery.ActivityRecord;
import dev.pyquest.domain.mastery.LearningPath;
import dev.pyquest.domain.mastery.MasteryLevel;
import dev.pyquest.domain.mastery.PathActivity;
import dev.pyquest.domain.mastery.Practice;
import dev.pyquest.domain.mastery.SkillProgress;
import dev.pyquest.domain.mastery.next.ItemModel;
import dev.pyquest.domain.mastery.next.LearnerView;
import dev.pyquest.domain.mastery.next.NextStepPolicy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Simulated learners taking the course, to measure what the adaptive path is worth. Each learner has a hidden true
 * state per skill (known or not) drawn from a BKT generative model with per-learner variation, and takes the course
 * under a policy: the {@link Policy#FIXED fixed course order} ({@link LearningPath#activities()}, each graded
 * activity retried until passed) or the {@link Policy#ADAPTIVE next-step policy} ({@link NextStepPolicy#DEFAULT}, one
 * attempt per step). Both go through the same domain code as the mastery consumer: every attempt is a
 * {@link Practice}, counted with {@link Practice#isEvidence} and {@link Practice#applyTo}, the activity's record kept
 * as the consumer keeps it. A learner is done when the model marks every skill mastered (P(known) >= 0.95): what the
 * platform can see; the simulation also reports how many of those skills were truly known then.
 *
 * <p>The generative model, with a {@code spread} s (logits). Per learner: an ability {@code a ~ N(0, s)} and a learning
 * speed {@code b ~ N(0, s)}; per skill, known at the start with probability {@code sigmoid(logit(P(L0)) + a + N(0, s))};
 * each unknown skill of an activity becomes known after it with {@code sigmoid(logit(P(T)) + b)} (a lesson and an
 * exercise: the exercise P(T); a quiz: the choice question's, once per question). An exercise passes when every one of
 * its skills is performed right: a known skill with 1 - slip, an unknown one with guess, by difficulty
 * ({@link dev.pyquest.domain.mastery.Bkt#forExercise}). A quiz question is right with 1 - slip or guess of a choice
 * question when all the quiz's skills are known; the quiz passes at its pass mark. A failed quiz teaches but is not
 * on the bus (the platform does not publish quiz failures yet), so the model never sees it.
 *
 * <p>Both policies meet the course's gates ({@link Gates}, as the API enforces them) with the progress the platform
 * would record (lessons read, quizzes and exercises passed, each quiz's best score): the fixed order, at a locked
 * activity, first does what it requires (a quiz again, until the score a lesson wants), up to {@link #MAX_TRIES}
 * attempts, then moves on; the adaptive policy only ever sees open activities.
 */
public final class LearnerSimulation {
    public enum Policy { FIXED, ADAPTIVE }

    /** Attempts a simulated learner makes in a day (the review scheduler's days move with them). */
    public static final int ATTEMPTS_PER_DAY = 8;
    /** A learner not done after this many attempts is counted as not reaching mastery. */
    public static final int MAX_ATTEMPTS = 600;
    /** The fixed order moves on after this many failed attempts at one activity. */
    public static final int MAX_TRIES = 10;
    private static final LocalDate START = LocalDate.of(2026, 1, 5);

    /** One learner's run: attempts made (lessons read included), whether every skill was marked mastered, and how many of them were truly known. */
    public record Run(int attempts, boolean reached, int skillsTrulyKnown, int skills) {}

    /** One prediction of the item model before an exercise attempt that is evidence, and what happened. */
    public record Prediction(double predicted, boolean passed) {}

    private final LearningPath path;
    private final Gates gates;
    private final Map<String, Quiz> quizzes = new HashMap<>();
    private final NextStepPolicy policy;
    private final double spread;

    /** {@code spread}: the standard deviation of the per-learner variation, in logits (0: every learner alike). */
    public LearnerSimulation(Course course, NextStepPolicy policy, double spread) {
        if (!(spread >= 0 && spread <= 3)) throw new IllegalArgumentException("spread must be between 0 and 3 logits, got " + spread);
        this.path = LearningPath.of(course);
        this.gates = Gates.of(course);
        course.quizzes().forEach(q -> quizzes.put(q.id(), q));
        this.policy = policy;
        this.spread = spread;
    }

    public LearningPath path() {
        return path;
    }

    /** Learner {@code learner} of the run seeded {@code seed}, under {@code p}; predictions of evidence attempts go to {@code predictions}. */
    public Run run(long seed, int learner, Policy p, List<Prediction> predictions) {
        Learner l = new Learner(new Random(seed * 1_000_003L + learner), learner);
        if (p == Policy.FIXED) {
            outer:
            for (PathActivity a : path.activities()) {
                for (int tries = 0; tries < MAX_TRIES && l.locked(a); tries++) {
                    if (l.done() || l.attempts >= MAX_ATTEMPTS) break outer;
                    PathActivity via = l.unlocker(a);
                    if (via == null) break;
                    l.attempt(via, predictions);
                }
                if (l.locked(a)) continue;
                for (int tries = 0; tries < MAX_TRIES; tries++) {
                    if (l.done() || l.attempts >= MAX_ATTEMPTS) break outer;
                    l.attempt(a, predictions);
                    if (l.record(a).done()) break;
                }
            }
        } else {
            while (!l.done() && l.attempts < MAX_ATTEMPTS) {
                l.attempt(policy.next(l.view()).suggestion().activity(), predictions);
            }
        }
        return new Run(l.attempts, l.done(), l.trulyKnownOfMastered(), path.skills().size());
    }

    private final class Learner {
        final Random random;
        final String id;
        final double learnOffset;
        final Map<String, Boolean> known = new HashMap<>();
        final Map<String, SkillProgress> skills = new HashMap<>();
        final Map<String, ActivityRecord> records = new HashMap<>();
        /** What the progress table would hold: activities done and each quiz's best score (the gates read these). */
        final java.util.Set<String> done = new java.util.HashSet<>();
        final Map<String, Integer> best = new HashMap<>();
        int attempts;

        Learner(Random random, int n) {
            this.random = random;
            this.id = "sim-" + n;
            double ability = random.nextGaussian() * spread;
            this.learnOffset = random.nextGaussian() * spread;
            for (var s : path.skills()) {
                known.put(s.id(), random.nextDouble() < sigmoid(logit(dev.pyquest.domain.mastery.Bkt.PRIOR) + ability + random.nextGaussian() * spread));
            }
        }

        LocalDate today() {
            return START.plusDays(attempts / ATTEMPTS_PER_DAY);
        }

        LearnerProgress progress() {
            return new LearnerProgress(done, java.util.Set.of(), best);
        }

        LearnerView view() {
            LearnerProgress p = progress();
            return new LearnerView(path, skills, records, today(), a -> !gates.locked(a.activityId(), p), a -> gates.unmet(a.activityId(), p));
        }

        boolean locked(PathActivity a) {
            return gates.locked(a.activityId(), progress());
        }

        /** The first open activity that meets one of {@code a}'s unmet requirements, or null. */
        PathActivity unlocker(PathActivity a) {
            LearnerProgress p = progress();
            for (Gates.Unmet u : gates.unmet(a.activityId(), p)) {
                PathActivity via = u.target() == null ? null : path.byId(u.target()).orElse(null);
                if (via != null && !gates.locked(via.activityId(), p)) return via;
            }
            return null;
        }

        ActivityRecord record(PathActivity a) {
            return records.getOrDefault(a.activityId(), ActivityRecord.NONE);
        }

        boolean done() {
            return path.skills().stream().allMatch(s -> skills.getOrDefault(s.id(), SkillProgress.NOT_STARTED).mastery().pKnown() >= MasteryLevel.MASTERED_AT);
        }

        int trulyKnownOfMastered() {
            return (int) path.skills().stream().filter(s -> skills.getOrDefault(s.id(), SkillProgress.NOT_STARTED).mastery().pKnown() >= MasteryLevel.MASTERED_AT
                    && known.get(s.id())).count();
        }

        void attempt(PathActivity a, List<Prediction> predictions) {
            LocalDate day = today();
            Instant at = day.atTime(12, 0).toInstant(ZoneOffset.UTC);
            ActivityRecord before = record(a);
            attempts++;
            String eventId = id + "-" + attempts;
            Practice practice;
            switch (a.kind()) {
                case LESSON -> {
                    learn(a, dev.pyquest.domain.mastery.Bkt.forEvidence(dev.pyquest.domain.mastery.Evidence.EXERCISE).pLearn());
                    practice = new Practice(eventId, id, a.activityId(), Practice.Kind.LESSON, true, null, 0, 0, at, a.difficulty());
                    done.add(a.activityId());
                }
                case EXERCISE -> {
                    double predicted = ItemModel.pCorrect(a, view());
                    boolean passed = true;
                    for (String s : a.skills()) {
                        double p = known.get(s) ? 1 - ItemModel.slip(a.difficulty()) : ItemModel.guess(a.difficulty());
                        passed &= random.nextDouble() < p;
                    }
                    learn(a, dev.pyquest.domain.mastery.Bkt.forEvidence(dev.pyquest.domain.mastery.Evidence.EXERCISE).pLearn());
                    practice = new Practice(eventId, id, a.activityId(), Practice.Kind.EXERCISE, passed, before.attempts() + 1, 0, 0, at, a.difficulty());
                    if (practice.isEvidence(before.passedAttempt())) predictions.add(new Prediction(predicted, passed));
                    if (passed) done.add(a.activityId());
                }
                case QUIZ -> {
                    Quiz q = quizzes.get(a.activityId());
                    var choice = dev.pyquest.domain.mastery.Bkt.forEvidence(dev.pyquest.domain.mastery.Evidence.CHOICE_QUESTION);
                    int correct = 0;
                    for (int i = 0; i < q.questions().size(); i++) {
                        boolean allKnown = a.skills().stream().allMatch(known::get);
                        if (random.nextDouble() < (allKnown ? 1 - choice.pSlip() : choice.pGuess())) correct++;
                        learn(a, choice.pLearn());
                    }
                    int total = q.questions().size();
                    boolean passed = correct * 100 >= q.passPercent() * total;
                    best.merge(a.activityId(), QuizScoring.percent(correct, total), Math::max);
                    if (passed) done.add(a.activityId());
                    if (!passed) return; // a failed quiz is not on the bus: the consumer never sees it
                    practice = new Practice(eventId, id, a.activityId(), Practice.Kind.QUIZ, true, null, correct, total, at, a.difficulty());
                }
                default -> throw new IllegalStateException(a.kind().toString());
            }
            count(a, practice, before, day);
        }

        /** What the mastery consumer does with one practice: evidence or not, each skill, the activity's record. */
        private void count(PathActivity a, Practice practice, ActivityRecord before, LocalDate day) {
            boolean evidence = practice.isEvidence(before.passedAttempt());
            Map<String, SkillProgress> before0 = new java.util.LinkedHashMap<>();
            for (String s : a.skills()) before0.put(s, skills.getOrDefault(s, SkillProgress.NOT_STARTED));
            skills.putAll(practice.applyTo(before0, evidence, day));
            records.put(a.activityId(), practice.recordAfter(before));
        }

        private void learn(PathActivity a, double pLearn) {
            double p = sigmoid(logit(pLearn) + learnOffset);
            for (String s : a.skills()) if (!known.get(s) && random.nextDouble() < p) known.put(s, true);
        }
    }

    static double logit(double p) {
        return Math.log(p / (1 - p));
    }

    static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }
}
