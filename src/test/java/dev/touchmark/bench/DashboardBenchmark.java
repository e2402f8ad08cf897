package dev.touchmark.bench;

import dev.touchmark.App;
import dev.touchmark.access.Principal;
import dev.touchmark.batch.Batch;
import dev.touchmark.domain.BatchStatus;
import dev.touchmark.batch.NewBatch;
import dev.touchmark.code.BatchCodes;
import dev.touchmark.config.ConfigLoader;
import dev.touchmark.product.NewProduct;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The server side of scripts/bench-dashboard.sh: a real server on a fresh H2 database, loaded with one brand's
 * 10,000,000 recorded scans over 30 days (scan log, code state and the rollups the scan writer keeps, written in
 * bulk as the writer would have), then every API call the dashboard makes, timed over HTTP.
 */
public final class DashboardBenchmark {
    private static final String[] VERDICTS = {"genuine", "seen_before", "suspect", "not_genuine"};
    private static final String[] COUNTRIES = {"FR", "DE", "BE", "CN"};

    private DashboardBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long scans = args.length > 0 ? Long.parseLong(args[0]) : 10_000_000L;
        App app = App.start(ConfigLoader.fromEnvironment(), Clock.systemUTC());
        var created = app.services().brands().create("Dashboard bench", "dash@bench.example");
        long brandId = created.brand().id();
        Principal principal = new Principal(brandId, "bench");
        var product = app.services().products().create(principal, new NewProduct("Bench serum", null, null, null, List.of("FR", "DE", "BE")));
        int batchCount = 20;
        long perBatch = scans / batchCount;
        List<Batch> batches = new ArrayList<>();
        for (int b = 0; b < batchCount; b++) {
            Batch batch = app.services().batches().create(principal, new NewBatch(product.id(), perBatch, "L" + b, null, null, "compact"));
            batches.add(app.services().batches().changeStatus(principal, batch.id(), BatchStatus.RELEASED, null));
        }
        long started = System.nanoTime();
        load(app, brandId, batches, scans);
        System.out.printf("loaded %,d scans in %.0f s%n", scans, (System.nanoTime() - started) / 1e9);

