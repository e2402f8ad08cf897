package dev.touchmark.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.touchmark.App;
import dev.touchmark.code.BatchCodes;
import dev.touchmark.config.ScanSettings;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Behind one proxy that appends to X-Forwarded-For, a client that writes a new address into the header for every
 * request is still one client to the rate limits: the address the proxy appended is the one counted.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClientAddressIT {
    private static final int VERIFY_PER_MINUTE = 3;
    /** AccessController's limit of sign-in attempts per client network per minute. */
    private static final int SIGN_INS_PER_MINUTE = 30;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private App app;
    private BatchCodes codes;

    @BeforeAll
    void start() throws Exception {
        ScanSettings settings = new ScanSettings(Optional.empty(), Optional.empty(), 730, VERIFY_PER_MINUTE, 10, 10, 5)
                .withClientIpHeader("X-Forwarded-For", 1);
        app = App.start(TestDatabases.h2(Files.createTempDirectory("touchmark-client-address-")).withScans(settings),
                Clock.systemUTC());
        codes = ScanFixtures.releasedCodes(app, "compact");
    }

    @AfterAll
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void rotatingTheLeftmostForwardedForValueDoesNotEscapeTheVerifyLimit() throws Exception {
        // Each spoofed value is in a network of its own; the proxy's appended value stays the client's real address.
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 2 * VERIFY_PER_MINUTE; i++) {
            statuses.add(verify(List.of("203.0." + i + ".9, 198.51.100.7")).statusCode());
        }
        assertEquals(List.of(200, 200, 200), statuses.subList(0, VERIFY_PER_MINUTE), statuses.toString());
        assertTrue(statuses.subList(VERIFY_PER_MINUTE, statuses.size()).contains(429),
                "the limit still hits after " + VERIFY_PER_MINUTE + " requests: " + statuses);
        assertEquals(200, verify(List.of("198.51.100.7, 192.0.2.44")).statusCode(),
                "another client, even one claiming to be the limited one, has a limit of its own");
    }

    @Test
    void aSpoofedHeaderLineBeforeTheProxysOwnLineDoesNotEscapeTheVerifyLimit() throws Exception {
        // HAProxy's option forwardfor adds its own X-Forwarded-For line after any the client sent.
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 2 * VERIFY_PER_MINUTE; i++) {
            statuses.add(verify(List.of("203.1." + i + ".9", "198.51.101.7")).statusCode());
        }
        assertEquals(List.of(200, 200, 200), statuses.subList(0, VERIFY_PER_MINUTE), statuses.toString());
        assertTrue(statuses.subList(VERIFY_PER_MINUTE, statuses.size()).contains(429), statuses.toString());
    }

    @Test
    void rotatingTheLeftmostForwardedForValueDoesNotEscapeTheSignInLimit() throws Exception {
        // The limit is counted before the body is read: a body cut short is a quick 400 that still costs an attempt
        // (a whole one would spend seconds hashing a password while the bucket refills, one attempt every 2 s).
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 2 * SIGN_INS_PER_MINUTE; i++) {
            statuses.add(signIn("203.2." + i + ".9, 198.51.102.7").statusCode());
        }
        assertTrue(statuses.subList(0, SIGN_INS_PER_MINUTE).stream().allMatch(s -> s == 400), statuses.toString());
        assertTrue(statuses.subList(SIGN_INS_PER_MINUTE, statuses.size()).contains(429), statuses.toString());
    }

    private HttpResponse<String> verify(List<String> forwardedFor) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri("/api/v1/verify"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"code\":\"" + codes.url(1) + "\"}"));
        forwardedFor.forEach(line -> request.header("X-Forwarded-For", line));
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> signIn(String forwardedFor) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri("/api/v1/session"))
                .header("Content-Type", "application/json").header("X-Forwarded-For", forwardedFor)
                .POST(HttpRequest.BodyPublishers.ofString("{\"email\":")).build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + app.port() + path);
    }
}
