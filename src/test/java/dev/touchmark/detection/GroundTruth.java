package dev.touchmark.detection;

import dev.touchmark.alert.Rule;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;

/**
 * The scenario seen from the alerts' side: which scans an alert subject stands for, whether a subject is truly bad,
 * and which bad subjects each rule is meant to catch. Subjects are the server's: code:batchId:index,
 * market:batchId:country, batch:batchId, cell:latCell:lonCell.
 */
final class GroundTruth {
    /** Distinct suspect codes in one cell that make a hotspot (the default threshold). */
    static final int HOTSPOT_CODES = 3;
    private final Scenario scenario;
    private final Map<String, Long> batchIds;
    private final Map<Long, String> batchKeys = new LinkedHashMap<>();
    private final Map<String, List<Integer>> eventsByCode = new LinkedHashMap<>();
    private final Map<String, Integer> eventByScanId = new LinkedHashMap<>();

    GroundTruth(Scenario scenario, Map<String, Long> batchIds, List<ScenarioReplay.Answer> answers) {
        this.scenario = scenario;
        this.batchIds = batchIds;
        batchIds.forEach((key, id) -> batchKeys.put(id, key));
        List<ScanEvent> events = scenario.events();
        for (int i = 0; i < events.size(); i++) {
            eventsByCode.computeIfAbsent(events.get(i).code(), c -> new ArrayList<>()).add(i);
            if (answers.get(i).scanId() != null) {
                eventByScanId.put(answers.get(i).scanId(), i);
            }
        }
    }

    ScanEvent event(int i) {
        return scenario.events().get(i);
    }

    /** The scenario event of a scan id the server gave, or -1. */
    int eventOf(String scanId) {
        return eventByScanId.getOrDefault(scanId, -1);
    }

    /** The events of a code (by ScanEvent.code()), in order. */
    List<Integer> eventsOf(String code) {
        return eventsByCode.getOrDefault(code, List.of());
    }

    /** The subject the server gives alerts about a code. */
    String codeSubject(ScanEvent e) {
        return "code:" + batchIds.get(e.batch()) + ":" + e.index();
    }

    /**
     * The scans an alert stands for: all scans of its code, of its batch in its country, of its batch (status
     * rules), the forged scans naming its batch; for hotspots the scans in its evidence; for bursts none (a burst is
     * about an hour of a batch, not about codes).
     */
    Set<Integer> covered(ScenarioReplay.AlertItem alert, List<String> evidence) {
        String[] part = alert.subject().split(":");
        Rule rule = Rule.of(alert.rule()).orElseThrow();
        Set<Integer> covered = new LinkedHashSet<>();
        switch (part[0]) {
            case "code" -> covered.addAll(eventsOf(batchKeys.get(Long.parseLong(part[1])) + ":" + part[2]));
            case "market" -> covered.addAll(matching(i -> !event(i).forged() && isBatch(event(i), part[1])
                    && event(i).country().equals(part[2])));
            case "batch" -> {
                if (rule == Rule.FORGED_CODE) {
                    // Today's rules call an overrun label (validly signed, its index beyond the quantity) a forgery.
                    covered.addAll(matching(i -> (event(i).forged() || overrun(event(i))) && isBatch(event(i), part[1])));
                } else if (rule != Rule.SCAN_BURST) {
                    covered.addAll(matching(i -> !event(i).forged() && isBatch(event(i), part[1])));
                }
            }
            case "brand" -> covered.addAll(matching(i -> event(i).forged()));
            default -> evidence.stream().mapToInt(this::eventOf).filter(i -> i >= 0).forEach(covered::add);
        }
        return covered;
    }

    /** True if the subject is bad: a code that is not genuine, or any illicit scan among those the alert stands for. */
    boolean bad(ScenarioReplay.AlertItem alert, Set<Integer> covered) {
        if (alert.subject().startsWith("code:")) {
            return covered.stream().anyMatch(i -> event(i).truth() != Truth.GENUINE);
        }
        return covered.stream().anyMatch(i -> event(i).illicit());
    }

