package dev.touchmark.detection;

/**
 * The knobs of a scenario. The shares are of genuine codes; the rest of them are single buyers.
 *
 * @param seed          everything random comes from this
 * @param genuineCodes  genuine codes sold and scanned (single buyers, families, resellers, tourists)
 * @param ringCodes     genuine labels the clone ring copies
 * @param ringFakes     scans of fakes carrying those labels, one phone each
 * @param divertedCodes codes of the batch for France sold in Istanbul
 * @param leakedCodes   codes of the draft batch scanned by buyers
 * @param forgedScans   scans of forged codes
 * @param days          simulated days
 * @param familyShare   share of genuine codes scanned by a household of 2-3 phones
 * @param resellerShare share of genuine codes scanned by a shop first, then by its buyer
 * @param touristShare  share of genuine codes scanned once abroad by their owner
 * @param locationShare share of phones whose owner lets the page read the location (then on every scan)
 * @param adversarial   the adversarial stories generated after the month's (NONE: the month alone)
 */
public record ScenarioSettings(long seed, int genuineCodes, int ringCodes, int ringFakes, int divertedCodes,
                               int leakedCodes, int forgedScans, int days, double familyShare, double resellerShare,
                               double touristShare, double locationShare,
                               AdversarialSettings adversarial) {

    /** The scale of docs/detection.md: the ring at the size the issue names, a month of a mid-sized brand. */
    public static ScenarioSettings standard(long seed) {
        return new ScenarioSettings(seed, 10_000, 50, 5_000, 300, 100, 20, 30, 0.08, 0.05, 0.02, 0.20,
                AdversarialSettings.NONE);
    }

    /** The same month at a smaller scale, for the integration test: 20 fakes per ring label instead of 100. */
    public static ScenarioSettings small(long seed) {
        return new ScenarioSettings(seed, 1_500, 50, 1_000, 60, 20, 5, 30, 0.08, 0.05, 0.02, 0.20,
                AdversarialSettings.NONE);
    }

    /** The same settings with another number of genuine codes. */
    public ScenarioSettings withGenuineCodes(int codes) {
        return new ScenarioSettings(seed, codes, ringCodes, ringFakes, divertedCodes, leakedCodes, forgedScans, days,
                familyShare, resellerShare, touristShare, locationShare, adversarial);
    }

    /**
     * The adversarial set alone: a month of the same shoppers (same shares) in which only the adversarial stories and
     * their batches' ordinary buyers scan; the month's own stories are left out (they have their own run).
     */
    public static ScenarioSettings adversarial(long seed, AdversarialSettings adversarial) {
        return new ScenarioSettings(seed, 0, 0, 0, 0, 0, 0, 30, 0.08, 0.05, 0.02, 0.20, adversarial);
    }
}
