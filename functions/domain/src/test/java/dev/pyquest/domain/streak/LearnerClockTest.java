package dev.pyquest.domain.streak;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LearnerClockTest {
    static LocalDate today(String instant, String zone) {
        return LearnerClock.today(Clock.fixed(Instant.parse(instant), ZoneOffset.UTC), zone);
    }

    @ParameterizedTest(name = "{0} in {1} is {2}")
    @CsvSource({
            // the brief's example
            "2026-11-23T23:30:00Z, Europe/Paris, 2026-11-24",
            "2026-11-23T23:30:00Z, America/New_York, 2026-11-23",
            "2026-11-23T23:30:00Z, UTC, 2026-11-23",
            "2026-11-23T10:00:00Z, Pacific/Kiritimati, 2026-11-24",
            "2026-11-23T10:59:59Z, Pacific/Pago_Pago, 2026-11-22",
            // America/New_York, DST starts 2026-03-08 02:00 local (07:00Z)
            "2026-03-08T04:59:59Z, America/New_York, 2026-03-07",
            "2026-03-08T05:00:00Z, America/New_York, 2026-03-08",
            "2026-03-09T03:59:59Z, America/New_York, 2026-03-08",
            "2026-03-09T04:00:00Z, America/New_York, 2026-03-09",   // midnight EDT; EST would still say 03-08
            // Europe/Paris, DST ends 2026-10-25 03:00 CEST -> 02:00 CET (01:00Z)
            "2026-10-24T21:59:59Z, Europe/Paris, 2026-10-24",
            "2026-10-24T22:00:00Z, Europe/Paris, 2026-10-25",
            "2026-10-25T22:30:00Z, Europe/Paris, 2026-10-25",        // 23:30 CET; CEST would say 10-26
            "2026-10-25T23:00:00Z, Europe/Paris, 2026-10-26",
            // Pacific/Apia skipped 2011-12-30: 2011-12-29 24:00 (-10:00) became 2011-12-31 00:00 (+14:00)
            "2011-12-30T09:59:59Z, Pacific/Apia, 2011-12-29",
            "2011-12-30T10:00:00Z, Pacific/Apia, 2011-12-31",
            // America/Sao_Paulo, DST started 2015-10-18 at midnight: 00:00 -> 01:00 (03:00Z)
            "2015-10-18T02:59:59Z, America/Sao_Paulo, 2015-10-17",
            "2015-10-18T03:00:00Z, America/Sao_Paulo, 2015-10-18",
            "2015-10-19T01:59:59Z, America/Sao_Paulo, 2015-10-18",
            "2015-10-19T02:00:00Z, America/Sao_Paulo, 2015-10-19",   // midnight BRST; BRT would still say 10-18
    })
    void todayIsTheServerClockInTheStoredZone(String instant, String zone, LocalDate expected) {
        assertEquals(expected, today(instant, zone));
    }

    @Test
    void apiaNeverHadA30thOfDecember2011() {
        Instant t = Instant.parse("2011-12-29T00:00:00Z");
        Instant end = Instant.parse("2012-01-02T00:00:00Z");
        boolean sawDec31 = false;
        for (; t.isBefore(end); t = t.plusSeconds(600)) {
            LocalDate d = LearnerClock.today(Clock.fixed(t, ZoneOffset.UTC), "Pacific/Apia");
            assertNotEquals(LocalDate.of(2011, 12, 30), d, t.toString());
            sawDec31 |= d.equals(LocalDate.of(2011, 12, 31));
        }
        assertTrue(sawDec31);
    }

    @Test
    void theServerClocksOwnZoneDoesNotMatter() {
        Instant t = Instant.parse("2026-11-23T23:30:00Z");
        for (String serverZone : new String[]{"UTC", "Asia/Tokyo", "America/Los_Angeles", "Pacific/Kiritimati"}) {
            Clock c = Clock.fixed(t, ZoneId.of(serverZone));
            assertEquals(LocalDate.of(2026, 11, 24), LearnerClock.today(c, "Europe/Paris"), serverZone);
            assertEquals(LocalDate.of(2026, 11, 23), LearnerClock.today(c, "America/New_York"), serverZone);
        }
    }

    @Test
    void aRefusedStoredZoneFallsBackToUtc() {
        // documented behaviour: an unusable stored zone means UTC, never the client's or the server's zone
        Clock c = Clock.fixed(Instant.parse("2026-11-23T23:30:00Z"), ZoneId.of("Asia/Tokyo"));
        for (String z : new String[]{null, "", "+02:00", "CET", "Mars/Olympus", "Europe/Paris ", "x".repeat(100)}) {
            assertEquals(LocalDate.of(2026, 11, 23), LearnerClock.today(c, z), String.valueOf(z));
        }
        assertEquals("UTC", LearnerClock.DEFAULT_ZONE);
    }

    @Test
    void acceptsUtcAndRegionIds() {
        assertEquals(Optional.of(ZoneId.of("UTC")), LearnerClock.zone("UTC"));
        assertEquals(Optional.of(ZoneId.of("Europe/Paris")), LearnerClock.zone("Europe/Paris"));
        assertEquals(Optional.of(ZoneId.of("America/Argentina/Buenos_Aires")), LearnerClock.zone("America/Argentina/Buenos_Aires"));
        assertEquals(Optional.of(ZoneId.of("Etc/UTC")), LearnerClock.zone("Etc/UTC"));
    }

    @ParameterizedTest(name = "refuses [{0}]")
    @NullAndEmptySource
    @ValueSource(strings = {" ", "\t",
            // offsets
            "+02:00", "-05:00", "Z", "UTC+2", "UTC+02:00", "GMT+2", "+2",
            // abbreviations and POSIX-style ids without a region
            "CET", "EST", "PST", "EST5EDT", "GMT", "utc", "Utc", "UT",
            // unknown, mis-cased or padded names
            "Mars/Olympus", "Europe/Pariss", "europe/paris", "EUROPE/PARIS", " Europe/Paris", "Europe/Paris ",
            "Europe//Paris", "/", "Europe/", "../etc/passwd",
            // over-long
            "Europe/Paris/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})
    void refusesNullEmptyOffsetsAbbreviationsUnknownAndOverLongNames(String name) {
        assertEquals(Optional.empty(), LearnerClock.zone(name));
    }

    @Test
    void documentsTheEtcGmtZones() {
        // Etc/GMT+2 is an IANA name (UTC-02:00, the sign is inverted) and is accepted as such: it is not an
        // offset string, but a client can still choose a fixed offset through it.
        assertEquals(Optional.of(ZoneId.of("Etc/GMT+2")), LearnerClock.zone("Etc/GMT+2"));
        assertEquals(LocalDate.of(2026, 11, 23), today("2026-11-24T01:30:00Z", "Etc/GMT+2"));
    }
}
