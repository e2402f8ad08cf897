package dev.touchmark.bench;

import dev.touchmark.App;
import dev.touchmark.access.Principal;
import dev.touchmark.batch.Batch;
import dev.touchmark.batch.NewBatch;
import dev.touchmark.config.ConfigLoader;
import dev.touchmark.domain.BatchStatus;
import dev.touchmark.product.NewProduct;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The server side of scripts/bench-export.sh: a real server (its database from TOUCHMARK_DB_URL, so H2 or PostgreSQL)
 * with one brand's scans written in bulk, then GET /api/v1/exports/scans.csv over HTTP for a tenth of them and for all of
 * them: time, rows per second, and the server's peak used heap during each (sampled every 50 ms, after a GC before
 * each run), which must not grow with the rows. Last, a client that stops reading after the headers: how long until its
 * export ends and the brand may export again (the export's database connection is back in the pool).
 */
public final class ExportBenchmark {
    private static final String[] VERDICTS = {"genuine", "seen_before", "suspect", "not_genuine"};

    private ExportBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long scans = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000L;
        App app = App.start(ConfigLoader.fromEnvironment(), Clock.systemUTC());
        try {
            var created = app.services().brands().create("Export bench", "export@bench.example");
            Principal principal = new Principal(created.brand().id(), "bench");
            var product = app.services().products().create(principal, new NewProduct("Bench serum", null, null, null, List.of("FR")));
            Batch batch = app.services().batches().create(principal, new NewBatch(product.id(), scans, "L1", null, null, "compact"));
            batch = app.services().batches().changeStatus(principal, batch.id(), BatchStatus.RELEASED, null);
            long started = System.nanoTime();
            load(app, created.brand().id(), batch.id(), scans);
            System.out.printf("loaded %,d scans in %.0f s%n", scans, (System.nanoTime() - started) / 1e9);
            String base = "http://127.0.0.1:" + app.port();
            String key = created.apiKey();
            String day = OffsetDateTime.now(ZoneOffset.UTC).toLocalDate().toString();
            String tenthFrom = OffsetDateTime.now(ZoneOffset.UTC).minusDays(2).toLocalDate().toString();
            export(base, key, "warm-up, 2 days", "?from=" + tenthFrom + "&to=" + day);
            export(base, key, "2 of 20 days", "?from=" + tenthFrom + "&to=" + day);
            export(base, key, "all 20 days", "");
            stalled(app.port(), base, key);
            if (app.services().database().isPostgres()) {
                brokenDatabase(app, base, key);
            }
        } finally {
            app.close();
        }
    }

    private static void export(String base, String key, String label, String query) throws Exception {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        long before = memory.getHeapMemoryUsage().getUsed();
        AtomicLong peak = new AtomicLong(before);
        AtomicLong live = new AtomicLong(before);
        Thread sampler = new Thread(() -> {
            for (long n = 1; !Thread.currentThread().isInterrupted(); n++) {
                peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                if (n % 20 == 0) {
                    // Once a second, what survives a full collection: the memory the export really holds.
                    System.gc();
                    live.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.setDaemon(true);
        sampler.start();
        HttpClient client = HttpClient.newHttpClient();
        long started = System.nanoTime();
        HttpResponse<InputStream> response = client.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/exports/scans.csv"
                + query)).header("Authorization", "Bearer " + key).build(), HttpResponse.BodyHandlers.ofInputStream());
        long bytes = 0;
        long lines = 0;
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = response.body()) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                bytes += n;
                for (int i = 0; i < n; i++) {
                    lines += buffer[i] == '\n' ? 1 : 0;
                }
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        sampler.interrupt();
        sampler.join();
        if (response.statusCode() != 200) {
            throw new IllegalStateException(label + ": HTTP " + response.statusCode());
        }
        System.out.printf("| %s | %,d rows | %.1f s | %,.0f rows/s | %.1f MB | heap %.1f MB before, live at most %.1f MB"
                + " (after a full GC each second), peak %.1f MB |%n", label, lines - 1, seconds, (lines - 1) / seconds,
                bytes / 1e6, before / 1e6, live.get() / 1e6, peak.get() / 1e6);
    }

    /** A client that reads the headers and then nothing: when may the brand export again? */
    private static void stalled(int port, String base, String key) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setReceiveBufferSize(4096);
            socket.getOutputStream().write(("GET /api/v1/exports/scans.csv HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                    + key + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            byte[] first = socket.getInputStream().readNBytes(100);
            long started = System.nanoTime();
            System.out.println("stalled client got: " + new String(first, StandardCharsets.US_ASCII).lines().findFirst().orElse(""));
            while (true) {
                HttpResponse<Void> again = client.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/exports/scans.csv?from=2000-01-01&to=2000-01-01"))
                        .header("Authorization", "Bearer " + key).build(), HttpResponse.BodyHandlers.discarding());
                double waited = (System.nanoTime() - started) / 1e9;
                if (again.statusCode() == 200) {
                    System.out.printf("| stalled client | its export ended and the brand could export again after %.1f s |%n", waited);
                    return;
                }
                if (waited > 300) {
                    System.out.println("| stalled client | still holding its export after 300 s |");
                    return;
                }
                Thread.sleep(1000);
            }
        }
    }

    /** The export's database session ended halfway (pg_terminate_backend): the client must see an error, not an end. */
    private static void brokenDatabase(App app, String base, String key) throws Exception {
        HttpResponse<InputStream> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(base + "/api/v1/exports/scans.csv")).header("Authorization", "Bearer " + key).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        long bytes = 0;
        try (InputStream in = response.body()) {
            byte[] buffer = new byte[64 * 1024];
            bytes += in.readNBytes(buffer, 0, buffer.length);
            int ended = ((Number) app.services().database().dsl().fetchValue("SELECT count(pg_terminate_backend(pid))::int"
                    + " FROM pg_stat_activity WHERE pid <> pg_backend_pid() AND datname = current_database()"
                    + " AND state IN ('active', 'idle in transaction') AND query ILIKE 'select%scan_event%'")).intValue();
            for (int n; (n = in.read(buffer)) > 0; ) {
                bytes += n;
            }
            System.out.printf("| database session ended halfway (%d ended) | the download ENDED NORMALLY after %,d bytes |%n",
                    ended, bytes);
        } catch (java.io.IOException e) {
            System.out.printf("| database session ended halfway | the client saw an error after %,d bytes: %s |%n", bytes,
                    e.getMessage());
        }
    }

    /** Scans over the last 20 days, newest last, in bulk (as the scan writer would have written them). */
    private static void load(App app, long brandId, long batchId, long scans) {
        OffsetDateTime end = OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(1);
        OffsetDateTime start = end.minusDays(20);
        long spanMillis = Duration.between(start, end).toMillis();
        long idBase = start.toInstant().toEpochMilli() - OffsetDateTime.parse("2026-01-01T00:00:00Z").toInstant().toEpochMilli();
        SplittableRandom random = new SplittableRandom(42);
        app.services().database().dsl().connection(connection -> {
            connection.setAutoCommit(false);
            try (PreparedStatement event = connection.prepareStatement("INSERT INTO scan_event (id, scanned_at, brand_id, batch_id,"
                    + " code_index, verdict, reason, device_id, country, lat_tenths, lon_tenths, ip_hash, client_kind, risk, risk_reasons)"
                    + " VALUES (?, ?, ?, ?, ?, ?, NULL, ?, 'FR', ?, ?, NULL, 'page', ?, ?)")) {
                for (long n = 0; n < scans; n++) {
                    long offset = n * spanMillis / scans;
                    String verdict = VERDICTS[random.nextInt(100) < 93 ? 0 : random.nextInt(4)];
                    boolean located = random.nextInt(10) == 0;
                    event.setLong(1, ((idBase + offset) << 22) | (n & 0x3FFFFF));
                    event.setObject(2, start.plus(offset, ChronoUnit.MILLIS));
                    event.setLong(3, brandId);
                    event.setLong(4, batchId);
                    event.setLong(5, n);
                    event.setString(6, verdict);
                    event.setString(7, "D" + String.format("%025d", n % 300_000));
                    event.setObject(8, located ? 400 + random.nextInt(150) : null, java.sql.Types.INTEGER);
                    event.setObject(9, located ? random.nextInt(200) : null, java.sql.Types.INTEGER);
                    event.setInt(10, "suspect".equals(verdict) ? 70 : 0);
                    event.setString(11, "suspect".equals(verdict) ? "many_devices" : null);
                    event.addBatch();
                    if ((n + 1) % 20_000 == 0) {
                        event.executeBatch();
                        connection.commit();
                    }
                }
                event.executeBatch();
                connection.commit();
            }
        });
    }
}
