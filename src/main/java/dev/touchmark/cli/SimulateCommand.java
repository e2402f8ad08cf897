package dev.touchmark.cli;

import dev.touchmark.domain.BatchStatus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.touchmark.demo.DemoScenario;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * touchmark simulate: drives scan traffic at a running server through POST /api/v1/verify, with codes of a brand's
 * released batches read through the API: shoppers with genuine codes, a clone ring sharing one code, and forgeries.
 */
@Command(mixinStandardHelpOptions = true, name = "simulate", description = "Send simulated scans (genuine, cloned and "
        + "counterfeit) to a running server, using codes of the released batches the API key's brand can read.")
final class SimulateCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CODES = 40;

    @Option(names = "--url", required = true, description = "the server, e.g. http://localhost:7070")
    String url;

    @Option(names = "--api-key", required = true, description = "an API key (viewer or better) of the brand whose codes to scan")
    String apiKey;

    @Option(names = "--rate", defaultValue = "2", description = "scans per second (default ${DEFAULT-VALUE}); "
            + "the server limits each client address to TOUCHMARK_RATE_VERIFY_PER_MINUTE")
    double rate;

    @Option(names = "--duration", defaultValue = "30", description = "seconds to run (default ${DEFAULT-VALUE})")
    int duration;

    @Option(names = "--seed", defaultValue = "1", description = "the same seed sends the same scans (default ${DEFAULT-VALUE})")
    long seed;

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ConcurrentHashMap<String, LongAdder> answers = new ConcurrentHashMap<>();

    @Override
    public Integer call() throws InterruptedException {
        if (rate <= 0 || rate > 10_000 || duration <= 0) {
            throw new CliException("--rate must be above 0 and at most 10000, --duration above 0");
        }
        String base = url.replaceAll("/+$", "");
        List<String> codes = codes(base);
        Random random = new Random(seed);
        List<String> devices = new ArrayList<>();
        for (int i = 0; i < codes.size(); i++) {
            devices.add(device(random));
        }
        PrintStream out = System.out;
        out.printf(Locale.ROOT, "Sending %.1f scans/s for %d s to %s (%d codes, seed %d)%n", rate, duration, base, codes.size(), seed);
        long total = Math.max(1, Math.round(rate * duration));
        long startNanos = System.nanoTime();
        long nextProgress = 1;
        List<CompletableFuture<Void>> pending = new ArrayList<>();
        for (long i = 0; i < total; i++) {
            long due = startNanos + (long) (i * 1e9 / rate);
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            pending.add(send(base, scan(random, codes, devices)));
            long elapsed = (System.nanoTime() - startNanos) / 1_000_000_000L;
            if (elapsed >= nextProgress) {
                out.println(progress(elapsed, i + 1));
                nextProgress = elapsed + 1;
            }
        }
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
        out.println(progress((System.nanoTime() - startNanos) / 1_000_000_000L, total) + "  (done)");
        long failed = count("unreachable");
        if (failed == total) {
            throw new CliException("no scan reached " + base + "; is the server still running?");
        }
        return 0;
    }

    /** The code URL to scan, with the phone and place: mostly shoppers, some clone ring, some forgeries. */
    private String scan(Random random, List<String> codes, List<String> devices) {
        int kind = random.nextInt(10);
        int pick = random.nextInt(codes.size());
        String code = codes.get(pick);
        String device = devices.get(pick);
        double lat = 48.8 + random.nextGaussian();
        double lon = 2.3 + random.nextGaussian();
        if (kind == 0) {
            code = codes.get(0);
            device = device(random);
            lat = -30 + random.nextDouble() * 80;
            lon = -120 + random.nextDouble() * 240;
        } else if (kind == 1) {
            code = DemoScenario.forge(code);
            device = device(random);
        }
        return String.format(Locale.ROOT, "{\"code\":%s,\"deviceId\":\"%s\",\"client\":\"api\",\"lat\":%.4f,\"lon\":%.4f}",
                quote(code), device, lat, lon);
    }

    private CompletableFuture<Void> send(String base, String body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/v1/verify")).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
                .thenAccept(response -> tally(response.statusCode() == 200 ? verdict(response.body())
                        : response.statusCode() == 429 ? "rate-limited" : "http " + response.statusCode()))
                .exceptionally(e -> {
                    tally("unreachable");
                    return null;
                });
    }

    private void tally(String answer) {
        answers.computeIfAbsent(answer, a -> new LongAdder()).increment();
    }

    private long count(String answer) {
        LongAdder adder = answers.get(answer);
        return adder == null ? 0 : adder.sum();
    }

    private String progress(long seconds, long sent) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%4d s  sent %d", seconds, sent));
        answers.entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                .forEach(e -> line.append("  ").append(e.getKey()).append(' ').append(e.getValue().sum()));
        return line.toString();
    }

    /** URLs of codes of the brand's released batches, read through the API. */
    private List<String> codes(String base) {
        JsonNode batches = get(base, "/api/v1/batches?limit=100");
        List<JsonNode> released = new ArrayList<>();
        batches.path("items").forEach(b -> {
            if (BatchStatus.RELEASED.id().equals(b.path("status").asText())) {
                released.add(b);
            }
        });
        if (released.isEmpty()) {
            throw new CliException("the brand of this API key has no released batch; release one first "
                    + "(POST /api/v1/batches/{id}/release)");
        }
        Random random = new Random(seed);
        List<String> urls = new ArrayList<>();
        for (int i = 0; i < CODES; i++) {
            JsonNode batch = released.get(i % released.size());
            long index = (long) (random.nextDouble() * batch.path("quantity").asLong());
            urls.add(get(base, "/api/v1/batches/" + batch.path("id").asText() + "/codes/" + index).path("url").asText());
        }
        return urls;
    }

    private JsonNode get(String base, String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + apiKey).build();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (response.statusCode() == 401 || response.statusCode() == 403) {
                throw new CliException(base + " refused the API key (HTTP " + response.statusCode() + "); "
                        + "pass a key of the brand with --api-key");
            }
            if (response.statusCode() != 200) {
                throw new CliException("GET " + path + " answered HTTP " + response.statusCode() + ": " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (ConnectException | HttpConnectTimeoutException e) {
            throw new CliException("cannot reach " + base + " (" + (e.getMessage() == null ? "connection refused" : e.getMessage())
                    + "); is the server running? Start one with scripts/demo.sh, or check --url");
        } catch (IOException e) {
            throw new CliException("cannot talk to " + base + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted");
        }
    }

    private static String verdict(String body) {
        try {
            return JSON.readTree(body).path("verdict").asText("unknown").toLowerCase(Locale.ROOT);
        } catch (IOException e) {
            return "unreadable answer";
        }
    }

    private static String quote(String text) {
        try {
            return JSON.writeValueAsString(text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String device(Random random) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        StringBuilder id = new StringBuilder(26);
        for (int i = 0; i < 26; i++) {
            id.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return id.toString();
    }
}
