package dev.touchmark.mail;

import static dev.touchmark.db.jooq.Tables.MAIL_OUTBOX;
import static dev.touchmark.testsupport.Http.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.touchmark.App;
import dev.touchmark.access.Principal;
import dev.touchmark.alert.AlertService;
import dev.touchmark.batch.Batch;
import dev.touchmark.code.BatchCodes;
import dev.touchmark.domain.BatchStatus;
import dev.touchmark.batch.NewBatch;
import dev.touchmark.brand.BrandService;
import dev.touchmark.config.MailSettings;
import dev.touchmark.config.ScanSettings;
import dev.touchmark.config.TouchmarkConfig;
import dev.touchmark.i18n.Texts;
import dev.touchmark.product.NewProduct;
import dev.touchmark.shopper.RequestFacts;
import dev.touchmark.testsupport.SimulatedClock;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.jooq.DSLContext;
import org.jooq.Record2;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Staff mail through a real SMTP server (GreenMail, in the test): immediate mail for high and critical alerts to those
 * who chose it, a daily digest once per day however many nodes write it, retries when the server is away, and the
 * choice itself over the API. No other brand's staff ever receive a word.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class MailContract {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PASSWORD = "correct horse battery staple";
    private final SimulatedClock clock = new SimulatedClock(Instant.now());
    private final HttpClient client = HttpClient.newHttpClient();
    private GreenMail smtp;
    private int smtpPort;
    private App app;

    protected abstract TouchmarkConfig config() throws Exception;

    @BeforeAll
    void start() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            smtpPort = socket.getLocalPort();
        }
        smtp = smtpServer();
        MailSettings mail = settings(smtpPort);
        ScanSettings scans = new ScanSettings(Optional.of("CF-IPCountry"), Optional.empty(), 730, 0, 10, 1000, 4);
        app = App.start(config().withScans(scans).withMail(mail), clock);
    }

    private GreenMail smtpServer() {
        GreenMail server = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
        return server;
    }

    private static MailSettings settings(int port) {
        return MailSettings.plain("127.0.0.1", port, "alerts@tm.example")
                .withTiming(Duration.ofMillis(100), List.of(Duration.ofMinutes(1)), Duration.ofSeconds(10), Duration.ofSeconds(2));
    }

    @AfterAll
    void stop() {
        if (app != null) {
            app.close();
        }
        if (smtp != null) {
            smtp.stop();
        }
    }

    @BeforeEach
    void emptyMailbox() throws Exception {
        smtp.purgeEmailFromAllMailboxes();
    }

    @Test
    void aHighAlertIsMailedAtOnceToThoseWhoChoseItAndAMediumOneIsNot() throws Exception {
        Staff brand = staff("Mailed");
        Staff other = staff("Elsewhere");
        assertEquals(200, brand.admin.call("PUT", "/api/v1/session/notifications", json("alerts", true)).status);
        assertEquals(200, other.admin.call("PUT", "/api/v1/session/notifications", json("alerts", true)).status);

        outOfMarket(brand); // a medium alert, not mailed
        scan(brand.codes.draft.url(1), "FR"); // a code of a batch not released yet: a high alert
        assertTrue(smtp.waitForIncomingEmail(10_000, 1), "no mail arrived");
        Thread.sleep(500); // anything else queued would have gone out by now (the sender polls every 100 ms)
        MimeMessage[] received = smtp.getReceivedMessages();
        assertEquals(1, received.length, Arrays.toString(subjects(received)));
        MimeMessage mail = received[0];
        assertEquals(brand.adminEmail, mail.getRecipients(Message.RecipientType.TO)[0].toString());
        assertEquals("alerts@tm.example", mail.getFrom()[0].toString());
        assertTrue(mail.getSubject().startsWith("[Touchmark] High alert for " + brand.name + ": "), mail.getSubject());
        String body = (String) mail.getContent();
        JsonNode alerts = brand.admin.call("GET", "/api/v1/alerts?rule=unreleased_scan", null).body.get("items");
        assertEquals(1, alerts.size());
        assertEquals(1, brand.admin.call("GET", "/api/v1/alerts?severity=medium", null).body.get("items").size(),
                "the medium alert opened too");
        assertTrue(body.contains("https://tm.example/dashboard#/alerts/" + alerts.get(0).get("id").asText()), body);
        assertTrue(body.contains(alerts.get(0).get("summary").asText()), body);
        assertTrue(body.contains("https://tm.example/dashboard#/notifications"), "how to stop it: " + body);
    }

    @Test
    void mailIsWrittenInTheLanguageTheReaderChose() throws Exception {
        Staff brand = staff("Chinese");
        JsonNode chosen = brand.admin.call("PUT", "/api/v1/session/notifications", json("alerts", true, "language", "zh")).body;
        assertEquals("zh", chosen.get("language").asText());
        scan(brand.codes.draft.url(2), "FR");
        MimeMessage mail = null;
        for (int i = 0; i < 100 && mail == null; i++) {
            for (MimeMessage received : smtp.getReceivedMessages()) {
                if (received.getSubject().contains(brand.name)) {
                    mail = received;
                }
            }
            Thread.sleep(100);
        }
        assertNotNull(mail, "the alert's mail arrived");
        assertTrue(mail.getSubject().contains("高级警报"), mail.getSubject());
        assertTrue(((String) mail.getContent()).contains("在控制台中打开"));
    }

    @Test
    void theDailyDigestCountsTheDaysAlertsAndIsSentOnceHoweverManyNodesWriteIt() throws Exception {
        Staff brand = staff("Digest");
        assertEquals(200, brand.admin.call("PUT", "/api/v1/session/notifications", json("digest", true)).status);
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        outOfMarket(brand);
        scan(brand.codes.draft.url(3), "FR");
        clock.advanceTo(today.plusDays(1).atTime(6, 59).toInstant(ZoneOffset.UTC));
        MailDispatcher node = app.mail().orElseThrow();
        node.runOnce();
        assertEquals(0, digests(brand).size(), "not before the digest's time of day");

        clock.advanceTo(today.plusDays(1).atTime(7, 1).toInstant(ZoneOffset.UTC));
        MailDispatcher otherNode = dispatcher(settings(smtpPort));
        CompletableFuture<Integer> first = CompletableFuture.supplyAsync(node::runOnce);
        CompletableFuture<Integer> second = CompletableFuture.supplyAsync(otherNode::runOnce);
        first.join();
        second.join();
        node.runOnce();
        // The app's own sender may hold the message and be sending it: wait for it, then for anything extra.
        for (int i = 0; i < 100 && digests(brand).isEmpty(); i++) {
            Thread.sleep(100);
        }
        Thread.sleep(500);
        List<MimeMessage> digests = digests(brand);
        assertEquals(1, digests.size(), "one digest a day");
        String body = (String) digests.get(0).getContent();
        assertTrue(digests.get(0).getSubject().contains("2 new alerts on " + today), digests.get(0).getSubject());
        assertTrue(body.contains("New alerts: 2 (0 critical, 1 high, 1 medium, 0 low)"), body);
        // A day later the session has gone idle: the brand's API key reads the alerts.
        HttpResponse<String> list = client.send(HttpRequest.newBuilder(base("/api/v1/alerts"))
                .header("Authorization", "Bearer " + brand.apiKey).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode alerts = JSON.readTree(list.body()).get("items");
        assertEquals(2, alerts.size(), list.body());
        for (JsonNode alert : alerts) {
            assertTrue(body.contains("#/alerts/" + alert.get("id").asText()), body);
        }
    }

    @Test
    void mailTheServerCouldNotTakeIsTriedAgainAndArrivesOnce() throws Exception {
        Staff brand = staff("Retry");
        assertEquals(200, brand.admin.call("PUT", "/api/v1/session/notifications", json("alerts", true)).status);
        smtp.stop();
        try {
            scan(brand.codes.draft.url(4), "FR");
            long userId = brand.admin.session.get("user").get("id").asLong();
            Record2<Integer, String> row = null;
            for (int i = 0; i < 200 && (row == null || row.value1() == 0); i++) {
                Thread.sleep(50);
                row = dsl().select(MAIL_OUTBOX.ATTEMPTS, MAIL_OUTBOX.LAST_ERROR).from(MAIL_OUTBOX)
                        .where(MAIL_OUTBOX.USER_ID.eq(userId)).fetchOne();
            }
            assertNotNull(row, "the alert's mail was queued");
            assertEquals(1, row.value1(), "tried once while the server was away");
            assertTrue(row.value2().contains("could not be reached"), row.value2());
        } finally {
            smtp = smtpServer();
        }
        assertFalse(smtp.waitForIncomingEmail(500, 1), "not before the retry is due");
        clock.advance(Duration.ofMinutes(2));
        assertTrue(smtp.waitForIncomingEmail(10_000, 1));
        assertTrue(smtp.getReceivedMessages()[0].getSubject().contains(brand.name), smtp.getReceivedMessages()[0].getSubject());
        Thread.sleep(300);
        assertEquals(1, smtp.getReceivedMessages().length, "sent once");
    }

    @Test
    void theChoiceBelongsToTheSignedInPersonAndBadInputIsRefused() throws Exception {
        Staff brand = staff("Choice");
        JsonNode initial = brand.admin.call("GET", "/api/v1/session/notifications", null).body;
        assertFalse(initial.get("alerts").asBoolean());
        assertFalse(initial.get("digest").asBoolean());
        assertEquals("en", initial.get("language").asText());
        assertTrue(initial.get("mailConfigured").asBoolean());

        Answer bad = brand.admin.call("PUT", "/api/v1/session/notifications", json("language", "fr"));
        assertEquals(400, bad.status, bad.raw);
        assertTrue(bad.raw.contains("language"), bad.raw);
        Answer empty = brand.admin.call("PUT", "/api/v1/session/notifications", "{}");
        assertEquals(400, empty.status, empty.raw);
        Answer wrongType = brand.admin.call("PUT", "/api/v1/session/notifications", "{\"alerts\":\"yes please\"}");
        assertEquals(400, wrongType.status, wrongType.raw);

        HttpResponse<String> byKey = client.send(HttpRequest.newBuilder(base("/api/v1/session/notifications"))
                .header("Authorization", "Bearer " + brand.apiKey).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(403, byKey.statusCode(), byKey.body());
        assertTrue(byKey.body().contains("signed in"), byKey.body());

        assertEquals(200, brand.admin.call("PUT", "/api/v1/session/notifications", json("digest", true)).status);
        JsonNode after = brand.admin.call("GET", "/api/v1/session/notifications", null).body;
        assertTrue(after.get("digest").asBoolean());
        assertFalse(after.get("alerts").asBoolean(), "what was not given is kept");
    }

    // --- fixtures ---

    private record Codes(BatchCodes released, BatchCodes draft) {
    }

    private record Staff(String name, long id, String adminEmail, String apiKey, Browser admin, Codes codes) {
    }

    private record Answer(int status, JsonNode body, String raw) {
    }

    private final class Browser {
        private final String cookie;
        private final String csrf;
        private final JsonNode session;

        Browser(String cookie, String csrf, JsonNode session) {
            this.cookie = cookie;
            this.csrf = csrf;
            this.session = session;
        }

        Answer call(String method, String path, String body) throws Exception {
            HttpRequest.Builder request = HttpRequest.newBuilder(base(path)).header("Cookie", cookie)
                    .header("X-CSRF-Token", csrf).header("Content-Type", "application/json")
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body().isEmpty() ? null : JSON.readTree(response.body()), response.body());
        }
    }

    private Staff staff(String name) throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        BrandService.CreatedBrand created = app.services().brands().create(name + " " + suffix, "a-" + suffix + "@brand.example");
        long brandId = created.brand().id();
        Principal principal = new Principal(brandId, "test");
        var product = app.services().products().create(principal, new NewProduct("Serum", null, "A serum.", null, List.of("FR")));
        Batch released = app.services().batches().create(principal,
                new NewBatch(product.id(), 20L, "L-" + suffix.substring(0, 4), null, List.of("FR"), "compact"));
        released = app.services().batches().changeStatus(principal, released.id(), BatchStatus.RELEASED, null);
        Batch draft = app.services().batches().create(principal,
                new NewBatch(product.id(), 20L, "D-" + suffix.substring(0, 4), null, List.of("FR"), "compact"));
        Browser first = signIn(created.adminEmail(), created.adminPassword());
        assertEquals(204, first.call("POST", "/api/v1/session/password",
                json("currentPassword", created.adminPassword(), "newPassword", PASSWORD)).status);
        return new Staff(created.brand().name(), brandId, created.adminEmail(), created.apiKey(), signIn(created.adminEmail(), PASSWORD),
                new Codes(app.services().batches().codes(released), app.services().batches().codes(draft)));
    }

    private Browser signIn(String email, String password) throws Exception {
        HttpResponse<String> answer = client.send(HttpRequest.newBuilder(base("/api/v1/session"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json("email", email, "password", password))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode(), answer.body());
        String setCookie = answer.headers().firstValue("Set-Cookie").orElseThrow();
        JsonNode session = JSON.readTree(answer.body());
        return new Browser(setCookie.substring(0, setCookie.indexOf(';')), session.get("csrfToken").asText(), session);
    }

    private void scan(String url, String country) throws Exception {
        String path = url.substring(url.toLowerCase().indexOf("tm.example") + "tm.example".length());
        HttpResponse<String> answer = client.send(HttpRequest.newBuilder(base(path)).header("Accept", "application/json")
                .header("Cookie", RequestFacts.DEVICE_COOKIE + "=" + "D".repeat(26))
                .header("CF-IPCountry", country).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode(), answer.body());
    }

    /** Codes of the released batch (markets: FR) first sold in Germany: a diversion alert (medium). */
    private void outOfMarket(Staff brand) throws Exception {
        for (int i = 10; i < 15; i++) {
            scan(brand.codes.released.url(i), "DE");
        }
    }

    private List<MimeMessage> digests(Staff brand) throws Exception {
        List<MimeMessage> found = new ArrayList<>();
        for (MimeMessage message : smtp.getReceivedMessages()) {
            if (message.getSubject().startsWith("[Touchmark] " + brand.name + ":")) {
                found.add(message);
            }
        }
        return found;
    }

    private static String[] subjects(MimeMessage[] messages) throws Exception {
        String[] subjects = new String[messages.length];
        for (int i = 0; i < messages.length; i++) {
            subjects[i] = messages[i].getSubject();
        }
        return subjects;
    }

    private MailDispatcher dispatcher(MailSettings settings) {
        MailRepository repository = new MailRepository(dsl());
        MailTexts texts = new MailTexts(Texts.bundled(), "https://tm.example");
        AlertService alerts = app.scanServices().alerts();
        return new MailDispatcher(repository, new DigestWriter(repository, alerts, texts, settings.digestAt()),
                new SmtpMailer(settings, clock), settings, clock);
    }

    private DSLContext dsl() {
        return app.services().database().dsl();
    }

    private URI base(String path) {
        return URI.create("http://127.0.0.1:" + app.port() + path);
    }
}
