package dev.touchmark.detection;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Builds a month of scans of one brand with ground truth, deterministically from a seed: genuine buyers, families,
 * resellers and tourists; a clone ring; a diverted batch; a printer leak; a few forged codes. The choices are
 * explained in docs/detection.md (written by DetectionReport).
 */
public final class ScenarioGenerator {
    /** The simulated month starts here (scan ids count from 2026-01-01, so it must come after). */
    public static final Instant START = Instant.parse("2026-03-02T00:00:00Z");
    /** The clone ring starts selling on this day and sells for RING_DAYS days. */
    static final int RING_START_DAY = 6;
    static final int RING_DAYS = 21;
    /** People live within this many km of their city's centre; a phone moves a little between scans. */
    static final double HOME_RADIUS_KM = 6;
    static final double PHONE_JITTER_KM = 1;
    private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    private final ScenarioSettings settings;
    private final Random random;
    private final List<ScanEvent> events = new ArrayList<>();
    private final Map<String, Long> nextIndex = new LinkedHashMap<>();
    private final Map<String, Boolean> sharers = new LinkedHashMap<>();

    private ScenarioGenerator(ScenarioSettings settings) {
        this.settings = settings;
        this.random = new Random(settings.seed());
    }

    /** The scenario of a seed and scale; the same settings always give the same scenario. */
    public static Scenario generate(ScenarioSettings settings) {
        return new ScenarioGenerator(settings).build();
    }

    private Scenario build() {
        List<String> genuineBatches = List.of(Scenario.SERUM_1, Scenario.SERUM_2, Scenario.CREAM_1, Scenario.PERFUME);
        double[] weights = {0.35, 0.25, 0.25, 0.15};
        Map<String, List<String>> markets = markets();
        for (int i = 0; i < settings.genuineCodes(); i++) {
            String batch = genuineBatches.get(pick(weights));
            genuine(batch, home(markets.get(batch)));
        }
        for (int i = 0; i < settings.ringCodes(); i++) {
            ring(i);
        }
        for (int i = 0; i < settings.divertedCodes(); i++) {
            Instant bought = daytime(2 + random.nextInt(settings.days() - 4));
            buyer(Scenario.SERUM_FR, take(Scenario.SERUM_FR), Place.ISTANBUL.near(random, HOME_RADIUS_KM), Place.ISTANBUL,
                    bought, 1 + scansAfterFirst(), Story.DIVERTED, true);
        }
        for (int i = 0; i < settings.leakedCodes(); i++) {
            Place home = home(markets.get(Scenario.CREAM_DRAFT));
            Instant bought = daytime(10 + random.nextInt(settings.days() - 12));
            buyer(Scenario.CREAM_DRAFT, take(Scenario.CREAM_DRAFT), home.near(random, HOME_RADIUS_KM), home, bought,
                    1 + random.nextInt(2), Story.LEAKED, true);
        }
        List<BatchPlan> batches = plans(markets);
        long serumCodes = batches.get(0).quantity();
        for (int i = 0; i < settings.forgedScans(); i++) {
            Place where = random.nextBoolean() ? Place.PARIS : Place.MARSEILLE;
            GeoPoint point = where.near(random, HOME_RADIUS_KM);
            events.add(new ScanEvent(daytime(8 + random.nextInt(settings.days() - 10)), Scenario.SERUM_1,
                    random.nextLong(serumCodes), true, device(), where.country(), shares() ? point : null, Story.FORGED, true));
        }
        events.sort(Comparator.comparing(ScanEvent::at)); // stable: equal times keep their order
        return new Scenario(settings, batches, List.copyOf(events));
    }

    private static Map<String, List<String>> markets() {
        Map<String, List<String>> markets = new LinkedHashMap<>();
        markets.put(Scenario.SERUM_1, List.of("FR", "BE"));
        markets.put(Scenario.SERUM_2, List.of("FR", "BE"));
        markets.put(Scenario.CREAM_1, List.of("FR", "BE", "DE"));
        markets.put(Scenario.PERFUME, List.of("DE"));
        markets.put(Scenario.SERUM_FR, List.of("FR"));
        markets.put(Scenario.CREAM_DRAFT, List.of("FR", "BE", "DE"));
        return markets;
    }

