package dev.touchmark.scan;

import java.time.OffsetDateTime;

/**
 * What the scan log knew about a code when one scan of it was recorded: whether this was its first scan,
 * whether this device had scanned it before, when and where it was first scanned, the totals
 * including this scan, and the country and time of its last scan with a known country before this one (null if none).
 */
public record CodeHistory(boolean firstScan, boolean deviceSeenBefore, OffsetDateTime firstScanAt, String firstCountry,
                          long scanCount, int deviceCount, String previousCountry, OffsetDateTime previousCountryAt) {

    /** A history without a previous country. */
    public CodeHistory(boolean firstScan, boolean deviceSeenBefore, OffsetDateTime firstScanAt, String firstCountry,
                       long scanCount, int deviceCount) {
        this(firstScan, deviceSeenBefore, firstScanAt, firstCountry, scanCount, deviceCount, null, null);
    }
}
