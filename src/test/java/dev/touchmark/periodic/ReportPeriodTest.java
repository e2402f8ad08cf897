package dev.touchmark.periodic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.touchmark.error.ValidationException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

class ReportPeriodTest {
    @Test
    void aWeekRunsFromMondayToSundayAndAMonthOverItsCalendarDays() {
        ReportPeriod week = ReportPeriod.of(PeriodKind.WEEKLY, LocalDate.of(2026, 11, 30));
        assertEquals(LocalDate.of(2026, 12, 7), week.endExclusive());
        assertEquals(LocalDate.of(2026, 12, 6), week.lastDay());
        ReportPeriod february = ReportPeriod.of(PeriodKind.MONTHLY, LocalDate.of(2028, 2, 1));
        assertEquals(LocalDate.of(2028, 2, 29), february.lastDay(), "a leap year's February");
        assertEquals(OffsetDateTime.parse("2028-03-01T00:00Z"), february.endsAt());
    }

    @Test
    void theContainingPeriodStartsOnItsMondayOrItsFirstEvenAcrossAYear() {
        assertEquals(LocalDate.of(2026, 12, 28), PeriodKind.WEEKLY.startOf(LocalDate.of(2027, 1, 3)));
        assertEquals(LocalDate.of(2027, 1, 4), PeriodKind.WEEKLY.startOf(LocalDate.of(2027, 1, 4)));
        assertEquals(LocalDate.of(2027, 1, 1), PeriodKind.MONTHLY.startOf(LocalDate.of(2027, 1, 31)));
        assertEquals(ReportPeriod.of(PeriodKind.MONTHLY, LocalDate.of(2026, 12, 1)),
                ReportPeriod.of(PeriodKind.MONTHLY, LocalDate.of(2027, 1, 1)).previous());
        assertEquals(ReportPeriod.of(PeriodKind.WEEKLY, LocalDate.of(2026, 12, 28)),
                ReportPeriod.of(PeriodKind.WEEKLY, LocalDate.of(2027, 1, 4)).previous());
    }

    @Test
    void aPeriodHasEndedOnlyFromMidnightUtcAfterItsLastDay() {
        ReportPeriod week = ReportPeriod.of(PeriodKind.WEEKLY, LocalDate.of(2026, 11, 30));
        assertFalse(week.endedBy(OffsetDateTime.parse("2026-12-06T23:59:59Z")));
        assertFalse(week.endedBy(OffsetDateTime.parse("2026-12-07T00:59:59+01:00")), "still the 6th in UTC");
        assertTrue(week.endedBy(OffsetDateTime.parse("2026-12-07T00:00Z")));
    }

    @Test
    void aMalformedOrMisalignedPeriodIsRefusedWithTheFieldToFix() {
        assertEquals("kind", field(() -> PeriodicReportService.parse("daily", "2026-11-30")));
        assertEquals("kind", field(() -> PeriodicReportService.parse(null, "2026-11-30")));
        assertEquals("start", field(() -> PeriodicReportService.parse("weekly", "2026-11-31")));
        assertEquals("start", field(() -> PeriodicReportService.parse("weekly", null)));
        ValidationException sunday = assertThrows(ValidationException.class, () -> PeriodicReportService.parse("weekly", "2026-12-06"));
        assertTrue(sunday.getMessage().contains("2026-11-30"), sunday.getMessage());
        assertEquals("start", field(() -> PeriodicReportService.parse("monthly", "2026-12-02")));
        assertEquals(ReportPeriod.of(PeriodKind.MONTHLY, LocalDate.of(2026, 12, 1)), PeriodicReportService.parse("monthly", "2026-12-01"));
        assertThrows(IllegalArgumentException.class, () -> ReportPeriod.of(PeriodKind.WEEKLY, LocalDate.of(2026, 12, 1)));
    }

    private static String field(Runnable call) {
        return assertThrows(ValidationException.class, call::run).errors().get(0).field();
    }
}
