package dev.pyquest.domain.achievements;

import java.util.Locale;

/** A tier of a tiered achievement, lowest first; written lower-case in achievements.yaml and the API. */
public enum Tier {
    BRONZE, SILVER, GOLD;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
