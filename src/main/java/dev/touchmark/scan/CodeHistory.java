package dev.touchmark.scan;

import dev.touchmark.domain.LocatedScan;
import java.time.OffsetDateTime;

/**
 * What the scan log knew about a code when one scan of it was recorded: whether this was its first scan,
 * whether this device had scanned it before, when and where it was first scanned, the totals
 * including this scan, and the country and time of its last scan with a known country before this one (null if none).
 * household is true for a browser or phone new to the code that checks it from the home network of the code's earlier
 * phones: one household's second browser, not another buyer; deviceCount does not count it. replayed is true when a
 * device cookie the code has seen checks it from yet another network outside its household (a copied link or a
 * scripted checker carrying the owner's cookie): the scan counts as a new phone. previousLocated is the code's last
 * scan with a shared location before this one (null if none).
 */
public record CodeHistory(boolean firstScan, boolean deviceSeenBefore, OffsetDateTime firstScanAt, String firstCountry,
                          long scanCount, int deviceCount, String previousCountry, OffsetDateTime previousCountryAt,
                          boolean household, boolean replayed, LocatedScan previousLocated) {

    /** A history of a scan that is not a household's further browser. */
    public CodeHistory(boolean firstScan, boolean deviceSeenBefore, OffsetDateTime firstScanAt, String firstCountry,
                       long scanCount, int deviceCount, String previousCountry, OffsetDateTime previousCountryAt) {
        this(firstScan, deviceSeenBefore, firstScanAt, firstCountry, scanCount, deviceCount, previousCountry,
                previousCountryAt, false, false, null);
    }

    /** True when this scan's phone is one the code has seen, or a further browser of a household it has seen. */
    public boolean knownHousehold() {
        return deviceSeenBefore || household;
    }

    /** A history without a previous country. */
    public CodeHistory(boolean firstScan, boolean deviceSeenBefore, OffsetDateTime firstScanAt, String firstCountry,
                       long scanCount, int deviceCount) {
        this(firstScan, deviceSeenBefore, firstScanAt, firstCountry, scanCount, deviceCount, null, null);
    }
}
