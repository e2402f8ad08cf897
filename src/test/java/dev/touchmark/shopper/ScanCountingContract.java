package dev.touchmark.shopper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.touchmark.App;
import dev.touchmark.access.SessionService;
import dev.touchmark.access.ApiAuth;
import dev.touchmark.access.Principal;
import dev.touchmark.batch.Batch;
import dev.touchmark.batch.NewBatch;
import dev.touchmark.brand.BrandService;
import dev.touchmark.code.BatchCodes;
import dev.touchmark.config.ScanSettings;
import dev.touchmark.config.TouchmarkConfig;
import dev.touchmark.domain.BatchStatus;
import dev.touchmark.domain.ClientKind;
import dev.touchmark.domain.CodeRef;
import dev.touchmark.domain.Shopper;
import dev.touchmark.domain.Verdict;
import dev.touchmark.scan.Outcome;
import dev.touchmark.scan.ScanToRecord;
import dev.touchmark.product.NewProduct;
import dev.touchmark.testsupport.Http;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What counts as a shopper's scan: link previews and other non-browser fetches of a code's page, and staff checks
 * (signed in to the dashboard of the code's brand), get their verdict but count for nothing; run on H2 and PostgreSQL.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ScanCountingContract {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String PHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15"
            + " (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1";
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

    record Fixture(BrandService.CreatedBrand brand, Principal principal, Batch batch, BatchCodes codes) {
        String key() {
            return brand.apiKey();
        }
    }

    Fixture fixture(BatchStatus status) {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        var created = app.services().brands().create("Count " + suffix, "c-" + suffix + "@brand.example");
        Principal principal = new Principal(created.brand().id(), "test");
        var product = app.services().products().create(principal,
                new NewProduct("Serum", "4006381333931", "A serum.", null, List.of("FR")));
        Batch batch = app.services().batches().create(principal,
                new NewBatch(product.id(), 50L, "L-1", null, List.of("FR", "BE"), "compact"));
        if (status != BatchStatus.DRAFT) {
            batch = release(principal, batch);
        }
        return new Fixture(created, principal, batch, app.services().batches().codes(batch));
    }

    Batch release(Principal principal, Batch batch) {
        return app.services().batches().changeStatus(principal, batch.id(), BatchStatus.RELEASED, null);
    }

    /** A session cookie of the brand's administrator, as the dashboard's sign-in sets it. */
    String signIn(Fixture f) {
        SessionService.SignInResult result = app.services().sessions().signIn(f.brand().adminEmail(), f.brand().adminPassword());
        return assertInstanceOf(SessionService.SignedIn.class, result, "the admin has no second factor").token();
    }

    static String device(char c) {
        return String.valueOf(c).repeat(26);
    }

    static String path(String url) {
        return url.substring(url.toLowerCase().indexOf("tm.example") + "tm.example".length());
    }

    /** A GET (or another method without a body) of a code's page; extra headers as name, value pairs. */
    HttpResponse<String> open(String method, String url, boolean wantsJson, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path(url)))
                .method(method, HttpRequest.BodyPublishers.noBody()).header("CF-IPCountry", "FR")
                .header("Accept", wantsJson ? "application/json" : "text/html");
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** A shopper's phone: its browser with its device cookie. */
    JsonNode phone(String url, char device) throws Exception {
        return json(open("GET", url, true, "User-Agent", PHONE, "Cookie", RequestFacts.DEVICE_COOKIE + "=" + device(device)));
    }

    static JsonNode json(HttpResponse<String> response) throws Exception {
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }

    /** A request with no User-Agent header at all (Java's client always sends one). */
    int openWithoutUserAgent(String url) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", app.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path(url) + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/html\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream response = new ByteArrayOutputStream();
            in.transferTo(response);
            String status = response.toString(StandardCharsets.ISO_8859_1).lines().findFirst().orElse("");
            return Integer.parseInt(status.split(" ")[1]);
        }
    }

    JsonNode lookUp(Fixture f, String url) {
        Http.Response r = http.get("/api/v1/codes/lookup?code=" + URLEncoder.encode(url, StandardCharsets.UTF_8), f.key());
        assertEquals(200, r.status(), r.text());
        return r.json();
    }

    List<String> countedAs(Fixture f, String url) {
        List<String> kinds = new ArrayList<>();
        lookUp(f, url).get("scans").forEach(s -> kinds.add(s.get("countedAs").asText()));
        return kinds;
    }

    int alerts(Fixture f, String rule) {
        Http.Response r = http.get("/api/v1/alerts?rule=" + rule, f.key());
        assertEquals(200, r.status(), r.text());
        return r.json().get("items").size();
    }

    @Test
    void aChatAppsLinkPreviewGetsThePageButTheFirstPhoneIsStillTheFirst() throws Exception {
        Fixture f = fixture(BatchStatus.RELEASED);
        String url = f.codes().url(1);
        HttpResponse<String> preview = open("GET", url, false, "User-Agent", "WhatsApp/2.23");
        assertEquals(200, preview.statusCode());
        assertTrue(preview.body().contains("<h1>"), "the preview gets the verdict page");
        JsonNode first = phone(url, 'A');
        assertEquals("genuine", first.get("verdict").asText(), "the preview was not the first phone");
        assertEquals(1, first.get("scanCount").asInt());
        assertEquals(1, first.get("deviceCount").asInt());
        assertEquals("shopper", first.get("countedAs").asText());
        assertEquals("seen_before", phone(url, 'B').get("verdict").asText(), "a second phone still counts");
        assertEquals(List.of("shopper", "shopper", "preview"), countedAs(f, url), "the preview is recorded, marked");
        assertEquals(2, lookUp(f, url).get("state").get("devices").asInt());
        assertEquals(2, lookUp(f, url).get("state").get("scans").asInt());
    }

    @Test
    void headRequestsCommandLineClientsAndRequestsWithoutUserAgentAreNotPhones() throws Exception {
        Fixture f = fixture(BatchStatus.RELEASED);
        String url = f.codes().url(2);
        assertEquals(200, open("HEAD", url, false, "User-Agent", PHONE).statusCode());
        JsonNode curl = json(open("GET", url, true, "User-Agent", "curl/8.4.0"));
        assertEquals("genuine", curl.get("verdict").asText());
        assertEquals("preview", curl.get("countedAs").asText());
        assertEquals(0, curl.get("scanCount").asInt(), "counts do not include a preview");
        assertEquals(200, openWithoutUserAgent(url));
        assertEquals(200, open("GET", url, false, "User-Agent", "facebookexternalhit/1.1").statusCode());
        JsonNode first = phone(url, 'A');
        assertEquals("genuine", first.get("verdict").asText());
        assertEquals(1, first.get("scanCount").asInt());

        // A preview after phones sees the code's history as it stands, and adds nothing to it.
        phone(url, 'B');
        JsonNode later = json(open("GET", url, true, "User-Agent", "TelegramBot (like TwitterBot)"));
        assertEquals("seen_before", later.get("verdict").asText());
        assertEquals(2, later.get("deviceCount").asInt());
        assertEquals(2, lookUp(f, url).get("state").get("devices").asInt());
    }

    @Test
    void previewsOfADraftBatchRaiseNoLeakAlert() throws Exception {
        Fixture f = fixture(BatchStatus.DRAFT);
        JsonNode preview = json(open("GET", f.codes().url(3), true, "User-Agent", "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)"));
        assertEquals("not_released", preview.get("verdict").asText(), "the verdict is the usual one");
        for (char c : "ABCDE".toCharArray()) {
            json(open("GET", f.codes().url(3), true, "User-Agent", "Twitterbot/1.0", "Cookie",
                    RequestFacts.DEVICE_COOKIE + "=" + device(c)));
        }
        assertEquals(0, alerts(f, "unreleased_scan"));
        assertEquals(0, alerts(f, "cloned_code"));
        assertEquals("not_released", phone(f.codes().url(3), 'Z').get("verdict").asText());
        assertEquals(1, alerts(f, "unreleased_scan"), "a shopper's scan of a draft is a leak");
    }

    @Test
    void aStaffCheckBeforeReleaseDoesNotTaintTheCodeNorRaiseALeakAlert() throws Exception {
        Fixture f = fixture(BatchStatus.DRAFT);
        String url = f.codes().url(4);
        String session = ApiAuth.SESSION_COOKIE + "=" + signIn(f);
        HttpResponse<String> page = open("GET", url, false, "User-Agent", PHONE,
                "Cookie", session + "; " + RequestFacts.DEVICE_COOKIE + "=" + device('S'));
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("id=\"staff-check\""), "the page says it is a staff check");
        assertTrue(page.body().contains("Staff check"), page.body());
        JsonNode again = json(open("GET", url, true, "User-Agent", PHONE, "Cookie", session));
        assertEquals("not_released", again.get("verdict").asText());
        assertEquals("staff", again.get("countedAs").asText());
        assertEquals(0, alerts(f, "unreleased_scan"), "a staff check is not a printer leak");

        release(f.principal(), f.batch());
        JsonNode buyer = phone(url, 'A');
        assertEquals("genuine", buyer.get("verdict").asText(), "the first buyer is not told the code was checked before");
        assertTrue(buyer.get("firstScanAt").isNull());
        assertEquals(1, buyer.get("scanCount").asInt());
        assertEquals(List.of("shopper", "staff", "staff"), countedAs(f, url), "the brand sees its staff checks");

        // After the sale, a staff check sees what the buyer's history says, and is no second phone.
        JsonNode check = json(open("GET", url, true, "User-Agent", PHONE, "Cookie", session));
        assertEquals("seen_before", check.get("verdict").asText());
        assertEquals(1, check.get("deviceCount").asInt());
        assertEquals("genuine", phone(url, 'A').get("verdict").asText(), "the buyer's phone again");
        assertEquals(1, lookUp(f, url).get("state").get("devices").asInt());
    }

    @Test
    void aScanJudgedWithAStaleDraftStatusAfterTheReleaseIsNoLeak() throws Exception {
        // What a node whose catalog has not yet seen a release on another node (up to a second) hands the writer.
        Fixture f = fixture(BatchStatus.RELEASED);
        var recorded = app.scanServices().recorder().record(ScanToRecord.tracked(f.brand().brand().id(),
                new CodeRef(f.batch().id(), 8), BatchStatus.DRAFT, Set.of("FR"),
                new Shopper(device('L'), "FR", null, null, ClientKind.PAGE),
                (history, assessment) -> new Outcome(Verdict.NOT_RELEASED, null))).get(10, TimeUnit.SECONDS);
        assertTrue(recorded.assessment().reasons().contains("not_released"));
        assertEquals(0, alerts(f, "unreleased_scan"), "the batch was released when the scan was recorded");
    }

    @Test
    void theInBrowserScannerSignedInIsAStaffCheckToo() throws Exception {
        Fixture f = fixture(BatchStatus.RELEASED);
        String url = f.codes().url(5);
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/api/v1/verify"))
                .header("Content-Type", "application/json").header("Cookie", ApiAuth.SESSION_COOKIE + "=" + signIn(f))
                .POST(HttpRequest.BodyPublishers.ofString(Http.json("code", url, "client", "scanner", "deviceId", device('S'))))
                .build();
        JsonNode staff = json(client.send(request, HttpResponse.BodyHandlers.ofString()));
        assertEquals("staff", staff.get("countedAs").asText());
        assertEquals("genuine", phone(url, 'A').get("verdict").asText());
    }

    @Test
    void staffOfAnotherBrandAndDeadSessionsAreShoppers() throws Exception {
        Fixture f = fixture(BatchStatus.DRAFT);
        Fixture other = fixture(BatchStatus.RELEASED);
        String url = f.codes().url(6);
        JsonNode foreign = json(open("GET", url, true, "User-Agent", PHONE, "Cookie", ApiAuth.SESSION_COOKIE + "="
                + signIn(other) + "; " + RequestFacts.DEVICE_COOKIE + "=" + device('O')));
        assertEquals("shopper", foreign.get("countedAs").asText());
        assertEquals("not_released", foreign.get("verdict").asText());
        assertEquals(1, alerts(f, "unreleased_scan"), "another brand's staff scanning a draft is a leak");

        String dead = "x".repeat(43);
        JsonNode unknownSession = json(open("GET", f.codes().url(7), true, "User-Agent", PHONE, "Cookie",
                ApiAuth.SESSION_COOKIE + "=" + dead + "; " + RequestFacts.DEVICE_COOKIE + "=" + device('P')));
        assertEquals("shopper", unknownSession.get("countedAs").asText());

        release(f.principal(), f.batch());
        assertEquals("seen_before", phone(url, 'A').get("verdict").asText(), "the leak scan counted");
        assertFalse(countedAs(f, url).contains("staff"));
    }
}
