package dev.touchmark.periodic;

import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * A report as an A4 PDF drawn with PDFBox: a summary, charts (scans by verdict per day, top countries and cells,
 * alerts by rule and status) drawn as bars, and tables of the same numbers the CSV holds.
 */
public final class ReportPdf implements AutoCloseable {
    private static final Color GENUINE = PdfCanvas.GENUINE;
    private static final Color SUSPECT = PdfCanvas.SUSPECT;
    private static final Color NOT_GENUINE = PdfCanvas.NOT_GENUINE;
    private static final Color OTHER = PdfCanvas.OTHER;
    private static final float MARGIN = PdfCanvas.MARGIN;
    private static final float WIDTH = PdfCanvas.WIDTH;
    private final PdfCanvas c;

    private ReportPdf(String title) {
        this.c = new PdfCanvas(title);
    }

    /** The PDF of a report. */
    public static byte[] write(ReportData data) {
        try (ReportPdf pdf = new ReportPdf(data.brandName() + " " + data.period().kind().id() + " report " + data.period().start())) {
            return pdf.render(data);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the report's PDF", e);
        }
    }

    private byte[] render(ReportData data) throws IOException {
        header(data);
        summary(data);
        dailyChart(data);
        countries(data);
        cells(data);
        alerts(data);
        acknowledgement(data);
        batches(data);
        shopperReports(data);
        alliance(data);
        return c.bytes();
    }

    private void header(ReportData data) throws IOException {
        ReportPeriod period = data.period();
        c.text(c.bold(), 18, MARGIN, "Touchmark " + period.kind().id() + " report: " + data.brandName());
        c.down(22);
        c.text(c.regular(), 11, MARGIN, "Period: " + period.start() + " to " + period.lastDay() + " (UTC days, inclusive)");
        c.down(15);
        c.text(c.regular(), 9, MARGIN, "Generated " + data.generatedAt().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                + " from the scan rollups, alerts and shopper reports.");
        c.down(24);
    }

    private void summary(ReportData data) throws IOException {
        ReportData.Day t = data.totals();
        c.heading("Summary");
        c.line("Scans: " + t.scans());
        c.line("Genuine (including seen before): " + t.genuine());
        c.line("Suspect: " + t.suspect());
        c.line("Not genuine: " + t.notGenuine());
        c.line("Other (recalled, not released, voided): " + t.other());
        c.line("Alerts raised: " + data.acknowledgement().raised() + "   Shopper reports: " + data.shopperReports().total());
        c.down(8);
    }

    private void dailyChart(ReportData data) throws IOException {
        c.heading("Scans by verdict per day");
        float height = 140;
        c.need(height + 40);
        List<ReportData.Day> days = data.days();
        long max = Math.max(1, days.stream().mapToLong(ReportData.Day::scans).max().orElse(0));
        float left = MARGIN + 40;
        float chartWidth = WIDTH - 40;
        float slot = chartWidth / days.size();
        float bottom = c.y() - height;
        c.axis(left, bottom, chartWidth, height);
        c.textAt(c.regular(), 7, MARGIN, bottom + height - 3, Long.toString(max));
        c.textAt(c.regular(), 7, MARGIN, bottom - 2, "0");
        int labelEvery = days.size() <= 7 ? 1 : 5;
        for (int i = 0; i < days.size(); i++) {
            ReportData.Day d = days.get(i);
            float x = left + i * slot + slot * 0.15f;
            float w = slot * 0.7f;
            float base = bottom;
            long[] parts = {d.genuine(), d.suspect(), d.notGenuine(), d.other()};
            Color[] colors = {GENUINE, SUSPECT, NOT_GENUINE, OTHER};
            for (int p = 0; p < parts.length; p++) {
                float h = height * parts[p] / max;
                if (h > 0) {
                    c.bar(colors[p], x, base, w, h);
                    base += h;
                }
            }
            if (i % labelEvery == 0) {
                c.textAt(c.regular(), 6, x, bottom - 10, d.day().toString().substring(5));
            }
        }
        c.continueAt(bottom - 22);
        c.legend(new String[] {"genuine", "suspect", "not genuine", "other"}, new Color[] {GENUINE, SUSPECT, NOT_GENUINE, OTHER});
        c.down(14);
    }

    private void countries(ReportData data) throws IOException {
        c.heading("Top countries");
        if (data.countries().isEmpty()) {
            c.line("No scans in this period.");
            return;
        }
        long max = data.countries().get(0).scans();
        for (ReportData.CountryRow row : data.countries()) {
            c.barLine((row.country().isEmpty() ? "unknown" : row.country()) + ": " + row.scans() + " scans, " + row.suspect()
                    + " suspect, " + row.notGenuine() + " not genuine", row.scans(), max, GENUINE);
        }
        c.down(6);
    }