        BatchCodes codes = app.services().batches().codes(batches.get(3));
        String base = "http://127.0.0.1:" + app.port();
        HttpClient client = HttpClient.newHttpClient();
        String alertId = firstAlertId(client, base, created.apiKey());
        Map<String, String> calls = new LinkedHashMap<>();
        calls.put("overview", "/api/v1/stats/overview");
        calls.put("map, 30 days", "/api/v1/stats/map?days=30");
        calls.put("alerts, first page", "/api/v1/alerts?limit=50");
        calls.put("alerts, open high", "/api/v1/alerts?status=open&severity=high&limit=50");
        calls.put("alert detail", "/api/v1/alerts/" + alertId);
        calls.put("code lookup", "/api/v1/codes/lookup?code=" + URLEncoder.encode(codes.url(7), StandardCharsets.UTF_8));
        calls.put("batches", "/api/v1/batches");
        calls.put("products", "/api/v1/products");
        calls.put("shopper reports", "/api/v1/reports");
        calls.put("thresholds", "/api/v1/rules");
        calls.put("keys", "/api/v1/keys");
        calls.put("session", "/api/v1/session");
        System.out.println("| call | p50 | p95 | max | bytes |");
        System.out.println("|---|---|---|---|---|");
        for (Map.Entry<String, String> call : calls.entrySet()) {
            List<Double> millis = new ArrayList<>();
            int bytes = 0;
            for (int i = 0; i < 35; i++) {
                long t = System.nanoTime();
                HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(base + call.getValue()))
                        .header("Authorization", "Bearer " + created.apiKey()).build(), HttpResponse.BodyHandlers.ofString());
                double ms = (System.nanoTime() - t) / 1e6;
                if (response.statusCode() != 200) {
                    throw new IllegalStateException(call.getKey() + " answered " + response.statusCode() + ": " + response.body());
                }
                bytes = response.body().length();
                if (i >= 5) {
                    millis.add(ms);
                }
            }
            Collections.sort(millis);
            System.out.printf("| %s | %.1f ms | %.1f ms | %.1f ms | %,d |%n", call.getKey(), millis.get(millis.size() / 2),
                    millis.get((int) (millis.size() * 0.95)), millis.get(millis.size() - 1), bytes);
        }
        app.close();
        System.exit(0);
    }

    private static String firstAlertId(HttpClient client, String base, String key) throws Exception {
        HttpResponse<String> page = client.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/alerts?limit=1"))
                .header("Authorization", "Bearer " + key).build(), HttpResponse.BodyHandlers.ofString());
        String body = page.body();
        int at = body.indexOf("\"id\":\"") + 6;
        return body.substring(at, body.indexOf('"', at));
    }

    /** Writes the scans, the code state, the rollups and some alerts in bulk, as the scan writer would have. */
    private static void load(App app, long brandId, List<Batch> batches, long scans) {
        OffsetDateTime end = OffsetDateTime.now(ZoneOffset.UTC);
        OffsetDateTime start = end.minusDays(30);
        long spanMillis = Duration.between(start, end).toMillis();
        long idBase = start.toInstant().toEpochMilli() - OffsetDateTime.parse("2026-01-01T00:00:00Z").toInstant().toEpochMilli();
        SplittableRandom random = new SplittableRandom(42);
        Map<String, long[]> hours = new HashMap<>();
        Map<String, long[]> days = new HashMap<>();
        Map<String, long[]> cells = new HashMap<>();
        app.services().database().dsl().connection(connection -> {
            connection.setAutoCommit(false);
            try (PreparedStatement event = connection.prepareStatement("INSERT INTO scan_event (id, scanned_at, brand_id, batch_id,"
                    + " code_index, verdict, reason, device_id, country, lat_tenths, lon_tenths, ip_hash, client_kind, risk, risk_reasons)"
                    + " VALUES (?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, NULL, 'page', ?, ?)");
                 PreparedStatement state = connection.prepareStatement("INSERT INTO code_state (batch_id, code_index, brand_id,"
                         + " first_scan_at, first_device_id, first_country, last_scan_at, scan_count, device_count)"
                         + " VALUES (?, ?, ?, ?, ?, 'FR', ?, 1, 1)")) {
                for (long n = 0; n < scans; n++) {
                    // Scans in time order, each of a different code (a code's later scans are rare in a month).
                    long offset = n * spanMillis / scans;
                    OffsetDateTime at = start.plus(offset, ChronoUnit.MILLIS);
                    Batch batch = batches.get((int) (n % batches.size()));
                    long index = n / batches.size();
                    int roll = random.nextInt(100);
                    String verdict = roll < 93 ? VERDICTS[0] : roll < 97 ? VERDICTS[1] : roll < 99 ? VERDICTS[2] : VERDICTS[3];
                    String country = COUNTRIES[random.nextInt(100) < 90 ? random.nextInt(3) : 3];
                    boolean located = random.nextInt(10) == 0;
                    int lat = 400 + random.nextInt(150);
                    int lon = random.nextInt(200);
                    event.setLong(1, ((idBase + offset) << 22) | (n & 0x3FFFFF));
                    event.setObject(2, at);
                    event.setLong(3, brandId);
                    event.setLong(4, batch.id());
                    event.setLong(5, index);
                    event.setString(6, verdict);
                    event.setString(7, "D" + String.format("%025d", n));
                    event.setString(8, country);
                    event.setObject(9, located ? lat : null, java.sql.Types.INTEGER);
                    event.setObject(10, located ? lon : null, java.sql.Types.INTEGER);
                    if (located) {
                        long[] c = cells.computeIfAbsent(at.toLocalDate() + "|" + Math.floorDiv(lat, 5) + ":" + Math.floorDiv(lon, 5),
                                k -> new long[2]);
                        c[0]++;
                        c[1] += "suspect".equals(verdict) ? 1 : 0;
                    }
                    event.setInt(11, "suspect".equals(verdict) ? 70 : 0);
                    event.setString(12, "suspect".equals(verdict) ? "many_devices" : null);
                    event.addBatch();
                    state.setLong(1, batch.id());
                    state.setLong(2, index);
                    state.setLong(3, brandId);
                    state.setObject(4, at);
                    state.setString(5, "D" + String.format("%025d", n));
                    state.setObject(6, at);
                    state.addBatch();
                    hours.computeIfAbsent(batch.id() + "|" + at.truncatedTo(ChronoUnit.HOURS) + "|" + verdict, k -> new long[1])[0]++;
                    days.computeIfAbsent(at.toLocalDate() + "|" + country + "|" + verdict, k -> new long[1])[0]++;
                    if ((n + 1) % 20_000 == 0) {
                        event.executeBatch();
                        state.executeBatch();
                        connection.commit();
                    }
                    if ((n + 1) % 1_000_000 == 0) {
                        System.out.printf("  %,d scans%n", n + 1);
                    }
                }
                event.executeBatch();
                state.executeBatch();
                connection.commit();
            }
            rollups(connection, brandId, hours, days);
            try (PreparedStatement cell = connection.prepareStatement(
                    "INSERT INTO scan_cell_day (brand_id, scan_date, cell, scans, suspect) VALUES (?, ?, ?, ?, ?)")) {
                for (Map.Entry<String, long[]> e : cells.entrySet()) {
                    String[] k = e.getKey().split("\\|");
                    cell.setLong(1, brandId);
                    cell.setObject(2, LocalDate.parse(k[0]));
                    cell.setString(3, k[1]);
                    cell.setLong(4, e.getValue()[0]);
                    cell.setLong(5, e.getValue()[1]);
                    cell.addBatch();
                }
                cell.executeBatch();
            }
            alerts(connection, brandId, batches, end);
            connection.commit();
            connection.setAutoCommit(true);
        });
    }

    private static void rollups(Connection connection, long brandId, Map<String, long[]> hours, Map<String, long[]> days)
            throws java.sql.SQLException {
        try (PreparedStatement hour = connection.prepareStatement(
                "INSERT INTO scan_hour (brand_id, batch_id, hour_start, verdict, scans) VALUES (?, ?, ?, ?, ?)");
             PreparedStatement day = connection.prepareStatement(
                     "INSERT INTO scan_day (brand_id, scan_date, country, verdict, scans) VALUES (?, ?, ?, ?, ?)")) {
            for (Map.Entry<String, long[]> e : hours.entrySet()) {
                String[] k = e.getKey().split("\\|");
                hour.setLong(1, brandId);
                hour.setLong(2, Long.parseLong(k[0]));
                hour.setObject(3, OffsetDateTime.parse(k[1]));
                hour.setString(4, k[2]);
                hour.setLong(5, e.getValue()[0]);
                hour.addBatch();
            }
            hour.executeBatch();
            for (Map.Entry<String, long[]> e : days.entrySet()) {
                String[] k = e.getKey().split("\\|");
                day.setLong(1, brandId);
                day.setObject(2, LocalDate.parse(k[0]));
                day.setString(3, k[1]);
                day.setString(4, k[2]);
                day.setLong(5, e.getValue()[0]);
                day.addBatch();
            }
            day.executeBatch();
        }
    }

    private static void alerts(Connection connection, long brandId, List<Batch> batches, OffsetDateTime end)
            throws java.sql.SQLException {
        try (PreparedStatement alert = connection.prepareStatement("INSERT INTO alert (brand_id, rule, subject, open_subject,"
                + " severity, status, summary, batch_id, code_index, hits, first_seen_at, last_seen_at, updated_at)"
                + " VALUES (?, 'cloned_code', ?, ?, ?, 'open', ?, ?, ?, 6, ?, ?, ?)")) {
            for (int i = 0; i < 5_000; i++) {
                long batch = batches.get(i % batches.size()).id();
                String subject = "code:" + batch + ":" + i;
                OffsetDateTime at = end.minusMinutes(i * 8L);
                alert.setLong(1, brandId);
                alert.setString(2, subject);
                alert.setString(3, subject);
                alert.setString(4, i % 7 == 0 ? "critical" : "high");
                alert.setString(5, "Code " + i + " of batch " + batch + " has been verified on 6 different phones.");
                alert.setLong(6, batch);
                alert.setLong(7, i);
                alert.setObject(8, at);
                alert.setObject(9, at);
                alert.setObject(10, at);
                alert.addBatch();
            }
            alert.executeBatch();
        }
    }
}
