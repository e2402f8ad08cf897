package dev.touchmark.detection;

import static dev.touchmark.detection.DetectionMarkdown.f;

import dev.touchmark.config.ScanSettings;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** The parts of docs/detection.md that describe the scenario and the method. */
final class ScenarioMarkdown {
    private ScenarioMarkdown() {
    }

    static void describe(StringBuilder md, Scenario scenario) {
        ScenarioSettings c = scenario.settings();
        md.append("## How the scenario is built\n\n");
        md.append(f("`ScenarioGenerator` makes %d simulated days from %s, deterministically from the seed: the same seed and"
                + " scale give the same scans. One brand sells three products in France, Belgium and Germany:%n%n",
                c.days(), ScenarioGenerator.START));
        Map<String, Set<String>> codes = new LinkedHashMap<>();
        scenario.events().stream().filter(e -> !e.forged())
                .forEach(e -> codes.computeIfAbsent(e.batch(), b -> new LinkedHashSet<>()).add(e.code()));
        md.append("| batch | product | markets | status | codes printed | codes scanned |\n|---|---|---|---|---:|---:|\n");
        for (BatchPlan b : scenario.batches()) {
            md.append(f("| %s | %s | %s | %s | %,d | %,d |%n", b.key(), b.product(), String.join(", ", b.markets()),
                    b.released() ? "released" : "draft", b.quantity(), codes.getOrDefault(b.key(), Set.of()).size()));
        }
        md.append('\n');
        md.append(f("""
                - **Genuine codes** (%,d): each sold to one household in a city of one of its batch's markets (Paris, Lyon,
                  Marseille, Toulouse, Lille, Bordeaux, Nantes; Brussels, Antwerp, Liège; Berlin, Munich, Hamburg, Cologne,
                  Frankfurt), living within %.0f km of the centre; purchases spread over the month between 08:00 and 22:00 UTC.
                  - single buyers (the rest, about %.0f%%): one phone, 1-3 scans (60%% once, 30%% twice, 10%% three times),
                    follow-ups from 2 minutes to 10 days later, spread evenly on a log scale;
                  - families (%.0f%%): 2-3 phones of one household, each scanning 1-2 times, the next phone 30 minutes to 10
                    days after the previous;
                  - resellers (%.0f%%): a shop's phone scans the code once on arrival, its buyer (another phone, same city)
                    scans 1-2 times from an hour to 14 days later;
                  - tourists (%.0f%%): the owner scans 1-2 times at home, then once 2-20 days later in a city abroad (Barcelona,
                    Rome, Lisbon, London, New York, Athens, Marrakesh, Amsterdam, or Paris, Berlin or Brussels when that is
                    abroad for them), with that country's header.
                - **Locations**: %.0f%% of phones let the page read their location and then share it on every scan (posted
                  right after the verdict, as the page does); a phone's position varies by up to %.0f km between scans.
                - **Clone ring**: %d genuine labels of SERUM-FR-BE-1, each first bought and scanned by its genuine owner in
                  France or Belgium in the first %d days; then %,d fakes carrying copies of them (%d per label), each bought
                  and scanned once by a different phone, from day %d for %d days, half in **Marseille** (France, inside the
                  batch's markets) and half in **Dubai** (outside them). A ring copies labels where the brand sells, and
                  sells where fakes sell: in the market itself and through a re-export hub. Its labels are copies of codes
                  first scanned inside the market, so the clone, travel and hotspot rules must catch it in both places.
                - **Diversion**: %d codes of SERUM-FR-3, a released batch for France only, each bought by a single buyer
                  (1-3 scans) in **Istanbul**.
                - **Printer leak**: %d codes of CREAM-EU-2, a draft batch that was never released, on goods bought by
                  single buyers (1-2 scans) in its market cities from day 10.
                - **Forged codes**: %d scans, each by a new phone in Paris or Marseille, of codes in the brand's format naming
                  SERUM-FR-BE-1 with one character of the signature changed.
                - **Server**: a real Touchmark server on a fresh H2 database in a temporary folder, started with a simulated
                  clock that the replay moves to each scan's time; documented defaults (clone threshold %d phones, travel
                  900 km/h, out of market on, bursts at 200 scans and 10x, hotspots of 3 codes in 7 days, suspect from 60
                  points), the country taken from the `CF-IPCountry` header, rate limits off. Each scan is a GET of the
                  code's URL with `Accept: application/json` and the phone's device cookie; a location is a POST to
                  `/api/v1/scans/{scanId}/location` from the same cookie. Alerts are read back through `/api/v1/alerts`
                  (all pages) and `/api/v1/alerts/{id}` (evidence) with the brand's API key.

                """, c.genuineCodes(), ScenarioGenerator.HOME_RADIUS_KM,
                (1 - c.familyShare() - c.resellerShare() - c.touristShare()) * 100, c.familyShare() * 100,
                c.resellerShare() * 100, c.touristShare() * 100, c.locationShare() * 100, ScenarioGenerator.PHONE_JITTER_KM,
                c.ringCodes(), ScenarioGenerator.RING_START_DAY - 1, c.ringFakes(), c.ringFakes() / Math.max(1, c.ringCodes()),
                ScenarioGenerator.RING_START_DAY, ScenarioGenerator.RING_DAYS, c.divertedCodes(), c.leakedCodes(),
                c.forgedScans(), ScanSettings.defaults().suspectDevices()));
    }

    static void method(StringBuilder md) {
        md.append("""
                ## How the numbers are computed

                - Every scan has a truth: the code is genuine, cloned, diverted, leaked or forged, and the scan is illicit (a
                  fake, a diverted, leaked or forged label) or not (a genuine buyer, including the first owner of a label that
                  the ring copied later).
                - An alert stands for scans, by its subject: `code:B:I` for every scan of that code; `market:B:C` for the scans
                  of batch B in country C; `batch:B` for the scans of batch B (status rules) or the forged scans naming it
                  (`forged_code`); `cell:...` for the scans in its evidence; a burst for none (it is about an hour of a batch).
                - An alert is truly bad when its code is not genuine (code subjects), or when an illicit scan is among those it
                  stands for. Precision per rule = truly bad alerts / alerts. Recall per rule = bad subjects the rule is meant
                  to catch that have an alert of it / all of them: the ring's codes for `cloned_code` and `impossible_travel`,
                  the (batch, country) pairs of the diverted batch's scans outside its markets for `out_of_market`, the draft
                  batches with scans for `unreleased_scan`, the batches named by forged codes for `forged_code`, the cells
                  where at least 3 ring codes were located for `hotspot`.
                - A genuine code has a false alert when an alert that is not truly bad stands for one of its scans.
                - Fake scans until flagged: for each ring code, its illicit scans up to and including the scan that is the
                  first evidence of its first code alert (`cloned_code` or `impossible_travel`).
                - An alert is explained when its summary is a sentence (at least 30 characters, ending with a full stop)
                  with no unfilled value ("null") in it.

                ## Limits

                One brand and one month; no recalls, voids, bursts or shopper reports, so those rules are not measured; phones
                share locations only after the verdict, so the hotspot's bonus on located verifications is not exercised;
                times are UTC without time zones; the share of tourists and of location sharers are guesses, stated above,
                and the false-alert share moves with the first.
                """);
    }
}
