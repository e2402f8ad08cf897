package dev.touchmark.alert;

import static dev.touchmark.testsupport.Http.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.touchmark.App;
import dev.touchmark.access.Principal;
import dev.touchmark.batch.Batch;
import dev.touchmark.batch.NewBatch;
import dev.touchmark.code.BatchCodes;
import dev.touchmark.config.ScanSettings;
import dev.touchmark.config.TouchmarkConfig;
import dev.touchmark.domain.BatchStatus;
import dev.touchmark.product.NewProduct;
import dev.touchmark.testsupport.Http;
import dev.touchmark.testsupport.SimulatedClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Rules that need weeks to pass: slow clones and duplicate print runs, on a simulated clock. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class LateScansContract {
    private final SimulatedClock clock = new SimulatedClock(Instant.parse("2026-03-02T10:00:00Z"));
    private App app;
    private Http http;

    protected abstract TouchmarkConfig config() throws Exception;

    @BeforeAll
    void start() throws Exception {
        ScanSettings settings = new ScanSettings(Optional.of("CF-IPCountry"), Optional.empty(), 730, 0, 10, 1000, 5);
        app = App.start(config().withScans(settings), clock);
        http = new Http(app.port());
    }

    @AfterAll
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    record Fixture(String key, BatchCodes codes, long batchId) {
    }

    private Fixture fixture() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        var created = app.services().brands().create("Late " + suffix, "l-" + suffix + "@brand.example");
        Principal principal = new Principal(created.brand().id(), "test");
        var product = app.services().products().create(principal, new NewProduct("Serum", null, "A serum.", null, List.of("FR")));
        Batch batch = app.services().batches().create(principal,
                new NewBatch(product.id(), 200L, "L-9", null, List.of("FR"), "compact"));
        batch = app.services().batches().changeStatus(principal, batch.id(), BatchStatus.RELEASED, null);
        return new Fixture(created.apiKey(), app.services().batches().codes(batch), batch.id());
    }

    private JsonNode scan(String url, char device) {
        Http.Response r = http.post("/api/v1/verify", null, json("code", url, "deviceId", String.valueOf(device).repeat(26)));
        assertEquals(200, r.status(), r.text());
        return r.json();
    }

    private JsonNode alerts(Fixture f) {
        Http.Response r = http.get("/api/v1/alerts?rule=cloned_code", f.key());
        assertEquals(200, r.status(), r.text());
        return r.json().get("items");
    }

    @Test
    void aLabelComingBackOnNewPhonesWeeksAfterItsSaleIsASlowCloneUnderTheCloneThreshold() {
        Fixture f = fixture();
        String family = f.codes().url(1);
        String copied = f.codes().url(2);
        scan(family, 'A');
        scan(copied, 'A');
        clock.advance(Duration.ofDays(10));
        scan(family, 'B');
        assertEquals("seen_before", scan(family, 'C').get("verdict").asText(), "a family's phones within weeks of the sale");
        clock.advance(Duration.ofDays(12));
        JsonNode gift = scan(copied, 'B');
        assertEquals("seen_before", gift.get("verdict").asText(), "one late phone may be a gift");
        assertTrue(gift.get("riskReasons").toString().contains("late_device"), gift.toString());
        JsonNode third = scan(copied, 'C');
        assertEquals("suspect", third.get("verdict").asText(), third.toString());
        JsonNode items = alerts(f);
        assertEquals(1, items.size(), items.toString());
        String summary = items.get(0).get("summary").asText();
        assertTrue(summary.contains("22 days after its first scan") && summary.contains("phone number 3"), summary);
        assertEquals("code:" + f.batchId() + ":2", items.get(0).get("subject").asText());
    }

    @Test
    void neighbouringCodesComingBackLateTogetherAreADuplicatePrintRun() {
        Fixture f = fixture();
        assertEquals(3, http.get("/api/v1/rules", f.key()).json().get("runCodes").asInt());
        assertEquals(400, http.send("PUT", "/api/v1/rules", f.key(), json("runCodes", 65)).status());
        assertEquals(200, http.send("PUT", "/api/v1/rules", f.key(), json("runCodes", 3)).status());
        for (int i : new int[] {64, 70, 80, 130}) {
            scan(f.codes().url(i), 'A');
        }
        clock.advance(Duration.ofDays(25));
        scan(f.codes().url(64), 'R');
        scan(f.codes().url(130), 'R');
        scan(f.codes().url(70), 'R');
        assertEquals(0, alerts(f).size(), "two codes of one block, one of another");
        scan(f.codes().url(80), 'S');
        JsonNode items = alerts(f);
        assertEquals(1, items.size(), items.toString());
        JsonNode run = items.get(0);
        assertEquals("run:" + f.batchId() + ":64-127", run.get("subject").asText());
        assertEquals(3, run.get("hits").asInt());
        String summary = run.get("summary").asText();
        assertTrue(summary.startsWith("3 codes of lot L-9, serials ") && summary.contains("duplicate print"), summary);
        JsonNode detail = http.get("/api/v1/alerts/" + run.get("id").asText(), f.key()).json();
        assertEquals(3, detail.get("evidence").size(), detail.toString());
        assertFalse(detail.toString().contains("\"null\""), detail.toString());
        scan(f.codes().url(90), 'A');
        scan(f.codes().url(140), 'A');
        scan(f.codes().url(140), 'T');
        assertEquals(3, alerts(f).get(0).get("hits").asInt(), "a second phone soon after the sale, in a block without a run");
        scan(f.codes().url(90), 'T');
        JsonNode listed = alerts(f).get(0);
        assertEquals(4, listed.get("hits").asInt(), "a code of the run's block on a second phone is listed with it");
        assertTrue(listed.get("summary").asText().contains("and 1 more on a second phone"),
                listed.get("summary").asText());
    }

    @Test
    void aDuplicatePrintRunAcrossTheBorderOfTwoBlocksIsOneAlert() {
        Fixture f = fixture();
        for (int i : new int[] {58, 61, 63, 66, 70}) {
            scan(f.codes().url(i), 'A');
        }
        clock.advance(Duration.ofDays(25));
        scan(f.codes().url(58), 'R');
        scan(f.codes().url(61), 'R');
        assertEquals(0, alerts(f).size(), "two codes");
        scan(f.codes().url(66), 'R');
        JsonNode items = alerts(f);
        assertEquals(1, items.size(), "two codes of one block and one of the next, neighbours: " + items);
        assertEquals(3, items.get(0).get("hits").asInt(), items.toString());
        String subject = items.get(0).get("subject").asText();
        String summary = items.get(0).get("summary").asText();
        assertTrue(summary.contains("serials " + f.codes().serial(32) + " to " + f.codes().serial(127)),
                "both windows of the code across the border: " + summary);
        scan(f.codes().url(63), 'R');
        items = alerts(f);
        assertEquals(1, items.size(), "the fourth code, whose own block now has three, joins the run's alert: " + items);
        assertEquals(subject, items.get(0).get("subject").asText());
        assertEquals(4, items.get(0).get("hits").asInt(), items.toString());
        scan(f.codes().url(70), 'T');
        assertEquals(5, alerts(f).get(0).get("hits").asInt(), "a code of the run on a second phone");
    }

    @Test
    void aCopyOfARunsLabelFirstScannedAbroadIsListedWithTheRun() {
        Fixture f = fixture();
        for (int i : new int[] {64, 70, 80}) {
            scan(f.codes().url(i), 'A');
        }
        clock.advance(Duration.ofDays(25));
        for (int i : new int[] {64, 70, 80}) {
            scan(f.codes().url(i), 'R');
        }
        assertEquals(3, alerts(f).get(0).get("hits").asInt(), alerts(f).toString());
        Http.Response abroad = http.post("/api/v1/verify", null, json("code", f.codes().url(90), "deviceId", "N".repeat(26)),
                "CF-IPCountry", "NG");
        assertEquals(200, abroad.status(), abroad.text());
        JsonNode listed = alerts(f);
        assertEquals(1, listed.size(), listed.toString());
        assertEquals(4, listed.get(0).get("hits").asInt(), "one phone's first scan abroad of a code of the run");
        assertTrue(listed.get(0).get("summary").asText().contains("and 1 more on a second phone or abroad"),
                listed.get(0).get("summary").asText());
    }
    /**
     * A code's market sighting is read, not written, when the code comes back within a day; older than that its time
     * moves on, so a code seen abroad again weeks later still counts towards diversion a month after its first scan.
     */
    @Test
    void aCodeSeenAbroadAgainWeeksLaterStillCountsTowardsDiversion() {
        Fixture f = fixture();
        assertEquals(200, http.send("PUT", "/api/v1/rules", f.key(), json("marketCodes", 2)).status());
        for (int i = 0; i < 3; i++) {
            abroad(f, 1, 'N');
        }
        clock.advance(Duration.ofDays(20));
        abroad(f, 1, 'N');
        clock.advance(Duration.ofDays(20));
        assertEquals(0, marketAlerts(f).size(), "one code abroad is a traveller's");
        abroad(f, 2, 'P');
        JsonNode items = marketAlerts(f);
        assertEquals(1, items.size(), "the first code was seen 20 days ago, within the 30-day window: " + items);
        assertEquals("market:" + f.batchId() + ":NG", items.get(0).get("subject").asText());
        assertEquals(2, items.get(0).get("hits").asInt(), items.toString());
        clock.advance(Duration.ofDays(31));
        abroad(f, 3, 'Q');
        assertEquals(2, marketAlerts(f).get(0).get("hits").asInt(), "both earlier codes left the window: one new code only");
    }

    private void abroad(Fixture f, int index, char device) {
        Http.Response r = http.post("/api/v1/verify", null, json("code", f.codes().url(index), "deviceId",
                String.valueOf(device).repeat(26)), "CF-IPCountry", "NG");
        assertEquals(200, r.status(), r.text());
    }

    private JsonNode marketAlerts(Fixture f) {
        Http.Response r = http.get("/api/v1/alerts?rule=out_of_market", f.key());
        assertEquals(200, r.status(), r.text());
        JsonNode items = r.json().get("items");
        List<JsonNode> perCountry = new java.util.ArrayList<>();
        items.forEach(item -> {
            if (item.get("subject").asText().startsWith("market:")) {
                perCountry.add(item);
            }
        });
        return new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(perCountry);
    }
}
