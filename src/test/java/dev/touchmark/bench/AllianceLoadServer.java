package dev.touchmark.bench;

import static dev.touchmark.db.jooq.Tables.ALERT;
import static dev.touchmark.db.jooq.Tables.SCAN_CELL_DAY;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.touchmark.App;
import dev.touchmark.access.Principal;
import dev.touchmark.alliance.Alliance;
import dev.touchmark.alliance.IntelService;
import dev.touchmark.alliance.SignalClass;
import dev.touchmark.batch.Batch;
import dev.touchmark.batch.NewBatch;
import dev.touchmark.brand.BrandService;
import dev.touchmark.code.BatchCodes;
import dev.touchmark.config.ConfigLoader;
import dev.touchmark.config.TouchmarkConfig;
import dev.touchmark.db.JobLease;
import dev.touchmark.domain.BatchStatus;
import dev.touchmark.domain.ClientKind;
import dev.touchmark.domain.Shopper;
import dev.touchmark.http.Json;
import dev.touchmark.http.Replies;
import dev.touchmark.product.NewProduct;
import dev.touchmark.product.Product;
import dev.touchmark.verify.ScanInput;
import dev.touchmark.verify.VerificationService;
import io.javalin.Javalin;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import org.jooq.DSLContext;

/**
 * The server side of scripts/bench-alliance-verify.sh: a real Touchmark server (configured from TOUCHMARK_* as usual, on a
 * fresh H2 database) whose verifying brand's signed codes are written to a file for scripts/verify.lua, plus a control
 * on the next port:
 * <ul>
 *   <li>POST /alliance: an alliance of 20 brands, the verifying brand among them, all sharing every class (most by
 *   name, every fourth anonymously), each seeded with the rollup rows and alerts its signals are worked out from
 *   (hundreds of hotspot cells and forged-code cells per brand, a part of them in cells other members also have, so
 *   correlation finds matches), then one refresh to announce the first matches;</li>
 *   <li>POST /refresh/start?pauseMs=N: IntelService.refresh() in a loop on a background thread, N ms between the end
 *   of one refresh and the start of the next (0: back to back, far harsher than the job's once a minute);</li>
 *   <li>POST /refresh/stop: stops the loop after the refresh under way and answers what it did;</li>
 *   <li>POST /verify-without-recording: the verification's checks without the scan log, as a CPU-bound control.</li>
 * </ul>
 * The application's own IntelJob is kept from refreshing by this class holding its lease, so only the loop refreshes
 * and the phases without it have no refresh at all.
 */
public final class AllianceLoadServer {
    private static final Shopper BENCH = new Shopper(null, null, null, "bench", ClientKind.API);
    private static final String ACTOR = "cli:bench";
    /** Members of the alliance, the verifying brand included (the default most members an alliance may have). */
    private static final int MEMBERS = 20;
    /** Per brand: cells where its detection raised a hotspot alert, each with suspect scans on a few days. */
    private static final int HOTSPOT_CELLS = 300;
    /** Per brand: cell-days with forged codes (forgery waves are keyed by cell and ISO week). */
    private static final int FORGED_CELL_DAYS = 300;
    /** Cells every brand draws a third of its cells from, so members' signals overlap. */
    private static final int SHARED_CELLS = 150;

    private final App app;
    private final BrandService.CreatedBrand verifying;
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final AtomicReference<Loop> loop = new AtomicReference<>();
    private volatile String allianceSummary;

    private AllianceLoadServer(App app, BrandService.CreatedBrand verifying) {
        this.app = app;
        this.verifying = verifying;
    }

