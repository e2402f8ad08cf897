package dev.touchmark.scan;

import dev.touchmark.domain.BatchStatus;

import dev.touchmark.domain.CodeRef;

import dev.touchmark.domain.ClientKind;

import dev.touchmark.domain.Shopper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.touchmark.App;
import dev.touchmark.code.BatchCodes;
import dev.touchmark.config.TouchmarkConfig;
import dev.touchmark.testsupport.ScanFixtures;
import dev.touchmark.testsupport.TestDatabases;
import dev.touchmark.verify.ScanInput;
import dev.touchmark.domain.Verdict;
import dev.touchmark.verify.VerificationResult;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.jooq.Record2;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One scan that cannot be recorded never fails other shoppers' scans: queued together with a scan the database
 * refuses (its batch does not exist), every other scan is recorded and answered, and the code states count exactly
 * the scans that were recorded, across restarts too (they are read from the tables, never kept by the node).
 */
class FailureIsolationIT {
    private static final String PHONE_A = "AAAAAAAAAAAAAAAAAAAAAAAAAA";
    private static final String PHONE_C = "CCCCCCCCCCCCCCCCCCCCCCCCCC";

    @Test
    void aScanTheDatabaseRefusesFailsAloneOnH2(@TempDir Path dir) throws Exception {
        check(TestDatabases.h2(dir), true);
    }

    @Test
    void aScanTheDatabaseRefusesFailsAloneOnPostgres(@TempDir Path dir) throws Exception {
        try (TestDatabases.Postgres pg = TestDatabases.postgres(dir)) {
            check(pg.config(), false);
        }
    }

    private static void check(TouchmarkConfig config, boolean restart) throws Exception {
        BatchCodes codes;
        long batchId;
        try (App app = App.start(config, Clock.systemUTC())) {
            codes = ScanFixtures.releasedCodes(app, "compact");
            assertEquals(Verdict.GENUINE, verify(app, codes.url(0), PHONE_A).get(10, TimeUnit.SECONDS).verdict());
            Record2<Long, Long> ids = app.services().database().dsl()
                    .select(DSL.field("brand_id", Long.class), DSL.field("batch_id", Long.class))
                    .from(DSL.table("scan_event")).fetchSingle();
            batchId = ids.value2();
            ScanRecorder recorder = app.scanServices().recorder();
            long failedBefore = recorder.stats().failed();

            // Queued in one go, so they share groups with the refused scan in the middle.
            List<CompletableFuture<VerificationResult>> good = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                good.add(verify(app, codes.url(1 + i % 5), "PHONE" + String.format("%021d", i)));
            }
            CompletableFuture<RecordedScan> refused = recorder.record(ScanToRecord.tracked(ids.value1(),
                    new CodeRef(987_654_321L, 0L), BatchStatus.RELEASED, Set.of("FR"),
                    new Shopper(PHONE_C, "FR", null, "hash", ClientKind.API), (h, a) -> new Outcome(Verdict.GENUINE, null)));
            for (int i = 40; i < 80; i++) {
                good.add(verify(app, codes.url(1 + i % 5), "PHONE" + String.format("%021d", i)));
            }
            assertThrows(ExecutionException.class, () -> refused.get(30, TimeUnit.SECONDS));
            for (CompletableFuture<VerificationResult> scan : good) {
                assertTrue(scan.get(30, TimeUnit.SECONDS).scanCount() > 0, "a scan queued beside the refused one was answered");
            }
            assertEquals(failedBefore + 1, recorder.stats().failed(), "only the refused scan failed");
            for (int index = 1; index <= 5; index++) {
                assertStored(app, batchId, index, 16, 16);
            }
            assertStored(app, batchId, 0, 1, 1);
        }
        if (!restart) {
            return;
        }
        try (App app = App.start(config, Clock.systemUTC())) {
            VerificationResult afterRestart = verify(app, codes.url(0), PHONE_C).get(10, TimeUnit.SECONDS);
            assertEquals(2, afterRestart.scanCount(), "read back from the tables after a restart");
            assertEquals(2, afterRestart.deviceCount());
            assertStored(app, batchId, 0, 2, 2);
        }
    }

    private static void assertStored(App app, long batchId, long index, long scans, int devices) {
        Record2<Long, Integer> row = app.services().database().dsl()
                .select(DSL.field("scan_count", Long.class), DSL.field("device_count", Integer.class))
                .from(DSL.table("code_state")).where(DSL.field("batch_id").eq(batchId))
                .and(DSL.field("code_index").eq(index)).fetchSingle();
        assertEquals(scans, row.value1(), "scan_count of code " + index);
        assertEquals(devices, row.value2(), "device_count of code " + index);
        assertEquals(scans, app.services().database().dsl().fetchCount(DSL.table("scan_event"),
                DSL.field("batch_id").eq(batchId).and(DSL.field("code_index").eq(index))), "scan events of code " + index);
    }

    private static CompletableFuture<VerificationResult> verify(App app, String url, String device) {
        // Each phone on a network of its own: phones sharing one would be one household's.
        return app.scanServices().verification().verify(new ScanInput(url, new Shopper(device, "FR", null,
                new StringBuilder(device).reverse().toString(), ClientKind.API)));
    }
}
