package dev.touchmark.detection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ScenarioGeneratorTest {
    private static final Scenario SCENARIO = ScenarioGenerator.generate(ScenarioSettings.standard(42));

    private static final AdversarialSettings SCALE = AdversarialSettings.standard();
    private static final Scenario ADVERSARIAL = ScenarioGenerator.generate(ScenarioSettings.adversarial(42, SCALE));

    private static Map<String, List<ScanEvent>> byCode(Story story) {
        return byCode(SCENARIO, story);
    }

    private static Map<String, List<ScanEvent>> byCode(Scenario scenario, Story story) {
        Map<String, List<ScanEvent>> codes = new LinkedHashMap<>();
        scenario.events().stream().filter(e -> e.story() == story)
                .forEach(e -> codes.computeIfAbsent(e.code(), c -> new ArrayList<>()).add(e));
        return codes;
    }

    private static List<ScanEvent> fakes(List<ScanEvent> scans) {
        return scans.stream().filter(ScanEvent::illicit).toList();
    }

    private static boolean inMarkets(ScanEvent e) {
        return ADVERSARIAL.batch(e.batch()).markets().contains(e.country());
    }

    private static Set<String> phones(List<ScanEvent> scans) {
        return scans.stream().map(ScanEvent::device).collect(Collectors.toSet());
    }

    private static double km(GeoPoint a, Place b) {
        double dLat = (a.lat() - b.lat()) * 111.2;
        double dLon = (a.lon() - b.lon()) * 111.2 * Math.cos(Math.toRadians(b.lat()));
        return Math.hypot(dLat, dLon);
    }

    @Test
    void theSameSeedGivesTheSameScansAndAnotherSeedOtherScans() {
        assertEquals(SCENARIO, ScenarioGenerator.generate(ScenarioSettings.standard(42)));
        assertNotEquals(SCENARIO.events(), ScenarioGenerator.generate(ScenarioSettings.standard(43)).events());
    }

    @Test
    void scansComeInTimeOrderWithValidDeviceCookies() {
        List<ScanEvent> events = SCENARIO.events();
        assertEquals(events.stream().sorted(Comparator.comparing(ScanEvent::at)).toList(), events);
        assertTrue(events.stream().allMatch(e -> e.device().matches("[A-Z2-7]{26}")));
        assertTrue(events.stream().allMatch(e -> e.channel() == ScanEvent.Channel.PAGE && e.ip().matches("\\d+\\.\\d+\\.\\d+\\.\\d+")));
        assertTrue(events.get(0).at().isAfter(ScenarioGenerator.START.minusSeconds(1)));
    }

    @Test
    void theRingSells5000FakesOf50GenuineLabelsInMarseilleAndDubaiOnePhoneEach() {
        Map<String, List<ScanEvent>> ring = byCode(Story.CLONE_RING);
        assertEquals(50, ring.size());
        List<ScanEvent> fakes = ring.values().stream().flatMap(List::stream).filter(ScanEvent::illicit).toList();
        assertEquals(5_000, fakes.size());
        assertEquals(5_000, phones(fakes).size(), "each fake is bought by a different phone");
        assertEquals(Set.of("FR", "AE"), fakes.stream().map(ScanEvent::country).collect(Collectors.toSet()));
        assertTrue(fakes.stream().filter(e -> e.location() != null)
                .allMatch(e -> km(e.location(), Place.MARSEILLE) < 10 || km(e.location(), Place.DUBAI) < 10));
        long inDubai = fakes.stream().filter(e -> e.country().equals("AE")).count();
        assertTrue(inDubai > 2_300 && inDubai < 2_700, "about half in each city: " + inDubai);
        for (List<ScanEvent> scans : ring.values()) {
            assertFalse(scans.get(0).illicit(), "its genuine owner scans each label first");
            assertEquals(Scenario.SERUM_1, scans.get(0).batch());
        }
    }

    @Test
    void genuineCodesHaveOnePhoneUnlessAFamilyOrAResellerShareThem() {
        byCode(Story.SINGLE_BUYER).values().forEach(scans -> {
            assertEquals(1, phones(scans).size());
            assertTrue(scans.size() <= 3);
        });
        byCode(Story.TOURIST).values().forEach(scans -> {
            assertEquals(1, phones(scans).size());
            assertEquals(1, scans.stream().filter(e -> !e.country().equals(scans.get(0).country())).count(), "one scan abroad");
        });
        byCode(Story.FAMILY).values().forEach(scans -> assertTrue(phones(scans).size() == 2 || phones(scans).size() == 3));
        byCode(Story.RESELLER).values().forEach(scans -> assertEquals(2, phones(scans).size()));
        assertTrue(SCENARIO.events().stream().filter(e -> e.truth() == Truth.GENUINE).noneMatch(ScanEvent::illicit));
    }

    @Test
    void familiesAndResellersStayInOneCity() {
        for (Story story : List.of(Story.FAMILY, Story.RESELLER)) {
            byCode(story).values().forEach(scans -> {
                Set<String> countries = scans.stream().map(ScanEvent::country).collect(Collectors.toSet());
                assertEquals(1, countries.size());
                List<GeoPoint> points = scans.stream().map(ScanEvent::location).filter(p -> p != null).toList();
                Place first = points.isEmpty() ? null : new Place("", "", points.get(0).lat(), points.get(0).lon());
                for (GeoPoint p : points) {
                    assertTrue(km(p, first) < 2 * ScenarioGenerator.HOME_RADIUS_KM + 5, "one city: " + points);
                }
            });
        }
    }

    @Test
    void theSharesOfTheStoriesAreTheConfiguredOnes() {
        ScenarioSettings settings = SCENARIO.settings();
        Map<Story, Long> codes = SCENARIO.codes().values().stream().collect(Collectors.groupingBy(s -> s, Collectors.counting()));
        long genuine = codes.entrySet().stream().filter(e -> e.getKey().truth() == Truth.GENUINE).mapToLong(Map.Entry::getValue).sum();
        assertEquals(settings.genuineCodes(), genuine);
        assertEquals(settings.familyShare(), codes.get(Story.FAMILY) / (double) genuine, 0.015);
        assertEquals(settings.resellerShare(), codes.get(Story.RESELLER) / (double) genuine, 0.015);
        assertEquals(settings.touristShare(), codes.get(Story.TOURIST) / (double) genuine, 0.01);
        assertEquals(settings.divertedCodes(), codes.get(Story.DIVERTED));
        assertEquals(settings.leakedCodes(), codes.get(Story.LEAKED));
    }

    @Test
    void divertedLeakedAndForgedScansAreWhereTheStorySaysAndInsideTheirBatches() {
        assertTrue(SCENARIO.events().stream().filter(e -> e.story() == Story.DIVERTED)
                .allMatch(e -> e.country().equals("TR") && e.batch().equals(Scenario.SERUM_FR)));
        assertFalse(SCENARIO.batch(Scenario.CREAM_DRAFT).released());
        assertTrue(SCENARIO.events().stream().filter(e -> e.story() == Story.LEAKED)
                .allMatch(e -> e.batch().equals(Scenario.CREAM_DRAFT)));
        List<ScanEvent> forged = SCENARIO.events().stream().filter(e -> e.story() == Story.FORGED).toList();
        assertEquals(SCENARIO.settings().forgedScans(), forged.size());
        assertTrue(forged.stream().allMatch(ScanEvent::forged));
        assertTrue(SCENARIO.events().stream().allMatch(e -> e.index() < SCENARIO.batch(e.batch()).quantity()));
    }

    @Test
    void theAdversarialStoriesLeaveTheMonthsScansAsTheyWere() {
        ScenarioSettings month = ScenarioSettings.small(42);
        Scenario alone = ScenarioGenerator.generate(month);
        ScenarioSettings both = new ScenarioSettings(42, month.genuineCodes(), month.ringCodes(), month.ringFakes(),
                month.divertedCodes(), month.leakedCodes(), month.forgedScans(), month.days(), month.familyShare(),
                month.resellerShare(), month.touristShare(), month.locationShare(), AdversarialSettings.small());
        List<ScanEvent> mixed = ScenarioGenerator.generate(both).events();
        Set<String> patternBatches = ScenarioGenerator.PATTERNS.stream().map(ScenarioGenerator.Pattern::batch)
                .collect(Collectors.toSet());
        assertTrue(alone.events().equals(mixed.stream().filter(e -> !patternBatches.contains(e.batch())).toList()),
                "the month's scans, in the same order, with the same addresses");
        assertTrue(mixed.size() > alone.events().size());
        assertTrue(SCENARIO.events().stream().noneMatch(e -> e.story().adversarial()));
    }

    @Test
    void everyPatternHasItsCodesInABatchOfItsOwnAmongOrdinaryBuyers() {
        for (ScenarioGenerator.Pattern p : ScenarioGenerator.PATTERNS) {
            int expected = switch (p.story()) {
                case THIN_DIVERSION -> 2 * SCALE.thinCountries();
                case HOUSEHOLD -> SCALE.households();
                default -> SCALE.patternCodes();
            };
            Map<String, List<ScanEvent>> codes = byCode(ADVERSARIAL, p.story());
            assertEquals(expected, codes.size(), p.story().name());
            assertTrue(codes.values().stream().flatMap(List::stream).allMatch(e -> e.batch().equals(p.batch())));
            long background = ADVERSARIAL.codes().entrySet().stream().filter(e -> e.getValue() != Story.HOUSEHOLD
                    && e.getValue().truth() == Truth.GENUINE && e.getKey().startsWith(p.batch() + ":")).count();
            assertEquals(SCALE.backgroundCodes(), background, p.batch());
        }
        assertTrue(ADVERSARIAL.events().stream().filter(e -> e.truth() == Truth.GENUINE).noneMatch(ScanEvent::illicit));
        assertEquals(ADVERSARIAL.events().stream().sorted(Comparator.comparing(ScanEvent::at)).toList(), ADVERSARIAL.events());
    }

    @Test
    void slowClonesAreScannedThreeOrFourTimesOverWeeksByOtherPhonesThanTheOwners() {
        byCode(ADVERSARIAL, Story.SLOW_CLONE).values().forEach(scans -> {
            assertFalse(scans.get(0).illicit(), "the genuine buyer scans first");
            List<ScanEvent> fakes = fakes(scans);
            assertTrue(fakes.size() == 3 || fakes.size() == 4, "fakes: " + fakes.size());
            assertEquals(fakes.size(), phones(fakes).size(), "one phone each");
            assertFalse(phones(fakes).contains(scans.get(0).device()));
            assertTrue(fakes.stream().allMatch(ScenarioGeneratorTest::inMarkets));
            assertTrue(fakes.get(0).at().isAfter(scans.get(0).at().plus(java.time.Duration.ofDays(4))));
        });
    }

    @Test
    void unscannedClonesHaveNoGenuineScanAndOneToFourPhones() {
        byCode(ADVERSARIAL, Story.UNSCANNED_CLONE).values().forEach(scans -> {
            assertTrue(scans.stream().allMatch(ScanEvent::illicit));
            assertTrue(scans.size() >= 1 && scans.size() <= 4);
            assertEquals(scans.size(), phones(scans).size());
        });
    }

    @Test
    void cookieClonesCarryTheOwnersCookieAbroadOrInTheMarketsSomeFromOneCheckingServer() {
        for (Story story : List.of(Story.COOKIE_CLONE_ABROAD, Story.COOKIE_CLONE_IN_MARKET)) {
            Set<String> checkerPrefixes = new java.util.HashSet<>();
            int scripted = 0;
            for (List<ScanEvent> scans : byCode(ADVERSARIAL, story).values()) {
                ScanEvent owner = scans.get(0);
                assertFalse(owner.illicit());
                List<ScanEvent> fakes = fakes(scans);
                assertTrue(fakes.size() >= 8 && fakes.size() <= 30, "fakes: " + fakes.size());
                assertEquals(Set.of(owner.device()), phones(scans), "every fake carries the owner's cookie");
                boolean abroad = story == Story.COOKIE_CLONE_ABROAD;
                assertTrue(fakes.stream().allMatch(e -> inMarkets(e) != abroad));
                Set<String> prefixes = fakes.stream().map(ScanEvent::prefix).collect(Collectors.toSet());
                if (prefixes.size() == 1) {
                    scripted++;
                    checkerPrefixes.addAll(prefixes);
                    assertTrue(fakes.stream().allMatch(e -> e.location() == null), "a script shares no location");
                }
            }
            assertTrue(scripted >= SCALE.patternCodes() / 4, story + " scripted labels: " + scripted);
            assertEquals(1, checkerPrefixes.size(), "one checking server for all of the ring's scripted labels");
        }
    }

    @Test
    void noDeviceClonesAreCheckedThroughTheApiWithoutADeviceId() {
        byCode(ADVERSARIAL, Story.NO_DEVICE_CLONE).values().forEach(scans -> {
            assertEquals(ScanEvent.Channel.PAGE, scans.get(0).channel());
            assertFalse(scans.get(0).illicit());
            List<ScanEvent> fakes = fakes(scans);
            assertTrue(fakes.size() >= 3 && fakes.size() <= 10);
            assertTrue(fakes.stream().allMatch(e -> e.channel() == ScanEvent.Channel.API && e.device() == null));
        });
        assertTrue(byCode(ADVERSARIAL, Story.APP_BUYER).values().stream().flatMap(List::stream)
                .allMatch(e -> e.channel() == ScanEvent.Channel.API && e.device() == null && !e.illicit()));
    }

    @Test
    void theOverrunsLabelsComeRightAfterTheBatchsQuantityAndTheDuplicateRunIsConsecutive() {
        List<Long> overrun = byCode(ADVERSARIAL, Story.PRINTER_OVERRUN).values().stream().map(l -> l.get(0).index())
                .sorted().toList();
        long quantity = ADVERSARIAL.batch("OVERRUN-FR-BE").quantity();
        assertEquals(java.util.stream.LongStream.range(quantity, quantity + SCALE.patternCodes()).boxed().toList(), overrun);
        assertTrue(ADVERSARIAL.events().stream().filter(e -> e.story() != Story.PRINTER_OVERRUN)
                .allMatch(e -> e.index() < ADVERSARIAL.batch(e.batch()).quantity()));
        Map<String, List<ScanEvent>> duplicates = byCode(ADVERSARIAL, Story.DUPLICATE_RUN);
        List<Long> run = duplicates.values().stream().map(l -> l.get(0).index()).sorted().toList();
        assertEquals(run.get(0) + run.size() - 1, (long) run.get(run.size() - 1), "consecutive labels");
        duplicates.values().forEach(scans -> assertEquals(1, phones(fakes(scans)).size(), "one copy per label"));
        long ownersScanning = duplicates.values().stream().filter(l -> l.stream().anyMatch(e -> !e.illicit())).count();
        assertTrue(ownersScanning > run.size() / 3 && ownersScanning < run.size(), "some owners scan: " + ownersScanning);
    }

    @Test
    void theLaunderedCodesAreScannedByOneDistributorAtHomeThenSoldInTwoCountriesAbroad() {
        Map<String, List<ScanEvent>> codes = byCode(ADVERSARIAL, Story.LAUNDERED_DIVERSION);
        Set<String> distributor = codes.values().stream().map(l -> l.get(0).device()).collect(Collectors.toSet());
        assertEquals(1, distributor.size());
        assertTrue(codes.values().stream().map(l -> l.get(0)).allMatch(e -> !e.illicit() && inMarkets(e)));
        Set<String> abroad = codes.values().stream().flatMap(l -> l.stream().skip(1)).peek(e -> assertTrue(e.illicit()))
                .map(ScanEvent::country).collect(Collectors.toSet());
        assertEquals(2, abroad.size());
        assertTrue(abroad.stream().noneMatch(c -> ADVERSARIAL.batch("LAUNDER-DE").markets().contains(c)));
    }

    @Test
    void theThinDiversionSpans25CountriesWithTwoCodesEach() {
        Map<String, Set<String>> codesByCountry = new java.util.TreeMap<>();
        byCode(ADVERSARIAL, Story.THIN_DIVERSION).forEach((code, scans) -> {
            assertEquals(1, scans.stream().map(ScanEvent::country).distinct().count());
            assertEquals(1, phones(scans).size());
            codesByCountry.computeIfAbsent(scans.get(0).country(), c -> new java.util.HashSet<>()).add(code);
        });
        assertEquals(25, codesByCountry.size());
        assertTrue(codesByCountry.values().stream().allMatch(c -> c.size() == 2), codesByCountry.toString());
        assertFalse(codesByCountry.containsKey("FR"));
    }

    @Test
    void householdsCheckOnTwoToSixBrowsersAtOneHomeMostlyOverTheirHomeLine() {
        Map<String, List<ScanEvent>> households = byCode(ADVERSARIAL, Story.HOUSEHOLD);
        Set<Integer> sizes = new java.util.TreeSet<>();
        int sharingALine = 0;
        int located = 0;
        for (List<ScanEvent> scans : households.values()) {
            int browsers = phones(scans).size();
            sizes.add(browsers);
            assertTrue(browsers >= 2 && browsers <= 6, "browsers: " + browsers);
            assertEquals(1, scans.stream().map(ScanEvent::country).distinct().count());
            List<GeoPoint> points = scans.stream().map(ScanEvent::location).filter(p -> p != null).toList();
            located += points.isEmpty() ? 0 : 1;
            for (GeoPoint p : points) {
                assertTrue(km(p, new Place("", "", points.get(0).lat(), points.get(0).lon())) < 5, "one home: " + points);
            }
            Map<String, Set<String>> browsersByPrefix = new LinkedHashMap<>();
            scans.forEach(e -> browsersByPrefix.computeIfAbsent(e.prefix(), k -> new java.util.HashSet<>()).add(e.device()));
            sharingALine += browsersByPrefix.values().stream().anyMatch(d -> d.size() >= 2) ? 1 : 0;
        }
        assertEquals(Set.of(2, 3, 4, 5, 6), sizes);
        assertTrue(sharingALine > 0.8 * households.size(), "households with two browsers on one line: " + sharingALine);
        assertTrue(located > households.size() / 10, "some share locations: " + located);
    }

    @Test
    void aForgedUrlDiffersFromTheGenuineOneInItsSignatureOnly() {
        String url = "HTTPS://TM.EXAMPLE/V/" + "A".repeat(30) + "Q".repeat(100);
        String forged = ScenarioReplay.forge(url);
        assertEquals(url.length(), forged.length());
        assertEquals(url.substring(0, url.length() - 10), forged.substring(0, url.length() - 10));
        assertNotEquals(url, forged);
    }
}
