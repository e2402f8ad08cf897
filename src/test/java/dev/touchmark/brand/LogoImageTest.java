package dev.touchmark.brand;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.touchmark.error.ValidationException;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class LogoImageTest {
    private static byte[] encode(BufferedImage image, String format) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, format, out);
        return out.toByteArray();
    }

    private static BufferedImage read(byte[] png) throws Exception {
        return ImageIO.read(new ByteArrayInputStream(png));
    }

    @Test
    void aLargeLogoIsScaledToFitKeepingItsShapeAndItsTransparency() throws Exception {
        LogoImage logo = LogoImage.of(BrandingContract.logoUpload(1800, 600));
        assertEquals(480, logo.width());
        assertEquals(160, logo.height());
        assertTrue(logo.png().length <= LogoImage.MAX_BYTES, logo.png().length + " bytes");
        BufferedImage back = read(logo.png());
        assertEquals(480, back.getWidth());
        assertEquals(0, back.getRGB(479, 0) >>> 24, "the transparent corner stays transparent");
        assertTrue(back.getColorModel().hasAlpha());
    }

    @Test
    void aSmallJpegLogoKeepsItsSizeAndBecomesAnOpaquePng() throws Exception {
        BufferedImage image = new BufferedImage(200, 80, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < 200; x++) {
            for (int y = 0; y < 80; y++) {
                image.setRGB(x, y, x < 100 ? 0x003366 : 0xffcc00);
            }
        }
        LogoImage logo = LogoImage.of(encode(image, "jpeg"));
        assertEquals(200, logo.width());
        assertEquals(80, logo.height());
        BufferedImage back = read(logo.png());
        assertTrue(!back.getColorModel().hasAlpha(), "an opaque logo is written without an alpha channel");
    }

    @Test
    void aPhotoTooDetailedForTheBudgetIsShrunkUntilItFitsOrRefused() throws Exception {
        BufferedImage noise = new BufferedImage(720, 240, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(7);
        for (int x = 0; x < noise.getWidth(); x++) {
            for (int y = 0; y < noise.getHeight(); y++) {
                noise.setRGB(x, y, random.nextInt(0x1000000));
            }
        }
        ValidationException e = assertThrows(ValidationException.class, () -> LogoImage.of(encode(noise, "png")));
        assertTrue(e.errors().get(0).message().contains("flat colours"), e.errors().get(0).message());

        BufferedImage gradient = new BufferedImage(960, 320, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < gradient.getWidth(); x++) {
            for (int y = 0; y < gradient.getHeight(); y++) {
                gradient.setRGB(x, y, ((x * 255 / 960) << 16) | ((y * 255 / 320) << 8) | 0x80);
            }
        }
        LogoImage shrunk = LogoImage.of(encode(gradient, "png"));
        assertTrue(shrunk.png().length <= LogoImage.MAX_BYTES);
        assertEquals(3.0, (double) shrunk.width() / shrunk.height(), 0.05, "the shape is kept when shrinking");
    }

    @Test
    void notAnImageAnEmptyBodyAndAPixelBombAreRefusedBeforeDecoding() throws Exception {
        assertEquals("logo", assertThrows(ValidationException.class,
                () -> LogoImage.of("<svg xmlns='http://www.w3.org/2000/svg'/>".getBytes())).errors().get(0).field());
        assertThrows(ValidationException.class, () -> LogoImage.of(new byte[0]));
        byte[] png = encode(new BufferedImage(10, 10, BufferedImage.TYPE_INT_RGB), "png");
        byte[] truncated = java.util.Arrays.copyOf(png, png.length / 2);
        assertThrows(ValidationException.class, () -> LogoImage.of(truncated));
        // 6000 x 6000 one-bit pixels: a small file whose header declares 36 million pixels.
        byte[] bomb = encode(new BufferedImage(6000, 6000, BufferedImage.TYPE_BYTE_BINARY), "png");
        assertTrue(bomb.length < LogoImage.MAX_UPLOAD_BYTES);
        ValidationException e = assertThrows(ValidationException.class, () -> LogoImage.of(bomb));
        assertTrue(e.errors().get(0).message().contains("36000000 pixels"), e.errors().get(0).message());
        assertThrows(ValidationException.class, () -> LogoImage.of(new byte[LogoImage.MAX_UPLOAD_BYTES + 1]));
    }
}
