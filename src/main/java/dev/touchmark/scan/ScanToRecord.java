package dev.touchmark.scan;

import java.util.function.Function;

/**
 * One scan to record. When tracksCode is true (a validly signed code of an existing batch) the code's
 * state is updated and decide receives its history; otherwise decide receives null. decide runs on the
 * writer thread, in scan order, so the verdict sees every scan recorded before it.
 */
public record ScanToRecord(long brandId, Long batchId, Long codeIndex, boolean tracksCode, String deviceId,
                           String country, Integer latTenths, Integer lonTenths, String ipHash, String clientKind,
                           Function<CodeHistory, Outcome> decide) {
}
