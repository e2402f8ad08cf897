package dev.touchmark.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.touchmark.db.Database;
import dev.touchmark.testsupport.TestDatabases;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Retention on embedded H2, where the scan log is one plain table: scans older than the period are deleted, row by row. */
class RetentionJobIT {
    @Test
    void scansOlderThanTheRetentionPeriodAreDeletedAndTheRestKept(@TempDir Path dir) {
        Instant now = Instant.parse("2027-06-15T12:00:00Z");
        Duration retention = Duration.ofDays(30);
        Instant cutoff = now.minus(retention);
        try (Database database = Database.open(TestDatabases.h2(dir), 2)) {
            DSLContext dsl = database.dsl();
            List<Long> old = List.of(ScanIds.firstIdAt(Instant.parse("2026-02-01T00:00:00Z").toEpochMilli()),
                    ScanIds.firstIdAt(cutoff.toEpochMilli() - 1) | 5);
            List<Long> kept = List.of(ScanIds.firstIdAt(cutoff.toEpochMilli()), ScanIds.firstIdAt(now.toEpochMilli()));
            for (long id : old) {
                insert(dsl, id);
            }
            for (long id : kept) {
                insert(dsl, id);
            }
            long deleted;
            try (RetentionJob job = new RetentionJob(new ScanRepository(dsl, false), Clock.fixed(now, ZoneOffset.UTC), retention)) {
                deleted = job.runOnce();
            }
            assertEquals(old.size(), deleted);
            assertEquals(kept, dsl.select(DSL.field("id", Long.class)).from("scan_event").orderBy(DSL.field("id")).fetch(0, Long.class));
        }
    }

    private static void insert(DSLContext dsl, long id) {
        dsl.execute("INSERT INTO scan_event (id, scanned_at, verdict, client_kind) VALUES (?, CURRENT_TIMESTAMP, 'genuine', 'page')", id);
    }
}
