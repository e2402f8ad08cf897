package dev.touchmark.alert;

import dev.touchmark.domain.NotGenuineReason;
import dev.touchmark.scan.Assessment;
import dev.touchmark.scan.CodeHistory;
import dev.touchmark.scan.ScanToRecord;
import java.util.ArrayList;
import java.util.List;

/** Scores one scan from what the writer knows about it; no I/O, so every rule is testable on its own. */
public final class RiskAssessor {
    private RiskAssessor() {
    }

    /** What detection found about a scan besides its code history. */
    public record Signals(boolean impossibleTravel, boolean inHotspot, boolean latePhone, boolean otherCountry) {
        /** Nothing found. */
        public static final Signals NONE = new Signals(false, false, false, false);

        public Signals(boolean impossibleTravel, boolean inHotspot) {
            this(impossibleTravel, inHotspot, false, false);
        }

        public Signals(boolean impossibleTravel, boolean inHotspot, boolean latePhone) {
            this(impossibleTravel, inHotspot, latePhone, false);
        }
    }

    /**
     * True when a phone new to the code (not its first scan, not a browser of its household) verifies it in one of its
     * batch's markets other than the country of the code's first scan.
     */
    public static boolean otherCountry(ScanToRecord scan, CodeHistory history) {
        String country = scan.shopper().country();
        return history != null && !history.firstScan() && !history.knownHousehold() && history.firstCountry() != null
                && country != null && !country.equals(history.firstCountry()) && scan.markets() != null
                && scan.markets().contains(country);
    }

    /**
     * True when a phone new to the code (not its first scan) verifies it the brand's lateDeviceDays or more after its
     * first scan.
     */
    public static boolean latePhone(RuleSettings rules, CodeHistory history, java.time.OffsetDateTime now) {
        return history != null && !history.firstScan() && !history.knownHousehold() && history.firstScanAt() != null
                && !history.firstScanAt().plusDays(rules.lateDeviceDays()).isAfter(now);
    }

    /** The risk of a scan, its reasons in order of weight, and whether it reaches the suspect score. */
    public static Assessment assess(RuleSettings rules, ScanToRecord scan, CodeHistory history, Signals signals) {
        if (scan.notGenuineReason() == NotGenuineReason.INDEX_OUT_OF_RANGE) {
            return new Assessment(RiskReason.OVERRUN.points(), List.of(RiskReason.OVERRUN.id()), false);
        }
        if (scan.notGenuineReason() != null) {
            return new Assessment(RiskReason.FORGED.points(), List.of(RiskReason.FORGED.id()), false);
        }
        List<RiskReason> reasons = new ArrayList<>(4);
        int score = 0;
        if (scan.batchStatus() != null) {
            RiskReason status = switch (scan.batchStatus()) {
                case DRAFT -> RiskReason.NOT_RELEASED;
                case RECALLED -> RiskReason.RECALLED;
                case VOIDED -> RiskReason.VOIDED;
                case RELEASED -> null;
            };
            if (status != null) {
                reasons.add(status);
                score += status.points();
            }
        }
        if (history != null && history.deviceCount() >= rules.cloneDevices()) {
            reasons.add(RiskReason.MANY_DEVICES);
            score += RiskReason.MANY_DEVICES.points();
        } else if (history != null && history.deviceCount() > 1) {
            reasons.add(RiskReason.OTHER_DEVICES);
            score += Math.min(3, history.deviceCount() - 1) * RiskReason.OTHER_DEVICES.points();
        }
        if (history != null && history.replayed()) {
            reasons.add(RiskReason.REPLAYED_COOKIE);
            score += RiskReason.REPLAYED_COOKIE.points();
        }
        if (signals.latePhone()) {
            reasons.add(RiskReason.LATE_DEVICE);
            score += RiskReason.LATE_DEVICE.points();
        }
        if (signals.otherCountry()) {
            reasons.add(RiskReason.OTHER_COUNTRY);
            score += RiskReason.OTHER_COUNTRY.points();
        }
        if (signals.impossibleTravel()) {
            reasons.add(RiskReason.IMPOSSIBLE_TRAVEL);
            score += RiskReason.IMPOSSIBLE_TRAVEL.points();
        }
        if (outOfMarket(rules, scan)) {
            reasons.add(RiskReason.OUT_OF_MARKET);
            score += RiskReason.OUT_OF_MARKET.points();
        }
        if (signals.inHotspot()) {
            reasons.add(RiskReason.KNOWN_HOTSPOT);
            score += RiskReason.KNOWN_HOTSPOT.points();
        }
        int risk = Math.min(100, score);
        return new Assessment(risk, reasons.stream().map(RiskReason::id).toList(), risk >= rules.suspectScore());
    }

    /** True when the scan's country is known and is not one of its batch's markets. */
    public static boolean outOfMarket(RuleSettings rules, ScanToRecord scan) {
        return rules.outOfMarket() && scan.shopper().country() != null && scan.markets() != null && !scan.markets().isEmpty()
                && !scan.markets().contains(scan.shopper().country());
    }
}
