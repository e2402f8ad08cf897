package dev.touchmark.brand;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.touchmark.App;
import dev.touchmark.access.Principal;
import dev.touchmark.access.Role;
import dev.touchmark.batch.Batch;
import dev.touchmark.batch.NewBatch;
import dev.touchmark.code.BatchCodes;
import dev.touchmark.config.TouchmarkConfig;
import dev.touchmark.domain.BatchStatus;
import dev.touchmark.product.NewProduct;
import dev.touchmark.shopper.RequestFacts;
import dev.touchmark.testsupport.Http;
import dev.touchmark.testsupport.TestImages;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A brand's verification pages carry its name, logo, colour and links, set by its admin and shown to shoppers from
 * their next scan; forged codes and other brands' codes never show them; everything the admin sends is checked.
 * Run on H2 and PostgreSQL.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class BrandingContract {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PAGE_BUDGET_BYTES = 50 * 1024;
    private App app;
    private Http http;
    private final HttpClient client = HttpClient.newHttpClient();

    protected abstract TouchmarkConfig config() throws Exception;

    @BeforeAll
    void start() throws Exception {
        app = App.start(config(), Clock.systemUTC());
        http = new Http(app.port());
    }

    @AfterAll
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    record Fixture(long brandId, String name, String adminKey, String viewerKey, Batch batch, BatchCodes codes,
                   Principal principal) {
    }

    private Fixture fixture() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        var created = app.services().brands().create("Maison " + suffix, "b-" + suffix + "@brand.example");
        Principal principal = new Principal(created.brand().id(), "test");
        var product = app.services().products().create(principal,
                new NewProduct("Serum", null, "A serum.", null, List.of("FR")));
        Batch batch = app.services().batches().create(principal,
                new NewBatch(product.id(), 20L, "L-1", null, List.of("FR"), "compact"));
        batch = app.services().batches().changeStatus(principal, batch.id(), BatchStatus.RELEASED, null);
        String viewer = app.services().apiKeys().issue(created.brand().id(), "viewer", Role.VIEWER).plaintext();
        return new Fixture(created.brand().id(), created.brand().name(), created.apiKey(), viewer, batch,
                app.services().batches().codes(batch), principal);
    }

    private static String branding(String name, String colour, String support, String warranty, String registration) {
        return Http.json("displayName", name, "accentColour", colour, "supportUrl", support, "warrantyUrl", warranty,
                "registrationUrl", registration);
    }

    /** A shopper's phone opening a label: the page (or JSON) and its body. */
    private HttpResponse<String> open(String url, char device, boolean json) throws Exception {
        String path = URI.create(url).getRawPath();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
                .header("Accept", json ? "application/json" : "text/html,application/xhtml+xml")
                .header("User-Agent", "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/126 Mobile Safari/537.36")
                .header("Cookie", RequestFacts.DEVICE_COOKIE + "=" + String.valueOf(device).repeat(26)).build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertEquals(200, response.statusCode(), response.body());
        return response;
    }

    static byte[] logoUpload(int width, int height) {
        return TestImages.logo(width, height);
    }

    @Test
    void anAdminsBrandingIsOnTheNextScansPageWhichStaysUnderFiftyKilobytes() throws Exception {
        Fixture f = fixture();
        String before = open(f.codes().url(1), 'A', false).body();
        assertFalse(before.contains("brand-links"), "no links before the brand sets any");

        Http.Response saved = http.send("PUT", "/api/v1/brand/branding", f.adminKey(), branding("Maison Lumière",
                "#7A1F5C", "mailto:care@maison.example", "https://maison.example/warranty",
                "https://maison.example/register?src=tm"));
        assertEquals(200, saved.status(), saved.text());
        assertEquals("#7a1f5c", saved.json().get("accentColour").asText(), "stored in one spelling");
        assertEquals("#ffffff", saved.json().get("accentText").asText(), "white reads best on a dark plum");
        Http.Response logo = http.sendBytes("PUT", "/api/v1/brand/logo", f.adminKey(), "image/png", logoUpload(1800, 600));
        assertEquals(200, logo.status(), logo.text());
        String logoUrl = logo.json().get("logoUrl").asText();
        assertTrue(logoUrl.matches("/logos/[0-9a-f]{64}\\.png"), logoUrl);
        assertEquals(480, logo.json().get("logoWidth").asInt());
        assertEquals(160, logo.json().get("logoHeight").asInt());

        String page = open(f.codes().url(2), 'B', false).body();
        assertTrue(page.contains("--brand:#7a1f5c;--brand-text:#ffffff"), "the brand's colour and its text colour");
        assertTrue(page.contains("<img src=\"" + logoUrl + "\" alt=\"Maison Lumière\" width=\"240\" height=\"80\">"), page);
        assertTrue(page.contains("href=\"https://maison.example/register?src=tm\""), "registration after a genuine check");
        assertTrue(page.contains("href=\"https://maison.example/warranty\""));
        assertTrue(page.contains("href=\"mailto:care@maison.example\""));
        assertTrue(page.contains("Checked by Touchmark for Maison Lumière"));
        assertFalse(page.contains("<script src"), "no script file: the page works without JavaScript");

        Http.Response png = http.get(logoUrl, null);
        assertEquals(200, png.status());
        assertEquals("image/png", png.header("Content-Type"));
        assertTrue(png.header("Cache-Control").contains("immutable"));
        BufferedImage served = ImageIO.read(new ByteArrayInputStream(png.bytes()));
        assertEquals(480, served.getWidth());
        int weight = page.getBytes(StandardCharsets.UTF_8).length + png.bytes().length;
        assertTrue(weight < PAGE_BUDGET_BYTES, "page and logo weigh " + weight + " bytes, uncompressed");
        for (String asset : subresources(page)) {
            assertEquals(logoUrl, asset, "nothing else is loaded (the product image aside)");
        }

        JsonNode api = JSON.readTree(open(f.codes().url(2), 'B', true).body());
        assertEquals("Maison Lumière", api.get("branding").get("name").asText());
        assertEquals(logoUrl, api.get("branding").get("logoUrl").asText());
        assertEquals("https://maison.example/warranty", api.get("branding").get("warrantyUrl").asText());
    }

    /** The img, script and link addresses of a page. */
    private static Set<String> subresources(String page) {
        Set<String> found = new HashSet<>();
        Matcher m = Pattern.compile("<(?:img|script|link)[^>]*?(?:src|href)=\"([^\"]+)\"").matcher(page);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    @Test
    void aProductInDoubtOffersTheBrandsSupportOnlyAndAForgedCodeShowsNothingOfTheBrand() throws Exception {
        Fixture f = fixture();
        assertEquals(200, http.send("PUT", "/api/v1/brand/branding", f.adminKey(), branding("Maison Rouge", "#ffd400",
                "https://maison.example/help", "https://maison.example/warranty", "https://maison.example/register"))
                .status());
        app.services().batches().changeStatus(f.principal(), f.batch().id(), BatchStatus.RECALLED, "contaminated");
        String recalled = open(f.codes().url(3), 'C', false).body();
        assertTrue(recalled.contains("href=\"https://maison.example/help\""), "support for a recalled product");
        assertFalse(recalled.contains("maison.example/register"), "no registration for a recalled product");
        assertFalse(recalled.contains("maison.example/warranty"));
        assertTrue(recalled.contains("--brand-text:#111111"), "dark text on a yellow bar");

        String url = f.codes().url(4);
        String forged = url.substring(0, url.length() - 3) + (url.endsWith("AAA") ? "BBB" : "AAA");
        String page = open(forged, 'D', false).body();
        assertFalse(page.contains("Maison Rouge"), "a forger must not borrow the brand's look");
        assertFalse(page.contains("maison.example"));
        assertFalse(page.contains("--brand:"));
        JsonNode api = JSON.readTree(open(forged, 'D', true).body());
        assertTrue(api.get("branding").isNull());
        assertEquals("not_genuine", api.get("verdict").asText());
    }

    @Test
    void viewersReadItOnlyAdminsChangeItAndAnotherBrandNeitherSeesNorTouchesIt() throws Exception {
        Fixture mine = fixture();
        Fixture theirs = fixture();
        assertEquals(200, http.send("PUT", "/api/v1/brand/branding", mine.adminKey(),
                branding("Mine", "#004d40", null, null, null)).status());
        assertEquals(200, http.sendBytes("PUT", "/api/v1/brand/logo", mine.adminKey(), "image/png", logoUpload(300, 100))
                .status());

        Http.Response asViewer = http.get("/api/v1/brand/branding", mine.viewerKey());
        assertEquals(200, asViewer.status());
        assertEquals("Mine", asViewer.json().get("displayName").asText());
        assertEquals(403, http.send("PUT", "/api/v1/brand/branding", mine.viewerKey(),
                branding("Viewer's", null, null, null, null)).status());
        assertEquals(403, http.send("DELETE", "/api/v1/brand/logo", mine.viewerKey(), null).status());

        Http.Response other = http.get("/api/v1/brand/branding", theirs.adminKey());
        assertEquals(200, other.status());
        assertTrue(other.json().get("displayName").isNull(), "another brand sees only its own (empty) settings");
        assertTrue(other.json().get("logoUrl").isNull());
        assertEquals(200, http.send("PUT", "/api/v1/brand/branding", theirs.adminKey(),
                branding("Theirs", "#000000", null, null, null)).status());
        assertEquals("Mine", http.get("/api/v1/brand/branding", mine.adminKey()).json().get("displayName").asText());
        String theirPage = open(theirs.codes().url(1), 'E', false).body();
        assertFalse(theirPage.contains("Mine"));
        assertFalse(theirPage.contains("/logos/"), "their page has no logo: they uploaded none");

        Http.Response removed = http.send("DELETE", "/api/v1/brand/logo", mine.adminKey(), null);
        assertEquals(200, removed.status());
        assertTrue(removed.json().get("logoUrl").isNull());
        assertEquals("Mine", removed.json().get("displayName").asText(), "removing the logo keeps the rest");
        assertFalse(open(mine.codes().url(5), 'F', false).body().contains("/logos/"));
    }

    @Test
    void everyMistakeIsA400NamingTheFieldAndNothingIsSaved() throws Exception {
        Fixture f = fixture();
        Http.Response bad = http.send("PUT", "/api/v1/brand/branding", f.adminKey(), branding("x".repeat(121), "red",
                "javascript:alert(1)", "http://maison.example/warranty", "https://"));
        assertEquals(400, bad.status(), bad.text());
        Set<String> fields = new HashSet<>();
        bad.json().get("errors").forEach(e -> fields.add(e.get("field").asText()));
        assertEquals(Set.of("displayName", "accentColour", "supportUrl", "warrantyUrl", "registrationUrl"), fields);
        assertTrue(http.get("/api/v1/brand/branding", f.adminKey()).json().get("updatedAt").isNull());

        Http.Response notImage = http.sendBytes("PUT", "/api/v1/brand/logo", f.adminKey(), "image/png",
                "<svg onload=alert(1)>".getBytes(StandardCharsets.UTF_8));
        assertEquals(400, notImage.status());
        assertEquals("logo", notImage.json().get("errors").get(0).get("field").asText());
        Http.Response empty = http.sendBytes("PUT", "/api/v1/brand/logo", f.adminKey(), "image/png", new byte[0]);
        assertEquals(400, empty.status());
        Http.Response typeMismatch = http.send("PUT", "/api/v1/brand/branding", f.adminKey(), "{\"displayName\": 7}");
        assertEquals(400, typeMismatch.status());

        assertEquals(404, http.get("/logos/" + "0".repeat(64) + ".png", null).status());
        assertEquals(404, http.get("/logos/..%2Fmaster.key", null).status());

        Http.Response script = http.send("PUT", "/api/v1/brand/branding", f.adminKey(),
                branding("<script>alert(1)</script>", null, null, null, null));
        assertEquals(200, script.status());
        String page = open(f.codes().url(6), 'G', false).body();
        assertFalse(page.contains("<script>alert"), "names are escaped");
        assertTrue(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assertNotNull(script.json().get("updatedBy").asText());
    }
}
