package dev.touchmark.webhook;

import static dev.touchmark.testsupport.Http.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.touchmark.App;
import dev.touchmark.brand.BrandService.CreatedBrand;
import dev.touchmark.config.TouchmarkConfig;
import dev.touchmark.testsupport.Http;
import dev.touchmark.testsupport.WebhookReceiver;
import dev.touchmark.testsupport.WebhookTesting;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Webhooks as a brand's integrator meets them, against a real server and real receivers; run on H2 and PostgreSQL. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class WebhookContract {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    protected App app;
    protected Http http;
    private TouchmarkConfig config;

    /** The configuration of the database under test. */
    protected abstract TouchmarkConfig config() throws Exception;

    @BeforeAll
    void startServer() throws Exception {
        config = config().withWebhooks(WebhookTesting.fastSettings());
        start(config);
    }

    private void start(TouchmarkConfig settings) {
        app = App.start(settings, Clock.systemUTC());
        http = new Http(app.port());
    }

    private void stop() {
        App running = app;
        app = null;
        running.close();
    }

    @AfterAll
    void stopServer() {
        if (app != null) {
            app.close();
            app = null;
        }
    }

    private CreatedBrand newBrand() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        return app.services().brands().create("Hooks " + suffix, "hooks-" + suffix + "@brand.example");
    }

    private JsonNode createEndpoint(String key, String url, List<String> types) {
        Http.Response r = http.post("/api/v1/webhooks", key, json("url", url, "description", "ops", "eventTypes", types));
        assertEquals(201, r.status(), r.text());
        return r.json();
    }

    private JsonNode deliveries(String key, long endpoint) {
        Http.Response r = http.get("/api/v1/webhooks/" + endpoint + "/deliveries", key);
        assertEquals(200, r.status(), r.text());
        return r.json().get("items");
    }

    /** Waits until the endpoint's newest delivery satisfies the condition, and returns it. */
    private JsonNode awaitDelivery(String key, long endpoint, Predicate<JsonNode> condition) {
        JsonNode[] last = new JsonNode[1];
        WebhookTesting.await(WAIT, () -> {
            JsonNode items = deliveries(key, endpoint);
            last[0] = items.isEmpty() ? null : items.get(0);
            return last[0] != null && condition.test(last[0]);
        }, () -> "newest delivery: " + last[0]);
        return last[0];
    }

    private static boolean has(JsonNode delivery, String status) {
        return delivery.get("status").asText().equals(status);
    }

    @Test
    void aReceiverThatFailsTwiceGetsTheMessageOnTheThirdAttemptSignedAndLogged() throws Exception {
        String key = newBrand().apiKey();
        try (WebhookReceiver receiver = new WebhookReceiver().answerNext(500, 500)) {
            JsonNode endpoint = createEndpoint(key, receiver.url(), List.of());
            long id = endpoint.get("id").asLong();
            Http.Response queued = http.post("/api/v1/webhooks/" + id + "/test", key, null);
            assertEquals(202, queued.status(), queued.text());
            String messageId = queued.json().get("messageId").asText();
            assertTrue(messageId.startsWith("msg_"), messageId);

            JsonNode delivery = awaitDelivery(key, id, d -> has(d, "succeeded"));
            assertEquals(messageId, delivery.get("messageId").asText());
            assertEquals("webhook.test", delivery.get("eventType").asText());
            assertEquals(3, delivery.get("attemptCount").asInt());
            assertEquals(200, delivery.get("lastStatusCode").asInt());
            assertTrue(delivery.get("nextAttemptAt").isNull());
            JsonNode attempts = delivery.get("attempts");
            assertEquals(List.of(500, 500, 200), List.of(attempts.get(0).get("statusCode").asInt(),
                    attempts.get(1).get("statusCode").asInt(), attempts.get(2).get("statusCode").asInt()));
            assertTrue(attempts.get(0).get("error").asText().contains("500"));
            assertTrue(attempts.get(2).get("error").isNull());
            assertTrue(attempts.get(2).get("durationMs").asInt() >= 0);
            assertNotNull(attempts.get(2).get("at").asText());

            List<WebhookReceiver.Request> requests = receiver.requests();
            assertEquals(3, requests.size());
            String secret = endpoint.get("secret").asText();
            for (WebhookReceiver.Request request : requests) {
                assertEquals("POST", request.method());
                assertEquals(messageId, request.header("webhook-id"), "one id for every attempt: receivers deduplicate on it");
                assertEquals("application/json", request.header("content-type"));
                assertTrue(request.header("user-agent").startsWith("Touchmark-Webhooks/"));
                long timestamp = Long.parseLong(request.header("webhook-timestamp"));
                assertTrue(Math.abs(timestamp - Instant.now().getEpochSecond()) < 60);
                assertTrue(WebhookTesting.signedWith(secret, messageId, request.header("webhook-timestamp"), request.body(),
                        request.header("webhook-signature")), request.header("webhook-signature"));
            }
            JsonNode body = MAPPER.readTree(requests.get(2).body());
            assertEquals("webhook.test", body.get("type").asText());
            assertTrue(OffsetDateTime.parse(body.get("timestamp").asText()).isBefore(OffsetDateTime.now().plusSeconds(1)));
            assertEquals(id, body.get("data").get("endpointId").asLong());
        }
    }

    @Test
    void publishedEventsCommitWithTheCallersTransactionAndFollowEachEndpointsFilter() {
        CreatedBrand brand = newBrand();
        long brandId = brand.brand().id();
        try (WebhookReceiver all = new WebhookReceiver(); WebhookReceiver updates = new WebhookReceiver();
             WebhookReceiver disabled = new WebhookReceiver()) {
            long everything = createEndpoint(brand.apiKey(), all.url(), List.of()).get("id").asLong();
            long updatesOnly = createEndpoint(brand.apiKey(), updates.url(), List.of("alert.updated")).get("id").asLong();
            long off = createEndpoint(brand.apiKey(), disabled.url(), List.of()).get("id").asLong();
            assertEquals(200, http.send("PATCH", "/api/v1/webhooks/" + off, brand.apiKey(), json("enabled", false)).status());
            WebhookOutbox outbox = app.services().webhookOutbox();
            var dsl = app.services().database().dsl();

            assertThrows(IllegalStateException.class, () -> dsl.transaction(() -> {
                outbox.publish(brandId, WebhookEvents.ALERT_CREATED, Map.of("alertId", 1));
                throw new IllegalStateException("the alert could not be stored");
            }));
            String created = dsl.transactionResult(() -> outbox.publish(brandId, WebhookEvents.ALERT_CREATED, Map.of("alertId", 2)));
            String updated = outbox.publish(brandId, WebhookEvents.ALERT_UPDATED, Map.of("alertId", 2, "status", "confirmed"));

            WebhookTesting.await(WAIT, () -> all.requests().size() >= 2 && updates.requests().size() >= 1, all::bodies);
            // Every request comes from a delivery queued at publish time, so the queue shows what can still arrive.
            assertEquals(Stream.of(created, updated).sorted().toList(), messageIds(deliveries(brand.apiKey(), everything)),
                    "queued for all");
            assertEquals(List.of(updated), messageIds(deliveries(brand.apiKey(), updatesOnly)), "queued for updates");
            assertEquals(0, deliveries(brand.apiKey(), off).size(), "nothing is queued for a disabled endpoint");
            assertEquals(2, all.requests().size(), all.bodies());
            assertEquals(Set.of(created, updated), all.requests().stream().map(r -> r.header("webhook-id"))
                    .collect(Collectors.toSet()), "the rolled-back event is never sent");
            assertEquals(1, updates.requests().size(), updates.bodies());
            assertEquals(updated, updates.requests().get(0).header("webhook-id"));
            assertTrue(disabled.requests().isEmpty(), "a disabled endpoint receives nothing");
            assertThrows(IllegalArgumentException.class, () -> outbox.publish(brandId, "alert.deleted", Map.of()));
        }
    }

    @Test
    void a410DisablesTheEndpointAndStopsItsDeliveriesUntilTheBrandEnablesItAgain() {
        CreatedBrand brand = newBrand();
        String key = brand.apiKey();
        try (WebhookReceiver receiver = new WebhookReceiver().answerNext(410)) {
            long id = createEndpoint(key, receiver.url(), List.of()).get("id").asLong();
            http.post("/api/v1/webhooks/" + id + "/test", key, null);
            JsonNode delivery = awaitDelivery(key, id, d -> has(d, "failed"));
            assertEquals(1, delivery.get("attemptCount").asInt(), "a 410 is not retried");
            assertEquals(410, delivery.get("lastStatusCode").asInt());
            JsonNode endpoint = http.get("/api/v1/webhooks/" + id, key).json();
            assertFalse(endpoint.get("enabled").asBoolean());
            assertTrue(endpoint.get("disabledReason").asText().contains("410"), endpoint.toString());

            app.services().webhookOutbox().publish(brand.brand().id(), WebhookEvents.ALERT_CREATED, Map.of("alertId", 3));
            assertEquals(1, deliveries(key, id).size(), "nothing is queued for a disabled endpoint");
            assertEquals(409, http.post("/api/v1/webhooks/" + id + "/test", key, null).status());

            JsonNode enabled = http.send("PATCH", "/api/v1/webhooks/" + id, key, json("enabled", true)).json();
            assertTrue(enabled.get("enabled").asBoolean());
            assertTrue(enabled.get("disabledReason").isNull());
            assertEquals(202, http.post("/api/v1/webhooks/" + id + "/test", key, null).status());
            awaitDelivery(key, id, d -> has(d, "succeeded"));
            assertEquals(2, receiver.requests().size());
        }
    }

    @Test
    void aRedirectIsRecordedAsAFailureAndNotFollowed() {
        String key = newBrand().apiKey();
        try (WebhookReceiver elsewhere = new WebhookReceiver();
             WebhookReceiver redirecting = new WebhookReceiver().answerAlways(302).withLocation(elsewhere.url())) {
            long id = createEndpoint(key, redirecting.url(), List.of()).get("id").asLong();
            http.post("/api/v1/webhooks/" + id + "/test", key, null);
            JsonNode delivery = awaitDelivery(key, id, d -> d.get("attemptCount").asInt() >= 2);
            assertEquals(302, delivery.get("lastStatusCode").asInt());
            assertTrue(delivery.get("lastError").asText().contains("redirect 302 to " + elsewhere.url() + " not followed"),
                    delivery.get("lastError").asText());
            JsonNode failed = awaitDelivery(key, id, d -> has(d, "failed"));
            assertEquals(5, failed.get("attemptCount").asInt(), "every attempt of the schedule, then given up");
            assertTrue(failed.get("lastError").asText().contains("gave up after 5 attempts"));
            assertEquals(5, redirecting.requests().size());
            assertTrue(elsewhere.requests().isEmpty(), "the redirect target was never called");
        }
    }

    @Test
    void aSlowReceiverDoesNotHoldUpTheOthers() {
        CreatedBrand brand = newBrand();
        try (WebhookReceiver slow = new WebhookReceiver().slow(Duration.ofSeconds(4));
             WebhookReceiver fast = new WebhookReceiver()) {
            long slowId = createEndpoint(brand.apiKey(), slow.url(), List.of()).get("id").asLong();
            createEndpoint(brand.apiKey(), fast.url(), List.of());
            app.services().webhookOutbox().publish(brand.brand().id(), WebhookEvents.ALERT_CREATED, Map.of("alertId", 4));
            WebhookTesting.await(WAIT, () -> !fast.requests().isEmpty(), () -> "the fast receiver got nothing");
            JsonNode delivery = awaitDelivery(brand.apiKey(), slowId, d -> d.get("attemptCount").asInt() >= 1);
            assertTrue(delivery.get("lastError").asText().contains("no answer"), delivery.toString());
            assertTrue(delivery.get("lastStatusCode").isNull());
            JsonNode attempt = delivery.get("attempts").get(0);
            assertTrue(attempt.get("durationMs").asInt() >= 900, "the request timeout (1 s) ended it: " + attempt);
            Instant slowAttemptEnded = OffsetDateTime.parse(attempt.get("at").asText()).toInstant()
                    .plusMillis(attempt.get("durationMs").asInt());
            assertTrue(fast.requests().get(0).at().isBefore(slowAttemptEnded),
                    "the fast receiver was served while the slow one was still being waited for");
            assertEquals(204, http.send("DELETE", "/api/v1/webhooks/" + slowId, brand.apiKey(), null).status());
        }
    }

    @Test
    void aDeliveryClaimedByAWorkerThatDiedIsSentOnceItsLeaseRunsOut() {
        CreatedBrand brand = newBrand();
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            long id = createEndpoint(brand.apiKey(), receiver.url(), List.of()).get("id").asLong();
            var dsl = app.services().database().dsl();
            WebhookDeliveryRepository repository = new WebhookDeliveryRepository(dsl);
            OffsetDateTime leaseEnd = OffsetDateTime.now().plusSeconds(2);
            // Queued and claimed in one transaction: the live dispatcher never sees it unclaimed, as if
            // a worker on another node had taken it and died.
            dsl.transaction(() -> {
                app.services().webhookOutbox().publish(brand.brand().id(), WebhookEvents.ALERT_CREATED, Map.of("alertId", 5));
                long deliveryId = repository.list(brand.brand().id(), id, 1, Long.MAX_VALUE).get(0).id();
                OffsetDateTime now = OffsetDateTime.now();
                assertTrue(repository.claim(deliveryId, now, leaseEnd));
                assertFalse(repository.claim(deliveryId, now, leaseEnd), "a claimed delivery cannot be claimed twice");
            });
            WebhookTesting.await(WAIT, () -> !receiver.requests().isEmpty(), () -> "never sent");
            assertFalse(receiver.requests().get(0).at().isBefore(leaseEnd.toInstant()), "not sent while the lease held");
            awaitDelivery(brand.apiKey(), id, d -> has(d, "succeeded") && d.get("attemptCount").asInt() == 1);
        }
    }

    @Test
    void aPendingDeliveryIsSentAfterTheServerRestarts() {
        stop();
        // Before the restart, a retry waits 2 s: long enough to stop the server with the delivery pending.
        Duration twoSeconds = Duration.ofSeconds(2);
        start(config.withWebhooks(config.webhooks().withRetrySchedule(List.of(Duration.ZERO, twoSeconds, twoSeconds))));
        CreatedBrand brand = newBrand();
        try (WebhookReceiver receiver = new WebhookReceiver().answerNext(503)) {
            long id = createEndpoint(brand.apiKey(), receiver.url(), List.of()).get("id").asLong();
            http.post("/api/v1/webhooks/" + id + "/test", brand.apiKey(), null);
            JsonNode pending = awaitDelivery(brand.apiKey(), id, d -> d.get("attemptCount").asInt() == 1);
            stop();
            assertEquals("pending", pending.get("status").asText());
            assertEquals(1, receiver.requests().size());

            start(config);
            JsonNode delivery = awaitDelivery(brand.apiKey(), id, d -> has(d, "succeeded"));
            assertEquals(2, delivery.get("attemptCount").asInt());
            assertEquals(List.of(503, 200), receiver.requests().stream().map(WebhookReceiver.Request::answeredWith).toList());
        } finally {
            if (app == null) {
                start(config);
            }
        }
    }

    @Test
    void endpointsAreCreatedReadChangedAndDeletedWithTheSecretShownOnce() {
        String key = newBrand().apiKey();
        Http.Response created = http.post("/api/v1/webhooks", key,
                json("url", "https://hooks.brand.example/touchmark", "eventTypes", List.of("alert.created", "alert.created")));
        assertEquals(201, created.status(), created.text());
        long id = created.json().get("id").asLong();
        assertEquals("/api/v1/webhooks/" + id, created.header("Location"));
        String secret = created.json().get("secret").asText();
        assertTrue(secret.startsWith("whsec_"));
        assertEquals(32, Base64.getDecoder().decode(secret.substring(6)).length);
        assertEquals("[\"alert.created\"]", created.json().get("eventTypes").toString());
        assertTrue(created.json().get("enabled").asBoolean());
        assertTrue(created.json().get("description").isNull());
        byte[] stored = app.services().database().dsl().select(dev.touchmark.db.jooq.Tables.WEBHOOK_ENDPOINT.SECRET_ENCRYPTED)
                .from(dev.touchmark.db.jooq.Tables.WEBHOOK_ENDPOINT).where(dev.touchmark.db.jooq.Tables.WEBHOOK_ENDPOINT.ID.eq(id))
                .fetchOne().value1();
        byte[] secretBytes = Base64.getDecoder().decode(secret.substring(6));
        assertFalse(new String(stored, java.nio.charset.StandardCharsets.ISO_8859_1).contains(
                new String(secretBytes, 0, 16, java.nio.charset.StandardCharsets.ISO_8859_1)), "stored encrypted, not in clear");

        Http.Response read = http.get("/api/v1/webhooks/" + id, key);
        assertFalse(read.json().has("secret"));
        assertFalse(read.text().contains(secret.substring(6)), "the secret is shown only once");
        Http.Response list = http.get("/api/v1/webhooks", key);
        assertEquals(1, list.json().get("items").size());
        assertFalse(list.text().contains(secret.substring(6)));
        assertTrue(list.json().get("nextBefore").isNull());

        JsonNode changed = http.send("PATCH", "/api/v1/webhooks/" + id, key,
                json("description", "Security team", "eventTypes", List.of())).json();
        assertEquals("Security team", changed.get("description").asText());
        assertEquals("[]", changed.get("eventTypes").toString());
        assertEquals("https://hooks.brand.example/touchmark", changed.get("url").asText(), "fields not sent stay");

        Http.Response rotated = http.post("/api/v1/webhooks/" + id + "/rotate-secret", key, null);
        assertEquals(200, rotated.status(), rotated.text());
        assertFalse(rotated.json().get("secret").asText().equals(secret));
        assertNotNull(http.get("/api/v1/webhooks/" + id, key).json().get("previousSecretExpiresAt").asText());

        assertEquals(204, http.send("DELETE", "/api/v1/webhooks/" + id, key, null).status());
        assertEquals(404, http.get("/api/v1/webhooks/" + id, key).status());
        assertEquals(404, http.send("DELETE", "/api/v1/webhooks/" + id, key, null).status());
    }

    @Test
    void badInputAnswers400AndUnknownIds404AsProblems() {
        String key = newBrand().apiKey();
        Http.Response ftp = http.post("/api/v1/webhooks", key, json("url", "ftp://files.brand.example/in"));
        assertEquals(400, ftp.status());
        assertTrue(ftp.header("Content-Type").startsWith("application/problem+json"));
        assertEquals("url", ftp.json().get("errors").get(0).get("field").asText());
        assertTrue(ftp.json().get("detail").asText().contains("http or https"));
        Http.Response several = http.post("/api/v1/webhooks", key,
                json("url", "https://u:p@hooks.brand.example/", "eventTypes", List.of("alert.exploded")));
        assertEquals(2, several.json().get("errors").size(), several.text());
        assertEquals(400, http.post("/api/v1/webhooks", key, json("url", "https://x.example/", "colour", "red")).status());
        assertEquals(400, http.post("/api/v1/webhooks", key, null).status());
        long id = createEndpoint(key, "https://hooks.brand.example/a", List.of()).get("id").asLong();
        assertEquals(400, http.send("PATCH", "/api/v1/webhooks/" + id, key, json("url", "not a url")).status());
        assertEquals(400, http.send("PATCH", "/api/v1/webhooks/" + id, key, json("enabled", "yes")).status());
        Http.Response unknown = http.get("/api/v1/webhooks/999999999", key);
        assertEquals(404, unknown.status());
        assertTrue(unknown.header("Content-Type").startsWith("application/problem+json"));
        assertEquals(404, http.get("/api/v1/webhooks/abc", key).status());
        assertEquals(404, http.get("/api/v1/webhooks/999999999/deliveries", key).status());
        assertEquals(400, http.get("/api/v1/webhooks/" + id + "/deliveries?limit=0", key).status());
        assertEquals(401, http.get("/api/v1/webhooks", null).status());
    }

    @Test
    void anotherBrandGets404OnEveryPathOfAnEndpointItDoesNotOwn() {
        String owner = newBrand().apiKey();
        String other = newBrand().apiKey();
        long id = createEndpoint(owner, "https://hooks.brand.example/owner", List.of()).get("id").asLong();
        String path = "/api/v1/webhooks/" + id;
        assertEquals(404, http.get(path, other).status());
        assertEquals(404, http.send("PATCH", path, other, json("enabled", false)).status());
        assertEquals(404, http.send("DELETE", path, other, null).status());
        assertEquals(404, http.post(path + "/rotate-secret", other, null).status());
        assertEquals(404, http.post(path + "/test", other, null).status());
        assertEquals(404, http.get(path + "/deliveries", other).status());
        assertEquals(0, http.get("/api/v1/webhooks", other).json().get("items").size());
        JsonNode untouched = http.get(path, owner).json();
        assertTrue(untouched.get("enabled").asBoolean(), "the other brand changed nothing");
        assertEquals(0, deliveries(owner, id).size());
    }

    @Test
    void duringRotationTheOldAndTheNewSecretBothSign() {
        String key = newBrand().apiKey();
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            JsonNode endpoint = createEndpoint(key, receiver.url(), List.of());
            long id = endpoint.get("id").asLong();
            String oldSecret = endpoint.get("secret").asText();
            String newSecret = http.post("/api/v1/webhooks/" + id + "/rotate-secret", key, null).json().get("secret").asText();
            http.post("/api/v1/webhooks/" + id + "/test", key, null);
            WebhookTesting.await(WAIT, () -> !receiver.requests().isEmpty(), () -> "nothing arrived");
            WebhookReceiver.Request request = receiver.requests().get(0);
            String header = request.header("webhook-signature");
            assertEquals(2, header.split(" ").length, header);
            for (String secret : List.of(oldSecret, newSecret)) {
                assertTrue(WebhookTesting.signedWith(secret, request.header("webhook-id"), request.header("webhook-timestamp"),
                        request.body(), header));
            }
        }
    }

    private static List<String> messageIds(JsonNode deliveries) {
        List<String> ids = new java.util.ArrayList<>();
        deliveries.forEach(d -> ids.add(d.get("messageId").asText()));
        return ids.stream().sorted().toList();
    }
}
