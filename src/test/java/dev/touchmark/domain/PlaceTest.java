package dev.touchmark.domain;



import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class PlaceTest {
    @Test
    void distancesAreGreatCircleKilometres() {
        assertEquals(9_260, new Place(489, 24).distanceKm(new Place(312, 1215)), 60, "Paris to Shanghai");
        assertEquals(0, new Place(489, 24).distanceKm(new Place(489, 24)), 1e-9);
        assertEquals(111, new Place(0, 0).distanceKm(new Place(10, 0)), 1);
    }

    @Test
    void cellsAreHalfDegreesAndNegativeCoordinatesRoundDown() {
        assertEquals("97:4", new Place(488, 23).cell());
        assertEquals(new Place(486, 21).cell(), new Place(489, 24).cell());
        assertNotEquals(new Place(489, 24).cell(), new Place(490, 24).cell());
        assertEquals("-1:-1", new Place(-1, -3).cell());
    }
}
