package dev.touchmark.detection;

import dev.touchmark.domain.Verdict;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Detection of each pattern of one replayed scenario, whatever rule does it: which bad codes an alert that is truly bad
 * stands for, after how many fake scans, after how many fake scans a fake's buyer was warned, and what the genuine
 * shoppers of each story were told. Alerts stand for scans as in {@link GroundTruth#covered}.
 *
 * @param patterns one row per story of bad codes in the scenario
 * @param genuine  one row per story of genuine codes in the scenario
 */
record PatternScore(List<Row> patterns, List<GenuineRow> genuine) {
    /** Scans counted until an event that never came. */
    static final int NEVER = Integer.MAX_VALUE;
    /** More scans of one code than this are more than a single genuine buyer checks (they scan 1-3 times). */
    static final int SINGLE_BUYER_SCANS = 5;

    /**
     * A pattern's bad codes. withSignal: codes whose scans carry a signal (see {@link #carriesSignal}); caught and
     * caughtWithSignal: codes a truly bad alert stands for; fakesToAlert: per caught code with a signal, its illicit
     * scans up to the moment an alert first stood for it; fakesToWarning: per code with a signal, its illicit scans up
     * to and including the first one whose shopper was told "suspect" (or "not genuine"), NEVER if none was; rules:
     * codes by the rule of the alert that first stood for them; background: the genuine codes sold in the pattern's
     * batch.
     */
    record Row(Story story, int codes, int withSignal, int caught, int caughtWithSignal, List<Integer> fakesToAlert,
               List<Integer> fakesToWarning, Map<String, Integer> rules, GenuineRow background) {
    }

    /** Genuine codes: how many, how many a false alert stands for, their scans and how many were shown "suspect". */
    record GenuineRow(String name, int codes, int falselyAlerted, int scans, int suspectScans) {
        GenuineRow plus(GenuineRow o) {
            return new GenuineRow(name, codes + o.codes, falselyAlerted + o.falselyAlerted, scans + o.scans,
                    suspectScans + o.suspectScans);
        }
    }

    static PatternScore of(Scenario scenario, List<ScenarioReplay.Answer> answers, List<ScenarioReplay.AlertItem> alerts,
                           Map<String, List<String>> evidence, Map<String, Integer> opened, GroundTruth truth) {
        Map<String, Integer> firstAlert = new LinkedHashMap<>();
        Map<String, String> firstRule = new LinkedHashMap<>();
        Set<String> falselyAlerted = new HashSet<>();
        for (ScenarioReplay.AlertItem a : alerts) {
            Set<Integer> covered = truth.covered(a, evidence.getOrDefault(a.id(), List.of()));
            boolean bad = truth.bad(a, covered);
            int openedAt = opened.containsKey(a.id()) ? opened.get(a.id())
                    : evidence.getOrDefault(a.id(), List.of()).stream().mapToInt(truth::eventOf).max().orElse(answers.size());
            Map<String, Integer> firstCovered = new LinkedHashMap<>();
            for (int i : covered) {
                firstCovered.merge(truth.event(i).code(), i, Math::min);
            }
            firstCovered.forEach((code, i) -> {
                if (!bad) {
                    falselyAlerted.add(code);
                    return;
                }
                int at = Math.max(openedAt, i);
                if (at < firstAlert.getOrDefault(code, NEVER)) {
                    firstAlert.put(code, at);
                    firstRule.put(code, a.rule());
                }
            });
        }
        Map<String, List<Integer>> byCode = new LinkedHashMap<>();
        for (int i = 0; i < scenario.events().size(); i++) {
            byCode.computeIfAbsent(scenario.events().get(i).code(), c -> new ArrayList<>()).add(i);
        }
        Map<String, Story> codes = scenario.codes();
        Map<String, GenuineRow> backgrounds = new LinkedHashMap<>();
        Map<Story, GenuineRow> genuine = new java.util.EnumMap<>(Story.class);
        for (Map.Entry<String, Story> c : codes.entrySet()) {
            if (c.getValue().truth() != Truth.GENUINE) {
                continue;
            }
            List<Integer> scans = byCode.get(c.getKey());
            int suspect = (int) scans.stream().filter(i -> answers.get(i).verdict().equals(Verdict.SUSPECT.id())).count();
            GenuineRow one = new GenuineRow(DetectionMarkdown.story(c.getValue()), 1,
                    falselyAlerted.contains(c.getKey()) ? 1 : 0, scans.size(), suspect);
            genuine.merge(c.getValue(), one, GenuineRow::plus);
            backgrounds.merge(scenario.events().get(scans.get(0)).batch(), one, GenuineRow::plus);
        }
        List<Row> rows = new ArrayList<>();
        for (Story story : Story.values()) {
            if (story.truth() == Truth.GENUINE || !codes.containsValue(story)) {
                continue;
            }
            int count = 0;
            int withSignal = 0;
            int caught = 0;
            int caughtWithSignal = 0;
            List<Integer> toAlert = new ArrayList<>();
            List<Integer> toWarning = new ArrayList<>();
            Map<String, Integer> rules = new TreeMap<>();
            Set<String> batches = new LinkedHashSet<>();
            for (Map.Entry<String, Story> c : codes.entrySet()) {
                if (c.getValue() != story) {
                    continue;
                }
                List<Integer> scans = byCode.get(c.getKey());
                ScanEvent first = truth.event(scans.get(0));
                batches.add(first.batch());
                boolean signal = carriesSignal(scans.stream().map(truth::event).toList(), scenario.batch(first.batch()));
                Integer alertAt = firstAlert.get(c.getKey());
                count++;
                withSignal += signal ? 1 : 0;
                if (alertAt != null) {
                    caught++;
                    rules.merge(firstRule.get(c.getKey()), 1, Integer::sum);
                }
                if (!signal) {
                    continue;
                }
                if (alertAt != null) {
                    caughtWithSignal++;
                    toAlert.add((int) scans.stream().filter(i -> i <= alertAt && truth.event(i).illicit()).count());
                }
                int fakes = 0;
                int warned = NEVER;
                for (int i : scans) {
                    if (truth.event(i).illicit()) {
                        fakes++;
                        if (warning(answers.get(i).verdict())) {
                            warned = fakes;
                            break;
                        }
                    }
                }
                toWarning.add(warned);
            }
            GenuineRow background = null;
            if (story.adversarial()) {
                background = new GenuineRow("background", 0, 0, 0, 0);
                for (String b : batches) {
                    background = background.plus(backgrounds.getOrDefault(b, new GenuineRow("", 0, 0, 0, 0)));
                }
            }
            rows.add(new Row(story, count, withSignal, caught, caughtWithSignal, toAlert, toWarning, rules, background));
        }
        return new PatternScore(rows, List.copyOf(genuine.values()));
    }

    /** A verdict that warns the shopper: the code is suspect, or not genuine. */
    static boolean warning(String verdict) {
        return verdict.equals(Verdict.SUSPECT.id()) || verdict.equals(Verdict.NOT_GENUINE.id());
    }

    /**
     * Whether a bad code's scans carry anything a server could tell from one genuine buyer's: an index beyond the
     * quantity, a scan from outside the batch's markets, two phones (each partner-app call without a device id counts
     * as one), one device cookie located in places 50 km or more apart or seen from more than three networks, or
     * more scans than a buyer makes (SINGLE_BUYER_SCANS). A perfect copy scanned by one phone in the markets, with no
     * genuine scan beside it, carries none.
     */
    static boolean carriesSignal(List<ScanEvent> scans, BatchPlan batch) {
        Set<String> phones = new HashSet<>();
        Map<String, Set<String>> prefixes = new LinkedHashMap<>();
        Map<String, List<GeoPoint>> places = new LinkedHashMap<>();
        int anonymous = 0;
        for (ScanEvent e : scans) {
            if (e.index() >= batch.quantity() || !batch.markets().contains(e.country())) {
                return true;
            }
            if (e.device() == null) {
                anonymous++;
                continue;
            }
            phones.add(e.device());
            prefixes.computeIfAbsent(e.device(), d -> new HashSet<>()).add(e.prefix());
            if (e.location() != null) {
                places.computeIfAbsent(e.device(), d -> new ArrayList<>()).add(e.location());
            }
        }
        if (phones.size() + anonymous >= 2 || prefixes.values().stream().anyMatch(p -> p.size() > 3)
                || scans.size() > SINGLE_BUYER_SCANS) {
            return true;
        }
        return places.values().stream().anyMatch(points -> points.stream()
                .anyMatch(a -> points.stream().anyMatch(b -> km(a, b) >= 50)));
    }

    private static double km(GeoPoint a, GeoPoint b) {
        double dLat = (a.lat() - b.lat()) * 111.2;
        double dLon = (a.lon() - b.lon()) * 111.2 * Math.cos(Math.toRadians((a.lat() + b.lat()) / 2));
        return Math.hypot(dLat, dLon);
    }
}
