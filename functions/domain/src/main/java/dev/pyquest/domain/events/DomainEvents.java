package dev.pyquest.domain.events;

/**
 * The bus's vocabulary: {@code source} and {@code detail-type} of our domain events (schemas under
 * events/schemas), as each {@link DomainEvent} record's {@code busSource()} and {@code detailType()} give them.
 */
public final class DomainEvents {
    public static final String SOURCE_JUDGE = "pyquest.judge";
    public static final String SOURCE_REWARDS = "pyquest.rewards";
    public static final String SOURCE_LEARNING = "pyquest.learning";
    public static final String SOURCE_ACHIEVEMENTS = "pyquest.achievements";
    public static final String CODE_PASSED = "CodePassed";
    public static final String CODE_FAILED = "CodeFailed";
    public static final String REWARD_GRANTED = "RewardGranted";
    public static final String QUIZ_PASSED = "QuizPassed";
    public static final String LESSON_COMPLETED = "LessonCompleted";
    public static final String ACHIEVEMENT_UNLOCKED = "AchievementUnlocked";
    public static final String ACTIVITY_SKIPPED = "ActivitySkipped";

    private DomainEvents() {}
}
