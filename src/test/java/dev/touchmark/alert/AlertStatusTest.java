package dev.touchmark.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class AlertStatusTest {
    @Test
    void openAlertsCanBeAcknowledgedResolvedOrMarkedFalsePositive() {
        assertEquals(Optional.empty(), AlertStatus.OPEN.refusal(AlertStatus.ACKNOWLEDGED, null));
        assertEquals(Optional.empty(), AlertStatus.OPEN.refusal(AlertStatus.RESOLVED, null));
        assertEquals(Optional.empty(), AlertStatus.ACKNOWLEDGED.refusal(AlertStatus.FALSE_POSITIVE, null));
    }

    @Test
    void closedAlertsReopenOnlyWithAReason() {
        assertTrue(AlertStatus.RESOLVED.refusal(AlertStatus.OPEN, null).orElseThrow().contains("comment"));
        assertTrue(AlertStatus.FALSE_POSITIVE.refusal(AlertStatus.OPEN, " ").isPresent());
        assertEquals(Optional.empty(), AlertStatus.RESOLVED.refusal(AlertStatus.OPEN, "It came back"));
        assertTrue(AlertStatus.RESOLVED.refusal(AlertStatus.ACKNOWLEDGED, "x").isPresent());
    }

    @Test
    void noMoveToTheSameStatusOrBackFromAcknowledgedToOpen() {
        assertTrue(AlertStatus.OPEN.refusal(AlertStatus.OPEN, "x").isPresent());
        assertTrue(AlertStatus.ACKNOWLEDGED.refusal(AlertStatus.OPEN, "x").isPresent());
    }
}
