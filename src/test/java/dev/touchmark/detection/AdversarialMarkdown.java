package dev.touchmark.detection;

import static dev.touchmark.detection.DetectionMarkdown.f;
import static dev.touchmark.detection.DetectionMarkdown.met;
import static dev.touchmark.detection.DetectionMarkdown.pct;
import static dev.touchmark.detection.DetectionMarkdown.story;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The adversarial part of docs/detection.md and of the console summary: issue 24's patterns over several seeds. */
final class AdversarialMarkdown {
    private AdversarialMarkdown() {
    }

    /** The console summary. */
    static String summary(List<DetectionReport.Run> runs, PatternSummary s) {
        StringBuilder out = new StringBuilder();
        out.append(f("Adversarial set, %d seeds (%s):%n", runs.size(), seeds(runs)));
        for (PatternSummary.Pattern p : s.patterns()) {
            out.append(f("  %-24s caught %6s (%d of %d with a signal; %d without)  fakes to alert %s  fakes to warning %s%n",
                    story(p.story()), pct(p.caughtShare()), p.caughtWithSignal(), p.withSignal(), p.codes() - p.withSignal(),
                    medianMax(p.fakesToAlert()), count(PatternSummary.median(p.fakesToWarning()))));
        }
        for (PatternScore.GenuineRow g : List.of(s.allGenuine(), s.households())) {
            out.append(f("  %-24s falsely alerted %d of %d codes (%s), suspect %d of %d scans (%s)%n", g.name(), g.falselyAlerted(),
                    g.codes(), pct(PatternSummary.falseShare(g)), g.suspectScans(), g.scans(), pct(PatternSummary.suspectShare(g))));
        }
        out.append(s.missed().isEmpty() ? "Adversarial targets: all met" : "Adversarial targets missed: " + s.missed().size());
        return out.toString();
    }

