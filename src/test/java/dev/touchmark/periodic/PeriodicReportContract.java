package dev.touchmark.periodic;

import static dev.touchmark.periodic.ReportFixtures.at;
import static dev.touchmark.periodic.ReportFixtures.device;
import static dev.touchmark.testsupport.Http.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.touchmark.App;
import dev.touchmark.config.ScanSettings;
import dev.touchmark.config.TouchmarkConfig;
import dev.touchmark.testsupport.Eventually;
import dev.touchmark.testsupport.Http;
import dev.touchmark.testsupport.SimulatedClock;
import dev.touchmark.testsupport.WebhookReceiver;
import dev.touchmark.testsupport.WebhookTesting;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A brand's weekly and monthly reports over a real server: their numbers equal what the stats API says for the same
 * period, the schedule generates each once per installation, and bad input or other brands change nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class PeriodicReportContract {
    private final SimulatedClock clock = new SimulatedClock(Instant.now());
    private App app;
    private Http http;
    private ReportFixtures fixtures;

    protected abstract TouchmarkConfig config() throws Exception;

    @BeforeAll
    void start() throws Exception {
        ScanSettings settings = new ScanSettings(Optional.of("CF-IPCountry"), Optional.empty(), 730, 0, 10, 1000, 4);
        app = App.start(config().withScans(settings).withWebhooks(WebhookTesting.fastSettings()), clock);
        http = new Http(app.port());
        fixtures = new ReportFixtures(app);
    }

    @AfterAll
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    private Http.Response generate(String key, String kind, LocalDate start) {
        return http.post("/api/v1/periodic-reports", key, json("kind", kind, "start", start.toString()));
    }

    @Test
    void everyNumberOfAWeeklyReportEqualsWhatTheStatsApiSaysForTheSameWeek() throws Exception {
        ReportFixtures.Brand brand = fixtures.brand("Weekly");
        LocalDate monday = ReportFixtures.nextMonday(clock.instant());
        clock.advanceTo(at(monday, 1));
        String clonedUrl = brand.codes().url(1);
        for (char c : "ABCDE".toCharArray()) {
            fixtures.scan(clonedUrl, device(c), "FR");
        }
        JsonNode abroad = fixtures.scan(brand.codes().url(2), device('F'), "DE");
        fixtures.report(abroad, "Sold+at+a+market");
        JsonNode paris = fixtures.scan(brand.codes().url(3), device('G'), "FR");
        fixtures.shareLocation(paris, device('G'), 48.86, 2.35);
        JsonNode brussels = fixtures.scan(brand.codes().url(4), device('H'), "BE");
        fixtures.shareLocation(brussels, device('H'), 50.85, 4.35);
        fixtures.scan(brand.recalledCodes().url(1), device('I'), "FR");
        clock.advanceTo(at(monday.plusDays(2), 9));
        for (int i = 5; i < 9; i++) {
            fixtures.scan(brand.codes().url(i), device((char) ('J' + i)), "FR");
        }
        JsonNode alerts = http.get("/api/v1/alerts?limit=500", brand.key()).json().get("items");
        assertTrue(alerts.size() >= 2, alerts.toString());
        assertEquals(200, http.post("/api/v1/alerts/" + alerts.get(0).get("id").asText() + "/status", brand.key(),
                json("status", "acknowledged")).status());
        clock.advanceTo(at(monday.plusDays(3), 10));
        assertEquals(200, http.post("/api/v1/alerts/" + alerts.get(1).get("id").asText() + "/status", brand.key(),
                json("status", "resolved")).status());
        clock.advanceTo(at(monday.plusDays(7), 2));
        fixtures.scan(brand.codes().url(20), device('Z'), "FR"); // the next week: in no number of this report

        Http.Response created = generate(brand.key(), "weekly", monday);
        assertEquals(201, created.status(), created.text());
        JsonNode report = created.json();
        assertEquals("ready", report.get("status").asText());
        assertEquals(monday.plusDays(6).toString(), report.get("to").asText());
        Http.Response csvAnswer = http.get(report.get("csvUrl").asText(), brand.key());
        assertEquals(200, csvAnswer.status());
        assertTrue(csvAnswer.header("Content-Type").startsWith("text/csv"), csvAnswer.header("Content-Type"));
        Map<String, String> csv = ReportFixtures.csv(csvAnswer.text());
        assertNumbersEqualTheApi(brand, monday, monday.plusDays(6), csv);
        assertEquals("13", csv.get("totals|all|scans"), csv.toString());

        Http.Response pdf = http.get(report.get("pdfUrl").asText(), brand.key());
        assertEquals(200, pdf.status());
        assertEquals("application/pdf", pdf.header("Content-Type"));
        String text = pdfText(pdf.bytes());
        assertTrue(text.contains("Scans: " + csv.get("totals|all|scans")), text);
        assertTrue(text.contains("Suspect: " + csv.get("totals|all|suspect")), text);
        assertTrue(text.contains("Shopper reports: " + csv.get("shopper_reports|all|count")), text);
        assertTrue(text.contains("Median: " + csv.get("acknowledgement|all|median_seconds") + " s"), text);
        assertTrue(text.contains("FR: " + csv.get("country|FR|scans") + " scans"), text);
        assertTrue(text.contains("No alliance items involved the brand in this period."), text);

        Http.Response again = generate(brand.key(), "weekly", monday);
        assertEquals(200, again.status(), again.text());
        assertEquals(report.get("id").asText(), again.json().get("id").asText());
    }

    /** Compares each number of a report's CSV with the stats, alerts and shopper-report APIs for the same days. */
    private void assertNumbersEqualTheApi(ReportFixtures.Brand brand, LocalDate from, LocalDate to, Map<String, String> csv) {
        String range = "?from=" + from + "&to=" + to;
        JsonNode daily = http.get("/api/v1/stats/overview" + range, brand.key()).json().get("daily");
        assertEquals(from.until(to).getDays() + 1, daily.size());
        long[] totals = new long[4];
        for (JsonNode day : daily) {
            String at = day.get("at").asText();
            String[] metrics = {"scans", "genuine", "suspect", "not_genuine"};
            String[] fields = {"scans", "genuine", "suspect", "notGenuine"};
            for (int i = 0; i < 4; i++) {
                assertEquals(day.get(fields[i]).asText(), csv.get("day|" + at + "|" + metrics[i]), at + " " + metrics[i]);
                totals[i] += day.get(fields[i]).asLong();
            }
        }
        assertEquals(Long.toString(totals[0]), csv.get("totals|all|scans"));
        assertEquals(Long.toString(totals[1]), csv.get("totals|all|genuine"));
        assertEquals(Long.toString(totals[2]), csv.get("totals|all|suspect"));
        assertEquals(Long.toString(totals[3]), csv.get("totals|all|not_genuine"));
        assertEquals(Long.toString(totals[0] - totals[1] - totals[2] - totals[3]), csv.get("totals|all|other"));

        JsonNode map = http.get("/api/v1/stats/map" + range, brand.key()).json();
        assertEquals(map.get("countries").size(), keys(csv, "country|", "|scans").size());
        for (JsonNode country : map.get("countries")) {
            String code = country.path("country").asText("").isEmpty() ? "unknown" : country.get("country").asText();
            assertEquals(country.get("scans").asText(), csv.get("country|" + code + "|scans"), code);
            assertEquals(country.get("suspect").asText(), csv.get("country|" + code + "|suspect"), code);
            assertEquals(country.get("notGenuine").asText(), csv.get("country|" + code + "|not_genuine"), code);
        }
        List<String> apiCells = new ArrayList<>();
        map.get("cells").forEach(c -> apiCells.add(c.get("lat").asDouble() + "/" + c.get("lon").asDouble() + "/"
                + c.get("scans").asLong() + "/" + c.get("suspect").asLong()));
        List<String> reportCells = new ArrayList<>();
        for (String rank : keys(csv, "cell|", "|scans")) {
            reportCells.add(csv.get("cell|" + rank + "|lat") + "/" + csv.get("cell|" + rank + "|lon") + "/"
                    + csv.get("cell|" + rank + "|scans") + "/" + csv.get("cell|" + rank + "|suspect"));
        }
        assertEquals(2, apiCells.size(), apiCells.toString());
        assertEquals(new java.util.TreeSet<>(apiCells), new java.util.TreeSet<>(reportCells));

        JsonNode batches = http.get("/api/v1/stats/batches" + range, brand.key()).json().get("batches");
        int affected = 0;
        for (JsonNode b : batches) {
            long hit = b.get("scans").asLong() - b.get("genuine").asLong();
            String id = b.get("batchId").asText();
            if (hit == 0) {
                assertEquals(null, csv.get("batch|" + id + "|scans"), id);
                continue;
            }
            affected++;
            assertEquals(b.get("scans").asText(), csv.get("batch|" + id + "|scans"), id);
            assertEquals(b.get("genuine").asText(), csv.get("batch|" + id + "|genuine"), id);
            assertEquals(b.get("suspect").asText(), csv.get("batch|" + id + "|suspect"), id);
            assertEquals(b.get("notGenuine").asText(), csv.get("batch|" + id + "|not_genuine"), id);
            assertEquals(Long.toString(hit), csv.get("batch|" + id + "|affected"), id);
        }
        assertEquals(2, affected, batches.toString());
        assertEquals(affected, keys(csv, "batch|", "|scans").size());

        OffsetDateTime start = from.atStartOfDay().atOffset(ZoneOffset.UTC);
        OffsetDateTime end = to.plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC);
        Map<String, long[]> byRule = new TreeMap<>();
        List<Long> delays = new ArrayList<>();
        int raised = 0;
        for (JsonNode alert : http.get("/api/v1/alerts?limit=500", brand.key()).json().get("items")) {
            OffsetDateTime firstSeen = OffsetDateTime.parse(alert.get("firstSeenAt").asText());
            if (firstSeen.isBefore(start) || !firstSeen.isBefore(end)) {
                continue;
            }
            raised++;
            long[] counts = byRule.computeIfAbsent(alert.get("rule").asText(), r -> new long[4]);
            counts[List.of("open", "acknowledged", "resolved", "false_positive").indexOf(alert.get("status").asText())]++;
            JsonNode history = http.get("/api/v1/alerts/" + alert.get("id").asText(), brand.key()).json().get("history");
            for (JsonNode change : history) {
                if ("open".equals(change.path("from").asText(""))) {
                    delays.add(Duration.between(firstSeen, OffsetDateTime.parse(change.get("at").asText())).getSeconds());
                    break;
                }
            }
        }
        assertTrue(raised >= 3, "alerts raised: " + raised);
        assertEquals(byRule.size(), keys(csv, "alerts|", "|raised").size());
        byRule.forEach((rule, c) -> {
            assertEquals(Long.toString(c[0] + c[1] + c[2] + c[3]), csv.get("alerts|" + rule + "|raised"), rule);
            assertEquals(Long.toString(c[0]), csv.get("alerts|" + rule + "|open"), rule);
            assertEquals(Long.toString(c[1]), csv.get("alerts|" + rule + "|acknowledged"), rule);
            assertEquals(Long.toString(c[2]), csv.get("alerts|" + rule + "|resolved"), rule);
            assertEquals(Long.toString(c[3]), csv.get("alerts|" + rule + "|false_positive"), rule);
        });
        delays.sort(null);
        assertEquals(2, delays.size(), delays.toString());
        assertEquals(Integer.toString(raised), csv.get("acknowledgement|all|raised"));
        assertEquals(Integer.toString(delays.size()), csv.get("acknowledgement|all|acknowledged"));
        assertEquals(Long.toString(delays.get((delays.size() - 1) / 2)), csv.get("acknowledgement|all|median_seconds"));
        assertEquals(Long.toString(delays.get(delays.size() - 1)), csv.get("acknowledgement|all|max_seconds"));

        Map<String, Long> reportsByCountry = new TreeMap<>();
        for (JsonNode r : http.get("/api/v1/reports?limit=500", brand.key()).json().get("items")) {
            OffsetDateTime createdAt = OffsetDateTime.parse(r.get("createdAt").asText());
            if (!createdAt.isBefore(start) && createdAt.isBefore(end)) {
                reportsByCountry.merge(r.path("country").asText("").isEmpty() ? "unknown" : r.get("country").asText(), 1L, Long::sum);
            }
        }
        assertEquals(Long.toString(reportsByCountry.values().stream().mapToLong(Long::longValue).sum()),
                csv.get("shopper_reports|all|count"));
        assertEquals(1L, reportsByCountry.values().stream().mapToLong(Long::longValue).sum());
        reportsByCountry.forEach((country, n) -> assertEquals(Long.toString(n), csv.get("shopper_reports|" + country + "|count")));
        assertEquals("0", csv.get("alliance|all|items"));
    }

    /** The items of a section that have a metric, in file order. */
    private static List<String> keys(Map<String, String> csv, String prefix, String suffix) {
        return csv.keySet().stream().filter(k -> k.startsWith(prefix) && k.endsWith(suffix))
                .map(k -> k.substring(prefix.length(), k.length() - suffix.length())).toList();
    }

    static String pdfText(byte[] pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document);
        }
    }

    @Test
    void afterAMonthEndsTheScheduleGeneratesTheMonthlyReportAndAnnouncesItWithReportReady() throws Exception {
        ReportFixtures.Brand brand = fixtures.brand("Monthly");
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            Http.Response endpoint = http.post("/api/v1/webhooks", brand.key(),
                    json("url", receiver.url(), "eventTypes", List.of("report.ready")));
            assertEquals(201, endpoint.status(), endpoint.text());
            LocalDate month = ReportFixtures.nextMonth(clock.instant()).minusMonths(1);
            fixtures.scan(brand.codes().url(1), device('A'), "FR");
            clock.advanceTo(at(month.plusMonths(1), 0).plusSeconds(30));
            app.periodicReports().wakeUp();
            Eventually.await("the monthly report is generated", () -> ready(brand).size() == 1);
            JsonNode report = ready(brand).get(0);
            assertEquals("monthly", report.get("kind").asText());
            assertEquals(month.toString(), report.get("from").asText());
            assertEquals(PeriodicReportService.SCHEDULE, report.get("requestedBy").asText());
            Eventually.await("report.ready is delivered", () -> !receiver.requests().isEmpty());
            JsonNode body = new com.fasterxml.jackson.databind.ObjectMapper().readTree(receiver.requests().get(0).body());
            assertEquals("report.ready", body.get("type").asText());
            assertEquals(report.get("id").asText(), body.get("data").get("id").asText());
            assertEquals(report.get("pdfUrl").asText(), body.get("data").get("pdfUrl").asText());
            Map<String, String> csv = ReportFixtures.csv(http.get(report.get("csvUrl").asText(), brand.key()).text());
            assertEquals("1", csv.get("totals|all|scans"));
            assertEquals("1", csv.get("country|FR|scans"));
        }
    }

    private List<JsonNode> ready(ReportFixtures.Brand brand) {
        List<JsonNode> ready = new ArrayList<>();
        http.get("/api/v1/periodic-reports", brand.key()).json().get("items").forEach(r -> {
            if ("ready".equals(r.get("status").asText())) {
                ready.add(r);
            }
        });
        return ready;
    }

    private PeriodicReportService node() {
        DSLContext dsl = app.services().database().dsl();
        return new PeriodicReportService(new PeriodicReportRepository(dsl), (b, f, t) -> List.of(),
                app.services().webhookOutbox(), clock, Duration.ofMinutes(5));
    }

    private int attempts(long brandId) {
        return app.services().database().dsl().select(DSL.field("attempts", Integer.class)).from(DSL.table("periodic_report"))
                .where(DSL.field("brand_id", Long.class).eq(brandId)).fetchOne(0, Integer.class);
    }

    private int readyMessages(long brandId) {
        return app.services().database().dsl().fetchCount(DSL.table("webhook_message"),
                DSL.field("brand_id", Long.class).eq(brandId).and(DSL.field("event_type", String.class).eq("report.ready")));
    }

    @Test
    void twoNodesPollingTheSameDatabaseGenerateEachReportOnce() throws Exception {
        ReportFixtures.Brand brand = fixtures.brand("Lease");
        PeriodicReportService first = node();
        PeriodicReportService second = node();
        clock.advanceTo(at(ReportFixtures.nextMonth(clock.instant()), 0).plusSeconds(5));
        CountDownLatch go = new CountDownLatch(1);
        CompletableFuture<Integer> a = CompletableFuture.supplyAsync(() -> await(go, first));
        CompletableFuture<Integer> b = CompletableFuture.supplyAsync(() -> await(go, second));
        go.countDown();
        a.get();
        b.get();
        app.periodicReports().wakeUp();
        Eventually.await("the report is ready", () -> ready(brand).size() == 1);
        assertEquals(1, http.get("/api/v1/periodic-reports", brand.key()).json().get("items").size());
        assertEquals(1, attempts(brand.id()), "claimed and generated once");
        assertEquals(1, readyMessages(brand.id()), "announced once");
    }

    private static int await(CountDownLatch go, PeriodicReportService node) {
        try {
            go.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return node.runDue();
    }

    @Test
    void aReportWhoseNodeDiedIsTakenOverOnceItsLeaseRunsOut() {
        ReportFixtures.Brand brand = fixtures.brand("Takeover");
        PeriodicReportRepository repository = new PeriodicReportRepository(app.services().database().dsl());
        clock.advanceTo(at(ReportFixtures.nextMonth(clock.instant()), 0).plusSeconds(5));
        LocalDate lastMonth = ReportFixtures.nextMonth(clock.instant()).minusMonths(2);
        ReportPeriod period = ReportPeriod.of(PeriodKind.MONTHLY, lastMonth);
        OffsetDateTime now = OffsetDateTime.now(clock);
        // Added already claimed, as a request adds it, so no scheduler sees the report unclaimed.
        assertTrue(repository.insertIfAbsent(brand.id(), period, "dead node", now, now.plusMinutes(5)), "the dying node adds it");
        long id = Long.parseLong(repository.find(brand.id(), period).orElseThrow().id());
        node().runDue();
        assertTrue(ready(brand).isEmpty(), "nobody takes a live lease");
        Http.Response pending = generate(brand.key(), "monthly", lastMonth);
        assertEquals(202, pending.status(), pending.text());
        assertEquals("pending", pending.json().get("status").asText());
        assertEquals(409, http.get("/api/v1/periodic-reports/" + id + ".pdf", brand.key()).status());
        clock.advance(Duration.ofMinutes(6));
        node().runDue();
        assertEquals(1, ready(brand).size());
        assertEquals(2, attempts(brand.id()));
        assertEquals(1, readyMessages(brand.id()));
    }

    @Test
    void periodsInTheFutureBeforeTheBrandOrMalformedAreRefusedAndChangeNothing() {
        ReportFixtures.Brand brand = fixtures.brand("Bad");
        LocalDate today = clock.instant().atOffset(ZoneOffset.UTC).toLocalDate();
        LocalDate thisWeek = PeriodKind.WEEKLY.startOf(today);
        assertProblem(generate(brand.key(), "weekly", thisWeek), 400, "ends at");
        assertProblem(generate(brand.key(), "monthly", today.withDayOfMonth(1).plusMonths(3)), 400, "ends at");
        assertProblem(generate(brand.key(), "monthly", today.withDayOfMonth(1).minusMonths(1)), 400, "before the brand existed");
        assertProblem(generate(brand.key(), "daily", thisWeek), 400, "weekly or monthly");
        assertProblem(generate(brand.key(), "weekly", thisWeek.minusDays(8)), 400, "Monday");
        assertProblem(http.post("/api/v1/periodic-reports", brand.key(), json("kind", "weekly", "start", "2026-13-01")), 400, "YYYY-MM-DD");
        assertProblem(http.post("/api/v1/periodic-reports", brand.key(), json("kind", "weekly")), 400, "start");
        assertProblem(http.post("/api/v1/periodic-reports", brand.key(), "{not json"), 400, "");
        assertEquals(0, http.get("/api/v1/periodic-reports", brand.key()).json().get("items").size());
    }

    @Test
    void anotherBrandCannotReadAReportAndAViewerCannotChangeTheSchedule() {
        ReportFixtures.Brand owner = fixtures.brand("Owner");
        ReportFixtures.Brand other = fixtures.brand("Other");
        LocalDate monday = ReportFixtures.nextMonday(clock.instant());
        clock.advanceTo(at(monday.plusDays(7), 0));
        JsonNode report = generate(owner.viewerKey(), "weekly", monday).json();
        assertNotNull(report.get("id"), report.toString());
        String path = "/api/v1/periodic-reports/" + report.get("id").asText();
        assertEquals(200, http.get(path, owner.key()).status());
        for (String suffix : List.of("", ".pdf", ".csv")) {
            assertProblem(http.get(path + suffix, other.key()), 404, "no report");
        }
        assertEquals(0, http.get("/api/v1/periodic-reports", other.key()).json().get("items").size());
        assertProblem(http.get("/api/v1/periodic-reports/abc.pdf", owner.key()), 404, "");

        JsonNode schedule = http.get("/api/v1/periodic-reports/schedule", owner.viewerKey()).json();
        assertFalse(schedule.get("weekly").asBoolean());
        assertTrue(schedule.get("monthly").asBoolean(), "monthly by default");
        assertProblem(http.send("PUT", "/api/v1/periodic-reports/schedule", owner.viewerKey(), json("weekly", true, "monthly", true)),
                403, "");
        assertProblem(http.send("PUT", "/api/v1/periodic-reports/schedule", owner.key(), json("weekly", "often")), 400, "");
        assertFalse(http.get("/api/v1/periodic-reports/schedule", owner.key()).json().get("weekly").asBoolean());
        Http.Response changed = http.send("PUT", "/api/v1/periodic-reports/schedule", owner.key(), json("weekly", true, "monthly", false));
        assertEquals(200, changed.status(), changed.text());
        JsonNode now = http.get("/api/v1/periodic-reports/schedule", owner.viewerKey()).json();
        assertTrue(now.get("weekly").asBoolean());
        assertFalse(now.get("monthly").asBoolean());
        assertTrue(http.get("/api/v1/periodic-reports/schedule", other.key()).json().get("monthly").asBoolean(),
                "another brand's schedule is its own");
    }

    private static void assertProblem(Http.Response response, int status, String detailContains) {
        assertEquals(status, response.status(), response.text());
        assertTrue(response.header("Content-Type").startsWith("application/problem+json"), response.header("Content-Type"));
        String text = response.text();
        assertTrue(text.contains(detailContains), text);
    }
}
