package dev.touchmark.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.touchmark.App;
import dev.touchmark.access.Principal;
import dev.touchmark.access.User;
import dev.touchmark.batch.Batch;
import dev.touchmark.domain.BatchStatus;
import dev.touchmark.batch.NewBatch;
import dev.touchmark.brand.BrandService;
import dev.touchmark.code.BatchCodes;
import dev.touchmark.product.NewProduct;
import dev.touchmark.testsupport.Http;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/**
 * A brand whose every dashboard page has something to show: an admin with a known password, a product, a released
 * batch and a draft one, located scans from several phones (a cloned code, an unreleased batch scanned, a forged
 * code), the alerts they raise, a shopper report and a webhook endpoint.
 */
record DashboardSeed(long brandId, String adminEmail, String adminPassword, String apiKey, String product,
                     Batch released, Batch draft, BatchCodes codes, long cloneAlert, long unreleasedAlert) {

    /** Seeds a new brand through the services and the public API, as shoppers and the brand would. */
    static DashboardSeed create(App app, String adminPassword) throws Exception {
        BrandService.CreatedBrand brand = app.services().brands().create("Accessible Cosmetics", "admin@accessible.example");
        long brandId = brand.brand().id();
        User admin = app.services().users().list(brandId).get(0);
        app.services().users().setKnownPassword(brandId, admin.id(), adminPassword);
        Principal principal = new Principal(brandId, "seed");
        var product = app.services().products().create(principal,
                new NewProduct("Hydrating Serum 50 ml", null, "A serum.", null, List.of("FR", "DE")));
        Batch released = app.services().batches().create(principal,
                new NewBatch(product.id(), 20L, "L2026-11", LocalDate.of(2030, 11, 30), null, "compact"));
        released = app.services().batches().changeStatus(principal, released.id(), BatchStatus.RELEASED, null);
        Batch draft = app.services().batches().create(principal,
                new NewBatch(product.id(), 10L, "L2026-12", null, null, "compact"));
        BatchCodes codes = app.services().batches().codes(released);

        Http http = new Http(app.port());
        assertEquals(200, http.send("PUT", "/api/v1/rules", brand.apiKey(), "{\"cloneDevices\":2}").status());
        String firstScan = verify(http, codes.url(0), 'A', 48.86, 2.35); // Paris
        verify(http, codes.url(0), 'B', 52.52, 13.40); // Berlin, moments later: a clone
        verify(http, codes.url(3), 'C', 43.30, 5.37); // Marseille: code 3 has one scan
        verify(http, app.services().batches().codes(draft).url(0), 'D', 40.42, -3.70); // a draft batch on sale in Madrid
        verify(http, forged(codes.url(1)), 'E', 51.51, -0.13); // a forged code in London
        report(app, firstScan);
        assertEquals(201, http.post("/api/v1/webhooks", brand.apiKey(), "{\"url\":\"https://hooks.accessible.invalid/touchmark\","
                + "\"description\":\"Seeded endpoint\",\"eventTypes\":[\"alert.created\"]}").status());

        JsonNode alerts = http.get("/api/v1/alerts?limit=50", brand.apiKey()).json().path("items");
        return new DashboardSeed(brandId, brand.adminEmail(), adminPassword, brand.apiKey(), product.name(), released, draft,
                codes, alertId(alerts, "cloned_code"), alertId(alerts, "unreleased_scan"));
    }

    /** A scan through the verify API from one phone at a place; answers its scan id. */
    private static String verify(Http http, String code, char phone, double lat, double lon) {
        String json = String.format(Locale.ROOT, "{\"code\":\"%s\",\"deviceId\":\"%s\",\"lat\":%.2f,\"lon\":%.2f}",
                code, String.valueOf(phone).repeat(26), lat, lon);
        Http.Response response = http.post("/api/v1/verify", null, json);
        assertEquals(200, response.status(), response.text());
        return response.json().path("scanId").asText();
    }

    /** The code with one character of its signature changed. */
    private static String forged(String url) {
        int at = url.length() - 12;
        char changed = url.charAt(at) == 'A' ? 'B' : 'A';
        return url.substring(0, at) + changed + url.substring(at + 1);
    }

    private static void report(App app, String scanId) throws Exception {
        String form = "scanId=" + scanId + "&place=" + enc("Night market, stall 12") + "&seller=" + enc("Beauty Deals")
                + "&comment=" + enc("Half the usual price.");
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + app.port() + "/report"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
    }

    private static String enc(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static long alertId(JsonNode alerts, String rule) {
        for (JsonNode alert : alerts) {
            if (rule.equals(alert.path("rule").asText())) {
                return alert.path("id").asLong();
            }
        }
        throw new AssertionError("no " + rule + " alert among " + alerts);
    }
}
