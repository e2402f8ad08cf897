package dev.touchmark.alert;

/**
 * A brand's detection thresholds.
 *
 * @param cloneDevices  distinct phones on one code that make it a clone (alert, and suspect on the page)
 * @param travelKmh     speed between two located scans of one code above which travel is impossible
 * @param outOfMarket   whether scans outside a batch's markets count as a risk and raise alerts
 * @param marketCodes   distinct codes of a batch first scanned in one country outside its markets (within 30 days)
 *                      that raise a diversion alert: owners travelling with the product are not a grey market
 * @param burstFactor   scans of a batch in one hour, as a multiple of its hourly average of the previous week,
 *                      that make a burst
 * @param burstMinScans fewest scans in one hour that can make a burst (new batches have no baseline)
 * @param hotspotCodes  distinct suspect codes in one map cell (about 50 km) that make a hotspot
 * @param hotspotDays   how far back suspect sightings count for hotspots
 * @param suspectScore  risk score from which the shopper's verdict is suspect
 * @param marketBatchCodes distinct codes of a batch seen outside its markets in any countries (within 30 days), each
 *                      first sold there or scanned there by a phone other than those that scanned it before, that raise
 *                      a diversion alert for the batch: diversion spread a few codes per country
 * @param lateDeviceDays days after a code's first scan from which a phone new to it adds to the risk (a copied label
 *                      coming back weeks after its sale)
 * @param runCodes      codes among 64 consecutive indexes of a batch that came back on new phones weeks after their
 *                      first scans (lateDeviceDays) within 30 days that raise a duplicate print run alert
 */
public record RuleSettings(int cloneDevices, int travelKmh, boolean outOfMarket, int marketCodes, int burstFactor, int burstMinScans,
                           int hotspotCodes, int hotspotDays, int suspectScore, int marketBatchCodes,
                           int lateDeviceDays, int runCodes) {

    /** The documented defaults, with the installation's clone threshold (TOUCHMARK_SUSPECT_DEVICES). */
    public static RuleSettings defaults(int cloneDevices) {
        return new RuleSettings(cloneDevices, 900, true, 3, 10, 200, 3, 7, 60, 10, 14, 3);
    }
}
