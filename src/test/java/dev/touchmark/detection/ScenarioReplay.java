package dev.touchmark.detection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.touchmark.App;
import dev.touchmark.access.Principal;
import dev.touchmark.batch.Batch;
import dev.touchmark.domain.BatchStatus;
import dev.touchmark.batch.NewBatch;
import dev.touchmark.code.BatchCodes;
import dev.touchmark.config.ScanSettings;
import dev.touchmark.product.NewProduct;
import dev.touchmark.testsupport.SimulatedClock;
import dev.touchmark.testsupport.TestDatabases;
import dev.touchmark.shopper.RequestFacts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Plays a scenario against a real server on a fresh H2 database, through HTTP as phones would: the scan as a GET
 * of the code's URL with the phone's device cookie, the country header and the client address as a trusted proxy
 * forwards it (X-Forwarded-For), then, for phones that share it, the location; a partner app's check as a POST to
 * /api/v1/verify with the same headers, its location (if any) in the body and no device id. The server's clock is
 * simulated and moved to each scan's time before it is sent.
 */
final class ScenarioReplay implements AutoCloseable {
    static final String COUNTRY_HEADER = "CF-IPCountry";
    static final String ADDRESS_HEADER = "X-Forwarded-For";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final SimulatedClock clock = new SimulatedClock(ScenarioGenerator.START.minus(Duration.ofDays(1)));
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final App app;
    private final String base;
    private final Map<String, BatchCodes> codes = new LinkedHashMap<>();
    private final Map<String, Long> batchIds = new LinkedHashMap<>();
    private String apiKey;

    /** What the server answered to one scan. */
    record Answer(String scanId, String verdict, int risk, List<String> reasons, boolean located) {
    }

    /** An alert as the API lists it. */
    record AlertItem(String id, String rule, String subject, String summary, Long batchId, Long codeIndex, long hits,
                     String firstSeenAt) {
    }

    /**
     * Starts a server with the documented defaults, except: the country header and the forwarded client address (one
     * trusted proxy) are trusted, and rates are unlimited.
     */
    ScenarioReplay(Path dataDir) {
        ScanSettings scans = new ScanSettings(Optional.of(COUNTRY_HEADER), Optional.of(ADDRESS_HEADER), 730, 0, 0, 0,
                ScanSettings.defaults().suspectDevices());
        app = App.start(TestDatabases.h2(dataDir).withScans(scans), clock);
        base = "http://127.0.0.1:" + app.port();
    }

    /** Creates the brand, its products and the scenario's batches (released unless planned as drafts). */
    void setUp(Scenario scenario) {
        var created = app.services().brands().create("Detection scenario", "detection@brand.example");
        apiKey = created.apiKey();
        Principal principal = new Principal(created.brand().id(), "detection-report");
        Map<String, Set<String>> productMarkets = new LinkedHashMap<>();
        scenario.batches().forEach(b -> productMarkets.computeIfAbsent(b.product(), p -> new LinkedHashSet<>())
                .addAll(b.markets()));
        Map<String, Long> products = new LinkedHashMap<>();
        productMarkets.forEach((name, markets) -> products.put(name, app.services().products().create(principal,
                new NewProduct(name.substring(0, 1).toUpperCase(Locale.ROOT) + name.substring(1), null, null, null,
                        List.copyOf(markets))).id()));
        for (BatchPlan plan : scenario.batches()) {
            Batch batch = app.services().batches().create(principal, new NewBatch(products.get(plan.product()), plan.quantity(),
                    plan.key(), null, plan.markets(), "compact"));
            if (plan.released()) {
                batch = app.services().batches().changeStatus(principal, batch.id(), BatchStatus.RELEASED, null);
            }
            batchIds.put(plan.key(), batch.id());
            // Signed with the batch's key for twice its quantity: the labels a printer overrun adds are as valid as
            // the ordered ones; only their index tells them apart.
            Batch overrun = new Batch(batch.id(), batch.brandId(), batch.productId(), batch.signingKeyId(), batch.profile(),
                    batch.quantity() * 2, batch.lot(), batch.expiry(), batch.markets(), batch.status(), batch.createdAt(),
                    batch.createdBy(), batch.statusChangedAt(), batch.statusChangedBy(), batch.publicUrl());
            codes.put(plan.key(), app.services().batches().codes(overrun));
        }
    }

    /** The server's id of a scenario batch. */
    long batchId(String key) {
        return batchIds.get(key);
    }

    /** Sends every scan in order at its simulated time; answers in the same order. */
    List<Answer> replay(List<ScanEvent> events, Runnable everyThousand) {
        return replay(events, everyThousand, null);
    }

