package dev.touchmark.detection;

import dev.touchmark.alert.Rule;
import dev.touchmark.alert.RuleSettings;
import dev.touchmark.config.ScanSettings;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.IntStream;

/** Detection quality of one replayed scenario: precision and recall per rule and overall, false alerts, time to flag. */
record DetectionScore(ScenarioSettings settings, int scans, int locatedScans, List<RuleScore> rules, int alerts,
                      int trueAlerts, int badCodes, int badCodesCaught, int genuineCodes, int genuineCodesFalselyAlerted,
                      int genuineCodesFalselyAlertedOutsideMarketRule, List<StoryScore> stories, RingTiming ring, Facts facts,
                      List<String> unexplained) {

    /**
     * What the scenario allowed, computed from the ground truth alone: ring codes and other codes whose shared
     * locations make impossible travel, how many of those the travel rule caught, and the busiest hour of one batch.
     */
    record Facts(int ringTravelPossible, int ringTravelCaught, int otherTravelPossible, String busiestBatchHour,
                 CodesFirstScannedInMarket marketFalse, CodesFirstScannedInMarket marketTrue) {
    }

    /** Codes behind out_of_market alerts (false or truly bad ones), and how many of them were first scanned in a market. */
    record CodesFirstScannedInMarket(int codes, int firstInMarket) {
    }

    /**
     * Alerts of one rule against the subjects it is meant to catch; falseFromOneScan counts false alerts that one scan
     * raised (a single hit); falseExample is a false alert's summary, if any.
     */
    record RuleScore(Rule rule, int alerts, int truePositives, int targets, int caught, int falseFromOneScan,
                     String falseExample) {
        double precision() {
            return alerts == 0 ? Double.NaN : truePositives / (double) alerts;
        }

        double recall() {
            return targets == 0 ? Double.NaN : caught / (double) targets;
        }
    }

    /**
     * Codes of one story: how many, their scans, the verdicts their scans got, how many codes any alert stands for,
     * how many a false alert stands for (by rule), and a false alert's summary.
     */
    record StoryScore(Story story, int codes, int scans, Map<String, Integer> verdicts, int alerted, int falselyAlerted,
                      Map<String, Integer> falseByRule, String falseExample) {
    }

    /** Per ring code, the fake scans up to the one that got the code its first code alert; NEVER if none did. */
    static final int NEVER = Integer.MAX_VALUE;

    int maxFakesUntilFlagged() {
        return ring.fakesUntilFlagged().stream().mapToInt(n -> n).max().orElse(0);
    }

    int ringCodesNeverFlagged() {
        return (int) ring.fakesUntilFlagged().stream().filter(n -> n == NEVER).count();
    }

    double medianFakesUntilFlagged() {
        List<Integer> sorted = ring.fakesUntilFlagged().stream().sorted().toList();
        int n = sorted.size();
        return n == 0 ? Double.NaN : n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + (double) sorted.get(n / 2)) / 2;
    }

    double genuineFalseShare() {
        return genuineCodes == 0 ? 0 : genuineCodesFalselyAlerted / (double) genuineCodes;
    }

    double precision() {
        return alerts == 0 ? Double.NaN : trueAlerts / (double) alerts;
    }

    double recall() {
        return badCodes == 0 ? Double.NaN : badCodesCaught / (double) badCodes;
    }

    boolean ringTargetMet() {
        return !ring.fakesUntilFlagged().isEmpty() && maxFakesUntilFlagged() <= 10;
    }

    boolean falseAlertTargetMet() {
        return genuineFalseShare() < 0.01;
    }

    boolean explanationTargetMet() {
        return unexplained.isEmpty();
    }

    /** Judges every alert against the scenario's truth. evidence holds each alert's evidence scan ids by alert id. */
    static DetectionScore of(Scenario scenario, List<ScenarioReplay.Answer> answers, List<ScenarioReplay.AlertItem> alerts,
                             Map<String, List<String>> evidence, GroundTruth truth) {
        Map<Rule, List<ScenarioReplay.AlertItem>> byRule = new EnumMap<>(Rule.class);
        Map<String, Set<Integer>> covered = new LinkedHashMap<>();
        Map<String, Boolean> bad = new LinkedHashMap<>();
        List<String> unexplained = new ArrayList<>();
        for (ScenarioReplay.AlertItem a : alerts) {
            byRule.computeIfAbsent(Rule.of(a.rule()).orElseThrow(), r -> new ArrayList<>()).add(a);
            Set<Integer> events = truth.covered(a, evidence.getOrDefault(a.id(), List.of()));
            covered.put(a.id(), events);
            bad.put(a.id(), truth.bad(a, events));
            if (!explained(a.summary())) {
                unexplained.add(a.rule() + " " + a.subject() + ": \"" + a.summary() + "\"");
            }
        }
        List<RuleScore> rules = new ArrayList<>();
        for (Rule rule : Rule.values()) {
            List<ScenarioReplay.AlertItem> of = byRule.getOrDefault(rule, List.of());
            Set<String> targets = truth.targets(rule);
            Set<String> subjects = new LinkedHashSet<>();
            of.forEach(a -> subjects.add(a.subject()));
            long caught = targets.stream().filter(subjects::contains).count();
            String example = of.stream().filter(a -> !bad.get(a.id())).map(ScenarioReplay.AlertItem::summary).findFirst()
                    .orElse(null);
            int oneScan = (int) of.stream().filter(a -> !bad.get(a.id()) && a.hits() == 1).count();
            rules.add(new RuleScore(rule, of.size(), (int) of.stream().filter(a -> bad.get(a.id())).count(), targets.size(),
                    (int) caught, oneScan, example));
        }
        Map<String, Set<String>> alertsByCode = new LinkedHashMap<>();
        Map<String, Set<String>> falseAlertsByCode = new LinkedHashMap<>();
        for (ScenarioReplay.AlertItem a : alerts) {
            for (int i : covered.get(a.id())) {
                String code = truth.event(i).code();
                alertsByCode.computeIfAbsent(code, c -> new LinkedHashSet<>()).add(a.id());
                if (!bad.get(a.id())) {
                    falseAlertsByCode.computeIfAbsent(code, c -> new LinkedHashSet<>()).add(a.id());
                }
            }
        }
        Map<String, ScenarioReplay.AlertItem> alertById = new LinkedHashMap<>();
        alerts.forEach(a -> alertById.put(a.id(), a));
        Map<String, Story> codes = scenario.codes();
        List<StoryScore> stories = stories(scenario, answers, codes, alertsByCode, falseAlertsByCode, alertById);
        long badCodes = codes.values().stream().filter(s -> s.truth() != Truth.GENUINE).count();
        long caught = codes.entrySet().stream().filter(e -> e.getValue().truth() != Truth.GENUINE)
                .filter(e -> alertsByCode.getOrDefault(e.getKey(), Set.of()).stream().anyMatch(bad::get)).count();
        long genuine = codes.values().stream().filter(s -> s.truth() == Truth.GENUINE).count();
        long falsely = codes.entrySet().stream().filter(e -> e.getValue().truth() == Truth.GENUINE)
                .filter(e -> falseAlertsByCode.containsKey(e.getKey())).count();
        long falselyOutsideMarket = codes.entrySet().stream().filter(e -> e.getValue().truth() == Truth.GENUINE)
                .filter(e -> falseAlertsByCode.getOrDefault(e.getKey(), Set.of()).stream()
                        .anyMatch(id -> !alertById.get(id).rule().equals(Rule.OUT_OF_MARKET.id()))).count();
        RingTiming ring = RingTiming.of(scenario, alerts, evidence, truth, covered);
        int located = (int) answers.stream().filter(ScenarioReplay.Answer::located).count();
        return new DetectionScore(scenario.settings(), answers.size(), located, rules, alerts.size(),
                (int) bad.values().stream().filter(b -> b).count(), (int) badCodes, (int) caught, (int) genuine, (int) falsely,
                (int) falselyOutsideMarket, stories, ring, facts(scenario, alerts, truth, covered, bad), unexplained);
    }

    private static Facts facts(Scenario scenario, List<ScenarioReplay.AlertItem> alerts, GroundTruth truth,
                               Map<String, Set<Integer>> covered, Map<String, Boolean> bad) {
        Set<String> possible = truth.travelPossible(RuleSettings.defaults(ScanSettings.defaults().suspectDevices()).travelKmh());
        Set<String> travelSubjects = new LinkedHashSet<>();
        alerts.stream().filter(a -> a.rule().equals(Rule.IMPOSSIBLE_TRAVEL.id())).forEach(a -> travelSubjects.add(a.subject()));
        Map<String, Story> codes = scenario.codes();
        List<String> ring = possible.stream().filter(c -> codes.get(c) == Story.CLONE_RING).toList();
        long caught = ring.stream().filter(c -> travelSubjects.contains(truth.codeSubject(truth.event(truth.eventsOf(c).get(0)))))
                .count();
        return new Facts(ring.size(), (int) caught, possible.size() - ring.size(), truth.busiestBatchHour(),
                firstInMarket(scenario, alerts, truth, covered, bad, false),
                firstInMarket(scenario, alerts, truth, covered, bad, true));
    }

    private static CodesFirstScannedInMarket firstInMarket(Scenario scenario, List<ScenarioReplay.AlertItem> alerts,
                                                           GroundTruth truth, Map<String, Set<Integer>> covered,
                                                           Map<String, Boolean> bad, boolean trulyBad) {
        Set<String> codes = new LinkedHashSet<>();
        alerts.stream().filter(a -> a.rule().equals(Rule.OUT_OF_MARKET.id()) && bad.get(a.id()) == trulyBad)
                .forEach(a -> covered.get(a.id()).forEach(i -> codes.add(truth.event(i).code())));
        int inMarket = (int) codes.stream().map(c -> truth.event(truth.eventsOf(c).get(0)))
                .filter(e -> scenario.batch(e.batch()).markets().contains(e.country())).count();
        return new CodesFirstScannedInMarket(codes.size(), inMarket);
    }

    private static List<StoryScore> stories(Scenario scenario, List<ScenarioReplay.Answer> answers, Map<String, Story> codes,
                                            Map<String, Set<String>> alertsByCode, Map<String, Set<String>> falseAlertsByCode,
                                            Map<String, ScenarioReplay.AlertItem> alertById) {
        List<StoryScore> stories = new ArrayList<>();
        for (Story story : Story.values()) {
            Map<String, Integer> verdicts = new TreeMap<>();
            int scans = 0;
            for (int i = 0; i < answers.size(); i++) {
                if (scenario.events().get(i).story() == story) {
                    verdicts.merge(answers.get(i).verdict(), 1, Integer::sum);
                    scans++;
                }
            }
            List<String> ofStory = codes.entrySet().stream().filter(e -> e.getValue() == story).map(Map.Entry::getKey).toList();
            Map<String, Integer> falseByRule = new TreeMap<>();
            String example = null;
            for (String code : ofStory) {
                Set<String> rulesHit = new LinkedHashSet<>();
                for (String id : falseAlertsByCode.getOrDefault(code, Set.of())) {
                    rulesHit.add(alertById.get(id).rule());
                    example = example == null ? alertById.get(id).summary() : example;
                }
                rulesHit.forEach(r -> falseByRule.merge(r, 1, Integer::sum));
            }
            stories.add(new StoryScore(story, ofStory.size(), scans, verdicts,
                    (int) ofStory.stream().filter(alertsByCode::containsKey).count(),
                    (int) ofStory.stream().filter(falseAlertsByCode::containsKey).count(), falseByRule, example));
        }
        return stories;
    }

    /** A summary explains an alert if it is a sentence of some length with no unfilled value in it. */
    static boolean explained(String summary) {
        return summary != null && summary.strip().length() >= 30 && !summary.contains("null") && summary.strip().endsWith(".");
    }

    /** When the ring's codes got their first code alerts, and when the ring as a whole was first flagged. */
    record RingTiming(List<Integer> fakesUntilFlagged, Map<String, Integer> firstFlaggedBy, int ringFlaggedAfter,
                      String ringFirstRule) {
        static RingTiming of(Scenario scenario, List<ScenarioReplay.AlertItem> alerts, Map<String, List<String>> evidence,
                             GroundTruth truth, Map<String, Set<Integer>> covered) {
            Map<String, Integer> firstAlertEvent = new LinkedHashMap<>();
            Map<String, String> firstAlertRule = new LinkedHashMap<>();
            int ringFirstEvent = Integer.MAX_VALUE;
            String ringFirstRule = null;
            for (ScenarioReplay.AlertItem a : alerts) {
                int first = evidence.getOrDefault(a.id(), List.of()).stream().mapToInt(truth::eventOf).filter(i -> i >= 0)
                        .min().orElse(-1);
                if (first < 0) {
                    continue;
                }
                if (a.subject().startsWith("code:") && first < firstAlertEvent.getOrDefault(a.subject(), Integer.MAX_VALUE)) {
                    firstAlertEvent.put(a.subject(), first);
                    firstAlertRule.put(a.subject(), a.rule());
                }
                boolean coversRing = covered.get(a.id()).stream()
                        .anyMatch(i -> truth.event(i).illicit() && truth.event(i).story() == Story.CLONE_RING);
                if (coversRing && first < ringFirstEvent) {
                    ringFirstEvent = first;
                    ringFirstRule = a.rule();
                }
            }
            List<Integer> fakes = new ArrayList<>();
            Map<String, Integer> firstFlaggedBy = new TreeMap<>();
            Map<String, String> ringCodes = new LinkedHashMap<>();
            scenario.events().stream().filter(e -> e.story() == Story.CLONE_RING)
                    .forEach(e -> ringCodes.putIfAbsent(e.code(), truth.codeSubject(e)));
            for (Map.Entry<String, String> code : ringCodes.entrySet()) {
                Integer at = firstAlertEvent.get(code.getValue());
                if (at != null) {
                    firstFlaggedBy.merge(firstAlertRule.get(code.getValue()), 1, Integer::sum);
                }
                fakes.add(at == null ? NEVER : (int) truth.eventsOf(code.getKey()).stream()
                        .filter(i -> i <= at && truth.event(i).illicit()).count());
            }
            int finalFirst = ringFirstEvent;
            int ringFakes = ringFirstRule == null ? 0 : (int) IntStream.rangeClosed(0, finalFirst)
                    .filter(i -> truth.event(i).illicit() && truth.event(i).story() == Story.CLONE_RING).count();
            return new RingTiming(fakes, firstFlaggedBy, ringFakes, ringFirstRule);
        }
    }
}
