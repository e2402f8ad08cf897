package dev.touchmark.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class SafeImageReaderTest {
    private static final long PLENTY = 1_000_000L;

    @Test
    void readsPngJpegGifAndBmpAndKnowsTheirSizeFromTheHeader() throws Exception {
        for (String format : new String[] {"png", "jpeg", "gif", "bmp"}) {
            try (SafeImageReader reader = open(encode(halves(30, 20), format), PLENTY)) {
                assertEquals(30, reader.width(), format);
                assertEquals(20, reader.height(), format);
                BufferedImage image = reader.read(1);
                assertEquals(30, image.getWidth(), format);
                assertEquals(20, image.getHeight(), format);
            }
        }
    }

    @Test
    void readsARegionKeepingEveryStepthPixel() throws Exception {
        try (SafeImageReader reader = open(encode(halves(100, 80), "png"), PLENTY)) {
            BufferedImage right = reader.read(new Rectangle(50, 0, 50, 80), 5);
            assertEquals(10, right.getWidth());
            assertEquals(16, right.getHeight());
            assertEquals(0x0000ff, right.getRGB(0, 0) & 0xffffff, "the region starts in the blue half");
            BufferedImage whole = reader.read(4);
            assertEquals(25, whole.getWidth(), "the stream can be read again after a region");
            assertEquals(0xff0000, whole.getRGB(0, 0) & 0xffffff);
        }
    }

    @Test
    void aHeaderDeclaringTooManyPixelsIsRefusedWithoutDecodingAny() throws Exception {
        // A PNG header for 100000 x 100000 pixels with no pixel data behind it: decoding would fail, refusing does not.
        SafeImageReader.Refused refused = assertThrows(SafeImageReader.Refused.class,
                () -> open(pngHeaderOnly(100_000, 100_000), 25_000_000L));
        assertEquals(SafeImageReader.Refused.Reason.TOO_MANY_PIXELS, refused.reason());
        assertEquals(10_000_000_000L, refused.pixels());
        assertEquals("png", refused.format());
    }

    @Test
    void theLimitItselfIsAllowed() throws Exception {
        byte[] png = encode(halves(100, 100), "png");
        try (SafeImageReader reader = open(png, 10_000)) {
            assertEquals(100, reader.width());
        }
        assertEquals(10_000, assertThrows(SafeImageReader.Refused.class, () -> open(png, 9_999)).pixels());
    }

    @Test
    void otherFormatsAreRefusedByTheirName() throws Exception {
        SafeImageReader.Refused tiff = assertThrows(SafeImageReader.Refused.class,
                () -> open(encode(halves(10, 10), "tiff"), PLENTY));
        assertEquals(SafeImageReader.Refused.Reason.OTHER_FORMAT, tiff.reason());
        assertTrue(tiff.format().startsWith("tif"), tiff.format());
    }

    @Test
    void bytesNoReaderKnowsAreNotAnImage() {
        for (byte[] bytes : new byte[][] {new byte[0], "<svg xmlns='http://www.w3.org/2000/svg'/>".getBytes(StandardCharsets.UTF_8)}) {
            SafeImageReader.Refused refused = assertThrows(SafeImageReader.Refused.class, () -> open(bytes, PLENTY));
            assertEquals(SafeImageReader.Refused.Reason.NOT_IMAGE, refused.reason());
            assertEquals(null, refused.format());
        }
    }

    @Test
    void aDamagedHeaderOrBodyThrowsIoException() throws Exception {
        byte[] png = encode(halves(200, 200), "png");
        assertThrows(IOException.class, () -> open(Arrays.copyOf(png, 20), PLENTY), "cut inside the header");
        try (SafeImageReader reader = open(Arrays.copyOf(png, png.length / 2), PLENTY)) {
            assertEquals(200, reader.width(), "the header is whole");
            assertThrows(IOException.class, () -> reader.read(1), "the pixels are not");
        }
    }

    @Test
    void closingLeavesTheCallersStreamOpen() throws Exception {
        boolean[] closed = {false};
        InputStream in = new FilterInputStream(new ByteArrayInputStream(encode(halves(10, 10), "png"))) {
            @Override
            public void close() throws IOException {
                closed[0] = true;
                super.close();
            }
        };
        SafeImageReader.open(in, PLENTY).close();
        assertFalse(closed[0]);
        assertThrows(SafeImageReader.Refused.class, () -> SafeImageReader.open(in, 1));
        assertFalse(closed[0], "nor does a refusal close it");
    }

    @Test
    void theAcceptedFormatsAreTheFourEveryBrowserShows() {
        assertArrayEquals(new String[] {"bmp", "gif", "jpeg", "png"}, SafeImageReader.FORMATS.stream().sorted().toArray());
    }

    private static SafeImageReader open(byte[] bytes, long maxPixels) throws SafeImageReader.Refused, IOException {
        return SafeImageReader.open(new ByteArrayInputStream(bytes), maxPixels);
    }

    /** Red on the left half, blue on the right. */
    private static BufferedImage halves(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < width; x++) {
            for (int y = 0; y < height; y++) {
                image.setRGB(x, y, x < width / 2 ? 0xff0000 : 0x0000ff);
            }
        }
        return image;
    }

    private static byte[] encode(BufferedImage image, String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertTrue(ImageIO.write(image, format, out), format);
        return out.toByteArray();
    }

    /** The PNG signature and an IHDR chunk (8-bit greyscale), nothing else. */
    private static byte[] pngHeaderOnly(int width, int height) {
        byte[] data = ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).put((byte) 0).array();
        ByteBuffer chunk = ByteBuffer.allocate(4 + 13);
        chunk.put("IHDR".getBytes(StandardCharsets.US_ASCII)).put(data);
        CRC32 crc = new CRC32();
        crc.update(chunk.array());
        return ByteBuffer.allocate(8 + 4 + 17 + 4)
                .put(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'})
                .putInt(13).put(chunk.array()).putInt((int) crc.getValue()).array();
    }
}
