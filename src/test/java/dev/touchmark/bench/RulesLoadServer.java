package dev.touchmark.bench;

import dev.touchmark.App;
import dev.touchmark.access.Principal;
import dev.touchmark.batch.Batch;
import dev.touchmark.batch.NewBatch;
import dev.touchmark.code.BatchCodes;
import dev.touchmark.config.ConfigLoader;
import dev.touchmark.domain.BatchStatus;
import dev.touchmark.product.NewProduct;
import dev.touchmark.product.Product;
import dev.touchmark.scan.Assessment;
import dev.touchmark.scan.CodeHistory;
import dev.touchmark.scan.ScanJudge;
import dev.touchmark.scan.ScanToRecord;
import io.javalin.Javalin;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The server side of scripts/bench-rules.sh: a real Touchmark server (configured from TOUCHMARK_* as usual, on a fresh
 * database) whose scan writer judges through a {@link SwitchedJudge}, so that the detection rules can be turned off
 * and on between the benchmark's rounds from the control port (the next port): POST /rules/on, POST /rules/off, and
 * GET /facts (scans recorded, alerts by rule, their hits and evidence, scans by verdict, from the database). With the rules off every scan is
 * still recorded by the same writer in the same transaction (scan log, code states, new devices); only the judging
 * (risk assessment, alerts, the detector's lookups and sightings) is left out; the dashboard's counts
 * (ScanCounts) are kept either way, as they are for every recorded scan.
 *
 * <p>The scans to send are written to a file, one a line, tab-separated: P (POST /api/v1/verify) or G (GET of the
 * code's page by a browser), the code's URL (P) or its path (G), the device id or "-", the country, the client's
 * address, latitude and longitude or "-". They follow the lives of 16,000 codes of 8 batches sold in FR, DE and NL:
 * households of 1 to 3 phones and of 4 to 6 browsers, travellers, resales across the markets, codes diverted abroad,
 * cloned codes scanned by many phones in many countries, and partner apps that send no device id; in time order,
 * codes mixed, so most scans meet a code with history once the file has been sent through once. A code's scans come
 * seconds apart on the wall clock, so travellers and resales cross only to neighbouring countries and send no place
 * from there (else each would be impossible travel, which in real use they are not); clones move between continents.
 */
public final class RulesLoadServer {
    private static final List<String> MARKETS = List.of("FR", "DE", "NL");
    /** Where a shopper of each market travels to by land (close enough that a trip within the run is possible). */
    private static final java.util.Map<String, List<String>> NEIGHBOURS = java.util.Map.of(
            "FR", List.of("BE", "CH", "ES", "IT"), "DE", List.of("AT", "CH", "PL", "BE"), "NL", List.of("BE"));
    /** Markets a code is resold across (neighbours). */
    private static final java.util.Map<String, String> RESOLD_TO = java.util.Map.of("FR", "DE", "DE", "NL", "NL", "DE");
    private static final List<String> DIVERTED = List.of("NG", "AE", "TR", "CN");
    private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    private RulesLoadServer() {
    }

    public static void main(String[] args) throws Exception {
        Path scansFile = Path.of(args[0]);
        SwitchedJudge[] switched = new SwitchedJudge[1];
        App app = App.start(ConfigLoader.fromEnvironment(), Clock.systemUTC(), detector -> {
            switched[0] = new SwitchedJudge(detector);
            return switched[0];
        });
        SwitchedJudge judge = switched[0];
        List<List<String>> codes = makeCodes(app, 8, 2_000);
        List<String> lines = scans(codes, new Random(24));
        Files.write(scansFile, lines);
        var dsl = app.services().database().dsl();
        Javalin control = Javalin.create(c -> {
            c.startup.showJavalinBanner = false;
            c.routes.post("/rules/on", ctx -> ctx.result(judge.turn(true)));
            c.routes.post("/rules/off", ctx -> ctx.result(judge.turn(false)));
            c.routes.get("/facts", ctx -> ctx.result("scans=" + dsl.fetchValue("SELECT COUNT(*) FROM scan_event")
                    + " alerts=" + dsl.fetch("SELECT rule, COUNT(*) n FROM alert GROUP BY rule ORDER BY rule")
                            .map(r -> r.get(0) + ":" + r.get(1)) + " alert_hits=" + dsl.fetchValue("SELECT SUM(hits) FROM alert")
                    + " evidence=" + dsl.fetchValue("SELECT COUNT(*) FROM alert_evidence")
                    + " verdicts=" + dsl.fetch("SELECT verdict, COUNT(*) n FROM scan_event GROUP BY verdict ORDER BY verdict")
                            .map(r -> r.get(0) + ":" + r.get(1))));
        }).start("127.0.0.1", app.port() + 1);
        System.out.println("READY server=" + app.port() + " control=" + control.port() + " scans=" + lines.size());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            control.stop();
            app.close();
        }));
        Thread.currentThread().join();
    }

    /**
     * The detector, or {@link ScanJudge#NONE} (every scan clean, nothing after the write): which one is chosen when a
     * group's transaction starts, so a group is judged by one of them throughout.
     */
    static final class SwitchedJudge implements ScanJudge {
        private final ScanJudge rules;
        private volatile boolean on = true;
        /** The judge of the group in hand (writer thread only). */
        private ScanJudge current;

        SwitchedJudge(ScanJudge rules) {
            this.rules = rules;
            this.current = rules;
        }

        String turn(boolean rulesOn) {
            on = rulesOn;
            return rulesOn ? "rules on\n" : "rules off\n";
        }

        @Override
        public void startGroup(List<ScanToRecord> group) {
            current = on ? rules : ScanJudge.NONE;
            current.startGroup(group);
        }

        @Override
        public Assessment assess(ScanToRecord scan, CodeHistory history, long scanId, OffsetDateTime now) {
            return current.assess(scan, history, scanId, now);
        }

        @Override
        public Assessment assessUncounted(ScanToRecord scan, CodeHistory history) {
            return current.assessUncounted(scan, history);
        }

        @Override
        public void afterWrite(List<Judged> group, OffsetDateTime now) {
            current.afterWrite(group, now);
        }
    }

    /** Each batch's code URLs in index order. */
    private static List<List<String>> makeCodes(App app, int batches, int perBatch) {
        var created = app.services().brands().create("Rules " + System.nanoTime(), "rules-" + System.nanoTime() + "@bench.example");
        Principal principal = new Principal(created.brand().id(), "bench");
        Product product = app.services().products().create(principal,
                new NewProduct("Bench product", "4006381333931", null, null, MARKETS));
        List<List<String>> codes = new ArrayList<>();
        for (int b = 0; b < batches; b++) {
            Batch batch = app.services().batches().create(principal,
                    new NewBatch(product.id(), (long) perBatch, "R" + b, null, null, b % 2 == 0 ? "compact" : "gs1"));
            app.services().batches().changeStatus(principal, batch.id(), BatchStatus.RELEASED, null);
            BatchCodes batchCodes = app.services().batches().codes(batch);
            List<String> urls = new ArrayList<>(perBatch);
            for (long i = 0; i < perBatch; i++) {
                urls.add(batchCodes.url(i));
            }
            codes.add(urls);
        }
        return codes;
    }

    /** One scan to send, at a time within the file's span. */
    private record Scan(double at, String line) {
    }

    /**
     * A phone or browser: its device id (null: a partner app that sends none), country, address, home place, and
     * whether its API scans may carry that place.
     */
    private record Device(String id, String country, String ip, double lat, double lon, boolean locatable) {
        Device elsewhere(String otherId, String otherCountry, String otherIp) {
            return new Device(otherId, otherCountry, otherIp, lat, lon, false);
        }

        Device another(String otherId) {
            return new Device(otherId, country, ip, lat, lon, locatable);
        }
    }

    private static List<String> scans(List<List<String>> codes, Random random) {
        List<Scan> scans = new ArrayList<>();
        for (int b = 0; b < codes.size(); b++) {
            for (String url : codes.get(b)) {
                // Diversion concentrates on two batches (as a distributor's would), so the per-country and per-batch
                // counts reach their thresholds; everything else is spread over every batch.
                double p = random.nextDouble();
                boolean divertable = b == 5 || b == 6;
                List<Device> life = new ArrayList<>();
                int count;
                if (divertable && p < 0.25) { // diverted: sold abroad, scanned there by one or two phones of one home
                    Device first = device(pick(DIVERTED, random), random);
                    life.add(first);
                    if (random.nextBoolean()) {
                        life.add(first.another(deviceId(random)));
                    }
                    count = 1 + random.nextInt(3);
                } else if (p < 0.04) { // cloned: many phones in many countries, some without a device id
                    int phones = 6 + random.nextInt(7);
                    for (int i = 0; i < phones; i++) {
                        String country = random.nextInt(3) == 0 ? pick(MARKETS, random) : pick(DIVERTED, random);
                        life.add(random.nextInt(5) == 0 ? anonymous(country, random) : device(country, random));
                    }
                    count = phones + random.nextInt(4);
                } else if (p < 0.06) { // a partner app that sends no device id
                    life.add(anonymous(pick(MARKETS, random), random));
                    count = 2 + random.nextInt(3);
                } else if (p < 0.16) { // a traveller: the owner's phone at home, then across a border
                    Device owner = device(pick(MARKETS, random), random);
                    life.add(owner);
                    life.add(owner.elsewhere(owner.id(), pick(NEIGHBOURS.get(owner.country()), random), address(random)));
                    count = 3 + random.nextInt(4);
                } else if (p < 0.24) { // resold or given: a second owner in the neighbouring market
                    Device first = device(pick(MARKETS, random), random);
                    life.add(first);
                    life.add(first.elsewhere(deviceId(random), RESOLD_TO.get(first.country()), address(random)));
                    count = 2 + random.nextInt(3);
                } else if (p < 0.34) { // a household checking on 4 to 6 browsers and phones
                    Device first = device(pick(MARKETS, random), random);
                    int browsers = 4 + random.nextInt(3);
                    for (int i = 0; i < browsers; i++) {
                        life.add(i == 0 ? first : first.another(deviceId(random)));
                    }
                    count = browsers + random.nextInt(3);
                } else { // a household of 1 to 3 phones
                    Device first = device(pick(MARKETS, random), random);
                    int phones = 1 + (random.nextInt(100) < 50 ? 0 : random.nextInt(100) < 70 ? 1 : 2);
                    for (int i = 0; i < phones; i++) {
                        life.add(i == 0 ? first : first.another(deviceId(random)));
                    }
                    count = 1 + random.nextInt(5);
                }
                double at = random.nextDouble();
                for (int i = 0; i < count; i++) {
                    // The first scans go through the devices in order (the first is the buyer's), then any of them.
                    Device d = i < life.size() ? life.get(i) : life.get(random.nextInt(life.size()));
                    scans.add(new Scan(at, line(url, d, random)));
                    at += -Math.log(1 - random.nextDouble()) * 0.01;
                }
            }
        }
        scans.sort((x, y) -> Double.compare(x.at(), y.at()));
        return scans.stream().map(Scan::line).toList();
    }

    /** A quarter of the scans open the page in a browser; the others come through the API, two in five located. */
    private static String line(String url, Device d, Random random) {
        boolean page = d.id() != null && random.nextInt(4) == 0;
        boolean located = !page && d.locatable() && random.nextInt(5) < 2;
        String target = page ? pathOf(url) : url;
        String place = located ? String.format(Locale.ROOT, "%.4f\t%.4f", d.lat() + random.nextGaussian() * 0.05,
                d.lon() + random.nextGaussian() * 0.05) : "-\t-";
        return (page ? "G" : "P") + "\t" + target + "\t" + (d.id() == null ? "-" : d.id()) + "\t" + d.country() + "\t"
                + d.ip() + "\t" + place;
    }

    private static String pathOf(String url) {
        URI uri = URI.create(url);
        return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }

    private static Device device(String country, Random random) {
        double[] centre = centre(country);
        return new Device(deviceId(random), country, address(random), centre[0] + random.nextGaussian(), centre[1] + random.nextGaussian(),
                true);
    }

    private static Device anonymous(String country, Random random) {
        Device d = device(country, random);
        return new Device(null, d.country(), d.ip(), d.lat(), d.lon(), true);
    }

    private static String deviceId(Random random) {
        char[] id = new char[26];
        for (int i = 0; i < id.length; i++) {
            id[i] = BASE32.charAt(random.nextInt(32));
        }
        return new String(id);
    }

    private static String address(Random random) {
        return (11 + random.nextInt(180)) + "." + random.nextInt(256) + "." + random.nextInt(256) + "." + (1 + random.nextInt(254));
    }

    private static String pick(List<String> from, Random random) {
        return from.get(random.nextInt(from.size()));
    }

    /** A rough centre of the country's shoppers (latitude, longitude). */
    private static double[] centre(String country) {
        return switch (country) {
            case "FR" -> new double[] {48.8, 2.3};
            case "DE" -> new double[] {51.0, 10.0};
            case "NL" -> new double[] {52.3, 4.9};
            case "NG" -> new double[] {6.5, 3.4};
            case "AE" -> new double[] {25.2, 55.3};
            case "TR" -> new double[] {41.0, 29.0};
            default -> new double[] {31.2, 121.5}; // CN
        };
    }
}
