package dev.touchmark.export;

import static dev.touchmark.testsupport.Http.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.touchmark.App;
import dev.touchmark.brand.BrandService;
import dev.touchmark.config.TouchmarkConfig;
import dev.touchmark.testsupport.Http;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * CSV exports against a real server: the same rows as the JSON lists for the same filters, formulas defused, each brand
 * seeing only its own rows, bad filters refused with a problem document. Run on H2 and PostgreSQL by subclasses.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ExportContract {
    private static final String INJECTION = "=HYPERLINK(\"http://evil.example\",\"click\")";
    private App app;
    private Http http;
    private Seeded a;
    private Seeded b;
    private String today;

    /** A brand with a released and a recalled batch, scans on both, alerts and shoppers' reports. */
    private record Seeded(BrandService.CreatedBrand brand, long released, long recalled, List<String> scanIds,
                          List<Long> reportIds) {
        String key() {
            return brand.apiKey();
        }
    }

    protected abstract TouchmarkConfig config() throws Exception;

    @BeforeAll
    void start() throws Exception {
        app = App.start(config(), Clock.systemUTC());
        http = new Http(app.port());
        today = LocalDate.now(ZoneOffset.UTC).toString();
        a = seed("A");
        b = seed("B");
    }

    @AfterAll
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    private Seeded seed(String name) {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        BrandService.CreatedBrand brand = app.services().brands().create("Export " + name + " " + suffix,
                "admin-" + suffix + "@brand.example");
        String key = brand.apiKey();
        ok(http.send("PUT", "/api/v1/rules", key, json("cloneDevices", 2)));
        long product = ok(http.post("/api/v1/products", key, json("name", "Serum", "markets", List.of("FR")))).json()
                .get("id").asLong();
        long released = batch(key, product);
        long recalled = batch(key, product);
        ok(http.post("/api/v1/batches/" + recalled + "/recall", key, json("reason", "contaminated")));
        List<String> scanIds = new ArrayList<>();
        // Three phones on one code (a cloned code with cloneDevices 2), one more code, and the recalled batch.
        for (String phone : List.of("B", "C", "D")) {
            scanIds.add(verify(key, released, 0, phone));
        }
        scanIds.add(verify(key, released, 1, "B"));
        scanIds.add(verify(key, recalled, 2, "C"));
        List<Long> reportIds = new ArrayList<>();
        reportIds.add(app.scanServices().reports().report(scanIds.get(2), INJECTION, "+Best Deals, \"Night\" market",
                "-2+3 no seal"));
        reportIds.add(app.scanServices().reports().report(scanIds.get(4), "Shop 7", null, "@SUM(A1) recalled one"));
        JsonNode alerts = ok(http.get("/api/v1/alerts", key)).json().get("items");
        assertTrue(alerts.size() >= 2, "a cloned code and a recalled batch scan raise alerts: " + alerts);
        ok(http.post("/api/v1/alerts/" + alerts.get(0).get("id").asText() + "/status", key,
                json("status", "acknowledged", "comment", "@admin " + INJECTION)));
        return new Seeded(brand, released, recalled, scanIds, reportIds);
    }

    private long batch(String key, long product) {
        long id = ok(http.post("/api/v1/batches", key, json("productId", product, "quantity", 10, "lot", "L-1",
                "expiry", "2030-11-30", "profile", "compact"))).json().get("id").asLong();
        ok(http.post("/api/v1/batches/" + id + "/release", key, null));
        return id;
    }

    /** A verification of a code by a phone (the same phone letter is the same device cookie in every brand). */
    private String verify(String key, long batch, int index, String phone) {
        String url = ok(http.get("/api/v1/batches/" + batch + "/codes/" + index, key)).json().get("url").asText();
        return ok(http.post("/api/v1/verify", null, json("code", url, "deviceId", phone.repeat(26))))
                .json().get("scanId").asText();
    }

    private static Http.Response ok(Http.Response r) {
        assertTrue(r.status() >= 200 && r.status() < 300, r.status() + " " + r.text());
        return r;
    }

    @Test
    void theAlertCsvHoldsTheRowsOfTheAlertListForTheSameFilters() {
        String batch = Long.toString(a.released());
        for (String filter : List.of("", "status=open", "status=acknowledged", "rule=cloned_code", "rule=recalled_scan",
                "severity=high", "batchId=" + batch, "from=" + today, "to=" + today, "from=" + today + "&to=" + today,
                "from=" + tomorrow(), "to=" + yesterday(), "status=open&batchId=" + batch, "lang=zh")) {
            assertSameRows("/api/v1/alerts", "/api/v1/exports/alerts.csv", filter, a.key(), ExportService.ALERT_COLUMNS);
        }
    }

    @Test
    void theReportCsvHoldsTheRowsOfTheReportListForTheSameFilters() {
        for (String filter : List.of("", "batchId=" + a.released(), "batchId=" + a.recalled(), "verdict=recalled",
                "verdict=genuine", "from=" + today, "to=" + today, "from=" + tomorrow(), "to=" + yesterday())) {
            assertSameRows("/api/v1/reports", "/api/v1/exports/reports.csv", filter, a.key(), ExportService.REPORT_COLUMNS);
        }
        assertEquals(2, csv(http.get("/api/v1/exports/reports.csv", a.key())).size() - 1);
        assertEquals(1, csv(http.get("/api/v1/exports/reports.csv?verdict=recalled", a.key())).size() - 1);
    }

    @Test
    void theScanCsvHoldsEachScanOfTheBrandAsTheCodeLookupShowsIt() {
        List<Map<String, String>> rows = rows(http.get("/api/v1/exports/scans.csv", a.key()));
        assertEquals(List.of(ExportService.SCAN_COLUMNS), header(http.get("/api/v1/exports/scans.csv", a.key())));
        assertEquals(reversed(a.scanIds()), rows.stream().map(r -> r.get("id")).toList());
        String url = ok(http.get("/api/v1/batches/" + a.released() + "/codes/0", a.key())).json().get("url").asText();
        JsonNode lookup = ok(http.get("/api/v1/codes/lookup?code=" + URLEncoder.encode(url, StandardCharsets.UTF_8),
                a.key())).json().get("scans");
        List<Map<String, String>> code = rows(http.get("/api/v1/exports/scans.csv?batchId=" + a.released() + "&codeIndex=0",
                a.key()));
        assertEquals(lookup.size(), code.size());
        for (int i = 0; i < code.size(); i++) {
            JsonNode scan = lookup.get(i);
            Map<String, String> row = code.get(i);
            assertEquals(scan.get("id").asText(), row.get("id"));
            assertEquals(OffsetDateTime.parse(scan.get("at").asText()).toInstant(), Instant.parse(row.get("scannedAt")));
            assertEquals(scan.get("verdict").asText(), row.get("verdict"));
            assertEquals(scan.get("risk").isNull() ? "" : scan.get("risk").asText(), row.get("risk"));
            assertEquals(scan.get("client").asText(), row.get("client"));
            assertEquals(Long.toString(a.released()), row.get("batchId"));
            assertEquals("0", row.get("codeIndex"));
        }
        assertEquals(List.of("recalled"), rows(http.get("/api/v1/exports/scans.csv?verdict=recalled", a.key())).stream()
                .map(r -> r.get("verdict")).toList());
        assertEquals(5, rows(http.get("/api/v1/exports/scans.csv?from=" + today + "&to=" + today, a.key())).size());
        assertEquals(0, rows(http.get("/api/v1/exports/scans.csv?from=" + tomorrow(), a.key())).size());
        assertEquals(0, rows(http.get("/api/v1/exports/scans.csv?to=" + yesterday(), a.key())).size());
        long counted = 0;
        for (JsonNode batch : ok(http.get("/api/v1/stats/batches?from=" + today + "&to=" + today, a.key())).json().get("batches")) {
            counted += batch.get("scans").asLong();
        }
        assertEquals(counted, rows.size(), "the dashboard's scans per batch for the same days");
    }

    @Test
    void devicesArePseudonymsOfTheirBrandNeverTheCookie() {
        List<Map<String, String>> rowsA = rows(http.get("/api/v1/exports/scans.csv", a.key()));
        String text = http.get("/api/v1/exports/scans.csv", a.key()).text();
        for (String phone : List.of("B", "C", "D")) {
            assertFalse(text.contains(phone.repeat(26)), "the device cookie itself is not in the file");
            assertFalse(text.contains(phone.repeat(6)), "nor a piece of it");
        }
        Set<String> pseudonyms = new HashSet<>();
        rowsA.forEach(r -> {
            assertTrue(r.get("device").matches("[0-9a-f]{16}"), r.get("device"));
            pseudonyms.add(r.get("device"));
        });
        assertEquals(3, pseudonyms.size(), "three phones, three pseudonyms: " + rowsA);
        // Phone B scanned codes 0 and 1 of brand A: one pseudonym. Brand B's scans by the same phone get another.
        Map<String, String> byScan = new LinkedHashMap<>();
        rowsA.forEach(r -> byScan.put(r.get("id"), r.get("device")));
        assertEquals(byScan.get(a.scanIds().get(0)), byScan.get(a.scanIds().get(3)));
        Map<String, String> firstOfB = rows(http.get("/api/v1/exports/scans.csv", b.key())).stream()
                .filter(r -> r.get("id").equals(b.scanIds().get(0))).findFirst().orElseThrow();
        assertFalse(pseudonyms.contains(firstOfB.get("device")), "brand B cannot join its file with brand A's by device");
    }

    @Test
    void textThatASpreadsheetWouldRunIsDefused() {
        String reports = http.get("/api/v1/exports/reports.csv", a.key()).text();
        assertTrue(reports.contains("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\""), reports);
        assertTrue(reports.contains("\"'+Best Deals, \"\"Night\"\" market\""), reports);
        assertTrue(reports.contains(",'-2+3 no seal,"), reports);
        assertTrue(reports.contains(",'@SUM(A1) recalled one,"), reports);
        String alerts = http.get("/api/v1/exports/alerts.csv?status=acknowledged", a.key()).text();
        assertTrue(alerts.contains("\"'@admin =HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\""), alerts);
        for (String line : (reports + alerts).split("\r\n")) {
            for (String cell : line.split(",")) {
                String bare = cell.startsWith("\"") ? cell.substring(1) : cell;
                assertFalse(bare.startsWith("=") || bare.startsWith("@") || bare.startsWith("+"), line);
            }
        }
    }

    @Test
    void eachBrandExportsItsOwnRowsOnly() {
        Set<String> scansOfB = new HashSet<>(rows(http.get("/api/v1/exports/scans.csv", b.key())).stream()
                .map(r -> r.get("id")).toList());
        assertEquals(new HashSet<>(b.scanIds()), scansOfB);
        Set<String> reportsOfB = new HashSet<>(rows(http.get("/api/v1/exports/reports.csv", b.key())).stream()
                .map(r -> r.get("id")).toList());
        assertEquals(Set.of(b.reportIds().get(0).toString(), b.reportIds().get(1).toString()), reportsOfB);
        Set<String> alertsOfA = new HashSet<>(rows(http.get("/api/v1/exports/alerts.csv", a.key())).stream()
                .map(r -> r.get("id")).toList());
        rows(http.get("/api/v1/exports/alerts.csv", b.key())).forEach(r -> assertFalse(alertsOfA.contains(r.get("id"))));
        // Brand A naming brand B's batch gets nothing of it.
        for (String kind : List.of("alerts", "reports", "scans")) {
            assertEquals(0, rows(http.get("/api/v1/exports/" + kind + ".csv?batchId=" + b.released(), a.key())).size(), kind);
        }
    }

    @Test
    void anExportIsAStreamedAttachmentNamedAfterItsKindAndDays() throws Exception {
        Http.Response r = http.get("/api/v1/exports/scans.csv?from=2026-01-01&to=" + today, a.key());
        assertEquals(200, r.status());
        assertTrue(r.header("Content-Type").startsWith("text/csv"), r.header("Content-Type"));
        assertTrue(r.header("Content-Type").toLowerCase().contains("charset=utf-8"), r.header("Content-Type"));
        assertEquals("attachment; filename=\"touchmark-scans-2026-01-01_" + today + ".csv\"", r.header("Content-Disposition"));
        String head = rawHead("/api/v1/exports/scans.csv", a.key());
        assertTrue(head.startsWith("HTTP/1.1 200"), head);
        assertTrue(head.toLowerCase(java.util.Locale.ROOT).contains("\r\ntransfer-encoding: chunked\r\n"), head);
        assertFalse(head.toLowerCase(java.util.Locale.ROOT).contains("content-length"), head);
        assertEquals("attachment; filename=\"touchmark-alerts-" + today + ".csv\"",
                http.get("/api/v1/exports/alerts.csv", a.key()).header("Content-Disposition"));
        assertTrue(r.text().endsWith("\r\n"));
    }

    @Test
    void aViewerMayExportAndNoOneWithoutCredentials() {
        String viewer = ok(http.post("/api/v1/api-keys", a.key(), json("name", "reader", "role", "viewer"))).json()
                .get("key").asText();
        for (String kind : List.of("alerts", "reports", "scans")) {
            assertEquals(200, http.get("/api/v1/exports/" + kind + ".csv", viewer).status(), kind);
            assertEquals(401, http.get("/api/v1/exports/" + kind + ".csv", null).status(), kind);
        }
    }

    @Test
    void aBadFilterIsABadRequestWithAProblemDocument() {
        for (String bad : List.of("alerts.csv?status=bogus", "alerts.csv?rule=nope", "alerts.csv?severity=3",
                "alerts.csv?batchId=x", "alerts.csv?from=2026-13-01", "alerts.csv?from=2026-05-02&to=2026-05-01",
                "reports.csv?verdict=fake", "reports.csv?to=yesterday", "reports.csv?batchId=0",
                "scans.csv?codeIndex=3", "scans.csv?batchId=1&codeIndex=-1", "scans.csv?verdict=GENUINE!",
                "scans.csv?from=20260501")) {
            Http.Response r = http.get("/api/v1/exports/" + bad, a.key());
            assertEquals(400, r.status(), bad + ": " + r.text());
            assertTrue(r.header("Content-Type").startsWith("application/problem+json"), bad);
            assertEquals(400, r.json().get("status").asInt(), bad);
            assertEquals(null, r.header("Content-Disposition"), bad);
        }
        assertEquals(400, http.get("/api/v1/alerts?from=2026-13-01", a.key()).status());
        assertEquals(400, http.get("/api/v1/reports?verdict=fake", a.key()).status());
    }

    /** The status line and headers of a GET as the server sends them (the HTTP client hides Transfer-Encoding). */
    private String rawHead(String path, String key) throws java.io.IOException {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", app.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + key
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            java.io.InputStream in = socket.getInputStream();
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    break;
                }
                head.append((char) b);
            }
            // Read the body to its last chunk, so the export has ended (and freed the brand's one slot) when this returns.
            StringBuilder body = new StringBuilder();
            while (!body.toString().endsWith("\r\n0\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    break;
                }
                body.append((char) b);
            }
            return head.toString();
        }
    }

    /** Every row of every page of a JSON list, against the export's rows for the same filter. */
    private void assertSameRows(String list, String export, String filter, String key, String[] columns) {
        List<JsonNode> items = new ArrayList<>();
        String before = null;
        do {
            String query = filter + (filter.isEmpty() ? "" : "&") + "limit=1" + (before == null ? "" : "&before=" + before);
            JsonNode page = ok(http.get(list + "?" + query, key)).json();
            page.get("items").forEach(items::add);
            before = page.get("nextBefore").isNull() ? null : page.get("nextBefore").asText();
        } while (before != null);
        List<Map<String, String>> rows = rows(http.get(export + (filter.isEmpty() ? "" : "?" + filter), key));
        assertEquals(items.size(), rows.size(), filter + ": " + rows);
        for (int i = 0; i < rows.size(); i++) {
            for (String column : columns) {
                JsonNode value = items.get(i).get(column);
                String cell = rows.get(i).get(column);
                String where = filter + " row " + i + " " + column;
                if (value == null || value.isNull()) {
                    assertEquals("", cell, where);
                } else if (column.endsWith("At")) {
                    assertEquals(OffsetDateTime.parse(value.asText()).toInstant(), Instant.parse(cell), where);
                } else if (value.isNumber()) {
                    assertEquals(value.asText(), cell, where);
                } else {
                    assertEquals(defused(value.asText()), cell, where);
                }
            }
        }
        if (!items.isEmpty() || filter.contains("from=" + tomorrow())) {
            return;
        }
        assertTrue(filter.contains("to=" + yesterday()) || filter.contains("verdict=genuine") || filter.contains("severity"),
                "a filter that should keep rows kept none: " + filter);
    }

    /** What a text field must read as in the file (after the CSV's own quoting is undone). */
    private static String defused(String text) {
        boolean formula = !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0 && !text.matches("[+-]?[0-9.]+");
        return formula ? "'" + text : text;
    }

    private List<Map<String, String>> rows(Http.Response r) {
        List<List<String>> records = csv(r);
        List<Map<String, String>> rows = new ArrayList<>();
        for (List<String> record : records.subList(1, records.size())) {
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < record.size(); i++) {
                row.put(records.get(0).get(i), record.get(i));
            }
            assertEquals(records.get(0).size(), record.size(), record.toString());
            rows.add(row);
        }
        return rows;
    }

    private List<String> header(Http.Response r) {
        return csv(r).get(0);
    }

    /** The records of an RFC 4180 file (quoted fields may hold commas, quotes and line breaks). */
    private static List<List<String>> csv(Http.Response r) {
        assertEquals(200, r.status(), r.text());
        String text = r.text();
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                record.add(field.toString());
                field.setLength(0);
            } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                record.add(field.toString());
                field.setLength(0);
                records.add(record);
                record = new ArrayList<>();
                i++;
            } else {
                field.append(c);
            }
        }
        assertTrue(record.isEmpty() && field.isEmpty(), "the file ends with a CRLF: " + text);
        return records;
    }

    private static List<String> reversed(List<String> ids) {
        List<String> copy = new ArrayList<>(ids);
        java.util.Collections.reverse(copy);
        return copy;
    }

    private String tomorrow() {
        return LocalDate.parse(today).plusDays(1).toString();
    }

    private String yesterday() {
        return LocalDate.parse(today).minusDays(1).toString();
    }
}
