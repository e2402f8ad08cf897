package dev.touchmark.periodic;

import dev.touchmark.csv.CsvWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A report's numbers as CSV (RFC 4180, UTF-8): one number per row as section, item, metric, value, so a spreadsheet
 * can pivot it and a program can read it without knowing the layout of the PDF.
 */
public final class ReportCsv {
    private final StringBuilder out = new StringBuilder();

    private ReportCsv() {
    }

    /** The CSV of a report. */
    public static byte[] write(ReportData data) {
        ReportCsv csv = new ReportCsv();
        csv.row("section", "item", "metric", "value");
        csv.all(data);
        return csv.out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private void all(ReportData data) {
        ReportPeriod period = data.period();
        row("report", data.brandName(), "kind", period.kind().id());
        row("report", data.brandName(), "from", period.start().toString());
        row("report", data.brandName(), "to", period.lastDay().toString());
        row("report", data.brandName(), "generated_at", data.generatedAt().toString());
        day("totals", "all", data.totals());
        for (ReportData.Day d : data.days()) {
            day("day", d.day().toString(), d);
        }
        for (ReportData.CountryRow c : data.countries()) {
            String country = c.country().isEmpty() ? "unknown" : c.country();
            row("country", country, "scans", c.scans());
            row("country", country, "suspect", c.suspect());
            row("country", country, "not_genuine", c.notGenuine());
        }
        int rank = 1;
        for (ReportData.CellRow c : data.cells()) {
            String item = Integer.toString(rank++);
            row("cell", item, "lat", Double.toString(c.lat()));
            row("cell", item, "lon", Double.toString(c.lon()));
            row("cell", item, "scans", c.scans());
            row("cell", item, "suspect", c.suspect());
        }
        for (ReportData.RuleRow r : data.alertsByRule()) {
            row("alerts", r.rule(), "raised", r.raised());
            row("alerts", r.rule(), "open", r.open());
            row("alerts", r.rule(), "acknowledged", r.acknowledged());
            row("alerts", r.rule(), "resolved", r.resolved());
            row("alerts", r.rule(), "false_positive", r.falsePositive());
        }
        ReportData.Acknowledgement ack = data.acknowledgement();
        row("acknowledgement", "all", "raised", ack.raised());
        row("acknowledgement", "all", "acknowledged", ack.acknowledged());
        row("acknowledgement", "all", "median_seconds", ack.medianSeconds() == null ? "" : ack.medianSeconds().toString());
        row("acknowledgement", "all", "max_seconds", ack.maxSeconds() == null ? "" : ack.maxSeconds().toString());
        for (ReportData.BatchRow b : data.batches()) {
            String item = Long.toString(b.batchId());
            row("batch", item, "lot", b.lot() == null ? "" : b.lot());
            row("batch", item, "scans", b.scans());
            row("batch", item, "genuine", b.genuine());
            row("batch", item, "suspect", b.suspect());
            row("batch", item, "not_genuine", b.notGenuine());
            row("batch", item, "affected", b.affected());
        }
        row("shopper_reports", "all", "count", data.shopperReports().total());
        for (ReportData.CountryCount c : data.shopperReports().byCountry()) {
            row("shopper_reports", c.country().isEmpty() ? "unknown" : c.country(), "count", c.count());
        }
        alliance(data.alliance());
    }

    private void alliance(List<InvolvedItem> items) {
        row("alliance", "all", "items", items.size());
        for (InvolvedItem item : items) {
            String key = item.signalClass() + ":" + item.key();
            row("alliance", key, "other_members", item.otherMembers());
            row("alliance", key, "named_brands", String.join("; ", item.namedBrands()));
            row("alliance", key, "count", item.count());
        }
    }

    private void day(String section, String item, ReportData.Day d) {
        row(section, item, "scans", d.scans());
        row(section, item, "genuine", d.genuine());
        row(section, item, "suspect", d.suspect());
        row(section, item, "not_genuine", d.notGenuine());
        row(section, item, "other", d.other());
    }

    private void row(String section, String item, String metric, long value) {
        row(section, item, metric, Long.toString(value));
    }

    private void row(String... cells) {
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(CsvWriter.cell(cells[i]));
        }
        out.append("\r\n");
    }
}
