package dev.pyquest.domain.mastery;

/**
 * What is stored of one learner on one skill: BKT's {@link SkillMastery}, the FSRS {@link SpacedReview} (null
 * before the first review), the attempts (judged submissions and passed quizzes of the skill's activities, every
 * one, evidence or not) and the lessons of the skill read (each a learning opportunity for BKT, {@link Bkt#LESSON_LEARN}).
 */
public record SkillProgress(SkillMastery mastery, SpacedReview review, int attempts, int lessons) {
    public static final SkillProgress NOT_STARTED = new SkillProgress(SkillMastery.NOT_STARTED, null, 0, 0);

    public SkillProgress {
        if (mastery == null) throw new IllegalArgumentException("mastery is required");
        if (attempts < 0 || lessons < 0) throw new IllegalArgumentException("attempts and lessons must not be negative");
        if (mastery.observations() > 0 && attempts == 0) {
            throw new IllegalArgumentException("a skill with " + mastery.observations() + " observations has attempts");
        }
    }

    SkillProgress withLesson() {
        return new SkillProgress(mastery.learn(Bkt.LESSON_LEARN), review, attempts, lessons == Integer.MAX_VALUE ? lessons : lessons + 1);
    }
}
