package dev.touchmark.label;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.touchmark.App;
import dev.touchmark.access.Principal;
import dev.touchmark.batch.Batch;
import dev.touchmark.domain.BatchStatus;
import dev.touchmark.batch.NewBatch;
import dev.touchmark.config.ExportSettings;
import dev.touchmark.product.NewProduct;
import dev.touchmark.testsupport.HeldDownload;
import dev.touchmark.testsupport.Http;
import dev.touchmark.testsupport.TestDatabases;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Label exports are capped per brand and per installation: one over a cap is answered 429 at once, and a slot
 * comes back when its export ends, also when the client goes away mid-stream. An export is held open by a client
 * that reads the answer's head and then nothing more ({@link HeldDownload}), so the server blocks on the full socket:
 * the exports overlap for as long as the test needs, without any timing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExportLimitsIT {
    /** Far more than the socket buffers hold: a held export cannot finish. */
    private static final long LARGE = 1_000_000;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private App app;
    private Http http;

    @BeforeAll
    void startServer() throws IOException {
        var config = TestDatabases.h2(Files.createTempDirectory("touchmark-exports-"))
                .withExports(new ExportSettings(1, 2, 1));
        app = App.start(config, Clock.systemUTC());
        http = new Http(app.port());
    }

    @AfterAll
    void stopServer() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void exportsOverTheBrandOrInstallationCapGet429AndAClientThatLeavesFreesItsSlot() throws Exception {
        BrandBatch a = brandWithBatch();
        BrandBatch b = brandWithBatch();
        BrandBatch c = brandWithBatch();

        try (HeldDownload first = HeldDownload.open(app.port(), a.labels("pdf"), a.apiKey())) {
            assertEquals(200, first.status(), first.head());
            assertBusy(a, "pdf", "this brand already has 1 label export running");

            try (HeldDownload otherBrand = HeldDownload.open(app.port(), b.labels("csv"), b.apiKey())) {
                assertEquals(200, otherBrand.status(), "another brand gets a slot under the installation cap: "
                        + otherBrand.head());
                assertBusy(c, "zpl", "the server is busy with other label exports");
                first.readSomeBody();
            }
        }
        // Both clients went away mid-export; their slots come back once the server notices (its next write fails).
        assertEquals(200, untilNotBusy(a).status());
        assertEquals(200, untilNotBusy(c).status());
        Http.Response again = http.get(a.labels("csv") + "&count=5", a.apiKey());
        assertEquals(200, again.status(), "a finished export freed its slot: " + again.text());
        assertEquals(6, again.text().split("\r\n").length, "header and 5 codes");
    }

    /** Asks for an export and checks the answer's head before reading a body: an export that started is not read. */
    private void assertBusy(BrandBatch brand, String format, String detail) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + brand.labels(format)))
                .header("Authorization", "Bearer " + brand.apiKey()).GET().build();
        HttpResponse<InputStream> r = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = r.body()) {
            assertEquals(429, r.statusCode(), "an export over the cap is refused before it starts");
            assertEquals("10", r.headers().firstValue("Retry-After").orElse(null));
            assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
            JsonNode problem = new ObjectMapper().readTree(body.readAllBytes());
            assertEquals("Exports busy", problem.get("title").asText());
            assertNotNull(problem.get("type"));
            assertTrue(problem.get("detail").asText().contains(detail), problem.toString());
            assertTrue(problem.get("detail").asText().contains("try again"), problem.toString());
        }
    }

    /**
     * A small export of the brand, asked again while the answer is 429: how long the server takes to see that a client
     * has gone depends on the machine, so there is no time limit here, only a bound on attempts (a leaked slot would
     * be busy for ever).
     */
    private Http.Response untilNotBusy(BrandBatch brand) throws InterruptedException {
        Http.Response r = null;
        for (int attempt = 0; attempt < 600; attempt++) {
            r = http.get(brand.labels("csv") + "&count=3", brand.apiKey());
            if (r.status() != 429) {
                return r;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the export slot was never freed: " + r.text());
    }

    private BrandBatch brandWithBatch() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        var created = app.services().brands().create("Exports " + suffix, "x-" + suffix + "@brand.example");
        Principal principal = new Principal(created.brand().id(), "test");
        var product = app.services().products().create(principal,
                new NewProduct("Serum", "4006381333931", "A serum.", null, List.of("FR")));
        Batch batch = app.services().batches().create(principal,
                new NewBatch(product.id(), LARGE, "L-1", LocalDate.of(2030, 11, 30), null, "compact"));
        batch = app.services().batches().changeStatus(principal, batch.id(), BatchStatus.RELEASED, null);
        return new BrandBatch(created.apiKey(), batch.id());
    }

    private record BrandBatch(String apiKey, long batchId) {
        String labels(String format) {
            return "/api/v1/batches/" + batchId + "/labels?format=" + format;
        }
    }
}
