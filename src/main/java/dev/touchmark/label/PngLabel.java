package dev.touchmark.label;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import javax.imageio.ImageIO;

/**
 * One code as a greyscale PNG: the QR with its 4-module quiet zone and the serial under it, drawn with
 * AWT (works with {@code java.awt.headless=true}; needs at least one installed font for the text).
 */
public final class PngLabel {
    /** Smallest and largest accepted pixels per QR module. */
    public static final int MIN_PIXELS_PER_MODULE = 1;
    public static final int MAX_PIXELS_PER_MODULE = 40;
    private static final int MIN_TEXT_BAND_PX = 12;

    private PngLabel() {}

    /**
     * Writes the PNG for {@code code}, each QR module {@code pixelsPerModule} pixels wide; does not close
     * {@code out}.
     *
     * @throws IllegalArgumentException if pixelsPerModule is outside 1..40
     */
    public static void write(LabelCode code, int pixelsPerModule, OutputStream out) throws IOException {
        if (pixelsPerModule < MIN_PIXELS_PER_MODULE || pixelsPerModule > MAX_PIXELS_PER_MODULE) {
            throw new IllegalArgumentException("pixelsPerModule must be between " + MIN_PIXELS_PER_MODULE
                    + " and " + MAX_PIXELS_PER_MODULE + ", was " + pixelsPerModule);
        }
        BufferedImage image = render(code, QrEncoder.encode(code.url()), pixelsPerModule);
        ImageIO.setUseCache(false);
        if (!ImageIO.write(image, "png", out)) {
            throw new IOException("no PNG writer available in this JVM");
        }
    }

    static BufferedImage render(LabelCode code, QrMatrix qr, int ppm) {
        int side = (qr.size() + 2 * QrEncoder.QUIET_ZONE) * ppm;
        int band = Math.max(MIN_TEXT_BAND_PX, 5 * ppm);
        var image = new BufferedImage(side, side + band, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, side, side + band);
            g.setColor(Color.BLACK);
            int q = QrEncoder.QUIET_ZONE;
            for (int i = 0; i < qr.runCount(); i++) {
                g.fillRect((qr.runX(i) + q) * ppm, (qr.runY(i) + q) * ppm, qr.runLength(i) * ppm, ppm);
            }
            drawSerial(g, code.serial(), side, band);
        } finally {
            g.dispose();
        }
        return image;
    }

    private static void drawSerial(Graphics2D g, String serial, int width, int band) {
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        int size = Math.max(6, band * 7 / 10);
        g.setFont(new Font(Font.MONOSPACED, Font.PLAIN, size));
        var metrics = g.getFontMetrics();
        int textWidth = metrics.stringWidth(serial);
        if (textWidth > width * 9 / 10 && textWidth > 0) {
            g.setFont(g.getFont().deriveFont(Math.max(4f, size * (width * 0.9f) / textWidth)));
            metrics = g.getFontMetrics();
            textWidth = metrics.stringWidth(serial);
        }
        int baseline = width + (band + metrics.getAscent() - metrics.getDescent()) / 2;
        g.drawString(serial, (width - textWidth) / 2, baseline);
    }
}
