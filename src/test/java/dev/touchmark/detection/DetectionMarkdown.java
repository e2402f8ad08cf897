package dev.touchmark.detection;

import dev.touchmark.alert.Rule;
import dev.touchmark.alert.RuleSettings;
import dev.touchmark.config.ScanSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** docs/detection.md and the console summary of a run: the numbers come from the run, the prose from the scenario. */
final class DetectionMarkdown {
    private static final RuleSettings RULES = RuleSettings.defaults(ScanSettings.defaults().suspectDevices());

    private DetectionMarkdown() {
    }

    /** The console summary. */
    static String summary(DetectionReport.Run run) {
        DetectionScore s = run.score();
        StringBuilder out = new StringBuilder();
        out.append(f("Seed %d: %d scans (%d located) replayed in %.1f s; %d alerts%n", s.settings().seed(), s.scans(),
                s.locatedScans(), run.replayTime().toMillis() / 1000.0, s.alerts()));
        for (DetectionScore.RuleScore r : s.rules()) {
            if (r.alerts() > 0 || r.targets() > 0) {
                out.append(f("  %-18s alerts %4d  precision %6s  recall %6s (%d of %d)%n", r.rule().id(), r.alerts(),
                        pct(r.precision()), pct(r.recall()), r.caught(), r.targets()));
            }
        }
        out.append(f("  %-18s alerts %4d  precision %6s  recall %6s (%d of %d bad codes)%n", "overall", s.alerts(),
                pct(s.precision()), pct(s.recall()), s.badCodesCaught(), s.badCodes()));
        out.append(f("Ring codes flagged within 10 fake scans: max %s, median %s fake scans, never %d -> %s%n",
                count(s.maxFakesUntilFlagged()), num(s.medianFakesUntilFlagged()), s.ringCodesNeverFlagged(), met(s.ringTargetMet())));
        out.append(f("Genuine codes with a false alert: %d of %d (%s), target < 1%% -> %s%n", s.genuineCodesFalselyAlerted(),
                s.genuineCodes(), pct(s.genuineFalseShare()), met(s.falseAlertTargetMet())));
        out.append(f("Alerts explained in words: %d of %d -> %s", s.alerts() - s.unexplained().size(), s.alerts(),
                met(s.explanationTargetMet())));
        return out.toString();
    }

    /** docs/detection.md: the month (if run), then the adversarial set (if run). */
    static String render(DetectionReport.Run run, List<DetectionReport.Run> adversarial, PatternSummary patterns) {
        StringBuilder md = new StringBuilder();
        md.append("# Detection quality\n\n");
        md.append("How well the counterfeit rules (`dev.touchmark.alert`) tell counterfeits from genuine shoppers, measured on a\n"
                + "generated month of scans with known truth, and on the patterns of a counterfeiter who adapts to the rules\n"
                + "(issue 24). Regenerate with `scripts/detection-report.sh` (options: `--seed N`, `--genuine-codes N`,\n"
                + "`--seeds N` or `--seeds A,B,C` for the adversarial set, `--pattern-codes N`, `--no-month`,\n"
                + "`--no-adversarial`, `--strict` to exit 1 when a target is missed); this file is written by\n"
                + "`src/test/java/dev/touchmark/detection/DetectionReport.java`, do not edit it by hand. What each rule\n"
                + "and each default threshold trades off is in [detection-rules.md](detection-rules.md).\n\n");
        if (run == null) {
            AdversarialMarkdown.render(md, adversarial, patterns);
            method(md);
            return md.toString();
        }
        DetectionScore s = run.score();
        ScenarioSettings c = s.settings();
        md.append(f("The month: seed %d; %,d genuine codes; %,d scans (%,d with a shared location) replayed through HTTP against\n"
                + "a real server on H2, with the documented default thresholds. The same seed and scale give the same numbers.%n%n",
                c.seed(), c.genuineCodes(), s.scans(), s.locatedScans()));
        targets(md, s);
        rules(md, s);
        stories(md, s);
        ring(md, s);
        misses(md, s);
        findings(md, s);
        if (patterns != null) {
            AdversarialMarkdown.render(md, adversarial, patterns);
        }
        scenario(md, run.scenario());
        method(md);
        return md.toString();
    }