    /**
     * Sends every scan in order at its simulated time; answers in the same order. With opened given, the alerts are
     * looked at after every scan of a code that is not genuine, and each alert's id is put there with the index of the
     * scan after which it was first listed: a scan that opens an alert is its newest hit, so the alert comes first in
     * the list (newest seen first). An alert opened by a genuine code's scan is timed to the next bad code's scan.
     */
    List<Answer> replay(List<ScanEvent> events, Runnable everyThousand, Map<String, Integer> opened) {
        List<Answer> answers = new ArrayList<>(events.size());
        for (ScanEvent e : events) {
            clock.advanceTo(e.at());
            answers.add(scan(e));
            if (opened != null && e.truth() != Truth.GENUINE) {
                int at = answers.size() - 1;
                json(send(get("/api/v1/alerts?limit=5"), 200)).path("items")
                        .forEach(a -> opened.putIfAbsent(a.path("id").asText(), at));
            }
            if (answers.size() % 1000 == 0) {
                everyThousand.run();
            }
        }
        return answers;
    }

    private Answer scan(ScanEvent e) {
        String url = codes.get(e.batch()).url(e.index());
        if (e.forged()) {
            url = forge(url);
        }
        HttpRequest.Builder builder;
        if (e.channel() == ScanEvent.Channel.API) {
            StringBuilder body = new StringBuilder("{\"code\":\"").append(url).append('"');
            if (e.device() != null) {
                body.append(",\"deviceId\":\"").append(e.device()).append('"');
            }
            if (e.location() != null) {
                body.append(String.format(Locale.ROOT, ",\"lat\":%.5f,\"lon\":%.5f", e.location().lat(), e.location().lon()));
            }
            builder = HttpRequest.newBuilder(URI.create(base + "/api/v1/verify")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body.append('}').toString()));
        } else {
            builder = HttpRequest.newBuilder(URI.create(base + url.substring(url.indexOf("/V/"))))
                    .header("Accept", "application/json").header("Cookie", RequestFacts.DEVICE_COOKIE + "=" + e.device());
        }
        builder.header(COUNTRY_HEADER, e.country());
        if (e.ip() != null) {
            builder.header(ADDRESS_HEADER, e.ip());
        }
        JsonNode body = json(send(builder.build(), 200));
        String scanId = body.path("scanId").asText(null);
        List<String> reasons = new ArrayList<>();
        body.path("riskReasons").forEach(r -> reasons.add(r.asText()));
        boolean located = e.channel() == ScanEvent.Channel.API && e.location() != null;
        if (e.channel() == ScanEvent.Channel.PAGE && e.location() != null && scanId != null) {
            HttpRequest share = HttpRequest.newBuilder(URI.create(base + "/api/v1/scans/" + scanId + "/location"))
                    .header("Content-Type", "application/json").header("Cookie", RequestFacts.DEVICE_COOKIE + "=" + e.device())
                    .header(COUNTRY_HEADER, e.country()).header(ADDRESS_HEADER, e.ip() == null ? "127.0.0.1" : e.ip())
                    .POST(HttpRequest.BodyPublishers.ofString(String.format(Locale.ROOT, "{\"lat\":%.5f,\"lon\":%.5f}",
                            e.location().lat(), e.location().lon()))).build();
            send(share, 204);
            located = true;
        }
        return new Answer(scanId, body.path("verdict").asText(), body.path("risk").asInt(), reasons, located);
    }

    /** The same code with one character of its signature changed: valid format, wrong signature. */
    static String forge(String url) {
        int at = url.length() - 10;
        char replacement = url.charAt(at) == 'A' ? 'B' : 'A';
        return url.substring(0, at) + replacement + url.substring(at + 1);
    }

    /** Every alert of the brand, through the API, page by page. */
    List<AlertItem> alerts() {
        List<AlertItem> all = new ArrayList<>();
        String before = null;
        do {
            JsonNode page = json(send(get("/api/v1/alerts?limit=500" + (before == null ? "" : "&before=" + before)), 200));
            page.path("items").forEach(a -> all.add(new AlertItem(a.path("id").asText(), a.path("rule").asText(),
                    a.path("subject").asText(), a.path("summary").asText(""), longOrNull(a.path("batchId")),
                    longOrNull(a.path("codeIndex")), a.path("hits").asLong(), a.path("firstSeenAt").asText())));
            JsonNode next = page.path("nextBefore");
            before = next.isNull() || next.isMissingNode() ? null : next.asText();
        } while (before != null);
        return all;
    }

    /** The scan ids of an alert's evidence, oldest first (the server keeps the first 200). */
    List<String> evidence(String alertId) {
        List<String> ids = new ArrayList<>();
        json(send(get("/api/v1/alerts/" + alertId), 200)).path("evidence").forEach(e -> {
            if (!e.path("scanId").isNull()) {
                ids.add(e.path("scanId").asText());
            }
        });
        return ids;
    }

    private HttpRequest get(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + apiKey).build();
    }

    private String send(HttpRequest request, int expected) {
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (response.statusCode() != expected) {
                throw new IllegalStateException(request.method() + " " + request.uri() + " answered " + response.statusCode()
                        + ": " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Long longOrNull(JsonNode node) {
        return node.isNull() || node.isMissingNode() ? null : Long.parseLong(node.asText());
    }

    @Override
    public void close() {
        app.close();
    }
}
