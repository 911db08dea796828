package dev.pyquest.local;

/** What the end-to-end tests share about the stacks they start. */
final class Stacks {
    /**
     * The achievements consumer pays XP and diamonds asynchronously, on top of what an activity pays: the tests
     * that pin a feature's exact wallet, ledger, leaderboard or submission rewards run without it, so their
     * figures do not depend on when a badge lands. The interplay (badges in a submission's rewards, wallet =
     * ledger with them) is AchievementsIT's and AchievementsApiIT's, with the consumer on.
     */
    static final String ACHIEVEMENTS = "AchievementsFunction";

    private Stacks() {}
}
