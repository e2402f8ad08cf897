package dev.touchmark.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.touchmark.App;
import dev.touchmark.access.Principal;
import dev.touchmark.batch.Batch;
import dev.touchmark.domain.BatchStatus;
import dev.touchmark.batch.NewBatch;
import dev.touchmark.code.BatchCodes;
import dev.touchmark.config.ConfigLoader;
import dev.touchmark.product.NewProduct;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The server side and the load of scripts/bench-alerts.sh: a real server on a fresh H2 database receives genuine
 * scans at a steady rate (default 1,000/s, each a first scan by a new phone) through POST /api/v1/verify, while every
 * half second one fresh code is scanned by as many phones as the clone threshold. The time from the answer of that
 * threshold scan to the clone alert arriving on the brand's Server-Sent Events feed is the latency reported.
 */
public final class AlertLatencyBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();

    private AlertLatencyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rate = args.length > 0 ? Integer.parseInt(args[0]) : 1_000;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        App app = App.start(ConfigLoader.fromEnvironment(), Clock.systemUTC());
        var created = app.services().brands().create("Latency " + System.nanoTime(), "lat-" + System.nanoTime() + "@bench.example");
        Principal principal = new Principal(created.brand().id(), "bench");
        var product = app.services().products().create(principal, new NewProduct("Bench", null, null, null, List.of()));
        List<String> load = new ArrayList<>();
        List<String> clones = new ArrayList<>();
        for (int b = 0; b < 4; b++) {
            Batch batch = app.services().batches().create(principal, new NewBatch(product.id(), 100_000L, "L" + b, null, null, "compact"));
            batch = app.services().batches().changeStatus(principal, batch.id(), BatchStatus.RELEASED, null);
            BatchCodes codes = app.services().batches().codes(batch);
            int need = (rate * (seconds + 10)) / 4 + 1;
            for (int i = 0; i < need; i++) {
                load.add(codes.url(i));
            }
            for (int i = need; i < need + seconds * 2 / 4 + 10; i++) {
                clones.add(batch.id() + ":" + i + " " + codes.url(i));
            }
        }
        Collections.shuffle(load);
        int threshold = app.scanServices().rules().get(created.brand().id()).cloneDevices();
        String base = "http://127.0.0.1:" + app.port();
        HttpClient client = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(4)).build();

        Map<String, Long> alertSeenAt = new ConcurrentHashMap<>();
        // Its own client, so the feed is never queued behind the load's answers.
        HttpResponse<InputStream> feed = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/api/v1/events"))
                .header("Accept", "text/event-stream").header("Authorization", "Bearer " + created.apiKey()).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        Thread listener = new Thread(() -> listen(feed.body(), alertSeenAt), "sse-listener");
        listener.setDaemon(true);
        listener.start();

        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
        AtomicLong sent = new AtomicLong();
        AtomicLong answered = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        SecureRandom random = new SecureRandom();
        long periodMicros = 10_000;
        int perTick = Math.max(1, rate / 100);
        long start = System.nanoTime();
        var loadTask = scheduler.scheduleAtFixedRate(() -> {
            for (int i = 0; i < perTick; i++) {
                int n = (int) sent.getAndIncrement();
                if (n >= load.size()) {
                    return;
                }
                client.sendAsync(verify(base, load.get(n), device(random)), HttpResponse.BodyHandlers.discarding())
                        .whenComplete((r, e) -> (e == null && r.statusCode() == 200 ? answered : failed).incrementAndGet());
            }
        }, 0, periodMicros, TimeUnit.MICROSECONDS);

        Map<String, Long> thresholdAnsweredAt = new ConcurrentHashMap<>();
        List<Thread> cloneThreads = new ArrayList<>();
        for (int c = 0; c < seconds * 2; c++) {
            String[] clone = clones.get(c).split(" ");
            Thread.sleep(500);
            Thread t = new Thread(() -> {
                try {
                    for (int p = 1; p <= threshold; p++) {
                        HttpResponse<Void> r = client.send(verify(base, clone[1], device(random)), HttpResponse.BodyHandlers.discarding());
                        if (p == threshold && r.statusCode() == 200) {
                            thresholdAnsweredAt.put("code:" + clone[0], System.nanoTime());
                        }
                    }
                } catch (Exception e) {
                    failed.incrementAndGet();
                }
            });
            t.start();
            cloneThreads.add(t);
        }
        for (Thread t : cloneThreads) {
            t.join();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        loadTask.cancel(false);
        Thread.sleep(2_000);
        List<Double> latencies = new ArrayList<>();
        int missing = 0;
        for (Map.Entry<String, Long> e : thresholdAnsweredAt.entrySet()) {
            Long seen = alertSeenAt.get(e.getKey());
            if (seen == null) {
                missing++;
            } else {
                latencies.add(Math.max(0, seen - e.getValue()) / 1e6);
            }
        }
        Collections.sort(latencies);
        System.out.printf("scans answered: %d in %.1f s = %.0f/s (target rate %d/s), failed %d%n", answered.get(), elapsed,
                answered.get() / elapsed, rate, failed.get());
        System.out.printf("clone alerts: %d triggered, %d seen on the SSE feed, %d missing%n", thresholdAnsweredAt.size(),
                latencies.size(), missing);
        if (!latencies.isEmpty()) {
            System.out.printf("scan -> alert on the feed: p50 %.0f ms, p95 %.0f ms, max %.0f ms%n", pct(latencies, 0.50),
                    pct(latencies, 0.95), latencies.get(latencies.size() - 1));
        }
        scheduler.shutdownNow();
        app.close();
        System.exit(0);
    }

    private static void listen(InputStream body, Map<String, Long> seen) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String line;
            boolean alert = false;
            while ((line = reader.readLine()) != null) {
                if (line.startsWith("event:")) {
                    alert = line.substring(6).strip().equals("alert");
                } else if (alert && line.startsWith("data:")) {
                    long now = System.nanoTime();
                    JsonNode node = JSON.readTree(line.substring(5).strip());
                    if ("cloned_code".equals(node.path("rule").asText())) {
                        seen.putIfAbsent(node.path("subject").asText(), now);
                    }
                }
            }
        } catch (Exception e) {
            System.err.println("feed closed: " + e);
        }
    }

    private static HttpRequest verify(String base, String code, String device) {
        return HttpRequest.newBuilder(URI.create(base + "/api/v1/verify")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"code\":\"" + code + "\",\"deviceId\":\"" + device + "\"}")).build();
    }

    private static String device(SecureRandom random) {
        char[] alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();
        char[] id = new char[26];
        for (int i = 0; i < id.length; i++) {
            id[i] = alphabet[random.nextInt(alphabet.length)];
        }
        return new String(id);
    }

    private static double pct(List<Double> sorted, double p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.floor(p * sorted.size())));
    }
}
