package dev.touchmark.db;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CountUpsertTest {
    private static final List<CountUpsert.Column> KEYS = List.of(new CountUpsert.Column("brand_id", "BIGINT"),
            new CountUpsert.Column("scan_date", "DATE"));
    private static final List<CountUpsert.Column> COUNTS = List.of(new CountUpsert.Column("scans", "BIGINT"));

    @Test
    void postgresAddsOnConflictAndH2Merges() {
        assertEquals("INSERT INTO scan_day (brand_id, scan_date, scans) VALUES (?, ?, ?) ON CONFLICT (brand_id, scan_date)"
                + " DO UPDATE SET scans = scan_day.scans + EXCLUDED.scans", new CountUpsert(true, "scan_day", KEYS, COUNTS).sql());
        assertEquals("MERGE INTO scan_day t USING (VALUES (CAST(? AS BIGINT), CAST(? AS DATE), CAST(? AS BIGINT))) s (brand_id,"
                + " scan_date, scans) ON t.brand_id = s.brand_id AND t.scan_date = s.scan_date WHEN MATCHED THEN UPDATE SET"
                + " scans = t.scans + s.scans WHEN NOT MATCHED THEN INSERT (brand_id, scan_date, scans) VALUES (s.brand_id,"
                + " s.scan_date, s.scans)", new CountUpsert(false, "scan_day", KEYS, COUNTS).sql());
    }

    @Test
    void rowsAreWrittenInKeyOrderWhateverOrderTheyCameIn() {
        List<Object[]> rows = new ArrayList<>(List.of(new Object[] {2L, LocalDate.of(2026, 1, 1), 5L},
                new Object[] {1L, LocalDate.of(2026, 3, 1), 1L}, new Object[] {1L, LocalDate.of(2026, 2, 1), 7L}));
        rows.sort(CountUpsert.byKey(2));
        assertEquals(List.of("1 2026-02-01", "1 2026-03-01", "2 2026-01-01"),
                rows.stream().map(r -> r[0] + " " + r[1]).toList());
    }
}
