package dev.touchmark.label;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PdfExportTest {
    private static final int DPI = 300;
    private static final long FROM = 1000;

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    private static byte[] pdf(SheetLayout layout, long count) throws Exception {
        var out = new ByteArrayOutputStream();
        new BatchExporter(TestLabels.source(), TestLabels.POOL).writePdf(FROM, count, layout, out);
        return out.toByteArray();
    }

    @ParameterizedTest
    @EnumSource(Paper.class)
    void labelsDecodeToTheirUrlsWhereTheLayoutPutsThem(Paper paper) throws Exception {
        SheetLayout layout = SheetLayout.defaults(paper);
        int perPage = layout.labelsPerPage();
        long count = 2L * perPage + 5;
        try (PDDocument doc = Loader.loadPDF(pdf(layout, count))) {
            assertEquals(3, doc.getNumberOfPages());
            var box = doc.getPage(0).getMediaBox();
            assertEquals(paper.widthPt(), box.getWidth(), 0.01);
            assertEquals(paper.heightPt(), box.getHeight(), 0.01);
            var renderer = new PDFRenderer(doc);
            BufferedImage first = renderer.renderImageWithDPI(0, DPI, ImageType.GRAY);
            for (int k : new int[] {0, layout.columns() - 1, perPage / 2, perPage - 1}) {
                assertLabel(first, layout, k, FROM + k);
            }
            BufferedImage last = renderer.renderImageWithDPI(2, DPI, ImageType.GRAY);
            assertLabel(last, layout, 4, FROM + 2L * perPage + 4);
        }
    }

    /**
     * Many printers cannot print the outer 4 to 6 mm of a sheet: a QR whose quiet zone or modules fall there is
     * clipped and may not scan. The default sheets keep every mark (QR and serial) at least 10 mm from every edge.
     */
    @ParameterizedTest
    @EnumSource(Paper.class)
    void aFullDefaultSheetKeepsEveryMarkTenMillimetresFromEachEdge(Paper paper) throws Exception {
        SheetLayout layout = SheetLayout.defaults(paper);
        try (PDDocument doc = Loader.loadPDF(pdf(layout, layout.labelsPerPage()))) {
            int dpi = 100;
            BufferedImage page = new PDFRenderer(doc).renderImageWithDPI(0, dpi, ImageType.GRAY);
            int top = page.getHeight();
            int left = page.getWidth();
            int bottom = -1;
            int right = -1;
            for (int y = 0; y < page.getHeight(); y++) {
                for (int x = 0; x < page.getWidth(); x++) {
                    if ((page.getRGB(x, y) & 0xff) < 128) {
                        top = Math.min(top, y);
                        bottom = Math.max(bottom, y);
                        left = Math.min(left, x);
                        right = Math.max(right, x);
                    }
                }
            }
            double mmPerPx = 25.4 / dpi;
            double[] margins = {top * mmPerPx, left * mmPerPx, (page.getHeight() - 1 - bottom) * mmPerPx,
                (page.getWidth() - 1 - right) * mmPerPx};
            String found = String.format(java.util.Locale.ROOT, "top %.1f, left %.1f, bottom %.1f, right %.1f mm",
                    margins[0], margins[1], margins[2], margins[3]);
            for (double margin : margins) {
                assertTrue(margin >= 10, paper + ": " + found);
            }
            assertTrue(margins[0] < 40 && margins[2] < 40, paper + " still fills its sheet: " + found);
        }
    }

    private static void assertLabel(BufferedImage page, SheetLayout layout, int slot, long index)
            throws Exception {
        int column = slot % layout.columns();
        int row = slot / layout.columns();
        int x = px(layout.labelLeftMm(column));
        int y = px(layout.labelTopMm(row));
        int width = Math.min(px(layout.labelWidthMm()), page.getWidth() - x);
        int height = Math.min(px(layout.labelHeightMm()), page.getHeight() - y);
        var cell = page.getSubimage(x, y, width, height);
        assertEquals(TestLabels.source().code(index).url(), TestLabels.decode(cell), "label " + slot);
    }

    private static int px(double mm) {
        return (int) Math.round(mm / 25.4 * DPI);
    }

    @Tag("slow")
    @ParameterizedTest
    @EnumSource(Paper.class)
    void everySerialIsPrintedAsTextInOrder(Paper paper) throws Exception {
        SheetLayout layout = SheetLayout.defaults(paper);
        long count = layout.labelsPerPage() + 3;
        try (PDDocument doc = Loader.loadPDF(pdf(layout, count))) {
            String text = new PDFTextStripper().getText(doc);
            int at = 0;
            for (long i = FROM; i < FROM + count; i++) {
                int found = text.indexOf(TestLabels.serial(i), at);
                assertTrue(found >= at, "serial of code " + i);
                at = found;
            }
        }
    }

    @org.junit.jupiter.api.Test
    void anEmptyBatchIsAValidPdfWithoutPages() throws Exception {
        try (PDDocument doc = Loader.loadPDF(pdf(SheetLayout.defaults(Paper.A4), 0))) {
            assertEquals(0, doc.getNumberOfPages());
        }
    }

    @ParameterizedTest
    @EnumSource(Paper.class)
    void xrefOffsetsAndStreamLengthsAreExact(Paper paper) throws Exception {
        byte[] pdf = pdf(SheetLayout.defaults(paper), 2L * SheetLayout.defaults(paper).labelsPerPage() + 1);
        String s = new String(pdf, StandardCharsets.ISO_8859_1);
        assertTrue(s.startsWith("%PDF-1.4\n%"));
        assertTrue(pdf[10] < 0 && pdf[11] < 0, "binary comment line");
        var startxref = Pattern.compile("startxref\n(\\d+)\n%%EOF\n$").matcher(s);
        assertTrue(startxref.find());
        int xref = Integer.parseInt(startxref.group(1));
        var header = Pattern.compile("xref\n0 (\\d+)\n").matcher(s).region(xref, s.length());
        assertTrue(header.lookingAt(), "xref at startxref");
        int objects = Integer.parseInt(header.group(1));
        assertEquals(4 + 2 * 3, objects, "catalog, pages, font, 3 pages with their contents");
        for (int i = 1; i < objects; i++) {
            String entry = s.substring(header.end() + 20 * i, header.end() + 20 * (i + 1));
            assertTrue(entry.matches("\\d{10} 00000 n\r\n"), entry);
            int offset = Integer.parseInt(entry.substring(0, 10));
            assertTrue(s.startsWith(i + " 0 obj\n", offset), "object " + i + " at " + offset);
        }
        var stream = Pattern.compile("/Length (\\d+) /Filter /FlateDecode >>\nstream\n").matcher(s);
        int streams = 0;
        while (stream.find()) {
            int end = stream.end() + Integer.parseInt(stream.group(1));
            assertTrue(s.startsWith("\nendstream\nendobj\n", end), "stream length exact");
            streams++;
        }
        assertEquals(3, streams);
        assertTrue(s.contains("/Kids [4 0 R 6 0 R 8 0 R"), "kids by formula");
    }
}
