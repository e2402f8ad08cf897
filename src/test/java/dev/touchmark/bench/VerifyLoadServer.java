package dev.touchmark.bench;

import dev.touchmark.domain.ClientKind;

import dev.touchmark.domain.Shopper;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.touchmark.App;
import dev.touchmark.access.Principal;
import dev.touchmark.batch.Batch;
import dev.touchmark.domain.BatchStatus;
import dev.touchmark.batch.NewBatch;
import dev.touchmark.code.BatchCodes;
import dev.touchmark.config.ConfigLoader;
import dev.touchmark.config.TouchmarkConfig;
import dev.touchmark.http.Json;
import dev.touchmark.http.Replies;
import dev.touchmark.product.NewProduct;
import dev.touchmark.product.Product;
import dev.touchmark.verify.ScanInput;
import dev.touchmark.verify.VerificationService;
import io.javalin.Javalin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The server side of scripts/bench-verify.sh: a real Touchmark server (configured from TOUCHMARK_* as
 * usual, on a fresh H2 database) with real signed codes from several batches written to a file, plus,
 * on the next port, the two baselines measured in the same run: a trivial endpoint, and verification
 * (parse, cached key and batch, Ed25519 verify) without recording.
 */
public final class VerifyLoadServer {
    private static final Shopper BENCH = new Shopper(null, null, null, "bench", ClientKind.API);
    private VerifyLoadServer() {
    }

    public static void main(String[] args) throws Exception {
        Path codesFile = Path.of(args[0]);
        TouchmarkConfig config = ConfigLoader.fromEnvironment();
        App app = App.start(config, Clock.systemUTC());
        List<String> codes = makeCodes(app, 8, 2_000);
        Files.write(codesFile, codes);
        String exportFile = System.getProperty("tm.exportFile");
        if (exportFile != null) {
            Files.write(Path.of(exportFile), exportBatch(app));
        }
        VerificationService verification = app.scanServices().verification();
        ObjectMapper mapper = new ObjectMapper();
        Replies replies = new Replies(new Json());
        ExecutorService handOff = Executors.newFixedThreadPool(2, r -> {
            Thread thread = new Thread(r, "bench-hand-off");
            thread.setDaemon(true);
            return thread;
        });
        Javalin baselines = Javalin.create(c -> {
            c.startup.showJavalinBanner = false;
            c.routes.get("/trivial", ctx -> ctx.result("ok"));
            c.routes.post("/trivial", ctx -> ctx.result("ok")); // for the paced steps, whose wrk script posts
            c.routes.post("/verify-without-recording", ctx -> {
                String code = mapper.readTree(ctx.body()).path("code").asText();
                VerificationService.Check check = verification.check(new ScanInput(code, BENCH));
                replies.json(ctx, Map.of("valid", check.answer() == null && check.reason() == null));
            });
            // The same checks, answered through the asynchronous path the real endpoint uses (a future completed
            // on another thread), without the scan log: what the thread hand-offs cost apart from the database.
            c.routes.post("/verify-async-without-recording", ctx -> {
                String code = mapper.readTree(ctx.body()).path("code").asText();
                VerificationService.Check check = verification.check(new ScanInput(code, BENCH));
                boolean valid = check.answer() == null && check.reason() == null;
                ctx.future(() -> CompletableFuture.supplyAsync(() -> valid, handOff).thenAccept(v ->
                        replies.json(ctx, Map.of("valid", v))));
            });
        }).start("127.0.0.1", app.port() + 1);
        System.out.println("READY server=" + app.port() + " baselines=" + baselines.port() + " codes=" + codes.size());
        if (Boolean.getBoolean("tm.stats")) {
            Thread stats = new Thread(() -> {
                var last = app.scanServices().recorder().stats();
                while (true) {
                    try {
                        Thread.sleep(5_000);
                    } catch (InterruptedException e) {
                        return;
                    }
                    var now = app.scanServices().recorder().stats();
                    long c = now.commits() - last.commits();
                    if (c > 0) {
                        System.out.printf("STATS commits %d, scans/commit %.1f, ms/commit %.2f%n", c,
                                (now.scans() - last.scans()) / (double) c, (now.commitNanos() - last.commitNanos()) / 1e6 / c);
                    }
                    last = now;
                    if (app.services().database().isH2File()) {
                        System.out.println("H2 " + h2StoreFigures(app));
                    }
                }
            });
            stats.setDaemon(true);
            stats.start();
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            baselines.stop();
            app.close();
        }));
        Thread.currentThread().join();
    }

    /**
     * H2's own figures about its file (INFORMATION_SCHEMA.SETTINGS): its size, how full it is, how full its chunks
     * are, how many chunks, the store version and the oldest version kept for readers.
     */
    private static String h2StoreFigures(App app) {
        StringBuilder line = new StringBuilder();
        try (var connection = app.services().database().dataSource().getConnection();
             var statement = connection.createStatement();
             var rows = statement.executeQuery("SELECT SETTING_NAME, SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS"
                     + " WHERE SETTING_NAME IN ('info.FILE_SIZE', 'info.FILL_RATE', 'info.CHUNKS_FILL_RATE',"
                     + " 'info.CHUNKS_FILL_RATE_RW', 'info.CHUNK_COUNT', 'info.CURRENT_VERSION', 'info.OLDEST_VERS_TO_KEEP',"
                     + " 'info.FILE_WRITE_BYTES')")) {
            while (rows.next()) {
                line.append(rows.getString(1).substring("info.".length())).append('=').append(rows.getString(2)).append(' ');
            }
        } catch (java.sql.SQLException e) {
            line.append("unavailable: ").append(e.getMessage());
        }
        return line.toString().trim();
    }

    /**
     * For scripts/bench-export-verify.sh: a brand of its own with a released batch of 1,000,000 codes, as two lines,
     * its API key and the batch id (written to a file in the script's private folder, not to the log).
     */
    private static List<String> exportBatch(App app) {
        var created = app.services().brands().create("Exports " + System.nanoTime(), "exports-" + System.nanoTime() + "@bench.example");
        Principal principal = new Principal(created.brand().id(), "bench");
        Product product = app.services().products().create(principal,
                new NewProduct("Bench product", "4006381333931", null, null, List.of("FR")));
        Batch batch = app.services().batches().create(principal,
                new NewBatch(product.id(), 1_000_000L, "EXPORT", null, null, "compact"));
        app.services().batches().changeStatus(principal, batch.id(), BatchStatus.RELEASED, null);
        return List.of(created.apiKey(), Long.toString(batch.id()));
    }

    private static List<String> makeCodes(App app, int batches, int perBatch) {
        var created = app.services().brands().create("Bench " + System.nanoTime(), "bench-" + System.nanoTime() + "@bench.example");
        Principal principal = new Principal(created.brand().id(), "bench");
        Product product = app.services().products().create(principal,
                new NewProduct("Bench product", "4006381333931", null, null, List.of("FR")));
        List<String> codes = new ArrayList<>();
        for (int b = 0; b < batches; b++) {
            Batch batch = app.services().batches().create(principal,
                    new NewBatch(product.id(), (long) perBatch, "L" + b, null, null, b % 2 == 0 ? "compact" : "gs1"));
            app.services().batches().changeStatus(principal, batch.id(), BatchStatus.RELEASED, null);
            BatchCodes batchCodes = app.services().batches().codes(batch);
            for (long i = 0; i < perBatch; i++) {
                codes.add(batchCodes.url(i));
            }
        }
        java.util.Collections.shuffle(codes, new java.util.Random(7));
        return codes;
    }
}
