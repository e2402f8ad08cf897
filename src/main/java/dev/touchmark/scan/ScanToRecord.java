package dev.touchmark.scan;

import java.util.Set;
import java.util.function.BiFunction;

/**
 * One scan to record. When tracksCode is true (a validly signed code of an existing batch) the code's
 * state is updated and decide receives its history; otherwise decide receives null. decide runs on the
 * writer thread, in scan order, with the scan's risk assessment, so the verdict sees every scan recorded
 * before it. batchStatus and markets describe the code's batch for detection (null when there is none);
 * notGenuineReason is set for forged codes.
 */
public record ScanToRecord(long brandId, Long batchId, Long codeIndex, boolean tracksCode, String deviceId,
                           String country, Integer latTenths, Integer lonTenths, String ipHash, String clientKind,
                           String batchStatus, Set<String> markets, String notGenuineReason,
                           BiFunction<CodeHistory, Assessment, Outcome> decide) {

    /** True when the scan came with a location. */
    public boolean located() {
        return latTenths != null && lonTenths != null;
    }
}