    /** The bad subjects a rule is meant to catch in this scenario (empty: the scenario has nothing for it). */
    Set<String> targets(Rule rule) {
        Set<String> targets = new LinkedHashSet<>();
        List<ScanEvent> illicit = scenario.events().stream().filter(ScanEvent::illicit).toList();
        switch (rule) {
            case CLONED_CODE, IMPOSSIBLE_TRAVEL -> illicit.stream().filter(e -> e.story() == Story.CLONE_RING)
                    .forEach(e -> targets.add(codeSubject(e)));
            // Diversion is goods sold outside their markets. The ring's fakes abroad carry labels first scanned inside
            // the markets (its copies of genuine owners' codes): the rule leaves them to cloned_code on purpose.
            case OUT_OF_MARKET -> illicit.stream()
                    .filter(e -> e.story() == Story.DIVERTED && !scenario.batch(e.batch()).markets().contains(e.country()))
                    .forEach(e -> targets.add("market:" + batchIds.get(e.batch()) + ":" + e.country()));
            case UNRELEASED_SCAN -> illicit.stream().filter(e -> !e.forged() && !scenario.batch(e.batch()).released())
                    .forEach(e -> targets.add("batch:" + batchIds.get(e.batch())));
            case FORGED_CODE -> illicit.stream().filter(ScanEvent::forged)
                    .forEach(e -> targets.add("batch:" + batchIds.get(e.batch())));
            case HOTSPOT -> {
                Map<String, Set<String>> codesByCell = new LinkedHashMap<>();
                illicit.stream().filter(e -> e.story() == Story.CLONE_RING && e.location() != null)
                        .forEach(e -> codesByCell.computeIfAbsent("cell:" + e.location().cell(), c -> new LinkedHashSet<>())
                                .add(e.code()));
                codesByCell.forEach((cell, codes) -> {
                    if (codes.size() >= HOTSPOT_CODES) {
                        targets.add(cell);
                    }
                });
            }
            default -> {
                // recalled and voided batches, bursts and shopper reports are not part of this scenario
            }
        }
        return targets;
    }

    /**
     * Codes (by ScanEvent.code()) the travel rule can catch: two consecutive shared locations of the code, rounded to
     * a tenth of a degree as the server stores them, at least 50 km apart and faster than travelKmh.
     */
    Set<String> travelPossible(int travelKmh) {
        Set<String> codes = new LinkedHashSet<>();
        eventsByCode.forEach((code, indices) -> {
            ScanEvent last = null;
            for (int i : indices) {
                ScanEvent e = event(i);
                if (e.location() == null || e.forged()) {
                    continue;
                }
                if (last != null && kmh(last, e) > travelKmh) {
                    codes.add(code);
                }
                last = e;
            }
        });
        return codes;
    }

    private static double kmh(ScanEvent from, ScanEvent to) {
        double lat1 = Math.toRadians(Math.round(from.location().lat() * 10) / 10.0);
        double lat2 = Math.toRadians(Math.round(to.location().lat() * 10) / 10.0);
        double dLon = Math.toRadians((Math.round(to.location().lon() * 10) - Math.round(from.location().lon() * 10)) / 10.0);
        double h = Math.pow(Math.sin((lat2 - lat1) / 2), 2) + Math.cos(lat1) * Math.cos(lat2) * Math.pow(Math.sin(dLon / 2), 2);
        double km = 2 * 6371.0 * Math.asin(Math.min(1, Math.sqrt(h)));
        double minutes = Math.abs(Duration.between(from.at(), to.at()).toMillis()) / 60_000.0;
        return km < 50 ? 0 : km / Math.max(minutes, 1) * 60;
    }

    /** The most scans one batch had in one clock hour, in words. */
    String busiestBatchHour() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        scenario.events().stream().filter(e -> !e.forged()).forEach(e -> counts.merge(
                e.batch() + " " + e.at().truncatedTo(ChronoUnit.HOURS), 1, Integer::sum));
        return counts.entrySet().stream().max(Map.Entry.comparingByValue())
                .map(e -> e.getValue() + " scans (" + e.getKey().replace(" ", ", from ") + ")").orElse("no scans");
    }

    /** True for a label with an index beyond its batch's quantity (a printer overrun). */
    boolean overrun(ScanEvent e) {
        return !e.forged() && e.index() >= scenario.batch(e.batch()).quantity();
    }

    /** The server's id of a scenario batch. */
    long batchId(String key) {
        return batchIds.get(key);
    }

    private boolean isBatch(ScanEvent e, String batchId) {
        return batchIds.get(e.batch()).equals(Long.parseLong(batchId));
    }

    private List<Integer> matching(IntPredicate test) {
        return IntStream.range(0, scenario.events().size()).filter(test).boxed().toList();
    }
}
