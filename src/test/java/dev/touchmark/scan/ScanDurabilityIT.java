package dev.touchmark.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.touchmark.Services;
import dev.touchmark.access.Principal;
import dev.touchmark.batch.Batch;
import dev.touchmark.domain.BatchStatus;
import dev.touchmark.batch.NewBatch;
import dev.touchmark.code.BatchCodes;
import dev.touchmark.config.TouchmarkConfig;
import dev.touchmark.db.Database;
import dev.touchmark.db.H2Password;
import dev.touchmark.product.NewProduct;
import dev.touchmark.testsupport.Eventually;
import dev.touchmark.testsupport.ServerProcess;
import dev.touchmark.testsupport.TestDatabases;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Durability of the scan log: the packaged server runs as a separate process under load from several
 * clients and is killed with SIGKILL mid-load (no shutdown hook, no final commit), just after it answered a
 * few shopper reports. Once it has started again (on embedded H2 the file has every acknowledged scan: H2 writes it
 * and the database file lacks) and stopped, every scan it answered 200 for must be in scan_event and every
 * report it answered in shopper_report: the scan writer answers only after its group is committed (PostgreSQL)
 * at every commit, WRITE_DELAY=0) and stopped, every scan it answered 200 for must be in scan_event: the scan
 * writer answers only after its group is committed, and other writes return only once committed.
 */
class ScanDurabilityIT {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String DEVICE_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final int CLIENTS = 8;
    private static final int CODES_PER_BATCH = 200;
    /** Load runs at least this long and until this many scans were acknowledged, but never past MAX_LOAD. */
    private static final Duration MIN_LOAD = Duration.ofMillis(2000);
    private static final int TARGET_ACKNOWLEDGED = 2000;
    private static final Duration MAX_LOAD = Duration.ofSeconds(25);
    private static final int MAX_REQUESTS_PER_CLIENT = 200_000;
    private static final int MIN_ACKNOWLEDGED = 500;

