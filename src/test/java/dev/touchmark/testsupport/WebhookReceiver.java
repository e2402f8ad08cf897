package dev.touchmark.testsupport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A webhook receiver on loopback built on the JDK's HTTP server: records every request and answers
 * with the statuses queued by the test (then with the default, 200).
 */
public final class WebhookReceiver implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Deque<Integer> answers = new ConcurrentLinkedDeque<>();
    private volatile int defaultStatus = 200;
    private volatile String location;
    private volatile Duration delay = Duration.ZERO;

    /** One request as received, headers with lower-case names, and the status it was answered with. */
    public record Request(Instant at, String method, Map<String, String> headers, byte[] body, int answeredWith) {
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public String header(String name) {
            return headers.get(name);
        }
    }

    public WebhookReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** The URL webhooks are sent to. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks";
    }

    /** Answers the next requests with these statuses, in order. */
    public WebhookReceiver answerNext(int... statuses) {
        for (int status : statuses) {
            answers.add(status);
        }
        return this;
    }

    /** The status given once the queued ones are used up. */
    public WebhookReceiver answerAlways(int status) {
        defaultStatus = status;
        return this;
    }

    /** A Location header on every answer (for redirects). */
    public WebhookReceiver withLocation(String url) {
        location = url;
        return this;
    }

    /** Waits this long before answering. */
    public WebhookReceiver slow(Duration wait) {
        delay = wait;
        return this;
    }

    /** What arrived so far. */
    public List<Request> requests() {
        return List.copyOf(requests);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Map<String, String> headers = new TreeMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(java.util.Locale.ROOT),
                    String.join(",", values)));
            Integer queued = answers.poll();
            int status = queued == null ? defaultStatus : queued;
            if (!delay.isZero()) {
                try {
                    Thread.sleep(delay.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            requests.add(new Request(Instant.now(), exchange.getRequestMethod(), headers, body, status));
            if (location != null) {
                exchange.getResponseHeaders().add("Location", location);
            }
            byte[] answer = ("answered " + status).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, answer.length);
            exchange.getResponseBody().write(answer);
        }
    }

    /** Every request's answer and body, for messages in assertions. */
    public String bodies() {
        List<String> bodies = new ArrayList<>();
        requests.forEach(r -> bodies.add(r.answeredWith() + " " + r.text()));
        return bodies.toString();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
