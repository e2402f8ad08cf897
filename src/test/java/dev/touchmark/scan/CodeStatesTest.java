package dev.touchmark.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.touchmark.domain.BatchStatus;
import dev.touchmark.domain.ClientKind;
import dev.touchmark.domain.CodeRef;
import dev.touchmark.domain.Shopper;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CodeStatesTest {
    private static final CodeRef CODE = new CodeRef(2, 3);
    private static final OffsetDateTime T0 = OffsetDateTime.parse("2026-03-10T10:00:00Z");
    private final Map<CodeRef, ScanRepository.State> states = new HashMap<>(Map.of(CODE,
            new ScanRepository.State(1, T0, null, "FR", 0, 0, T0)));
    private final Set<ScanRepository.DeviceKey> known = new HashSet<>();
    private final List<ScanRepository.DeviceKey> added = new ArrayList<>();

    private CodeHistory scan(String device, String network, String country, OffsetDateTime at) {
        Shopper shopper = new Shopper(device, country, null, network, ClientKind.API);
        return CodeStates.advance(ScanToRecord.tracked(1, CODE, BatchStatus.RELEASED, Set.of("FR"), shopper, (h, a) -> null),
                at, states, known, added);
    }

    @Test
    void aScanWithoutADeviceIdIsOnePhonePerNetworkAndANewPhoneWhenNothingIsKnown() {
        assertEquals(1, scan("A".repeat(26), "1".repeat(32), "FR", T0).deviceCount());
        CodeHistory app = scan(null, "2".repeat(32), "FR", T0.plusMinutes(1));
        assertEquals(2, app.deviceCount(), "a partner's call from another network is another phone");
        CodeHistory again = scan(null, "2".repeat(32), "FR", T0.plusMinutes(2));
        assertEquals(2, again.deviceCount());
        assertTrue(again.deviceSeenBefore(), "the same network again is the same phone");
        assertEquals(3, scan(null, null, "FR", T0.plusMinutes(3)).deviceCount());
        CodeHistory unknown = scan(null, null, "FR", T0.plusMinutes(4));
        assertEquals(4, unknown.deviceCount(), "with neither a device id nor a network, every scan is a new phone");
        assertFalse(unknown.deviceSeenBefore());
        assertEquals("net:" + "2".repeat(28), added.get(1).deviceId());
        assertEquals(2, added.size());
    }

    @Test
    void eachScanSeesTheCountryAndTimeOfTheCodesLastScanThatHadOne() {
        CodeHistory first = scan("A".repeat(26), null, "DE", T0);
        assertNull(first.previousCountry());
        CodeHistory unknown = scan("A".repeat(26), null, null, T0.plusHours(1));
        assertEquals("DE", unknown.previousCountry());
        CodeHistory nigeria = scan("B".repeat(26), null, "NG", T0.plusHours(2));
        assertEquals("DE", nigeria.previousCountry(), "a scan without a country moves nothing");
        assertEquals(T0, nigeria.previousCountryAt());
        assertEquals("NG", scan("C".repeat(26), null, "AE", T0.plusHours(3)).previousCountry());
    }
}
