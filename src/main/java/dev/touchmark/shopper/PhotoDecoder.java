package dev.touchmark.shopper;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.LuminanceSource;
import com.google.zxing.PlanarYUVLuminanceSource;
import com.google.zxing.ReaderException;
import com.google.zxing.Result;
import com.google.zxing.common.GlobalHistogramBinarizer;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.multi.qrcode.QRCodeMultiReader;
import com.google.zxing.qrcode.QRCodeReader;
import dev.touchmark.image.SafeImageReader;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * Reads the QR code in a shopper's photo with ImageIO and ZXing. The photo is opened with {@link SafeImageReader}
 * (only PNG, JPEG, GIF and BMP; the pixel count is checked from the header before any pixel is decoded), and big
 * photos are subsampled while they are read, so memory stays near one RGB and one grey copy of {@link #WORK_EDGE}².
 */
public final class PhotoDecoder {
    /** Largest photo accepted, in pixels (width × height) as its header declares it. */
    public static final long MAX_PIXELS = 40_000_000L;
    /** Longest edge the decoder works on; larger photos are subsampled while being read. */
    static final int WORK_EDGE = 2048;
    private static final Map<DecodeHintType, Object> HINTS = Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE);

    /** What a photo gave. */
    public sealed interface Outcome {
    }

    /** The text of a QR code in the photo. */
    public record Decoded(String text) implements Outcome {
    }

    /** A readable image without a readable QR code. */
    public record NoCode() implements Outcome {
    }

    /** Not an image of an accepted format, or a damaged one. */
    public record NotImage(String why) implements Outcome {
    }

    /** An image with more pixels than {@link #MAX_PIXELS}. */
    public record TooManyPixels(long pixels) implements Outcome {
    }

    private PhotoDecoder() {
    }

    /**
     * Decodes the photo in a stream (not closed). Never throws for bad input: it says what the bytes were. A big
     * photo is read subsampled to {@link #WORK_EDGE}; if that finds nothing, its middle quarter (where a shopper
     * aims) is read again at up to full resolution, for a label that is small in the picture.
     */
    public static Outcome decode(InputStream in) {
        try (SafeImageReader reader = SafeImageReader.open(in, MAX_PIXELS)) {
            int width = reader.width();
            int height = reader.height();
            BufferedImage whole = read(reader, new Rectangle(0, 0, width, height));
            if (whole == null) {
                return new NotImage("the image could not be decoded");
            }
            String text = decodeQr(grey(whole));
            if (text == null && Math.max(width, height) > WORK_EDGE) {
                whole = null; // let it go before reading the middle
                BufferedImage middle = read(reader, new Rectangle(width / 4, height / 4, width / 2, height / 2));
                text = middle == null ? null : decodeQr(grey(middle));
            }
            return text == null ? new NoCode() : new Decoded(text);
        } catch (SafeImageReader.Refused e) {
            return switch (e.reason()) {
                case NOT_IMAGE, OTHER_FORMAT -> new NotImage("not a PNG, JPEG, GIF or BMP image");
                case NO_PIXELS -> new NotImage("the image has no pixels");
                case TOO_MANY_PIXELS -> new TooManyPixels(e.pixels());
            };
        } catch (IOException | RuntimeException e) {
            // ImageIO's readers throw IIOException, and sometimes runtime exceptions, on damaged files.
            return new NotImage(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /** A region of the image, subsampled so that its longer edge is at most WORK_EDGE. */
    private static BufferedImage read(SafeImageReader reader, Rectangle region) throws IOException {
        int step = Math.max(1, (Math.max(region.width, region.height) + WORK_EDGE - 1) / WORK_EDGE);
        return reader.read(region, step);
    }

    /** The image as 8-bit grey on white (transparent pixels become white). */
    private static BufferedImage grey(BufferedImage image) {
        if (image.getType() == BufferedImage.TYPE_BYTE_GRAY) {
            return image;
        }
        BufferedImage grey = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = grey.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_SPEED);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            g.drawImage(image, 0, 0, null);
        } finally {
            g.dispose();
        }
        return grey;
    }

    /** The QR text, trying ZXing's readers and binarizers from cheapest to most forgiving; null if none reads. */
    private static String decodeQr(BufferedImage grey) {
        byte[] pixels = ((DataBufferByte) grey.getRaster().getDataBuffer()).getData();
        int width = grey.getWidth();
        int height = grey.getHeight();
        if (pixels.length != width * height) { // a sub-image or padded raster: copy to a tight buffer
            pixels = new byte[width * height];
            grey.getRaster().getDataElements(0, 0, width, height, pixels);
        }
        LuminanceSource source = new PlanarYUVLuminanceSource(pixels, width, height, 0, 0, width, height, false);
        for (LuminanceSource s : new LuminanceSource[] {source, source.invert()}) {
            for (BinaryBitmap bitmap : new BinaryBitmap[] {new BinaryBitmap(new HybridBinarizer(s)),
                    new BinaryBitmap(new GlobalHistogramBinarizer(s))}) {
                String text = read(bitmap);
                if (text != null) {
                    return text;
                }
            }
        }
        return null;
    }

    private static String read(BinaryBitmap bitmap) {
        try {
            return new QRCodeReader().decode(bitmap, HINTS).getText();
        } catch (ReaderException | RuntimeException e) {
            // QRCodeReader misplaces the grid on a few perfect symbols; the multi-reader's detector reads them.
        }
        try {
            Result[] results = new QRCodeMultiReader().decodeMultiple(bitmap, HINTS);
            return results.length == 0 ? null : results[0].getText();
        } catch (ReaderException | RuntimeException e) {
            return null;
        }
    }
}
