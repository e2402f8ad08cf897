package dev.touchmark.testsupport;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/** Images as brands upload them. */
public final class TestImages {
    private TestImages() {
    }

    /** A wide logo (a disc and a word) on a transparent background, as a PNG of width x height pixels. */
    public static byte[] logo(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(0x7a, 0x1f, 0x5c));
        g.fillOval(height / 10, height / 10, height * 8 / 10, height * 8 / 10);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, height * 2 / 5));
        g.drawString("MAISON", height, height * 2 / 3);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