    static void render(StringBuilder md, List<DetectionReport.Run> runs, PatternSummary s) {
        ScenarioSettings first = runs.get(0).scenario().settings();
        AdversarialSettings a = first.adversarial();
        int scans = runs.stream().mapToInt(r -> r.scenario().events().size()).sum();
        md.append("## Adversarial patterns (issue 24)\n\n");
        md.append(f("Counterfeiters adapt. Each pattern below is a story of its own, in a batch of its own among that batch's"
                + " ordinary buyers, generated for %d seeds (%s) and replayed against a fresh server per seed with the same"
                + " defaults as the month: %,d scans in all, %.0f s of replay. The numbers are the seeds' runs taken together;"
                + " \"per seed\" gives each run's share. `--seeds` and `--pattern-codes` change them.%n%n", runs.size(), seeds(runs),
                scans, runs.stream().mapToLong(r -> r.replayTime().toMillis()).sum() / 1000.0));
        md.append("### Targets\n\n| target | measured | met |\n|---|---|---|\n");
        long met = s.patterns().stream().filter(p -> p.story().adversarial() && p.targetMet()).count();
        long all = s.patterns().stream().filter(p -> p.story().adversarial()).count();
        md.append(f("| every pattern: at least 90%% of its codes caught where the scans carry a signal | %d of %d patterns | %s |%n",
                met, all, met(met == all)));
        s.patterns().stream().filter(p -> p.story() == Story.PRINTER_OVERRUN).forEach(p -> md.append(f(
                "| printer overrun explained as an overrun, not as a forgery | %d of %d codes first alerted as forgeries (`%s`)"
                        + " | %s |%n", p.rules().getOrDefault(PatternSummary.FORGERY, 0), p.codes(), PatternSummary.FORGERY,
                met(p.caught() > 0 && !p.rules().containsKey(PatternSummary.FORGERY)))));
        for (PatternScore.GenuineRow g : List.of(s.allGenuine(), s.households())) {
            md.append(f("| %s: fewer than 1%% falsely alerted | %,d of %,d codes (%s) | %s |%n", g.name().toLowerCase(Locale.ROOT),
                    g.falselyAlerted(), g.codes(), pct(PatternSummary.falseShare(g)),
                    met(PatternSummary.falseShare(g) < PatternSummary.FALSE_ALERT_TARGET)));
            md.append(f("| %s: fewer than 0.5%% of their scans shown \"suspect\" | %,d of %,d scans (%s) | %s |%n",
                    g.name().toLowerCase(Locale.ROOT), g.suspectScans(), g.scans(), pct(PatternSummary.suspectShare(g)),
                    met(PatternSummary.suspectShare(g) < PatternSummary.SUSPECT_SCAN_TARGET)));
        }
        md.append('\n');
        md.append("### Each pattern\n\n");
        md.append("| pattern | bad codes | with a signal | caught (with a signal) | per seed | fake scans until the first alert,"
                + " median / max | fake scans until a fake's buyer is warned, median (never warned) | first caught by |"
                + " genuine codes of its batch falsely alerted | their scans shown \"suspect\" |\n"
                + "|---|---:|---:|---:|---|---|---|---|---:|---:|\n");
        for (PatternSummary.Pattern p : s.patterns()) {
            List<String> perSeed = new ArrayList<>();
            p.caughtPerSeed().forEach(share -> perSeed.add(pct(share)));
            List<String> rules = new ArrayList<>();
            p.rules().forEach((r, n) -> rules.add(f("`%s` %d", r, n)));
            PatternScore.GenuineRow b = p.background();
            md.append(f("| %s | %,d | %,d | %,d (%s) | %s | %s | %s (%d) | %s | %s | %s |%n", story(p.story()), p.codes(),
                    p.withSignal(), p.caughtWithSignal(), pct(p.caughtShare()), String.join(", ", perSeed),
                    medianMax(p.fakesToAlert()), count(PatternSummary.median(p.fakesToWarning())), p.warnedNever(),
                    rules.isEmpty() ? "none" : String.join(", ", rules),
                    b == null ? "n/a" : f("%d of %,d (%s)", b.falselyAlerted(), b.codes(), pct(PatternSummary.falseShare(b))),
                    b == null ? "n/a" : f("%d of %,d (%s)", b.suspectScans(), b.scans(), pct(PatternSummary.suspectShare(b)))));
        }
        md.append('\n');
        md.append("""
                - **caught**: a code is caught when an alert that is truly bad stands for one of its scans (its code alert,
                  its batch's market or status alert, a forged-code alert of its batch, a hotspot or other alert whose
                  evidence holds it), whatever the rule; the share is of the codes whose scans carry a signal.
                - **fake scans until the first alert**: for each caught code with a signal, its illicit scans up to the one
                  after which an alert first stood for it (the alerts are read after every scan of a bad code, so an
                  alert's opening is timed to the scan that opened it, or to the next bad code's scan). A code whose alert came only after its last fake scan counts all of
                  them.
                - **fake scans until a fake's buyer is warned**: for each code with a signal, its illicit scans up to and
                  including the first one answered "suspect" (or "not genuine"); "never" when no fake's buyer was warned.
                - **first caught by**: the rule of the alert that first stood for each caught code (all codes, with or
                  without a signal).
                - **genuine codes of its batch**: the ordinary buyers sold the same batch as the pattern; an alert that
                  stands for them and for the pattern's scans is truly bad, so a batch-wide alert does not count here.

                """);
        md.append("**Codes without a signal.** A code carries a signal when its scans show something that one genuine"
                + " buyer's scans never do: an index beyond the batch's quantity, a scan from outside the batch's markets,"
                + " a second phone (a partner app's call without a device id counts as one), one device cookie located"
                + " 50 km or more apart or seen from more than three networks, or more than " + PatternScore.SINGLE_BUYER_SCANS
                + " scans of the code. A perfect copy scanned by one phone inside"
                + " the markets, with no genuine scan beside it, looks exactly like a genuine buyer, and no rule can tell it"
                + " from one without making every single buyer suspect; such codes are left out of \"caught\" and of the"
                + " target:\n\n");
        boolean any = false;
        for (PatternSummary.Pattern p : s.patterns()) {
            if (p.codes() > p.withSignal()) {
                any = true;
                md.append(f("- %s: %d of %d codes (%s) carry no signal. %s%n", story(p.story()), p.codes() - p.withSignal(),
                        p.codes(), pct((p.codes() - p.withSignal()) / (double) p.codes()), noSignal(p.story())));
            }
        }
        md.append(any ? "\n" : "- none: every bad code's scans carry a signal.\n\n");
        md.append("### Genuine shoppers of the adversarial set\n\n");
        md.append("| story | codes | falsely alerted | scans | shown \"suspect\" |\n|---|---:|---:|---:|---:|\n");
        List<PatternScore.GenuineRow> rows = new ArrayList<>(s.genuine());
        rows.add(s.allGenuine());
        for (PatternScore.GenuineRow g : rows) {
            md.append(f("| %s | %,d | %,d (%s) | %,d | %,d (%s) |%n", g.name(), g.codes(), g.falselyAlerted(),
                    pct(PatternSummary.falseShare(g)), g.scans(), g.suspectScans(), pct(PatternSummary.suspectShare(g))));
        }
        md.append('\n');
        if (!s.missed().isEmpty()) {
            md.append("Targets missed:\n\n");
            s.missed().forEach(m -> md.append("- ").append(m).append('\n'));
            md.append('\n');
        }
        describe(md, a, first);
    }

    private static String noSignal(Story story) {
        return switch (story) {
            case UNSCANNED_CLONE -> "The ring sold a single copy of these labels, in the markets, and their genuine buyers"
                    + " never scanned: one phone, one place, as any buyer.";
            case DUPLICATE_RUN -> "The genuine product's buyer never scanned and the copy was sold in the markets: one"
                    + " phone's scans of a valid, released code. Only the batch (a run of neighbouring indexes that all show"
                    + " this) could tell.";
            default -> "One phone, in the markets, nothing else.";
        };
    }

