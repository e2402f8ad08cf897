package dev.touchmark.shopper;

import static dev.touchmark.db.jooq.Tables.LABEL_HOST_SIGHTING;
import static dev.touchmark.db.jooq.Tables.SCAN_EVENT;
import static dev.touchmark.db.jooq.Tables.SHOPPER_REPORT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.touchmark.App;
import dev.touchmark.access.Principal;
import dev.touchmark.batch.Batch;
import dev.touchmark.batch.NewBatch;
import dev.touchmark.brand.BrandService;
import dev.touchmark.code.BatchCodes;
import dev.touchmark.code.Gtin;
import dev.touchmark.config.ScanSettings;
import dev.touchmark.config.TouchmarkConfig;
import dev.touchmark.domain.BatchStatus;
import dev.touchmark.product.NewProduct;
import dev.touchmark.testsupport.Eventually;
import dev.touchmark.testsupport.ScanFixtures;
import dev.touchmark.testsupport.TestDatabases;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The raw material of two alliance signal classes, end to end on a real server: sellers named in shoppers' reports
 * are stored as keys (and refused when they carry tracking or personal data), and the hosts of foreign addresses
 * read by the scanner page or the photo form are recorded for the brand whose code they carry. H2 and PostgreSQL.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ShopperSignalsContract {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CLIENT_HEADER = "X-Test-Client";
    /** Verifications (and foreign addresses, which share the figure) a minute per client network. */
    private static final int PER_MINUTE = 20;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** Each test's requests come from their own /24, so no rate limit bites where a test does not want it to. */
    private final AtomicInteger clients = new AtomicInteger(ThreadLocalRandom.current().nextInt(1000));
    private App app;

    protected abstract TouchmarkConfig config() throws Exception;

    /** A brand with a released batch: its key for the API, and its codes. */
    private record Brand(BrandService.CreatedBrand created, BatchCodes codes) {
        long id() {
            return created.brand().id();
        }
    }

    @BeforeAll
    void start() throws Exception {
        ScanSettings settings = new ScanSettings(Optional.empty(), Optional.of(CLIENT_HEADER), 730, PER_MINUTE, 10,
                100, 5);
        app = App.start(config().withScans(settings), Clock.systemUTC());
    }

    @AfterAll
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    // ---- sellers ----

    @Test
    void aReportNamingASellerStoresItsKeyAndTheBrandListsIt() throws Exception {
        Brand brand = brand("compact", "4006381333931");
        String ip = nextClient();
        String scanId = verify(brand.codes().url(1), ip).get("scanId").asText();
        HttpResponse<String> sent = report(ip, "en", "scanId", scanId, "seller", "  https://M.Shop.example/Item/7/?x=1#top ",
                "place", "Night market");
        assertEquals(200, sent.statusCode(), sent.body());

        assertEquals(List.of("shop.example/item/7"), sellerKeys(brand.id()));
        JsonNode listed = JSON.readTree(get("/api/v1/reports", brand.created().apiKey()).body()).get("items");
        assertEquals(1, listed.size(), listed.toString());
        assertEquals("shop.example/item/7", listed.get(0).get("sellerKey").asText());
        assertEquals("https://M.Shop.example/Item/7/?x=1#top", listed.get(0).get("seller").asText(), "as typed");

        Brand other = brand("compact", "4006381333931");
        JsonNode othersList = JSON.readTree(get("/api/v1/reports", other.created().apiKey()).body()).get("items");
        assertEquals(0, othersList.size(), "another brand's reports are not listed: " + othersList);
    }

    @Test
    void spellingsOfOneSellerShareAKeyAndAReportWithoutASellerHasNone() throws Exception {
        Brand brand = brand("compact", "4006381333931");
        for (String seller : List.of("Best  Deals", "best deals", "ＢＥＳＴ　ＤＥＡＬＳ")) {
            String ip = nextClient();
            String scanId = verify(brand.codes().url(2), ip).get("scanId").asText();
            assertEquals(200, report(ip, "en", "scanId", scanId, "seller", seller).statusCode());
        }
        String ip = nextClient();
        String scanId = verify(brand.codes().url(3), ip).get("scanId").asText();
        assertEquals(200, report(ip, "en", "scanId", scanId, "place", "A market stall").statusCode());
        List<String> keys = sellerKeys(brand.id());
        assertEquals(4, keys.size(), keys.toString());
        assertEquals(3, keys.stream().filter("best deals"::equals).count(), keys.toString());
        assertTrue(keys.contains(null), "no seller, no key: " + keys);
        JsonNode listed = JSON.readTree(get("/api/v1/reports", brand.created().apiKey()).body()).get("items");
        assertTrue(listed.get(0).get("sellerKey").isNull(), "the newest report has no seller: " + listed.get(0));
    }

    @Test
    void aSellerWithTrackingParametersIsSentBackWithTheFormAndNothingIsStored() throws Exception {
        Brand brand = brand("compact", "4006381333931");
        String ip = nextClient();
        String scanId = verify(brand.codes().url(1), ip).get("scanId").asText();
        String seller = "https://shop.example/item/7?utm_source=wechat&fbclid=abc";
        HttpResponse<String> en = report(ip, "en", "scanId", scanId, "seller", seller, "comment", "fake");
        assertEquals(400, en.statusCode());
        assertTrue(en.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertTrue(en.body().contains("tracking parameters (utm_source, fbclid)"), en.body());
        assertTrue(en.body().contains("value=\"" + seller.replace("&", "&amp;") + "\""), "the form holds what was typed");
        assertTrue(en.body().matches("(?s).*id=\"report-seller\"[^>]*aria-invalid=\"true\".*"), en.body());
        assertTrue(!en.body().matches("(?s).*id=\"report-place\"[^>]*aria-invalid.*"), "only the seller is to change");

        HttpResponse<String> zh = report(ip, "zh", "scanId", scanId, "seller", seller);
        assertEquals(400, zh.statusCode());
        assertTrue(zh.body().contains("跟踪参数（utm_source, fbclid）"), zh.body());
        assertEquals(0, reportCount(brand.id()));
    }

    @Test
    void aSellerThatIsAPhoneNumberOrAnEmailAddressIsRefusedAsPersonalData() throws Exception {
        Brand brand = brand("compact", "4006381333931");
        String ip = nextClient();
        String scanId = verify(brand.codes().url(1), ip).get("scanId").asText();
        HttpResponse<String> phone = report(ip, "en", "scanId", scanId, "seller", "+86 138 0013 8000");
        assertEquals(400, phone.statusCode());
        assertTrue(phone.body().contains("looks like a phone number"), phone.body());
        HttpResponse<String> email = report(ip, "zh", "scanId", scanId, "seller", "li.wei@mail.example");
        assertEquals(400, email.statusCode());
        assertTrue(email.body().contains("电子邮箱地址"), email.body());
        assertEquals(0, reportCount(brand.id()));
    }

    // ---- hosts on labels ----

    @Test
    void aForeignAddressCarryingABrandsCodeIsRecordedOnceForThatBrandWithTheScanLogsNetworkHash() throws Exception {
        Brand brand = brand("compact", "4006381333931");
        Brand bystander = brand("compact", "4006381333931");
        String ip = nextClient();
        String path = URI.create(brand.codes().url(5)).getRawPath();
        HttpResponse<String> told = foreign(ip, "application/json", json("https://Verify-Brand.Example:8443" + path + "#x"));
        assertEquals(204, told.statusCode(), told.body());

        List<Sighting> seen = sightings(brand.id());
        assertEquals(1, seen.size(), seen.toString());
        assertEquals("verify-brand.example", seen.get(0).host());
        assertEquals("scanner", seen.get(0).source());
        assertTrue(seen.get(0).ipHash().matches("[0-9a-f]{32}|~[0-9a-f]{31}"), seen.get(0).ipHash());
        assertFalse(seen.get(0).ipHash().contains(ip));
        assertEquals(List.of(), sightings(bystander.id()));

        // The same network's verification is logged under the same hash: the two can be grouped, never traced.
        long scanId = verify(brand.codes().url(6), ip).get("scanId").asLong();
        Eventually.await("the scan is logged", () -> dsl().fetchCount(SCAN_EVENT, SCAN_EVENT.ID.eq(scanId)) == 1);
        assertEquals(seen.get(0).ipHash(), dsl().select(SCAN_EVENT.IP_HASH).from(SCAN_EVENT)
                .where(SCAN_EVENT.ID.eq(scanId)).fetchOne().value1());
        assertEquals(0, dsl().fetchCount(SCAN_EVENT, SCAN_EVENT.BRAND_ID.eq(brand.id())
                .and(SCAN_EVENT.CODE_INDEX.eq(5L))), "no verdict is recorded for the foreign address");
    }

    @Test
    void aGs1AddressWithABadSignatureStillClaimsItsBrandAndAnInternationalHostIsPunycode() throws Exception {
        Brand brand = brand("gs1", uniqueGtin());
        String url = brand.codes().url(0);
        String tampered = url.replaceFirst("&s=.", "&s=" + (url.contains("&s=A") ? "B" : "A"));
        URI uri = URI.create(tampered);
        assertEquals(204, foreign(nextClient(), "application/json",
                json("https://bücher.example" + uri.getRawPath() + "?" + uri.getRawQuery())).statusCode());
        assertEquals(List.of("xn--bcher-kva.example"), sightings(brand.id()).stream().map(Sighting::host).toList());
    }

    @Test
    void anUnknownKeyIsAttributedByAGtinOnlyOneBrandHas() throws Exception {
        String gtin = uniqueGtin();
        Brand owner = brand("gs1", gtin);
        URI uri = URI.create(owner.codes().url(1));
        String unknownKey = uri.getRawQuery().replaceFirst("k=[A-Z2-7]{13}", "k=AAAAAAAAAAAAA");
        assertEquals(204, foreign(nextClient(), "application/json",
                json("http://lookalike.example" + uri.getRawPath() + "?" + unknownKey)).statusCode());
        assertEquals(List.of("lookalike.example"), sightings(owner.id()).stream().map(Sighting::host).toList());

        // A GTIN that several brands' products carry (every fixture brand's serum) names no one brand.
        Brand shared = brand("gs1", "4006381333931");
        URI sharedUri = URI.create(shared.codes().url(1));
        String sharedUnknownKey = sharedUri.getRawQuery().replaceFirst("k=[A-Z2-7]{13}", "k=AAAAAAAAAAAAA");
        assertEquals(204, foreign(nextClient(), "application/json",
                json("http://lookalike.example" + sharedUri.getRawPath() + "?" + sharedUnknownKey)).statusCode());
        assertEquals(List.of(), sightings(shared.id()));
    }

    @Test
    void addressesThatClaimNoBrandOrAreOurOwnAreNotStored() throws Exception {
        Brand brand = brand("compact", "4006381333931");
        int before = dsl().fetchCount(LABEL_HOST_SIGHTING);
        String ip = nextClient();
        for (String url : List.of("https://phish.example/login", "https://phish.example/V/NOTAPAYLOAD",
                "https://phish.example/V/" + "A".repeat(130),
                TestDatabases.PUBLIC_URL + URI.create(brand.codes().url(2)).getRawPath(),
                "https://phish.example/01/09506000134352/21/ABC?k=AAAAAAAAAAAAA&s=x")) {
            HttpResponse<String> told = foreign(ip, "application/json", json(url));
            assertEquals(204, told.statusCode(), url + ": " + told.body());
        }
        assertEquals(before, dsl().fetchCount(LABEL_HOST_SIGHTING), "nothing was stored");
    }

    @Test
    void badBodiesAreRefusedWithAProblemAndStoreNothing() throws Exception {
        Brand brand = brand("compact", "4006381333931");
        String ip = nextClient();
        String path = URI.create(brand.codes().url(1)).getRawPath();
        assertProblem(400, foreign(ip, "application/json", "not json"), "not valid JSON");
        assertProblem(400, foreign(ip, "application/json", ""), "JSON object");
        assertProblem(400, foreign(ip, "application/json", "{}"), "url");
        assertProblem(400, foreign(ip, "application/json", "{\"url\": \"\"}"), "url");
        assertProblem(400, foreign(ip, "application/json", "{\"url\": 5}"), "url");
        assertProblem(400, foreign(ip, "application/json", "[\"https://evil.example\"]"), "JSON object");
        assertProblem(400, foreign(ip, "application/json", json("ftp://evil.example" + path)), "http or https");
        assertProblem(400, foreign(ip, "application/json", json("evil.example" + path)), "http or https");
        assertProblem(400, foreign(ip, "application/json",
                "{\"url\": \"https://evil.example" + path + "\", \"secret\": 1}"), "unknown field");
        assertProblem(400, foreign(ip, "application/json",
                json("https://evil.example" + path + "?" + "a".repeat(2100))), "at most");
        assertProblem(415, foreign(ip, "text/plain", json("https://evil.example" + path)), "application/json");
        assertProblem(413, foreign(ip, "application/json", json("https://evil.example/" + "a".repeat(9000))), "at most");
        assertEquals(List.of(), sightings(brand.id()));
    }

    @Test
    void foreignAddressesAreRateLimitedPerNetwork() throws Exception {
        String ip = nextClient();
        for (int i = 0; i < PER_MINUTE; i++) {
            assertEquals(204, foreign(ip, "application/json", json("https://phish.example/" + i)).statusCode());
        }
        HttpResponse<String> limited = foreign(ip, "application/json", json("https://phish.example/more"));
        assertProblem(429, limited, "too many requests");
        assertTrue(limited.headers().firstValue("Retry-After").isPresent());
        assertEquals(204, foreign(nextClient(), "application/json", json("https://phish.example/")).statusCode(),
                "another network is not limited");
    }

    @Test
    void aPhotoOfALabelLeadingElsewhereIsRecordedFromThePhotoForm() throws Exception {
        Brand brand = brand("compact", "4006381333931");
        String evil = "https://evil-photo.example" + URI.create(brand.codes().url(7)).getRawPath();
        HttpResponse<String> answer = upload(ScanFixtures.label(evil, 4), nextClient());
        assertEquals(200, answer.statusCode());
        assertTrue(answer.body().contains("leads to another website"), answer.body());
        List<Sighting> seen = sightings(brand.id());
        assertEquals(1, seen.size(), seen.toString());
        assertEquals("evil-photo.example", seen.get(0).host());
        assertEquals("photo", seen.get(0).source());
        assertTrue(seen.get(0).ipHash().matches("[0-9a-f]{32}|~[0-9a-f]{31}"));

        HttpResponse<String> own = upload(ScanFixtures.label(brand.codes().url(8), 4), nextClient());
        assertEquals(303, own.statusCode());
        assertEquals(1, sightings(brand.id()).size(), "our own codes are not sightings");
    }

    // ---- helpers ----

    private record Sighting(String host, String source, String ipHash) {
    }

    private DSLContext dsl() {
        return app.services().database().dsl();
    }

    private List<Sighting> sightings(long brandId) {
        return dsl().select(LABEL_HOST_SIGHTING.HOST, LABEL_HOST_SIGHTING.SOURCE, LABEL_HOST_SIGHTING.IP_HASH)
                .from(LABEL_HOST_SIGHTING).where(LABEL_HOST_SIGHTING.BRAND_ID.eq(brandId))
                .orderBy(LABEL_HOST_SIGHTING.ID).fetch(r -> new Sighting(r.value1(), r.value2(), r.value3()));
    }

    private List<String> sellerKeys(long brandId) {
        return dsl().select(SHOPPER_REPORT.SELLER_KEY).from(SHOPPER_REPORT).where(SHOPPER_REPORT.BRAND_ID.eq(brandId))
                .orderBy(SHOPPER_REPORT.ID).fetch(r -> r.value1());
    }

    private int reportCount(long brandId) {
        return dsl().fetchCount(SHOPPER_REPORT, SHOPPER_REPORT.BRAND_ID.eq(brandId));
    }

    private Brand brand(String profile, String gtin) {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        BrandService.CreatedBrand created = app.services().brands().create("Signals " + suffix, "s-" + suffix + "@brand.example");
        Principal principal = new Principal(created.brand().id(), "test");
        var product = app.services().products().create(principal, new NewProduct("Serum", gtin, "A serum.", null, List.of("FR")));
        Batch batch = app.services().batches().create(principal,
                new NewBatch(product.id(), 20L, "L-1", LocalDate.of(2030, 11, 30), null, profile));
        batch = app.services().batches().changeStatus(principal, batch.id(), BatchStatus.RELEASED, null);
        return new Brand(created, app.services().batches().codes(batch));
    }

    /** A GTIN-13 no other brand of this database has, with its check digit. */
    private static String uniqueGtin() {
        String body = "2" + String.format("%011d", ThreadLocalRandom.current().nextLong(100_000_000_000L));
        return body + Gtin.checkDigit(body);
    }

    private String nextClient() {
        int n = clients.incrementAndGet();
        return "10." + (n / 250 % 250) + "." + (n % 250) + ".9";
    }

    private static String json(String url) {
        return JSON.createObjectNode().put("url", url).toString();
    }

    private static void assertProblem(int status, HttpResponse<String> response, String inDetail) {
        assertEquals(status, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"),
                response.headers().toString());
        assertTrue(response.body().contains(inDetail), response.body());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + app.port() + path);
    }

    private JsonNode verify(String code, String ip) throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/v1/verify")).header(CLIENT_HEADER, ip)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.createObjectNode().put("code", code).toString())));
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }

    private HttpResponse<String> get(String path, String apiKey) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + apiKey).GET());
    }

    private HttpResponse<String> report(String ip, String lang, String... namesAndValues) throws Exception {
        StringBuilder form = new StringBuilder("lang=" + lang);
        for (int i = 0; i < namesAndValues.length; i += 2) {
            form.append('&').append(namesAndValues[i]).append('=')
                    .append(URLEncoder.encode(namesAndValues[i + 1], StandardCharsets.UTF_8));
        }
        return send(HttpRequest.newBuilder(uri("/report")).header(CLIENT_HEADER, ip)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form.toString())));
    }

    private HttpResponse<String> foreign(String ip, String contentType, String body) throws Exception {
        return send(HttpRequest.newBuilder(uri("/scan/foreign")).header(CLIENT_HEADER, ip)
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpResponse<String> upload(byte[] png, String ip) throws Exception {
        String boundary = "----signals" + Long.toHexString(ThreadLocalRandom.current().nextLong());
        ByteArrayOutputStream body = new ByteArrayOutputStream(png.length + 512);
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"label.png\""
                + "\r\nContent-Type: image/png\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(png);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send(HttpRequest.newBuilder(uri("/scan/upload")).header(CLIENT_HEADER, ip)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary).header("Accept-Language", "en")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return client.send(request.timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
