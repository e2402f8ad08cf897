package dev.touchmark.periodic;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * A report as an A4 PDF drawn with PDFBox: a summary, charts (scans by verdict per day, top countries and cells,
 * alerts by rule and status) drawn as bars, and tables of the same numbers the CSV holds.
 */
public final class ReportPdf implements AutoCloseable {
    static final Color GENUINE = new Color(0x2e, 0x7d, 0x32);
    static final Color SUSPECT = new Color(0xef, 0x8f, 0x00);
    static final Color NOT_GENUINE = new Color(0xc6, 0x28, 0x28);
    static final Color OTHER = new Color(0x90, 0x90, 0x90);
    static final Color INK = new Color(0x20, 0x20, 0x20);
    private static final float MARGIN = 50;
    private static final float WIDTH = PDRectangle.A4.getWidth() - 2 * MARGIN;
    private final PDDocument document = new PDDocument();
    private final PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
    private final PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
    private PDPageContentStream page;
    private float y;

    private ReportPdf() {
    }

    /** The PDF of a report. */
    public static byte[] write(ReportData data) {
        try (ReportPdf pdf = new ReportPdf()) {
            return pdf.render(data);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the report's PDF", e);
        }
    }

    private byte[] render(ReportData data) throws IOException {
        PDDocumentInformation info = document.getDocumentInformation();
        info.setTitle(printable(data.brandName()) + " " + data.period().kind().id() + " report " + data.period().start());
        info.setCreator("Touchmark");
        newPage();
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
        page.close();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        document.save(out);
        return out.toByteArray();
    }

    private void header(ReportData data) throws IOException {
        ReportPeriod period = data.period();
        text(bold, 18, MARGIN, "Touchmark " + period.kind().id() + " report: " + data.brandName());
        y -= 22;
        text(regular, 11, MARGIN, "Period: " + period.start() + " to " + period.lastDay() + " (UTC days, inclusive)");
        y -= 15;
        text(regular, 9, MARGIN, "Generated " + data.generatedAt().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                + " from the scan rollups, alerts and shopper reports.");
        y -= 24;
    }

    private void summary(ReportData data) throws IOException {
        ReportData.Day t = data.totals();
        heading("Summary");
        line("Scans: " + t.scans());
        line("Genuine (including seen before): " + t.genuine());
        line("Suspect: " + t.suspect());
        line("Not genuine: " + t.notGenuine());
        line("Other (recalled, not released, voided): " + t.other());
        line("Alerts raised: " + data.acknowledgement().raised() + "   Shopper reports: " + data.shopperReports().total());
        y -= 8;
    }

