package dev.touchmark.scan;

import dev.touchmark.domain.ClientKind;

import dev.touchmark.domain.Shopper;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TOUCHMARK_SYNC_WRITES=true on embedded H2: the journal forces every group to the disk and every checkpoint is a
 * CHECKPOINT SYNC. The server works as without it: brands, batches and scans are written, answered and still there
 * after a restart.
 */
class SyncWritesIT {
    @Test
    void aServerThatForcesItsWritesRecordsAndKeepsEveryScan(@TempDir Path dir) throws Exception {
        TouchmarkConfig plain = TestDatabases.h2(dir);
        TouchmarkConfig config = plain.withScans(plain.scans().withSyncWrites(true));
        BatchCodes codes;
        try (App app = App.start(config, Clock.systemUTC())) {
            codes = ScanFixtures.releasedCodes(app, "gs1");
            List<CompletableFuture<VerificationResult>> answers = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                answers.add(verify(app, codes.url(i % 10)));
            }
            for (int i = 0; i < answers.size(); i++) {
                VerificationResult answer = answers.get(i).get(10, TimeUnit.SECONDS);
                assertEquals(Verdict.GENUINE, answer.verdict(), "scan " + i + ": the same phone again");
                assertEquals(i / 10 + 1, answer.scanCount(), "scan " + i);
            }
        }
        try (App app = App.start(config, Clock.systemUTC())) {
            assertEquals(40, app.services().database().dsl().fetchCount(DSL.table("scan_event")));
            VerificationResult fifth = verify(app, codes.url(3)).get(10, TimeUnit.SECONDS);
            assertEquals(5, fifth.scanCount(), "four before the restart, and this one");
        }
    }

    private static CompletableFuture<VerificationResult> verify(App app, String url) {
        return app.scanServices().verification().verify(new ScanInput(url,
                new Shopper("AAAAAAAAAAAAAAAAAAAAAAAAAA", "FR", null, "hash", ClientKind.API)));
    }
}
