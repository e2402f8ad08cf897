package dev.touchmark.scan;

import dev.touchmark.domain.ClientKind;

import dev.touchmark.domain.Shopper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.touchmark.App;
import dev.touchmark.code.BatchCodes;
import dev.touchmark.config.TouchmarkConfig;
import dev.touchmark.testsupport.ScanFixtures;
import dev.touchmark.testsupport.TestDatabases;
import dev.touchmark.verify.ScanInput;
import dev.touchmark.verify.VerificationResult;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.jooq.impl.DSL;

/**
 * On embedded H2, with more writes at once than the pool has connections (16) while scans are recorded, everything
 * must still go through: each of those writes is a commit that writes the file (WRITE_DELAY=0), beside the scan
 * writer's groups. (Before, a gate the scan writer held for its groups and these writes waited for could stall both.)
 */
class ConcurrentWritesIT {
    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void manyOtherWritesAtOnceDoNotStallTheScanWriter(@TempDir Path dir) throws Exception {
        TouchmarkConfig config = TestDatabases.h2(dir);
        try (App app = App.start(config, Clock.systemUTC())) {
            BatchCodes codes = ScanFixtures.releasedCodes(app, "compact");
            String first = verify(app, codes.url(0)).get(10, TimeUnit.SECONDS).scanId();
            ExecutorService reporters = Executors.newFixedThreadPool(40);
            try {
                List<Future<?>> reports = new ArrayList<>();
                for (int t = 0; t < 40; t++) {
                    int thread = t;
                    reports.add(reporters.submit(() -> {
                        for (int i = 0; i < 10; i++) {
                            app.scanServices().reports().report(first, "shop " + thread, null, "report " + thread + "/" + i);
                        }
                        return null;
                    }));
                }
                List<CompletableFuture<VerificationResult>> scans = new ArrayList<>();
                for (int i = 0; i < 400; i++) {
                    scans.add(verify(app, codes.url(i % codes.quantity())));
                }
                for (CompletableFuture<VerificationResult> scan : scans) {
                    assertTrue(scan.get(30, TimeUnit.SECONDS).scanId() != null, "every scan is recorded");
                }
                for (Future<?> report : reports) {
                    report.get(30, TimeUnit.SECONDS);
                }
            } finally {
                reporters.shutdownNow();
            }
            assertEquals(400, app.services().database().dsl().fetchCount(DSL.table("shopper_report")), "every report is stored");
        }
    }

    private static CompletableFuture<VerificationResult> verify(App app, String url) {
        return app.scanServices().verification().verify(new ScanInput(url, new Shopper(null, "FR", null, "gate-test", ClientKind.API)));
    }
}
