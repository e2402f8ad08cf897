package dev.touchmark.label;

/** Any text as a bare QR code in SVG (dark-module runs, 4-module quiet zone, no caption), for screens. */
public final class QrSvg {
    private QrSvg() {}

    /** The SVG document; scales to its container (viewBox in modules). */
    public static String of(String text) {
        QrMatrix qr = QrEncoder.encode(text);
        int width = qr.size() + 2 * QrEncoder.QUIET_ZONE;
        var sb = new StringBuilder(256 + qr.runCount() * 16)
                .append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").append(width).append(' ').append(width)
                .append("\" shape-rendering=\"crispEdges\"><rect width=\"").append(width).append("\" height=\"").append(width)
                .append("\" fill=\"#fff\"/><path fill=\"#000\" stroke=\"none\" d=\"");
        int q = QrEncoder.QUIET_ZONE;
        for (int i = 0; i < qr.runCount(); i++) {
            int len = qr.runLength(i);
            sb.append('M').append(qr.runX(i) + q).append(' ').append(qr.runY(i) + q)
                    .append('h').append(len).append("v1h-").append(len).append('z');
        }
        return sb.append("\"/></svg>").toString();
    }
}
