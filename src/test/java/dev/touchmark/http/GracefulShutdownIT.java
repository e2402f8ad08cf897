package dev.touchmark.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.touchmark.App;
import dev.touchmark.code.BatchCodes;
import dev.touchmark.config.ScanSettings;
import dev.touchmark.config.TouchmarkConfig;
import dev.touchmark.db.Database;
import dev.touchmark.testsupport.Http;
import dev.touchmark.testsupport.ScanFixtures;
import dev.touchmark.testsupport.TestDatabases;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Stopping the server (what SIGTERM's shutdown hook does) answers what it took, records it, then exits. */
class GracefulShutdownIT {
    @Test
    void closingUnderLoadAnswersEveryAdmittedVerificationAndCommitsEveryAnsweredScan() throws Exception {
        // No rate limit on verifications: the load comes from one address.
        TouchmarkConfig config = TestDatabases.h2(Files.createTempDirectory("touchmark-shutdown-"))
                .withScans(new ScanSettings(Optional.empty(), Optional.empty(), 730, 0, 10, 1000, 4));
        App app = App.start(config, Clock.systemUTC());
        BatchCodes codes = ScanFixtures.releasedCodes(app, "compact");
        // HTTP/1.1 as the product serves it (no h2c upgrade attempt); each request with a timeout, so a connection the
        // client never sees closing cannot hang the test (seen once in CI: a request neither answered nor failed
        // long after the server had stopped).
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        URI verify = URI.create("http://127.0.0.1:" + app.port() + "/api/v1/verify");
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        CompletableFuture<Void> closed = null;
        for (int i = 0; i < 300; i++) {
            HttpRequest request = HttpRequest.newBuilder(verify).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(Http.json("code", codes.url(i % 20)))).build();
            answers.add(client.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
            if (i == 150) {
                answers.get(50).join();
                closed = CompletableFuture.runAsync(app::close);
            }
        }

        int answered = 0;
        int refused = 0;
        int cutOff = 0;
        for (CompletableFuture<HttpResponse<String>> answer : answers) {
            try {
                HttpResponse<String> r = answer.join();
                if (r.statusCode() == 200) {
                    answered++;
                } else {
                    assertEquals(503, r.statusCode(), r.body());
                    refused++;
                }
            } catch (java.util.concurrent.CompletionException e) {
                // Not admitted: the connection was refused or closed before the request was read (or, with the
                // server gone, the client never noticed and timed out).
                cutOff++;
            }
        }
        String counts = answered + " answered, " + refused + " refused with 503, " + cutOff + " not admitted";
        System.out.println("GracefulShutdownIT: " + counts);
        assertTrue(answered > 50, counts);
        assertEquals(300, answered + refused + cutOff);

        closed.get(60, TimeUnit.SECONDS);
        assertThrows(Exception.class, () -> client.send(HttpRequest.newBuilder(verify).GET().build(),
                HttpResponse.BodyHandlers.ofString()), "the port no longer takes requests");
        try (Database database = Database.open(config, 2)) {
            int stored = database.dsl().fetchCount(database.dsl().selectFrom("scan_event"));
            assertTrue(stored >= answered, "every answered scan is committed: " + stored + " stored, " + answered + " answered");
        }
    }
}
