package dev.touchmark.label;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SheetLayoutTest {
    private static final SheetLayout A4 = SheetLayout.defaults(Paper.A4);

    private static String rejection(SheetLayout layout) {
        return assertThrows(IllegalArgumentException.class, layout::validate).getMessage();
    }

    @ParameterizedTest
    @EnumSource(Paper.class)
    void defaultsAreValidRealSheetsWithRoomyQrs(Paper paper) {
        SheetLayout layout = SheetLayout.defaults(paper).validate();
        assertEquals(paper, layout.paper());
        assertTrue(layout.qrSideMm() >= 20, "QR side " + layout.qrSideMm());
        assertEquals(paper == Paper.A4 ? 21 : 30, layout.labelsPerPage());
    }

    @Test
    void letterDefaultIsTheFiveColumnGapSheetAndEndsSymmetrically() {
        SheetLayout letter = SheetLayout.defaults(Paper.LETTER);
        double right = Paper.LETTER.widthMm() - letter.labelLeftMm(2) - letter.labelWidthMm();
        assertEquals(letter.marginLeftMm(), right, 0.01);
        double bottom = Paper.LETTER.heightMm() - letter.labelTopMm(9) - letter.labelHeightMm();
        assertEquals(letter.marginTopMm(), bottom, 0.01);
    }

    @Test
    void gridOutsideOneToTwentyIsRejected() {
        assertEquals("columns must be between 1 and 20, was 0",
                rejection(new SheetLayout(Paper.A4, 70, 42.3, 0, 7, 0, 0)));
        assertEquals("rows must be between 1 and 20, was 21",
                rejection(new SheetLayout(Paper.A4, 10, 14, 3, 21, 0, 0)));
    }

    @Test
    void nonPositiveOrNonFiniteSizesAreRejected() {
        assertTrue(rejection(new SheetLayout(Paper.A4, -70, 42.3, 3, 7, 0, 0))
                .startsWith("labelWidthMm must be > 0 and <= 210.00 mm"));
        assertTrue(rejection(new SheetLayout(Paper.A4, 70, Double.NaN, 3, 7, 0, 0))
                .startsWith("labelHeightMm must be > 0"));
        assertTrue(rejection(new SheetLayout(Paper.A4, 70, 42.3, 3, 7, -1, 0))
                .startsWith("marginTopMm must be between 0 and 297.00 mm"));
    }

    @Test
    void labelsThatOverflowThePaperAreRejected() {
        String wide = rejection(new SheetLayout(Paper.A4, 70, 42.3, 3, 7, 0, 5));
        assertTrue(wide.startsWith("labels do not fit the width of A4 paper: marginLeftMm + columns x"), wide);
        assertTrue(wide.contains("= 215.00 mm, must be <= 210.00 mm"), wide);
        String tall = rejection(new SheetLayout(Paper.LETTER, 66.675, 25.4, 3, 10, 30, 4.7625, 3.175, 0));
        assertTrue(tall.startsWith("labels do not fit the height of LETTER paper"), tall);
    }

    @Test
    void labelsTooSmallForATwelveMillimetreQrAreRejected() {
        String small = rejection(new SheetLayout(Paper.A4, 30, 14, 5, 5, 10, 10));
        assertTrue(small.startsWith("labels too small: the QR would be 11.2 mm wide, at least 12 mm needed"), small);
        new SheetLayout(Paper.A4, 12, 15, 5, 5, 10, 10).validate();
    }

    @Test
    void missingPaperIsRejected() {
        assertEquals("paper must be one of A4, LETTER",
                rejection(new SheetLayout(null, 70, 42.3, 3, 7, 0, 0)));
    }

    @Test
    void pdfExportValidatesTheLayoutFirst() {
        var bad = new SheetLayout(Paper.A4, 70, 42.3, 30, 7, 0, 0);
        var e = assertThrows(IllegalArgumentException.class, () -> new BatchExporter(TestLabels.source(), TestLabels.POOL)
                .writePdf(0, 10, bad, java.io.OutputStream.nullOutputStream()));
        assertEquals("columns must be between 1 and 20, was 30", e.getMessage());
        assertEquals(A4, SheetLayout.defaults(Paper.A4));
    }
}