    public static void main(String[] args) throws Exception {
        Path codesFile = Path.of(args[0]);
        TouchmarkConfig config = ConfigLoader.fromEnvironment();
        App app = App.start(config, Clock.systemUTC());
        // The job's first try is a minute after start: holding its lease from now on leaves refreshing to the loop.
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        if (!new JobLease(app.services().database().dsl(), "alliance_intel").claim("bench", now, now.plusDays(7))) {
            throw new IllegalStateException("the alliance intelligence job's lease is taken: not a fresh database?");
        }
        var verifying = app.services().brands().create("Verifying " + System.nanoTime(), "verifying-" + System.nanoTime() + "@bench.example");
        List<String> codes = makeCodes(app, verifying, 8, 2_000);
        Files.write(codesFile, codes);
        AllianceLoadServer server = new AllianceLoadServer(app, verifying);
        Javalin control = server.control();
        System.out.println("READY server=" + app.port() + " control=" + control.port() + " codes=" + codes.size());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stopLoop();
            control.stop();
            app.close();
        }));
        Thread.currentThread().join();
    }

    private Javalin control() {
        VerificationService verification = app.scanServices().verification();
        ObjectMapper mapper = new ObjectMapper();
        Replies replies = new Replies(new Json());
        return Javalin.create(c -> {
            c.startup.showJavalinBanner = false;
            c.routes.post("/alliance", ctx -> ctx.result(alliance() + "\n"));
            c.routes.post("/refresh/start", ctx -> {
                String pause = ctx.queryParam("pauseMs");
                ctx.result(startLoop(pause == null ? 0 : Long.parseLong(pause)) + "\n");
            });
            c.routes.post("/refresh/stop", ctx -> ctx.result(stopLoop() + "\n"));
            c.routes.post("/verify-without-recording", ctx -> {
                String code = mapper.readTree(ctx.body()).path("code").asText();
                VerificationService.Check check = verification.check(new ScanInput(code, BENCH));
                replies.json(ctx, Map.of("valid", check.answer() == null && check.reason() == null));
            });
        }).start("127.0.0.1", app.port() + 1);
    }

    /** Sets the alliance up once; answers what was made and what the first refreshes took. */
    private synchronized String alliance() {
        if (allianceSummary != null) {
            return allianceSummary;
        }
        long started = System.nanoTime();
        Alliance alliance = app.services().alliances().create("Bench alliance " + System.nanoTime(), MEMBERS, ACTOR);
        List<BrandService.CreatedBrand> members = new ArrayList<>();
        members.add(verifying);
        for (int i = 1; i < MEMBERS; i++) {
            members.add(app.services().brands().create("Member " + i + " " + System.nanoTime(),
                    "member-" + i + "-" + System.nanoTime() + "@bench.example"));
        }
        Random random = new Random(11);
        long[] rows = new long[2];
        for (int i = 0; i < members.size(); i++) {
            long brandId = members.get(i).brand().id();
            Principal principal = new Principal(brandId, ACTOR);
            app.services().alliances().invite(alliance.id(), brandId, ACTOR);
            app.services().alliances().accept(principal, alliance.id());
            String level = i % 4 == 3 ? "anonymous" : "named";
            app.services().sharing().change(principal, alliance.id(), Arrays.stream(SignalClass.values())
                    .collect(Collectors.toMap(SignalClass::id, c -> level)));
            long[] seeded = seed(brandId, random);
            rows[0] += seeded[0];
            rows[1] += seeded[1];
        }
        long setUp = System.nanoTime();
        IntelService intel = app.intel();
        int announced = intel.refresh();
        long first = System.nanoTime();
        int again = intel.refresh();
        long steady = System.nanoTime();
        allianceSummary = String.format(java.util.Locale.ROOT,
                "ALLIANCE %d members (%d anonymous), %d scan_cell_day rows and %d alerts seeded in %.1f s;"
                        + " first refresh %.0f ms announced %d matches; the next (no verification load) %.0f ms, %d new",
                MEMBERS, MEMBERS / 4, rows[0], rows[1], (setUp - started) / 1e9, (first - setUp) / 1e6, announced,
                (steady - first) / 1e6, again);
        return allianceSummary;
    }

    /**
     * A brand's rollup rows and hotspot alerts over the last 30 days: hotspot cells with suspect scans on three days
     * each (one in twenty alerts marked a false positive, which the refresh leaves out), and cell-days with forged
     * codes; a third of the cells are drawn from a pool all brands share. Returns the rows and alerts written.
     */
    private long[] seed(long brandId, Random random) {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Map<String, long[]> cellDays = new LinkedHashMap<>(); // "day|cell" -> scans, suspect, forged
        List<String> hotspots = cells(brandId, HOTSPOT_CELLS, random);
        DSLContext dsl = app.services().database().dsl();
        var alerts = dsl.insertInto(ALERT, ALERT.BRAND_ID, ALERT.RULE, ALERT.SUBJECT, ALERT.OPEN_SUBJECT, ALERT.SEVERITY,
                ALERT.STATUS, ALERT.SUMMARY, ALERT.HITS, ALERT.FIRST_SEEN_AT, ALERT.LAST_SEEN_AT, ALERT.UPDATED_AT);
        for (int i = 0; i < hotspots.size(); i++) {
            String cell = hotspots.get(i);
            LocalDate last = today.minusDays(random.nextInt(27));
            long hits = 0;
            for (int d = 0; d < 3; d++) {
                long suspect = 1 + random.nextInt(20);
                hits += suspect;
                long[] counts = cellDays.computeIfAbsent(last.minusDays(d) + "|" + cell, k -> new long[3]);
                counts[0] += suspect * 3;
                counts[1] += suspect;
            }
            OffsetDateTime seen = last.atTime(12, 0).atOffset(ZoneOffset.UTC);
            boolean falsePositive = i % 20 == 19;
            alerts = alerts.values(brandId, "hotspot", "cell:" + cell, falsePositive ? null : "cell:" + cell, "high",
                    falsePositive ? "false_positive" : "open", "Suspect scans cluster in cell " + cell, hits,
                    seen.minusDays(2), seen, seen);
        }
        int alertCount = alerts.execute();
        List<String> forged = cells(brandId, FORGED_CELL_DAYS, random);
        for (String cell : forged) {
            long n = 1 + random.nextInt(40);
            long[] counts = cellDays.computeIfAbsent(today.minusDays(random.nextInt(30)) + "|" + cell, k -> new long[3]);
            counts[0] += n;
            counts[2] += n;
        }
        var insert = dsl.insertInto(SCAN_CELL_DAY, SCAN_CELL_DAY.BRAND_ID, SCAN_CELL_DAY.SCAN_DATE, SCAN_CELL_DAY.CELL,
                SCAN_CELL_DAY.SCANS, SCAN_CELL_DAY.SUSPECT, SCAN_CELL_DAY.FORGED);
        for (Map.Entry<String, long[]> e : cellDays.entrySet()) {
            String[] dayCell = e.getKey().split("\\|");
            insert = insert.values(brandId, LocalDate.parse(dayCell[0]), dayCell[1], e.getValue()[0], e.getValue()[1], e.getValue()[2]);
        }
        return new long[] {insert.execute(), alertCount};
    }

    /**
     * Distinct half-degree cells: a third from the pool all brands share (around 45-60 N, 0-15 E), the rest from a
     * region of the brand's own (so the rest rarely matches).
     */
    private static List<String> cells(long brandId, int n, Random random) {
        java.util.Set<String> cells = new java.util.LinkedHashSet<>();
        while (cells.size() < n) {
            if (cells.size() < n / 3) {
                int k = random.nextInt(SHARED_CELLS);
                cells.add((90 + k / 30) + ":" + (k % 30));
            } else {
                int lat = -100 + random.nextInt(60) + (int) (brandId % 7) * 20;
                int lon = -300 + random.nextInt(120) + (int) (brandId % 5) * 100;
                cells.add(lat + ":" + lon);
            }
        }
        List<String> list = new ArrayList<>(cells);
        Collections.shuffle(list, random);
        return list;
    }

    private String startLoop(long pauseMs) {
        if (allianceSummary == null) {
            throw new IllegalStateException("POST /alliance first");
        }
        Loop next = new Loop(pauseMs);
        if (!loop.compareAndSet(null, next)) {
            return "REFRESH already running";
        }
        next.thread.start();
        return "REFRESH started, pause " + pauseMs + " ms";
    }

    private String stopLoop() {
        Loop running = loop.getAndSet(null);
        if (running == null) {
            return "REFRESH not running";
        }
        return running.stop();
    }

    /** The refresh loop: one background thread at the job's priority, and what it did. */
    private final class Loop {
        private final long pauseMs;
        private final Thread thread;
        private final long startedNanos = System.nanoTime();
        private volatile boolean stopping;
        private long count;
        private long newMatches;
        private long totalNanos;
        private long maxNanos;
        private long cpuNanos;
        private long failures;

        Loop(long pauseMs) {
            this.pauseMs = pauseMs;
            this.thread = new Thread(this::run, "bench-alliance-refresh");
            // The same priority as the application's job thread (IntelJob), so the loop competes as the job would.
            thread.setPriority(Thread.MIN_PRIORITY);
            thread.setDaemon(true);
        }

        private void run() {
            IntelService intel = app.intel();
            while (!stopping) {
                long cpu = threads.getCurrentThreadCpuTime();
                long start = System.nanoTime();
                try {
                    newMatches += intel.refresh();
                } catch (RuntimeException e) {
                    failures++;
                    System.out.println("REFRESH failed: " + e);
                }
                long took = System.nanoTime() - start;
                synchronized (this) {
                    count++;
                    totalNanos += took;
                    maxNanos = Math.max(maxNanos, took);
                    cpuNanos += threads.getCurrentThreadCpuTime() - cpu;
                }
                long wakeAt = System.nanoTime() + pauseMs * 1_000_000;
                while (!stopping && pauseMs > 0 && System.nanoTime() < wakeAt) {
                    LockSupport.parkNanos(wakeAt - System.nanoTime());
                }
            }
        }

        String stop() {
            stopping = true;
            LockSupport.unpark(thread);
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            double wall = (System.nanoTime() - startedNanos) / 1e9;
            synchronized (this) {
                return String.format(java.util.Locale.ROOT,
                        "REFRESH count=%d wall_s=%.1f per_s=%.2f mean_ms=%.0f max_ms=%.0f cpu_share=%.2f new_matches=%d failures=%d",
                        count, wall, count / wall, count == 0 ? 0 : totalNanos / 1e6 / count, maxNanos / 1e6,
                        cpuNanos / 1e9 / wall, newMatches, failures);
            }
        }
    }

    private static List<String> makeCodes(App app, BrandService.CreatedBrand brand, int batches, int perBatch) {
        Principal principal = new Principal(brand.brand().id(), "bench");
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
        Collections.shuffle(codes, new Random(7));
        return codes;
    }
}
