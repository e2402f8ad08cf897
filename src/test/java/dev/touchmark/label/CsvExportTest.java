package dev.touchmark.label;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CsvExportTest {

    private static String csv(LabelSource source, long from, long count) throws Exception {
        var out = new ByteArrayOutputStream();
        new BatchExporter(source, TestLabels.POOL).writeCsv(from, count, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void smallBatchHasHeaderAndOneCrlfLinePerCodeInOrder() throws Exception {
        LabelSource source = TestLabels.source();
        var expected = new StringBuilder("index,serial,url\r\n");
        for (long i = 10; i < 13; i++) {
            LabelCode c = source.code(i);
            expected.append(i).append(',').append(c.serial()).append(',').append(c.url()).append("\r\n");
        }
        assertEquals(expected.toString(), csv(source, 10, 3));
    }

    @Test
    void tenThousandCodesGiveTenThousandLinesInIndexOrder() throws Exception {
        String[] lines = csv(TestLabels.source(), 0, 10_000).split("\r\n", -1);
        assertEquals(10_002, lines.length, "header + 10,000 lines + empty tail after the last CRLF");
        assertEquals("", lines[10_001]);
        for (int i = 1; i <= 10_000; i++) {
            assertEquals(String.valueOf(i - 1), lines[i].substring(0, lines[i].indexOf(',')));
        }
    }

    @Test
    void fieldsAreQuotedOnlyWhenTheyNeedIt() throws Exception {
        LabelSource source = i -> new LabelCode(i, i == 0 ? "A,B" : "Q\"T", "HTTPS://X/" + i);
        assertEquals("index,serial,url\r\n0,\"A,B\",HTTPS://X/0\r\n1,\"Q\"\"T\",HTTPS://X/1\r\n",
                csv(source, 0, 2));
    }

    @Test
    void emptyBatchIsJustTheHeader() throws Exception {
        assertEquals("index,serial,url\r\n", csv(TestLabels.source(), 0, 0));
    }
}