    @BeforeAll
    static void loopbackOnly() {
        // H2's TCP server (a running server's admin port) listens on loopback only.
        System.setProperty("h2.bindAddress", "127.0.0.1");
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void everyAcknowledgedScanSurvivesSigkillOnH2(@TempDir Path dir) throws Exception {
        killMidLoadAndCheck(TestDatabases.h2(dir), dir, "H2");
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void everyAcknowledgedScanSurvivesSigkillOnPostgres(@TempDir Path dir) throws Exception {
        try (TestDatabases.Postgres postgres = TestDatabases.postgres(dir)) {
            killMidLoadAndCheck(postgres.config(), dir, "PostgreSQL");
        }
    }

    private void killMidLoadAndCheck(TouchmarkConfig config, Path dir, String database) throws Exception {
        List<String> urls = prepareCodes(config);
        Path out = dir.resolve("server-out.txt");
        Path err = dir.resolve("server-err.txt");
        int port = freePort();
        Process server = startServer(config, dir, port, out, err);
        ExecutorService clients = clients("durability-client");
        try {
            awaitHealthy(server, port, out, err);

            Set<Long> acknowledged = ConcurrentHashMap.newKeySet();
            AtomicBoolean stop = new AtomicBoolean();
            AtomicBoolean killed = new AtomicBoolean();
            Map<String, AtomicLong> beforeKill = new ConcurrentHashMap<>();
            AtomicLong afterKillFailures = new AtomicLong();
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5)).build();
            URI verify = URI.create("http://127.0.0.1:" + port + "/api/v1/verify");
            long loadDeadline = System.nanoTime() + MAX_LOAD.plusSeconds(15).toNanos();
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                running.add(clients.submit(() -> {
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    for (int i = 0; i < MAX_REQUESTS_PER_CLIENT && !stop.get() && System.nanoTime() < loadDeadline; i++) {
                        HttpRequest request = randomScan(verify, urls, random);
                        try {
                            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                            if (response.statusCode() == 200) {
                                JsonNode scanId = MAPPER.readTree(response.body()).get("scanId");
                                assertNotNull(scanId, "a 200 answer without scanId: " + response.body());
                                acknowledged.add(Long.parseLong(scanId.asText()));
                            } else if (!killed.get()) {
                                beforeKill.computeIfAbsent("HTTP " + response.statusCode(), k -> new AtomicLong()).incrementAndGet();
                            }
                        } catch (IOException e) {
                            if (killed.get()) {
                                afterKillFailures.incrementAndGet();
                            } else {
                                beforeKill.computeIfAbsent(e.getClass().getSimpleName(), k -> new AtomicLong()).incrementAndGet();
                            }
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return;
                        }
                    }
                }));
            }

            long loadStart = System.nanoTime();
            while (true) {
                long elapsed = System.nanoTime() - loadStart;
                boolean enough = elapsed >= MIN_LOAD.toNanos() && acknowledged.size() >= TARGET_ACKNOWLEDGED;
                if (enough || elapsed >= MAX_LOAD.toNanos() || !server.isAlive() || running.stream().allMatch(Future::isDone)) {
                    break;
                }
                Thread.sleep(20);
            }
            assertTrue(server.isAlive(), "the server died on its own during the load" + logs(out, err));
            // Writes other than scans must be as durable: shopper reports answered just before the kill are kept.
            List<String> reported = new ArrayList<>();
            for (Long scanId : acknowledged.stream().limit(3).toList()) {
                String comment = "durability report for scan " + scanId;
                HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/report"))
                        .timeout(Duration.ofSeconds(15)).header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("scanId=" + scanId + "&comment="
                                + URLEncoder.encode(comment, StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(200, answer.statusCode(), "report for scan " + scanId + ": " + answer.body());
                reported.add(comment);
            }
            // A little more load, so the kill comes while groups are being committed.
            int acknowledgedAfterReports = acknowledged.size();
            Eventually.await(Eventually.PATIENCE, () -> acknowledged.size() >= acknowledgedAfterReports + CLIENTS
                    || running.stream().allMatch(Future::isDone), () -> "more scans acknowledged after the reports");
            int acknowledgedAtKill = acknowledged.size();
            killed.set(true);
            server.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no final commit
            assertTrue(server.waitFor(30, TimeUnit.SECONDS), "the server did not die after SIGKILL");
            long loadMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - loadStart);
            stop.set(true);
            for (Future<?> client : running) {
                client.get(60, TimeUnit.SECONDS); // bounded by the request timeout; rethrows client assertion failures
            }
            assertEquals(137, server.exitValue(), "exit status of a process killed by SIGKILL (128 + 9)" + logs(out, err));

            Set<Long> acked = new HashSet<>(acknowledged);
            String numbers = database + ": acknowledged=" + acked.size() + " (" + acknowledgedAtKill + " when the kill was sent, load "
                    + loadMillis + " ms), failures before the kill=" + beforeKill + ", client errors after the kill="
                    + afterKillFailures.get();
            assertTrue(acked.size() > MIN_ACKNOWLEDGED, "too few acknowledged scans for a meaningful test: " + numbers + logs(out, err));
            assertTrue(beforeKill.isEmpty(), "requests failed before the kill: " + numbers + logs(out, err));

            // A restart and a clean stop; only then is the database read, as an operator would after restarting.
            Path out2 = dir.resolve("server-out-2.txt");
            Path err2 = dir.resolve("server-err-2.txt");
            Process restarted = startServer(config, dir, port, out2, err2);
            try {
                awaitHealthy(restarted, port, out2, err2);
            } finally {
                restarted.destroy(); // SIGTERM: the shutdown hook stops the server cleanly
                assertTrue(restarted.waitFor(60, TimeUnit.SECONDS), "the restarted server did not stop" + logs(out2, err2));
            }
            Stored stored = readScanLog(config);
            Set<Long> missing = new HashSet<>(acked);
            missing.removeAll(stored.ids());
            String report = numbers + ", found=" + (acked.size() - missing.size()) + ", missing=" + missing.size()
                    + ", rows in scan_event=" + stored.ids().size();
            System.out.println("ScanDurabilityIT " + report);
            assertTrue(missing.isEmpty(), "acknowledged scans lost after SIGKILL: " + report + "; some missing ids: "
                    + missing.stream().limit(10).map(String::valueOf).collect(Collectors.joining(", ")) + logs(out, err)
                    + "\nafter the restart:" + logs(out2, err2));
            // Events and code state are written in one transaction, so the crash must leave them agreeing.
            assertEquals(stored.ids().size(), stored.stateScans(), "sum(code_state.scan_count) vs rows in scan_event: " + report);
            assertEquals(stored.devices(), stored.stateDevices(), "sum(code_state.device_count) vs rows in code_device: " + report);
            assertTrue(stored.comments().containsAll(reported), "reports answered before the kill: " + reported + ", stored: "
                    + stored.comments());
        } finally {
            clients.shutdownNow();
            if (server.isAlive()) {
                server.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    /**
     * A SIGTERM under load (a deploy, a service manager's stop) stops the server cleanly: every request is answered
     * (200, or 503 from the drain for those that came after the signal), every scan answered 200 is in the database
     * file and none was recorded without its answer, the scan journal holds nothing for the next start to apply, and
     * the server logs no error. H2's own exit hook must not close the database beside the server's shutdown: scans would
     * fail on a closed database, and the log would say "Database is already closed".
     */
    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void aSigtermUnderLoadStopsCleanlyOnH2(@TempDir Path dir) throws Exception {
        sigtermMidLoadAndCheck(TestDatabases.h2(dir), dir, "H2");
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void aSigtermUnderLoadStopsCleanlyOnPostgres(@TempDir Path dir) throws Exception {
        try (TestDatabases.Postgres postgres = TestDatabases.postgres(dir)) {
            sigtermMidLoadAndCheck(postgres.config(), dir, "PostgreSQL");
        }
    }

    private void sigtermMidLoadAndCheck(TouchmarkConfig config, Path dir, String database) throws Exception {
        List<String> urls = prepareCodes(config);
        Path out = dir.resolve("server-out.txt");
        Path err = dir.resolve("server-err.txt");
        int port = freePort();
        Process server = startServer(config, dir, port, out, err);
        ExecutorService clients = clients("sigterm-client");
        try {
            awaitHealthy(server, port, out, err);
            Set<Long> acknowledged = ConcurrentHashMap.newKeySet();
            Map<String, AtomicLong> answers = new ConcurrentHashMap<>();
            AtomicBoolean stop = new AtomicBoolean();
            AtomicBoolean terminating = new AtomicBoolean();
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5)).build();
            URI verify = URI.create("http://127.0.0.1:" + port + "/api/v1/verify");
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                running.add(clients.submit(() -> {
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    while (!stop.get()) {
                        HttpRequest request = randomScan(verify, urls, random);
                        try {
                            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                            answers.computeIfAbsent("HTTP " + response.statusCode(), k -> new AtomicLong()).incrementAndGet();
                            if (response.statusCode() == 200) {
                                acknowledged.add(Long.parseLong(MAPPER.readTree(response.body()).get("scanId").asText()));
                            }
                        } catch (IOException e) {
                            // Once the signal is sent, the closed port refuses and an idle connection may close under
                            // a request (which then was not taken): reported, and the count of scans below decides.
                            String kind = (terminating.get() ? "after SIGTERM: " : "") + e.getClass().getSimpleName();
                            answers.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
                            java.util.concurrent.locks.LockSupport.parkNanos(5_000_000); // not a busy loop against a closed port
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return;
                        }
                    }
                }));
            }
            long deadline = System.nanoTime() + MAX_LOAD.toNanos();
            while (acknowledged.size() < MIN_ACKNOWLEDGED && System.nanoTime() < deadline && server.isAlive()) {
                Thread.sleep(20);
            }
            assertTrue(server.isAlive(), "the server died on its own during the load" + notable(out, err));
            terminating.set(true);
            server.destroy(); // SIGTERM: the shutdown hook drains and stops the server
            assertTrue(server.waitFor(60, TimeUnit.SECONDS), "the server did not stop after SIGTERM" + notable(out, err));
            stop.set(true);
            for (Future<?> client : running) {
                client.get(60, TimeUnit.SECONDS);
            }
            assertEquals(143, server.exitValue(), "exit status after SIGTERM (128 + 15)" + notable(out, err));

            Stored stored = readScanLog(config);
            String report = "acknowledged=" + acknowledged.size() + ", answers=" + answers + ", rows in scan_event="
                    + stored.ids().size();
            System.out.println("ScanDurabilityIT SIGTERM on " + database + ": " + report);
            assertTrue(acknowledged.size() >= MIN_ACKNOWLEDGED, "too few acknowledged scans: " + report + notable(out, err));
            Set<String> kinds = new HashSet<>(answers.keySet());
            kinds.removeIf(kind -> kind.equals("HTTP 200") || kind.equals("HTTP 503") || kind.startsWith("after SIGTERM: "));
            assertTrue(kinds.isEmpty(), "answers other than 200 and the drain's 503: " + report + notable(out, err));
            assertEquals(acknowledged, stored.ids(), "scans in the file against scans answered 200: " + report);
            assertEquals(stored.ids().size(), stored.stateScans(), "sum(code_state.scan_count) vs rows in scan_event: " + report);
            String log = Files.readString(out) + Files.readString(err);
            for (String bad : List.of(" ERROR ", "already closed", "Could not", "Exception")) {
                assertFalse(log.contains(bad), "the server logged \"" + bad + "\" while stopping" + notable(out, err));
            }
        } finally {
            clients.shutdownNow();
            if (server.isAlive()) {
                server.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    /** A brand, a product and three released batches (compact and GS1) made in-process; the URLs of all their codes. */
    private static List<String> prepareCodes(TouchmarkConfig config) {
        List<String> urls = new ArrayList<>();
        try (Database database = Database.open(config, 2);
             Services services = Services.create(config, database, Clock.systemUTC())) {
            var created = services.brands().create("Durability", "ops@durability.example");
            Principal principal = new Principal(created.brand().id(), "test");
            var product = services.products().create(principal,
                    new NewProduct("Serum", "4006381333931", "A serum.", null, List.of("FR")));
            for (String profile : List.of("compact", "gs1", "compact")) {
                Batch batch = services.batches().create(principal,
                        new NewBatch(product.id(), (long) CODES_PER_BATCH, "L-" + profile, LocalDate.of(2030, 1, 31), null, profile));
                batch = services.batches().changeStatus(principal, batch.id(), BatchStatus.RELEASED, null);
                BatchCodes codes = services.batches().codes(batch);
                for (long i = 0; i < CODES_PER_BATCH; i++) {
                    urls.add(codes.url(i));
                }
            }
        }
        return urls;
    }

    private static Process startServer(TouchmarkConfig config, Path dir, int port, Path out, Path err) throws IOException {
        String jar = System.getenv("TOUCHMARK_JAR");
        assertNotNull(jar, "TOUCHMARK_JAR must name the packaged jar (failsafe sets it)");
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar, "serve");
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("TOUCHMARK_"));
        env.put("TOUCHMARK_PORT", Integer.toString(port));
        env.put("TOUCHMARK_HOST", "127.0.0.1");
        env.put("TOUCHMARK_DATA_DIR", dir.toString());
        env.put("TOUCHMARK_DB_URL", config.dbUrl());
        env.put("TOUCHMARK_DB_USER", config.dbUser());
        env.put("TOUCHMARK_DB_PASSWORD", config.dbPassword());
        env.put("TOUCHMARK_PUBLIC_URL", config.publicUrl());
        env.put("TOUCHMARK_RATE_VERIFY_PER_MINUTE", "0");
        return builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    }

    private static void awaitHealthy(Process server, int port, Path out, Path err) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz"))
                .timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                fail("the server exited with " + server.exitValue() + " before answering /healthz" + logs(out, err));
            }
            try {
                if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        fail("the server did not answer /healthz with 200 within 90 s" + logs(out, err));
    }

    private record Stored(Set<Long> ids, long stateScans, long devices, long stateDevices, Set<String> comments) {
    }

    /** Reads the scan log straight from the database the killed server used. */
    private static Stored readScanLog(TouchmarkConfig given) throws Exception {
        TouchmarkConfig config = H2Password.read(given);
        String url = Database.adminUrl(config.dbUrl());
        try (Connection connection = DriverManager.getConnection(url, config.dbUser(), config.dbPassword());
             Statement statement = connection.createStatement()) {
            Set<Long> ids = new HashSet<>();
            try (ResultSet rows = statement.executeQuery("SELECT id FROM scan_event")) {
                while (rows.next()) {
                    ids.add(rows.getLong(1));
                }
            }
            long stateScans = single(statement, "SELECT COALESCE(SUM(scan_count), 0) FROM code_state");
            long devices = single(statement, "SELECT COUNT(*) FROM code_device");
            long stateDevices = single(statement, "SELECT COALESCE(SUM(device_count), 0) FROM code_state");
            Set<String> comments = new HashSet<>();
            try (ResultSet rows = statement.executeQuery("SELECT comment FROM shopper_report")) {
                while (rows.next()) {
                    comments.add(rows.getString(1));
                }
            }
            return new Stored(ids, stateScans, devices, stateDevices, comments);
        }
    }

    private static long single(Statement statement, String sql) throws Exception {
        try (ResultSet rows = statement.executeQuery(sql)) {
            assertTrue(rows.next(), sql);
            return rows.getLong(1);
        }
    }

    /** The load's client threads (daemons: a client stuck in a request cannot keep the test's JVM alive). */
    private static ExecutorService clients(String name) {
        return Executors.newFixedThreadPool(CLIENTS, r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    /** A verification of one of the codes, chosen at random, from a random new device. */
    private static HttpRequest randomScan(URI verify, List<String> urls, ThreadLocalRandom random) {
        String body = MAPPER.createObjectNode().put("code", urls.get(random.nextInt(urls.size())))
                .put("deviceId", deviceId(random)).toString();
        return HttpRequest.newBuilder(verify).timeout(Duration.ofSeconds(15)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static int freePort() {
        return ServerProcess.freePort();
    }

    private static String deviceId(ThreadLocalRandom random) {
        char[] id = new char[26];
        for (int i = 0; i < id.length; i++) {
            id[i] = DEVICE_ALPHABET.charAt(random.nextInt(DEVICE_ALPHABET.length()));
        }
        return new String(id);
    }

    private static String logs(Path out, Path err) {
        return "\n--- server stdout ---\n" + tail(out) + "\n--- server stderr ---\n" + tail(err);
    }

    /** The server's log without the access lines of requests answered 200 or 503. */
    private static String notable(Path out, Path err) {
        StringBuilder lines = new StringBuilder();
        for (Path file : List.of(out, err)) {
            try {
                Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                        .filter(line -> !(line.contains(" access - ") && (line.contains(" 200 ") || line.contains(" 503 "))))
                        .forEach(line -> lines.append(line).append('\n'));
            } catch (IOException e) {
                lines.append("(").append(file).append(" unreadable: ").append(e).append(")\n");
            }
        }
        String text = lines.toString();
        return "\n--- server log, without access lines of 200 and 503 answers ---\n"
                + (text.length() <= 20000 ? text : "..." + text.substring(text.length() - 20000));
    }

    private static String tail(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            return text.length() <= 8000 ? text : "..." + text.substring(text.length() - 8000);
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }
}
