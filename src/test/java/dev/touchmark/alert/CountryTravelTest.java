package dev.touchmark.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.touchmark.scan.CodeHistory;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

class CountryTravelTest {
    private static final OffsetDateTime T0 = OffsetDateTime.parse("2026-03-10T10:00:00Z");

    private static CodeHistory before(String country, OffsetDateTime at) {
        return new CodeHistory(false, false, T0, "FR", 3, 2, country, at);
    }

    @Test
    void farApartCountriesHaveALowerBoundAndNeighboursOrHugeCountriesNone() {
        CountryDistances table = CountryDistances.table();
        double frAe = table.leastKm("FR", "AE").orElseThrow();
        assertTrue(frAe > 3500 && frAe < 5204, "less than the 5,200 km between the centres: " + frAe);
        assertEquals(0, table.leastKm("FR", "BE").orElseThrow(), "neighbours can be a few km apart");
        assertEquals(0, table.leastKm("DE", "DE").orElseThrow());
        assertTrue(table.leastKm("FR", "US").orElseThrow() < 1000, "the US reaches Hawaii and Alaska");
        assertTrue(table.leastKm("FR", "XX").isEmpty(), "an unknown country is never judged");
        assertTrue(table.leastKm(null, "FR").isEmpty());
        assertEquals(table.leastKm("DE", "NG").orElseThrow(), table.leastKm("ng", "de").orElseThrow(), 0.001);
    }

    @Test
    void aCodeMovingBetweenFarCountriesWithinHoursIsFasterThanAnyoneTravels() {
        AlertTexts.CountryMove hop = Detector.countryMove(before("DE", T0), "NG", T0.plusHours(2)).orElseThrow();
        assertEquals("DE", hop.from());
        assertEquals("NG", hop.to());
        assertEquals(120, hop.minutes(), 0.01);
        assertTrue(hop.kmh() > 900, "DE to NG in two hours: " + hop);
        AlertTexts.CountryMove flight = Detector.countryMove(before("DE", T0), "NG", T0.plusHours(8)).orElseThrow();
        assertTrue(flight.kmh() < 900, "a flight's worth of time is possible: " + flight);
    }

    @Test
    void theSameCountryANeighbourAnUnknownCountryOrNoPreviousCountryIsNoMove() {
        assertTrue(Detector.countryMove(before("FR", T0), "FR", T0.plusMinutes(5)).isEmpty());
        assertTrue(Detector.countryMove(before("FR", T0), "BE", T0.plusMinutes(5)).isEmpty());
        assertTrue(Detector.countryMove(before("FR", T0), "T1", T0.plusMinutes(5)).isEmpty());
        assertTrue(Detector.countryMove(before("FR", T0), null, T0.plusMinutes(5)).isEmpty());
        assertTrue(Detector.countryMove(before(null, null), "AE", T0.plusMinutes(5)).isEmpty());
    }
}
