package dev.touchmark.alliance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the tests obtain the STIX schemas: a commit's archive from a (loopback) server, checked by digest, cached. */
class StixSchemasIT {
    private static final String A = "{\"$id\": \"a\"}";
    private static final String B = "{\"$id\": \"b\"}";

    @TempDir
    Path tmp;
    private HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private URI serve(int status, byte[] body) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/archive.zip", exchange -> {
            requests.incrementAndGet();
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/archive.zip");
    }

    private static byte[] zip(Map<String, String> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, String> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static Map<String, String> archive() {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("repo-abc123/README.md", "# not a schema");
        entries.put("repo-abc123/examples/example.json", "{}");
        entries.put("repo-abc123/schemas/sdos/b.json", B);
        entries.put("repo-abc123/schemas/common/a.json", A);
        return entries;
    }

    /** The digest as sha256sum would list the two schemas, worked out here rather than by the code under test. */
    private static String expectedDigest() throws Exception {
        String listing = sha256(A) + "  common/a.json\n" + sha256(B) + "  sdos/b.json\n";
        return sha256(listing);
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<String> files(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString().replace('\\', '/'))
                    .sorted().toList();
        }
    }

    @Test
    void theSchemasOfTheArchiveAreCheckedCachedAndThenUsedWithoutTheNetwork() throws Exception {
        Path cache = tmp.resolve("cache").resolve("abc123");
        StixSchemas schemas = new StixSchemas(serve(200, zip(archive())), expectedDigest(), cache);
        Path dir = schemas.directory();
        assertEquals(cache.resolve("schemas"), dir);
        assertEquals(List.of("common/a.json", "sdos/b.json"), files(dir));
        assertEquals(A, Files.readString(dir.resolve("common/a.json")));
        server.stop(0);
        server = null;
        assertEquals(dir, schemas.directory());
        assertEquals(1, requests.get());
        assertEquals(List.of("abc123"), files(tmp.resolve("cache")).stream().map(f -> f.split("/")[0]).distinct().toList(),
                "no staging folder is left behind");
    }

    @Test
    void aCachedSetThatWasChangedIsDownloadedAgain() throws Exception {
        Path cache = tmp.resolve("cache").resolve("abc123");
        StixSchemas schemas = new StixSchemas(serve(200, zip(archive())), expectedDigest(), cache);
        Path dir = schemas.directory();
        Files.writeString(dir.resolve("common/a.json"), "{\"tampered\": true}");
        assertEquals(A, Files.readString(schemas.directory().resolve("common/a.json")));
        assertEquals(2, requests.get());
    }

    @Test
    void anArchiveWithOtherSchemasIsRefusedAndNotCached() throws Exception {
        Map<String, String> other = archive();
        other.put("repo-abc123/schemas/common/a.json", "{\"$id\": \"changed upstream\"}");
        Path cache = tmp.resolve("cache").resolve("abc123");
        IOException e = assertThrows(IOException.class,
                () -> new StixSchemas(serve(200, zip(other)), expectedDigest(), cache).directory());
        assertTrue(e.getMessage().contains("digest"), e.getMessage());
        assertFalse(Files.exists(cache));
        assertEquals(List.of(), files(tmp.resolve("cache")));
    }

    @Test
    void anEntryThatClimbsOutOfItsFolderIsRefused() throws Exception {
        Map<String, String> evil = archive();
        evil.put("repo-abc123/schemas/../../../escaped.json", "{}");
        Path cache = tmp.resolve("cache").resolve("abc123");
        assertThrows(IOException.class,
                () -> new StixSchemas(serve(200, zip(evil)), expectedDigest(), cache).directory());
        assertFalse(Files.exists(tmp.resolve("escaped.json")));
        assertFalse(Files.exists(tmp.resolve("cache").resolve("escaped.json")));
    }

    @Test
    void anAnswerOtherThan200IsAnError() throws Exception {
        Path cache = tmp.resolve("cache").resolve("abc123");
        IOException e = assertThrows(IOException.class,
                () -> new StixSchemas(serve(404, "gone".getBytes(StandardCharsets.UTF_8)), expectedDigest(), cache)
                        .directory());
        assertTrue(e.getMessage().contains("404"), e.getMessage());
    }
}