    private static void describe(StringBuilder md, AdversarialSettings a, ScenarioSettings c) {
        md.append("### How the patterns are built\n\n");
        md.append(f("""
                Each pattern's batch is also sold to %d ordinary buyers (the month's mix of single buyers, families,
                resellers and tourists; %.0f%% of them check only through a partner app that sends no device id). Every
                scan carries what a real one would: the country header of where it is made, a client address forwarded by
                the trusted proxy (`X-Forwarded-For`; the server keeps a hash of its /24), and, for %.0f%% of phones, a
                shared location. A household or buyer has a home line of its own (a /24 it shares with neighbours of the
                same provider) and uses it for %.0f%% of its scans at home, its country's mobile network otherwise; mobile
                networks are %d carrier-grade NAT prefixes per country, shared by many strangers. Per seed:

                - **Slow clones** (%d codes): the genuine buyer scans 1-2 times in the first week; then 3-4 copies, each
                  scanned once by its own buyer in a city of the markets, from 5 days after the sale to the month's end.
                - **Unscanned clones** (%d codes): labels the ring bought and never scanned; 1-4 copies, each scanned once,
                  70%% in the markets and 30%% in a re-export hub (Dubai, Istanbul, Lagos, Riyadh, Casablanca).
                - **Cookie clones abroad** and **in market** (%d codes each): the genuine buyer scans 1-2 times in the first
                  days; then 8-30 fakes whose checks carry that buyer's device cookie, sold in 1-2 hub cities (abroad) or
                  cities of the markets (in market). For half the labels the cookie comes with a copied link: each check
                  from the fake buyer's own phone and network, located as often as anyone's; for the other half, from the
                  ring's scripted checker: every check of all those labels from one server's /24, with the country of
                  sale, never located.
                - **No-device clones** (%d codes): the genuine buyer scans 1-2 times on the page; then 3-10 fakes, each
                  checked once through `POST /api/v1/verify` with no device id and no cookie, from the buyer's phone (80%%
                  in the markets), with a location in the request for 30%% of them.
                - **Printer overrun** (%d codes): validly signed labels with the indexes right after the batch's quantity,
                  each bought by a single buyer (1-3 scans) in the markets.
                - **Duplicate print run** (%d codes): a run of consecutive released labels printed twice. The genuine
                  product's buyer scans it (60%% do, 1-2 times); the copy's buyer scans it 1-2 times, in a city of the
                  markets or, for 30%%, in a hub abroad.
                - **Laundered diversion** (%d codes): a distributor in the batch's market scans each code once in the
                  first week (one phone, one network, no location); 3-15 days later each is sold to a single buyer (1-3
                  scans) in one of two hub cities abroad.
                - **Thin diversion** (%d codes): 2 codes in each of %d countries outside the markets (cities from Madrid
                  to Tokyo), each bought by a single buyer (1-3 scans).
                - **Households** (%d codes): one product checked on 2-6 browsers or phones (30%% of households on 2, 25%%
                  on 3, 20%% on 4, 15%% on 5, 10%% on 6; 1-2 scans each, within days) of one home in a city of the markets,
                  Berlin and Hamburg included; each browser shares its location as often as anyone's.

                Limits: one ring per pattern, each in a batch of its own, so a batch-wide alert is about one pattern
                (a real brand's rings share batches with each other); every pattern runs in the same month at an even
                pace; which codes carry a signal is the scenario's judgement from the scans' contents, not any rule's; the
                shares of phones on home lines and mobile networks, and of location sharers, are guesses stated above.

                """, a.backgroundCodes(), a.appShare() * 100, c.locationShare() * 100, Networks.HOME_LINE_SHARE * 100,
                Networks.MOBILE_PREFIXES, a.patternCodes(), a.patternCodes(), a.patternCodes(), a.patternCodes(),
                a.patternCodes(), a.patternCodes(), a.patternCodes(), 2 * a.thinCountries(), a.thinCountries(),
                a.households()));
    }

    private static String seeds(List<DetectionReport.Run> runs) {
        List<String> seeds = new ArrayList<>();
        runs.forEach(r -> seeds.add(Long.toString(r.scenario().settings().seed())));
        return String.join(", ", seeds);
    }

    private static String medianMax(List<Integer> counts) {
        if (counts.isEmpty()) {
            return "n/a";
        }
        return count(PatternSummary.median(counts)) + " / " + count(counts.stream().mapToInt(n -> n).max().orElse(0));
    }

    private static String count(double n) {
        return Double.isNaN(n) ? "n/a" : DetectionMarkdown.num(n);
    }
}
