package dev.pyquest.domain.rewards;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Where a grant comes from: the unit of the daily XP caps ({@code dailyXpCaps} in economy.yaml). A source
 * with no cap there is uncapped: {@code ACHIEVEMENT} has none on purpose, since each tier pays once ever.
 */
public enum RewardSource {
    EXERCISE("exercise"), QUIZ("quiz"), LESSON("lesson"), DAILY_LOGIN("dailyLogin"), STREAK("streak"), QUEST("quest"), ACHIEVEMENT("achievement"),
    /** Diamonds bought with money (a pack) or taken back (its refund): never counted by quests or achievements. */
    PURCHASE("purchase"),
    /** A referral's reward (to the referrer and to the referee): pays for someone else's arrival, so quests and achievements do not count it. */
    REFERRAL("referral");

    private final String configName;

    RewardSource(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }

    public static Optional<RewardSource> fromConfig(String name) {
        return Arrays.stream(values()).filter(s -> s.configName.equals(name)).findFirst();
    }

    public static List<String> configNames() {
        return Arrays.stream(values()).map(RewardSource::configName).toList();
    }
}
