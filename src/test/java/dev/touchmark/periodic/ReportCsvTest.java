package dev.touchmark.periodic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportCsvTest {
    private static ReportData data(List<InvolvedItem> alliance) {
        ReportPeriod period = ReportPeriod.of(PeriodKind.WEEKLY, LocalDate.of(2026, 11, 30));
        return new ReportData("=Evil, \"Brand\"", period, OffsetDateTime.parse("2026-12-07T00:01Z"),
                List.of(new ReportData.Day(LocalDate.of(2026, 11, 30), 10, 6, 2, 1),
                        new ReportData.Day(LocalDate.of(2026, 12, 1), 5, 5, 0, 0)),
                List.of(new ReportData.CountryRow("FR", 12, 2, 1), new ReportData.CountryRow("", 3, 0, 0)),
                List.of(new ReportData.CellRow(48.75, 2.25, 4, 1)),
                List.of(new ReportData.RuleRow("cloned_code", 3, 1, 1, 1, 0)),
                new ReportData.Acknowledgement(3, 2, 60L, 7200L),
                List.of(new ReportData.BatchRow(7, "L-1", 10, 6, 2, 1)),
                new ReportData.ShopperReports(2, List.of(new ReportData.CountryCount("FR", 2))), alliance);
    }

    @Test
    void everyNumberIsOneRowOfSectionItemMetricValue() {
        Map<String, String> csv = ReportFixtures.csv(new String(ReportCsv.write(data(List.of())), StandardCharsets.UTF_8));
        assertEquals("15", csv.get("totals|all|scans"));
        assertEquals("11", csv.get("totals|all|genuine"));
        assertEquals("1", csv.get("totals|all|other"));
        assertEquals("1", csv.get("day|2026-11-30|other"));
        assertEquals("3", csv.get("country|unknown|scans"));
        assertEquals("48.75", csv.get("cell|1|lat"));
        assertEquals("1", csv.get("alerts|cloned_code|open"));
        assertEquals("60", csv.get("acknowledgement|all|median_seconds"));
        assertEquals("4", csv.get("batch|7|affected"));
        assertEquals("L-1", csv.get("batch|7|lot"));
        assertEquals("2", csv.get("shopper_reports|FR|count"));
        assertEquals("0", csv.get("alliance|all|items"));
        assertEquals("2026-12-06", csv.get("report|'=Evil, \"Brand\"|to"), csv.toString());
    }

    @Test
    void aUsersTextIsQuotedAndNeverRunAsAFormula() {
        assertEquals("\"'=Evil, \"\"Brand\"\"\"", dev.touchmark.csv.CsvWriter.cell("=Evil, \"Brand\""));
        assertEquals("'@SUM(A1)", dev.touchmark.csv.CsvWriter.cell("@SUM(A1)"));
        assertEquals("-12.5", dev.touchmark.csv.CsvWriter.cell("-12.5"));
        assertEquals("plain", dev.touchmark.csv.CsvWriter.cell("plain"));
    }

    @Test
    void theAllianceSectionListsItsItemsOrSaysThereAreNone() throws IOException {
        InvolvedItem item = new InvolvedItem("cloned_code", "4006381333931", 2, List.of("Other Brand"), 5);
        Map<String, String> csv = ReportFixtures.csv(new String(ReportCsv.write(data(List.of(item))), StandardCharsets.UTF_8));
        assertEquals("1", csv.get("alliance|all|items"));
        assertEquals("2", csv.get("alliance|cloned_code:4006381333931|other_members"));
        assertEquals("Other Brand", csv.get("alliance|cloned_code:4006381333931|named_brands"));
        assertEquals("5", csv.get("alliance|cloned_code:4006381333931|count"));
        String withItem = PeriodicReportContract.pdfText(ReportPdf.write(data(List.of(item))));
        assertTrue(withItem.contains("seen 5 times, by 2 other members (Other Brand)"), withItem);
        String empty = PeriodicReportContract.pdfText(ReportPdf.write(data(List.of())));
        assertTrue(empty.contains("No alliance items involved the brand in this period."), empty);
        assertTrue(empty.contains("Scans: 15"), empty);
        assertTrue(empty.contains("Median: 60 s"), empty);
        assertTrue(empty.contains("batch 7 (lot L-1): 4 affected of 10 scans"), empty);
    }
}
