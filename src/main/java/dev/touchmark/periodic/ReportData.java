package dev.touchmark.periodic;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Every number of one regular report, computed the way the stats API computes them: scans from the rollups (genuine
 * includes "seen before", as on the overview), alerts raised in the period with the status they have now.
 */
public record ReportData(String brandName, ReportPeriod period, OffsetDateTime generatedAt, List<Day> days,
                         List<CountryRow> countries, List<CellRow> cells, List<RuleRow> alertsByRule,
                         Acknowledgement acknowledgement, List<BatchRow> batches, ShopperReports shopperReports,
                         List<InvolvedItem> alliance) {

    /** Scans of one day by kind of verdict; other verdicts (recalled, not released, voided) are the rest of scans. */
    public record Day(LocalDate day, long scans, long genuine, long suspect, long notGenuine) {
        public long other() {
            return scans - genuine - suspect - notGenuine;
        }
    }

    /** Scans in a country ("" when unknown). */
    public record CountryRow(String country, long scans, long suspect, long notGenuine) {
    }

    /** Located scans in a half-degree cell, by its centre. */
    public record CellRow(double lat, double lon, long scans, long suspect) {
    }

    /** Alerts of a rule raised in the period, by the status they are in now. */
    public record RuleRow(String rule, long raised, long open, long acknowledged, long resolved, long falsePositive) {
    }

    /**
     * How fast alerts raised in the period were taken up: how many there were, how many left "open" (acknowledged,
     * resolved or marked a false positive), and the lower median and the longest of those delays, in seconds.
     */
    public record Acknowledgement(long raised, long acknowledged, Long medianSeconds, Long maxSeconds) {
    }

    /** Scans of a batch by kind of verdict; affected are those not genuine (nor seen before). */
    public record BatchRow(long batchId, String lot, long scans, long genuine, long suspect, long notGenuine) {
        public long affected() {
            return scans - genuine;
        }
    }

    /** Shopper reports received in the period, in all and by country ("" when unknown). */
    public record ShopperReports(long total, List<CountryCount> byCountry) {
    }

    /** A count in a country. */
    public record CountryCount(String country, long count) {
    }

    /** The period's totals, by kind of verdict. */
    public Day totals() {
        long scans = 0;
        long genuine = 0;
        long suspect = 0;
        long notGenuine = 0;
        for (Day d : days) {
            scans += d.scans();
            genuine += d.genuine();
            suspect += d.suspect();
            notGenuine += d.notGenuine();
        }
        return new Day(period.start(), scans, genuine, suspect, notGenuine);
    }
}
