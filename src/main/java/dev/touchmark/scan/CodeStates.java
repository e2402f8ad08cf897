package dev.touchmark.scan;

import dev.touchmark.domain.CodeRef;
import dev.touchmark.scan.ScanRepository.DeviceKey;
import dev.touchmark.scan.ScanRepository.State;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How one scan advances its code's state. The states come from the database under the row locks of the group's
 * transaction (see ScanRepository.lockStates), never from a copy kept by this node, so several nodes recording scans
 * of one code count its scans and phones exactly as one node would.
 */
final class CodeStates {
    private CodeStates() {
    }

    /** Advances a code's state by one scan and returns the code's history as this scan sees it. */
    static CodeHistory advance(ScanToRecord scan, OffsetDateTime now, Map<CodeRef, State> states, Set<DeviceKey> known,
                               List<DeviceKey> newDevices) {
        CodeRef code = new CodeRef(scan.batchId(), scan.codeIndex());
        State state = states.get(code);
        if (state == null) {
            throw new IllegalStateException("no locked state for code " + code);
        }
        boolean first = state.scanCount == 0;
        boolean deviceSeen = false;
        String phone = scan.phoneId();
        if (phone != null) {
            DeviceKey device = new DeviceKey(code, phone);
            deviceSeen = !known.add(device);
            if (!deviceSeen) {
                newDevices.add(device);
                state.deviceCount++;
            }
        } else {
            // Nothing tells this scan's phone from another's: it counts as a new one, as a copy checked by a script would.
            state.deviceCount++;
        }
        String previousCountry = state.lastCountry;
        OffsetDateTime previousCountryAt = state.lastCountryAt;
        if (scan.shopper().country() != null) {
            state.lastCountry = scan.shopper().country();
            state.lastCountryAt = now;
        }
        state.scanCount++;
        state.lastScanAt = now;
        state.changed = true;
        return new CodeHistory(first, deviceSeen, state.firstScanAt, state.firstCountry, state.scanCount, state.deviceCount,
                previousCountry, previousCountryAt);
    }

    /**
     * A code's history as a scan that counts for nothing (a link preview, a staff check) sees it: the scans and phones
     * counted so far, this one not among them; null state for a code no one has scanned.
     */
    static CodeHistory peek(State state) {
        if (state == null || state.scanCount == 0) {
            return new CodeHistory(true, false, null, null, 0, 0);
        }
        return new CodeHistory(false, false, state.firstScanAt, state.firstCountry, state.scanCount, state.deviceCount,
                state.lastCountry, state.lastCountryAt);
    }
}
