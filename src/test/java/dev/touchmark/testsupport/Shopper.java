package dev.touchmark.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.Executor;

/**
 * Phones verifying codes through POST /api/v1/verify, each phone a device id as the tm_device cookie holds it. Never
 * throws for a failed request: the answer says what happened (status, or the exception's class for a failure at the
 * connection level), which server answered, and the verdict.
 */
public final class Shopper {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String DEVICE_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private final HttpClient http;

    /** A client whose connections are shared by all threads that call it. */
    public Shopper(Executor executor) {
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
                .executor(executor).build();
    }

    /** A new phone: 26 characters A-Z and 2-7, as issued in the tm_device cookie. */
    public static String newDevice(Random random) {
        char[] id = new char[26];
        for (int i = 0; i < id.length; i++) {
            id[i] = DEVICE_ALPHABET.charAt(random.nextInt(DEVICE_ALPHABET.length()));
        }
        return new String(id);
    }

    /**
     * What one verification got. status is 0 when the request failed at the connection level (error says how);
     * node is the server that answered ({@link Haproxy#NODE_HEADER}, or the server asked directly), routedTo the
     * server HAProxy picked (null without the proxy). verdict, scanId and deviceCount come from a 200 answer.
     */
    public record Answer(int status, String error, String node, String routedTo, String verdict, Long scanId, int deviceCount,
                         String body, long sentNanos, long answeredNanos) {
        public boolean ok() {
            return status == 200;
        }

        /** A 5xx that a Touchmark server sent (through the proxy it carries the node header). */
        public boolean serverError() {
            return status >= 500 && node != null;
        }

        /** A 5xx made by HAProxy itself, not by a server: a request in flight on a server that died. */
        public boolean proxyError() {
            return status >= 500 && node == null;
        }

        /** Status or error, for tallies: "HTTP 200", "HTTP 503 from node2", "ConnectException". */
        public String kind() {
            if (status == 0) {
                return error;
            }
            if (status >= 500) {
                return "HTTP " + status + (node != null ? " from " + node : " from haproxy (routed to " + routedTo + ")");
            }
            return "HTTP " + status;
        }
    }

    /**
     * Verifies a code (its URL) at base (a server or the proxy) as this phone. directNode names the server when base is
     * one, so its answers are attributed to it.
     */
    public Answer verify(URI base, String directNode, String code, String device) {
        String body = MAPPER.createObjectNode().put("code", code).put("deviceId", device).toString();
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/api/v1/verify")).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        long sent = System.nanoTime();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            long answered = System.nanoTime();
            String node = response.headers().firstValue(Haproxy.NODE_HEADER).orElse(directNode);
            String routedTo = response.headers().firstValue(Haproxy.ROUTED_HEADER).orElse(null);
            if (response.statusCode() != 200) {
                return new Answer(response.statusCode(), null, node, routedTo, null, null, 0, response.body(), sent, answered);
            }
            JsonNode json = MAPPER.readTree(response.body());
            JsonNode scanId = json.get("scanId");
            return new Answer(200, null, node, routedTo, json.path("verdict").asText(null),
                    scanId == null || scanId.isNull() ? null : Long.parseLong(scanId.asText()),
                    json.path("deviceCount").asInt(), response.body(), sent, answered);
        } catch (IOException e) {
            return new Answer(0, e.getClass().getSimpleName(), directNode, null, null, null, 0, null, sent, System.nanoTime());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(0, "interrupted", directNode, null, null, null, 0, null, sent, System.nanoTime());
        }
    }
}
