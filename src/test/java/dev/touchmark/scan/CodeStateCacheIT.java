package dev.touchmark.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.touchmark.App;
import dev.touchmark.code.BatchCodes;
import dev.touchmark.config.TouchmarkConfig;
import dev.touchmark.testsupport.ScanFixtures;
import dev.touchmark.testsupport.TestDatabases;
import dev.touchmark.verify.ScanInput;
import dev.touchmark.verify.Verdict;
import dev.touchmark.verify.VerificationResult;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import org.jooq.Record2;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On embedded H2 the scan writer keeps the states of the codes it recorded in memory instead of reading them back
 * for every group. What it keeps must be what was committed: counts go on across groups and restarts exactly as the
 * tables say, and a group that fails leaves nothing of itself behind, neither in the tables nor in memory.
 */
class CodeStateCacheIT {
    private static final String PHONE_A = "AAAAAAAAAAAAAAAAAAAAAAAAAA";
    private static final String PHONE_B = "BBBBBBBBBBBBBBBBBBBBBBBBBB";
    private static final String PHONE_C = "CCCCCCCCCCCCCCCCCCCCCCCCCC";

    @Test
    void aFailedGroupLeavesNoCountBehindAndCountsGoOnAcrossRestarts(@TempDir Path dir) throws Exception {
        TouchmarkConfig config = TestDatabases.h2(dir);
        BatchCodes codes;
        long batchId;
        try (App app = App.start(config, Clock.systemUTC())) {
            codes = ScanFixtures.releasedCodes(app, "compact");
            VerificationResult first = verify(app, codes.url(0), PHONE_A).get(10, TimeUnit.SECONDS);
            assertEquals(Verdict.GENUINE, first.verdict());
            assertEquals(1, first.scanCount());
            Record2<Long, Long> ids = app.services().database().dsl()
                    .select(DSL.field("brand_id", Long.class), DSL.field("batch_id", Long.class))
                    .from(DSL.table("scan_event")).fetchSingle();
            batchId = ids.value2();

            // Hold the store gate so that the writer waits inside a group, queue phone B's scan of the code and a
            // scan of a batch that does not exist behind it, then let go: the two form the next group, which fails
            // on the missing batch as a whole.
            ScanRecorder recorder = app.scanServices().recorder();
            Lock gate = app.services().database().storeGate();
            CompletableFuture<VerificationResult> blocker;
            CompletableFuture<VerificationResult> lost;
            CompletableFuture<RecordedScan> broken;
            gate.lock();
            try {
                blocker = verify(app, codes.url(1), PHONE_A);
                waitUntilTaken(recorder);
                lost = verify(app, codes.url(0), PHONE_B);
                broken = recorder.record(new ScanToRecord(ids.value1(), 987_654_321L, 0L, true, PHONE_C, "FR", null,
                        null, "hash", "api", "released", Set.of("FR"), null, (h, a) -> new Outcome("genuine", null)));
                waitUntilQueued(recorder, 2);
            } finally {
                gate.unlock();
            }
            assertEquals(Verdict.GENUINE, blocker.get(10, TimeUnit.SECONDS).verdict());
            assertThrows(ExecutionException.class, () -> broken.get(10, TimeUnit.SECONDS));
            assertThrows(ExecutionException.class, () -> lost.get(10, TimeUnit.SECONDS),
                    "phone B's scan was in the failed group, so it got no verdict");

            VerificationResult again = verify(app, codes.url(0), PHONE_B).get(10, TimeUnit.SECONDS);
            assertEquals(Verdict.SEEN_BEFORE, again.verdict());
            assertEquals(2, again.scanCount(), "the failed group's scan of the code is not counted");
            assertEquals(2, again.deviceCount());
            VerificationResult third = verify(app, codes.url(0), PHONE_A).get(10, TimeUnit.SECONDS);
            assertEquals(3, third.scanCount());
            assertEquals(2, third.deviceCount(), "phone A was already counted");
            assertStored(app, batchId, 0, 3, 2);
        }
        try (App app = App.start(config, Clock.systemUTC())) {
            VerificationResult afterRestart = verify(app, codes.url(0), PHONE_C).get(10, TimeUnit.SECONDS);
            assertEquals(4, afterRestart.scanCount(), "read back from the tables after a restart");
            assertEquals(3, afterRestart.deviceCount());
            VerificationResult next = verify(app, codes.url(0), PHONE_C).get(10, TimeUnit.SECONDS);
            assertEquals(5, next.scanCount());
            assertEquals(3, next.deviceCount());
            assertStored(app, batchId, 0, 5, 3);
            assertStored(app, batchId, 1, 1, 1);
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

    private static void waitUntilTaken(ScanRecorder recorder) throws InterruptedException {
        for (int i = 0; i < 500 && recorder.stats().queued() > 0; i++) {
            Thread.sleep(10);
        }
        Thread.sleep(100); // the writer has the scan in hand and waits for the gate
    }

    private static void waitUntilQueued(ScanRecorder recorder, int scans) throws InterruptedException {
        for (int i = 0; i < 500 && recorder.stats().queued() < scans; i++) {
            Thread.sleep(10);
        }
        assertEquals(scans, recorder.stats().queued());
    }

    private static CompletableFuture<VerificationResult> verify(App app, String url, String device) {
        return app.scanServices().verification().verify(new ScanInput(url, device, "FR", null, null, "hash", "api"));
    }
}