    /** Each batch prints a quarter more codes than the month sells; the draft batch is a print run of which a quarter leaked. */
    private List<BatchPlan> plans(Map<String, List<String>> markets) {
        List<BatchPlan> plans = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : markets.entrySet()) {
            String key = e.getKey();
            long used = nextIndex.getOrDefault(key, 0L);
            boolean draft = key.equals(Scenario.CREAM_DRAFT);
            long quantity = draft ? Math.max(20, used * 4) : used + used / 4 + 10;
            plans.add(new BatchPlan(key, key.substring(0, key.indexOf('-')).toLowerCase(Locale.ROOT), e.getValue(),
                    !draft, quantity));
        }
        return plans;
    }

    private void genuine(String batch, Place home) {
        long index = take(batch);
        GeoPoint house = home.near(random, HOME_RADIUS_KM);
        Instant bought = daytime(random.nextInt(settings.days() - 1));
        double roll = random.nextDouble();
        if (roll < settings.familyShare()) {
            int phones = 2 + random.nextInt(2);
            Instant first = bought;
            for (int p = 0; p < phones; p++) {
                buyer(batch, index, house.jitter(random, 2), home, first, 1 + random.nextInt(2), Story.FAMILY, false);
                first = first.plus(later(Duration.ofMinutes(30), Duration.ofDays(10)));
            }
        } else if (roll < settings.familyShare() + settings.resellerShare()) {
            buyer(batch, index, home.near(random, HOME_RADIUS_KM), home, bought, 1, Story.RESELLER, false);
            Instant sold = bought.plus(later(Duration.ofHours(1), Duration.ofDays(14)));
            buyer(batch, index, house, home, sold, 1 + random.nextInt(2), Story.RESELLER, false);
        } else if (roll < settings.familyShare() + settings.resellerShare() + settings.touristShare()) {
            String phone = buyer(batch, index, house, home, bought, 1 + random.nextInt(2), Story.TOURIST, false);
            Place trip = trip(home.country());
            GeoPoint hotel = trip.near(random, HOME_RADIUS_KM);
            Instant abroad = bought.plus(Duration.ofDays(2 + random.nextInt(19))).plus(Duration.ofMinutes(random.nextInt(600)));
            events.add(new ScanEvent(abroad, batch, index, false, phone, trip.country(), sharers.get(phone) ? hotel : null,
                    Story.TOURIST, false));
        } else {
            buyer(batch, index, house, home, bought, 1 + scansAfterFirst(), Story.SINGLE_BUYER, false);
        }
    }

    /** A ring label: its genuine owner buys it in the first days, then the ring sells fakes in two cities for three weeks. */
    private void ring(int ringIndex) {
        long index = take(Scenario.SERUM_1);
        Place home = home(List.of("FR", "BE"));
        Instant bought = daytime(random.nextInt(RING_START_DAY - 1));
        buyer(Scenario.SERUM_1, index, home.near(random, HOME_RADIUS_KM), home, bought, 1 + random.nextInt(2), Story.CLONE_RING,
                false);
        int fakes = settings.ringFakes() / settings.ringCodes() + (ringIndex < settings.ringFakes() % settings.ringCodes() ? 1 : 0);
        for (int f = 0; f < fakes; f++) {
            Place city = random.nextBoolean() ? Place.MARSEILLE : Place.DUBAI;
            Instant at = daytime(RING_START_DAY + random.nextInt(RING_DAYS));
            events.add(new ScanEvent(at, Scenario.SERUM_1, index, false, device(), city.country(),
                    shares() ? city.near(random, HOME_RADIUS_KM) : null, Story.CLONE_RING, true));
        }
    }

    /** One phone's scans of a code from one place: the first at a time, the others minutes to days later. Returns the phone. */
    private String buyer(String batch, long index, GeoPoint where, Place city, Instant first, int scans, Story story,
                         boolean illicit) {
        String phone = device();
        boolean shares = shares();
        sharers.put(phone, shares);
        Instant at = first;
        for (int s = 0; s < scans; s++) {
            events.add(new ScanEvent(at, batch, index, false, phone, city.country(),
                    shares ? where.jitter(random, PHONE_JITTER_KM) : null, story, illicit));
            at = at.plus(later(Duration.ofMinutes(2), Duration.ofDays(10)));
        }
        return phone;
    }

    /** 1-3 scans in all: 60% scan once, 30% twice, 10% three times. */
    private int scansAfterFirst() {
        double roll = random.nextDouble();
        return roll < 0.6 ? 0 : roll < 0.9 ? 1 : 2;
    }

    private boolean shares() {
        return random.nextDouble() < settings.locationShare();
    }

    private long take(String batch) {
        long index = nextIndex.getOrDefault(batch, 0L);
        nextIndex.put(batch, index + 1);
        return index;
    }

    private Place home(List<String> countries) {
        List<Place> homes = Place.HOMES.stream().filter(p -> countries.contains(p.country())).toList();
        return homes.get(random.nextInt(homes.size()));
    }

    private Place trip(String homeCountry) {
        List<Place> trips = Place.TRIPS.stream().filter(p -> !p.country().equals(homeCountry)).toList();
        return trips.get(random.nextInt(trips.size()));
    }

    /** A moment of a day between 08:00 and 22:00. */
    private Instant daytime(int day) {
        return START.plus(Duration.ofDays(day)).plusSeconds(8 * 3600 + random.nextInt(14 * 3600));
    }

    /** A delay spread evenly on a log scale: as many follow-ups within the hour as within the next days. */
    private Duration later(Duration min, Duration max) {
        double low = Math.log(min.toSeconds());
        double high = Math.log(max.toSeconds());
        return Duration.ofSeconds(Math.round(Math.exp(low + random.nextDouble() * (high - low))));
    }

    private int pick(double[] weights) {
        double roll = random.nextDouble();
        for (int i = 0; i < weights.length - 1; i++) {
            roll -= weights[i];
            if (roll < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    private String device() {
        char[] id = new char[26];
        for (int i = 0; i < id.length; i++) {
            id[i] = BASE32.charAt(random.nextInt(32));
        }
        return new String(id);
    }
}
