package dev.touchmark.detection;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A generated scenario: the batches to create and the scans to replay in order, with their ground truth. */
public record Scenario(ScenarioSettings settings, List<BatchPlan> batches, List<ScanEvent> events) {
    /** Batch keys of the scenario. */
    public static final String SERUM_1 = "SERUM-FR-BE-1";
    public static final String SERUM_2 = "SERUM-FR-BE-2";
    public static final String SERUM_FR = "SERUM-FR-3";
    public static final String CREAM_1 = "CREAM-EU-1";
    public static final String CREAM_DRAFT = "CREAM-EU-2";
    public static final String PERFUME = "PERFUME-DE-1";

    /** The story of every code, by ScanEvent.code(), in order of first scan. */
    public Map<String, Story> codes() {
        Map<String, Story> codes = new LinkedHashMap<>();
        events.forEach(e -> codes.putIfAbsent(e.code(), e.story()));
        return codes;
    }

    /** The batch with a key. */
    public BatchPlan batch(String key) {
        return batches.stream().filter(b -> b.key().equals(key)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no batch " + key));
    }
}
