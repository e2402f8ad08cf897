package dev.touchmark.detection;

import java.time.Instant;

/**
 * One scan of the scenario with its ground truth.
 *
 * @param at       simulated time of the scan
 * @param batch    the key of the batch the code names
 * @param index    the code's index in that batch
 * @param forged   true if the code's signature is made up (only the batch and index are real)
 * @param device   the phone's device cookie (26 base32 characters)
 * @param country  the country the scan comes from, as the proxy header tells it
 * @param location the location the phone shares after the verdict, or null
 * @param story    how the code came to be scanned (its truth is story.truth())
 * @param illicit  true for a scan that detection should flag: a fake, a diverted, leaked or forged label;
 *                 false for a genuine buyer's scan, including the first owner of a label that is later cloned
 */
public record ScanEvent(Instant at, String batch, long index, boolean forged, String device, String country,
                        GeoPoint location, Story story, boolean illicit) {

    /** The code's truth. */
    public Truth truth() {
        return story.truth();
    }

    /** The code as "batchKey:index" (forged codes are their own codes, so they never mix with genuine ones). */
    public String code() {
        return (forged ? "forged:" : "") + batch + ":" + index;
    }
}
