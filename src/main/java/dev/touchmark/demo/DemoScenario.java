package dev.touchmark.demo;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * A compact, seeded generator of a month of scans for one demo brand: shoppers at home, a clone ring passing one
 * code around, a grey-market diversion of a batch, a printer leaking codes of a draft batch and a few forgeries.
 * The same seed and start always give the same scans.
 */
public final class DemoScenario {
    private static final String DEVICE_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    private DemoScenario() {
    }

    /** A city centre; scans land within a few km of it. */
    public record City(String name, String country, double lat, double lon) {
    }

    /**
     * Who scans what for one brand.
     *
     * @param released   the key of the released batch shoppers buy
     * @param diverted   the key of the released batch partly sold outside its markets
     * @param draft      the key of the draft batch whose codes leak from the printer
     * @param homes      where shoppers live (the batches' markets)
     * @param cloneRing  where the cloned code turns up
     * @param greyMarket where diverted codes are first scanned (outside the markets)
     * @param printer    where leaked codes are scanned
     * @param market     where a counterfeit market sells copies of several codes (one seller, named by shoppers who
     *                   report it); demo brands with the same market share a hotspot and a seller in their alliance
     * @param seller     how this brand's shoppers write that seller's address in their reports
     */
    public record Plan(String released, String diverted, String draft, List<City> homes, List<City> cloneRing,
                       City greyMarket, City printer, int shoppers, City market, String seller) {
    }

    /** One scan to play: when, which code (forged or not), by which phone, from where, and the seller its shopper reports. */
    public record Scan(Instant at, String batch, long index, boolean forged, String device, String country, Double lat,
                       Double lon, String reportedSeller) {
        Scan(Instant at, String batch, long index, boolean forged, String device, String country, Double lat, Double lon) {
            this(at, batch, index, forged, device, country, lat, lon, null);
        }
    }

    /** The first code index the counterfeit market copies; it copies MARKET_CODES codes from there. */
    public static final long MARKET_INDEX = 80;
    static final int MARKET_CODES = 4;
    /** Phones that buy each market copy: enough that the later ones are judged suspect. */
    static final int MARKET_BUYERS = 7;

    /** The code index the clone ring passes around. */
    public static final long CLONED_INDEX = 7;

    /** Every scan of the plan from start over the given days, oldest first. */
    public static List<Scan> generate(Plan plan, long seed, Instant start, int days) {
        Random random = new Random(seed);
        long span = Duration.ofDays(days).minusMinutes(15).toSeconds();
        List<Scan> scans = new ArrayList<>();
        for (int shopper = 0; shopper < plan.shoppers(); shopper++) {
            String batch = random.nextInt(4) == 0 ? plan.diverted() : plan.released();
            long index = 100 + shopper;
            City home = plan.homes().get(random.nextInt(plan.homes().size()));
            String device = device(random);
            // more scans lately, so the chart climbs
            long first = (long) (span * Math.sqrt(random.nextDouble()));
            int times = 1 + (random.nextInt(5) == 0 ? 1 + random.nextInt(2) : 0);
            for (int t = 0; t < times && first < span; t++) {
                scans.add(scan(random, start.plusSeconds(first), batch, index, false, device, home, random.nextBoolean()));
                first += random.nextInt(3 * 24 * 3600);
            }
        }
        long day = Duration.ofDays(1).toSeconds();
        for (int i = 0; i < 14; i++) {
            City city = plan.cloneRing().get(i % plan.cloneRing().size());
            scans.add(scan(random, start.plusSeconds(8 * day + i * (span - 9 * day) / 14), plan.released(), CLONED_INDEX,
                    false, device(random), city, true));
        }
        for (int i = 0; i < 12; i++) {
            scans.add(scan(random, start.plusSeconds(17 * day + random.nextInt((int) (6 * day))), plan.diverted(), 20 + i,
                    false, device(random), plan.greyMarket(), random.nextBoolean()));
        }
        for (int i = 0; i < 9; i++) {
            scans.add(scan(random, start.plusSeconds(21 * day + random.nextInt((int) (7 * day))), plan.draft(), 40 + i * 3,
                    false, device(random), plan.printer(), true));
        }
        for (int i = 0; i < 8; i++) {
            City city = plan.cloneRing().get(0);
            scans.add(scan(random, start.plusSeconds(12 * day + random.nextInt((int) (14 * day))), plan.released(), 60 + i,
                    true, device(random), city, true));
        }
        for (int code = 0; code < MARKET_CODES; code++) {
            for (int buyer = 0; buyer < MARKET_BUYERS; buyer++) {
                Scan s = scan(random, start.plusSeconds(22 * day + code * day / 2 + buyer * 3L * day / 4 + random.nextInt(3600)),
                        plan.released(), MARKET_INDEX + code, false, device(random), plan.market(), true);
                // The last buyers of two copies report the stall: two shoppers name the seller, so it may be shared.
                boolean reports = buyer == MARKET_BUYERS - 1 && code < 2;
                scans.add(reports ? new Scan(s.at(), s.batch(), s.index(), false, s.device(), s.country(), s.lat(), s.lon(),
                        plan.seller()) : s);
            }
        }
        scans.removeIf(s -> !s.at().isBefore(start.plusSeconds(span)));
        scans.sort(Comparator.comparing(Scan::at));
        return scans;
    }

    private static Scan scan(Random random, Instant at, String batch, long index, boolean forged, String device, City city,
                             boolean located) {
        Double lat = located ? city.lat() + (random.nextDouble() - 0.5) * 0.1 : null;
        Double lon = located ? city.lon() + (random.nextDouble() - 0.5) * 0.1 : null;
        return new Scan(at, batch, index, forged, device, city.country(), lat, lon);
    }

    private static String device(Random random) {
        StringBuilder id = new StringBuilder(26);
        for (int i = 0; i < 26; i++) {
            id.append(DEVICE_ALPHABET.charAt(random.nextInt(DEVICE_ALPHABET.length())));
        }
        return id.toString();
    }

    /** The same code with one character of its signature changed: valid format, wrong signature. */
    public static String forge(String url) {
        int at = url.length() - 10;
        char replacement = url.charAt(at) == 'A' ? 'B' : 'A';
        return url.substring(0, at) + replacement + url.substring(at + 1);
    }
}
