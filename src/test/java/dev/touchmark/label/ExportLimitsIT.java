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
import dev.touchmark.testsupport.Http;
import dev.touchmark.testsupport.TestDatabases;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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
 * that reads the answer's head and then nothing more, so the server blocks on the full socket: the exports overlap
 * for as long as the test needs, without any timing.
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

        try (HeldExport first = HeldExport.open(app.port(), a, "pdf")) {
            assertEquals(200, first.status(), first.head());
            assertBusy(a, "pdf", "this brand already has 1 label export running");

            try (HeldExport otherBrand = HeldExport.open(app.port(), b, "csv")) {
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

    /** An export whose client reads the status line and headers, then stops reading until it closes the socket. */
    private static final class HeldExport implements AutoCloseable {
        private final Socket socket;
        private final InputStream in;
        private final String head;

        private HeldExport(Socket socket, InputStream in, String head) {
            this.socket = socket;
            this.in = in;
            this.head = head;
        }

        static HeldExport open(int port, BrandBatch brand, String format) throws IOException {
            var socket = new Socket("127.0.0.1", port);
            socket.getOutputStream().write(("GET " + brand.labels(format) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Authorization: Bearer " + brand.apiKey() + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            var head = new ByteArrayOutputStream();
            int matched = 0;
            while (matched < 4) {
                int b = in.read();
                if (b < 0) {
                    break;
                }
                head.write(b);
                matched = b == "\r\n\r\n".charAt(matched) ? matched + 1 : b == '\r' ? 1 : 0;
            }
            return new HeldExport(socket, in, head.toString(StandardCharsets.US_ASCII));
        }

        String head() {
            return head;
        }

        int status() {
            String[] statusLine = head.split(" ", 3);
            return statusLine.length < 2 ? -1 : Integer.parseInt(statusLine[1]);
        }

        /** Some of the body, which is being produced, then nothing more. */
        void readSomeBody() throws IOException {
            assertTrue(in.readNBytes(64 * 1024).length > 0, "the export streams");
        }

        @Override
        public void close() throws IOException {
            // Unread data makes the close a reset: the server's next write fails as when a client aborts.
            socket.close();
        }
    }
}
