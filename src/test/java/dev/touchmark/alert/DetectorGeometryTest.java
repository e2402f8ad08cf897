package dev.touchmark.alert;

import dev.touchmark.domain.Place;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class DetectorGeometryTest {
    @Test
    void distancesAreGreatCircleKilometres() {
        assertEquals(9_260, Detector.distanceKm(489, 24, 312, 1215), 60, "Paris to Shanghai");
        assertEquals(0, Detector.distanceKm(489, 24, 489, 24), 1e-9);
        assertEquals(111, Detector.distanceKm(0, 0, 10, 0), 1);
    }

    @Test
    void cellsAreHalfDegreesAndNegativeCoordinatesRoundDown() {
        assertEquals("97:4", Detector.cell(new Place(488, 23)));
        assertEquals(Detector.cell(new Place(486, 21)), Detector.cell(new Place(489, 24)));
        assertNotEquals(Detector.cell(new Place(489, 24)), Detector.cell(new Place(490, 24)));
        assertEquals("-1:-1", Detector.cell(new Place(-1, -3)));
    }
}
