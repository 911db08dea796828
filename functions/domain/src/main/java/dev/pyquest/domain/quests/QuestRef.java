package dev.pyquest.domain.quests;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A quest as the API names it: the period and the quest of the pool, {@code daily:2026-11-24:pass-3}
 * or {@code weekly:2026-W48:weekly-10-passes}. ':' is a legal path character (RFC 3986 pchar), so the
 * id goes into {@code /quests/{id}/claim} as it is.
 */
public record QuestRef(QuestPeriod.Kind kind, String periodId, String questId) {
    private static final Pattern SHAPE = Pattern.compile(
            "(daily):(\\d{4}-\\d{2}-\\d{2}):([a-z0-9]+(?:-[a-z0-9]+)*)|(weekly):(\\d{4}-W\\d{2}):([a-z0-9]+(?:-[a-z0-9]+)*)");

    public static QuestRef of(QuestPeriod p, String questId) {
        return new QuestRef(p.kind(), p.id(), questId);
    }

    /** Empty when {@code id} does not have the shape {@code daily:<yyyy-mm-dd>:<quest>} or {@code weekly:<yyyy-Www>:<quest>}. */
    public static Optional<QuestRef> parse(String id) {
        if (id == null || id.length() > 128) return Optional.empty();
        Matcher m = SHAPE.matcher(id);
        if (!m.matches()) return Optional.empty();
        return m.group(1) != null
                ? Optional.of(new QuestRef(QuestPeriod.Kind.DAILY, m.group(2), m.group(3)))
                : Optional.of(new QuestRef(QuestPeriod.Kind.WEEKLY, m.group(5), m.group(6)));
    }

    @Override
    public String toString() {
        return (kind == QuestPeriod.Kind.DAILY ? "daily" : "weekly") + ":" + periodId + ":" + questId;
    }
}
