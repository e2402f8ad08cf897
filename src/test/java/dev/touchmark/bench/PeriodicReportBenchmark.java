package dev.touchmark.bench;

import dev.touchmark.App;
import dev.touchmark.access.Principal;
import dev.touchmark.batch.Batch;
import dev.touchmark.batch.NewBatch;
import dev.touchmark.config.ConfigLoader;
import dev.touchmark.domain.BatchStatus;
import dev.touchmark.product.NewProduct;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;

/**
 * The server side of scripts/bench-periodic-report.sh: a real server, one brand whose rollups hold 10,000,000 scans
 * in the last whole month (and the same daily rate from the month before up to yesterday), written straight into the rollup tables
 * (scan_day, scan_cell_day, scan_hour) as the scan writer would have kept them, with thousands of alerts, status
 * changes and shopper reports; then the reports of the month before last (the first since the server started),
 * last month and last week generated through POST /api/v1/periodic-reports, timed.
 */
public final class PeriodicReportBenchmark {
    private static final String[] VERDICTS = {"genuine", "seen_before", "suspect", "not_genuine"};
    /** Shares of the verdicts above, in thousandths. */
    private static final int[] VERDICT_SHARES = {930, 40, 20, 10};
    private static final int COUNTRIES = 40;
    private static final int CELLS = 400;
    private static final int BATCHES = 20;

