package dev.touchmark.shopper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.touchmark.label.LabelCode;
import dev.touchmark.label.PngLabel;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class PhotoDecoderTest {
    private static final String URL = "HTTPS://TM.EXAMPLE/V/AGEG6D45XIJ32CYAAAAACAAAAAAEHIQUN4WSCICQTCZA2GKPZX54DFTBZNM";

    @Test
    void readsAPrintedLabel() throws IOException {
        assertEquals(new PhotoDecoder.Decoded(URL), decode(label(URL, 4)));
    }

    @Test
    void readsALabelPhotographedSmallAndTiltedInABigNoisyJpeg() throws IOException {
        // 3 px per module: too small once the photo is subsampled to 1600 px, so the middle is read again in full.
        BufferedImage label = ImageIO.read(new ByteArrayInputStream(label(URL, 3)));
        BufferedImage photo = new BufferedImage(3200, 2400, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = photo.createGraphics();
        g.setColor(new Color(0x8a6f55));
        g.fillRect(0, 0, 3200, 2400);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.rotate(Math.toRadians(12), 1600, 1200);
        g.drawImage(label, 1600 - label.getWidth() / 2, 1200 - label.getHeight() / 2, null);
        g.dispose();
        Random random = new Random(1);
        for (int i = 0; i < 50_000; i++) {
            photo.setRGB(random.nextInt(3200), random.nextInt(2400), random.nextInt(0x1000000));
        }
        ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
        ImageIO.write(photo, "jpeg", jpeg);
        assertEquals(new PhotoDecoder.Decoded(URL), decode(jpeg.toByteArray()), "read from the middle at full resolution");
    }

    @Test
    void readsWhiteOnBlack() throws IOException {
        BufferedImage label = ImageIO.read(new ByteArrayInputStream(label(URL, 4)));
        BufferedImage inverted = new BufferedImage(label.getWidth(), label.getHeight(), BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < label.getHeight(); y++) {
            for (int x = 0; x < label.getWidth(); x++) {
                inverted.setRGB(x, y, ~label.getRGB(x, y) & 0xffffff);
            }
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(inverted, "png", png);
        assertEquals(new PhotoDecoder.Decoded(URL), decode(png.toByteArray()));
    }

    @Test
    void saysWhatOtherBytesAre() throws IOException {
        byte[] random = new byte[4096];
        new Random(3).nextBytes(random);
        assertInstanceOf(PhotoDecoder.NotImage.class, decode(random));
        assertInstanceOf(PhotoDecoder.NotImage.class, decode(new byte[0]));
        byte[] png = label(URL, 4);
        byte[] truncated = java.util.Arrays.copyOf(png, 60);
        assertInstanceOf(PhotoDecoder.NotImage.class, decode(truncated));
        ByteArrayOutputStream blank = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(300, 200, BufferedImage.TYPE_BYTE_GRAY), "png", blank);
        assertInstanceOf(PhotoDecoder.NoCode.class, decode(blank.toByteArray()));
    }

    private static PhotoDecoder.Outcome decode(byte[] bytes) {
        return PhotoDecoder.decode(new ByteArrayInputStream(bytes));
    }

    private static byte[] label(String text, int pixelsPerModule) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PngLabel.write(new LabelCode(0, "SERIAL", text), pixelsPerModule, out);
        return out.toByteArray();
    }
}
