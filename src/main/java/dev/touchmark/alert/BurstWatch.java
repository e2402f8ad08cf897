package dev.touchmark.alert;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The scan-burst rule's state on the writer thread: this hour's counts per batch, their baselines, bursts raised. */
final class BurstWatch {
    private final DetectionRepository detection;
    private final RuleBook rules;
    private final Clock clock;
    private final Map<Long, Double> baselines = new HashMap<>();
    private final Set<Long> burstsRaised = new HashSet<>();
    private final Map<Long, HourCount> hourCounts = new HashMap<>();
    private OffsetDateTime baselineHour;

    BurstWatch(DetectionRepository detection, RuleBook rules, Clock clock) {
        this.detection = detection;
        this.rules = rules;
        this.clock = clock;
    }

    /**
     * Bursts: a batch's scans in the current hour against its hourly average of the previous week. The hour's count
     * is read from the database (so scans recorded by other nodes count) at most once a second per batch, or at
     * once when this node's own scans since the last read could reach the threshold.
     */
    void check(Map<Long, Long> batches, Map<Long, Long> groupScans, OffsetDateTime hour, OffsetDateTime now,
                             List<Hit> hits) {
        if (batches.isEmpty()) {
            return;
        }
        if (!hour.equals(baselineHour)) {
            baselineHour = hour;
            baselines.clear();
            burstsRaised.clear();
            hourCounts.clear();
        }
        long nowMillis = clock.millis();
        List<Long> due = new ArrayList<>();
        for (Map.Entry<Long, Long> e : groupScans.entrySet()) {
            long batch = e.getKey();
            HourCount count = hourCounts.computeIfAbsent(batch, b -> new HourCount());
            count.sinceRead += e.getValue();
            RuleSettings settings = rules.get(batches.get(batch));
            boolean couldFire = count.read + count.sinceRead >= settings.burstMinScans();
            if (!burstsRaised.contains(batch) && (couldFire || nowMillis - count.readAt >= 1_000)) {
                due.add(batch);
            }
        }
        if (due.isEmpty()) {
            return;
        }
        Map<Long, Long> counts = detection.batchScansInHour(due, hour);
        for (long batch : due) {
            HourCount count = hourCounts.get(batch);
            count.read = counts.getOrDefault(batch, 0L);
            count.sinceRead = 0;
            count.readAt = nowMillis;
            long brand = batches.get(batch);
            RuleSettings settings = rules.get(brand);
            double baseline = baselines.computeIfAbsent(batch,
                    b -> detection.batchScansBetween(b, hour.minusDays(7), hour) / (7 * 24.0));
            long scans = count.read;
            if (scans >= settings.burstMinScans() && scans >= settings.burstFactor() * baseline && burstsRaised.add(batch)) {
                String lot = detection.lot(batch).orElse(null);
                hits.add(new Hit(brand, Rule.SCAN_BURST, "batch:" + batch, Rule.SCAN_BURST.severity(),
                        AlertTexts.burst(batch, lot, scans, baseline, settings.burstFactor()), batch, null, null, null, now,
                        null, AlertTexts.burstNote(batch, lot, scans, hour)));
            }
        }
    }

    /** A batch's scans this hour: as last read from the database, and this node's since then. */
    private static final class HourCount {
        long read;
        long sinceRead;
        long readAt;
    }
}
