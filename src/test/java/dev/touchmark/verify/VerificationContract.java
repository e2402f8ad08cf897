package dev.touchmark.verify;

import dev.touchmark.shopper.RequestFacts;

import static dev.touchmark.testsupport.Http.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.touchmark.App;
import dev.touchmark.access.Principal;
import dev.touchmark.batch.Batch;
import dev.touchmark.domain.BatchStatus;
import dev.touchmark.batch.NewBatch;
import dev.touchmark.brand.BrandService;
import dev.touchmark.code.Base32;
import dev.touchmark.code.BatchCodes;
import dev.touchmark.code.CodeSigner;
import dev.touchmark.config.ScanSettings;
import dev.touchmark.config.TouchmarkConfig;
import dev.touchmark.product.NewProduct;
import dev.touchmark.testsupport.Eventually;
import dev.touchmark.testsupport.Http;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** What a shopper gets from a scan, and what the scan log keeps; run on H2 and PostgreSQL by subclasses. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class VerificationContract {
    private static final String PUBLIC_URL = "https://tm.example";
    protected App app;
    private Http http;
    private final HttpClient client = HttpClient.newHttpClient();

    protected abstract TouchmarkConfig config() throws Exception;

    @BeforeAll
    void start() throws Exception {
        ScanSettings settings = new ScanSettings(Optional.of("CF-IPCountry"), Optional.empty(), 730, 0, 10, 1000, 4);
        app = App.start(config().withScans(settings), Clock.systemUTC());
        http = new Http(app.port());
    }

    @AfterAll
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    /** A brand with a product (GTIN 4006381333931) and a batch of 50 codes in the given status and profile. */
    record Fixture(BrandService.CreatedBrand brand, Batch batch, BatchCodes codes) {
    }

    Fixture fixture(BatchStatus status, String profile) {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        var created = app.services().brands().create("Verify " + suffix, "v-" + suffix + "@brand.example");
        Principal principal = new Principal(created.brand().id(), "test");
        var product = app.services().products().create(principal,
                new NewProduct("Serum", "4006381333931", "A serum.", null, List.of("FR")));
        Batch batch = app.services().batches().create(principal,
                new NewBatch(product.id(), 50L, "L-1", LocalDate.of(2028, 11, 30), null, profile));
        if (status == BatchStatus.RELEASED || status == BatchStatus.RECALLED) {
            batch = app.services().batches().changeStatus(principal, batch.id(), BatchStatus.RELEASED, null);
        }
        if (status == BatchStatus.RECALLED || status == BatchStatus.VOIDED) {
            batch = app.services().batches().changeStatus(principal, batch.id(), status, null);
        }
        return new Fixture(created, batch, app.services().batches().codes(batch));
    }

    /** GET of a code's URL as a phone with a device cookie (null: a new phone) and a country. */
    HttpResponse<String> open(String url, String device, String country, String accept, String language) throws Exception {
        String path = url.substring(url.toLowerCase().indexOf("tm.example") + "tm.example".length());
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path));
        if (device != null) {
            request.header("Cookie", RequestFacts.DEVICE_COOKIE + "=" + device);
        }
        if (country != null) {
            request.header("CF-IPCountry", country);
        }
        request.header("Accept", accept).header("Accept-Language", language);
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    JsonNode verdictOf(String url, String device, String country) throws Exception {
        HttpResponse<String> response = open(url, device, country, "application/json", "en");
        assertEquals(200, response.statusCode(), response.body());
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.body());
    }

    static String device(char c) {
        return String.valueOf(c).repeat(26);
    }

    @Test
    void theFirstPhoneSeesGenuineAgainAndAnotherPhoneSeesWhenAndWhereItWasFirstChecked() throws Exception {
        Fixture f = fixture(BatchStatus.RELEASED, "compact");
        String url = f.codes().url(3);
        assertEquals("genuine", verdictOf(url, device('A'), "FR").get("verdict").asText());
        assertEquals("genuine", verdictOf(url, device('A'), "FR").get("verdict").asText(), "the same phone again");
        JsonNode second = verdictOf(url, device('B'), "DE");
        assertEquals("seen_before", second.get("verdict").asText());
        assertEquals("FR", second.get("firstScanCountry").asText());
        assertNotNull(second.get("firstScanAt").asText());
        assertEquals(3, second.get("scanCount").asInt());
        assertEquals(2, second.get("deviceCount").asInt());
        assertEquals("genuine", verdictOf(f.codes().url(4), device('B'), "DE").get("verdict").asText(), "another code");
    }

    @Test
    void aCodeOnManyPhonesBecomesSuspect() throws Exception {
        Fixture f = fixture(BatchStatus.RELEASED, "compact");
        String url = f.codes().url(0);
        for (char c : "CDE".toCharArray()) {
            verdictOf(url, device(c), "FR");
        }
        JsonNode fourth = verdictOf(url, device('F'), "CN");
        assertEquals("suspect", fourth.get("verdict").asText());
        assertEquals(4, fourth.get("deviceCount").asInt());
    }

    @Test
    void batchStatusDecidesTheVerdictOfValidCodes() throws Exception {
        assertEquals("not_released", verdictOf(fixture(BatchStatus.DRAFT, "compact").codes().url(1), device('A'), null)
                .get("verdict").asText());
        assertEquals("recalled", verdictOf(fixture(BatchStatus.RECALLED, "gs1").codes().url(1), device('A'), null)
                .get("verdict").asText());
        assertEquals("voided", verdictOf(fixture(BatchStatus.VOIDED, "compact").codes().url(1), device('A'), null)
                .get("verdict").asText());
    }

    @Test
    void forgedAlteredAndOutOfRangeCodesAreNotGenuineWithTheirReason() throws Exception {
        Fixture f = fixture(BatchStatus.RELEASED, "gs1");
        String url = f.codes().url(2);
        assertEquals("genuine", verdictOf(url, device('A'), null).get("verdict").asText());
        JsonNode otherGtin = verdictOf(url.replace("/01/04006381333931/", "/01/09506000134352/"), device('A'), null);
        assertEquals("details_mismatch", otherGtin.get("reason").asText());
        assertEquals("details_mismatch", verdictOf(url.replace("/10/L-1/", "/10/L-2/"), device('A'), null).get("reason").asText());
        String forged = url.substring(0, url.length() - 2) + (url.endsWith("AA") ? "BA" : "AA");
        JsonNode bad = verdictOf(forged, device('A'), null);
        assertEquals("not_genuine", bad.get("verdict").asText());
        assertTrue(bad.get("brand").isNull(), "nothing about the brand is shown for a forged code");

        Batch batch = f.batch();
        CodeSigner signer = app.services().keys().signer(batch.brandId(), batch.signingKeyId());
        String beyond = PUBLIC_URL.toUpperCase() + "/V/" + Base32.encode(signer.payload(batch.id(), 50));
        assertEquals("index_out_of_range", verdictOf(beyond, device('A'), null).get("reason").asText());
        assertEquals("malformed", verdictOf(PUBLIC_URL + "/V/NOTACODE", device('A'), null).get("reason").asText());
    }

    @Test
    void revokingAKeyTurnsItsCodesNotGenuine() throws Exception {
        Fixture f = fixture(BatchStatus.RELEASED, "compact");
        String url = f.codes().url(5);
        assertEquals("genuine", verdictOf(url, device('A'), null).get("verdict").asText());
        String kid = app.services().keys().list(f.brand().brand().id()).get(0).kid();
        app.services().keys().revoke(f.brand().brand().id(), kid, "test");
        String[] reason = {""};
        Eventually.await(Eventually.PATIENCE, () -> "revoked_key".equals(reason[0] = reasonOf(url)),
                () -> "the reason is still " + reason[0]);
    }

    private String reasonOf(String url) {
        try {
            return verdictOf(url, device('A'), null).path("reason").asText();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void theApiAnswersWithoutAKeyAndRefusesBadBodies() throws Exception {
        Fixture f = fixture(BatchStatus.RELEASED, "compact");
        Http.Response ok = http.post("/api/v1/verify", null, json("code", f.codes().url(7)));
        assertEquals(200, ok.status(), ok.text());
        assertEquals("genuine", ok.json().get("verdict").asText());
        assertNotNull(ok.json().get("scanId").asText());
        assertEquals(400, http.post("/api/v1/verify", null, json("code", "")).status());
        assertEquals(400, http.post("/api/v1/verify", null, "{").status());
        assertEquals(400, http.post("/api/v1/verify", null, json("code", "x", "deviceId", "short")).status());
        assertEquals("not_genuine", http.post("/api/v1/verify", null, json("code", "x".repeat(100_000))).json()
                .get("verdict").asText());
        // Over the 1 MB limit: refused by its Content-Length, as problem JSON, before it is read.
        // The client writes all of it before it reads: the server drops the rest after answering, so no reset.
        Http.Response tooLarge = http.post("/api/v1/verify", null, json("code", "x".repeat(1_000_001)));
        assertEquals(413, tooLarge.status(), tooLarge.text());
        assertEquals(413, tooLarge.json().get("status").asInt());
        // A body that stops before its announced length (small or large), or in the middle of a chunk, or with a
        // chunk size that is not a number, is refused with 400 problem JSON: never a 500, never waited for.
        String small = "{\"code\":\"x\"}";
        String large = "{\"code\":\"" + "x".repeat(20_000) + "\"}";
        for (String head : List.of("Content-Length: " + (small.length() + 40) + "\r\n\r\n" + small,
                "Content-Length: " + (large.length() + 40) + "\r\n\r\n" + large,
                "Content-Length: 900000\r\n\r\n" + small, // under the 1 MB limit: above it, 413 unread
                "Transfer-Encoding: chunked\r\n\r\n400\r\n" + small,
                "Transfer-Encoding: chunked\r\n\r\nzz\r\n" + small)) {
            String answer = rawPost("/api/v1/verify", head);
            assertTrue(answer.startsWith("HTTP/1.1 400"), head.substring(0, 30) + ": " + answer);
            assertTrue(answer.contains("application/problem+json") || answer.contains("application/json"), answer);
        }
        // A body in UTF-8 with a non-ASCII code is read as UTF-8 whatever the Content-Type says.
        assertEquals("not_genuine", http.post("/api/v1/verify", null, json("code", "\u00e9t\u00e9")).json()
                .get("verdict").asText());
    }

    /** Sends a POST by hand (head: the last headers, the blank line and as much body as arrives), then half-closes. */
    private String rawPost(String path, String head) throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", app.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + head).getBytes(StandardCharsets.US_ASCII));
            socket.shutdownOutput();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void thePageIsSmallSpeaksTheShoppersLanguageAndGivesThePhoneADeviceCookie() throws Exception {
        Fixture f = fixture(BatchStatus.RELEASED, "compact");
        HttpResponse<String> page = open(f.codes().url(9), null, "CN", "text/html", "zh-CN,zh;q=0.9");
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("<html lang=\"zh-CN\""), page.body().substring(0, 200));
        assertTrue(page.body().getBytes(StandardCharsets.UTF_8).length < 50_000);
        String cookie = page.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(cookie.startsWith(RequestFacts.DEVICE_COOKIE + "=") && cookie.contains("HttpOnly"), cookie);
        HttpResponse<String> english = open(f.codes().url(9) + "?lang=en", null, null, "text/html", "zh-CN");
        assertTrue(english.body().contains("<html lang=\"en\""));
        assertFalse(english.body().contains("<script src"), "nothing is loaded from elsewhere");
        assertTrue(english.body().indexOf("role=\"status\"") < english.body().indexOf("<script"),
                "the verdict is in the HTML, before the optional location script");
    }

    /**
     * The page allows no script but its own inline one, named by its hash, and no other site may frame it (a genuine
     * verdict inside a counterfeiter's page); the report's answer pages carry the same policy.
     */
    @Test
    void thePageRunsOnlyItsOwnScriptAndCannotBeFramed() throws Exception {
        Fixture f = fixture(BatchStatus.RELEASED, "compact");
        HttpResponse<String> page = open(f.codes().url(14), null, null, "text/html", "en");
        String policy = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertTrue(policy.startsWith("default-src 'none'; "), policy);
        assertTrue(policy.contains("frame-ancestors 'none'"), policy);
        assertTrue(policy.contains("form-action 'self'") && policy.contains("connect-src 'self'"), policy);
        String body = page.body();
        int tag = body.indexOf("<script>");
        int start = tag + "<script>".length();
        assertTrue(tag >= 0 && body.indexOf("<script", start) < 0, "one inline script");
        byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                .digest(body.substring(start, body.indexOf("</script>", start)).getBytes(StandardCharsets.UTF_8));
        assertTrue(policy.contains("script-src 'sha256-" + java.util.Base64.getEncoder().encodeToString(digest) + "';"),
                policy);
        assertEquals("nosniff", page.headers().firstValue("X-Content-Type-Options").orElse(null));
        HttpRequest report = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/report"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("scanId=999999999&place=x")).build();
        HttpResponse<String> notSent = client.send(report, HttpResponse.BodyHandlers.ofString());
        assertEquals(404, notSent.statusCode());
        assertEquals(policy, notSent.headers().firstValue("Content-Security-Policy").orElse(null));
    }

    @Test
    void thePhoneThatScannedMayAddItsApproximateLocationOnce() throws Exception {
        Fixture f = fixture(BatchStatus.RELEASED, "compact");
        String scanId = verdictOf(f.codes().url(13), device('G'), "FR").get("scanId").asText();
        String path = "/api/v1/scans/" + scanId + "/location";
        assertEquals(404, postLocation(path, device('H'), "{\"lat\": 48.8566, \"lon\": 2.3522}"), "another phone");
        assertEquals(400, postLocation(path, device('G'), "{\"lat\": 148.8, \"lon\": 2.3}"));
        assertEquals(204, postLocation(path, device('G'), "{\"lat\": 48.8566, \"lon\": 2.3522}"));
        assertEquals(404, postLocation(path, device('G'), "{\"lat\": 40.0, \"lon\": 2.0}"), "only once");
        var row = app.services().database().dsl().select(dev.touchmark.db.jooq.Tables.SCAN_EVENT.LAT_TENTHS,
                        dev.touchmark.db.jooq.Tables.SCAN_EVENT.LON_TENTHS).from(dev.touchmark.db.jooq.Tables.SCAN_EVENT)
                .where(dev.touchmark.db.jooq.Tables.SCAN_EVENT.ID.eq(Long.parseLong(scanId))).fetchOne();
        assertEquals(489, row.value1(), "rounded to a tenth of a degree");
        assertEquals(24, row.value2());
        assertEquals(404, postLocation("/api/v1/scans/abc/location", device('G'), "{\"lat\": 1, \"lon\": 1}"));
    }

    private int postLocation(String path, String device, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
                .header("Content-Type", "application/json").header("Cookie", RequestFacts.DEVICE_COOKIE + "=" + device)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return client.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    @Test
    void aShopperReportReachesOnlyItsBrand() throws Exception {
        Fixture f = fixture(BatchStatus.RELEASED, "compact");
        String scanId = verdictOf(f.codes().url(11), device('A'), "FR").get("scanId").asText();
        HttpRequest post = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/report"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("scanId=" + scanId + "&place=Market+street&seller=Stall+7&comment=odd+smell"))
                .build();
        assertEquals(200, client.send(post, HttpResponse.BodyHandlers.ofString()).statusCode());
        JsonNode reports = http.get("/api/v1/reports", f.brand().apiKey()).json().get("items");
        assertEquals(1, reports.size());
        assertEquals("Stall 7", reports.get(0).get("seller").asText());
        assertEquals(0, http.get("/api/v1/reports", fixture(BatchStatus.RELEASED, "compact").brand().apiKey())
                .json().get("items").size());
        HttpRequest unknown = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/report"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("scanId=123&comment=x")).build();
        assertEquals(404, client.send(unknown, HttpResponse.BodyHandlers.ofString()).statusCode());
    }

    @Test
    void aReportThatIsNotTakenComesBackWithWhatTheShopperTypedInTheirLanguage() throws Exception {
        Fixture f = fixture(BatchStatus.RELEASED, "compact");
        String scanId = verdictOf(f.codes().url(13), device('A'), "FR").get("scanId").asText();
        // Nothing filled in (a seller of spaces only): 400, the form again, in Chinese, nothing stored.
        HttpResponse<String> empty = postReport("scanId=" + scanId + "&lang=zh&seller=+++", "en");
        assertEquals(400, empty.statusCode());
        assertTrue(empty.body().contains("<html lang=\"zh-CN\">"), empty.body());
        assertTrue(empty.body().contains("报告未发送") && empty.body().contains("请至少填写一项"), empty.body());
        assertTrue(empty.body().contains("<input type=\"hidden\" name=\"scanId\" value=\"" + scanId + "\">"));
        assertTrue(empty.body().contains("aria-invalid=\"true\" aria-describedby=\"report-problem\""));
        assertFalse(empty.body().contains("could not be read") || empty.body().contains("无法识别此码"), empty.body());
        // A seller over 200 characters: said so, and the place and comment typed are still there (escaped).
        String longSeller = "S".repeat(201);
        HttpResponse<String> tooLong = postReport("scanId=" + scanId + "&place=Caf%C3%A9+%3Cb%3E&seller=" + longSeller
                + "&comment=smells+%22odd%22", "en-GB");
        assertEquals(400, tooLong.statusCode());
        assertTrue(tooLong.body().contains("“Seller” can be at most 200 characters"), tooLong.body());
        assertTrue(tooLong.body().contains("value=\"Café &lt;b&gt;\""), tooLong.body());
        assertTrue(tooLong.body().contains(">\nsmells &quot;odd&quot;</textarea>"), tooLong.body());
        assertTrue(tooLong.body().contains("name=\"seller\" maxlength=\"200\" autocomplete=\"off\" value=\"" + longSeller
                + "\" aria-invalid=\"true\""), tooLong.body());
        assertEquals(1, tooLong.body().split("aria-invalid", -1).length - 1, "only the seller is marked");
        // A scan nobody made: 404, said so, no form to resend.
        HttpResponse<String> unknown = postReport("scanId=99&comment=x", "zh-CN");
        assertEquals(404, unknown.statusCode());
        assertTrue(unknown.body().contains("找不到与此报告对应的验证记录"), unknown.body());
        assertFalse(unknown.body().contains("<form"));
        assertEquals(0, http.get("/api/v1/reports", f.brand().apiKey()).json().get("items").size());
        // Fixed and sent again: taken.
        assertEquals(200, postReport("scanId=" + scanId + "&seller=Stall+8", "en").statusCode());
        assertEquals(1, http.get("/api/v1/reports", f.brand().apiKey()).json().get("items").size());
    }

    private HttpResponse<String> postReport(String form, String acceptLanguage) throws Exception {
        HttpRequest post = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/report"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept-Language", acceptLanguage)
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        return client.send(post, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void scansAreStoredWithoutRawAddressesAndUnreadableInputIsOnlyCounted() throws Exception {
        Fixture f = fixture(BatchStatus.RELEASED, "compact");
        long before = app.scanServices().scans().unreadableOn(LocalDate.now(java.time.ZoneOffset.UTC));
        String scanId = verdictOf(f.codes().url(12), device('A'), "FR").get("scanId").asText();
        verdictOf(PUBLIC_URL + "/V/GARBAGE", device('A'), "FR");
        var row = app.services().database().dsl().select(dev.touchmark.db.jooq.Tables.SCAN_EVENT.IP_HASH,
                        dev.touchmark.db.jooq.Tables.SCAN_EVENT.COUNTRY, dev.touchmark.db.jooq.Tables.SCAN_EVENT.CLIENT_KIND)
                .from(dev.touchmark.db.jooq.Tables.SCAN_EVENT)
                .where(dev.touchmark.db.jooq.Tables.SCAN_EVENT.ID.eq(Long.parseLong(scanId))).fetchOne();
        assertNotNull(row);
        assertEquals(32, row.value1().length());
        assertFalse(row.value1().contains("127.0.0"));
        assertEquals("FR", row.value2());
        assertEquals("page", row.value3());
        // Counted in memory, stored with the scan writer's next commit.
        Eventually.await("unreadable scans are counted",
                () -> app.scanServices().scans().unreadableOn(LocalDate.now(java.time.ZoneOffset.UTC)) > before);
    }
}
