package dev.touchmark.scan;

import dev.touchmark.domain.NotGenuineReason;

import dev.touchmark.domain.ClientKind;

import dev.touchmark.domain.Shopper;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.touchmark.App;
import dev.touchmark.config.TouchmarkConfig;
import dev.touchmark.testsupport.TestDatabases;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Detection runs in a savepoint of the scan writer's transaction: when a rule fails part-way, what it wrote is undone,
 * the group's scans are still recorded and answered, and the next group is judged as usual. On PostgreSQL, too,
 * where a failed statement would otherwise leave the whole transaction unusable.
 */
class DetectionFailureIT {
    private static final LocalDate MARKER_DAY = LocalDate.of(2001, 1, 1);

    @Test
    void aFailingRuleLosesNoScanOnH2(@TempDir Path dir) throws Exception {
        check(TestDatabases.h2(dir));
    }

    @Test
    void aFailingRuleLosesNoScanOnPostgres(@TempDir Path dir) throws Exception {
        try (TestDatabases.Postgres pg = TestDatabases.postgres(dir)) {
            check(pg.config());
        }
    }

    private static void check(TouchmarkConfig config) throws Exception {
        try (App app = App.start(config, Clock.systemUTC())) {
            long brandId = app.services().brands().create("Savepoint brand", "savepoint@brand.example").brand().id();
            DSLContext dsl = app.services().database().dsl();
            boolean postgres = app.services().database().isPostgres();
            AtomicInteger calls = new AtomicInteger();
            ScanJudge failsFirst = new ScanJudge() {
                @Override
                public Assessment assess(ScanToRecord scan, CodeHistory history, long scanId, OffsetDateTime now) {
                    return Assessment.CLEAN;
                }

                @Override
                public void afterWrite(List<Judged> group, OffsetDateTime now) {
                    dsl.insertInto(DSL.table("unreadable_scan_count"), DSL.field("scan_day"), DSL.field("scans"))
                            .values(MARKER_DAY.plusDays(calls.get()), 1L).execute();
                    if (calls.getAndIncrement() == 0) {
                        // A failed statement, as a broken rule would make: on PostgreSQL it aborts the transaction.
                        dsl.execute("SELECT * FROM no_such_table");
                    }
                }
            };
            try (ScanRecorder recorder = new ScanRecorder(new ScanRepository(dsl, postgres), failsFirst, Clock.systemUTC(), 100)) {
                RecordedScan first = recorder.record(scan(brandId)).get(10, TimeUnit.SECONDS);
                RecordedScan second = recorder.record(scan(brandId)).get(10, TimeUnit.SECONDS);
                assertEquals(2, calls.get(), "both groups were judged");
                for (RecordedScan r : List.of(first, second)) {
                    assertEquals(1, dsl.fetchCount(DSL.table("scan_event"), DSL.field("id").eq(r.scanId())),
                            "scan " + r.scanId() + " is recorded");
                }
                assertEquals(0, dsl.fetchCount(DSL.table("unreadable_scan_count"), DSL.field("scan_day").eq(MARKER_DAY)),
                        "what the failed rule wrote is undone");
                assertEquals(1, dsl.fetchCount(DSL.table("unreadable_scan_count"),
                        DSL.field("scan_day").eq(MARKER_DAY.plusDays(1))), "what the rule wrote for the next group stays");
                assertEquals(2L, dsl.select(DSL.sum(DSL.field("scans", Long.class))).from(DSL.table("scan_day"))
                        .where(DSL.field("brand_id").eq(brandId)).fetchOne(0, Long.class),
                        "the dashboard's counts hold both scans, the one whose rule failed too");
            }
        }
    }

    private static ScanToRecord scan(long brandId) {
        return ScanToRecord.notGenuine(brandId, null, null, NotGenuineReason.BAD_SIGNATURE,
                new Shopper(null, null, null, "hash", ClientKind.API));
    }
}
