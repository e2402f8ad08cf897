package dev.touchmark.api;

import static dev.touchmark.testsupport.Http.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.touchmark.App;
import dev.touchmark.brand.BrandService;
import dev.touchmark.code.SignatureCheck;
import dev.touchmark.config.TouchmarkConfig;
import dev.touchmark.keys.KeyIds;
import dev.touchmark.testsupport.Http;
import dev.touchmark.testsupport.QrDecoding;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The API as an integrator uses it, against a real server; run on H2 and on PostgreSQL by subclasses. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ApiContract {
    protected App app;
    protected Http http;

    /** The configuration of the database under test. */
    protected abstract TouchmarkConfig config() throws Exception;

    @BeforeAll
    void startServer() throws Exception {
        app = App.start(config(), Clock.systemUTC());
        http = new Http(app.port());
    }

    @AfterAll
    void stopServer() {
        if (app != null) {
            app.close();
        }
    }

    protected BrandService.CreatedBrand newBrand() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        return app.services().brands().create("Brand " + suffix, "admin-" + suffix + "@brand.example");
    }

    protected long newProduct(String apiKey, String gtin) {
        Http.Response r = http.post("/api/v1/products", apiKey, gtin == null
                ? json("name", "Serum", "markets", List.of("fr", "DE"))
                : json("name", "Serum", "gtin", gtin, "markets", List.of("fr", "DE")));
        assertEquals(201, r.status(), r.text());
        return r.json().get("id").asLong();
    }

    protected long newBatch(String apiKey, long productId, long quantity, String profile) {
        Http.Response r = http.post("/api/v1/batches", apiKey, json("productId", productId, "quantity", quantity,
                "lot", "L-7", "expiry", "2028-11-30", "profile", profile));
        assertEquals(201, r.status(), r.text());
        return r.json().get("id").asLong();
    }

    @Test
    void theApiDescriptionIsServedWithSwaggerUiFromTheServerItself() {
        Http.Response page = http.get("/api/docs", null);
        assertEquals(200, page.status());
        assertTrue(page.text().contains("/webjars/swagger-ui/5.34.1/swagger-ui-bundle.js"), page.text());
        Http.Response yaml = http.get("/api/openapi.yaml", null);
        assertEquals(200, yaml.status());
        assertTrue(yaml.text().startsWith("openapi: 3.1"), yaml.text().substring(0, 40));
        assertTrue(yaml.text().contains("/api/v1/alerts"));
        assertEquals(200, http.get("/webjars/swagger-ui/5.34.1/swagger-ui-bundle.js", null).status());
        assertEquals(200, http.get("/assets/api-docs.js", null).status());
    }

    @Test
    void aRequestJettyCannotParseGetsProblemJsonNotAnHtmlPage() throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", app.port())) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(("POST /api/v1/verify HTTP/1.1\r\nHost: localhost\r\nContent-Length: banana\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(answer.startsWith("HTTP/1.1 400"), answer);
            assertTrue(answer.toLowerCase(java.util.Locale.ROOT).contains("content-type: application/problem+json"), answer);
            assertTrue(answer.contains("\"status\":400"), answer);
            assertFalse(answer.contains("<html"), answer);
        }
    }

    @Test
    void healthAnswersOkWhenTheDatabaseIsReachable() {
        Http.Response r = http.get("/healthz", null);
        assertEquals(200, r.status());
        assertEquals("ok", r.json().get("status").asText());
    }

    @Test
    void readinessAnswersReadyWhenEveryMigrationIsApplied() {
        Http.Response r = http.get("/readyz", null);
        assertEquals(200, r.status(), r.text());
        assertEquals("ready", r.json().get("status").asText());
    }

    @Test
    void metricsCountVerificationsByVerdictAndShowTheScanLogTheOutboxAndTheJvm() {
        double before = metric(http.get("/metrics", null).text(), "touchmark_verifications_total{verdict=\"not_genuine\"}");
        Http.Response verified = http.post("/api/v1/verify", null, json("code", "https://tm.example/V/NOTACODE"));
        assertEquals(200, verified.status(), verified.text());
        assertEquals("not_genuine", verified.json().get("verdict").asText());

        Http.Response r = http.get("/metrics", null);
        assertEquals(200, r.status());
        assertTrue(r.header("Content-Type").startsWith("text/plain"), r.header("Content-Type"));
        String text = r.text();
        assertEquals(before + 1, metric(text, "touchmark_verifications_total{verdict=\"not_genuine\"}"), text);
        assertTrue(metric(text, "touchmark_verifications_total{verdict=\"genuine\"}") >= 0, text);
        assertTrue(metric(text, "touchmark_scan_log_commit_seconds_count") >= 0, text);
        assertTrue(metric(text, "touchmark_scan_log_scans_total") >= 0, text);
        assertEquals(0, metric(text, "touchmark_scan_log_queued"), text);
        assertEquals(0, metric(text, "touchmark_scan_log_failed_total"), text);
        assertTrue(metric(text, "touchmark_scan_log_retries_total") >= 0, text);
        assertTrue(metric(text, "touchmark_webhook_deliveries_pending") >= 0, text);
        try {
            if (config().dbUrl().startsWith("jdbc:h2:file:")) {
                assertTrue(metric(text, "touchmark_database_file_bytes") > 0, text);
            } else {
                assertFalse(text.contains("touchmark_database_file_bytes"), text);
            }
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        assertTrue(text.contains("jvm_memory_used_bytes{"), "JVM memory");
        assertTrue(text.contains("jvm_threads_live_threads "), "JVM threads");
        assertTrue(text.contains("jvm_gc_"), "JVM GC");
    }

    /** The value of one sample line of a Prometheus text exposition. */
    private static double metric(String text, String sample) {
        return text.lines().filter(line -> line.startsWith(sample + " ")).findFirst()
                .map(line -> Double.parseDouble(line.substring(sample.length() + 1).trim()))
                .orElseThrow(() -> new AssertionError("no sample " + sample + " in\n" + text));
    }

    @Test
    void everyAnswerCarriesARequestIdTheCallersWhenItIsSane() {
        Http.Response made = http.get("/healthz", null);
        assertTrue(made.header("X-Request-Id").matches("[0-9a-f]{16}"), made.header("X-Request-Id"));
        assertEquals("trace-42.a_b", http.get("/readyz", null, "X-Request-Id", "trace-42.a_b").header("X-Request-Id"));
        Http.Response refused = http.get("/api/v1/products", null, "X-Request-Id", "bad id <script>");
        assertEquals(401, refused.status(), "errors carry an id too");
        assertTrue(refused.header("X-Request-Id").matches("[0-9a-f]{16}"), refused.header("X-Request-Id"));
        String tooLong = "a".repeat(65);
        assertTrue(http.get("/healthz", null, "X-Request-Id", tooLong).header("X-Request-Id").matches("[0-9a-f]{16}"));
        // A path Jetty itself refuses (an overlong UTF-8 encoding of "/"), before any route runs.
        Http.Response unreadable = http.get("/V/AB%C0%AFCD", null, "X-Request-Id", "trace-43");
        assertEquals(400, unreadable.status(), unreadable.text());
        assertEquals("trace-43", unreadable.header("X-Request-Id"));
        assertTrue(unreadable.header("Content-Type").startsWith("application/problem+json"), unreadable.header("Content-Type"));
    }

    @Test
    void requestsWithoutOrWithAWrongApiKeyGet401ProblemJson() {
        Http.Response none = http.get("/api/v1/products", null);
        assertEquals(401, none.status());
        assertTrue(none.header("Content-Type").startsWith("application/problem+json"), none.header("Content-Type"));
        assertEquals(401, none.json().get("status").asInt());
        assertEquals(401, http.get("/api/v1/products", "tm_WRONGWRONGWRONG0_SECRET").status());
        String valid = newBrand().apiKey();
        char last = valid.charAt(valid.length() - 1);
        assertEquals(401, http.get("/api/v1/products", valid.substring(0, valid.length() - 1) + (last == 'A' ? 'B' : 'A')).status());
    }

    @Test
    void aBrandCreatesAProductAndABatchAndReadsThemBack() {
        String key = newBrand().apiKey();
        long product = newProduct(key, "4006381333931");
        JsonNode p = http.get("/api/v1/products/" + product, key).json();
        assertEquals("04006381333931", p.get("gtin").asText());
        assertEquals("[\"FR\",\"DE\"]", p.get("markets").toString());
        long batch = newBatch(key, product, 500, "gs1");
        JsonNode b = http.get("/api/v1/batches/" + batch, key).json();
        assertEquals("draft", b.get("status").asText());
        assertEquals("[\"FR\",\"DE\"]", b.get("markets").toString(), "markets default to the product's");
        assertEquals(1, http.get("/api/v1/batches?productId=" + product, key).json().get("items").size());
    }

    @Test
    void aBrandCannotGiveOneGtinToTwoProductsEvenAtOnceButAnotherBrandMay() throws Exception {
        String key = newBrand().apiKey();
        long first = newProduct(key, "4006381333931");
        Http.Response again = http.post("/api/v1/products", key, json("name", "Serum refill", "gtin", "04006381333931"));
        assertEquals(409, again.status(), again.text());
        assertTrue(again.header("Content-Type").startsWith("application/problem+json"), again.header("Content-Type"));
        assertTrue(again.json().get("detail").asText().contains("product " + first + " ('Serum')"), again.text());
        assertEquals(1, http.get("/api/v1/products", key).json().get("items").size(), "the refused product is not stored");
        newProduct(newBrand().apiKey(), "4006381333931");

        String racing = newBrand().apiKey();
        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < 4; i++) {
                answers.add(pool.submit(() -> http.post("/api/v1/products", racing, json("name", "Twin", "gtin", "96385074")).status()));
            }
            List<Integer> statuses = new java.util.ArrayList<>();
            for (var answer : answers) {
                statuses.add(answer.get());
            }
            java.util.Collections.sort(statuses);
            assertEquals(List.of(201, 409, 409, 409), statuses);
        } finally {
            pool.shutdown();
        }
        assertEquals(1, http.get("/api/v1/products", racing).json().get("items").size());
    }

    @Test
    void brandBCanNeitherReadNorChangeAnythingOfBrandA() {
        String a = newBrand().apiKey();
        String b = newBrand().apiKey();
        long product = newProduct(a, null);
        long batch = newBatch(a, product, 10, "compact");
        String aKid = http.get("/api/v1/keys", a).json().get("items").get(0).get("kid").asText();
        List<Http.Response> attempts = new ArrayList<>();
        attempts.add(http.get("/api/v1/products/" + product, b));
        attempts.add(http.get("/api/v1/batches/" + batch, b));
        attempts.add(http.get("/api/v1/batches/" + batch + "/history", b));
        attempts.add(http.get("/api/v1/batches/" + batch + "/codes/0", b));
        attempts.add(http.get("/api/v1/batches/" + batch + "/codes/0/label.png", b));
        attempts.add(http.get("/api/v1/batches/" + batch + "/labels?format=csv", b));
        attempts.add(http.post("/api/v1/batches/" + batch + "/release", b, null));
        attempts.add(http.post("/api/v1/batches/" + batch + "/void", b, null));
        attempts.add(http.post("/api/v1/keys/" + aKid + "/revoke", b, null));
        attempts.add(http.post("/api/v1/batches", b, json("productId", product, "quantity", 5)));
        for (Http.Response r : attempts) {
            assertEquals(404, r.status(), r.raw().uri() + " answered " + r.text());
        }
        assertEquals(0, http.get("/api/v1/products", b).json().get("items").size());
        assertEquals(0, http.get("/api/v1/batches", b).json().get("items").size());
        assertEquals("draft", http.get("/api/v1/batches/" + batch, a).json().get("status").asText());
        assertEquals("active", http.get("/api/v1/keys", a).json().get("items").get(0).get("status").asText());
    }

    @Test
    void invalidInputGetsClearProblemsAndStoresNothing() {
        String key = newBrand().apiKey();
        Http.Response badGtin = http.post("/api/v1/products", key, json("name", "X", "gtin", "4006381333932"));
        assertEquals(400, badGtin.status());
        assertEquals("gtin", badGtin.json().get("errors").get(0).get("field").asText());
        assertEquals(400, http.post("/api/v1/products", key, json("name", "X", "markets", List.of("XX"))).status());
        assertEquals(400, http.post("/api/v1/products", key, "{not json").status());
        assertEquals(400, http.post("/api/v1/products", key, json("name", "X", "colour", "red")).status());
        assertEquals(400, http.post("/api/v1/products", key, "[]").status());
        assertEquals(0, http.get("/api/v1/products", key).json().get("items").size());
        long product = newProduct(key, null);
        assertEquals(400, http.post("/api/v1/batches", key, json("productId", product, "quantity", 0)).status());
        assertEquals(400, http.post("/api/v1/batches", key, json("productId", product, "quantity", 100_000_001L)).status());
        assertEquals(400, http.post("/api/v1/batches", key, json("productId", product, "quantity", 5, "lot", "bad lot!")).status());
        assertEquals(400, http.post("/api/v1/batches", key, json("productId", product, "quantity", 5, "profile", "gs1")).status(),
                "gs1 needs a GTIN");
        assertEquals(404, http.post("/api/v1/batches", key, json("productId", 999_999_999L, "quantity", 5)).status());
        assertEquals(0, http.get("/api/v1/batches", key).json().get("items").size());
        assertEquals(404, http.get("/api/v1/batches/abc", key).status());
        assertEquals(404, http.get("/api/v1/batches/-1", key).status());
        assertEquals(404, http.get("/api/v1/products/99999999999999999999999", key).status());
        assertEquals(404, http.get("/no/such/path", null).status());
        assertEquals(405, http.send("DELETE", "/api/v1/products", key, null).status());
        assertEquals(400, http.post("/api/v1/batches", key, "{\"productId\": " + product + ", \"quantity\": \"5\"}").status(),
                "a number as a string is refused, not coerced");
        assertEquals(400, http.post("/api/v1/batches", key, "{\"productId\": " + product + ", \"quantity\": 5.9}").status(),
                "a fraction is refused, not truncated");
        assertEquals(0, http.get("/api/v1/batches", key).json().get("items").size());
        assertTrue(http.get("/api/v1/batches", key).json().get("nextBefore").isNull());
    }

    @Test
    void aValueOfTheWrongTypeNamesTheFieldAndTheTypeInTheApisWordsNotJacksons() {
        String key = newBrand().apiKey();
        Http.Response number = http.post("/api/v1/products", key, "{\"name\": 42, \"markets\": [\"FR\"]}");
        assertWrongType(number, "name", "must be a string");
        Http.Response inList = http.post("/api/v1/products", key, "{\"name\": \"Serum\", \"markets\": [\"FR\", 7]}");
        assertWrongType(inList, "markets[1]", "must be a string");
        Http.Response notList = http.post("/api/v1/products", key, "{\"name\": \"Serum\", \"markets\": \"FR\"}");
        assertWrongType(notList, "markets", "must be an array");
        assertEquals(0, http.get("/api/v1/products", key).json().get("items").size(), "nothing stored");

        long product = newProduct(key, null);
        Http.Response text = http.post("/api/v1/batches", key, "{\"productId\": " + product + ", \"quantity\": \"five\"}");
        assertWrongType(text, "quantity", "must be a whole number");
        Http.Response date = http.post("/api/v1/batches", key,
                "{\"productId\": " + product + ", \"quantity\": 5, \"expiry\": \"2028-13-01\"}");
        assertWrongType(date, "expiry", "must be a date as a string, YYYY-MM-DD");
        Http.Response flag = http.post("/api/v1/verify", null, "{\"code\": true}");
        assertWrongType(flag, "code", "must be a string");

        Http.Response garbled = http.post("/api/v1/products", key, "{\"name\": \"Serum\",");
        assertEquals(400, garbled.status());
        assertTrue(garbled.json().get("detail").asText().startsWith("the request body is not valid JSON (line 1"),
                garbled.text());
    }

    private static void assertWrongType(Http.Response r, String field, String message) {
        assertEquals(400, r.status(), r.text());
        assertTrue(r.header("Content-Type").startsWith("application/problem+json"), r.header("Content-Type"));
        assertEquals(field, r.json().get("errors").get(0).get("field").asText(), r.text());
        assertEquals(message, r.json().get("errors").get(0).get("message").asText(), r.text());
        assertEquals(field + ": " + message + ".", r.json().get("detail").asText(), "one sentence");
        for (String internal : List.of("coerce", "CoercionConfig", "java.", "Cannot deserialize", "`")) {
            assertFalse(r.text().contains(internal), "no Jackson internals: " + r.text());
        }
    }

    @Test
    void aTenMillionCodeBatchIsOneRowAndItsLastCodeVerifies() {
        String key = newBrand().apiKey();
        long product = newProduct(key, null);
        long batch = newBatch(key, product, 10_000_000, "compact");
        JsonNode last = http.get("/api/v1/batches/" + batch + "/codes/9999999", key).json();
        assertInstanceOf(SignatureCheck.Valid.class, app.services().verifier().check(last.get("url").asText()));
        assertEquals(404, http.get("/api/v1/batches/" + batch + "/codes/10000000", key).status());
        assertEquals(404, http.get("/api/v1/batches/" + batch + "/codes/-1", key).status());
        long rows = app.services().database().dsl().fetchCount(dev.touchmark.db.jooq.Tables.BATCH,
                dev.touchmark.db.jooq.Tables.BATCH.ID.eq(batch));
        assertEquals(1, rows);
    }

    @Test
    void batchStatusFollowsItsLifeAndRecordsWhoAndWhen() {
        String key = newBrand().apiKey();
        long batch = newBatch(key, newProduct(key, null), 5, "compact");
        assertEquals(409, http.post("/api/v1/batches/" + batch + "/recall", key, null).status(), "a draft cannot be recalled");
        Http.Response released = http.post("/api/v1/batches/" + batch + "/release", key, json("reason", "printed"));
        assertEquals(200, released.status(), released.text());
        assertTrue(released.json().get("statusChangedBy").asText().startsWith("api-key:initial"));
        assertEquals("recalled", http.post("/api/v1/batches/" + batch + "/recall", key, json("reason", "contamination"))
                .json().get("status").asText());
        assertEquals(409, http.post("/api/v1/batches/" + batch + "/release", key, null).status(), "recalled is final");
        JsonNode history = http.get("/api/v1/batches/" + batch + "/history", key).json().get("items");
        assertEquals(3, history.size());
        assertEquals("contamination", history.get(2).get("reason").asText());
        assertNotNull(history.get(2).get("at").asText());
    }

    @Test
    void aVoidedBatchCannotBeExported() {
        String key = newBrand().apiKey();
        long batch = newBatch(key, newProduct(key, null), 5, "compact");
        assertEquals(200, http.post("/api/v1/batches/" + batch + "/void", key, null).status());
        Http.Response export = http.get("/api/v1/batches/" + batch + "/labels?format=csv", key);
        assertEquals(409, export.status());
        assertEquals(409, http.get("/api/v1/batches/" + batch + "/codes/0", key).status());
        assertTrue(export.json().get("detail").asText().contains("voided"));
    }

    @Test
    void labelsDecodeToTheCodesUrls() throws Exception {
        String key = newBrand().apiKey();
        long batch = newBatch(key, newProduct(key, "4006381333931"), 30, "gs1");
        String url = http.get("/api/v1/batches/" + batch + "/codes/7", key).json().get("url").asText();
        assertTrue(url.startsWith("https://tm.example/01/04006381333931/10/L-7/21/"), url);
        Http.Response png = http.get("/api/v1/batches/" + batch + "/codes/7/label.png", key);
        assertEquals("image/png", png.header("Content-Type"));
        assertEquals(url, QrDecoding.decodePng(png.bytes()));
        String svg = http.get("/api/v1/batches/" + batch + "/codes/7/label.svg", key).text();
        assertTrue(svg.contains("<svg") && svg.contains("<path"));
        String csv = http.get("/api/v1/batches/" + batch + "/labels?format=csv", key).text();
        String[] lines = csv.split("\r\n");
        assertEquals(31, lines.length);
        assertTrue(lines[8].endsWith("," + url), lines[8]);
        String zpl = http.get("/api/v1/batches/" + batch + "/labels?format=zpl", key).text();
        assertTrue(zpl.contains("^FDMA," + url + "^FS"));
        Http.Response pdf = http.get("/api/v1/batches/" + batch + "/labels?format=pdf&paper=LETTER", key);
        assertEquals("application/pdf", pdf.header("Content-Type"));
        assertTrue(new String(pdf.bytes(), 0, 8, StandardCharsets.US_ASCII).startsWith("%PDF-1."));
        assertEquals(400, http.get("/api/v1/batches/" + batch + "/labels?format=docx", key).status());
        assertEquals(400, http.get("/api/v1/batches/" + batch + "/labels?format=pdf&columns=0", key).status());
        assertEquals(400, http.get("/api/v1/batches/" + batch + "/labels?format=pdf&paper=A3", key).status());
        assertEquals(400, http.get("/api/v1/batches/" + batch + "/labels?format=csv&from=30", key).status());
        assertEquals(400, http.get("/api/v1/batches/" + batch + "/codes/1/label.png?scale=0", key).status());
    }

    @Test
    void rotationKeepsOldCodesValidAndRevocationMakesThemNotGenuine() {
        String key = newBrand().apiKey();
        long product = newProduct(key, null);
        long oldBatch = newBatch(key, product, 3, "compact");
        String oldUrl = http.get("/api/v1/batches/" + oldBatch + "/codes/1", key).json().get("url").asText();
        String oldKid = http.get("/api/v1/keys", key).json().get("items").get(0).get("kid").asText();

        Http.Response rotated = http.post("/api/v1/keys/rotate", key, null);
        assertEquals(201, rotated.status());
        String newKid = rotated.json().get("kid").asText();
        assertFalse(newKid.equals(oldKid));
        assertInstanceOf(SignatureCheck.Valid.class, app.services().verifier().check(oldUrl), "retired keys still verify");
        String jwks = http.get("/.well-known/jwks.json", null).text();
        assertTrue(jwks.contains(oldKid) && jwks.contains(newKid), "a retired key with codes in circulation stays published");

        Http.Response revoked = http.post("/api/v1/keys/" + oldKid + "/revoke", key, json("reason", "leaked"));
        assertEquals("revoked", revoked.json().get("status").asText());
        SignatureCheck<?> check = app.services().verifier().check(oldUrl);
        assertEquals(SignatureCheck.Reason.REVOKED_KEY, ((SignatureCheck.Invalid) check).reason());
        Http.Response jwksAfter = http.get("/.well-known/jwks.json", null);
        assertFalse(jwksAfter.json().get("keys").toString().contains(oldKid), "revoked keys leave the key set");
        assertTrue(jwksAfter.json().get("revoked").toString().contains(oldKid));
        assertEquals(409, http.get("/api/v1/batches/" + oldBatch + "/labels?format=csv", key).status());
        assertEquals(404, http.post("/api/v1/keys/no-such-kid/revoke", key, null).status());
    }

    @Test
    void jwksPublishesOkpKeysWithThumbprintKidsAndOpenCors() {
        String key = newBrand().apiKey();
        JsonNode mine = http.get("/api/v1/keys", key).json().get("items").get(0);
        Http.Response r = http.get("/.well-known/jwks.json", null);
        assertEquals("*", r.header("Access-Control-Allow-Origin"));
        JsonNode found = null;
        for (JsonNode jwk : r.json().get("keys")) {
            if (jwk.get("kid").asText().equals(mine.get("kid").asText())) {
                found = jwk;
            }
        }
        assertNotNull(found);
        assertEquals("OKP", found.get("kty").asText());
        assertEquals("Ed25519", found.get("crv").asText());
        byte[] x = Base64.getUrlDecoder().decode(found.get("x").asText());
        assertEquals(KeyIds.kid(x), found.get("kid").asText());
    }

    @Test
    void revokingTheActiveKeyMakesANewActiveKey() {
        String key = newBrand().apiKey();
        String kid = http.get("/api/v1/keys", key).json().get("items").get(0).get("kid").asText();
        http.post("/api/v1/keys/" + kid + "/revoke", key, null);
        JsonNode keys = http.get("/api/v1/keys", key).json().get("items");
        assertEquals(2, keys.size());
        assertEquals("active", keys.get(0).get("status").asText());
        assertEquals(201, http.post("/api/v1/batches", key, json("productId", newProduct(key, null), "quantity", 2)).status());
    }
}
