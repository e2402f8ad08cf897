package dev.touchmark.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.touchmark.App;
import dev.touchmark.access.Principal;
import dev.touchmark.batch.Batch;
import dev.touchmark.batch.NewBatch;
import dev.touchmark.config.ExportSettings;
import dev.touchmark.domain.BatchStatus;
import dev.touchmark.product.NewProduct;
import dev.touchmark.testsupport.HeldDownload;
import dev.touchmark.testsupport.Http;
import dev.touchmark.testsupport.TestDatabases;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * CSV exports (scans, alerts, reports) are capped like label exports, and counted apart from them: with one permit, a
 * second CSV export is answered 429 with Retry-After and a problem document, and gets its file once the first has
 * ended, read to its end or left by its client. The first export is held open by a client that reads its head and
 * then nothing ({@link HeldDownload}): a brand with far more scan rows than the socket buffers hold cannot finish
 * unread, so the exports overlap for as long as the test needs, without any timing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CsvExportLimitsIT {
    /** About 90 bytes a row: some 7 MB, far more than the socket and the server's buffers hold. */
    private static final int SCANS = 80_000;
    private App app;
    private Http http;
    private Brand large;
    private Brand empty;

    private record Brand(long id, String apiKey, long batchId) {
    }

    @BeforeAll
    void startServer() throws IOException {
        var config = TestDatabases.h2(Files.createTempDirectory("touchmark-csv-exports-"))
                .withExports(new ExportSettings(1, 1, 1));
        app = App.start(config, Clock.systemUTC());
        http = new Http(app.port());
        large = brand(SCANS);
        empty = brand(10);
        loadScans(large, SCANS);
    }

    @AfterAll
    void stopServer() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void aCsvExportOverTheCapGets429UntilTheRunningOneEndsWhetherReadToItsEndOrLeft() throws Exception {
        try (HeldDownload held = HeldDownload.open(app.port(), "/api/v1/exports/scans.csv", large.apiKey())) {
            assertEquals(200, held.status(), held.head());
            assertBusy(http.get("/api/v1/exports/reports.csv", empty.apiKey()), "the server is busy with other CSV exports");
            assertBusy(http.get("/api/v1/exports/alerts.csv", large.apiKey()), "this brand already has 1 CSV export running");
            assertBusy(http.get("/api/v1/exports/scans.csv?batchId=" + empty.batchId(), empty.apiKey()),
                    "the server is busy with other CSV exports");
            Http.Response labels = http.get("/api/v1/batches/" + large.batchId() + "/labels?format=csv&count=2",
                    large.apiKey());
            assertEquals(200, labels.status(), "label exports have permits of their own: " + labels.text());

            String csv = new String(held.readRestOfChunkedBody(), StandardCharsets.UTF_8);
            assertEquals(SCANS + 1, csv.split("\r\n").length, "the held export, read to its end, is whole");
        }
        Http.Response reports = untilNotBusy("/api/v1/exports/reports.csv", empty.apiKey());
        assertEquals(200, reports.status(), reports.text());
        assertEquals(String.join(",", ExportService.REPORT_COLUMNS), reports.text().strip(), "the header row, no reports");

        try (HeldDownload left = HeldDownload.open(app.port(), "/api/v1/exports/scans.csv", large.apiKey())) {
            assertEquals(200, left.status(), left.head());
            left.readSomeBody();
            assertBusy(http.get("/api/v1/exports/alerts.csv", empty.apiKey()), "the server is busy with other CSV exports");
        }
        // The client went away mid-export; its permit comes back once the server notices (its next write fails).
        Http.Response alerts = untilNotBusy("/api/v1/exports/alerts.csv", empty.apiKey());
        assertEquals(200, alerts.status(), alerts.text());
        assertTrue(alerts.text().startsWith(String.join(",", ExportService.ALERT_COLUMNS)), alerts.text());
    }

    private static void assertBusy(Http.Response r, String detail) {
        assertEquals(429, r.status(), "an export over the cap is refused before it starts: " + r.text());
        assertEquals("10", r.header("Retry-After"));
        assertTrue(r.header("Content-Type").startsWith("application/problem+json"), r.header("Content-Type"));
        JsonNode problem = r.json();
        assertEquals("Exports busy", problem.get("title").asText());
        assertEquals(429, problem.get("status").asInt());
        assertNotNull(problem.get("type"));
        assertTrue(problem.get("detail").asText().contains(detail), problem.toString());
        assertTrue(problem.get("detail").asText().contains("try again in 10 s"), problem.toString());
    }

    /**
     * The export, asked again while the answer is 429: the permit is released just after the last byte is sent, and how
     * long the server takes to see that a client has gone depends on the machine, so there is no time limit here, only a
     * bound on attempts (a leaked permit would be busy for ever).
     */
    private Http.Response untilNotBusy(String path, String apiKey) throws InterruptedException {
        Http.Response r = null;
        for (int attempt = 0; attempt < 600; attempt++) {
            r = http.get(path, apiKey);
            if (r.status() != 429) {
                return r;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the export permit was never freed: " + r.text());
    }

    private Brand brand(long codes) {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        var created = app.services().brands().create("CSV exports " + suffix, "csv-" + suffix + "@brand.example");
        Principal principal = new Principal(created.brand().id(), "test");
        var product = app.services().products().create(principal,
                new NewProduct("Serum", "4006381333931", "A serum.", null, List.of("FR")));
        Batch batch = app.services().batches().create(principal,
                new NewBatch(product.id(), codes, "L-1", null, null, "compact"));
        batch = app.services().batches().changeStatus(principal, batch.id(), BatchStatus.RELEASED, null);
        return new Brand(created.brand().id(), created.apiKey(), batch.id());
    }

    /** One scan of each code, written in bulk as the scan writer would have written them, over the last hour. */
    private void loadScans(Brand brand, int scans) {
        OffsetDateTime start = OffsetDateTime.now(ZoneOffset.UTC).minusHours(1);
        // Scan ids are time-ordered: milliseconds since 2026-01-01 above 22 bits of sequence.
        long millis = start.toInstant().toEpochMilli() - OffsetDateTime.parse("2026-01-01T00:00:00Z").toInstant().toEpochMilli();
        app.services().database().dsl().connection(connection -> {
            connection.setAutoCommit(false);
            try (PreparedStatement event = connection.prepareStatement("INSERT INTO scan_event (id, scanned_at, brand_id,"
                    + " batch_id, code_index, verdict, device_id, country, client_kind, risk)"
                    + " VALUES (?, ?, ?, ?, ?, 'genuine', ?, 'FR', 'page', 0)")) {
                for (int n = 0; n < scans; n++) {
                    event.setLong(1, (millis + n / 100) << 22 | n);
                    event.setObject(2, start.plusNanos(n / 100 * 1_000_000L));
                    event.setLong(3, brand.id());
                    event.setLong(4, brand.batchId());
                    event.setLong(5, n);
                    event.setString(6, "D" + String.format("%025d", n % 1000));
                    event.addBatch();
                }
                event.executeBatch();
                connection.commit();
            }
        });
    }
}
