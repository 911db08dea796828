package dev.pyquest.domain.quests;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.LocalDate;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QuestRefTest {
    @Test
    void idsNameThePeriodAndTheQuestAndParseBack() {
        QuestRef d = QuestRef.of(QuestPeriod.day(LocalDate.parse("2026-11-24"), ZoneOffset.UTC), "pass-3");
        assertEquals("daily:2026-11-24:pass-3", d.toString());
        assertEquals(d, QuestRef.parse("daily:2026-11-24:pass-3").orElseThrow());
        QuestRef w = QuestRef.of(QuestPeriod.parseWeek("2026-W48").orElseThrow(), "weekly-10-passes");
        assertEquals("weekly:2026-W48:weekly-10-passes", w.toString());
        assertEquals(new QuestRef(QuestPeriod.Kind.WEEKLY, "2026-W48", "weekly-10-passes"), QuestRef.parse(w.toString()).orElseThrow());
    }

    @ParameterizedTest
    @ValueSource(strings = {"pass-3", "daily:2026-11-24", "daily:2026-11-24:", "daily:2026-W48:pass-3", "weekly:2026-11-24:pass-3",
            "Daily:2026-11-24:pass-3", "daily:2026-11-24:Pass-3", "daily:2026-11-24:pass-3:x", "daily:2026-11-24:pass--3",
            "daily 2026-11-24 pass-3", "monthly:2026-11:pass-3", ""})
    void otherShapesAreRefused(String id) {
        assertTrue(QuestRef.parse(id).isEmpty(), id);
    }

    @Test
    void overlongIdsAreRefused() {
        assertTrue(QuestRef.parse("daily:2026-11-24:" + "a".repeat(200)).isEmpty());
        assertTrue(QuestRef.parse(null).isEmpty());
    }
}
