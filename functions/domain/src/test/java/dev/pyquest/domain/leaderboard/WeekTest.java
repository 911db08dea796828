package dev.pyquest.domain.leaderboard;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class WeekTest {
    @ParameterizedTest(name = "{0} is in {1}, from {2}")
    @CsvSource({
            // the brief's week, from its first to its last second
            "2026-11-23T00:00:00Z,    2026-W48, 2026-11-23T00:00:00Z",
            "2026-11-25T12:00:00Z,    2026-W48, 2026-11-23T00:00:00Z",
            "2026-11-29T23:59:59Z,    2026-W48, 2026-11-23T00:00:00Z",
            "2026-11-29T23:59:59.999999999Z, 2026-W48, 2026-11-23T00:00:00Z",
            "2026-11-30T00:00:00Z,    2026-W49, 2026-11-30T00:00:00Z",
            // 2026 starts on a Thursday, so it has 53 ISO weeks; its last one runs into 2027
            "2026-12-28T00:00:00Z,    2026-W53, 2026-12-28T00:00:00Z",
            "2026-12-31T23:59:59Z,    2026-W53, 2026-12-28T00:00:00Z",
            "2027-01-01T00:00:00Z,    2026-W53, 2026-12-28T00:00:00Z",
            "2027-01-03T23:59:59Z,    2026-W53, 2026-12-28T00:00:00Z",
            "2027-01-04T00:00:00Z,    2027-W01, 2027-01-04T00:00:00Z",
            // and the other way round: 2024-12-30 is a Monday that opens 2025's first week
            "2024-12-29T23:59:59Z,    2024-W52, 2024-12-23T00:00:00Z",
            "2024-12-30T00:00:00Z,    2025-W01, 2024-12-30T00:00:00Z",
            "2025-01-01T08:00:00Z,    2025-W01, 2024-12-30T00:00:00Z",
            // 2020 is a leap year starting on a Wednesday: 53 weeks too
            "2020-12-31T10:00:00Z,    2020-W53, 2020-12-28T00:00:00Z",
            "2021-01-03T23:59:59Z,    2020-W53, 2020-12-28T00:00:00Z",
            // UTC, whatever the offset the instant was written in
            "2026-11-30T00:30:00+01:00, 2026-W48, 2026-11-23T00:00:00Z",
    })
    void anInstantBelongsToTheIsoWeekOfItsUtcDate(String instant, String id, String start) {
        Week w = Week.of(java.time.OffsetDateTime.parse(instant).toInstant());
        assertEquals(id, w.id());
        assertEquals(Instant.parse(start), w.start());
        assertEquals(w.start().plusSeconds(7 * 24 * 3600), w.end());
    }

    @Test
    void sundayNightAndMondayMidnightAreDifferentWeeks() {
        Week sunday = Week.of(Instant.parse("2026-11-29T23:59:59Z"));
        Week monday = Week.of(Instant.parse("2026-11-30T00:00:00Z"));
        assertNotEquals(sunday, monday);
        assertEquals(sunday.end(), monday.start(), "weeks meet without gap or overlap");
        assertEquals(sunday, monday.previous());
        assertEquals(Week.of(sunday.end().minusNanos(1)), sunday);
    }

    @Test
    void consecutiveWeeksNeverShareAnIdOverYears() {
        java.util.Set<String> ids = new java.util.HashSet<>();
        Week w = Week.of(Instant.parse("2019-12-30T00:00:00Z"));
        for (int i = 0; i < 600; i++, w = new Week(w.monday().plusWeeks(1))) {
            assertEquals(w, Week.of(w.start()));
            assertEquals(w, Week.of(w.end().minusSeconds(1)));
            assertEquals(true, ids.add(w.id()), "duplicate id " + w.id());
        }
    }

    @Test
    void aWeekStartsOnAMonday() {
        assertThrows(IllegalArgumentException.class, () -> new Week(LocalDate.parse("2026-11-24")));
    }
}
