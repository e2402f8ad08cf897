package dev.touchmark.scan;

import java.time.OffsetDateTime;

/**
 * What the scan log knew about a code when one scan of it was recorded: whether this was its first scan,
 * whether this device had scanned it before, when and where it was first scanned, and the totals
 * including this scan.
 */
public record CodeHistory(boolean firstScan, boolean deviceSeenBefore, OffsetDateTime firstScanAt, String firstCountry,
                          long scanCount, int deviceCount) {
}