    private void dailyChart(ReportData data) throws IOException {
        heading("Scans by verdict per day");
        float height = 140;
        need(height + 40);
        List<ReportData.Day> days = data.days();
        long max = Math.max(1, days.stream().mapToLong(ReportData.Day::scans).max().orElse(0));
        float left = MARGIN + 40;
        float chartWidth = WIDTH - 40;
        float slot = chartWidth / days.size();
        float bottom = y - height;
        axis(left, bottom, chartWidth, height);
        textAt(regular, 7, MARGIN, bottom + height - 3, Long.toString(max));
        textAt(regular, 7, MARGIN, bottom - 2, "0");
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
                    bar(colors[p], x, base, w, h);
                    base += h;
                }
            }
            if (i % labelEvery == 0) {
                textAt(regular, 6, x, bottom - 10, d.day().toString().substring(5));
            }
        }
        y = bottom - 22;
        legend(new String[] {"genuine", "suspect", "not genuine", "other"}, new Color[] {GENUINE, SUSPECT, NOT_GENUINE, OTHER});
        y -= 14;
    }

    private void countries(ReportData data) throws IOException {
        heading("Top countries");
        if (data.countries().isEmpty()) {
            line("No scans in this period.");
            return;
        }
        long max = data.countries().get(0).scans();
        for (ReportData.CountryRow c : data.countries()) {
            barLine((c.country().isEmpty() ? "unknown" : c.country()) + ": " + c.scans() + " scans, " + c.suspect()
                    + " suspect, " + c.notGenuine() + " not genuine", c.scans(), max, GENUINE);
        }
        y -= 6;
    }

    private void cells(ReportData data) throws IOException {
        heading("Top map cells (half a degree, located scans)");
        if (data.cells().isEmpty()) {
            line("No located scans in this period.");
            return;
        }
        long max = data.cells().get(0).scans();
        for (ReportData.CellRow c : data.cells()) {
            barLine("lat " + c.lat() + ", lon " + c.lon() + ": " + c.scans() + " scans, " + c.suspect() + " suspect",
                    c.scans(), max, SUSPECT);
        }
        y -= 6;
    }

    private void alerts(ReportData data) throws IOException {
        heading("Alerts raised in the period, by rule and how they ended");
        if (data.alertsByRule().isEmpty()) {
            line("No alerts were raised in this period.");
            return;
        }
        long max = data.alertsByRule().get(0).raised();
        for (ReportData.RuleRow r : data.alertsByRule()) {
            need(26);
            text(regular, 9, MARGIN, r.rule() + ": " + r.raised() + " raised; open " + r.open() + ", acknowledged "
                    + r.acknowledged() + ", resolved " + r.resolved() + ", false positive " + r.falsePositive());
            y -= 9;
            float full = (WIDTH - 100) * r.raised() / Math.max(1, max);
            float x = MARGIN;
            long[] parts = {r.open(), r.acknowledged(), r.resolved(), r.falsePositive()};
            Color[] colors = {NOT_GENUINE, SUSPECT, GENUINE, OTHER};
            for (int p = 0; p < parts.length; p++) {
                float w = full * parts[p] / Math.max(1, r.raised());
                if (w > 0) {
                    bar(colors[p], x, y - 6, w, 6);
                    x += w;
                }
            }
            y -= 12;
        }
        legend(new String[] {"open", "acknowledged", "resolved", "false positive"}, new Color[] {NOT_GENUINE, SUSPECT, GENUINE, OTHER});
        y -= 10;
    }

    private void acknowledgement(ReportData data) throws IOException {
        ReportData.Acknowledgement a = data.acknowledgement();
        heading("Time to acknowledge");
        line(a.acknowledged() + " of " + a.raised() + " alerts were taken up (acknowledged, resolved or marked a false positive).");
        if (a.medianSeconds() != null) {
            line("Median: " + a.medianSeconds() + " s (" + duration(a.medianSeconds()) + "); longest: " + a.maxSeconds()
                    + " s (" + duration(a.maxSeconds()) + ").");
        }
        y -= 6;
    }

    private void batches(ReportData data) throws IOException {
        heading("Batches most affected (scans not genuine nor seen before)");
        if (data.batches().isEmpty()) {
            line("No batch had such scans in this period.");
            return;
        }
        long max = data.batches().get(0).affected();
        for (ReportData.BatchRow b : data.batches()) {
            barLine("batch " + b.batchId() + (b.lot() == null ? "" : " (lot " + b.lot() + ")") + ": " + b.affected()
                    + " affected of " + b.scans() + " scans; " + b.suspect() + " suspect, " + b.notGenuine() + " not genuine",
                    b.affected(), max, NOT_GENUINE);
        }
        y -= 6;
    }

    private void shopperReports(ReportData data) throws IOException {
        heading("Shopper reports");
        line("Received: " + data.shopperReports().total());
        for (ReportData.CountryCount c : data.shopperReports().byCountry()) {
            line("  " + (c.country().isEmpty() ? "unknown" : c.country()) + ": " + c.count());
        }
        y -= 6;
    }

    private void alliance(ReportData data) throws IOException {
        heading("Alliance items that involved the brand");
        if (data.alliance().isEmpty()) {
            line("No alliance items involved the brand in this period.");
            return;
        }
        for (InvolvedItem item : data.alliance()) {
            line(item.signalClass() + " " + item.key() + ": seen " + item.count() + " times, by " + item.otherMembers()
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

    // ---- drawing ----

    private void heading(String title) throws IOException {
        need(40);
        text(bold, 12, MARGIN, title);
        y -= 16;
    }

    private void line(String text) throws IOException {
        for (String part : wrap(text, 105)) {
            need(14);
            text(regular, 9, MARGIN, part);
            y -= 12;
        }
    }

    private void barLine(String label, long value, long max, Color color) throws IOException {
        need(20);
        text(regular, 9, MARGIN, label);
        y -= 8;
        float w = (WIDTH - 100) * value / Math.max(1, max);
        if (w > 0) {
            bar(color, MARGIN, y - 5, w, 5);
        }
        y -= 10;
    }

    private void legend(String[] names, Color[] colors) throws IOException {
        need(14);
        float x = MARGIN + 40;
        for (int i = 0; i < names.length; i++) {
            bar(colors[i], x, y - 1, 8, 8);
            textAt(regular, 8, x + 11, y, names[i]);
            x += 20 + regular.getStringWidth(names[i]) / 1000 * 8 + 10;
        }
        y -= 12;
    }

    private void axis(float left, float bottom, float width, float height) throws IOException {
        page.setStrokingColor(INK);
        page.setLineWidth(0.5f);
        page.moveTo(left, bottom + height);
        page.lineTo(left, bottom);
        page.lineTo(left + width, bottom);
        page.stroke();
    }

    private void bar(Color color, float x, float yBottom, float w, float h) throws IOException {
        page.setNonStrokingColor(color);
        page.addRect(x, yBottom, w, h);
        page.fill();
    }

    private void text(PDType1Font font, float size, float x, String text) throws IOException {
        textAt(font, size, x, y - size, text);
    }

    private void textAt(PDType1Font font, float size, float x, float baseline, String text) throws IOException {
        page.setNonStrokingColor(INK);
        page.beginText();
        page.setFont(font, size);
        page.newLineAtOffset(x, baseline);
        page.showText(printable(text));
        page.endText();
    }

    private void need(float space) throws IOException {
        if (y - space < MARGIN) {
            page.close();
            newPage();
        }
    }

    private void newPage() throws IOException {
        PDPage next = new PDPage(PDRectangle.A4);
        document.addPage(next);
        page = new PDPageContentStream(document, next);
        y = PDRectangle.A4.getHeight() - MARGIN;
    }

    /** Text the standard fonts can show (WinAnsi): anything else becomes '?'. */
    static String printable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            out.append((c >= 0x20 && c <= 0x7e) || (c >= 0xa0 && c <= 0xff) ? c : '?');
        }
        return out.toString();
    }

    static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        String rest = text;
        while (rest.length() > width) {
            int cut = rest.lastIndexOf(' ', width);
            cut = cut <= 0 ? width : cut;
            lines.add(rest.substring(0, cut));
            rest = rest.substring(cut).stripLeading();
        }
        lines.add(rest);
        return lines;
    }

    @Override
    public void close() throws IOException {
        document.close();
    }
}
