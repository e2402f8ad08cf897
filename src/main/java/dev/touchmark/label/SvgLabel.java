package dev.touchmark.label;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;

/**
 * One code as a standalone SVG document: the QR as a single path of dark-module runs in module units,
 * a 4-module quiet zone, and the serial as text under the QR. The path says {@code stroke="none"} although that is
 * SVG's default: renderers that do not apply the default (ImageMagick's own MSVG) otherwise outline every run and
 * fill the light modules between them, and the QR no longer scans.
 */
public final class SvgLabel {
    /** Printed size of one module when the SVG is placed at its natural size. */
    static final double MODULE_MM = 0.5;
    /** Height of the band under the QR that holds the serial, in modules. */
    static final int TEXT_BAND = 5;
    private static final double MAX_FONT = 3.0;
    private static final double MONO_ADVANCE = 0.6;

    private SvgLabel() {}

    /** The SVG document for {@code code} as a string. */
    public static String toSvg(LabelCode code) {
        var out = new StringWriter(8192);
        try {
            write(code, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** Writes the SVG document for {@code code} (UTF-8 declared) to {@code out}; does not close it. */
    public static void write(LabelCode code, Writer out) throws IOException {
        out.append(render(code, QrEncoder.encode(code.url())));
    }

    /** Builds the document for an already encoded QR; used by the batch writers on worker threads. */
    static StringBuilder render(LabelCode code, QrMatrix qr) {
        int width = qr.size() + 2 * QrEncoder.QUIET_ZONE;
        int height = width + TEXT_BAND;
        var sb = new StringBuilder(256 + qr.runCount() * 16);
        sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" viewBox=\"0 0 ")
                .append(width).append(' ').append(height).append("\" width=\"").append(mm(width))
                .append("mm\" height=\"").append(mm(height)).append("mm\" shape-rendering=\"crispEdges\">\n")
                .append("<title>");
        escape(code.serial(), sb).append("</title>\n")
                .append("<rect width=\"").append(width).append("\" height=\"").append(height)
                .append("\" fill=\"#fff\"/>\n<path fill=\"#000\" stroke=\"none\" d=\"");
        appendRuns(qr, sb);
        sb.append("\"/>\n");
        appendText(code.serial(), width, sb);
        return sb.append("</svg>\n");
    }

    private static void appendRuns(QrMatrix qr, StringBuilder sb) {
        int q = QrEncoder.QUIET_ZONE;
        for (int i = 0; i < qr.runCount(); i++) {
            int len = qr.runLength(i);
            sb.append('M').append(qr.runX(i) + q).append(' ').append(qr.runY(i) + q)
                    .append('h').append(len).append("v1h-").append(len).append('z');
        }
    }

    private static void appendText(String serial, int width, StringBuilder sb) {
        double fit = 0.9 * width / (MONO_ADVANCE * Math.max(1, serial.length()));
        double font = Math.min(MAX_FONT, fit);
        sb.append("<text x=\"").append(width / 2.0).append("\" y=\"").append(width + TEXT_BAND / 2.0)
                .append("\" font-family=\"monospace\" font-size=\"").append(round2(font))
                .append("\" text-anchor=\"middle\" dominant-baseline=\"middle\" fill=\"#000\">");
        escape(serial, sb).append("</text>\n");
    }

    private static String mm(int modules) {
        return String.valueOf(round2(modules * MODULE_MM));
    }

    private static double round2(double v) {
        return Math.floor(v * 100) / 100;
    }

    /** Appends {@code text} with XML's five special characters escaped and control characters dropped. */
    static StringBuilder escape(String text, StringBuilder sb) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&apos;");
                default -> {
                    if (c >= 0x20 || c == '\t') {
                        sb.append(c);
                    }
                }
            }
        }
        return sb;
    }
}
