package dev.touchmark.image;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * An uploaded image opened for reading without trusting it: only PNG, JPEG, GIF and BMP are read (the format is
 * sniffed from the bytes, never taken from a name or a content type), metadata is ignored, and the pixel count the
 * header declares is checked before any pixel is decoded, so a small file cannot make the server decode a pixel
 * bomb. Pixels are then read subsampled, a region at a time if wanted, so memory follows what the caller keeps.
 */
public final class SafeImageReader implements AutoCloseable {
    /** The formats read, as ImageIO names them. */
    public static final Set<String> FORMATS = Set.of("png", "jpeg", "gif", "bmp");
    private final ImageInputStream stream;
    private final ImageReader reader;
    private final int width;
    private final int height;

    private SafeImageReader(ImageInputStream stream, ImageReader reader, int width, int height) {
        this.stream = stream;
        this.reader = reader;
        this.width = width;
        this.height = height;
    }

    /**
     * Opens the first image in a stream (which {@link #close} leaves open), reading its header and no pixel.
     * Throws {@link Refused} for bytes that are not an image of an accepted format, or whose header declares no
     * pixels or more than {@code maxPixels}; IOException (and, from some ImageIO readers, a RuntimeException) for a
     * damaged header.
     */
    public static SafeImageReader open(InputStream in, long maxPixels) throws Refused, IOException {
        ImageInputStream stream = ImageIO.createImageInputStream(in);
        if (stream == null) {
            throw new Refused(Refused.Reason.NOT_IMAGE, null, 0);
        }
        ImageReader reader = null;
        boolean opened = false;
        try {
            reader = readerFor(stream);
            // Not seek-forward-only: a caller may read a region again after reading the whole image.
            reader.setInput(stream, false, true);
            int w = reader.getWidth(0);
            int h = reader.getHeight(0);
            long pixels = (long) w * h;
            if (w <= 0 || h <= 0) {
                throw new Refused(Refused.Reason.NO_PIXELS, reader.getFormatName(), pixels);
            }
            if (pixels > maxPixels) {
                throw new Refused(Refused.Reason.TOO_MANY_PIXELS, reader.getFormatName(), pixels);
            }
            opened = true;
            return new SafeImageReader(stream, reader, w, h);
        } finally {
            if (!opened) {
                if (reader != null) {
                    reader.dispose();
                }
                stream.close();
            }
        }
    }

    /** Width in pixels, as the header declares it. */
    public int width() {
        return width;
    }

    /** Height in pixels, as the header declares it. */
    public int height() {
        return height;
    }

    /** The whole image, keeping every {@code step}-th pixel each way; null if the reader gave nothing. */
    public BufferedImage read(int step) throws IOException {
        return read(new Rectangle(0, 0, width, height), step);
    }

    /** A region of the image, keeping every {@code step}-th pixel each way; null if the reader gave nothing. */
    public BufferedImage read(Rectangle region, int step) throws IOException {
        ImageReadParam param = reader.getDefaultReadParam();
        param.setSourceRegion(region);
        param.setSourceSubsampling(Math.max(1, step), Math.max(1, step), 0, 0);
        return reader.read(0, param);
    }

    /** Lets go of the reader and its buffers; the stream given to {@link #open} stays open. */
    @Override
    public void close() throws IOException {
        reader.dispose();
        stream.close();
    }

    /** The first reader of an accepted format for the stream's bytes. */
    private static ImageReader readerFor(ImageInputStream stream) throws Refused {
        Iterator<ImageReader> readers = ImageIO.getImageReaders(stream);
        String otherFormat = null;
        while (readers.hasNext()) {
            ImageReader reader = readers.next();
            try {
                String format = reader.getFormatName().toLowerCase(Locale.ROOT);
                if (FORMATS.contains(format)) {
                    return reader;
                }
                otherFormat = otherFormat == null ? format : otherFormat;
            } catch (IOException e) {
                // a reader that cannot name its format is skipped; the next one may read the bytes
            }
            reader.dispose();
        }
        if (otherFormat != null) {
            throw new Refused(Refused.Reason.OTHER_FORMAT, otherFormat, 0);
        }
        throw new Refused(Refused.Reason.NOT_IMAGE, null, 0);
    }

    /** An upload refused from its first bytes or its header, before any pixel was decoded. */
    public static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        /** What made the upload unacceptable. */
        public enum Reason {
            /** No image reader recognises the bytes. */
            NOT_IMAGE,
            /** An image, but of a format not in {@link #FORMATS} (SVG is not an image to ImageIO at all). */
            OTHER_FORMAT,
            /** The header declares a width or height of zero. */
            NO_PIXELS,
            /** The header declares more pixels than allowed. */
            TOO_MANY_PIXELS
        }

        private final Reason reason;
        private final String format;
        private final long pixels;

        Refused(Reason reason, String format, long pixels) {
            super(reason + (format == null ? "" : " (" + format + ", " + pixels + " pixels)"), null, false, false);
            this.reason = reason;
            this.format = format;
            this.pixels = pixels;
        }

        /** Why it was refused. */
        public Reason reason() {
            return reason;
        }

        /** The format recognised, in lower case; null for {@link Reason#NOT_IMAGE}. */
        public String format() {
            return format == null ? null : format.toLowerCase(Locale.ROOT);
        }

        /** Width × height as the header declares them; 0 when the header was not read. */
        public long pixels() {
            return pixels;
        }
    }
}
