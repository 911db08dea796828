package dev.pyquest.local;

/** What the end-to-end tests share about the stacks they start. */
final class Stacks {
    /**
     * The achievements consumer pays XP and diamonds asynchronously, on top of what an activity pays: the tests
     * that pin a feature's exact wallet, ledger, leaderboard or submission rewards run without it, until the
     * achievements' own end-to-end test (with GET /achievements) covers the interplay.
     */
    static final String ACHIEVEMENTS = "AchievementsFunction";

    private Stacks() {}
}
