package dev.touchmark.scan;

import java.util.List;

/**
 * The risk of one scan, 0 to 100, with the reasons (ids of alert.RiskReason) that make it up, and whether
 * it reaches the brand's suspect threshold.
 */
public record Assessment(int risk, List<String> reasons, boolean suspect) {
    /** Nothing unusual. */
    public static final Assessment CLEAN = new Assessment(0, List.of(), false);

    public Assessment {
        reasons = List.copyOf(reasons);
    }

    /** The reasons as stored in the scan log: ids separated by commas, or null when there are none. */
    public String reasonList() {
        return reasons.isEmpty() ? null : String.join(",", reasons);
    }
}
