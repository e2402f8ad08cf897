package dev.touchmark.browser;

import dev.touchmark.label.QrEncoder;
import dev.touchmark.testsupport.ScanFixtures;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;

/** What Chromium's fake camera plays: a printed label of a text, and the arguments that make it the camera. */
final class FakeCamera {
    /**
     * A square frame: html5-qrcode decodes the frame scaled to the width it is shown at (about 380 px in a phone-sized
     * window), so the narrower the frame, the larger a module stays. At 640 x 480 a compact URL's QR (version 7) kept
     * about 4 px a module, and in some CI runs the camera ran for a minute without a decode.
     */
    private static final int WIDTH = 480;
    private static final int HEIGHT = 480;

    private FakeCamera() {
    }

    /** Chromium arguments: a fake camera, allowed without asking, playing the video file. */
    static String[] arguments(Path video) {
        return new String[] {"--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream",
                "--use-file-for-fake-video-capture=" + video};
    }

    /**
     * Writes a Y4M video (YUV4MPEG2, 4:2:0, full-range "jpeg" chroma siting) of a PNG label of the text, drawn large
     * with its quiet zone in the middle of a white frame: three identical frames, which Chromium loops.
     */
    static Path labelVideo(String text, Path file) throws IOException {
        int modules = QrEncoder.encode(text).size() + 2 * QrEncoder.QUIET_ZONE;
        int pixelsPerModule = Math.max(2, Math.min(10, (HEIGHT - 24) / modules));
        BufferedImage label = ImageIO.read(new ByteArrayInputStream(ScanFixtures.label(text, pixelsPerModule)));
        BufferedImage frame = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = frame.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, HEIGHT);
            g.drawImage(label, (WIDTH - label.getWidth()) / 2, (HEIGHT - label.getHeight()) / 2, null);
        } finally {
            g.dispose();
        }
        byte[] luma = ((DataBufferByte) frame.getRaster().getDataBuffer()).getData();
        byte[] chroma = new byte[(WIDTH / 2) * (HEIGHT / 2)];
        Arrays.fill(chroma, (byte) 128);
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(("YUV4MPEG2 W" + WIDTH + " H" + HEIGHT + " F30:1 Ip A1:1 C420jpeg\n").getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < 3; i++) {
                out.write("FRAME\n".getBytes(StandardCharsets.US_ASCII));
                out.write(luma);
                out.write(chroma);
                out.write(chroma);
            }
        }
        return file;
    }
}