    private void cells(ReportData data) throws IOException {
        c.heading("Top map cells (half a degree, located scans)");
        if (data.cells().isEmpty()) {
            c.line("No located scans in this period.");
            return;
        }
        long max = data.cells().get(0).scans();
        for (ReportData.CellRow row : data.cells()) {
            c.barLine("lat " + row.lat() + ", lon " + row.lon() + ": " + row.scans() + " scans, " + row.suspect() + " suspect",
                    row.scans(), max, SUSPECT);
        }
        c.down(6);
    }

    private void alerts(ReportData data) throws IOException {
        c.heading("Alerts raised in the period, by rule and how they ended");
        if (data.alertsByRule().isEmpty()) {
            c.line("No alerts were raised in this period.");
            return;
        }
        long max = data.alertsByRule().get(0).raised();
        for (ReportData.RuleRow r : data.alertsByRule()) {
            c.need(26);
            c.text(c.regular(), 9, MARGIN, r.rule() + ": " + r.raised() + " raised; open " + r.open() + ", acknowledged "
                    + r.acknowledged() + ", resolved " + r.resolved() + ", false positive " + r.falsePositive());
            c.down(9);
            float full = (WIDTH - 100) * r.raised() / Math.max(1, max);
            float x = MARGIN;
            long[] parts = {r.open(), r.acknowledged(), r.resolved(), r.falsePositive()};
            Color[] colors = {NOT_GENUINE, SUSPECT, GENUINE, OTHER};
            for (int p = 0; p < parts.length; p++) {
                float w = full * parts[p] / Math.max(1, r.raised());
                if (w > 0) {
                    c.bar(colors[p], x, c.y() - 6, w, 6);
                    x += w;
                }
            }
            c.down(12);
        }
        c.legend(new String[] {"open", "acknowledged", "resolved", "false positive"}, new Color[] {NOT_GENUINE, SUSPECT, GENUINE, OTHER});
        c.down(10);
    }

    private void acknowledgement(ReportData data) throws IOException {
        ReportData.Acknowledgement a = data.acknowledgement();
        c.heading("Time to acknowledge");
        c.line(a.acknowledged() + " of " + a.raised() + " alerts were taken up (acknowledged, resolved or marked a false positive).");
        if (a.medianSeconds() != null) {
            c.line("Median: " + a.medianSeconds() + " s (" + duration(a.medianSeconds()) + "); longest: " + a.maxSeconds()
                    + " s (" + duration(a.maxSeconds()) + ").");
        }
        c.down(6);
    }

    private void batches(ReportData data) throws IOException {
        c.heading("Batches most affected (scans not genuine nor seen before)");
        if (data.batches().isEmpty()) {
            c.line("No batch had such scans in this period.");
            return;
        }
        long max = data.batches().get(0).affected();
        for (ReportData.BatchRow b : data.batches()) {
            c.barLine("batch " + b.batchId() + (b.lot() == null ? "" : " (lot " + b.lot() + ")") + ": " + b.affected()
                    + " affected of " + b.scans() + " scans; " + b.suspect() + " suspect, " + b.notGenuine() + " not genuine",
                    b.affected(), max, NOT_GENUINE);
        }
        c.down(6);
    }

    private void shopperReports(ReportData data) throws IOException {
        c.heading("Shopper reports");
        c.line("Received: " + data.shopperReports().total());
        for (ReportData.CountryCount row : data.shopperReports().byCountry()) {
            c.line("  " + (row.country().isEmpty() ? "unknown" : row.country()) + ": " + row.count());
        }
        c.down(6);
    }

    private void alliance(ReportData data) throws IOException {
        c.heading("Alliance items that involved the brand");
        if (data.alliance().isEmpty()) {
            c.line("No alliance items involved the brand in this period.");
            return;
        }
        for (InvolvedItem item : data.alliance()) {
            c.line(item.signalClass() + " " + item.key() + ": seen " + item.count() + " times, by " + item.otherMembers()
                    + " other members" + (item.namedBrands().isEmpty() ? "" : " (" + String.join(", ", item.namedBrands()) + ")"));
        }
    }

    static String duration(long seconds) {
        if (seconds < 60) {
            return seconds + " seconds";
        }
        if (seconds < 3600) {
            return seconds / 60 + " min";
        }
        if (seconds < 86_400) {
            return seconds / 3600 + " h " + seconds % 3600 / 60 + " min";
        }
        return seconds / 86_400 + " d " + seconds % 86_400 / 3600 + " h";
    }

    @Override
    public void close() throws IOException {
        c.close();
    }
}
