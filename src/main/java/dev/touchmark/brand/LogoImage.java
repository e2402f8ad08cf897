package dev.touchmark.brand;

import dev.touchmark.error.ValidationException;
import dev.touchmark.image.SafeImageReader;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/**
 * A brand's logo, re-encoded for the verification page: whatever was uploaded (PNG, JPEG, GIF or BMP) is decoded,
 * scaled to fit {@link #MAX_WIDTH} x {@link #MAX_HEIGHT} (twice the size it is shown at, for sharp phone screens) and
 * written as a PNG of at most {@link #MAX_BYTES}, so the page stays light whatever the upload was. Nothing of the
 * upload but its pixels survives (no metadata, no script in an SVG, no oversized file). The upload is read with
 * {@link SafeImageReader}, which checks the header's pixel count before any pixel is decoded.
 */
public record LogoImage(byte[] png, int width, int height) {
    /** Widest logo kept, in pixels; shown at half this width. */
    public static final int MAX_WIDTH = 480;
    /** Tallest logo kept, in pixels; shown at half this height. */
    public static final int MAX_HEIGHT = 160;
    /** Largest re-encoded logo: with the page's own 15 KB, a verification page stays far below 50 KB. */
    public static final int MAX_BYTES = 30 * 1024;
    /** Largest upload read. */
    public static final int MAX_UPLOAD_BYTES = 900 * 1024;
    /** Largest image decoded, in pixels as its header declares them. */
    static final long MAX_PIXELS = 25_000_000L;
    /** A logo shrunk below this height to fit MAX_BYTES would be unreadable: refused instead. */
    private static final int MIN_HEIGHT = 64;

    /** The upload as a logo, or ValidationException on field "logo" saying what to change. */
    public static LogoImage of(byte[] upload) {
        if (upload == null || upload.length == 0) {
            throw ValidationException.of("logo", "is empty: send the image file as the request body");
        }
        if (upload.length > MAX_UPLOAD_BYTES) {
            throw ValidationException.of("logo", "is " + upload.length / 1024 + " KB; send at most "
                    + MAX_UPLOAD_BYTES / 1024 + " KB (it is made smaller here anyway)");
        }
        BufferedImage image = decode(upload);
        double fit = Math.min(1.0, Math.min((double) MAX_WIDTH / image.getWidth(), (double) MAX_HEIGHT / image.getHeight()));
        int width = Math.max(1, (int) Math.round(image.getWidth() * fit));
        int height = Math.max(1, (int) Math.round(image.getHeight() * fit));
        while (true) {
            byte[] png = png(scale(image, width, height));
            if (png.length <= MAX_BYTES) {
                return new LogoImage(png, width, height);
            }
            if (height * 3 / 4 < Math.min(MIN_HEIGHT, height)) {
                throw ValidationException.of("logo", "is too detailed to stay under " + MAX_BYTES / 1024
                        + " KB even when small; use a logo with flat colours (a photo is not a logo)");
            }
            width = Math.max(1, width * 3 / 4);
            height = Math.max(1, height * 3 / 4);
        }
    }

    private static BufferedImage decode(byte[] upload) {
        try (SafeImageReader reader = SafeImageReader.open(new ByteArrayInputStream(upload), MAX_PIXELS)) {
            // A huge upload is subsampled while it is read: only about twice the kept size is ever in memory.
            int step = Math.max(1, Math.min(reader.width() / (2 * MAX_WIDTH), reader.height() / (2 * MAX_HEIGHT)));
            BufferedImage image = reader.read(step);
            if (image == null) {
                throw new IOException("no image in the file");
            }
            return image;
        } catch (SafeImageReader.Refused e) {
            throw switch (e.reason()) {
                case NOT_IMAGE -> ValidationException.of("logo", "is not an image: send a PNG, JPEG or GIF file");
                case OTHER_FORMAT -> ValidationException.of("logo", "is a " + e.format()
                        + " image: send a PNG, JPEG or GIF file");
                case NO_PIXELS, TOO_MANY_PIXELS -> ValidationException.of("logo", "has " + e.pixels()
                        + " pixels; send at most " + MAX_PIXELS / 1_000_000 + " million");
            };
        } catch (IOException | RuntimeException e) {
            throw ValidationException.of("logo", "could not be read as an image (" + shortReason(e)
                    + "): send an undamaged PNG, JPEG or GIF file");
        }
    }

    private static String shortReason(Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.length() > 80 ? message.substring(0, 80) : message;
    }

    /** Scales in halving steps, then once bilinearly: a large logo shrunk in one step would lose its thin lines. */
    private static BufferedImage scale(BufferedImage source, int width, int height) {
        BufferedImage current = argb(source);
        while (current.getWidth() / 2 >= width && current.getHeight() / 2 >= height) {
            current = draw(current, current.getWidth() / 2, current.getHeight() / 2);
        }
        return current.getWidth() == width && current.getHeight() == height ? current : draw(current, width, height);
    }

    private static BufferedImage argb(BufferedImage source) {
        if (source.getType() == BufferedImage.TYPE_INT_ARGB) {
            return source;
        }
        return draw(source, source.getWidth(), source.getHeight());
    }

    private static BufferedImage draw(BufferedImage source, int width, int height) {
        BufferedImage target = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = target.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(source, 0, 0, width, height, null);
        } finally {
            g.dispose();
        }
        return target;
    }

    /** PNG bytes; an opaque logo is written without its alpha channel (a quarter smaller). */
    private static byte[] png(BufferedImage image) {
        BufferedImage out = image;
        if (opaque(image)) {
            out = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
            Graphics2D g = out.createGraphics();
            g.drawImage(image, 0, 0, null);
            g.dispose();
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(16 * 1024);
        try {
            ImageIO.write(out, "png", bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static boolean opaque(BufferedImage image) {
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) >>> 24) != 0xff) {
                    return false;
                }
            }
        }
        return true;
    }
}
