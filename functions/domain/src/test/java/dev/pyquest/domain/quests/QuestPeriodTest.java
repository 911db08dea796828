package dev.pyquest.domain.quests;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QuestPeriodTest {
    @ParameterizedTest(name = "{0} is in {1}")
    @CsvSource({
            "2026-11-24T10:00:00Z, 2026-W48, 2026-11-23",
            // Sunday's last second is still the week; Monday 00:00 UTC starts the next
            "2026-11-29T23:59:59Z, 2026-W48, 2026-11-23",
            "2026-11-30T00:00:00Z, 2026-W49, 2026-11-30",
            "2026-11-23T00:00:00Z, 2026-W48, 2026-11-23",
            "2026-11-22T23:59:59.999Z, 2026-W47, 2026-11-16",
            // year ends: 2026 has 53 ISO weeks, its last one reaches into 2027
            "2026-12-31T12:00:00Z, 2026-W53, 2026-12-28",
            "2027-01-03T23:59:59Z, 2026-W53, 2026-12-28",
            "2027-01-04T00:00:00Z, 2027-W01, 2027-01-04",
            // and a Monday in December can open week 1 of the next year
            "2024-12-29T23:59:59Z, 2024-W52, 2024-12-23",
            "2024-12-30T00:00:00Z, 2025-W01, 2024-12-30",
            "2021-01-01T08:00:00Z, 2020-W53, 2020-12-28",
    })
    void weeksStartMondayMidnightUtc(String at, String id, String monday) {
        QuestPeriod w = QuestPeriod.weekOf(Instant.parse(at));
        assertEquals(QuestPeriod.Kind.WEEKLY, w.kind());
        assertEquals(id, w.id());
        assertEquals(LocalDate.parse(monday), w.date());
        assertEquals(Instant.parse(monday + "T00:00:00Z"), w.start());
        assertEquals(Duration.ofDays(7), Duration.between(w.start(), w.end()));
        assertTrue(w.contains(Instant.parse(at)));
        assertEquals(w, QuestPeriod.parseWeek(id).orElseThrow(), "the id names the same week back");
    }

    @Test
    void theWeekIsTheSameInEveryZone() {
        // 23:30 UTC on Sunday is Monday in Paris, but the challenge week is UTC's for everyone
        assertEquals("2026-W48", QuestPeriod.weekOf(Instant.parse("2026-11-29T23:30:00Z")).id());
    }

    @ParameterizedTest
    @ValueSource(strings = {"2025-W53", "2026-W00", "2026-W54", "2026-W5", "2026W48", "26-W48", "2026-w48", "2026-11-24", ""})
    void weeksThatDoNotExistAreRefused(String id) {
        assertTrue(QuestPeriod.parseWeek(id).isEmpty(), id);
    }

    @Test
    void aDayIsTheLearnersLocalMidnightToMidnight() {
        ZoneId paris = ZoneId.of("Europe/Paris");
        QuestPeriod d = QuestPeriod.day(LocalDate.parse("2026-11-24"), paris);
        assertEquals("2026-11-24", d.id());
        assertEquals(Instant.parse("2026-11-23T23:00:00Z"), d.start());
        assertEquals(Instant.parse("2026-11-24T23:00:00Z"), d.end());
        assertTrue(d.contains(Instant.parse("2026-11-23T23:00:00Z")));
        assertFalse(d.contains(Instant.parse("2026-11-23T22:59:59Z")));
        assertFalse(d.contains(Instant.parse("2026-11-24T23:00:00Z")));
        // the day the clocks go forward has 23 hours
        QuestPeriod spring = QuestPeriod.day(LocalDate.parse("2026-03-29"), paris);
        assertEquals(Duration.ofHours(23), Duration.between(spring.start(), spring.end()));
        assertEquals(Duration.ofHours(24), Duration.between(QuestPeriod.day(LocalDate.parse("2026-03-29"), ZoneOffset.UTC).start(),
                QuestPeriod.day(LocalDate.parse("2026-03-29"), ZoneOffset.UTC).end()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-02-30", "2026-13-01", "2026-1-01", "20261124", "2026-W48", "tomorrow"})
    void daysThatAreNotDatesAreRefused(String id) {
        assertTrue(QuestPeriod.parseDay(id, ZoneOffset.UTC).isEmpty(), id);
    }

    @Test
    void aDayParsesBack() {
        assertEquals(QuestPeriod.day(LocalDate.parse("2028-02-29"), ZoneOffset.UTC),
                QuestPeriod.parseDay("2028-02-29", ZoneOffset.UTC).orElseThrow());
    }
}
