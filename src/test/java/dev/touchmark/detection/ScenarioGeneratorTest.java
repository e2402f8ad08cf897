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

    private static Map<String, List<ScanEvent>> byCode(Story story) {
        Map<String, List<ScanEvent>> codes = new LinkedHashMap<>();
        SCENARIO.events().stream().filter(e -> e.story() == story)
                .forEach(e -> codes.computeIfAbsent(e.code(), c -> new ArrayList<>()).add(e));
        return codes;
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
    void aForgedUrlDiffersFromTheGenuineOneInItsSignatureOnly() {
        String url = "HTTPS://TM.EXAMPLE/V/" + "A".repeat(30) + "Q".repeat(100);
        String forged = ScenarioReplay.forge(url);
        assertEquals(url.length(), forged.length());
        assertEquals(url.substring(0, url.length() - 10), forged.substring(0, url.length() - 10));
        assertNotEquals(url, forged);
    }
}
