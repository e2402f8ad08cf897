package dev.touchmark.alert;

import java.util.List;
import java.util.Map;

/**
 * A brand's alerts of a period, for a digest: the newest of those that opened in it, how many opened per severity,
 * and how many of the brand's alerts are open now.
 */
public record AlertDigest(List<Alert> opened, Map<Severity, Integer> openedBySeverity, int openNow) {
    public AlertDigest {
        opened = List.copyOf(opened);
        openedBySeverity = Map.copyOf(openedBySeverity);
    }

    /** How many alerts opened in the period. */
    public int openedCount() {
        return openedBySeverity.values().stream().mapToInt(Integer::intValue).sum();
    }
}
