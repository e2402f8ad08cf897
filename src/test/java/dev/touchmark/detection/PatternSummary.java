package dev.touchmark.detection;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The patterns of several seeds' runs taken together, and issue 24's targets: at least 90% of each pattern's codes
 * caught where the scans carry a signal, fewer than 1% of genuine codes falsely alerted (households included), fewer
 * than 0.5% of genuine scans shown "suspect".
 */
record PatternSummary(List<Pattern> patterns, List<PatternScore.GenuineRow> genuine, int seeds) {
    static final double CAUGHT_TARGET = 0.90;
    static final double FALSE_ALERT_TARGET = 0.01;
    static final double SUSPECT_SCAN_TARGET = 0.005;
    /** The rule whose alert says a code was not made with the brand's key. */
    static final String FORGERY = dev.touchmark.alert.Rule.FORGED_CODE.id();

    /** One pattern over all seeds; caughtPerSeed is the share caught with a signal in each seed's run. */
    record Pattern(Story story, int codes, int withSignal, int caught, int caughtWithSignal, List<Integer> fakesToAlert,
                   List<Integer> fakesToWarning, Map<String, Integer> rules, PatternScore.GenuineRow background,
                   List<Double> caughtPerSeed) {
        double caughtShare() {
            return withSignal == 0 ? Double.NaN : caughtWithSignal / (double) withSignal;
        }

        boolean targetMet() {
            return withSignal == 0 || caughtShare() >= CAUGHT_TARGET;
        }

        int warnedNever() {
            return (int) fakesToWarning.stream().filter(n -> n == PatternScore.NEVER).count();
        }
    }

    static PatternSummary of(List<PatternScore> runs) {
        Map<Story, Pattern> patterns = new LinkedHashMap<>();
        Map<String, PatternScore.GenuineRow> genuine = new LinkedHashMap<>();
        for (PatternScore run : runs) {
            for (PatternScore.Row r : run.patterns()) {
                double share = r.withSignal() == 0 ? Double.NaN : r.caughtWithSignal() / (double) r.withSignal();
                Pattern one = new Pattern(r.story(), r.codes(), r.withSignal(), r.caught(), r.caughtWithSignal(),
                        r.fakesToAlert(), r.fakesToWarning(), r.rules(), r.background(), List.of(share));
                patterns.merge(r.story(), one, PatternSummary::plus);
            }
            run.genuine().forEach(g -> genuine.merge(g.name(), g, PatternScore.GenuineRow::plus));
        }
        return new PatternSummary(List.copyOf(patterns.values()), List.copyOf(genuine.values()), runs.size());
    }

    private static Pattern plus(Pattern a, Pattern b) {
        Map<String, Integer> rules = new TreeMap<>(a.rules());
        b.rules().forEach((r, n) -> rules.merge(r, n, Integer::sum));
        return new Pattern(a.story(), a.codes() + b.codes(), a.withSignal() + b.withSignal(), a.caught() + b.caught(),
                a.caughtWithSignal() + b.caughtWithSignal(), concat(a.fakesToAlert(), b.fakesToAlert()),
                concat(a.fakesToWarning(), b.fakesToWarning()), rules,
                a.background() == null ? null : a.background().plus(b.background()),
                concat(a.caughtPerSeed(), b.caughtPerSeed()));
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** All genuine codes of the runs. */
    PatternScore.GenuineRow allGenuine() {
        return genuine.stream().reduce(new PatternScore.GenuineRow("All genuine codes", 0, 0, 0, 0),
                PatternScore.GenuineRow::plus);
    }

    /** The multi-browser households alone. */
    PatternScore.GenuineRow households() {
        String name = DetectionMarkdown.story(Story.HOUSEHOLD);
        return genuine.stream().filter(g -> g.name().equals(name)).findFirst()
                .orElse(new PatternScore.GenuineRow(name, 0, 0, 0, 0));
    }

    static double falseShare(PatternScore.GenuineRow g) {
        return g.codes() == 0 ? 0 : g.falselyAlerted() / (double) g.codes();
    }

    static double suspectShare(PatternScore.GenuineRow g) {
        return g.scans() == 0 ? 0 : g.suspectScans() / (double) g.scans();
    }

    /** The targets missed, in words; empty when all are met. */
    List<String> missed() {
        List<String> missed = new ArrayList<>();
        for (Pattern p : patterns) {
            if (p.story().adversarial() && !p.targetMet()) {
                missed.add(DetectionMarkdown.f("%s: %d of %d codes with a signal caught (%s), target >= 90%%",
                        DetectionMarkdown.story(p.story()), p.caughtWithSignal(), p.withSignal(),
                        DetectionMarkdown.pct(p.caughtShare())));
            }
        }
        patterns.stream().filter(p -> p.story() == Story.PRINTER_OVERRUN && p.rules().containsKey(FORGERY)).forEach(p ->
                missed.add(DetectionMarkdown.f("%s: %d of %d codes first alerted as forgeries (`%s`), which they are not",
                        DetectionMarkdown.story(p.story()), p.rules().get(FORGERY), p.codes(), FORGERY)));
        for (PatternScore.GenuineRow g : List.of(allGenuine(), households())) {
            if (falseShare(g) >= FALSE_ALERT_TARGET) {
                missed.add(DetectionMarkdown.f("%s: %d of %d codes falsely alerted (%s), target < 1%%", g.name(),
                        g.falselyAlerted(), g.codes(), DetectionMarkdown.pct(falseShare(g))));
            }
            if (suspectShare(g) >= SUSPECT_SCAN_TARGET) {
                missed.add(DetectionMarkdown.f("%s: %d of %d scans shown \"suspect\" (%s), target < 0.5%%", g.name(),
                        g.suspectScans(), g.scans(), DetectionMarkdown.pct(suspectShare(g))));
            }
        }
        return missed;
    }

    /** The median of counts (NEVER counts as more than any), NaN for none. */
    static double median(List<Integer> counts) {
        List<Integer> sorted = counts.stream().sorted().toList();
        int n = sorted.size();
        if (n == 0) {
            return Double.NaN;
        }
        if (n % 2 == 1) {
            return sorted.get(n / 2);
        }
        int a = sorted.get(n / 2 - 1);
        int b = sorted.get(n / 2);
        return a == PatternScore.NEVER || b == PatternScore.NEVER ? PatternScore.NEVER : (a + (double) b) / 2;
    }
}
