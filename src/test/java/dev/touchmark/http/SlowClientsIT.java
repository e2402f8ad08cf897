package dev.touchmark.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.touchmark.App;
import dev.touchmark.code.BatchCodes;
import dev.touchmark.config.ScanSettings;
import dev.touchmark.testsupport.ScanFixtures;
import dev.touchmark.testsupport.TestDatabases;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Slow and stalled clients on the public endpoints, against an in-process server with H2:
 * more stalled bodies than the server has request threads leave verification answering, a trickled body is cut off,
 * and refused uploads and reports are answered without their bodies being read.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SlowClientsIT {
    private static final String CLIENT_HEADER = "X-Test-Client";
    /** More than the 250 request threads of the server. */
    private static final int STALLED = 300;
    /** Clients sending a body over the limit at once, each its own connection. */
    private static final int OVERSIZED_SENDERS = 64;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final AtomicInteger clients = new AtomicInteger();
    private App app;
    private BatchCodes codes;

    @BeforeAll
    void start() throws Exception {
        ScanSettings settings = new ScanSettings(Optional.empty(), Optional.of(CLIENT_HEADER), 730, 0, 2, 3, 4);
        app = App.start(TestDatabases.h2(Files.createTempDirectory("touchmark-slow-h2-")).withScans(settings),
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
    void moreStalledBodiesThanRequestThreadsLeaveHealthAndVerificationAnswering() throws Exception {
        List<Socket> stalled = new ArrayList<>();
        try {
            for (int i = 0; i < STALLED; i++) {
                String request = switch (i % 4) {
                    case 0 -> post("/report", "application/x-www-form-urlencoded", 20_000);
                    case 1 -> post("/api/v1/verify", "application/json", 200);
                    case 2 -> post("/scan/upload", "multipart/form-data; boundary=x", 1_000_000);
                    default -> post("/api/v1/session", "application/json", 500_000);
                };
                Socket socket = new Socket("127.0.0.1", app.port());
                socket.getOutputStream().write((request + "s").getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
                stalled.add(socket);
            }
            // Time for the server to take every stalled request in before the probes (not a measurement).
            Thread.sleep(1_000);

            assertEquals(200, send(HttpRequest.newBuilder(uri("/healthz")).GET()).statusCode(),
                    "health answers while " + STALLED + " bodies are stalled");
            HttpResponse<String> verdict = send(HttpRequest.newBuilder(uri("/api/v1/verify"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"code\":\"" + codes.url(1) + "\"}")));
            assertEquals(200, verdict.statusCode(), verdict.body());
            assertTrue(verdict.body().contains("\"verdict\":\"genuine\""), verdict.body());
        } finally {
            for (Socket socket : stalled) {
                socket.close();
            }
        }
    }

    @Test
    void aBodyTrickledBelowTheMinimumRateIsCutOffWith408() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", app.port())) {
            socket.setSoTimeout(1_000);
            byte[] head = post("/api/v1/verify", "application/json", 200).getBytes(StandardCharsets.US_ASCII);
            socket.getOutputStream().write(head);
            // One byte a second, for longer than the grace plus 200 bytes at the minimum rate: the answer must come
            // while the client is still trickling (the body would take 200 s to arrive).
            String answer = null;
            for (int second = 0; second < 60 && answer == null; second++) {
                try {
                    socket.getOutputStream().write(' ');
                    socket.getOutputStream().flush();
                } catch (IOException e) {
                    break; // the server closed the connection; its answer, if any, is still to be read
                }
                answer = readAnswer(socket.getInputStream());
            }
            if (answer == null) {
                socket.setSoTimeout(5_000);
                answer = readAnswer(socket.getInputStream());
            }
            assertTrue(answer != null && answer.startsWith("HTTP/1.1 408"), "answer: " + answer);
            assertTrue(answer.contains("application/problem+json"), answer);
            assertTrue(answer.toLowerCase(java.util.Locale.ROOT).contains("connection: close"), answer);
        }
    }

    @Test
    void refusedUploadsAndReportsAreAnsweredWithoutTheirBodies() throws Exception {
        String client = nextClient();
        for (int i = 0; i < 2; i++) { // the upload limit of this server: 2 a minute; refused uploads count too
            HttpResponse<String> spent = send(HttpRequest.newBuilder(uri("/scan/upload")).header(CLIENT_HEADER, client)
                    .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("x")));
            assertEquals(400, spent.statusCode());
        }
        // Headers only: a server that waited for these bodies would never answer.
        String limited = headersOnly(post("/scan/upload", "multipart/form-data; boundary=x", 5_000_000, client));
        assertTrue(limited.startsWith("HTTP/1.1 429"), limited);
        assertTrue(limited.toLowerCase(java.util.Locale.ROOT).contains("connection: close"), limited);

        String tooLarge = headersOnly(post("/scan/upload", "multipart/form-data; boundary=x", 50_000_000, nextClient()));
        assertTrue(tooLarge.startsWith("HTTP/1.1 413"), tooLarge);
        assertTrue(tooLarge.contains("This photo is too large"), tooLarge);

        String report = headersOnly(post("/report", "application/x-www-form-urlencoded", 100_000, nextClient()));
        assertTrue(report.startsWith("HTTP/1.1 413"), report);
        assertTrue(report.contains("Your report was not sent"), report);

        String api = headersOnly(post("/api/v1/verify", "application/json", 5_000_000, nextClient()));
        assertTrue(api.startsWith("HTTP/1.1 413"), api);
    }

    @Test
    void clientsStillSendingAnOversizedBodyAllReadItsRefusal() throws Exception {
        // HTTP clients (the JDK's among them) send the whole body before they read the answer: the server answers
        // at once and must keep the connection open while the rest arrives, or some of them see a reset instead.
        // Refused by the guard (an API body over 1 MB) and by a route that reads nothing (a photo over 10 MiB).
        HttpClient sender = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        Map<CompletableFuture<HttpResponse<String>>, String> sent = new LinkedHashMap<>();
        for (int i = 0; i < OVERSIZED_SENDERS; i++) {
            boolean photo = i % 4 == 3;
            String path = photo ? "/scan/upload" : "/api/v1/verify";
            // Every one within what the server drops (16 MiB): a larger body is cut off, reset and all.
            long length = photo ? 11_000_000 + i / 4 * 300_000 : (2 + i % 7) * 1_000_000;
            HttpRequest request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(60))
                    .header("Content-Type", photo ? "multipart/form-data; boundary=x" : "application/json")
                    .header(CLIENT_HEADER, nextClient())
                    .POST(HttpRequest.BodyPublishers.fromPublisher(
                            HttpRequest.BodyPublishers.ofInputStream(() -> new PacedBody(length)), length))
                    .build();
            sent.put(sender.sendAsync(request, HttpResponse.BodyHandlers.ofString()), path);
        }
        Map<String, Integer> outcomes = new TreeMap<>();
        for (Map.Entry<CompletableFuture<HttpResponse<String>>, String> answer : sent.entrySet()) {
            String outcome;
            try {
                HttpResponse<String> response = answer.getKey().get(90, TimeUnit.SECONDS);
                boolean refusal = response.statusCode() == 413 && (response.body().contains("larger than")
                        || response.body().contains("This photo is too large"));
                outcome = refusal ? "413" : response.statusCode() + " " + response.body();
            } catch (ExecutionException e) {
                outcome = e.getCause() + (e.getCause().getCause() == null ? "" : " (" + e.getCause().getCause() + ")");
            }
            outcomes.merge(answer.getValue() + " " + outcome, 1, Integer::sum);
        }
        assertEquals(Map.of("/api/v1/verify 413", OVERSIZED_SENDERS * 3 / 4, "/scan/upload 413", OVERSIZED_SENDERS / 4),
                outcomes);
    }

    @Test
    void aClientThatSendsItsWholeOversizedBodyBeforeReadingGetsTheRefusal() throws Exception {
        String api = sendWholeBodyThenRead(post("/api/v1/verify", "application/json", 5_000_000), 5_000_000);
        assertTrue(api.startsWith("HTTP/1.1 413"), api);
        assertTrue(api.toLowerCase(java.util.Locale.ROOT).contains("connection: close"), api);
        String photo = sendWholeBodyThenRead(post("/scan/upload", "multipart/form-data; boundary=x", 12_000_000),
                12_000_000);
        assertTrue(photo.startsWith("HTTP/1.1 413"), photo);
        assertTrue(photo.contains("This photo is too large"), photo);
    }

    /** Writes a request and all of its body, as most HTTP libraries do, and only then reads the answer. */
    private String sendWholeBodyThenRead(String head, long length) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", app.port())) {
            socket.setSoTimeout(15_000);
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            byte[] piece = new byte[64 * 1024];
            java.util.Arrays.fill(piece, (byte) ' ');
            for (long sent = 0; sent < length; sent += piece.length) {
                // An IOException here (broken pipe, reset) is the failure: the server closed while the body arrived.
                socket.getOutputStream().write(piece, 0, (int) Math.min(piece.length, length - sent));
            }
            String answer = readAnswer(socket.getInputStream());
            assertTrue(answer != null, "no answer within 15 s after the whole body");
            return answer;
        }
    }

    /** A JSON-ish body that arrives in small pieces with short pauses, as from a client on a real network. */
    private static final class PacedBody extends InputStream {
        private long left;
        private int reads;

        PacedBody(long length) {
            this.left = length;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0];
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (left == 0) {
                return -1;
            }
            if (++reads % 8 == 0) {
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            int n = (int) Math.min(Math.min(length, 16 * 1024), left);
            java.util.Arrays.fill(buffer, offset, offset + n, (byte) ' ');
            left -= n;
            return n;
        }
    }

    /** Sends a request's headers and none of the body it announces; the answer, or fails after 15 s. */
    private String headersOnly(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", app.port())) {
            socket.setSoTimeout(15_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String answer = readAnswer(socket.getInputStream());
            assertTrue(answer != null, "no answer within 15 s to headers announcing an unsent body");
            return answer;
        }
    }

    /** Reads what the server sends until it closes the connection; null if it sent nothing before the read timeout. */
    private static String readAnswer(InputStream in) throws IOException {
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                answer.write(buffer, 0, n);
            }
        } catch (SocketTimeoutException e) {
            if (answer.size() == 0) {
                return null;
            }
        } catch (IOException e) {
            // reset after the answer: what arrived is the answer
        }
        return answer.size() == 0 ? null : answer.toString(StandardCharsets.UTF_8);
    }

    private String post(String path, String contentType, long length) {
        return post(path, contentType, length, nextClient());
    }

    private static String post(String path, String contentType, long length, String client) {
        return "POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: " + contentType + "\r\nContent-Length: "
                + length + "\r\n" + CLIENT_HEADER + ": " + client + "\r\n\r\n";
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + app.port() + path);
    }

    /** Each request from its own /24 (rate limits go by network), so only the test that wants a limit meets one. */
    private String nextClient() {
        int n = clients.incrementAndGet();
        return "10." + (n / 250) + "." + (n % 250) + ".1";
    }
}
