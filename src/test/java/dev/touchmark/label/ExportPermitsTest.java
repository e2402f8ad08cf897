package dev.touchmark.label;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import org.junit.jupiter.api.Test;

class ExportPermitsTest {
    private static final long BRAND_A = 1;
    private static final long BRAND_B = 2;
    private static final long BRAND_C = 3;

    @Test
    void aBrandAtItsCapIsRefusedWhileAnotherBrandStillGetsASlot() {
        var permits = new ExportPermits(3, 2);
        permits.acquire(BRAND_A);
        permits.acquire(BRAND_A);
        var busy = assertThrows(ExportPermits.ExportsBusy.class, () -> permits.acquire(BRAND_A));
        assertTrue(busy.getMessage().contains("this brand already has 2 label exports running"), busy.getMessage());
        assertTrue(busy.getMessage().contains("try again"), busy.getMessage());
        assertEquals(ExportPermits.RETRY_AFTER_SECONDS, busy.retryAfterSeconds());
        permits.acquire(BRAND_B);
        assertEquals(3, permits.running());
    }

    @Test
    void theInstallationCapRefusesEveryBrandOnceReached() {
        var permits = new ExportPermits(2, 1);
        permits.acquire(BRAND_A);
        permits.acquire(BRAND_B);
        var busy = assertThrows(ExportPermits.ExportsBusy.class, () -> permits.acquire(BRAND_C));
        assertTrue(busy.getMessage().contains("the server is busy with other label exports"), busy.getMessage());
        assertEquals(0, permits.running(BRAND_C), "a refused export holds nothing");
        assertEquals(2, permits.running());
    }

    @Test
    void closingAPermitFreesItsSlotOnceHoweverOftenItIsClosed() {
        var permits = new ExportPermits(2, 1);
        var first = permits.acquire(BRAND_A);
        first.close();
        first.close();
        assertEquals(0, permits.running(BRAND_A));
        var second = permits.acquire(BRAND_A);
        permits.acquire(BRAND_B);
        assertThrows(ExportPermits.ExportsBusy.class, () -> permits.acquire(BRAND_C),
                "a permit closed twice did not free two slots");
        second.close();
        permits.acquire(BRAND_C);
    }

    @Test
    void anExportThatFailsReleasesItsPermitThroughTryWithResources() {
        var permits = new ExportPermits(1, 1);
        try (RenderPool pool = new RenderPool(1)) {
            var exporter = new BatchExporter(TestLabels.source(), pool);
            assertThrows(IOException.class, () -> {
                try (var permit = permits.acquire(BRAND_A)) {
                    exporter.writeCsv(0, 1_000_000, new BrokenStream());
                }
            });
            var failingSource = new BatchExporter(index -> {
                throw new IllegalStateException("signing key unavailable");
            }, pool);
            assertThrows(IllegalStateException.class, () -> {
                try (var permit = permits.acquire(BRAND_A)) {
                    failingSource.writeCsv(0, 10, OutputStream.nullOutputStream());
                }
            });
        }
        assertEquals(0, permits.running());
        permits.acquire(BRAND_B).close();
    }

    @Test
    void capsBelowOneAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new ExportPermits(0, 1));
        assertThrows(IllegalArgumentException.class, () -> new ExportPermits(1, 0));
    }

    /** A stream whose client has gone. */
    private static final class BrokenStream extends OutputStream {
        @Override
        public void write(int b) throws IOException {
            throw new IOException("client went away");
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            throw new IOException("client went away");
        }
    }
}
