package dev.touchmark.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.touchmark.App;
import dev.touchmark.testsupport.Http;
import dev.touchmark.testsupport.TestDatabases;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Text goes out gzipped with caching that fits each file, while what must not be compressed (labels, PDF sheets, the
 * live event stream) is left alone.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CompressionIT {
    private static final Pattern REFERENCE = Pattern.compile("(?:src|href)=\"(/(?:assets|webjars)/[^\"?#]+)\"");
    private static final Pattern IMPORT = Pattern.compile("from '\\./([a-z0-9-]+\\.js)'");
    private App app;
    private Http http;
    private final HttpClient client = HttpClient.newHttpClient();

    @BeforeAll
    void start() throws Exception {
        app = App.start(TestDatabases.h2(Files.createTempDirectory("touchmark-compression-")), Clock.systemUTC());
        http = new Http(app.port());
    }

    @AfterAll
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    private HttpResponse<byte[]> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name).orElse("");
    }

    private static byte[] decoded(HttpResponse<byte[]> response) throws IOException {
        if (!"gzip".equals(header(response, "Content-Encoding"))) {
            return response.body();
        }
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(response.body()))) {
            return in.readAllBytes();
        }
    }

    /** The scanner page and everything it loads: its style sheet, icon, library and modules with their imports. */
    private Set<String> scannerFiles() throws Exception {
        Set<String> paths = new LinkedHashSet<>(List.of("/scan"));
        Matcher m = REFERENCE.matcher(new String(decoded(get("/scan")), StandardCharsets.UTF_8));
        while (m.find()) {
            paths.add(m.group(1));
        }
        for (String path : List.copyOf(paths)) {
            if (path.startsWith("/assets/") && path.endsWith(".js")) {
                Matcher i = IMPORT.matcher(new String(decoded(get(path)), StandardCharsets.UTF_8));
                while (i.find()) {
                    paths.add("/assets/" + i.group(1));
                }
            }
        }
        return paths;
    }

    @Test
    void theScannerPageWithEverythingItLoadsIsUnder120KbGzipped() throws Exception {
        Set<String> files = scannerFiles();
        assertTrue(files.contains("/webjars/html5-qrcode/2.2.1/html5-qrcode.min.js"), files.toString());
        assertTrue(files.contains("/assets/qr-camera.js"), files.toString());
        long plain = 0;
        long gzipped = 0;
        for (String path : files) {
            HttpResponse<byte[]> identity = get(path);
            HttpResponse<byte[]> compressed = get(path, "Accept-Encoding", "gzip");
            assertEquals(200, compressed.statusCode(), path);
            assertTrue(header(identity, "Content-Encoding").isEmpty(), path + " was compressed for a client that did not ask");
            assertEquals(new String(identity.body(), StandardCharsets.UTF_8), new String(decoded(compressed), StandardCharsets.UTF_8),
                    path);
            plain += identity.body().length;
            gzipped += compressed.body().length;
        }
        System.out.printf("/scan and its %d files: %,d bytes plain, %,d bytes gzipped%n", files.size() - 1, plain, gzipped);
        assertTrue(plain > 300_000, "the QR library alone is about 349 KB: " + plain);
        assertTrue(gzipped < 120_000, "/scan with everything it loads: " + gzipped + " bytes gzipped");
        HttpResponse<byte[]> page = get("/scan", "Accept-Encoding", "gzip");
        assertEquals("gzip", header(page, "Content-Encoding"));
    }

    @Test
    void versionedLibrariesAreCachedForAYearAndOurOwnFilesRevalidateByETag() throws Exception {
        HttpResponse<byte[]> library = get("/webjars/html5-qrcode/2.2.1/html5-qrcode.min.js", "Accept-Encoding", "gzip");
        assertEquals("public, max-age=31536000, immutable", header(library, "Cache-Control"));
        assertEquals("gzip", header(library, "Content-Encoding"));
        assertTrue(header(library, "Vary").contains("Accept-Encoding"), header(library, "Vary"));
        assertTrue(header(library, "Content-Type").startsWith("text/javascript"), header(library, "Content-Type"));

        for (String path : List.of("/assets/scan.js", "/assets/scan.css", "/dashboard/app.js")) {
            HttpResponse<byte[]> file = get(path, "Accept-Encoding", "gzip");
            assertEquals(200, file.statusCode(), path);
            assertEquals("no-cache", header(file, "Cache-Control"), path);
            String etag = header(file, "ETag");
            assertFalse(etag.isEmpty(), path + " has no ETag");
            assertTrue(header(file, "Vary").contains("Accept-Encoding"), path);
            HttpResponse<byte[]> again = get(path, "Accept-Encoding", "gzip", "If-None-Match", etag);
            assertEquals(304, again.statusCode(), path);
            assertEquals(0, again.body().length, path);
            assertEquals(200, get(path, "If-None-Match", "W/\"0000\"").statusCode(), path + ": another version is sent in full");
        }
    }

    @Test
    void labelsAndPdfSheetsAreNotCompressedAndJsonIs() throws Exception {
        var created = app.services().brands().create("Compress", "c@brand.example");
        String key = created.apiKey();
        Http.Response product = http.post("/api/v1/products", key, Http.json("name", "Serum", "markets", List.of("FR")));
        assertEquals(201, product.status(), product.text());
        Http.Response batch = http.post("/api/v1/batches", key, Http.json("productId", product.json().get("id").asLong(),
                "quantity", 40, "lot", "L-Z", "profile", "compact"));
        assertEquals(201, batch.status(), batch.text());
        String id = batch.json().get("id").asText();
        String auth = "Bearer " + key;
        HttpResponse<byte[]> png = get("/api/v1/batches/" + id + "/codes/0/label.png", "Authorization", auth, "Accept-Encoding", "gzip");
        assertEquals(200, png.statusCode());
        assertTrue(header(png, "Content-Encoding").isEmpty(), "a PNG is compressed already");
        HttpResponse<byte[]> pdf = get("/api/v1/batches/" + id + "/labels?format=pdf", "Authorization", auth, "Accept-Encoding", "gzip");
        assertEquals(200, pdf.statusCode(), new String(pdf.body(), StandardCharsets.UTF_8));
        assertTrue(header(pdf, "Content-Type").startsWith("application/pdf"), header(pdf, "Content-Type"));
        assertTrue(header(pdf, "Content-Encoding").isEmpty(), "a PDF's streams are compressed already");
        assertEquals("%PDF", new String(pdf.body(), 0, 4, StandardCharsets.US_ASCII));
        HttpResponse<byte[]> svg = get("/api/v1/batches/" + id + "/codes/0/label.svg", "Authorization", auth, "Accept-Encoding", "gzip");
        assertEquals(200, svg.statusCode());
        assertEquals("gzip", header(svg, "Content-Encoding"), "SVG is text");
        HttpResponse<byte[]> openapi = get("/api/openapi.yaml", "Accept-Encoding", "gzip");
        assertEquals("gzip", header(openapi, "Content-Encoding"));
    }

    @Test
    void theLiveEventStreamIsNotCompressedAndItsFirstEventsArriveAtOnce() throws Exception {
        var created = app.services().brands().create("Stream", "s@brand.example");
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/api/v1/events"))
                .header("Authorization", "Bearer " + created.apiKey()).header("Accept", "text/event-stream")
                .header("Accept-Encoding", "gzip").build();
        HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            assertEquals(200, response.statusCode());
            assertTrue(header(response, "Content-Encoding").isEmpty(), "an event stream must not wait for a compressor");
            assertTrue(header(response, "Content-Type").startsWith("text/event-stream"), header(response, "Content-Type"));
            // The stream stays open: its first lines must arrive while it does, flushed, not when it ends.
            String first = CompletableFuture.supplyAsync(() -> {
                try {
                    return lines.readLine();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).get(10, TimeUnit.SECONDS);
            assertEquals(": connected", first);
        }
    }
}