    private PeriodicReportBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long monthScans = args.length > 0 ? Long.parseLong(args[0]) : 10_000_000L;
        App app = App.start(ConfigLoader.fromEnvironment(), Clock.systemUTC());
        var created = app.services().brands().create("Report bench", "report@bench.example");
        long brandId = created.brand().id();
        Principal principal = new Principal(brandId, "bench");
        var product = app.services().products().create(principal, new NewProduct("Bench serum", null, null, null, List.of("FR")));
        List<Long> batches = new ArrayList<>();
        for (int b = 0; b < BATCHES; b++) {
            Batch batch = app.services().batches().create(principal, new NewBatch(product.id(), 1_000_000L, "L" + b, null, null, "compact"));
            batches.add(app.services().batches().changeStatus(principal, batch.id(), BatchStatus.RELEASED, null).id());
        }
        // Reports are asked for below; the schedule making some of them meanwhile would time nothing.
        app.services().periodicReports().changeSchedule(principal, false, false);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        LocalDate month = today.withDayOfMonth(1).minusMonths(1);
        LocalDate week = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).minusWeeks(1);
        // The month before is seeded and reported first, so the figures for last month and last week are those of a
        // server that has made a report since it started (the first one also loads PDFBox's fonts).
        LocalDate earlier = month.minusMonths(1);
        LocalDate first = earlier;
        long perDay = monthScans / month.lengthOfMonth();
        long started = System.nanoTime();
        long seeded = seed(app, brandId, batches, first, today, perDay);
        System.out.printf("seeded rollups of %,d scans (%,d in %s) in %.0f s%n", seeded, perDay * month.lengthOfMonth(),
                month.toString().substring(0, 7), (System.nanoTime() - started) / 1e9);

        String base = "http://127.0.0.1:" + app.port();
        HttpClient client = HttpClient.newHttpClient();
        try {
            time(client, base, created.apiKey(), "monthly", earlier);
            time(client, base, created.apiKey(), "monthly", month);
            time(client, base, created.apiKey(), "weekly", week);
        } finally {
            app.close();
            System.exit(0);
        }
    }

    private static void time(HttpClient client, String base, String key, String kind, LocalDate start) throws Exception {
        long t = System.nanoTime();
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/periodic-reports"))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"kind\":\"" + kind + "\",\"start\":\"" + start + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        double seconds = (System.nanoTime() - t) / 1e9;
        if (response.statusCode() != 201) {
            throw new IllegalStateException(kind + " report answered " + response.statusCode() + ": " + response.body());
        }
        System.out.printf("%s report from %s: %.2f s (%s)%n", kind, start, seconds, response.body());
    }

    /** Rollup rows from a day to the day before another, every day the same scans; returns the scans in all. */
    private static long seed(App app, long brandId, List<Long> batches, LocalDate from, LocalDate toExclusive, long perDay) {
        long[] total = {0};
        app.services().database().dsl().connection(connection -> {
            connection.setAutoCommit(false);
            try (PreparedStatement created = connection.prepareStatement("UPDATE brand SET created_at = ? WHERE id = ?");
                 PreparedStatement day = connection.prepareStatement(
                         "INSERT INTO scan_day (brand_id, scan_date, country, verdict, scans) VALUES (?, ?, ?, ?, ?)");
                 PreparedStatement cell = connection.prepareStatement(
                         "INSERT INTO scan_cell_day (brand_id, scan_date, cell, scans, suspect) VALUES (?, ?, ?, ?, ?)");
                 PreparedStatement hour = connection.prepareStatement(
                         "INSERT INTO scan_hour (brand_id, batch_id, hour_start, verdict, scans) VALUES (?, ?, ?, ?, ?)")) {
                created.setObject(1, from.minusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC));
                created.setLong(2, brandId);
                created.executeUpdate();
                for (LocalDate d = from; d.isBefore(toExclusive); d = d.plusDays(1)) {
                    for (int v = 0; v < VERDICTS.length; v++) {
                        long verdictScans = perDay * VERDICT_SHARES[v] / 1000;
                        total[0] += verdictScans;
                        for (int c = 0; c < COUNTRIES; c++) {
                            day.setLong(1, brandId);
                            day.setObject(2, d);
                            day.setString(3, country(c));
                            day.setString(4, VERDICTS[v]);
                            day.setLong(5, share(verdictScans, c, COUNTRIES));
                            day.addBatch();
                        }
                        for (int h = 0; h < 24; h++) {
                            long hourScans = share(verdictScans, h, 24);
                            for (int b = 0; b < batches.size(); b++) {
                                hour.setLong(1, brandId);
                                hour.setLong(2, batches.get(b));
                                hour.setObject(3, d.atTime(h, 0).atOffset(ZoneOffset.UTC));
                                hour.setString(4, VERDICTS[v]);
                                hour.setLong(5, share(hourScans, b, batches.size()));
                                hour.addBatch();
                            }
                        }
                    }
                    long located = perDay / 10;
                    for (int c = 0; c < CELLS; c++) {
                        cell.setLong(1, brandId);
                        cell.setObject(2, d);
                        cell.setString(3, (80 + c / 20) + ":" + (c % 20));
                        long scans = share(located, c, CELLS);
                        cell.setLong(4, scans);
                        cell.setLong(5, scans / 50);
                        cell.addBatch();
                    }
                    day.executeBatch();
                    hour.executeBatch();
                    cell.executeBatch();
                    connection.commit();
                }
            }
            alertsAndReports(connection, brandId, batches, from, toExclusive);
            connection.commit();
        });
        return total[0];
    }

    /** A two-letter code for the c-th country. */
    private static String country(int c) {
        return "" + (char) ('A' + c / 26) + (char) ('A' + c % 26);
    }

    /** The i-th of n parts of a count, the remainder in the first parts. */
    private static long share(long count, int i, int n) {
        return count / n + (i < count % n ? 1 : 0);
    }

    /** An alert every 10 minutes (half of them acknowledged an hour later) and a shopper report every 20. */
    private static void alertsAndReports(java.sql.Connection connection, long brandId, List<Long> batches, LocalDate from,
                                         LocalDate toExclusive) throws java.sql.SQLException {
        String[] rules = {"cloned_code", "out_of_market", "scan_burst", "hotspot", "shopper_report"};
        try (PreparedStatement alert = connection.prepareStatement("INSERT INTO alert (brand_id, rule, subject, open_subject,"
                + " severity, status, summary, batch_id, code_index, hits, first_seen_at, last_seen_at, updated_at)"
                + " VALUES (?, ?, ?, ?, 'high', ?, 'bench', ?, ?, 3, ?, ?, ?)", java.sql.Statement.RETURN_GENERATED_KEYS);
             PreparedStatement event = connection.prepareStatement("INSERT INTO alert_event (alert_id, changed_at, actor, from_status,"
                     + " to_status) VALUES (?, ?, 'bench', 'open', 'acknowledged')");
             PreparedStatement report = connection.prepareStatement("INSERT INTO shopper_report (brand_id, batch_id, code_index,"
                     + " verdict, comment, country, created_at) VALUES (?, ?, ?, 'suspect', 'bench', ?, ?)")) {
            int i = 0;
            for (OffsetDateTime at = from.atStartOfDay().atOffset(ZoneOffset.UTC);
                 at.isBefore(toExclusive.atStartOfDay().atOffset(ZoneOffset.UTC)); at = at.plusMinutes(10), i++) {
                boolean acknowledged = i % 2 == 0;
                String subject = "code:" + i;
                alert.setLong(1, brandId);
                alert.setString(2, rules[i % rules.length]);
                alert.setString(3, subject);
                alert.setString(4, acknowledged ? null : subject);
                alert.setString(5, acknowledged ? "acknowledged" : "open");
                alert.setLong(6, batches.get(i % batches.size()));
                alert.setLong(7, i);
                alert.setObject(8, at);
                alert.setObject(9, at);
                alert.setObject(10, at);
                alert.executeUpdate();
                if (acknowledged) {
                    try (var keys = alert.getGeneratedKeys()) {
                        keys.next();
                        event.setLong(1, keys.getLong(1));
                        event.setObject(2, at.plusHours(1));
                        event.addBatch();
                    }
                }
                if (i % 2 == 0) {
                    report.setLong(1, brandId);
                    report.setLong(2, batches.get(i % batches.size()));
                    report.setLong(3, i);
                    report.setString(4, country(i % COUNTRIES));
                    report.setObject(5, at);
                    report.addBatch();
                }
                if (i % 1000 == 999) {
                    event.executeBatch();
                    report.executeBatch();
                }
            }
            event.executeBatch();
            report.executeBatch();
        }
    }
}
