package dev.touchmark.scan;

import java.time.OffsetDateTime;

/**
 * One row of the scan log as exports read it. deviceId is the shopper's device cookie, which never leaves the server
 * as it is: exports show a pseudonym of it.
 */
public record LoggedScan(long id, OffsetDateTime scannedAt, String verdict, String reason, Long batchId, Long codeIndex,
                         Integer risk, String riskReasons, String country, Integer latTenths, Integer lonTenths,
                         String client, String deviceId) {
}
