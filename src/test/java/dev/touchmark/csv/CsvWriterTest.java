package dev.touchmark.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class CsvWriterTest {
    private static String write(java.util.function.Consumer<CsvWriter> rows) {
        StringWriter out = new StringWriter();
        try (CsvWriter csv = new CsvWriter(out)) {
            rows.accept(csv);
        }
        return out.toString();
    }

    @Test
    void fieldsAreSeparatedByCommasAndRowsEndInCrLf() {
        assertEquals("a,b,c\r\n1,,x\r\n", write(csv -> csv.row("a", "b", "c").number(1L).text(null).text("x").endRow()));
    }

    @Test
    void fieldsWithACommaQuoteOrLineBreakAreQuotedAndTheirQuotesDoubled() {
        assertEquals("\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\"cr\rhere\"\r\n",
                write(csv -> csv.text("a,b").text("say \"hi\"").text("two\nlines").text("cr\rhere").endRow()));
    }

    @Test
    void textThatASpreadsheetWouldRunAsAFormulaGetsALeadingApostrophe() {
        assertEquals("'=HYPERLINK(1)", CsvWriter.cell("=HYPERLINK(1)"));
        assertEquals("'+1+2", CsvWriter.cell("+1+2"));
        assertEquals("'-2+3", CsvWriter.cell("-2+3"));
        assertEquals("'@SUM(A1)", CsvWriter.cell("@SUM(A1)"));
        assertEquals("'\tcmd", CsvWriter.cell("\tcmd"));
        assertEquals("\"'\r=1\"", CsvWriter.cell("\r=1"));
        assertEquals("\"'=cmd|' /C calc'!A0,\"\"x\"\"\"", CsvWriter.cell("=cmd|' /C calc'!A0,\"x\""));
    }

    @Test
    void plainNumbersAndOrdinaryTextStayAsTheyAre() {
        assertEquals("-12.5", CsvWriter.cell("-12.5"));
        assertEquals("+33", CsvWriter.cell("+33"));
        assertEquals("-1e5", CsvWriter.cell("-1e5"));
        assertEquals("plain text", CsvWriter.cell("plain text"));
        assertEquals("a=b", CsvWriter.cell("a=b"));
        assertEquals("", CsvWriter.cell(""));
        // Double.parseDouble would take these as numbers; a spreadsheet takes them as text or formulas.
        assertEquals("'-Infinity", CsvWriter.cell("-Infinity"));
        assertEquals("'-0x1p3", CsvWriter.cell("-0x1p3"));
    }

    @Test
    void timesAreIso8601InUtcWhateverTheirOffset() {
        OffsetDateTime paris = OffsetDateTime.of(2026, 5, 1, 10, 30, 0, 123_000_000, ZoneOffset.ofHours(2));
        assertEquals("2026-05-01T08:30:00.123Z,,48.8\r\n", write(csv -> csv.time(paris).time(null).decimal(48.8).endRow()));
    }

    @Test
    void textIsWrittenAsUtf8WithoutAByteOrderMark() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (CsvWriter csv = new CsvWriter(bytes)) {
            csv.row("夜市", "café");
        }
        assertEquals("夜市,café\r\n", bytes.toString(StandardCharsets.UTF_8));
        assertEquals((byte) 0xE5, bytes.toByteArray()[0]);
    }

    @Test
    void rowsReachTheStreamAsTheBufferFillsNotOnlyAtTheEnd() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CsvWriter csv = new CsvWriter(bytes);
        for (int i = 0; i < 10_000; i++) {
            csv.number((long) i).text("some text in a row").endRow();
        }
        long before = bytes.size();
        csv.close();
        assertEquals(true, before > 100_000, "bytes out before the close: " + before);
        assertEquals(true, bytes.size() - before < 64 * 1024, "held back: " + (bytes.size() - before));
    }

    @Test
    void aFailedWriteThrowsUncheckedSoRowsCanComeFromACallback() {
        OutputStream broken = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("client gone");
            }
        };
        CsvWriter csv = new CsvWriter(broken);
        csv.row("header");
        assertThrows(UncheckedIOException.class, csv::flush);
    }
}
