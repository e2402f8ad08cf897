package dev.touchmark.alliance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.touchmark.error.ValidationException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rules of sharing settings: what a request may say, and when the anonymity floor is met; no database. */
class SharingServiceTest {
    private static List<String> refused(Map<String, String> body) {
        return assertThrows(ValidationException.class, () -> SharingService.parse(body)).errors().stream()
                .map(e -> e.field() + " " + e.message()).toList();
    }

    @Test
    void anySubsetOfKnownClassesAndLevelsIsAccepted() {
        assertEquals(Map.of(), SharingService.parse(Map.of()));
        assertEquals(Map.of(SignalClass.HOTSPOTS, SharingLevel.ANONYMOUS, SignalClass.FORGERY_WAVES, SharingLevel.NAMED,
                        SignalClass.LABEL_HOSTS, SharingLevel.NONE),
                SharingService.parse(Map.of("hotspots", "anonymous", "forgery_waves", "named", "label_hosts", "none")));
    }

    @Test
    void everyUnknownClassAndLevelIsNamedAtOnce() {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("recipes", "named");
        body.put("sellers", "loudly");
        body.put("hotspots", null);
        body.put("HOTSPOTS", "named");
        assertEquals(List.of(
                "recipes is not a signal class; known classes: hotspots, sellers, label_hosts, forgery_waves",
                "sellers must be one of none, anonymous, named",
                "hotspots must be one of none, anonymous, named",
                "HOTSPOTS is not a signal class; known classes: hotspots, sellers, label_hosts, forgery_waves"), refused(body));
    }

    @Test
    void idsRoundTripAndOnlyExactIdsAreKnown() {
        for (SignalClass signalClass : SignalClass.values()) {
            assertEquals(signalClass, SignalClass.of(signalClass.id()).orElseThrow());
        }
        for (SharingLevel level : SharingLevel.values()) {
            assertEquals(level, SharingLevel.of(level.id()).orElseThrow());
        }
        assertTrue(SignalClass.of("Hotspots").isEmpty());
        assertTrue(SharingLevel.of("NAMED").isEmpty());
        assertFalse(SharingLevel.NONE.shares());
        assertTrue(SharingLevel.ANONYMOUS.shares() && SharingLevel.NAMED.shares());
    }

    @Test
    void theAnonymityFloorIsMetAtThreeSharingMembers() {
        assertFalse(SharingService.floorMet(0));
        assertFalse(SharingService.floorMet(2));
        assertTrue(SharingService.floorMet(3));
        assertTrue(SharingService.floorMet(10));
    }
}
