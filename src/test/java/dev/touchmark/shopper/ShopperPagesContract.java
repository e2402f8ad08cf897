package dev.touchmark.shopper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.touchmark.App;
import dev.touchmark.access.Principal;
import dev.touchmark.batch.Batch;
import dev.touchmark.batch.NewBatch;
import dev.touchmark.code.BatchCodes;
import dev.touchmark.config.TouchmarkConfig;
import dev.touchmark.domain.BatchStatus;
import dev.touchmark.product.NewProduct;
import dev.touchmark.testsupport.SimulatedClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What a shopper's browser and a partner's app get on a real server: the home page, readable error pages for
 * browsers (problem JSON for the API), expired products, unreadable codes, and first checks said as "3 days ago",
 * in English and Chinese. H2 and PostgreSQL.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ShopperPagesContract {
    /** What Chromium sends when it opens a link. */
    private static final String BROWSER_ACCEPT =
            "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant START = Instant.parse("2026-12-01T10:00:00Z");
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final SimulatedClock clock = new SimulatedClock(START);
    private App app;

    protected abstract TouchmarkConfig config() throws Exception;

    @BeforeAll
    void start() throws Exception {
        app = App.start(config(), clock);
    }

    @AfterAll
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    // ---- the root and error pages ----

    @Test
    void theRootIsAPageThatSaysWhatThisIsAndLinksToTheScannerAndTheDashboard() throws Exception {
        HttpResponse<String> en = get("/", BROWSER_ACCEPT, "en-GB,en;q=0.8");
        assertEquals(200, en.statusCode());
        assertTrue(en.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertTrue(en.body().contains("<html lang=\"en\">"), en.body());
        assertTrue(en.body().contains("<h1>Check that a product is genuine</h1>"), en.body());
        assertTrue(en.body().contains("href=\"/scan?lang=en\"") && en.body().contains("href=\"/dashboard\""), en.body());
        assertTrue(en.body().contains("href=\"/?lang=zh\""), "a switch to Chinese");
        assertFalse(en.body().contains("<script"), "no script");
        String csp = en.headers().firstValue("Content-Security-Policy").orElse("");
        assertTrue(csp.contains("default-src 'none'") && csp.contains("frame-ancestors 'none'"), csp);

        HttpResponse<String> zh = get("/", BROWSER_ACCEPT, "zh-CN,zh;q=0.9");
        assertTrue(zh.body().contains("<html lang=\"zh-CN\">") && zh.body().contains("<h1>验证产品是否为正品</h1>"), zh.body());
        assertTrue(zh.body().contains("href=\"/scan?lang=zh\""), zh.body());
        assertTrue(get("/?lang=zh", "*/*", "en").body().contains("打开扫码器"), "?lang= wins");
    }

    @Test
    void aBrowserAskingForAnUnknownPathGetsAReadablePageWithTheStatusInItsLanguage() throws Exception {
        HttpResponse<String> en = get("/no/such/page", BROWSER_ACCEPT, "en");
        assertEquals(404, en.statusCode());
        assertTrue(en.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertTrue(en.body().contains("<h1>Page not found</h1>") && en.body().contains("Error 404"), en.body());
        assertTrue(en.body().contains("href=\"/scan?lang=en\"") && en.body().contains("href=\"/?lang=en\""), en.body());
        assertFalse(en.body().contains("no such resource"), "no developer detail for shoppers");
        String csp = en.headers().firstValue("Content-Security-Policy").orElse("");
        assertTrue(csp.contains("default-src 'none'") && !csp.contains("script-src"), csp);
        assertEquals("nosniff", en.headers().firstValue("X-Content-Type-Options").orElse(""));

        HttpResponse<String> zh = get("/no/such/page", BROWSER_ACCEPT, "zh-CN");
        assertEquals(404, zh.statusCode());
        assertTrue(zh.body().contains("<h1>页面不存在</h1>"), zh.body());

        HttpResponse<String> missing = get("/dashboard/no-such-module.js", BROWSER_ACCEPT, "en");
        assertEquals(404, missing.statusCode());
        assertTrue(missing.body().contains("<h1>Page not found</h1>"), "a route's own 404 too: " + missing.body());
        HttpResponse<String> method = send("DELETE", "/scan", BROWSER_ACCEPT);
        assertEquals(405, method.statusCode());
        assertTrue(method.body().contains("<!DOCTYPE html>"), method.body());
    }

    @Test
    void apiClientsKeepProblemJsonWhateverTheyAccept() throws Exception {
        for (String accept : new String[] {null, "*/*", "application/json", "application/json, text/html;q=0.5",
                "application/problem+json"}) {
            HttpResponse<String> r = get("/no/such/page", accept, "en");
            assertEquals(404, r.statusCode());
            assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"), accept);
            assertEquals(404, JSON.readTree(r.body()).get("status").asInt());
        }
        HttpResponse<String> api = get("/api/v1/no-such-thing", BROWSER_ACCEPT, "en");
        assertTrue(api.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"),
                "under /api/ even a browser gets JSON");
        HttpResponse<String> unauthorised = get("/api/v1/products", BROWSER_ACCEPT, "en");
        assertEquals(401, unauthorised.statusCode());
        assertTrue(unauthorised.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
    }

    @Test
    void anAddressThatCannotBeDecodedIsAPageForABrowserAndProblemJsonForAnApiClient() throws Exception {
        HttpResponse<String> page = get("/v/%FF", BROWSER_ACCEPT, "zh-CN");
        assertEquals(400, page.statusCode(), page.body());
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"), page.body());
        assertTrue(page.body().contains("<html lang=\"zh-CN\">") && page.body().contains("错误 400"), page.body());
        HttpResponse<String> json = get("/v/%FF", "*/*", "zh-CN");
        assertEquals(400, json.statusCode());
        assertEquals(400, JSON.readTree(json.body()).get("status").asInt(), json.body());
    }

    // ---- verdicts ----

    @Test
    void anExpiredGenuineProductWarnsWithItsDateOnThePageAndInTheApi() throws Exception {
        BatchCodes codes = released(LocalDate.of(2026, 11, 30));
        HttpResponse<String> en = get(path(codes.url(0)), BROWSER_ACCEPT, "en");
        assertEquals(200, en.statusCode());
        assertTrue(en.body().contains("<h1>Genuine, but expired</h1>"), en.body());
        assertTrue(en.body().contains("it expired on 30 Nov 2026"), en.body());
        assertTrue(en.body().contains("Do not use it"), en.body());
        assertFalse(en.body().contains("Enjoy your purchase"), en.body());
        assertTrue(en.body().contains("class=\"tone-orange\""), en.body());
        HttpResponse<String> zh = get(path(codes.url(1)), BROWSER_ACCEPT, "zh-CN");
        assertTrue(zh.body().contains("<h1>正品，但已过期</h1>") && zh.body().contains("已于2026年11月30日过期"), zh.body());

        JsonNode api = verify(codes.url(2), "en");
        assertEquals("genuine", api.get("verdict").asText(), "expired is not counterfeit: " + api);
        assertTrue(api.get("expired").asBoolean(), api.toString());
        assertEquals("2026-11-30", api.get("expiry").asText());
        assertTrue(api.get("advice").get(0).asText().startsWith("Do not use it"), api.toString());
        JsonNode apiZh = verify(codes.url(3), "zh-CN");
        assertTrue(apiZh.get("advice").get(0).asText().startsWith("请勿使用"), apiZh.toString());

        JsonNode inDate = verify(released(LocalDate.of(2026, 12, 1)).url(0), "en");
        assertFalse(inDate.get("expired").asBoolean(), "expires on the day of the check: still in date");
        assertEquals(List.of("Nothing to do. Enjoy your purchase."),
                JSON.convertValue(inDate.get("advice"), List.class));
    }

    @Test
    void unreadableInputIsACalmVerdictWithoutAFormWhileAForgedCodeStaysNotGenuine() throws Exception {
        BatchCodes codes = released(null);
        String url = codes.url(4);
        String cutOff = path(url).substring(0, path(url).length() - 5);
        HttpResponse<String> en = get(cutOff, BROWSER_ACCEPT, "en");
        assertEquals(200, en.statusCode());
        assertTrue(en.body().contains("<h1>We could not read this code</h1>"), en.body());
        assertTrue(en.body().contains("class=\"tone-blue\"") && en.body().contains("Scan the label again"), en.body());
        assertFalse(en.body().contains("Not genuine") || en.body().contains("below") || en.body().contains("<form"),
                en.body());
        HttpResponse<String> zh = get("/v/0000", BROWSER_ACCEPT, "zh-CN");
        assertTrue(zh.body().contains("<h1>无法读取这个码</h1>") && !zh.body().contains("非正品"), zh.body());

        JsonNode api = verify("https://tm.example/V/NOTACODE", "en");
        assertEquals("not_genuine", api.get("verdict").asText());
        assertEquals("malformed", api.get("reason").asText());
        assertTrue(api.get("advice").get(0).asText().startsWith("Scan the label again"), api.toString());

        String forged = path(url).substring(0, path(url).length() - 4) + (url.endsWith("AAAA") ? "BBBB" : "AAAA");
        HttpResponse<String> red = get(forged, BROWSER_ACCEPT, "en");
        assertTrue(red.body().contains("<h1>Not genuine</h1>") && red.body().contains("class=\"tone-red\""), red.body());
        assertTrue(red.body().contains("<form") && red.body().contains("below"), "a recorded forgery keeps its form");
    }

    @Test
    void aCodeFirstCheckedDaysAgoSaysSoInEitherLanguageNotInUtc() throws Exception {
        BatchCodes codes = released(null);
        String code = path(codes.url(5));
        assertEquals(200, onPhone(code, "AAAAAAAAAAAAAAAAAAAAAAAAAA", "en").statusCode());
        clock.advance(Duration.ofDays(3).plusHours(2));
        HttpResponse<String> en = onPhone(code, "BBBBBBBBBBBBBBBBBBBBBBBBBB", "en");
        assertTrue(en.body().contains("<h1>Genuine code, checked before</h1>"), en.body());
        assertTrue(en.body().contains("another phone checked it first, 3 days ago, in an unknown place."), en.body());
        assertFalse(en.body().contains("UTC"), en.body());
        HttpResponse<String> zh = onPhone(code, "CCCCCCCCCCCCCCCCCCCCCCCCCC", "zh-CN");
        assertTrue(zh.body().contains("3天前"), zh.body());
        assertFalse(zh.body().contains("UTC"), zh.body());
    }

    // ---- helpers ----

    /** A released batch of 20 compact codes of a new brand, with this expiry. */
    private BatchCodes released(LocalDate expiry) {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        var created = app.services().brands().create("Pages " + suffix, "p-" + suffix + "@brand.example");
        Principal principal = new Principal(created.brand().id(), "test");
        var product = app.services().products().create(principal, new NewProduct("Serum", null, null, null, List.of("FR")));
        Batch batch = app.services().batches().create(principal,
                new NewBatch(product.id(), 20L, "L-1", expiry, null, "compact"));
        batch = app.services().batches().changeStatus(principal, batch.id(), BatchStatus.RELEASED, null);
        return app.services().batches().codes(batch);
    }

    private static String path(String url) {
        URI uri = URI.create(url);
        return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }

    private HttpResponse<String> get(String path, String accept, String language) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
                .timeout(Duration.ofSeconds(10)).header("Accept-Language", language);
        if (accept != null) {
            request.header("Accept", accept);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> send(String method, String path, String accept) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
                .timeout(Duration.ofSeconds(10)).header("Accept", accept)
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A phone (its device cookie) opening a code's page. */
    private HttpResponse<String> onPhone(String path, String device, String language) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
                .timeout(Duration.ofSeconds(10)).header("Accept", BROWSER_ACCEPT).header("Accept-Language", language)
                .header("Cookie", RequestFacts.DEVICE_COOKIE + "=" + device).build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode verify(String code, String language) throws Exception {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + app.port() + "/api/v1/verify"))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .header("Accept-Language", language)
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(java.util.Map.of("code", code))))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }
}
