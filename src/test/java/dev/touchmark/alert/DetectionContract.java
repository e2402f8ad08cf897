package dev.touchmark.alert;

import static dev.touchmark.testsupport.Http.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.touchmark.App;
import dev.touchmark.access.Principal;
import dev.touchmark.batch.Batch;
import dev.touchmark.domain.BatchStatus;
import dev.touchmark.batch.NewBatch;
import dev.touchmark.brand.BrandService;
import dev.touchmark.code.BatchCodes;
import dev.touchmark.code.Base32;
import dev.touchmark.code.CodeSigner;
import dev.touchmark.config.ScanSettings;
import dev.touchmark.config.TouchmarkConfig;
import dev.touchmark.product.NewProduct;
import dev.touchmark.testsupport.Http;
import dev.touchmark.testsupport.WebhookReceiver;
import dev.touchmark.testsupport.WebhookTesting;
import dev.touchmark.shopper.RequestFacts;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Counterfeit signals become alerts a brand can read, triage and watch live; run on H2 and PostgreSQL. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DetectionContract {
    private static final ObjectMapper JSON = new ObjectMapper();
    protected App app;
    private Http http;
    private final HttpClient client = HttpClient.newHttpClient();

    protected abstract TouchmarkConfig config() throws Exception;

    @BeforeAll
    void start() throws Exception {
        ScanSettings settings = new ScanSettings(Optional.of("CF-IPCountry"), Optional.empty(), 730, 0, 10, 1000, 4);
        // The client address comes from X-Real-IP when a test sends it (a public network, as a proxy forwards it);
        // without it every scan comes from 127.0.0.1, a local address that marks no household.
        app = App.start(config().withScans(settings.withClientIpHeader("X-Real-IP", 1))
                .withWebhooks(WebhookTesting.fastSettings()), Clock.systemUTC());
        http = new Http(app.port());
    }

    @AfterAll
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    record Fixture(BrandService.CreatedBrand brand, Batch batch, BatchCodes codes) {
        String key() {
            return brand.apiKey();
        }
    }

    Fixture fixture(BatchStatus status) {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        var created = app.services().brands().create("Detect " + suffix, "d-" + suffix + "@brand.example");
        Principal principal = new Principal(created.brand().id(), "test");
        var product = app.services().products().create(principal,
                new NewProduct("Serum", "4006381333931", "A serum.", null, List.of("FR")));
        Batch batch = app.services().batches().create(principal,
                new NewBatch(product.id(), 50L, "L-1", null, List.of("FR", "BE"), "compact"));
        if (status != BatchStatus.DRAFT) {
            batch = app.services().batches().changeStatus(principal, batch.id(), BatchStatus.RELEASED, null);
        }
        return new Fixture(created, batch, app.services().batches().codes(batch));
    }

    static String device(char c) {
        return String.valueOf(c).repeat(26);
    }

    HttpResponse<String> open(String url, String device, String country) throws Exception {
        return open(url, device, country, null);
    }

    /** A phone's check of a label from a client address (null: none forwarded). */
    HttpResponse<String> open(String url, String device, String country, String address) throws Exception {
        String path = url.substring(url.toLowerCase().indexOf("tm.example") + "tm.example".length());
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
                .header("Accept", "application/json").header("Cookie", RequestFacts.DEVICE_COOKIE + "=" + device);
        if (address != null) {
            request.header("X-Real-IP", address);
        }
        if (country != null) {
            request.header("CF-IPCountry", country);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    JsonNode scan(String url, String device, String country) throws Exception {
        HttpResponse<String> response = open(url, device, country);
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }

    int shareLocation(String scanId, String device, double lat, double lon) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/api/v1/scans/" + scanId + "/location"))
                .header("Content-Type", "application/json").header("Cookie", RequestFacts.DEVICE_COOKIE + "=" + device)
                .POST(HttpRequest.BodyPublishers.ofString(json("lat", lat, "lon", lon))).build();
        return client.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    JsonNode alerts(Fixture f, String query) {
        Http.Response r = http.get("/api/v1/alerts" + query, f.key());
        assertEquals(200, r.status(), r.text());
        return r.json().get("items");
    }

    JsonNode onlyAlert(Fixture f, String rule) {
        JsonNode items = alerts(f, "?rule=" + rule);
        assertEquals(1, items.size(), items.toString());
        return items.get(0);
    }

    JsonNode scanFrom(String url, String device, String country, String address) throws Exception {
        HttpResponse<String> response = open(url, device, country, address);
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }

    @Test
    void aHouseholdCheckingOnSixBrowsersAtHomeIsOnePhoneButSixStrangersAreAClone() throws Exception {
        Fixture f = fixture(BatchStatus.RELEASED);
        String home = f.codes().url(30);
        for (char c : "ABCDEF".toCharArray()) {
            JsonNode v = scanFrom(home, device(c), "FR", "81.12.34." + (10 + c));
            assertFalse(v.get("verdict").asText().equals("suspect"), c + ": " + v);
        }
        assertEquals(0, alerts(f, "?rule=cloned_code").size(), "one household on its home line is not a clone");

        String copied = f.codes().url(31);
        int i = 0;
        JsonNode last = null;
        for (char c : "GHIJK".toCharArray()) {
            last = scanFrom(copied, device(c), "FR", "90." + (20 + i++) + ".7.8");
        }
        assertEquals("suspect", last.get("verdict").asText(), "five phones on five networks");
        assertEquals(1, alerts(f, "?rule=cloned_code").size());
    }

    @Test
    void anOwnersCookieReplayedFromNetworkAfterNetworkBecomesSuspect() throws Exception {
        Fixture f = fixture(BatchStatus.RELEASED);
        String url = f.codes().url(32);
        String owner = device('O');
        assertEquals("genuine", scanFrom(url, owner, "FR", "81.40.1.2").get("verdict").asText());
        assertEquals("genuine", scanFrom(url, owner, "FR", "81.40.1.3").get("verdict").asText(), "at home again");
        JsonNode verdict = null;
        for (int n = 0; n < 8; n++) {
            verdict = scanFrom(url, owner, "FR", "95." + (30 + n) + ".9.9");
        }
        assertEquals("suspect", verdict.get("verdict").asText(), verdict.toString());
        assertTrue(verdict.get("riskReasons").toString().contains("replayed_cookie"), verdict.toString());
        assertEquals(1, alerts(f, "?rule=cloned_code").size(), "the copies carrying the cookie reach the clone threshold");
    }

    @Test
    void aLabelCopiedOntoManyPhonesRaisesOneCloneAlertWithEvidenceAndTheShopperIsToldWhy() throws Exception {
        Fixture f = fixture(BatchStatus.RELEASED);
        String url = f.codes().url(1);
        for (char c : "ABC".toCharArray()) {
            assertFalse(scan(url, device(c), "FR").get("verdict").asText().equals("suspect"));
        }
        JsonNode fourth = scan(url, device('D'), "FR");
        assertEquals("suspect", fourth.get("verdict").asText());
        assertTrue(fourth.get("risk").asInt() >= 60);
        assertEquals("many_devices", fourth.get("riskReasons").get(0).asText());
        scan(url, device('E'), "FR");
        JsonNode alert = onlyAlert(f, "cloned_code");
        assertEquals("open", alert.get("status").asText());
        assertEquals("high", alert.get("severity").asText());
        assertEquals(2, alert.get("hits").asInt(), "the fifth phone adds to the open alert instead of opening another");
        assertTrue(alert.get("summary").asText().contains("5 different phones"), alert.get("summary").asText());
        JsonNode detail = http.get("/api/v1/alerts/" + alert.get("id").asText(), f.key()).json();
        assertEquals(2, detail.get("evidence").size());
        assertFalse(detail.get("evidence").get(0).get("scanId").isNull());

        HttpResponse<String> page = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port()
                        + url.substring(url.indexOf("/V/")))).header("Cookie", RequestFacts.DEVICE_COOKIE + "=" + device('F'))
                .header("Accept-Language", "en").build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(page.body().contains("different phones"), "the page says why in words");
    }

    @Test
    void alertsAreListedMostRecentlySeenFirstSoAnOldAlertHitAgainComesFirstAndPagesFollowThatOrder() throws Exception {
        Fixture f = fixture(BatchStatus.RELEASED);
        for (int code : new int[] {1, 2}) {
            for (char c : "ABCD".toCharArray()) {
                scan(f.codes().url(code), device(c), "FR");
            }
        }
        JsonNode before = alerts(f, "?rule=cloned_code");
        assertEquals(2, before.size(), before.toString());
        String newer = before.get(0).get("id").asText();
        String older = before.get(1).get("id").asText();
        assertTrue(Long.parseLong(older) < Long.parseLong(newer), "the later clone is listed first: " + before);

        scan(f.codes().url(1), device('E'), "FR"); // the older alert is hit again
        JsonNode after = alerts(f, "?rule=cloned_code");
        assertEquals(List.of(older, newer), List.of(after.get(0).get("id").asText(), after.get(1).get("id").asText()),
                "most recently seen first: " + after);
        Http.Response first = http.get("/api/v1/alerts?rule=cloned_code&limit=1", f.key());
        assertEquals(older, first.json().get("items").get(0).get("id").asText());
        Http.Response second = http.get("/api/v1/alerts?rule=cloned_code&limit=1&before="
                + first.json().get("nextBefore").asText(), f.key());
        assertEquals(newer, second.json().get("items").get(0).get("id").asText(), "the next page follows the same order");
    }

    @Test
    void anotherBrandNeitherSeesNorChangesTheAlert() throws Exception {
        Fixture f = fixture(BatchStatus.RELEASED);
        Fixture other = fixture(BatchStatus.RELEASED);
        String url = f.codes().url(2);
        for (char c : "ABCD".toCharArray()) {
            scan(url, device(c), "FR");
        }
        String id = onlyAlert(f, "cloned_code").get("id").asText();
        assertEquals(0, alerts(other, "").size());
        assertEquals(404, http.get("/api/v1/alerts/" + id, other.key()).status());
        assertEquals(404, http.post("/api/v1/alerts/" + id + "/status", other.key(), json("status", "resolved")).status());
        assertEquals("open", http.get("/api/v1/alerts/" + id, f.key()).json().get("status").asText());
        assertEquals(401, http.get("/api/v1/alerts", null).status());
    }

    @Test
    void anAlertIsWrittenInTheLanguageItsReaderAsksForAndOnlyForItsBrand() throws Exception {
        Fixture f = fixture(BatchStatus.RELEASED);
        Fixture other = fixture(BatchStatus.RELEASED);
        String url = f.codes().url(48);
        for (char c : "ABCD".toCharArray()) {
            scan(url, device(c), "FR");
        }
        String id = onlyAlert(f, "cloned_code").get("id").asText();
        // Named as staff know them: by the lot number and the serial printed on the label.
        String serial = f.codes().serial(48);
        String chinese = "批号 L-1 的码 " + serial + " 已在 4 部不同的手机上被验证（阈值为 4 部）";
        String english = "Code " + serial + " of lot L-1 has been verified on 4 different phones (the threshold is 4).";

        Http.Response zhList = http.get("/api/v1/alerts?rule=cloned_code", f.key(), "Accept-Language", "zh-CN");
        assertEquals(200, zhList.status(), zhList.text());
        assertTrue(zhList.json().get("items").get(0).get("summary").asText().startsWith(chinese), zhList.text());
        assertEquals("Accept-Language", zhList.header("Vary"));
        for (String zh : List.of("zh", "zh-Hans", "zh-CN,zh;q=0.9,en;q=0.8")) {
            assertTrue(http.get("/api/v1/alerts/" + id, f.key(), "Accept-Language", zh).json().get("summary").asText()
                    .startsWith(chinese), zh);
        }
        assertTrue(http.get("/api/v1/alerts/" + id + "?lang=zh", f.key()).json().get("summary").asText().startsWith(chinese));
        for (String en : List.of("en", "en-US,en;q=0.9", "fr-FR")) {
            assertTrue(http.get("/api/v1/alerts/" + id, f.key(), "Accept-Language", en).json().get("summary").asText()
                    .startsWith(english), en);
        }
        assertTrue(alerts(f, "?rule=cloned_code").get(0).get("summary").asText().startsWith(english),
                "clients that ask for no language get English, as before");

        JsonNode zhDetail = http.get("/api/v1/alerts/" + id, f.key(), "Accept-Language", "zh-CN").json();
        assertEquals("在法国（FR）的第 4 部手机上验证。", zhDetail.get("evidence").get(0).get("note").asText());
        JsonNode enDetail = http.get("/api/v1/alerts/" + id, f.key(), "Accept-Language", "en").json();
        assertEquals("Verified on phone number 4 in France (FR).", enDetail.get("evidence").get(0).get("note").asText());

        Http.Response changed = http.post("/api/v1/alerts/" + id + "/status?lang=zh-CN", f.key(), json("status", "acknowledged"));
        assertEquals(200, changed.status(), changed.text());
        assertTrue(changed.json().get("summary").asText().startsWith(chinese), changed.text());

        assertEquals(404, http.get("/api/v1/alerts/" + id, other.key(), "Accept-Language", "zh-CN").status());
        assertEquals(0, http.get("/api/v1/alerts", other.key(), "Accept-Language", "zh-CN").json().get("items").size());

        // Facts that no longer say what the stored English says (a node of an older version added a hit and
        // rewrote only the English) are not used: the reader gets the stored English, as webhooks do.
        var dsl = app.services().database().dsl();
        String rewritten = english + " (rewritten by an older node)";
        dsl.update(dev.touchmark.db.jooq.Tables.ALERT).set(dev.touchmark.db.jooq.Tables.ALERT.SUMMARY, rewritten)
                .where(dev.touchmark.db.jooq.Tables.ALERT.ID.eq(Long.parseLong(id))).execute();
        assertEquals(rewritten, http.get("/api/v1/alerts/" + id, f.key(), "Accept-Language", "zh-CN").json()
                .get("summary").asText());
        // An alert recorded before facts were kept is shown as it was stored, in English.
        dsl.update(dev.touchmark.db.jooq.Tables.ALERT).setNull(dev.touchmark.db.jooq.Tables.ALERT.SUMMARY_FACTS)
                .where(dev.touchmark.db.jooq.Tables.ALERT.ID.eq(Long.parseLong(id))).execute();
        dsl.update(dev.touchmark.db.jooq.Tables.ALERT_EVIDENCE).setNull(dev.touchmark.db.jooq.Tables.ALERT_EVIDENCE.NOTE_FACTS)
                .where(dev.touchmark.db.jooq.Tables.ALERT_EVIDENCE.ALERT_ID.eq(Long.parseLong(id))).execute();
        JsonNode old = http.get("/api/v1/alerts/" + id, f.key(), "Accept-Language", "zh-CN").json();
        assertTrue(old.get("summary").asText().startsWith(english), old.toString());
        assertEquals("Verified on phone number 4 in France (FR).", old.get("evidence").get(0).get("note").asText());
    }

    @Test
    void alertsMoveThroughTriageWithWhoWhenAndWhyAndRefuseIllegalMoves() throws Exception {
        Fixture f = fixture(BatchStatus.RELEASED);
        for (char c : "ABCD".toCharArray()) {
            scan(f.codes().url(3), device(c), "FR");
        }
        String path = "/api/v1/alerts/" + onlyAlert(f, "cloned_code").get("id").asText();
        Http.Response ack = http.post(path + "/status", f.key(), json("status", "acknowledged", "comment", "Looking"));
        assertEquals(200, ack.status(), ack.text());
        assertEquals("acknowledged", ack.json().get("status").asText());
        assertEquals(409, http.post(path + "/status", f.key(), json("status", "open")).status());
        assertEquals(400, http.post(path + "/status", f.key(), json("status", "closed")).status());
        assertEquals(200, http.post(path + "/status", f.key(), json("status", "resolved", "comment", "Seller struck off")).status());
        Http.Response reopen = http.post(path + "/status", f.key(), json("status", "open"));
        assertEquals(409, reopen.status());
        assertTrue(reopen.text().contains("comment"), reopen.text());
        assertEquals(200, http.post(path + "/status", f.key(), json("status", "open", "comment", "It came back")).status());
        JsonNode history = http.get(path, f.key()).json().get("history");
        assertEquals(3, history.size());
        assertEquals("resolved", history.get(1).get("to").asText());
        assertEquals("Seller struck off", history.get(1).get("comment").asText());
        assertFalse(history.get(1).get("actor").asText().isBlank());
        assertEquals(404, http.get("/api/v1/alerts/999999999", f.key()).status());
        assertEquals(400, http.get("/api/v1/alerts?status=maybe", f.key()).status());
    }

    @Test
    void aFalsePositiveStaysQuietWhenThePatternContinues() throws Exception {
        Fixture f = fixture(BatchStatus.RELEASED);
        String url = f.codes().url(4);
        for (char c : "ABCD".toCharArray()) {
            scan(url, device(c), "FR");
        }
        String id = onlyAlert(f, "cloned_code").get("id").asText();
        assertEquals(200, http.post("/api/v1/alerts/" + id + "/status", f.key(),
                json("status", "false_positive", "comment", "A school class")).status());
        scan(url, device('E'), "FR");
        JsonNode alert = onlyAlert(f, "cloned_code");
        assertEquals("false_positive", alert.get("status").asText());
        assertEquals(2, alert.get("hits").asInt());
    }

    @Test
    void scansOutsideTheMarketsOfUnreleasedBatchesAndForgedCodesRaiseTheirAlerts() throws Exception {
        Fixture f = fixture(BatchStatus.RELEASED);
        JsonNode abroad = scan(f.codes().url(5), device('A'), "CN");
        assertEquals("genuine", abroad.get("verdict").asText(), "one scan abroad alone is not suspect");
        assertEquals("out_of_market", abroad.get("riskReasons").get(0).asText());
        scan(f.codes().url(5), device('A'), "CN");
        scan(f.codes().url(11), device('B'), "CN");
        assertEquals(0, alerts(f, "?rule=out_of_market").size(), "two codes abroad may be tourists");
        scan(f.codes().url(12), device('C'), "CN");
        assertTrue(onlyAlert(f, "out_of_market").get("summary").asText().contains("3 codes"));
        assertTrue(onlyAlert(f, "out_of_market").get("summary").asText().contains("China"));

        Fixture draft = fixture(BatchStatus.DRAFT);
        assertEquals("not_released", scan(draft.codes().url(0), device('A'), "FR").get("verdict").asText());
        assertTrue(onlyAlert(draft, "unreleased_scan").get("summary").asText().contains("printer"));

        String url = f.codes().url(6);
        String forged = url.substring(0, url.length() - 2) + (url.endsWith("AA") ? "BA" : "AA");
        assertEquals("not_genuine", scan(forged, device('B'), "FR").get("verdict").asText());
        JsonNode alert = onlyAlert(f, "forged_code");
        assertEquals(String.valueOf(f.batch().id()), alert.get("batchId").asText());
    }

    @Test
    void validlySignedCodesBeyondTheBatchAreOneOverrunAlertNotAForgery() throws Exception {
        Fixture f = fixture(BatchStatus.RELEASED);
        CodeSigner signer = app.services().keys().signer(f.batch().brandId(), f.batch().signingKeyId());
        String base = f.codes().url(0);
        String prefix = base.substring(0, base.indexOf("/V/") + 3);
        for (long index : new long[] {50, 51, 75}) {
            JsonNode answer = scan(prefix + Base32.encode(signer.payload(f.batch().id(), index)), device('A'), "FR");
            assertEquals("not_genuine", answer.get("verdict").asText());
            assertEquals("index_out_of_range", answer.get("reason").asText());
        }
        assertEquals(0, alerts(f, "?rule=forged_code").size(), "signed with the brand's key: not a forgery");
        JsonNode alert = onlyAlert(f, "overrun");
        assertEquals("batch:" + f.batch().id(), alert.get("subject").asText());
        assertEquals(3, alert.get("hits").asInt());
        String summary = alert.get("summary").asText();
        assertTrue(summary.contains("beyond the lot's 50 codes") && summary.contains("printer")
                && summary.contains("signing key") && !summary.contains("not made with your key"), summary);
        JsonNode detail = http.get("/api/v1/alerts/" + alert.get("id").asText(), f.key()).json();
        assertTrue(detail.get("evidence").toString().contains("is beyond the lot's 50 codes"), detail.toString());
        String page = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port()
                        + (prefix + Base32.encode(signer.payload(f.batch().id(), 60))).substring(base.indexOf("/V/")))).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)).body();
        assertTrue(page.contains("beyond the codes printed for its batch"), page);
    }

    @Test
    void aCodeScannedInFarApartCountriesWithinHoursIsImpossibleTravelWithoutAnyLocation() throws Exception {
        Fixture f = fixture(BatchStatus.RELEASED);
        String url = f.codes().url(8);
        assertEquals("genuine", scan(url, device('A'), "FR").get("verdict").asText());
        JsonNode neighbour = scan(url, device('A'), "BE");
        assertFalse(neighbour.get("riskReasons").toString().contains("impossible_travel"), "France and Belgium touch: " + neighbour);
        assertEquals(0, alerts(f, "?rule=impossible_travel").size());
        JsonNode dubai = scan(url, device('B'), "AE");
        assertEquals("suspect", dubai.get("verdict").asText(), dubai.toString());
        assertTrue(dubai.get("riskReasons").toString().contains("impossible_travel"), dubai.toString());
        JsonNode alert = onlyAlert(f, "impossible_travel");
        String summary = alert.get("summary").asText();
        assertTrue(summary.contains("in United Arab Emirates (AE)") && summary.contains("after a scan in Belgium (BE)")
                && summary.contains("at least"), summary);
        String page = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port()
                        + url.substring(url.indexOf("/V/")))).header("Cookie", RequestFacts.DEVICE_COOKIE + "=" + device('C'))
                .header("CF-IPCountry", "FR").build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)).body();
        assertTrue(page.contains("too far apart"), "the shopper back in France is told why: " + page);
        assertEquals(2, onlyAlert(f, "impossible_travel").get("hits").asInt());
    }

    @Test
    void twoLocatedScansTooFarApartAreImpossibleTravel() throws Exception {
        Fixture f = fixture(BatchStatus.RELEASED);
        String url = f.codes().url(7);
        String paris = scan(url, device('A'), "FR").get("scanId").asText();
        assertEquals(204, shareLocation(paris, device('A'), 48.86, 2.35));
        String shanghai = scan(url, device('B'), "FR").get("scanId").asText();
        assertEquals(204, shareLocation(shanghai, device('B'), 31.23, 121.47));
        JsonNode alert = onlyAlert(f, "impossible_travel");
        assertTrue(alert.get("summary").asText().contains("km/h"), alert.get("summary").asText());
        assertEquals(404, shareLocation(shanghai, device('B'), 31.23, 121.47), "a location is accepted once");
    }

    @Test
    void thresholdsArePerBrandAndValidated() throws Exception {
        Fixture f = fixture(BatchStatus.RELEASED);
        assertEquals(4, http.get("/api/v1/rules", f.key()).json().get("cloneDevices").asInt());
        Http.Response bad = http.send("PUT", "/api/v1/rules", f.key(), json("cloneDevices", 1));
        assertEquals(400, bad.status());
        assertTrue(bad.text().contains("cloneDevices"), bad.text());
        assertEquals(400, http.send("PUT", "/api/v1/rules", f.key(), json("clone", 3)).status());
        Http.Response ok = http.send("PUT", "/api/v1/rules", f.key(), json("cloneDevices", 2));
        assertEquals(200, ok.status(), ok.text());
        String url = f.codes().url(8);
        scan(url, device('A'), "FR");
        assertEquals("suspect", scan(url, device('B'), "FR").get("verdict").asText(), "two phones now make a clone");
        Fixture other = fixture(BatchStatus.RELEASED);
        assertEquals(4, http.get("/api/v1/rules", other.key()).json().get("cloneDevices").asInt());
    }

    /** An open live feed: {@code subscribed} completes with its first event, {@code alert} with its first alert's data. */
    private record Feed(CompletableFuture<Void> subscribed, CompletableFuture<String> alert) {
    }

    /** Opens the live feed and follows it on another thread. */
    private Feed openFeed(Fixture f, String query, List<HttpResponse<InputStream>> opened) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/api/v1/events" + query))
                .header("Accept", "text/event-stream").header("Authorization", "Bearer " + f.key()).build();
        HttpResponse<InputStream> stream = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, stream.statusCode());
        opened.add(stream);
        BufferedReader reader = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8));
        var subscribed = new CompletableFuture<Void>();
        // The feed sends the brand's counts once it has registered a subscriber: the first event of any kind
        // means that alerts from now on reach this stream.
        CompletableFuture<String> alert = CompletableFuture.supplyAsync(() -> {
            try {
                String line;
                boolean alertEvent = false;
                while ((line = reader.readLine()) != null) {
                    if (line.startsWith("event:")) {
                        subscribed.complete(null);
                    }
                    if (line.equals("event: alert")) {
                        alertEvent = true;
                    } else if (alertEvent && line.startsWith("data:")) {
                        return line.substring(5).strip();
                    }
                }
                return null;
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            } finally {
                subscribed.complete(null);
            }
        });
        return new Feed(subscribed, alert);
    }

    @Test
    void theLiveFeedDeliversANewAlertToItsBrandInTheLanguageOfEachSubscriber() throws Exception {
        Fixture f = fixture(BatchStatus.RELEASED);
        List<HttpResponse<InputStream>> streams = new java.util.ArrayList<>();
        Feed english = openFeed(f, "", streams);
        Feed chinese = openFeed(f, "?lang=zh-CN", streams);
        english.subscribed().get(30, TimeUnit.SECONDS);
        chinese.subscribed().get(30, TimeUnit.SECONDS);
        String url = f.codes().url(9);
        for (char c : "ABCD".toCharArray()) {
            scan(url, device(c), "FR");
        }
        String data = english.alert().get(30, TimeUnit.SECONDS);
        assertEquals("cloned_code", JSON.readTree(data).get("rule").asText());
        assertTrue(JSON.readTree(data).get("summary").asText().contains("4 different phones"), data);
        JsonNode zh = JSON.readTree(chinese.alert().get(30, TimeUnit.SECONDS));
        assertEquals(JSON.readTree(data).get("id"), zh.get("id"));
        assertTrue(zh.get("summary").asText().contains("已在 4 部不同的手机上被验证"), zh.toString());
        for (HttpResponse<InputStream> stream : streams) {
            stream.body().close();
        }
        assertEquals(401, client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/api/v1/events"))
                .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.discarding()).statusCode());
    }

    JsonNode apiScan(String url, String device, double lat, double lon) {
        Http.Response r = http.post("/api/v1/verify", null, json("code", url, "deviceId", device, "lat", lat, "lon", lon));
        assertEquals(200, r.status(), r.text());
        return r.json();
    }

    @Test
    void aFloodOfScansOnOneBatchIsABurst() throws Exception {
        Fixture f = fixture(BatchStatus.RELEASED);
        assertEquals(200, http.send("PUT", "/api/v1/rules", f.key(), json("burstMinScans", 10, "burstFactor", 2)).status());
        for (int i = 10; i < 22; i++) {
            scan(f.codes().url(i), device((char) ('A' + i - 10)), "FR");
        }
        JsonNode burst = onlyAlert(f, "scan_burst");
        assertEquals(String.valueOf(f.batch().id()), burst.get("batchId").asText());
        assertTrue(burst.get("summary").asText().contains("scans in one hour"), burst.get("summary").asText());
    }

    @Test
    void suspectCodesClusteringInOneAreaMakeAHotspotThatLaterScansThereAreToldAbout() throws Exception {
        Fixture f = fixture(BatchStatus.RELEASED);
        assertEquals(200, http.send("PUT", "/api/v1/rules", f.key(), json("cloneDevices", 2)).status());
        for (int i = 30; i < 33; i++) {
            apiScan(f.codes().url(i), device('A'), 45.76, 4.84);
            assertEquals("suspect", apiScan(f.codes().url(i), device('B'), 45.74, 4.86).get("verdict").asText());
        }
        JsonNode hotspot = onlyAlert(f, "hotspot");
        assertTrue(hotspot.get("summary").asText().contains("3 suspect codes"), hotspot.get("summary").asText());
        JsonNode map = http.get("/api/v1/stats/map", f.key(), "Accept-Language", "zh-CN").json();
        assertTrue(map.get("hotspots").get(0).get("summary").asText().contains("扫描到 3 个可疑码"), map.toString());
        assertEquals(45.7, hotspot.get("lat").asDouble(), 0.5);
        JsonNode inside = apiScan(f.codes().url(33), device('C'), 45.75, 4.85);
        assertEquals("known_hotspot", inside.get("riskReasons").get(0).asText());
        assertEquals("genuine", inside.get("verdict").asText(), "a first scan inside a hotspot is not suspect on its own");
        assertEquals(400, http.post("/api/v1/verify", null, json("code", f.codes().url(34), "lat", 91, "lon", 0)).status());
        assertEquals(400, http.post("/api/v1/verify", null, json("code", f.codes().url(34), "lat", 45)).status());
    }

    @Test
    void onlyScansSuspectFromTheirCodeFeedAHotspotNotScansMadeSuspectByTheHotspotItself() throws Exception {
        Fixture f = fixture(BatchStatus.RELEASED);
        assertEquals(200, http.send("PUT", "/api/v1/rules", f.key(), json("cloneDevices", 3)).status());
        for (int i = 30; i < 33; i++) {
            apiScan(f.codes().url(i), device('A'), 50.94, 6.96);
            apiScan(f.codes().url(i), device('B'), 50.93, 6.95);
            assertEquals("suspect", apiScan(f.codes().url(i), device('C'), 50.92, 6.97).get("verdict").asText());
        }
        assertEquals(3, onlyAlert(f, "hotspot").get("hits").asInt());
        for (int i = 33; i < 37; i++) {
            // a family's second phone inside the hotspot: 15 + 45 points, suspect for the shopper, but no evidence of a copy
            apiScan(f.codes().url(i), device('A'), 50.94, 6.96);
            JsonNode second = apiScan(f.codes().url(i), device('B'), 50.93, 6.95);
            assertEquals("suspect", second.get("verdict").asText());
            assertTrue(second.get("riskReasons").toString().contains("known_hotspot"), second.toString());
        }
        JsonNode hotspot = onlyAlert(f, "hotspot");
        assertEquals(3, hotspot.get("hits").asInt(), "scans suspect only through the hotspot are not sightings: " + hotspot);
        assertTrue(hotspot.get("summary").asText().startsWith("3 suspect codes"), hotspot.get("summary").asText());
        apiScan(f.codes().url(33), device('C'), 50.92, 6.97);
        assertEquals(4, onlyAlert(f, "hotspot").get("hits").asInt(), "a third phone is evidence of its own");
    }

    @Test
    void aHotspotsSummaryHitsEvidenceAndTheMapCountTheSameSuspectCodes() throws Exception {
        Fixture f = fixture(BatchStatus.RELEASED);
        assertEquals(200, http.send("PUT", "/api/v1/rules", f.key(), json("cloneDevices", 2)).status());
        Principal principal = new Principal(f.brand().brand().id(), "test");
        Batch draft = app.services().batches().create(principal,
                new NewBatch(f.batch().productId(), 20L, "L-DRAFT", null, List.of("FR", "BE"), "compact"));
        BatchCodes draftCodes = app.services().batches().codes(draft);
        for (int i = 0; i < 3; i++) {
            // a leaked draft label scanned by two phones is at risk, but its verdict is not_released, never suspect
            apiScan(draftCodes.url(i), device('A'), 45.76, 4.84);
            assertEquals("not_released", apiScan(draftCodes.url(i), device('B'), 45.74, 4.86).get("verdict").asText());
        }
        for (int i = 0; i < 5; i++) {
            apiScan(f.codes().url(i), device('A'), 45.76, 4.84);
            assertEquals("suspect", apiScan(f.codes().url(i), device('B'), 45.74, 4.86).get("verdict").asText());
        }
        assertEquals("suspect", apiScan(f.codes().url(0), device('C'), 45.75, 4.85).get("verdict").asText(),
                "a code seen again is still one code");

        JsonNode hotspot = onlyAlert(f, "hotspot");
        assertTrue(hotspot.get("summary").asText().startsWith("5 suspect codes"), hotspot.get("summary").asText());
        JsonNode detail = http.get("/api/v1/alerts/" + hotspot.get("id").asText(), f.key()).json();
        assertEquals(5, detail.get("hits").asLong(), detail.toString());
        assertEquals(5, detail.get("evidence").size(), detail.toString());
        JsonNode map = http.get("/api/v1/stats/map?days=7", f.key()).json();
        JsonNode cell = map.get("cells").get(0);
        assertEquals(1, map.get("cells").size(), map.toString());
        assertEquals(5, cell.get("suspectCodes").asLong(), map.toString());
        assertEquals(6, cell.get("suspect").asLong(), "six suspect scans of five codes: " + map);
        long tableSuspect = 0;
        for (JsonNode country : map.get("countries")) {
            tableSuspect += country.get("suspect").asLong();
        }
        assertEquals(cell.get("suspect").asLong(), tableSuspect, "the map's dots and its table count the same scans: " + map);
    }

    @Test
    void scansOfADraftBatchRaiseOnlyTheLeakAlert() throws Exception {
        Fixture draft = fixture(BatchStatus.DRAFT);
        for (int i = 0; i < 4; i++) {
            scan(draft.codes().url(i), device('A'), "CN");
            scan(draft.codes().url(i), device('B'), "CN");
            scan(draft.codes().url(i), device('C'), "CN");
        }
        JsonNode all = alerts(draft, "");
        assertEquals(1, all.size(), all.toString());
        assertEquals("unreleased_scan", all.get(0).get("rule").asText());
    }

    @Test
    void aDiversionAlertCountsAsManyCodesAsItHasHitsAndEvidence() throws Exception {
        Fixture f = fixture(BatchStatus.RELEASED);
        for (int i = 0; i < 4; i++) {
            scan(f.codes().url(i), device('A'), "CN");
            scan(f.codes().url(i), device('A'), "CN");
        }
        JsonNode market = onlyAlert(f, "out_of_market");
        assertTrue(market.get("summary").asText().startsWith("4 codes"), market.get("summary").asText());
        JsonNode detail = http.get("/api/v1/alerts/" + market.get("id").asText(), f.key()).json();
        assertEquals(4, detail.get("hits").asLong(), detail.toString());
        assertEquals(4, detail.get("evidence").size(), detail.toString());
    }

    @Test
    void diversionIsJudgedPerPhoneSoCodesScannedAtHomeByADistributorStillCountAndTouristsDoNot() throws Exception {
        Fixture f = fixture(BatchStatus.RELEASED);
        for (int i = 20; i < 22; i++) {
            // tourists: the owner's phone at home, then the same phone abroad
            scan(f.codes().url(i), device('T'), "FR");
            scan(f.codes().url(i), device('T'), "CN");
        }
        for (int i = 22; i < 24; i++) {
            scan(f.codes().url(i), device('D'), "FR");
            scan(f.codes().url(i), device((char) ('K' + i - 22)), "CN");
        }
        assertEquals(0, alerts(f, "?rule=out_of_market").size(), "two laundered codes and two tourists are not three codes");
        scan(f.codes().url(24), device('D'), "FR");
        scan(f.codes().url(24), device('M'), "CN");
        JsonNode market = onlyAlert(f, "out_of_market");
        assertTrue(market.get("summary").asText().startsWith("3 codes") && market.get("summary").asText().contains("China"),
                market.get("summary").asText());
        assertEquals(3, market.get("hits").asInt());
    }

    @Test
    void diversionSpreadAFewCodesPerCountryIsCountedAcrossTheBatch() throws Exception {
        Fixture f = fixture(BatchStatus.RELEASED);
        assertEquals(10, http.get("/api/v1/rules", f.key()).json().get("marketBatchCodes").asInt());
        assertEquals(400, http.send("PUT", "/api/v1/rules", f.key(), json("marketBatchCodes", 0)).status());
        assertEquals(14, http.get("/api/v1/rules", f.key()).json().get("lateDeviceDays").asInt());
        assertEquals(400, http.send("PUT", "/api/v1/rules", f.key(), json("lateDeviceDays", 0)).status());
        assertEquals(200, http.send("PUT", "/api/v1/rules", f.key(), json("marketBatchCodes", 6)).status());
        String[] countries = {"CN", "JP", "US"};
        int code = 0;
        for (String country : countries) {
            for (int n = 0; n < 2; n++, code++) {
                assertEquals(0, alerts(f, "?rule=out_of_market").size(), "fewer than six codes abroad");
                scan(f.codes().url(code), device((char) ('A' + code)), country);
            }
        }
        JsonNode spread = onlyAlert(f, "out_of_market");
        assertEquals("batch:" + f.batch().id(), spread.get("subject").asText());
        assertTrue(spread.get("summary").asText().startsWith("6 codes of lot L-1 were scanned outside its markets"),
                spread.get("summary").asText());
        JsonNode detail = http.get("/api/v1/alerts/" + spread.get("id").asText(), f.key()).json();
        assertEquals(6, detail.get("hits").asLong(), detail.toString());
        assertEquals(6, detail.get("evidence").size(), detail.toString());
    }

    @Test
    void aShoppersReportBecomesAnAlertOnTheCode() throws Exception {
        Fixture f = fixture(BatchStatus.RELEASED);
        String scanId = scan(f.codes().url(40), device('A'), "FR").get("scanId").asText();
        HttpRequest report = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/report"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("scanId=" + scanId + "&seller=Market+stall&comment=Smells+wrong")).build();
        int status = client.send(report, HttpResponse.BodyHandlers.discarding()).statusCode();
        assertTrue(status < 400, "report answered " + status);
        JsonNode alert = onlyAlert(f, "shopper_report");
        assertTrue(alert.get("summary").asText().contains("Market stall"), alert.get("summary").asText());
        assertEquals("40", alert.get("codeIndex").asText());
    }

    @Test
    void newAlertsAndStatusChangesAreSentAsWebhooks() throws Exception {
        Fixture f = fixture(BatchStatus.RELEASED);
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            Http.Response endpoint = http.post("/api/v1/webhooks", f.key(), json("url", receiver.url()));
            assertEquals(201, endpoint.status(), endpoint.text());
            for (char c : "ABCDE".toCharArray()) {
                scan(f.codes().url(45), device(c), "FR");
            }
            WebhookTesting.await(Duration.ofSeconds(10), () -> receiver.requests().size() >= 1, receiver::bodies);
            JsonNode created = JSON.readTree(receiver.requests().get(0).text());
            assertEquals("alert.created", created.get("type").asText());
            assertEquals("cloned_code", created.get("data").get("rule").asText());
            assertTrue(created.get("data").get("summary").asText().contains("different phones"), "webhooks carry English");
            assertEquals(1, receiver.requests().size(), "a further phone adds to the alert without a new event");
            String id = created.get("data").get("id").asText();
            assertEquals(200, http.post("/api/v1/alerts/" + id + "/status", f.key(), json("status", "acknowledged")).status());
            WebhookTesting.await(Duration.ofSeconds(10), () -> receiver.requests().size() >= 2, receiver::bodies);
            JsonNode updated = JSON.readTree(receiver.requests().get(1).text());
            assertEquals("alert.updated", updated.get("type").asText());
            assertEquals("acknowledged", updated.get("data").get("status").asText());
        }
    }

    @Test
    void theOverviewMapAndCodeLookupComeFromRollupsAndStayWithinTheBrand() throws Exception {
        Fixture f = fixture(BatchStatus.RELEASED);
        scan(f.codes().url(46), device('A'), "FR");
        scan(f.codes().url(46), device('B'), "DE");
        apiScan(f.codes().url(47), device('C'), 48.85, 2.35);
        Principal principal = new Principal(f.brand().brand().id(), "test");
        app.services().batches().create(principal, new NewBatch(f.batch().productId(), 20L, "L-NEXT", null, null, "compact"));
        JsonNode overview = http.get("/api/v1/stats/overview", f.key()).json();
        assertEquals(50, overview.get("codesMinted").asLong(), "a draft batch's codes are not minted yet: " + overview);
        assertEquals(20, overview.get("codesInDrafts").asLong());
        assertEquals(3, overview.get("scansToday").asLong());
        assertEquals(3, overview.get("scans30Days").asLong());
        assertEquals(30, overview.get("daily").size());
        assertEquals(48, overview.get("hourly").size());
        assertEquals(3, overview.get("daily").get(29).get("scans").asLong());
        JsonNode map = http.get("/api/v1/stats/map?days=7", f.key()).json();
        assertTrue(map.get("countries").toString().contains("\"FR\""), map.toString());
        assertEquals(1, map.get("cells").size());
        assertEquals(48.85, map.get("cells").get(0).get("lat").asDouble(), 0.3);

        String lookup = "/api/v1/codes/lookup?code=" + java.net.URLEncoder.encode(f.codes().url(46), StandardCharsets.UTF_8);
        JsonNode code = http.get(lookup, f.key()).json();
        assertTrue(code.get("valid").asBoolean());
        assertEquals(2, code.get("scans").size());
        assertEquals(2, code.get("state").get("devices").asInt());
        assertEquals("seen_before", code.get("scans").get(0).get("verdict").asText());
        assertEquals(3, http.get("/api/v1/stats/overview", f.key()).json().get("scansToday").asLong(), "a lookup is not a scan");
        Fixture other = fixture(BatchStatus.RELEASED);
        assertEquals(404, http.get(lookup, other.key()).status());
        assertEquals(0, http.get("/api/v1/stats/overview", other.key()).json().get("scans30Days").asLong());
        assertEquals(400, http.get("/api/v1/codes/lookup", f.key()).status());
        assertEquals(400, http.get("/api/v1/codes/lookup?code=hello", f.key()).status(), "not a URL, serial or reference");
    }
}
