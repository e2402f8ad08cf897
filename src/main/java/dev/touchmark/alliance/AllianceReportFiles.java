package dev.touchmark.alliance;

import dev.touchmark.periodic.PdfCanvas;
import dev.touchmark.csv.CsvWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The alliance's monthly report as a PDF (charts and tables) and a CSV of the same numbers. Items are written as
 * members may see them: counts, and the names of only those members that share the class with their name.
 */
public final class AllianceReportFiles {
    /** Items of a class listed in the PDF; the CSV has all of them. */
    static final int TOP_ITEMS = 15;
    private static final Map<SignalClass, String> TITLES = Map.of(
            SignalClass.HOTSPOTS, "Counterfeit hotspots (map cells of about 50 km; suspect scans)",
            SignalClass.SELLERS, "Sellers named by shoppers (shoppers who named them)",
            SignalClass.LABEL_HOSTS, "Hosts on counterfeit labels (label reads)",
            SignalClass.FORGERY_WAVES, "Forgery waves (forged codes per cell and week)");

    private AllianceReportFiles() {
    }

    public static byte[] pdf(AllianceMonth report) {
        try (PdfCanvas c = new PdfCanvas("Alliance report " + report.alliance().name() + " " + report.month())) {
            c.text(c.bold(), 18, PdfCanvas.MARGIN, "Touchmark alliance report: " + report.alliance().name());
            c.down(22);
            c.text(c.regular(), 11, PdfCanvas.MARGIN, "Month: " + report.month() + " (UTC days, " + report.month().atDay(1)
                    + " to " + report.to().minusDays(1) + ")");
            c.down(15);
            c.line("Generated " + report.generatedAt() + ". Aggregates across members, under the members' sharing settings"
                    + " of that moment: classes a member does not share leave nothing; members sharing anonymously are counted,"
                    + " never named, and only while at least " + SharingService.ANONYMITY_FLOOR + " members share the class.");
            c.down(8);
            c.heading("Summary");
            c.line("Members: " + report.members());
            c.line("Matches (a member's own signal also seen by others), first found this month: " + report.matches());
            long widest = report.items().values().stream().mapToLong(List::size).max().orElse(0);
            for (SignalClass signalClass : SignalClass.values()) {
                AllianceMonth.Sharing sharing = report.sharing().get(signalClass);
                List<IntelItem> items = report.items().get(signalClass);
                c.barLine(signalClass.id() + ": " + items.size() + " items, " + total(items) + " counted; shared by "
                        + sharing.members() + " members (" + sharing.named() + " by name)"
                        + (sharing.floorMet() ? "" : ", anonymous items hidden"), items.size(), widest, PdfCanvas.SUSPECT);
            }
            c.down(6);
            for (SignalClass signalClass : SignalClass.values()) {
                c.heading(TITLES.get(signalClass));
                List<IntelItem> items = report.items().get(signalClass);
                if (items.isEmpty()) {
                    c.line("No items this month.");
                    continue;
                }
                long max = items.stream().mapToLong(IntelItem::count).max().orElse(1);
                for (IntelItem item : items.subList(0, Math.min(TOP_ITEMS, items.size()))) {
                    c.barLine(label(item) + ": " + item.count() + " by " + item.members() + " members"
                            + (item.namedBrands().isEmpty() ? "" : " (" + String.join(", ", item.namedBrands()) + ")")
                            + ", " + item.firstSeen() + " to " + item.lastSeen(), item.count(), max, PdfCanvas.NOT_GENUINE);
                }
                if (items.size() > TOP_ITEMS) {
                    c.line("... and " + (items.size() - TOP_ITEMS) + " more in the CSV.");
                }
                c.down(6);
            }
            return c.bytes();
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the alliance report's PDF", e);
        }
    }

    public static byte[] csv(AllianceMonth report) {
        StringBuilder out = new StringBuilder();
        row(out, "section", "item", "metric", "value");
        String name = report.alliance().name();
        row(out, "report", name, "month", report.month().toString());
        row(out, "report", name, "generated_at", report.generatedAt().toString());
        row(out, "report", name, "members", Integer.toString(report.members()));
        row(out, "report", name, "matches", Integer.toString(report.matches()));
        for (SignalClass signalClass : SignalClass.values()) {
            AllianceMonth.Sharing sharing = report.sharing().get(signalClass);
            List<IntelItem> items = report.items().get(signalClass);
            row(out, "class", signalClass.id(), "sharing_members", Integer.toString(sharing.members()));
            row(out, "class", signalClass.id(), "named_members", Integer.toString(sharing.named()));
            row(out, "class", signalClass.id(), "items", Integer.toString(items.size()));
            row(out, "class", signalClass.id(), "count", Long.toString(total(items)));
            for (IntelItem item : items) {
                String key = signalClass.id() + ":" + item.key();
                row(out, "item", key, "count", Long.toString(item.count()));
                row(out, "item", key, "members", Integer.toString(item.members()));
                row(out, "item", key, "named_members", String.join("; ", item.namedBrands()));
                row(out, "item", key, "first_seen", item.firstSeen().toString());
                row(out, "item", key, "last_seen", item.lastSeen().toString());
            }
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String label(IntelItem item) {
        if (item.centre() == null) {
            return item.key();
        }
        String around = "around " + item.centre().latTenths() / 10.0 + ", " + item.centre().lonTenths() / 10.0;
        int week = item.key().indexOf('@');
        return week < 0 ? around : around + " in " + item.key().substring(week + 1);
    }

    private static long total(List<IntelItem> items) {
        return items.stream().mapToLong(IntelItem::count).sum();
    }

    private static void row(StringBuilder out, String... cells) {
        for (int i = 0; i < cells.length; i++) {
            out.append(i > 0 ? "," : "").append(CsvWriter.cell(cells[i]));
        }
        out.append("\r\n");
    }
}
