package dev.touchmark.detection;

import static dev.touchmark.detection.DetectionMarkdown.f;

import dev.touchmark.alert.RuleSettings;

/** One sentence or two per rule for docs/detection.md: what it caught, what it missed, and why. */
final class RuleNotes {
    private RuleNotes() {
    }

    static String note(DetectionScore.RuleScore r, DetectionScore.Facts facts, RuleSettings rules) {
        String caught = f("caught %d of %d", r.caught(), r.targets());
        return switch (r.rule()) {
            case CLONED_CODE -> f("%s ring codes. It fires when a code's %s phone scans it; every fake is bought by another"
                    + " phone, so a ring label gets there on its %s fake. Families (at most 3 phones) and resellers (2) stay below"
                    + " the threshold.", caught, DetectionMarkdown.ordinal(rules.cloneDevices()),
                    DetectionMarkdown.ordinal(rules.cloneDevices() - 1));
            case IMPOSSIBLE_TRAVEL -> f("%s ring codes. It needs two consecutive shared locations of one code at least 50 km"
                    + " apart and faster than %d km/h; only the phones that share a location count, so it sees a ring code"
                    + " only when a Marseille buyer and a Dubai buyer both share within hours of each other. By the ground truth,"
                    + " %d ring codes had such a pair (%d of them alerted) and %d other codes had one.", caught, rules.travelKmh(),
                    facts.ringTravelPossible(), facts.ringTravelCaught(), facts.otherTravelPossible());
            case OUT_OF_MARKET -> f("%s bad (batch, country) pairs: the batch diverted to Istanbul. It counts only codes whose"
                    + " first scan (the sale) was outside the batch's markets, at least %d of them in one country within 30 days;"
                    + " tourists, whose codes were first scanned at home, do not count, and neither do the ring's fakes in Dubai"
                    + " (copies of labels first scanned in France or Belgium), which cloned_code catches.", caught,
                    rules.marketCodes());
            case UNRELEASED_SCAN -> f("%s draft batches: the first scan of a leaked label raises it; later ones add evidence.",
                    caught);
            case RECALLED_SCAN, VOIDED_SCAN -> "not measured: the scenario has no recalled or voided batch.";
            case FORGED_CODE -> f("%s batches named by forged codes; forged codes naming one batch share one alert.", caught);
            case OVERRUN -> f("%s batches with validly signed codes beyond their quantity.", caught);
            case SCAN_BURST -> f("%s. Nothing to catch: the busiest hour of one batch had %s; a burst"
                    + " needs at least %d scans in an hour and %d times the batch's hourly average of the week before. The ring"
                    + " sells about ten fakes an hour over three weeks, a trickle rather than a flood.", r.alerts() == 0
                    ? "No alert" : r.alerts() + " alerts", facts.busiestBatchHour(), rules.burstMinScans(), rules.burstFactor());
            case HOTSPOT -> f("%s map cells where at least %d ring codes were located. Sightings come only from suspect scans"
                    + " whose phone shares a location; scans already located when verified (the verify API with a location)"
                    + " would also score the hotspot, but phones in this scenario share after the verdict.", caught,
                    GroundTruth.HOTSPOT_CODES);
            case SHOPPER_REPORT -> "not measured: no shopper in the scenario files a report.";
            case ALLIANCE_MATCH -> "not measured: the scenario has one brand and no alliance.";
            default -> "not measured by the month's scenario (see the adversarial patterns below).";
        };
    }
}
