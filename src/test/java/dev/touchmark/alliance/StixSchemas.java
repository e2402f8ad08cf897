package dev.touchmark.alliance;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The OASIS STIX 2.1 JSON schemas (github.com/oasis-open/cti-stix2-json-schemas, BSD-3-Clause) at a pinned commit, for
 * the tests only: they are third-party files, so they are not in the repository but downloaded once as the commit's
 * archive and kept under {@code ~/.cache/touchmark/stix-schemas/<commit>/schemas} (or {@code $XDG_CACHE_HOME}).
 *
 * <p>What is used is checked against a digest of the whole schema set: the SHA-256 of the {@code sha256sum} listing of
 * every {@code *.json} under {@code schemas/}, sorted by path, as
 * {@code cd schemas && find . -name '*.json' | sed 's|^\./||' | LC_ALL=C sort | xargs sha256sum | sha256sum} prints it.
 * A directory named by {@code -Dtouchmark.stixSchemas} or {@code TOUCHMARK_STIX_SCHEMAS} (a checkout, or its
 * {@code schemas} folder) is used instead of the download, after the same check.
 */
final class StixSchemas {
    static final String COMMIT = "3bf9e69dc18dbbe995676c5dde027ead76e2b6fa";
    static final String DIGEST = "2900c13ae327218d5798d734f5256eee89f24d05cb4384a6f1d0e79a7f33e670";
    static final URI ARCHIVE = URI.create("https://github.com/oasis-open/cti-stix2-json-schemas/archive/" + COMMIT + ".zip");
    /** The base IRI of the schemas' {@code $id}s. */
    static final String ID_BASE = "http://raw.githubusercontent.com/oasis-open/cti-stix2-json-schemas/stix2.1/schemas/";
    private static final long MAX_ARCHIVE_BYTES = 64L << 20;

    private final URI archive;
    private final String digest;
    private final Path cache;

    StixSchemas(URI archive, String digest, Path cache) {
        this.archive = archive;
        this.digest = digest;
        this.cache = cache;
    }

    /** The pinned schema set, cached in the user's cache directory. */
    static StixSchemas pinned() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path root = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return new StixSchemas(ARCHIVE, DIGEST, root.resolve("touchmark").resolve("stix-schemas").resolve(COMMIT));
    }

    /** The {@code schemas} directory: a configured one, the cached one, or a fresh download; checked by digest. */
    Path directory() throws IOException {
        String configured = System.getProperty("touchmark.stixSchemas", System.getenv("TOUCHMARK_STIX_SCHEMAS"));
        if (configured != null && !configured.isBlank()) {
            Path dir = Path.of(configured);
            Path schemas = Files.isDirectory(dir.resolve("schemas")) ? dir.resolve("schemas") : dir;
            String actual = digestOf(schemas);
            if (!actual.equals(digest)) {
                throw new IOException("the STIX schemas in " + schemas + " have digest " + actual + ", not " + digest
                        + " (commit " + COMMIT + ")");
            }
            return schemas;
        }
        Path cached = cache.resolve("schemas");
        if (Files.isDirectory(cached) && digestOf(cached).equals(digest)) {
            return cached;
        }
        return download();
    }

    private Path download() throws IOException {
        Files.createDirectories(cache.getParent());
        Path staging = Files.createTempDirectory(cache.getParent(), cache.getFileName() + ".part-");
        try {
            extract(fetch(), staging.resolve("schemas"));
            String actual = digestOf(staging.resolve("schemas"));
            if (!actual.equals(digest)) {
                throw new IOException("the STIX schemas downloaded from " + archive + " have digest " + actual
                        + ", not " + digest);
            }
            deleteTree(cache);
            try {
                Files.move(staging, cache, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException | FileAlreadyExistsException e) {
                // Another run cached the same set meanwhile: its copy has the same digest.
                if (!Files.isDirectory(cache.resolve("schemas"))) {
                    throw e;
                }
            }
            return cache.resolve("schemas");
        } finally {
            deleteTree(staging);
        }
    }

    private byte[] fetch() throws IOException {
        HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(20)).build();
        HttpRequest request = HttpRequest.newBuilder(archive).timeout(Duration.ofMinutes(2)).GET().build();
        try {
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                if (response.statusCode() != 200) {
                    throw new IOException("GET " + archive + " answered " + response.statusCode());
                }
                byte[] bytes = body.readNBytes((int) MAX_ARCHIVE_BYTES + 1);
                if (bytes.length > MAX_ARCHIVE_BYTES) {
                    throw new IOException("the archive at " + archive + " is larger than " + MAX_ARCHIVE_BYTES + " bytes");
                }
                return bytes;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while downloading " + archive, e);
        } catch (java.net.ConnectException | java.net.http.HttpTimeoutException e) {
            throw new IOException("GET " + archive + " failed: " + e, e);
        }
    }

    /** Writes the archive's {@code <top folder>/schemas/**.json} entries under {@code target}. */
    static void extract(byte[] zip, Path target) throws IOException {
        Files.createDirectories(target);
        Path root = target.toAbsolutePath().normalize();
        int written = 0;
        try (ZipInputStream in = new ZipInputStream(new java.io.ByteArrayInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                String name = entry.getName();
                int slash = name.indexOf('/');
                if (entry.isDirectory() || slash < 0 || !name.startsWith("schemas/", slash + 1) || !name.endsWith(".json")) {
                    continue;
                }
                Path file = root.resolve(name.substring(slash + 1 + "schemas/".length())).normalize();
                if (!file.startsWith(root)) {
                    throw new IOException("the archive's entry " + name + " points outside its folder");
                }
                Files.createDirectories(file.getParent());
                Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
                written++;
            }
        }
        if (written == 0) {
            throw new IOException("the archive has no schemas/*.json");
        }
    }

    /** The digest of a schema set (see the class comment). */
    static String digestOf(Path schemas) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(schemas)) {
            files = walk.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().endsWith(".json"))
                    .sorted(Comparator.comparing(p -> relative(schemas, p))).toList();
        }
        StringBuilder listing = new StringBuilder();
        for (Path file : files) {
            listing.append(sha256(Files.readAllBytes(file))).append("  ").append(relative(schemas, file)).append('\n');
        }
        return sha256(listing.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static String relative(Path root, Path file) {
        return root.relativize(file).toString().replace('\\', '/');
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
