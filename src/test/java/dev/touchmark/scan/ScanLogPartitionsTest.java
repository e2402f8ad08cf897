package dev.touchmark.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.touchmark.scan.ScanLogPartitions.Partition;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ScanLogPartitionsTest {
    @Test
    void aMonthsPartitionStartsAtTheFirstIdAScanOfThatMonthCanHave() {
        assertEquals(0, ScanLogPartitions.firstId(YearMonth.of(2026, 1)), "the ids' epoch is 2026-01-01");
        assertEquals(0, ScanLogPartitions.firstId(YearMonth.of(2025, 6)), "months before the epoch start at 0");
        assertEquals(31L * 86_400_000 << 22, ScanLogPartitions.firstId(YearMonth.of(2026, 2)));
        Instant lastMillisOfNovember = Instant.parse("2026-11-30T23:59:59.999Z");
        long idThen = new ScanIds(Clock.fixed(lastMillisOfNovember, ZoneOffset.UTC), new SecureRandom()).next();
        long december = ScanLogPartitions.firstId(YearMonth.of(2026, 12));
        assertTrue(idThen < december, "a scan in the last millisecond of November is in November's partition");
        long idAfter = new ScanIds(Clock.fixed(lastMillisOfNovember.plusMillis(1), ZoneOffset.UTC), new SecureRandom()).next();
        assertTrue(idAfter >= december && idAfter < ScanLogPartitions.firstId(YearMonth.of(2027, 1)));
    }

    @Test
    void partitionsAreNamedByYearAndMonth() {
        assertEquals("scan_event_y2027m03", ScanLogPartitions.monthName(YearMonth.of(2027, 3)));
    }

    @Test
    void boundsAreReadAsPostgreSqlPrintsThem() {
        Partition month = Partition.parse("scan_event_y2026m12", "FOR VALUES FROM ('123') TO ('456')");
        assertEquals(123L, month.from());
        assertEquals(456L, month.to());
        Partition upgraded = Partition.parse("scan_event_before_y2026m12", "FOR VALUES FROM (MINVALUE) TO ('456')");
        assertNull(upgraded.from());
        assertTrue(upgraded.below(456) && !upgraded.below(455), "every id it holds is below 456");
        Partition fallback = Partition.parse("scan_event_default", "DEFAULT");
        assertTrue(fallback.isDefault());
        assertFalse(fallback.below(Long.MAX_VALUE), "the default partition is never dropped");
        assertFalse(fallback.overlaps(0, 10), "nor does it stand in for a month");
        assertThrows(IllegalArgumentException.class, () -> Partition.parse("x", "FOR VALUES IN ('1')"));
    }

    @Test
    void aPartitionOverlapsTheIdsOfAMonthWhenTheyShareAnyId() {
        Partition upgraded = Partition.parse("scan_event_before_y2026m12", "FOR VALUES FROM (MINVALUE) TO ('100')");
        assertTrue(upgraded.overlaps(50, 150));
        assertTrue(upgraded.overlaps(99, 100));
        assertFalse(upgraded.overlaps(100, 200), "bounds are exclusive at the top");
        Partition open = Partition.parse("x", "FOR VALUES FROM ('100') TO (MAXVALUE)");
        assertTrue(open.overlaps(500, 600));
        assertFalse(open.below(Long.MAX_VALUE), "a partition up to MAXVALUE is never all old");
    }
}
