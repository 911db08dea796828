package dev.pyquest.domain.mastery;

import dev.pyquest.domain.content.Difficulty;
import dev.pyquest.domain.events.CodeFailed;
import dev.pyquest.domain.events.CodePassed;
import dev.pyquest.domain.events.DomainEvent;
import dev.pyquest.domain.events.LessonCompleted;
import dev.pyquest.domain.events.QuizPassed;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One thing a learner did with an activity, as the mastery model reads it: a judged submission of an
 * exercise ({@code CodePassed}/{@code CodeFailed}), a passed quiz ({@code QuizPassed}) or a lesson read
 * ({@code LessonCompleted}). What it does to each skill of the activity is {@link #applyTo}; whether it is
 * BKT evidence depends on the activity's history ({@link #isEvidence}).
 *
 * <p><b>Every attempt counts; a known solution is no evidence.</b> Every judged submission of an exercise
 * up to and including its first pass is one exercise observation (BKT's parameters by the exercise's
 * difficulty, {@link Bkt#forExercise}), right when it passed: a
 * learner who fails twice then passes is seen wrong, wrong, right (each attempt with the judge's feedback is
 * also a learning opportunity, BKT's P(T)). Submissions after the exercise is passed are not evidence:
 * re-sending a solution one already has says nothing new, and counting it would let anyone reach "mastered"
 * by submitting one exercise three times. The boundary is the judge's own attempt number, so it does not
 * depend on the order events arrive in (a failed attempt 2 delivered after the passing attempt 3 still
 * counts). A quiz gives evidence on its first pass only (the same reason), one {@link Evidence#CHOICE_QUESTION}
 * observation per question: {@code total - correct} wrong, then {@code correct} right (the event has the
 * totals, not each question's result or kind; choice is the kind with the most guessing, so the least credit).
 *
 * <p><b>Reviews.</b> Every judged submission and every passed quiz is an FSRS review of the activity's skills,
 * passes after the first included (re-solving an exercise days later is recall). Grades as
 * {@link ReviewOutcome}: a failed submission {@link Grade#AGAIN}, a pass at the first attempt {@link Grade#GOOD},
 * a pass after failed attempts {@link Grade#HARD}, a passed quiz {@link Grade#GOOD} (its failed attempts are not
 * on the bus). Same-day reviews (fail, fail, pass in one sitting) take FSRS's same-day formula.
 *
 * <p>A lesson read is neither evidence nor review: it counts in {@link SkillProgress#lessons()} and is a learning
 * opportunity for BKT ({@link Bkt#LESSON_LEARN}: P(known) moves, no answer is observed, the level stays).
 */
public record Practice(String eventId, String userId, String activityId, Kind kind, boolean passed, Integer attempt,
                       int correct, int total, Instant at, Difficulty difficulty) {
    public enum Kind { EXERCISE, QUIZ, LESSON }

    /** The learner passed the activity before, at an attempt the judge did not number (older producers). */
    public static final int UNNUMBERED = Integer.MAX_VALUE;

    public Practice {
        if (eventId == null || userId == null || activityId == null || kind == null || at == null || difficulty == null) {
            throw new IllegalArgumentException("a practice needs an event id, a learner, an activity, a kind, a time and a difficulty");
        }
        if (attempt != null && attempt < 1) throw new IllegalArgumentException("attempt must be at least 1, got " + attempt);
        if (correct < 0 || correct > total) throw new IllegalArgumentException("correct must be between 0 and total, got " + correct + "/" + total);
    }

    /** The practice of a domain event; empty for events that are none (rewards, achievements). */
    public static Optional<Practice> of(DomainEvent event) {
        return Optional.ofNullable(switch (event) {
            case CodePassed p -> new Practice(p.eventId(), p.userId(), p.activityId(), Kind.EXERCISE, true, p.attempt(), 0, 0, p.at(), p.difficulty());
            case CodeFailed f -> new Practice(f.eventId(), f.userId(), f.activityId(), Kind.EXERCISE, false, f.attempt(), 0, 0, f.at(), f.difficulty());
            case QuizPassed q -> new Practice(q.eventId(), q.userId(), q.activityId(), Kind.QUIZ, true, null, q.correct(), q.total(), q.at(), q.difficulty());
            case LessonCompleted l -> new Practice(l.eventId(), l.userId(), l.activityId(), Kind.LESSON, true, null, 0, 0, l.at(), l.difficulty());
            default -> null;
        });
    }

    /**
     * Whether this is BKT evidence, given {@code passedAttempt}: the attempt of the activity's first pass this
     * learner is known to have made (null: none yet; {@link #UNNUMBERED}: passed, number unknown).
     */
    public boolean isEvidence(Integer passedAttempt) {
        return switch (kind) {
            case LESSON -> false;
            case QUIZ -> passedAttempt == null;
            // Without a number, an attempt can only be placed before a pass when there is none yet.
            case EXERCISE -> passedAttempt == null || (attempt != null && passedAttempt != UNNUMBERED && attempt <= passedAttempt);
        };
    }

    /** The activity's first pass once this practice is counted (unchanged for a fail, a lesson, a later pass). */
    public Integer passedAttemptAfter(Integer passedAttempt) {
        if (!passed || kind == Kind.LESSON) return passedAttempt;
        int mine = kind == Kind.QUIZ ? 1 : attempt == null ? UNNUMBERED : attempt;
        return passedAttempt == null ? mine : Math.min(passedAttempt, mine);
    }

    /**
     * The activity's record once this practice is counted: its first pass ({@link #passedAttemptAfter}; a lesson read is
     * done at attempt 1) and the highest attempt seen (an exercise's judged attempt number; a quiz pass or a lesson read
     * counts one more, their failures are not on the bus). Order-independent for exercises, like the first pass.
     */
    public ActivityRecord recordAfter(ActivityRecord before) {
        Integer passed = kind == Kind.LESSON ? Integer.valueOf(before.passedAttempt() == null ? 1 : Math.min(1, before.passedAttempt()))
                : passedAttemptAfter(before.passedAttempt());
        int attempts = kind == Kind.EXERCISE && attempt != null ? Math.max(before.attempts(), attempt)
                : before.attempts() == Integer.MAX_VALUE ? before.attempts() : before.attempts() + 1;
        return new ActivityRecord(passed, attempts, before.skipped());
    }

    /** The FSRS grade of this practice as a review; empty for a lesson. */
    public Optional<Grade> grade() {
        return switch (kind) {
            case LESSON -> Optional.empty();
            case QUIZ -> Optional.of(new ReviewOutcome(true, 0, false).grade());
            case EXERCISE -> Optional.of(new ReviewOutcome(passed, attempt == null ? 0 : attempt - 1, false).grade());
        };
    }

    /**
     * Every skill's progress after this practice, for an activity with the skills of {@code before} (in any order):
     * {@link #applyTo(SkillProgress, boolean, LocalDate)} for each, except that the BKT observation of an exercise
     * with several skills is conjunctive ({@link Bkt#conjunctivePosteriors}): a failure is shared among its skills
     * by how likely each is the culprit.
     */
    public Map<String, SkillProgress> applyTo(Map<String, SkillProgress> before, boolean evidence, LocalDate day) {
        Map<String, SkillProgress> after = new LinkedHashMap<>();
        if (kind != Kind.EXERCISE || !evidence || before.size() < 2) {
            before.forEach((s, p) -> after.put(s, applyTo(p, evidence, day)));
            return after;
        }
        Bkt model = Bkt.forExercise(difficulty);
        List<String> skills = List.copyOf(before.keySet());
        double[] posteriors = model.conjunctivePosteriors(skills.stream().mapToDouble(s -> before.get(s).mastery().pKnown()).toArray(), passed);
        for (int i = 0; i < skills.size(); i++) {
            SkillProgress p = before.get(skills.get(i));
            after.put(skills.get(i), reviewed(p, p.mastery().observed(model, passed, posteriors[i]), day));
        }
        return after;
    }

    /**
     * One skill's progress after this practice, on the learner-local day {@code day}: every practice but a lesson
     * counts one attempt and is a review; {@code evidence} ({@link #isEvidence}) adds the BKT observations.
     */
    public SkillProgress applyTo(SkillProgress before, boolean evidence, LocalDate day) {
        if (kind == Kind.LESSON) return before.withLesson();
        SkillMastery m = before.mastery();
        if (evidence) {
            switch (kind) {
                case EXERCISE -> m = m.observe(Bkt.forExercise(difficulty), passed);
                case QUIZ -> {
                    Bkt choice = Bkt.forEvidence(Evidence.CHOICE_QUESTION);
                    // The misses first: the learner ends the attempt on a pass, and a miss costs a level the rights then restore.
                    for (int i = 0; i < total - correct; i++) m = m.observe(choice, false);
                    for (int i = 0; i < correct; i++) m = m.observe(choice, true);
                }
                default -> throw new IllegalStateException(kind.toString());
            }
        }
        return reviewed(before, m, day);
    }

    /** {@code before} with mastery {@code m}, this practice's review on {@code day}, and one more attempt. */
    private SkillProgress reviewed(SkillProgress before, SkillMastery m, LocalDate day) {
        Grade g = grade().orElseThrow();
        SpacedReview r = before.review() == null ? Fsrs.PYQUEST.first(g, day) : Fsrs.PYQUEST.review(before.review(), g, day);
        int attempts = before.attempts() == Integer.MAX_VALUE ? before.attempts() : before.attempts() + 1;
        return new SkillProgress(m, r, attempts, before.lessons());
    }
}
