package dev.pyquest.domain.streak;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;

/** "Today" is the server clock in the learner's stored zone; never the client's. */
public final class LearnerClock {
    public static final String DEFAULT_ZONE = "UTC";

    private LearnerClock() {}

    public static LocalDate today(Clock server, String storedZone) {
        return LocalDate.now(server.withZone(zoneOrDefault(storedZone)));
    }

    /** The learner's stored zone, or {@link #DEFAULT_ZONE} when none (or no valid one) is stored. */
    public static ZoneId zoneOrDefault(String storedZone) {
        return zone(storedZone).orElse(ZoneId.of(DEFAULT_ZONE));
    }

    /** An IANA region id ("Europe/Paris") or UTC; offsets and abbreviations are refused. */
    public static Optional<ZoneId> zone(String name) {
        if (name == null || name.isBlank() || name.length() > 64) return Optional.empty();
        if (!name.equals("UTC") && !name.contains("/")) return Optional.empty();
        if (!ZoneId.getAvailableZoneIds().contains(name)) return Optional.empty();
        try {
            return Optional.of(ZoneId.of(name));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }
}