    private static void targets(StringBuilder md, DetectionScore s) {
        md.append("## Targets\n\n| target | measured | met |\n|---|---|---|\n");
        md.append(f("| every clone-ring code flagged within its first 10 fake scans | %d of %d codes flagged; max %s, median %s fake"
                        + " scans | %s |%n", s.ring().fakesUntilFlagged().size() - s.ringCodesNeverFlagged(),
                s.ring().fakesUntilFlagged().size(), count(s.maxFakesUntilFlagged()), num(s.medianFakesUntilFlagged()),
                met(s.ringTargetMet())));
        md.append(f("| false alerts on fewer than 1%% of genuine codes | %d of %,d genuine codes (%s); %d (%s) leaving out"
                        + " `out_of_market` | %s |%n", s.genuineCodesFalselyAlerted(), s.genuineCodes(), pct(s.genuineFalseShare()),
                s.genuineCodesFalselyAlertedOutsideMarketRule(),
                pct(s.genuineCodesFalselyAlertedOutsideMarketRule() / (double) Math.max(1, s.genuineCodes())),
                met(s.falseAlertTargetMet())));
        md.append(f("| every alert explained in words | %d of %d alerts have a summary sentence | %s |%n%n",
                s.alerts() - s.unexplained().size(), s.alerts(), met(s.explanationTargetMet())));
        for (String u : s.unexplained()) {
            md.append("- unexplained: ").append(u).append('\n');
        }
    }

    private static void rules(StringBuilder md, DetectionScore s) {
        md.append("## Precision and recall per rule\n\n");
        md.append("Precision: alerted subjects that are truly bad / all alerted subjects. Recall: bad subjects the rule is meant\n"
                + "to catch that got an alert of that rule / all such subjects (n/a: the scenario has none).\n\n");
        md.append("| rule | alerts | truly bad | precision | bad subjects to catch | caught | recall |\n"
                + "|---|---:|---:|---:|---:|---:|---:|\n");
        for (DetectionScore.RuleScore r : s.rules()) {
            md.append(f("| `%s` | %d | %d | %s | %d | %d | %s |%n", r.rule().id(), r.alerts(), r.truePositives(),
                    pct(r.precision()), r.targets(), r.caught(), pct(r.recall())));
        }
        md.append(f("| **overall** | %d | %d | %s | %,d bad codes | %,d | %s |%n%n", s.alerts(), s.trueAlerts(), pct(s.precision()),
                s.badCodes(), s.badCodesCaught(), pct(s.recall())));
        md.append("Overall recall counts codes: a cloned, diverted, leaked or forged code is caught when a truly bad alert stands\n"
                + "for one of its scans (its code alert, its batch's market or status alert, the forged-code alert of the batch it\n"
                + "names, a hotspot whose evidence holds it).\n\n");
    }

    private static void stories(StringBuilder md, DetectionScore s) {
        md.append("## What shoppers were told, and which codes got alerts\n\n");
        md.append("| story | codes | scans | verdicts of the scans | codes with an alert | codes with a false alert |\n"
                + "|---|---:|---:|---|---:|---|\n");
        for (DetectionScore.StoryScore st : s.stories()) {
            if (st.codes() == 0) {
                continue;
            }
            List<String> verdicts = new ArrayList<>();
            st.verdicts().forEach((v, n) -> verdicts.add(f("%s %,d", v.replace('_', ' '), n)));
            List<String> byRule = new ArrayList<>();
            st.falseByRule().forEach((r, n) -> byRule.add(f("%d by `%s`", n, r)));
            md.append(f("| %s | %,d | %,d | %s | %,d | %s |%n", story(st.story()), st.codes(), st.scans(), String.join(", ", verdicts),
                    st.alerted(), st.falselyAlerted() == 0 ? "0" : st.falselyAlerted() + " (" + String.join(", ", byRule) + ")"));
        }
        md.append('\n');
    }

