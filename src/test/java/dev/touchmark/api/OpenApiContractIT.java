package dev.touchmark.api;

import static dev.touchmark.testsupport.Http.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.touchmark.App;
import dev.touchmark.brand.BrandService;
import dev.touchmark.testsupport.TestImages;
import dev.touchmark.testsupport.TestDatabases;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Every operation in docs/openapi.yaml called on a real server, its success and a documented error: each answer's
 * status must be documented, its Content-Type too, and its body must pass the documented schema. The description and
 * the routes table must also list the same operations, so neither can grow without the other.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OpenApiContractIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PASSWORD = "a long enough new password 42";
    private final OpenApiDescription spec = OpenApiDescription.load();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<String> problems = new ArrayList<>();
    /** "METHOD /path" to the statuses seen for it. */
    private final Map<String, Set<Integer>> seen = new ConcurrentHashMap<>();
    private App app;
    private BrandService.CreatedBrand brand;
    private String key;

    /** One live answer. */
    record Answer(int status, String contentType, byte[] body, HttpResponse<?> raw) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(new String(body, StandardCharsets.UTF_8), e);
            }
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** A request being built: the documented operation it calls and the concrete request. */
    final class Call {
        private final String method;
        private final String template;
        private final HttpRequest.Builder request;
        private HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.noBody();

        Call(String method, String template, Object... pathValues) {
            this.method = method;
            this.template = template;
            String path = template;
            for (Object value : pathValues) {
                path = path.replaceFirst("\\{[^}]+}", java.util.regex.Matcher.quoteReplacement(value.toString()));
            }
            this.request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
                    .timeout(Duration.ofSeconds(60));
        }

        Call query(String query) {
            URI uri = request.build().uri();
            request.uri(URI.create(uri + (uri.getRawQuery() == null ? "?" : "&") + query));
            return this;
        }

        Call key(String apiKey) {
            request.header("Authorization", "Bearer " + apiKey);
            return this;
        }

        Call header(String name, String value) {
            request.header(name, value);
            return this;
        }

        Call json(String text) {
            request.header("Content-Type", "application/json");
            body = HttpRequest.BodyPublishers.ofString(text);
            return this;
        }

        Call bytes(String type, byte[] content) {
            request.header("Content-Type", type);
            body = HttpRequest.BodyPublishers.ofByteArray(content);
            return this;
        }

        Call form(String... namesAndValues) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < namesAndValues.length; i += 2) {
                text.append(i == 0 ? "" : "&").append(namesAndValues[i]).append('=')
                        .append(URLEncoder.encode(namesAndValues[i + 1], StandardCharsets.UTF_8));
            }
            request.header("Content-Type", "application/x-www-form-urlencoded");
            body = HttpRequest.BodyPublishers.ofString(text.toString());
            return this;
        }

        Call multipart(String field, String filename, String type, byte[] content) {
            String boundary = "contract" + UUID.randomUUID().toString().replace("-", "");
            byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field + "\"; filename=\""
                    + filename + "\"\r\nContent-Type: " + type + "\r\n\r\n").getBytes(StandardCharsets.UTF_8);
            byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
            byte[] all = new byte[head.length + content.length + tail.length];
            System.arraycopy(head, 0, all, 0, head.length);
            System.arraycopy(content, 0, all, head.length, content.length);
            System.arraycopy(tail, 0, all, head.length + content.length, tail.length);
            request.header("Content-Type", "multipart/form-data; boundary=" + boundary);
            body = HttpRequest.BodyPublishers.ofByteArray(all);
            return this;
        }

        /** Sends it, checks the answer against the description and that its status is the one the test meant. */
        Answer expect(int status) {
            Answer answer = send();
            record(answer);
            if (answer.status() != status) {
                problems.add(method + " " + template + ": the test expected " + status + " but got " + answer.status()
                        + ": " + abbreviate(answer.text()));
            }
            return answer;
        }

        /** For a stream that does not end: only the status and headers are read. */
        Answer expectStream(int status) {
            try {
                HttpResponse<InputStream> response = client.send(request.method(method, body).build(),
                        HttpResponse.BodyHandlers.ofInputStream());
                response.body().close();
                Answer answer = new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null),
                        new byte[0], response);
                seen.computeIfAbsent(method + " " + template, k -> new TreeSet<>()).add(answer.status());
                List<String> found = spec.check(method, template, answer.status(), answer.contentType(), new byte[0]);
                // An empty body is all a stream shows here; only a missing body for a body-less answer is an error.
                found.removeIf(p -> p.contains("documented without a body"));
                problems.addAll(found);
                if (answer.status() != status) {
                    problems.add(method + " " + template + ": the test expected " + status + " but got " + answer.status());
                }
                return answer;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        /** Sends it and checks the answer against the description, whatever its status. */
        Answer send(java.util.function.BiConsumer<String, Answer> recorder) {
            Answer answer = send();
            recorder.accept(method + " " + template, answer);
            return answer;
        }

        private Answer send() {
            try {
                HttpResponse<byte[]> response = client.send(request.method(method, body).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null),
                        response.body(), response);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        private void record(Answer answer) {
            OpenApiContractIT.this.record(method + " " + template, answer);
        }
    }

    private void record(String operation, Answer answer) {
        seen.computeIfAbsent(operation, k -> new TreeSet<>()).add(answer.status());
        String method = operation.substring(0, operation.indexOf(' '));
        problems.addAll(spec.check(method, operation.substring(method.length() + 1), answer.status(), answer.contentType(),
                answer.body()));
    }

    private Call call(String method, String template, Object... pathValues) {
        return new Call(method, template, pathValues);
    }

    @BeforeAll
    void start() throws Exception {
        app = App.start(TestDatabases.h2(Files.createTempDirectory("touchmark-openapi-")), Clock.systemUTC());
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        brand = app.services().brands().create("Contract " + suffix, "admin-" + suffix + "@brand.example");
        key = brand.apiKey();
    }

    @AfterAll
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    private void assertNoProblems() {
        List<String> found = new ArrayList<>(problems);
        problems.clear();
        assertTrue(found.isEmpty(), found.size() + " answers differ from docs/openapi.yaml:\n" + String.join("\n", found));
    }

    private static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "...";
    }

    private static String device(char c) {
        return String.valueOf(c).repeat(26);
    }

    /** The brand's product with a GTIN, created by the first test that needs it (a brand's GTINs name one product each). */
    private long product(String gtin) {
        return products.computeIfAbsent(gtin, g -> call("POST", "/api/v1/products").key(key)
                .json(json("name", "Serum", "gtin", g, "markets", List.of("FR", "DE"))).expect(201).json().get("id").asLong());
    }

    private final java.util.Map<String, Long> products = new java.util.HashMap<>();

    private long batch(long productId, String lot, String profile) {
        return call("POST", "/api/v1/batches").key(key).json(lot == null
                        ? json("productId", productId, "quantity", 20, "profile", profile)
                        : json("productId", productId, "quantity", 20, "lot", lot, "expiry", "2030-11-30", "profile", profile))
                .expect(201).json().get("id").asLong();
    }

    private String codeUrl(long batchId, int index) {
        return call("GET", "/api/v1/batches/{id}/codes/{index}", batchId, index).key(key).expect(200).json().get("url").asText();
    }

    private static String pathOf(String url) {
        URI uri = URI.create(url);
        return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }

    @Test
    @Order(1)
    void theDescriptionIsValidOpenApiAndListsExactlyTheRoutesOfTheApi() {
        assertEquals(List.of(), spec.parseMessages(), "swagger-parser's objections to docs/openapi.yaml");
        Answer served = call("GET", "/api/openapi.yaml").send();
        assertEquals(OpenApiDescription.text(), served.text(), "the server serves docs/openapi.yaml as it is");
        Set<String> documented = spec.operations();
        List<String> routes = app.routes();
        Set<String> routed = routes.stream().map(OpenApiContractIT::shape).collect(Collectors.toCollection(TreeSet::new));
        List<String> undocumented = routes.stream().filter(r -> r.contains(" /api/v1/"))
                .filter(r -> documented.stream().noneMatch(op -> shape(op).equals(shape(r)))).sorted().toList();
        List<String> unrouted = documented.stream().filter(op -> !routed.contains(shape(op))
                && routes.stream().noneMatch(r -> catchAll(r, op))).toList();
        assertEquals(Map.of(), Map.of("routes under /api/v1 missing from docs/openapi.yaml", undocumented,
                "documented operations the server has no route for", unrouted).entrySet().stream()
                .filter(e -> !e.getValue().isEmpty()).collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
    }

    /** A route or operation with its parameter names left out: "GET /api/v1/products/{}". */
    private static String shape(String operation) {
        return operation.replaceAll("\\{[^}]+}", "{}");
    }

    /** Whether a route ending in a catch-all segment ("/01/<rest>") answers the operation's path. */
    private static boolean catchAll(String route, String operation) {
        int open = route.indexOf('<');
        return open > 0 && route.endsWith(">") && operation.startsWith(route.substring(0, open))
                && operation.length() > open;
    }

    @Test
    @Order(2)
    void healthKeysAndBrand() {
        assertEquals("ok", call("GET", "/healthz").expect(200).json().get("status").asText());
        call("GET", "/readyz").expect(200);
        call("GET", "/metrics").expect(200);
        call("GET", "/.well-known/jwks.json").expect(200);
        call("GET", "/api/v1/brand").key(key).expect(200);
        call("GET", "/api/v1/brand").expect(401);
        call("GET", "/api/v1/brand/branding").key(key).expect(200);
        call("PUT", "/api/v1/brand/branding").key(key).json(json("displayName", "Maison", "accentColour", "#123456",
                "supportUrl", "https://maison.example/help")).expect(200);
        call("PUT", "/api/v1/brand/branding").key(key).json(json("accentColour", "red")).expect(400);
        String logo = call("PUT", "/api/v1/brand/logo").key(key).bytes("image/png", TestImages.logo(300, 100)).expect(200)
                .json().get("logoUrl").asText();
        call("PUT", "/api/v1/brand/logo").key(key).bytes("image/png", new byte[] {1, 2, 3}).expect(400);
        call("GET", "/logos/{file}", logo.substring("/logos/".length())).expect(200);
        call("GET", "/logos/{file}", "0".repeat(64) + ".png").expect(404);
        call("DELETE", "/api/v1/brand/logo").key(key).expect(200);
        call("GET", "/api/v1/keys").key(key).expect(200);
        call("GET", "/api/v1/keys").key("tm_AAAAAAAAAAAAAAAA_" + "A".repeat(32)).expect(401);
        String kid = call("POST", "/api/v1/keys/rotate").key(key).expect(201).json().get("kid").asText();
        call("POST", "/api/v1/keys/rotate").expect(401);
        call("POST", "/api/v1/keys/{kid}/revoke", kid).key(key).json(json("reason", "x".repeat(1001))).expect(400);
        call("POST", "/api/v1/keys/{kid}/revoke", "no-such-kid").key(key).expect(404);
        call("POST", "/api/v1/keys/{kid}/revoke", kid).key(key).json(json("reason", "exposed in a backup")).expect(200);
        assertNoProblems();
    }

    @Test
    @Order(3)
    void productsBatchesCodesAndLabels() {
        long productId = product("4006381333931");
        call("POST", "/api/v1/products").key(key).json(json("name", "", "markets", List.of("XX"))).expect(400);
        call("POST", "/api/v1/products").key(key).json(json("name", "Twin", "gtin", "4006381333931")).expect(409);
        call("GET", "/api/v1/products").key(key).expect(200);
        call("GET", "/api/v1/products").key(key).query("limit=abc").expect(400);
        call("GET", "/api/v1/products/{id}", productId).key(key).expect(200);
        call("GET", "/api/v1/products/{id}", 999_999).key(key).expect(404);

        long draft = batch(productId, "L-1", "gs1");
        call("POST", "/api/v1/batches").key(key).json(json("productId", productId, "quantity", 0)).expect(400);
        call("POST", "/api/v1/batches").key(key).json(json("productId", 999_999, "quantity", 5)).expect(404);
        call("GET", "/api/v1/batches").key(key).expect(200);
        call("GET", "/api/v1/batches").key(key).query("limit=abc").expect(400);
        call("GET", "/api/v1/batches/{id}", draft).key(key).expect(200);
        call("GET", "/api/v1/batches/{id}", 999_999).key(key).expect(404);
        call("GET", "/api/v1/batches/{id}/history", draft).key(key).expect(200);
        call("GET", "/api/v1/batches/{id}/history", 999_999).key(key).expect(404);
        call("GET", "/api/v1/batches/{id}/progress", draft).key(key).expect(200);
        call("GET", "/api/v1/batches/{id}/progress", 999_999).key(key).expect(404);
        // draft -> released -> recalled, and draft -> voided; each move's 409 where the life cycle forbids it.
        call("POST", "/api/v1/batches/{id}/recall", draft).key(key).expect(409);
        call("POST", "/api/v1/batches/{id}/release", draft).key(key).json(json("reason", "quality checked")).expect(200);
        call("POST", "/api/v1/batches/{id}/recall", draft).key(key).json(json("reason", "contaminated")).expect(200);
        call("POST", "/api/v1/batches/{id}/release", draft).key(key).expect(409);
        call("POST", "/api/v1/batches/{id}/void", draft).key(key).expect(409);
        long toVoid = batch(productId, null, "compact");
        call("POST", "/api/v1/batches/{id}/void", toVoid).key(key).expect(200);
        call("POST", "/api/v1/batches/{id}/release", toVoid).key(key).expect(409);

        long released = batch(productId, null, "compact");
        call("POST", "/api/v1/batches/{id}/release", released).key(key).expect(200);
        call("GET", "/api/v1/batches/{id}/codes/{index}", released, 3).key(key).expect(200);
        call("GET", "/api/v1/batches/{id}/codes/{index}", released, 20).key(key).expect(404);
        call("GET", "/api/v1/batches/{id}/codes/{index}/label.png", released, 3).key(key).expect(200);
        call("GET", "/api/v1/batches/{id}/codes/{index}/label.png", released, 3).key(key).query("scale=0").expect(400);
        call("GET", "/api/v1/batches/{id}/codes/{index}/label.svg", released, 3).key(key).expect(200);
        call("GET", "/api/v1/batches/{id}/codes/{index}/label.svg", released, 20).key(key).expect(404);
        for (String format : List.of("pdf", "csv", "zip", "zpl")) {
            call("GET", "/api/v1/batches/{id}/labels", released).key(key).query("format=" + format + "&count=2").expect(200);
        }
        call("GET", "/api/v1/batches/{id}/labels", released).key(key).query("format=bmp").expect(400);
        assertNoProblems();
    }

    @Test
    @Order(4)
    void verificationPagesReportsAndTheScanner() {
        long productId = product("4006381333931");
        long compact = batch(productId, null, "compact");
        long withLot = batch(productId, "L-2030", "gs1");
        long withoutLot = batch(productId, null, "gs1");
        for (long id : List.of(compact, withLot, withoutLot)) {
            call("POST", "/api/v1/batches/{id}/release", id).key(key).expect(200);
        }
        String compactUrl = codeUrl(compact, 1);
        String lotUrl = codeUrl(withLot, 1);
        String noLotUrl = codeUrl(withoutLot, 1);
        assertTrue(pathOf(lotUrl).contains("/10/L-2030/21/"), lotUrl);
        assertTrue(!pathOf(noLotUrl).contains("/10/"), noLotUrl);

        JsonNode verdict = call("POST", "/api/v1/verify").header("Cookie", "tm_device=" + device('A'))
                .json(json("code", compactUrl)).expect(200).json();
        call("POST", "/api/v1/verify").json(json("code", "")).expect(400);
        String scanId = verdict.get("scanId").asText();
        call("POST", "/api/v1/scans/{id}/location", scanId).header("Cookie", "tm_device=" + device('A'))
                .json(json("lat", 48.85, "lon", 2.35)).expect(204);
        call("POST", "/api/v1/scans/{id}/location", "999999999").header("Cookie", "tm_device=" + device('A'))
                .json(json("lat", 48.85, "lon", 2.35)).expect(404);
        call("POST", "/api/v1/scans/{id}/location", scanId).json(json("lat", 91, "lon", 2.35)).expect(400);

        String compactPath = pathOf(compactUrl);
        String payload = compactPath.substring(compactPath.lastIndexOf('/') + 1);
        call("GET", "/V/{payload}", payload).expect(200);
        call("GET", "/V/{payload}", payload).header("Accept", "application/json").expect(200);
        String[] lot = pathOf(lotUrl).split("[/?]");
        call("GET", "/01/{gtin}/10/{lot}/21/{serial}", lot[2], lot[4], lot[6]).query(pathOf(lotUrl).split("\\?")[1])
                .header("Accept", "application/json").expect(200);
        call("GET", "/01/{gtin}/10/{lot}/21/{serial}", lot[2], lot[4], lot[6]).query(pathOf(lotUrl).split("\\?")[1]).expect(200);
        String[] noLot = pathOf(noLotUrl).split("[/?]");
        call("GET", "/01/{gtin}/21/{serial}", noLot[2], noLot[4]).query(pathOf(noLotUrl).split("\\?")[1])
                .header("Accept", "application/json").expect(200);
        call("GET", "/01/{gtin}/21/{serial}", noLot[2], noLot[4]).query(pathOf(noLotUrl).split("\\?")[1]).expect(200);

        call("POST", "/report").form("scanId", scanId, "place", "A market stall", "seller", "", "comment", "").expect(200);
        call("POST", "/report").form("scanId", scanId, "place", "x".repeat(201)).expect(400);
        call("POST", "/report").form("scanId", "999999999", "place", "A shop").expect(404);

        call("GET", "/").expect(200);
        call("GET", "/").header("Accept", "application/json").expect(200);
        call("GET", "/scan").expect(200);
        byte[] png = call("GET", "/api/v1/batches/{id}/codes/{index}/label.png", compact, 2).key(key).expect(200).body();
        call("POST", "/scan/upload").multipart("photo", "label.png", "image/png", png).expect(303);
        call("POST", "/scan/upload").multipart("photo", "notes.txt", "text/plain",
                "not a picture".getBytes(StandardCharsets.UTF_8)).expect(400);
        call("POST", "/scan/foreign").json(json("url", "https://lookalike.example" + compactPath)).expect(204);
        call("POST", "/scan/foreign").json(json("url", "ftp://lookalike.example" + compactPath)).expect(400);
        call("POST", "/scan/foreign").json("{\"url\": \"https://lookalike.example/" + "a".repeat(9000) + "\"}").expect(413);
        call("POST", "/scan/foreign").header("Content-Type", "text/plain").expect(415);
        call("GET", "/dashboard").expect(200);
        assertNoProblems();
    }

    @Test
    @Order(5)
    void reportsStatsAndLookUp() {
        long productId = product("4006381333931");
        long released = batch(productId, null, "compact");
        call("POST", "/api/v1/batches/{id}/release", released).key(key).expect(200);
        String url = codeUrl(released, 0);
        call("GET", "/api/v1/reports").key(key).expect(200);
        call("GET", "/api/v1/reports").key(key).query("limit=0").expect(400);
        call("GET", "/api/v1/reports").key(key).query("from=2026-01-01&verdict=suspect").expect(200);
        call("GET", "/api/v1/exports/reports.csv").key(key).query("from=2026-01-01").expect(200);
        call("GET", "/api/v1/exports/reports.csv").key(key).query("verdict=fake").expect(400);
        call("GET", "/api/v1/exports/scans.csv").key(key).query("batchId=" + released + "&codeIndex=0").expect(200);
        call("GET", "/api/v1/exports/scans.csv").key(key).query("codeIndex=0").expect(400);
        call("GET", "/api/v1/stats/overview").key(key).expect(200);
        call("GET", "/api/v1/stats/overview").expect(401);
        call("GET", "/api/v1/stats/map").key(key).expect(200);
        call("GET", "/api/v1/stats/map").key(key).query("days=0").expect(400);
        call("GET", "/api/v1/codes/lookup").key(key).query("code=" + URLEncoder.encode(url, StandardCharsets.UTF_8)).expect(200);
        call("GET", "/api/v1/codes/lookup").key(key).expect(400);
        call("GET", "/api/v1/codes/lookup").key(key).query("code=" + dev.touchmark.code.CodeFormat.serial(released, 1)).expect(200);
        call("GET", "/api/v1/codes/lookup").key(key).query("code=" + dev.touchmark.code.CodeFormat.serial(released + 1_000, 1)).expect(404);
        assertNoProblems();
    }

    @Test
    @Order(6)
    void alertsRulesAndTheEventStream() {
        call("GET", "/api/v1/rules").key(key).expect(200);
        call("GET", "/api/v1/rules").expect(401);
        call("PUT", "/api/v1/rules").key(key).json(json("cloneDevices", 2)).expect(200);
        call("PUT", "/api/v1/rules").key(key).json(json("cloneDevices", 1)).expect(400);
        long productId = product("4006381333931");
        long released = batch(productId, null, "compact");
        call("POST", "/api/v1/batches/{id}/release", released).key(key).expect(200);
        String path = pathOf(codeUrl(released, 5));
        String payload = path.substring(path.lastIndexOf('/') + 1);
        for (char phone : "BCD".toCharArray()) {
            call("GET", "/V/{payload}", payload).header("Accept", "application/json")
                    .header("Cookie", "tm_device=" + device(phone)).expect(200);
        }
        JsonNode alerts = call("GET", "/api/v1/alerts").key(key).expect(200).json().get("items");
        assertTrue(alerts.size() > 0, "three phones on one code with cloneDevices 2 raise an alert: " + alerts);
        long alertId = alerts.get(0).get("id").asLong();
        call("GET", "/api/v1/alerts").key(key).query("status=bogus").expect(400);
        call("GET", "/api/v1/exports/alerts.csv").key(key).query("rule=cloned_code").expect(200);
        call("GET", "/api/v1/exports/alerts.csv").key(key).query("from=2026-02-30").expect(400);
        call("GET", "/api/v1/alerts/{id}", alertId).key(key).expect(200);
        call("GET", "/api/v1/alerts/{id}", 999_999).key(key).expect(404);
        call("POST", "/api/v1/alerts/{id}/status", alertId).key(key).json(json("status", "acknowledged")).expect(200);
        call("POST", "/api/v1/alerts/{id}/status", alertId).key(key).json(json("status", "bogus")).expect(400);
        call("GET", "/api/v1/events").key(key).header("Accept", "text/event-stream").expectStream(200);
        call("GET", "/api/v1/events").expect(401);
        assertNoProblems();
    }

    @Test
    @Order(7)
    void webhooks() {
        JsonNode created = call("POST", "/api/v1/webhooks").key(key).json(json("url", "https://hooks.contract.example/touchmark",
                "description", "Security team", "eventTypes", List.of("alert.created"))).expect(201).json();
        assertTrue(created.get("secret").asText().startsWith("whsec_"), created.toString());
        long id = created.get("id").asLong();
        call("POST", "/api/v1/webhooks").key(key).json(json("url", "ftp://hooks.contract.example/")).expect(400);
        call("GET", "/api/v1/webhooks").key(key).expect(200);
        call("GET", "/api/v1/webhooks").key(key).query("limit=abc").expect(400);
        call("GET", "/api/v1/webhooks/{id}", id).key(key).expect(200);
        call("GET", "/api/v1/webhooks/{id}", 999_999).key(key).expect(404);
        call("PATCH", "/api/v1/webhooks/{id}", id).key(key).json(json("description", "Brand protection")).expect(200);
        call("PATCH", "/api/v1/webhooks/{id}", id).key(key).json(json("url", "not a url")).expect(400);
        call("POST", "/api/v1/webhooks/{id}/rotate-secret", id).key(key).expect(200);
        call("POST", "/api/v1/webhooks/{id}/rotate-secret", 999_999).key(key).expect(404);
        call("POST", "/api/v1/webhooks/{id}/test", id).key(key).expect(202);
        call("POST", "/api/v1/webhooks/{id}/test", 999_999).key(key).expect(404);
        call("GET", "/api/v1/webhooks/{id}/deliveries", id).key(key).expect(200);
        call("GET", "/api/v1/webhooks/{id}/deliveries", 999_999).key(key).expect(404);
        call("DELETE", "/api/v1/webhooks/{id}", id).key(key).expect(204);
        call("DELETE", "/api/v1/webhooks/{id}", id).key(key).expect(404);
        assertNoProblems();
    }

    @Test
    @Order(8)
    void sessionsUsersAndApiKeys() {
        Answer signedIn = call("POST", "/api/v1/session")
                .json(json("email", brand.adminEmail(), "password", brand.adminPassword())).expect(200);
        call("POST", "/api/v1/session").json(json("email", brand.adminEmail(), "password", "wrong password")).expect(401);
        String setCookie = signedIn.raw().headers().firstValue("Set-Cookie").orElseThrow();
        String cookie = setCookie.substring(0, setCookie.indexOf(';'));
        String csrf = signedIn.json().get("csrfToken").asText();
        call("GET", "/api/v1/session").header("Cookie", cookie).expect(200);
        call("GET", "/api/v1/session").expect(401);
        call("POST", "/api/v1/session/password").header("Cookie", cookie).header("X-CSRF-Token", csrf)
                .json(json("currentPassword", brand.adminPassword(), "newPassword", "short")).expect(400);
        call("POST", "/api/v1/session/password").header("Cookie", cookie).header("X-CSRF-Token", csrf)
                .json(json("currentPassword", brand.adminPassword(), "newPassword", PASSWORD)).expect(204);
        call("GET", "/api/v1/session/notifications").header("Cookie", cookie).expect(200);
        call("GET", "/api/v1/session/notifications").key(key).expect(403);
        call("PUT", "/api/v1/session/notifications").header("Cookie", cookie).header("X-CSRF-Token", csrf)
                .json(json("digest", true, "language", "zh")).expect(200);
        call("PUT", "/api/v1/session/notifications").header("Cookie", cookie).header("X-CSRF-Token", csrf)
                .json(json("language", "fr")).expect(400);
        call("DELETE", "/api/v1/session").header("Cookie", cookie).header("X-CSRF-Token", csrf).expect(204);
        call("DELETE", "/api/v1/session").header("Cookie", cookie).header("X-CSRF-Token", csrf).expect(401);

        JsonNode viewerKey = call("POST", "/api/v1/api-keys").key(key).json(json("name", "reader", "role", "viewer"))
                .expect(201).json();
        call("POST", "/api/v1/api-keys").key(key).json(json("name", "")).expect(400);
        call("GET", "/api/v1/api-keys").key(key).expect(200);
        String viewer = viewerKey.get("key").asText();
        call("GET", "/api/v1/api-keys").key(viewer).expect(403);

        call("GET", "/api/v1/users").key(key).expect(200);
        call("GET", "/api/v1/users").key(viewer).expect(403);
        String email = "operator-" + UUID.randomUUID().toString().substring(0, 8) + "@brand.example";
        long userId = call("POST", "/api/v1/users").key(key).json(json("email", email, "role", "operator")).expect(201)
                .json().get("user").get("id").asLong();
        call("POST", "/api/v1/users").key(key).json(json("email", "not an email", "role", "operator")).expect(400);
        call("PATCH", "/api/v1/users/{id}", userId).key(key).json(json("role", "viewer")).expect(200);
        call("PATCH", "/api/v1/users/{id}", 999_999).key(key).json(json("role", "viewer")).expect(404);
        call("DELETE", "/api/v1/users/{id}", userId).key(key).expect(204);
        call("DELETE", "/api/v1/users/{id}", userId).key(key).expect(404);

        call("DELETE", "/api/v1/api-keys/{id}", viewerKey.get("id").asLong()).key(key).expect(204);
        call("DELETE", "/api/v1/api-keys/{id}", 999_999).key(key).expect(404);
        assertNoProblems();
    }

    @Test
    @Order(7)
    void twoFactorSignIn() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        BrandService.CreatedBrand other = app.services().brands().create("Two-factor " + suffix, "tf-" + suffix + "@brand.example");
        Answer signedIn = call("POST", "/api/v1/session")
                .json(json("email", other.adminEmail(), "password", other.adminPassword())).expect(200);
        String setCookie = signedIn.raw().headers().firstValue("Set-Cookie").orElseThrow();
        String cookie = setCookie.substring(0, setCookie.indexOf(';'));
        String csrf = signedIn.json().get("csrfToken").asText();
        call("POST", "/api/v1/session/password").header("Cookie", cookie).header("X-CSRF-Token", csrf)
                .json(json("currentPassword", other.adminPassword(), "newPassword", PASSWORD)).expect(204);
        call("GET", "/api/v1/session/two-factor").header("Cookie", cookie).expect(200);
        call("GET", "/api/v1/session/two-factor").key(other.apiKey()).expect(404);
        call("POST", "/api/v1/session/two-factor").key(other.apiKey()).expect(404);
        call("POST", "/api/v1/session/two-factor/confirm").header("Cookie", cookie).header("X-CSRF-Token", csrf)
                .json(json("code", "123456")).expect(409);
        byte[] secret = dev.touchmark.code.Base32.decode(call("POST", "/api/v1/session/two-factor").header("Cookie", cookie)
                .header("X-CSRF-Token", csrf).expect(201).json().get("secret").asText());
        dev.touchmark.access.Totp totp = new dev.touchmark.access.Totp(Clock.systemUTC());
        long step = totp.currentStep();
        call("POST", "/api/v1/session/two-factor/confirm").header("Cookie", cookie).header("X-CSRF-Token", csrf)
                .json(json("code", totp.code(secret, step + 4))).expect(400);
        String recovery = call("POST", "/api/v1/session/two-factor/confirm").header("Cookie", cookie).header("X-CSRF-Token", csrf)
                .json(json("code", totp.code(secret, step))).expect(200).json().get("recoveryCodes").get(0).asText();
        call("POST", "/api/v1/session/two-factor").header("Cookie", cookie).header("X-CSRF-Token", csrf).expect(409);
        call("POST", "/api/v1/session/two-factor/recovery-codes").header("Cookie", cookie).header("X-CSRF-Token", csrf)
                .json(json("code", recovery)).expect(400);
        call("POST", "/api/v1/session/two-factor/recovery-codes").key(other.apiKey()).json(json("code", "123456")).expect(404);
        com.fasterxml.jackson.databind.JsonNode renewed = call("POST", "/api/v1/session/two-factor/recovery-codes")
                .header("Cookie", cookie).header("X-CSRF-Token", csrf).json(json("code", totp.code(secret, step + 1)))
                .expect(200).json().get("recoveryCodes");
        recovery = renewed.get(1).asText();

        String challenge = call("POST", "/api/v1/session")
                .json(json("email", other.adminEmail(), "password", PASSWORD)).expect(202).json().get("challenge").asText();
        call("POST", "/api/v1/session/second-factor").json(json("challenge", challenge, "code", "12x456")).expect(400);
        call("POST", "/api/v1/session/second-factor").json(json("challenge", challenge, "code", totp.code(secret, step)))
                .expect(401);
        call("POST", "/api/v1/session/second-factor")
                .json(json("challenge", challenge, "recoveryCode", renewed.get(0).asText())).expect(200);

        call("POST", "/api/v1/session/two-factor/disable").header("Cookie", cookie).header("X-CSRF-Token", csrf)
                .json(json("password", "not the password", "code", recovery)).expect(400);
        call("POST", "/api/v1/session/two-factor/disable").header("Cookie", cookie).header("X-CSRF-Token", csrf)
                .json(json("password", PASSWORD, "code", recovery)).expect(204);
        call("POST", "/api/v1/session/two-factor/disable").header("Cookie", cookie).header("X-CSRF-Token", csrf)
                .json(json("password", PASSWORD, "code", recovery)).expect(409);

        call("GET", "/api/v1/users/two-factor").key(other.apiKey()).expect(200);
        call("GET", "/api/v1/users/two-factor").expect(401);
        call("PUT", "/api/v1/users/two-factor").key(other.apiKey()).json(json("required", "sometimes")).expect(400);
        call("PUT", "/api/v1/users/two-factor").key(other.apiKey()).json(json("required", false)).expect(200);
        long adminId = call("GET", "/api/v1/users").key(other.apiKey()).expect(200).json().get(0).get("id").asLong();
        call("DELETE", "/api/v1/users/{id}/two-factor", adminId).key(other.apiKey()).expect(204);
        call("DELETE", "/api/v1/users/{id}/two-factor", adminId).key(key).expect(404);
        assertNoProblems();
    }

    @Test
    @Order(8)
    void alliances() {
        var alliances = app.services().alliances();
        long brandId = brand.brand().id();
        long joined = alliances.create("Contract alliance " + UUID.randomUUID(), 5, "cli:contract").id();
        long declined = alliances.create("Contract alliance " + UUID.randomUUID(), 5, "cli:contract").id();
        alliances.invite(joined, brandId, "cli:contract");
        alliances.invite(declined, brandId, "cli:contract");
        call("GET", "/api/v1/alliances").key(key).expect(200);
        call("POST", "/api/v1/alliances/{id}/accept", 999_999).key(key).expect(404);
        call("POST", "/api/v1/alliances/{id}/leave", joined).key(key).expect(409);
        call("POST", "/api/v1/alliances/{id}/accept", joined).key(key).expect(200);
        call("POST", "/api/v1/alliances/{id}/accept", joined).key(key).expect(409);
        call("POST", "/api/v1/alliances/{id}/decline", 999_999).key(key).expect(404);
        call("POST", "/api/v1/alliances/{id}/decline", declined).key(key).expect(200);
        call("GET", "/api/v1/alliances/{id}/sharing", joined).key(key).expect(200);
        call("PUT", "/api/v1/alliances/{id}/sharing", joined).key(key).json(json("hotspots", "anonymous")).expect(200);
        call("PUT", "/api/v1/alliances/{id}/sharing", joined).key(key).json(json("hotspots", "loudly")).expect(400);
        call("GET", "/api/v1/alliances/{id}/intel", joined).key(key).expect(200);
        call("GET", "/api/v1/alliances/{id}/intel", joined).key(key).header("Accept", "application/stix+json;version=2.1").expect(200);
        call("GET", "/api/v1/alliances/{id}/intel", joined).query("class=gossip").key(key).expect(400);
        String month = java.time.YearMonth.now(java.time.ZoneOffset.UTC).toString();
        call("GET", "/api/v1/alliances/{id}/reports/{month}.pdf", joined, month).key(key).expect(200);
        call("GET", "/api/v1/alliances/{id}/reports/{month}.csv", joined, month).key(key).expect(200);
        call("GET", "/api/v1/alliances/{id}/reports/{month}.csv", joined, "2020-13").key(key).expect(400);
        call("POST", "/api/v1/alliances/{id}/leave", joined).key(key).expect(200);
        call("GET", "/api/v1/alliances/{id}/sharing", joined).key(key).expect(404);
        call("PUT", "/api/v1/alliances/{id}/sharing", joined).key(key).json(json("hotspots", "named")).expect(404);
        call("GET", "/api/v1/alliances/{id}/intel", joined).key(key).expect(404);
        assertNoProblems();
    }

    @Test
    @Order(8)
    void periodicReportsAndStatsOverARange() {
        // A brand of some months' standing, so last month is a period it existed in.
        app.services().database().dsl().update(dev.touchmark.db.jooq.Tables.BRAND)
                .set(dev.touchmark.db.jooq.Tables.BRAND.CREATED_AT, java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC).minusMonths(3))
                .where(dev.touchmark.db.jooq.Tables.BRAND.ID.eq(brand.brand().id())).execute();
        java.time.LocalDate thisMonth = java.time.LocalDate.now(java.time.ZoneOffset.UTC).withDayOfMonth(1);
        String lastMonth = thisMonth.minusMonths(1).toString();
        String range = "from=" + lastMonth + "&to=" + thisMonth.minusDays(1);
        call("GET", "/api/v1/stats/batches").key(key).query(range).expect(200);
        call("GET", "/api/v1/stats/batches").key(key).expect(400);
        call("GET", "/api/v1/stats/overview").key(key).query(range).expect(200);
        call("GET", "/api/v1/stats/overview").key(key).query("from=" + lastMonth).expect(400);
        call("GET", "/api/v1/stats/map").key(key).query(range).expect(200);
        call("GET", "/api/v1/periodic-reports").key(key).expect(200);
        call("GET", "/api/v1/periodic-reports").key(key).query("limit=0").expect(400);
        String id = call("POST", "/api/v1/periodic-reports").key(key).json(json("kind", "monthly", "start", lastMonth))
                .expect(201).json().get("id").asText();
        call("POST", "/api/v1/periodic-reports").key(key).json(json("kind", "monthly", "start", lastMonth)).expect(200);
        call("POST", "/api/v1/periodic-reports").key(key).json(json("kind", "monthly", "start", thisMonth.toString())).expect(400);
        call("GET", "/api/v1/periodic-reports/{id}", id).key(key).expect(200);
        call("GET", "/api/v1/periodic-reports/{id}", 999_999).key(key).expect(404);
        call("GET", "/api/v1/periodic-reports/{id}.pdf", id).key(key).expect(200);
        call("GET", "/api/v1/periodic-reports/{id}.pdf", 999_999).key(key).expect(404);
        call("GET", "/api/v1/periodic-reports/{id}.csv", id).key(key).expect(200);
        call("GET", "/api/v1/periodic-reports/{id}.csv", 999_999).key(key).expect(404);
        call("GET", "/api/v1/periodic-reports/schedule").key(key).expect(200);
        call("PUT", "/api/v1/periodic-reports/schedule").key(key).json(json("weekly", true, "monthly", true)).expect(200);
        call("PUT", "/api/v1/periodic-reports/schedule").key(key).json(json("weekly", true)).expect(400);
        assertNoProblems();
    }

    /**
     * Every operation that takes credentials, called without them and with a viewer's key: whatever it answers (401,
     * 403 for an action above a viewer, 404, 400 for the empty body) must be documented.
     */
    @Test
    @Order(9)
    void everyOperationWithCredentialsDocumentsItsAnswersToNoneAndToAViewer() {
        String viewer = call("POST", "/api/v1/api-keys").key(key).json(json("name", "sweep", "role", "viewer"))
                .expect(201).json().get("key").asText();
        for (String operation : spec.operations()) {
            String method = operation.substring(0, operation.indexOf(' '));
            String path = operation.substring(operation.indexOf(' ') + 1);
            if (!spec.needsCredentials(method, path)) {
                continue;
            }
            Object[] ids = path.chars().filter(c -> c == '{').mapToObj(c -> (Object) "1").toArray();
            Call anonymous = call(method, path, ids);
            (method.equals("GET") ? anonymous : anonymous.json("{}")).expect(401);
            if (path.equals("/api/v1/events")) {
                call(method, path).key(viewer).expectStream(200);
                continue;
            }
            Call asViewer = call(method, path, ids).key(viewer);
            (method.equals("GET") || method.equals("DELETE") ? asViewer : asViewer.json("{}")).send(this::record);
        }
        assertNoProblems();
    }

    /**
     * Every operation that takes a JSON body, sent one that cannot be read (ids that do not exist in the path): whatever
     * it answers must be documented. (An oversized body is left out: the server answers 413 and closes while the client
     * is still writing, so the client sees a broken pipe as often as the answer.)
     */
    @Test
    @Order(10)
    void everyOperationWithAJsonBodyDocumentsItsAnswersToABrokenBody() {
        for (String operation : spec.operations()) {
            String method = operation.substring(0, operation.indexOf(' '));
            String path = operation.substring(operation.indexOf(' ') + 1);
            if (!spec.takesJson(method, path)) {
                continue;
            }
            Object[] ids = path.chars().filter(c -> c == '{').mapToObj(c -> (Object) "999999").toArray();
            call(method, path, ids).key(key).json("{\"name\": ").send(this::record);
        }
        assertNoProblems();
    }

    @Test
    @Order(100)
    void everyDocumentedOperationWasCalledWithItsSuccessAndADocumentedError() {
        Map<String, String> missing = new TreeMap<>();
        for (String operation : spec.operations()) {
            String method = operation.substring(0, operation.indexOf(' '));
            String path = operation.substring(operation.indexOf(' ') + 1);
            Set<Integer> statuses = seen.getOrDefault(operation, Set.of());
            if (statuses.stream().noneMatch(s -> s < 400)) {
                missing.put(operation, "no success answer checked (seen " + statuses + ")");
            } else if (spec.documentsAClientError(method, path) && statuses.stream().noneMatch(s -> s >= 400 && s < 500)) {
                missing.put(operation, "no documented client error checked (seen " + statuses + ")");
            }
        }
        assertEquals(Map.of(), missing);
    }
}
