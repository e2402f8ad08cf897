package dev.touchmark.label;

import java.util.zip.Deflater;

/**
 * Builds the Flate-compressed content stream of one label sheet: per label, a {@code cm} transform to
 * module units, one {@code re} per horizontal run of dark modules, one fill; then the serial in Helvetica.
 */
final class PdfPageRenderer {
    private static final double MAX_FONT_PT = 8.0;
    /**
     * Level 5 measured on version-7 labels: ~1150 B per label at ~2.3x the speed of level 6 (~1090 B);
     * level 6 would add about 40% to the cost of encoding the QR.
     */
    private static final int DEFLATE_LEVEL = 5;
    private static final double PT_PER_MM = 72.0 / 25.4;

    private final LabelSource source;
    private final SheetLayout layout;

    PdfPageRenderer(LabelSource source, SheetLayout layout) {
        this.source = source;
        this.layout = layout;
    }

    /** The compressed content for the labels {@code first..first+n-1}, filling the sheet row by row. */
    byte[] render(long first, int n) {
        var content = new ByteSink(n * 8192);
        for (int k = 0; k < n; k++) {
            LabelCode code = source.code(first + k);
            QrMatrix qr = QrEncoder.encode(code.url());
            drawLabel(code, qr, k % layout.columns(), k / layout.columns(), content);
        }
        return deflate(content);
    }

    private void drawLabel(LabelCode code, QrMatrix qr, int column, int row, ByteSink out) {
        double side = layout.qrSideMm();
        double band = layout.textBandMm();
        double leftMm = layout.labelLeftMm(column) + (layout.labelWidthMm() - side) / 2;
        double topMm = layout.labelTopMm(row) + (layout.labelHeightMm() - side - band) / 2;
        double pageHeight = layout.paper().heightPt();
        double module = side * PT_PER_MM / (qr.size() + 2 * QrEncoder.QUIET_ZONE);
        out.ascii("q ").dec(module, 3).ascii(" 0 0 ").dec(-module, 3).ch(' ')
                .dec(leftMm * PT_PER_MM, 3).ch(' ').dec(pageHeight - topMm * PT_PER_MM, 3).ascii(" cm\n");
        int q = QrEncoder.QUIET_ZONE;
        for (int i = 0; i < qr.runCount(); i++) {
            out.num(qr.runX(i) + q).ch(' ').num(qr.runY(i) + q).ch(' ').num(qr.runLength(i)).ascii(" 1 re\n");
        }
        out.ascii("f Q\n");
        double centreXPt = (layout.labelLeftMm(column) + layout.labelWidthMm() / 2) * PT_PER_MM;
        double bandCentreYPt = pageHeight - (topMm + side + band / 2) * PT_PER_MM;
        drawSerial(code.serial(), centreXPt, bandCentreYPt, out);
    }

    private void drawSerial(String serial, double centreX, double bandCentreY, ByteSink out) {
        int widthUnits = Math.max(1, Helvetica.width(serial));
        double maxWidthPt = 0.95 * layout.labelWidthMm() * PT_PER_MM;
        double bandFont = layout.textBandMm() * PT_PER_MM * 0.75;
        double font = Math.min(Math.min(MAX_FONT_PT, bandFont), maxWidthPt * 1000 / widthUnits);
        double x = centreX - font * widthUnits / 2000;
        double y = bandCentreY - font * Helvetica.CAP_HEIGHT / 2000;
        out.ascii("BT /F1 ").dec(font, 2).ascii(" Tf ").dec(x, 3).ch(' ').dec(y, 3).ascii(" Td (");
        for (int i = 0; i < serial.length(); i++) {
            char c = Helvetica.printable(serial.charAt(i));
            if (c == '(' || c == ')' || c == '\\') {
                out.ch('\\');
            }
            out.ch(c);
        }
        out.ascii(") Tj ET\n");
    }

    private static byte[] deflate(ByteSink content) {
        var deflater = new Deflater(DEFLATE_LEVEL);
        try {
            deflater.setInput(content.array(), 0, content.length());
            deflater.finish();
            var out = new ByteSink(content.length() / 3 + 64);
            byte[] chunk = new byte[16384];
            while (!deflater.finished()) {
                int n = deflater.deflate(chunk);
                out.bytes(chunk, 0, n);
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }
}
