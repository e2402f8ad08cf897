package dev.touchmark.detection;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Builds a month of scans of one brand with ground truth, deterministically from a seed: genuine buyers, families,
 * resellers and tourists; a clone ring; a diverted batch; a printer leak; a few forged codes. When the settings ask for
 * them, the adversarial stories follow (see {@link AdversarialSettings}), each pattern in a batch of its own; they draw
 * on random numbers of their own, so the month's scans are the same with or without them. Every scan then gets a
 * client address ({@link Networks}), also from random numbers of its own. The choices are explained in
 * docs/detection.md (written by DetectionReport).
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
    /** Mixed into the seed for the addresses and for the adversarial stories, which must not move the month's scans. */
    private static final long NETWORK_SALT = 0x4E6574776F726B73L;
    private static final long ADVERSARIAL_SALT = 0x4164766572736172L;

    /** An adversarial story's batch. */
    record Pattern(Story story, String batch, String product, List<String> markets) {
    }

    /** The adversarial stories in the order they are generated, each with its batch; the households' batch last. */
    static final List<Pattern> PATTERNS = List.of(
            new Pattern(Story.SLOW_CLONE, "SLOW-FR-BE", "serum", List.of("FR", "BE")),
            new Pattern(Story.UNSCANNED_CLONE, "RING-FR-BE", "serum", List.of("FR", "BE")),
            new Pattern(Story.COOKIE_CLONE_ABROAD, "COOKIE-EU-1", "cream", List.of("FR", "BE", "DE")),
            new Pattern(Story.COOKIE_CLONE_IN_MARKET, "COOKIE-EU-2", "cream", List.of("FR", "BE", "DE")),
            new Pattern(Story.NO_DEVICE_CLONE, "APP-FR-BE", "serum", List.of("FR", "BE")),
            new Pattern(Story.PRINTER_OVERRUN, "OVERRUN-FR-BE", "serum", List.of("FR", "BE")),
            new Pattern(Story.DUPLICATE_RUN, "DUP-EU", "cream", List.of("FR", "BE", "DE")),
            new Pattern(Story.LAUNDERED_DIVERSION, "LAUNDER-DE", "perfume", List.of("DE")),
            new Pattern(Story.THIN_DIVERSION, "THIN-FR", "serum", List.of("FR")),
            new Pattern(Story.HOUSEHOLD, "HOUSE-EU", "cream", List.of("FR", "BE", "DE")));

    /** How many households check on 2, 3, 4, 5 and 6 browsers or phones. */
    static final double[] BROWSERS = {0.30, 0.25, 0.20, 0.15, 0.10};

    private final ScenarioSettings settings;
    private final Networks networks;
    private Random random;
    private final List<ScanEvent> events = new ArrayList<>();
    private final Map<String, Long> nextIndex = new LinkedHashMap<>();
    private final Map<String, Boolean> sharers = new LinkedHashMap<>();
    private final Map<Story, String> checkers = new LinkedHashMap<>();

    private ScenarioGenerator(ScenarioSettings settings) {
        this.settings = settings;
        this.random = new Random(settings.seed());
        this.networks = new Networks(new Random(settings.seed() ^ NETWORK_SALT));
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
        addresses(0);
        if (settings.adversarial().on()) {
            random = new Random(settings.seed() ^ ADVERSARIAL_SALT);
            int from = events.size();
            batches.addAll(adversarial(settings.adversarial()));
            addresses(from);
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

    /**
     * Gives every event from the first on that has none a client address: a phone's scans at home over its household's
     * line or its mobile network, abroad over a mobile network there. A household is a code's family (or the households
     * and app buyers of the adversarial set), else one phone; its home country is where it first scans.
     */
    private void addresses(int from) {
        Map<String, String> homeCountry = new HashMap<>();
        for (int i = from; i < events.size(); i++) {
            ScanEvent e = events.get(i);
            if (e.ip() != null) {
                continue;
            }
            String key = switch (e.story()) {
                case FAMILY, HOUSEHOLD, APP_BUYER -> "code:" + e.code();
                default -> e.device() == null ? "scan:" + i : "phone:" + e.device();
            };
            String home = homeCountry.computeIfAbsent(key, k -> e.country());
            events.set(i, e.withIp(networks.phone(key, home, e.device(), e.country())));
        }
    }

    /** The adversarial stories, each pattern in its own batch among ordinary buyers; returns the batches. */
    private List<BatchPlan> adversarial(AdversarialSettings a) {
        List<BatchPlan> plans = new ArrayList<>();
        for (Pattern p : PATTERNS) {
            int before = p.story() == Story.DUPLICATE_RUN ? a.backgroundCodes() / 2 : a.backgroundCodes();
            for (int i = 0; i < before; i++) {
                background(p, a.appShare());
            }
            switch (p.story()) {
                case SLOW_CLONE -> repeat(a.patternCodes(), () -> slowClone(p));
                case UNSCANNED_CLONE -> repeat(a.patternCodes(), () -> unscannedClone(p));
                case COOKIE_CLONE_ABROAD -> repeat(a.patternCodes(), () -> cookieClone(p, true));
                case COOKIE_CLONE_IN_MARKET -> repeat(a.patternCodes(), () -> cookieClone(p, false));
                case NO_DEVICE_CLONE -> repeat(a.patternCodes(), () -> noDeviceClone(p));
                case DUPLICATE_RUN -> repeat(a.patternCodes(), () -> duplicate(p));
                case LAUNDERED_DIVERSION -> laundered(p, a.patternCodes());
                case THIN_DIVERSION -> thin(p, a.thinCountries());
                case HOUSEHOLD -> repeat(a.households(), () -> household(p));
                default -> {
                    // the overrun's labels come after the quantity, below
                }
            }
            for (int i = before; i < a.backgroundCodes(); i++) {
                background(p, a.appShare());
            }
            long used = nextIndex.getOrDefault(p.batch(), 0L);
            long quantity = used + used / 4 + 10;
            plans.add(new BatchPlan(p.batch(), p.product(), p.markets(), true, quantity));
            if (p.story() == Story.PRINTER_OVERRUN) {
                for (int i = 0; i < a.patternCodes(); i++) {
                    Place city = home(p.markets());
                    buyer(p.batch(), quantity + i, city.near(random, HOME_RADIUS_KM), city,
                            daytime(5 + random.nextInt(settings.days() - 6)), 1 + scansAfterFirst(), p.story(), true);
                }
            }
        }
        return plans;
    }

    private static void repeat(int times, Runnable story) {
        for (int i = 0; i < times; i++) {
            story.run();
        }
    }

    /** An ordinary buyer of a pattern's batch: the month's mix, or a buyer who checks only through a partner app. */
    private void background(Pattern p, double appShare) {
        Place home = home(p.markets());
        if (random.nextDouble() >= appShare) {
            genuine(p.batch(), home);
            return;
        }
        long index = take(p.batch());
        GeoPoint house = home.near(random, HOME_RADIUS_KM);
        boolean shares = shares();
        Instant at = daytime(random.nextInt(settings.days() - 1));
        for (int s = 1 + scansAfterFirst(); s > 0; s--) {
            events.add(new ScanEvent(at, p.batch(), index, false, null, home.country(),
                    shares ? house.jitter(random, PHONE_JITTER_KM) : null, Story.APP_BUYER, false, null, ScanEvent.Channel.API));
            at = at.plus(later(Duration.ofMinutes(2), Duration.ofDays(10)));
        }
    }

    /** A genuine label's owner buys it in the first days and scans it 1-2 times; returns the owner's phone and day. */
    private Owner owner(Pattern p, long index, int lastDay) {
        Place home = home(p.markets());
        int day = random.nextInt(lastDay);
        String phone = buyer(p.batch(), index, home.near(random, HOME_RADIUS_KM), home, daytime(day), 1 + random.nextInt(2),
                p.story(), false);
        return new Owner(phone, home, day);
    }

    private record Owner(String phone, Place home, int day) {
    }

    /** A copy's buyer: one phone, one scan, in a city of the markets or (abroadShare of them) in a re-export hub. */
    private void fakeBuyer(Pattern p, long index, int firstDay, double abroadShare) {
        Place city = random.nextDouble() < abroadShare ? Place.HUBS.get(random.nextInt(Place.HUBS.size())) : home(p.markets());
        int day = firstDay + random.nextInt(Math.max(1, settings.days() - firstDay));
        buyer(p.batch(), index, city.near(random, HOME_RADIUS_KM), city, daytime(day), 1, p.story(), true);
    }

    /** Its owner scans in the first week; then 3-4 copies, each scanned once by its own buyer, over the weeks after. */
    private void slowClone(Pattern p) {
        long index = take(p.batch());
        Owner owner = owner(p, index, 8);
        for (int f = 3 + random.nextInt(2); f > 0; f--) {
            fakeBuyer(p, index, owner.day() + 5, 0);
        }
    }

    /** A label the ring bought itself and never scanned: 1-4 copies, each scanned once, most in the market. */
    private void unscannedClone(Pattern p) {
        long index = take(p.batch());
        for (int f = 1 + random.nextInt(4); f > 0; f--) {
            fakeBuyer(p, index, 3, 0.3);
        }
    }

    /**
     * Its owner scans in the first days; then 8-30 fakes whose checks carry the owner's device cookie, sold in 1-2
     * cities abroad or in the markets. Half the labels send their buyers to a copied link: each check comes from the
     * buyer's own phone and network (sharing its location as often as anyone's); the other half to the ring's
     * scripted checker, which makes every check of every such label from one server's network, with the country of
     * sale (the ring runs it near its shops), never located.
     */
    private void cookieClone(Pattern p, boolean abroad) {
        long index = take(p.batch());
        Owner owner = owner(p, index, 6);
        List<Place> cities = new ArrayList<>();
        for (int c = 1 + random.nextInt(2); c > 0; c--) {
            cities.add(abroad ? Place.HUBS.get(random.nextInt(Place.HUBS.size())) : home(p.markets()));
        }
        String checker = random.nextBoolean() ? checker(p) : null;
        for (int f = 8 + random.nextInt(23); f > 0; f--) {
            Place city = cities.get(random.nextInt(cities.size()));
            Instant at = daytime(owner.day() + 3 + random.nextInt(settings.days() - owner.day() - 3));
            GeoPoint where = checker == null && shares() ? city.near(random, HOME_RADIUS_KM) : null;
            String ip = checker != null ? networks.address(checker, null)
                    : networks.phone("fake:" + index + ":" + f + ":" + p.batch(), city.country(), null, city.country());
            events.add(new ScanEvent(at, p.batch(), index, false, owner.phone(), city.country(), where, p.story(), true, ip,
                    ScanEvent.Channel.PAGE));
        }
    }

    /** The ring's checking server for a pattern: one data-centre /24 that every scripted check comes from. */
    private String checker(Pattern p) {
        return checkers.computeIfAbsent(p.story(), s -> networks.freshPrefix());
    }

    /**
     * Its owner scans on the page; then 3-10 fakes, each checked once through a partner app that sends no device id,
     * from the buyer's phone (a fifth of them abroad), with the location in the request for 30% of them.
     */
    private void noDeviceClone(Pattern p) {
        long index = take(p.batch());
        Owner owner = owner(p, index, 8);
        for (int f = 3 + random.nextInt(8); f > 0; f--) {
            Place city = random.nextDouble() < 0.2 ? Place.HUBS.get(random.nextInt(Place.HUBS.size())) : home(p.markets());
            Instant at = daytime(owner.day() + 3 + random.nextInt(settings.days() - owner.day() - 3));
            GeoPoint where = random.nextDouble() < 0.3 ? city.near(random, HOME_RADIUS_KM) : null;
            events.add(new ScanEvent(at, p.batch(), index, false, null, city.country(), where, p.story(), true, null,
                    ScanEvent.Channel.API));
        }
    }

    /**
     * A released label printed twice, the run's labels one after another: the genuine product's buyer scans it (60% do),
     * the copy's buyer scans it 1-2 times in another city of the markets or, for 30% of them, abroad.
     */
    private void duplicate(Pattern p) {
        long index = take(p.batch());
        if (random.nextDouble() < 0.6) {
            owner(p, index, settings.days() - 1);
        }
        Place city = random.nextDouble() < 0.3 ? Place.HUBS.get(random.nextInt(Place.HUBS.size())) : home(p.markets());
        buyer(p.batch(), index, city.near(random, HOME_RADIUS_KM), city, daytime(3 + random.nextInt(settings.days() - 4)),
                1 + random.nextInt(2), p.story(), true);
    }

    /**
     * A distributor in the batch's market scans each code once from its warehouse (one phone, one network, no location)
     * in the first week; 3-15 days later each code is sold to a single buyer in one of two cities abroad.
     */
    private void laundered(Pattern p, int codes) {
        Place warehouse = home(p.markets());
        String phone = device();
        String line = networks.freshPrefix();
        List<Place> hubs = new ArrayList<>(Place.HUBS);
        Collections.shuffle(hubs, random);
        for (int i = 0; i < codes; i++) {
            long index = take(p.batch());
            int day = 1 + random.nextInt(7);
            events.add(new ScanEvent(daytime(day), p.batch(), index, false, phone, warehouse.country(), null, p.story(), false,
                    networks.address(line, null), ScanEvent.Channel.PAGE));
            Place city = hubs.get(random.nextInt(2));
            int sold = Math.min(settings.days() - 1, day + 3 + random.nextInt(13));
            buyer(p.batch(), index, city.near(random, HOME_RADIUS_KM), city, daytime(sold), 1 + scansAfterFirst(), p.story(), true);
        }
    }

    /** Two codes to each of countries cities abroad, each bought by a single buyer (1-3 scans). */
    private void thin(Pattern p, int countries) {
        List<Place> world = new ArrayList<>(Place.WORLD);
        Collections.shuffle(world, random);
        for (Place city : world.subList(0, Math.min(countries, world.size()))) {
            for (int c = 0; c < 2; c++) {
                buyer(p.batch(), take(p.batch()), city.near(random, HOME_RADIUS_KM), city,
                        daytime(2 + random.nextInt(settings.days() - 3)), 1 + scansAfterFirst(), p.story(), true);
            }
        }
    }

    /**
     * A household checks its product on 2-6 browsers or phones (the fewer, the likelier: BROWSERS), 1-2 scans each,
     * within a week or two, at home (on the home line most of the time); each browser shares its location as often as
     * anyone's.
     */
    private void household(Pattern p) {
        long index = take(p.batch());
        Place home = home(p.markets());
        GeoPoint house = home.near(random, HOME_RADIUS_KM);
        Instant at = daytime(random.nextInt(settings.days() - 1));
        for (int b = 2 + pick(BROWSERS); b > 0; b--) {
            buyer(p.batch(), index, house, home, at, 1 + random.nextInt(2), p.story(), false);
            at = at.plus(later(Duration.ofMinutes(5), Duration.ofDays(7)));
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
