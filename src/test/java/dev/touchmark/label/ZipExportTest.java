package dev.touchmark.label;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class ZipExportTest {

    @Tag("slow")
    @Test
    void entriesAreNamedBySerialInOrderAndEachSvgParsesToItsQr() throws Exception {
        LabelSource source = TestLabels.source();
        var out = new ByteArrayOutputStream();
        new BatchExporter(source, TestLabels.POOL).writeZip(100, 150, out);
        try (var zip = new ZipInputStream(new ByteArrayInputStream(out.toByteArray()))) {
            for (long i = 100; i < 250; i++) {
                var entry = zip.getNextEntry();
                LabelCode code = source.code(i);
                assertEquals(code.serial() + ".svg", entry.getName());
                var svg = SvgLabelTest.parse(zip.readAllBytes());
                assertEquals(code.serial(), svg.getElementsByTagNameNS("*", "title").item(0).getTextContent());
                if (i % 50 == 0) {
                    assertEquals(SvgLabelTest.darkModules(QrEncoder.encode(code.url())),
                            SvgLabelTest.darkModules(svg));
                }
            }
            assertNull(zip.getNextEntry());
        }
    }

    @Test
    void zipsLargerThanTheCapAreRefusedBeforeAnythingIsWritten() {
        var out = new ByteArrayOutputStream();
        var e = assertThrows(IllegalArgumentException.class,
                () -> new BatchExporter(TestLabels.source(), TestLabels.POOL).writeZip(0, BatchExporter.MAX_ZIP_CODES + 1, out));
        assertEquals("a ZIP holds at most 100000 codes, was 100001; export a range at a time, or use PDF, CSV or ZPL",
                e.getMessage());
        assertEquals(0, out.size());
    }

    @Test
    void serialsCannotEscapeTheArchiveFolder() {
        assertEquals("______etc_passwd.svg", ZipBatchWriter.entryName("../../etc/passwd"));
        assertEquals("AB-C_D.svg", ZipBatchWriter.entryName("AB-C_D"));
    }
}