    private static void ring(StringBuilder md, DetectionScore s) {
        DetectionScore.RingTiming ring = s.ring();
        md.append("## The clone ring, fake by fake\n\n");
        Map<String, Integer> histogram = new TreeMap<>();
        ring.fakesUntilFlagged().forEach(n -> histogram.merge(n == DetectionScore.NEVER ? "never" : f("%3d", n), 1, Integer::sum));
        List<String> parts = new ArrayList<>();
        histogram.forEach((n, codes) -> parts.add(f("%s fake scans: %d codes", n.strip(), codes)));
        md.append(f("Fake scans of a ring code up to and including the one that got the code its first code alert: %s.%n",
                String.join("; ", parts)));
        List<String> first = new ArrayList<>();
        ring.firstFlaggedBy().forEach((rule, n) -> first.add(f("`%s` for %d", rule, n)));
        md.append(f("The first code alert came from %s. The ring as a whole was first flagged after %d of its fake scans, by"
                + " `%s`.%n%n", first.isEmpty() ? "no rule" : String.join(" and ", first), s.ring().ringFlaggedAfter(),
                ring.ringFirstRule()));
        md.append(f("A code reaches `cloned_code` on its %s phone (TOUCHMARK_SUSPECT_DEVICES, default %d): the genuine owner's"
                + " phone and %d fakes, each bought by a different phone. A scan is suspect for the shopper from %d risk points:"
                + " the 2nd-4th phones add 15 each and a scan outside the markets 35, so the first fakes sold in the market are"
                + " answered \"seen before\" rather than \"suspect\".%n%n", ordinal(RULES.cloneDevices()), RULES.cloneDevices(),
                RULES.cloneDevices() - 1, RULES.suspectScore()));
    }

    private static void misses(StringBuilder md, DetectionScore s) {
        md.append("## What each rule missed, and why\n\n");
        DetectionScore.Facts facts = s.facts();
        for (DetectionScore.RuleScore r : s.rules()) {
            md.append("- `").append(r.rule().id()).append("`: ").append(RuleNotes.note(r, facts, RULES)).append('\n');
        }
        md.append('\n');
    }

    private static void findings(StringBuilder md, DetectionScore s) {
        md.append("## False alerts, for tuning\n\n");
        boolean any = false;
        for (DetectionScore.RuleScore r : s.rules()) {
            if (r.alerts() > r.truePositives()) {
                any = true;
                List<String> stories = new ArrayList<>();
                s.stories().forEach(st -> {
                    Integer n = st.falseByRule().get(r.rule().id());
                    if (n != null) {
                        stories.add(f("%d %s codes", n, story(st.story()).toLowerCase(Locale.ROOT)));
                    }
                });
                md.append(f("- `%s`: %d false alerts of %d (%d of them raised by a single scan), standing for %s. Example:"
                                + " \"%s\"%n", r.rule().id(), r.alerts() - r.truePositives(), r.alerts(), r.falseFromOneScan(),
                        stories.isEmpty() ? "no code" : String.join(", ", stories), r.falseExample()));
                if (r.rule() == Rule.OUT_OF_MARKET) {
                    DetectionScore.CodesFirstScannedInMarket no = s.facts().marketFalse();
                    DetectionScore.CodesFirstScannedInMarket yes = s.facts().marketTrue();
                    md.append(f("  Of the codes behind these false alerts, %d of %d had been scanned first inside their batch's"
                            + " markets; of the codes behind the truly bad ones (the batch diverted to Istanbul, the ring's labels"
                            + " in Dubai), %d of %d, the ring's labels, which their genuine owners scanned first and"
                            + " `cloned_code` catches anyway. The alert is raised per batch and country whatever the code's"
                            + " history; the code's first country (already in its scan history) tells a trip from a diversion"
                            + " here.%n", no.firstInMarket(), no.codes(),
                            yes.firstInMarket(), yes.codes()));
                }
            }
        }
        md.append(any ? "\n" : "No rule raised a false alert.\n\n");
    }

    private static void scenario(StringBuilder md, Scenario scenario) {
        ScenarioMarkdown.describe(md, scenario);
    }

    private static void method(StringBuilder md) {
        ScenarioMarkdown.method(md);
    }

    static String story(Story story) {
        String name = story.name().replace('_', ' ').toLowerCase(Locale.ROOT);
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    static String ordinal(int n) {
        String suffix = n % 100 >= 11 && n % 100 <= 13 ? "th" : switch (n % 10) {
            case 1 -> "st";
            case 2 -> "nd";
            case 3 -> "rd";
            default -> "th";
        };
        return n + suffix;
    }

    static String pct(double share) {
        return Double.isNaN(share) ? "n/a" : f("%.1f%%", share * 100);
    }

    static String count(int n) {
        return n == DetectionScore.NEVER ? "never" : Integer.toString(n);
    }

    static String num(double n) {
        return n >= DetectionScore.NEVER ? "never" : n == Math.rint(n) ? Long.toString((long) n) : f("%.1f", n);
    }

    static String met(boolean met) {
        return met ? "yes" : "**no**";
    }

    static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
