package dev.touchmark.scan;

import dev.touchmark.scan.ScanRepository.CodeKey;
import dev.touchmark.scan.ScanRepository.DeviceKey;
import dev.touchmark.scan.ScanRepository.State;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The code states a group of scans works on, for the scan writer's thread only: read from the tables, or, where this
 * server is the only writer of them (embedded H2, whose journal lock admits one server), first from the committed
 * states it keeps of the codes it recorded last. A group works on copies, which replace the kept states only once
 * it has committed, so a group that fails leaves nothing behind.
 */
final class CodeStates {
    /** How many codes' states are kept (up to about 250 bytes each: 50 MB at most). */
    static final int KEPT_CODES = 200_000;
    private final ScanRepository repository;
    /** Committed states, least recently used first; null where other processes may write the tables. */
    private final Map<CodeKey, State> kept;
    private Map<CodeKey, State> group = Map.of();

    private CodeStates(ScanRepository repository, Map<CodeKey, State> kept) {
        this.repository = repository;
        this.kept = kept;
    }

    /** States read from the tables for every group (PostgreSQL, which several nodes may share). */
    static CodeStates readEveryTime(ScanRepository repository) {
        return new CodeStates(repository, null);
    }

    /** States kept in memory once committed, read from the tables only for codes not seen since start. */
    static CodeStates keptInMemory(ScanRepository repository, int codes) {
        return new CodeStates(repository, new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<CodeKey, State> eldest) {
                return size() > codes;
            }
        });
    }

    /** The states of these codes (those without one are absent) for the group in hand, to be advanced in scan order. */
    Map<CodeKey, State> forGroup(Set<CodeKey> codes) {
        Map<CodeKey, State> states = new LinkedHashMap<>();
        Set<CodeKey> unknown = codes;
        if (kept != null) {
            unknown = new HashSet<>(codes);
            for (Iterator<CodeKey> it = unknown.iterator(); it.hasNext(); ) {
                CodeKey code = it.next();
                State committed = kept.get(code);
                if (committed != null) {
                    states.put(code, committed.committed());
                    it.remove();
                }
            }
        }
        states.putAll(repository.loadStates(unknown));
        group = states;
        return states;
    }

    /** The group in hand committed: its states are now the committed ones. */
    void groupCommitted() {
        if (kept != null) {
            group.forEach((code, state) -> kept.put(code, state.committed()));
        }
        group = Map.of();
    }

    /** The group in hand did not commit: the kept states stay as they were. */
    void groupFailed() {
        group = Map.of();
    }

    /** Advances a code's state by one scan and returns the code's history as this scan sees it. */
    static CodeHistory advance(ScanToRecord scan, OffsetDateTime now, Map<CodeKey, State> states, Set<DeviceKey> known,
                               List<DeviceKey> newDevices) {
        CodeKey code = new CodeKey(scan.batchId(), scan.codeIndex());
        State state = states.computeIfAbsent(code,
                c -> new State(scan.brandId(), now, scan.deviceId(), scan.country(), 0, 0, false));
        boolean first = state.scanCount == 0;
        boolean deviceSeen = false;
        if (scan.deviceId() != null) {
            DeviceKey device = new DeviceKey(code, scan.deviceId());
            deviceSeen = !known.add(device);
            if (!deviceSeen) {
                newDevices.add(device);
                state.deviceCount++;
                state.addedDevices++;
            }
        }
        state.scanCount++;
        state.addedScans++;
        state.lastScanAt = now;
        return new CodeHistory(first, deviceSeen, state.firstScanAt, state.firstCountry, state.scanCount, state.deviceCount);
    }
}
